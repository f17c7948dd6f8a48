"""A route setting named only in a form elconf skipped is unknown to a send, not a default.

DEVELOPERS.md's first principle: what elconf cannot evaluate is its gap,
never the user's loss.  A form of a package elconf does not model (setup.el's
``setup``, leaf, general.el, a Doom macro) may set the mail variables it
names; when no evaluated form set them, a send must stop with the form's
place (exit 78), not use smtpmail's defaults (port 25, no TLS) or blame the
user for leaving them unset.  Variables the user set with evaluated forms
send exactly as before.  ``elconf get`` still shows the values as evaluated.
Each shape is one that real dotfiles have.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from elconf.config import LoadOptions, load_config
from elconf.skipped import mail_names_in
from elconf.reader import read_forms
from smtp import cli, fastpath
from smtp.sink import running_sink

MESSAGE = ("From: Alice <alice@example.org>\nTo: bob@example.net\nSubject: skipped\n"
           "Date: Sat, 28 Nov 2026 12:00:00 +0000\nMessage-Id: <skipped@example.org>\n\nbody\n")

IDENTITY = '(setq user-mail-address "alice@example.org")\n'

#: name -> (the skipped form, the route variables it names in the order the message
#: lists them).  {port} is the sink's.
SHAPES = {
    "setup.el :option": ("""\
