"""The evaluated-state cache (elconf.cache) never hands back a stale value.

Each test evaluates an init file through the cache, changes one kind of
input the evaluation consulted (the init file itself, a file it loads, a
file it only tests for, a directory it lists, an environment variable, a
PATH lookup, the host name, the options, elsend's own code), and evaluates
again: the value must be the new one, and the cache must say it missed.
Unchanged inputs must hit, or the cache would be useless.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from elconf import cache
from elconf.cache import CacheReport, load_config_cached
from elconf.config import LoadOptions
from elconf.types import Symbol

ROOT = Path(__file__).resolve().parents[2]


class Run:
    """Evaluate ``init`` through the cache with an environment the test controls."""

    def __init__(self, tmp_path: Path) -> None:
        self.home = tmp_path / "home"
        (self.home / ".emacs.d").mkdir(parents=True)
        self.init = tmp_path / "init.el"
        self.env = {"HOME": str(self.home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8",
                    "XDG_CACHE_HOME": str(tmp_path / "cache")}

    def __call__(self, variable: str = "my-value", **option: object) -> tuple[object, CacheReport]:
        report = CacheReport()
        options = LoadOptions(init=option.get("init", self.init), home=self.home, env=self.env,
                              no_init=bool(option.get("no_init", False)))
        loaded = load_config_cached(options, report=report)
        value = loaded.get(variable)
        return (value.name if isinstance(value, Symbol) else value), report


@pytest.fixture
def run(tmp_path: Path) -> Run:
    return Run(tmp_path)


def rewrite_keeping_stat(path: Path, text: str) -> None:
    """Change the content, keep the size and the mtime: only the content hash can tell."""
    before = path.stat()
    assert len(text.encode()) == before.st_size
    path.write_text(text)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_mtime_ns == before.st_mtime_ns


def test_a_second_run_reuses_the_state_and_gets_the_same_values(run: Run) -> None:
    run.init.write_text("(setq my-value \"one\" smtpmail-smtp-server \"mail.example.org\")\n"
                        "(defun my-fn () 42)\n(add-hook 'message-send-hook #'my-fn)\n")
    first, report = run()
    assert (first, report.hit, report.saved) == ("one", False, True)
    assert report.path is not None and report.path.parent == Path(run.env["XDG_CACHE_HOME"]) / "elsend"
    second, report = run()
    assert (second, report.hit) == ("one", True)
    loaded = load_config_cached(LoadOptions(init=run.init, home=run.home, env=run.env))
    # Functions and hooks survive: the restored interpreter still evaluates.
    assert loaded.interpreter.call_function("my-fn") == 42
    assert loaded.get("smtpmail-smtp-server") == "mail.example.org"
    assert loaded.get("message-send-hook").car.name == "my-fn"


def test_the_init_file_edited_in_place_with_the_same_size_and_mtime(run: Run) -> None:
    run.init.write_text("(setq my-value \"one\")\n")
    assert run()[0] == "one"
    rewrite_keeping_stat(run.init, "(setq my-value \"two\")\n")
    value, report = run()
    assert (value, report.hit) == ("two", False)
    assert "content" in report.why


def test_a_file_the_init_file_loads(run: Run) -> None:
    extra = run.home / "mail.el"
    extra.write_text("(setq my-value 'first)\n")
    run.init.write_text("(load \"~/mail.el\")\n")
    assert run()[0] == "first"
    assert run()[1].hit
    extra.write_text("(setq my-value 'second-value)\n")
    value, report = run()
    assert (value, report.hit) == ("second-value", False)


def test_a_file_only_tested_for_existence(run: Run) -> None:
    flag = run.home / "use-work-account"
    run.init.write_text("(setq my-value (if (file-exists-p \"~/use-work-account\") 'work 'home))\n")
    assert run()[0] == "home"
    assert run()[1].hit
    flag.write_text("")
    assert run()[0] == "work"
    flag.unlink()
    assert run()[0] == "home"


def test_a_directory_listing(run: Run) -> None:
    accounts = run.home / "accounts"
    accounts.mkdir()
    (accounts / "a.el").write_text("")
    run.init.write_text("(setq my-value (length (directory-files \"~/accounts\" nil \"\\\\.el\\\\'\")))\n")
    assert run()[0] == 1
    assert run()[1].hit
    (accounts / "b.el").write_text("")
    value, report = run()
    assert (value, report.hit) == (2, False)


def test_an_environment_variable_set_changed_and_removed(run: Run) -> None:
    run.init.write_text("(setq my-value (or (getenv \"SMTP_HOST\") \"default\"))\n")
    assert run()[0] == "default"
    run.env["UNRELATED"] = "x"          # not read by the evaluation: still a hit
    value, report = run()
    assert (value, report.hit) == ("default", True)
    run.env["SMTP_HOST"] = "smtp.one.example"
    assert run()[0] == "smtp.one.example"
    run.env["SMTP_HOST"] = "smtp.two.example"
    assert run()[0] == "smtp.two.example"
    del run.env["SMTP_HOST"]
    value, report = run()
    assert (value, report.hit) == ("default", False)


def test_the_environment_read_by_the_start_up_models(run: Run) -> None:
    """user-mail-address comes from $EMAIL at start-up: a change must show."""
    run.init.write_text(";; nothing\n")
    run.env["EMAIL"] = "one@example.org"
    assert run("user-mail-address")[0] == "one@example.org"
    run.env["EMAIL"] = "two@example.org"
    value, report = run("user-mail-address")
    assert (value, report.hit) == ("two@example.org", False)


def test_the_environment_read_when_smtpmail_loads_after_a_restore(run: Run) -> None:
    """A restored state loads smtpmail with this run's environment, not the evaluating run's:
    smtpmail-smtp-server's default reads $SMTPSERVER then (the evaluation never did)."""
    run.init.write_text("(setq my-value 1)\n(setenv \"SET_BY_INIT\" \"yes\")\n")

    def server() -> tuple[object, object, bool]:
        report = CacheReport()
        loaded = load_config_cached(LoadOptions(init=run.init, home=run.home, env=run.env), report=report)
        loaded.load_for_sending("smtpmail-send-it")
        return (loaded.get("smtpmail-smtp-server"), loaded.interpreter.env.get("SET_BY_INIT"), report.hit)

    run.env["SMTPSERVER"] = "one.example"
    assert server() == ("one.example", "yes", False)
    run.env["SMTPSERVER"] = "two.example"
    assert server() == ("two.example", "yes", True)
    run.env["SET_BY_INIT"] = "no"      # the init file's setenv still wins, as in Emacs
    assert server() == ("two.example", "yes", True)