(require 'setup)
(setup smtpmail
  (:option smtpmail-smtp-server "127.0.0.1"
           smtpmail-smtp-service {port}
           smtpmail-stream-type 'plain
           send-mail-function #'smtpmail-send-it))
""", ["send-mail-function", "smtpmail-smtp-server", "smtpmail-smtp-service", "smtpmail-stream-type"]),
    "leaf :custom": ("""\
(leaf smtpmail
  :ensure nil
  :custom ((smtpmail-smtp-server . "127.0.0.1")
           (smtpmail-smtp-service . {port})
           (smtpmail-stream-type . 'plain)
           (send-mail-function . 'smtpmail-send-it)))
""", ["send-mail-function", "smtpmail-smtp-server", "smtpmail-smtp-service", "smtpmail-stream-type"]),
    "leaf :setq": ("""\
(leaf sendmail
  :setq ((send-mail-function . 'smtpmail-send-it))
  :config (leaf smtpmail :setq ((smtpmail-smtp-server . "127.0.0.1")
                                (smtpmail-smtp-service . {port}))))
""", ["send-mail-function", "smtpmail-smtp-server", "smtpmail-smtp-service"]),
    "Doom setq-hook!": ("""\
(setq-hook! 'message-mode-hook
  send-mail-function 'smtpmail-send-it
  smtpmail-smtp-server "127.0.0.1"
  smtpmail-smtp-service {port})
""", ["send-mail-function", "smtpmail-smtp-server", "smtpmail-smtp-service"]),
    "general-setq": ("""\
(general-setq send-mail-function 'smtpmail-send-it
              smtpmail-smtp-server "127.0.0.1"
              smtpmail-smtp-service {port})
""", ["send-mail-function", "smtpmail-smtp-server", "smtpmail-smtp-service"]),
}


def plain_setqs(port: int, names: list[str]) -> str:
    """The same settings, each with a plain setq (what the refusal's hint asks for)."""
    values = {"send-mail-function": "'smtpmail-send-it", "smtpmail-smtp-server": '"127.0.0.1"',
              "smtpmail-smtp-service": str(port), "smtpmail-stream-type": "'plain"}
    return "".join(f"(setq {name} {values[name]})\n" for name in names)


class Elsend:
    """elsend's main() in this process, with a private HOME and cache."""

    def __init__(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                 capsys: pytest.CaptureFixture[str]) -> None:
        self.home = tmp_path / "home"
        self.home.mkdir()
        self.init = self.home / "init.el"
        self.message = tmp_path / "m.eml"
        self.message.write_text(MESSAGE)
        self.capsys = capsys
        for name in ("EMAIL", "NAME", "SMTPSERVER", "ELSEND_NO_CACHE"):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("HOME", str(self.home))
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
        monkeypatch.chdir(tmp_path)

    def __call__(self, *args: str) -> tuple[int, str, str]:
        """Run elsend on the message: (exit code, stdout, stderr)."""
        self.capsys.readouterr()
        code = cli.main(["--init", str(self.init), *args, str(self.message)])
        out, err = self.capsys.readouterr()
        return code, out, err


@pytest.fixture
def elsend(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Elsend:
    return Elsend(tmp_path, monkeypatch, capsys)


def form_line(text: str, head: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith(head))


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_unset_route_named_in_a_skipped_form_is_refused_with_its_place(elsend: Elsend, shape: str) -> None:
    form, names = SHAPES[shape]
    with running_sink() as sink:
        text = IDENTITY + form.format(port=sink.port)
        elsend.init.write_text(text)
        head = "(" + form.split()[0].lstrip("(") if not form.startswith("(require") else "(setup"
        line = form_line(text, head)
        for args in ((), ("--dry-run",), ()):      # the third run reads the kept state
            code, out, err = elsend(*args)
            assert code == 78, err
            first, hint = err.strip().splitlines()
            assert first.startswith(f"elsend: {names[0]}: unknown here: {head} ")
            assert f" at {elsend.init}:{line}:1 names it" in first
            rest = names[1:]
            assert (" (and " + ", ".join(rest[:-1]) + (" and " if len(rest) > 1 else "") + rest[-1] + ")") in first
            assert "elconf's gap, not a mistake in your init file" in first
            assert hint.startswith("  hint: set them with a plain setq outside that form")
            assert "--account NAME or --from ADDRESS" in hint
            assert "# The plan" not in out and "is not set" not in err
        assert sink.messages == []
        kept = elsend.home.parent / "cache" / "elsend"
        assert list(kept.glob("state-*")) and not list(kept.glob("plan-*"))   # never a send plan


@pytest.mark.parametrize("args", [["--probe"], ["--flush-queue"], ["--queue"], ["-oi", "-t"]])
def test_every_send_path_refuses(elsend: Elsend, args: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Probe, flush, queue and the sendmail grammar read the same settings."""
    import io

    elsend.init.write_text(IDENTITY + SHAPES["leaf :custom"][0].format(port=465))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(MESSAGE.encode())))
    elsend.capsys.readouterr()
    code = cli.main(["--init", str(elsend.init), *args] + ([] if "-t" in args or "--probe" in args
                                                            or "--flush-queue" in args
                                                            else [str(elsend.message)]))
    err = elsend.capsys.readouterr().err
    assert code == 78
    assert err.startswith("elsend: send-mail-function: unknown here: (leaf smtpmail ...)")
    assert not (elsend.home / "Mail").exists()      # nothing queued


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_routes_set_by_setq_send_the_same_bytes(elsend: Elsend, shape: str) -> None:
    """Plain setqs after the skipped form: sent as if the form were not there (plan and all)."""
    form, names = SHAPES[shape]
    with running_sink() as sink:
        setqs = plain_setqs(sink.port, names)
        elsend.init.write_text(IDENTITY + setqs)
        assert elsend()[0] == 0
        elsend.init.write_text(IDENTITY + form.format(port=sink.port) + setqs)
        for _ in range(3):          # fresh, then the kept plan
            code, out, err = elsend()
            assert (code, err) == (0, "")
        assert fastpath.last_lookup == "hit"
    plain, *with_form = sink.messages
    for sent in with_form:
        assert sent.data == plain.data
        assert (sent.envelope_from, sent.recipients) == (plain.envelope_from, plain.recipients)


def test_a_skipped_form_after_the_setq_is_a_note_in_the_dry_run(elsend: Elsend) -> None:
    form, names = SHAPES["leaf :custom"]
    text = IDENTITY + plain_setqs(2525, names) + form.format(port=465)
    elsend.init.write_text(text)
    code, out, err = elsend("--dry-run")
    assert code == 0, err
    line = form_line(text, "(leaf")
    assert (f"init file: {elsend.init}:{line}:1: (leaf smtpmail ...) names smtpmail-smtp-service "
            "after the form that set it") in out
    assert "server: 127.0.0.1 port 2525" in out
    code, out, err = elsend("--dry-run", "--json")
    notes = [n for n in json.loads(out)["not_evaluable"] if n["rule"] == "skipped-mention"]
    assert [n["message"].split(" names ")[1].split()[0] for n in notes] == names
    # Before the setq (the usual order: the setq wins in Emacs too): nothing to say.
    elsend.init.write_text(IDENTITY + form.format(port=465) + plain_setqs(2525, names))
    code, out, err = elsend("--dry-run")
    assert code == 0 and "skipped-mention" not in out and "after the form that set it" not in out


@pytest.mark.parametrize("library, expected", [
    ("(require 'my-mail-secrets)\n", "(require 'my-mail-secrets) at {init}:3:"),
    ('(load "~/mail.el.gpg")\n', '(load "~/mail.el.gpg") at {init}:3:1'),
])
def test_a_skipped_mail_library_may_set_the_server(elsend: Elsend, library: str, expected: str) -> None:
    (elsend.home / "mail.el.gpg").write_bytes(b"\x85\x02binary")
    elsend.init.write_text(IDENTITY + "(setq send-mail-function 'smtpmail-send-it)\n" + library)
    where = expected.format(init=elsend.init)
    code, out, err = elsend()
    assert code == 78
    assert f"smtpmail-smtp-server is not set here, but {where}" in err
    assert "which elconf does not evaluate (elconf's gap), may set it" in err
    assert "hint: set it with a plain (setq smtpmail-smtp-server" in err and "after that form" in err
    code, out, err = elsend("--dry-run")
    assert code == 0
    assert f"server: not set here (smtpmail-smtp-server), but {where}" in out


def test_a_skipped_mail_library_may_set_the_send_function(elsend: Elsend) -> None:
    """send-mail-function at its default (Emacs would ask): the library may set it too."""
    elsend.init.write_text(IDENTITY + "(require 'my-mail-secrets)\n")
    code, out, err = elsend()
    assert code == 78
    assert err.startswith(f"elsend: sendmail-query-once: send-mail-function is not set here, but "
                          f"(require 'my-mail-secrets) at {elsend.init}:2:")
    assert "hint: set it with a plain (setq send-mail-function 'smtpmail-send-it)" in err
    elsend.init.write_text(IDENTITY)
    code, out, err = elsend()
    assert code == 78 and "Emacs would ask how to send" in err and "elconf's gap" not in err


def test_a_library_that_names_no_mail_keeps_the_plain_message(elsend: Elsend) -> None:
    elsend.init.write_text(IDENTITY + "(setq send-mail-function 'smtpmail-send-it)\n(require 'setup)\n")
    code, out, err = elsend()
    assert code == 78
    assert "smtpmail-smtp-server is not set\n" in err and "elconf's gap" not in err


def test_elconf_get_is_unchanged(elsend: Elsend) -> None:
    """Only sends treat the named variables as unknown: get shows what was evaluated."""
    from elconf.cli import main

    elsend.init.write_text(IDENTITY + SHAPES["leaf :custom"][0].format(port=465))
    elsend.capsys.readouterr()
    assert main(["get", "--init", str(elsend.init), "smtpmail-smtp-service", "send-mail-function"]) == 0
    assert elsend.capsys.readouterr().out == "smtpmail-smtp-service\tvoid\nsend-mail-function\tsendmail-query-once\n"


def test_elconf_check_says_elsend_will_not_send(elsend: Elsend) -> None:
    from elconf.cli import main

    form, names = SHAPES["leaf :custom"]
    elsend.init.write_text(IDENTITY + "(setq smtpmail-smtp-server \"smtp.example.org\")\n"
                           + form.format(port=465))
    elsend.capsys.readouterr()
    assert main(["check", "--init", str(elsend.init)]) == 0
    (line,) = [x for x in elsend.capsys.readouterr().out.splitlines() if "[skipped-mail-form]" in x]
    assert line.startswith(f"{elsend.init}:3:1: info: call of leaf skipped")
    # The server is set by the setq before: only the other three stop a send.
    assert ("; elsend will not send until send-mail-function, smtpmail-smtp-service, "
            "smtpmail-stream-type are set by a form elconf evaluates") in line


def test_what_names_means() -> None:
    """Every symbol of the form, quoted or not, at any depth, that is a mail name."""
    (form,) = read_forms("(my-macro :server smtpmail-smtp-server '(user-mail-address . \"x\")"
                         " [send-mail-function] `(,mail-host-address) unrelated-name mu4e-compose)")
    assert mail_names_in(form.value) == {"smtpmail-smtp-server", "user-mail-address",
                                         "send-mail-function", "mail-host-address"}


def test_skips_are_recorded_while_evaluating(tmp_path: Path) -> None:
    """The record the send reads: kept with the state, no file read again."""
    init = tmp_path / "init.el"
    init.write_text("(require 'setup)\n(require 'my-smtp-accounts)\n(my-theme-setup 'dark)\n"
                    + SHAPES["general-setq"][0].format(port=587))
    loaded = load_config(LoadOptions(init=init, home=tmp_path, env={"HOME": str(tmp_path)}))
    skipped = loaded.interpreter.skipped
    # The check's meaning of "names": a function name such as smtpmail-send-it too (harmless:
    # only the route variables stop a send).
    assert sorted(skipped.by_name) == ["send-mail-function", "smtpmail-send-it",
                                       "smtpmail-smtp-server", "smtpmail-smtp-service"]
    (form,) = skipped.naming("smtpmail-smtp-server")
    assert (form.describe(), form.library) == (f"(general-setq send-mail-function ...) at {init}:4:1", False)
    assert [lib.head for lib in skipped.libraries] == ["(require 'my-smtp-accounts)"]


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__]))