def test_a_path_lookup(run: Run, tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    run.env["PATH"] = f"{bin_dir}:/usr/bin:/bin"
    run.init.write_text("(setq my-value (if (executable-find \"my-mailer\") 'found 'missing))\n")
    assert run()[0] == "missing"
    assert run()[1].hit
    program = bin_dir / "my-mailer"
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)
    assert run()[0] == "found"


def test_the_system_name(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    run.init.write_text("(setq my-value (system-name))\n")
    monkeypatch.setattr(socket, "gethostname", lambda: "laptop")
    assert run()[0] == "laptop"
    assert run()[1].hit
    monkeypatch.setattr(socket, "gethostname", lambda: "desktop")
    value, report = run()
    assert (value, report.hit) == ("desktop", False)


def test_the_options_that_change_evaluation(run: Run, tmp_path: Path) -> None:
    run.init.write_text("(setq my-value 'from-init)\n")
    other = tmp_path / "other.el"
    other.write_text("(setq my-value 'from-other)\n")
    assert run()[0] == "from-init"
    assert run(init=other)[0] == "from-other"
    assert run()[0] == "from-init"
    value, report = run(init=None, no_init=True)
    assert value is not None and value != "from-init"
    assert not report.hit


def test_elsends_own_code(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Any change to a file of the elconf or smtp packages changes the fingerprint."""
    import shutil

    copy = tmp_path / "code"
    for package in ("elconf", "smtp"):
        shutil.copytree(ROOT / package, copy / package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache, "_package_dirs", lambda: (str(copy / "elconf"), str(copy / "smtp")))
    before = cache.source_fingerprint()
    assert cache.source_fingerprint() == before
    target = copy / "elconf" / "builtins" / "strings.py"
    target.write_text(target.read_text() + "\n# changed\n")
    assert cache.source_fingerprint() != before
    run.init.write_text("(setq my-value 1)\n")
    run()
    assert run()[1].hit
    (copy / "smtp" / "new_module.py").write_text("")
    value, report = run()
    assert (value, report.hit, report.why) == (1, False, "elsend's code changed")


def test_an_evaluation_that_reads_the_clock_is_not_kept(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    from elconf.builtins import BUILTINS
    from elconf.interpreter import Builtin
    from elconf.types import intern

    monkeypatch.setitem(BUILTINS, intern("test-clock-seconds"),
                        Builtin("test-clock-seconds", lambda ip: int(time.time())))
    run.init.write_text("(setq my-value (test-clock-seconds))\n")
    value, report = run()
    assert isinstance(value, int)
    assert (report.saved, report.why) == (False, "the evaluation consulted the clock")
    assert not run()[1].hit


def test_disabled_by_the_environment_and_the_option(run: Run) -> None:
    run.init.write_text("(setq my-value 1)\n")
    run.env["ELSEND_NO_CACHE"] = "1"
    value, report = run()
    assert (value, report.saved, report.why) == (1, False, "disabled")
    assert not (Path(run.env["XDG_CACHE_HOME"]) / "elsend").exists()
    report = CacheReport()
    del run.env["ELSEND_NO_CACHE"]
    load_config_cached(LoadOptions(init=run.init, home=run.home, env=run.env), use_cache=False,
                       report=report)
    assert report.why == "disabled"


def test_a_cache_file_others_can_write_is_not_loaded(run: Run) -> None:
    run.init.write_text("(setq my-value 1)\n")
    _value, report = run()
    assert report.path is not None
    report.path.chmod(0o666)
    assert not run()[1].hit
    assert oct(report.path.stat().st_mode & 0o777) == oct(0o600)   # rewritten private
    assert oct(report.path.parent.stat().st_mode & 0o777) == oct(0o700)


def test_a_damaged_cache_file_is_a_miss(run: Run) -> None:
    run.init.write_text("(setq my-value 1)\n")
    _value, report = run()
    assert report.path is not None
    data = report.path.read_bytes()
    report.path.write_bytes(data[:len(data) // 2])
    value, report = run()
    assert (value, report.hit) == (1, False)


# -- end to end: elsend sends with the new value ------------------------------------------

def test_elsend_sends_with_a_changed_setting_between_two_sends(tmp_path: Path) -> None:
    """Two sends through real elsend processes; the server changes between them."""
    from smtp.sink import running_sink

    home = tmp_path / "home"
    (home / ".emacs.d").mkdir(parents=True)
    message = tmp_path / "m.eml"
    message.write_text("From: alice@example.org\nTo: bob@example.net\nSubject: x\n\nbody\n")
    init = tmp_path / "init.el"
    init.write_text("(setq send-mail-function 'smtpmail-send-it\n"
                    "      message-send-mail-function 'smtpmail-send-it\n"
                    "      smtpmail-smtp-server \"127.0.0.1\"\n"
                    "      smtpmail-smtp-service (string-to-number (getenv \"TEST_PORT\"))\n"
                    "      smtpmail-stream-type 'plain)\n")
    env = {"HOME": str(home), "PATH": os.environ.get("PATH", ""), "LANG": "C.UTF-8",
           "XDG_CACHE_HOME": str(tmp_path / "cache"), "PYTHONPATH": str(ROOT)}
    with running_sink(keep_data=False) as first, running_sink(keep_data=False) as second:
        for sink, via in ((first, "mail"), (first, "message"), (second, "mail"), (second, "message")):
            done = subprocess.run([sys.executable, "-m", "smtp.cli", "--init", str(init), "--via", via,
                                   str(message)], env={**env, "TEST_PORT": str(sink.port)},
                                  capture_output=True, text=True, timeout=60)
            assert done.returncode == 0, done.stderr
        assert (len(first.messages), len(second.messages)) == (2, 2)
    assert len(list((tmp_path / "cache" / "elsend").glob("state-*"))) == 1


def test_the_init_file_emacs_would_find_changes(run: Run) -> None:
    """Without --init, discovery's existence tests are observations too."""
    (run.home / ".emacs.d" / "init.el").write_text("(setq my-value 'init-el)\n")
    assert run(init=None)[0] == "init-el"
    assert run(init=None)[1].hit
    (run.home / ".emacs").write_text("(setq my-value 'dot-emacs)\n")   # ~/.emacs comes first
    value, report = run(init=None)
    assert (value, report.hit) == ("dot-emacs", False)


def test_every_load_option_is_part_of_the_key(run: Run) -> None:
    """An option added to LoadOptions changes the key without a change to the cache."""
    from elconf.cache import _identity
    from elconf.records import fields, replace

    base = LoadOptions(init=run.init, home=run.home, env=run.env)
    for name in fields(base):
        if name in ("env", "home"):
            continue
        value = getattr(base, name)
        other = (not value if isinstance(value, bool) else ("subr-x",) if name == "require"
                 else run.init.with_name("other.el"))
        assert _identity(replace(base, **{name: other}), run.home) != _identity(base, run.home), name
    assert _identity(base, run.home) != _identity(base, run.home / "elsewhere")
