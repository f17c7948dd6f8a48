"""straight.el and elpaca are facts of the home: installed there (the user's machine, or
a copy of their home), a configuration is read as their Emacs reads it; not installed
(the bootstrap would download them), Emacs here cannot load them, and neither does
elconf.  Both readings are compared with Emacs 28.2 evaluating the init file form by
form (tests/realconfigs/oracle.el) with Debian's use-package 2.4.4; for "installed", a
small stand-in of the package manager's files is put in the home (what Emacs loads
from it: the feature, its functions, and the keyword it adds to use-package)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from elconf.printer import prin1_to_string
from elconf.types import UNBOUND
from tests.frameworks.conftest import STRAIGHT_BOOTSTRAP

STRAIGHT_INIT = ";;; init.el -*- lexical-binding: t -*-\n" + STRAIGHT_BOOTSTRAP + """\
(setq straight-use-package-by-default t)
(setq user-mail-address "ingrid@example.org")
(use-package sendmail
  :straight (:type built-in)
  :custom
  (send-mail-function 'sendmail-send-it)
  (sendmail-program "/usr/bin/msmtp"))
(use-package smtpmail
  :straight (:type built-in)
  :config
  (setq smtpmail-smtp-server "smtp.example.org"
        smtpmail-stream-type 'starttls))
(use-package message
  :custom (message-send-mail-function 'message-send-mail-with-sendmail))
(setq smtpmail-smtp-service 587)
"""

#: What straight's bootstrap leaves that these forms use (the real one clones and builds).
FAKE_STRAIGHT = """\
;;; bootstrap.el --- a test's stand-in for straight.el's bootstrap
(defvar straight-use-package-by-default nil)
(defun straight-use-package (&rest _) t)
(provide 'straight)
(with-eval-after-load 'use-package-core
  (add-to-list 'use-package-keywords :straight)
  (defun use-package-normalize/:straight (_name _keyword args) args)
  (defun use-package-handler/:straight (name _keyword _arg rest state)
    (use-package-process-keywords name rest state)))
"""

ELPACA_INIT = """\
;;; init.el -*- lexical-binding: t -*-
(defvar elpaca-directory (expand-file-name "elpaca/" user-emacs-directory))
(defvar elpaca-repos-directory (expand-file-name "repos/" elpaca-directory))
(let* ((repo (expand-file-name "elpaca/" elpaca-repos-directory)))
  (add-to-list 'load-path repo)
  (unless (file-exists-p repo)
    (make-directory repo t)
    (call-process "git" nil nil nil "clone" "https://github.com/progfolio/elpaca.git" repo))
  (unless (require 'elpaca-autoloads nil t)
    (require 'elpaca)
    (elpaca-generate-autoloads "elpaca" repo)
    (load "./elpaca-autoloads")))
(add-hook 'after-init-hook #'elpaca-process-queues)
(elpaca elpaca-use-package
  (elpaca-use-package-mode))
(elpaca-wait)
(setq user-mail-address "kenji@example.jp")
(use-package smtpmail
  :elpaca nil
  :config (setq smtpmail-smtp-server "smtp.example.jp"))
(elpaca notmuch (setq send-mail-function 'smtpmail-send-it))
(elpaca-wait)
(setq smtpmail-smtp-service 465)
"""

#: elpaca's queue and its use-package keyword, reduced to what these forms use.
FAKE_ELPACA = """\
;;; elpaca-autoloads.el --- a test's stand-in for elpaca
(defvar elpaca--queue nil)
(defmacro elpaca (_order &rest body)
  `(setq elpaca--queue (append elpaca--queue (list (lambda () ,@body)))))
(defun elpaca-process-queues (&rest _)
  (while elpaca--queue (funcall (pop elpaca--queue))))
(defalias 'elpaca-wait #'elpaca-process-queues)
(defun elpaca-use-package-mode (&rest _)
  (require 'use-package-core)
  (add-to-list 'use-package-keywords :elpaca)
  (defun use-package-normalize/:elpaca (_name _keyword args) args)
  (defun use-package-handler/:elpaca (name _keyword _arg rest state)
    (use-package-process-keywords name rest state)))
(provide 'elpaca)
(provide 'elpaca-autoloads)
"""

STRAIGHT_NAMES = ("user-mail-address", "send-mail-function", "smtpmail-smtp-server",
                  "smtpmail-stream-type", "smtpmail-smtp-service", "message-send-mail-function",
                  "straight-use-package-by-default")
ELPACA_NAMES = ("user-mail-address", "send-mail-function", "smtpmail-smtp-server",
                "smtpmail-smtp-service")


def _home(root: Path, init: str, extra: dict[str, str]) -> Path:
    home = root / "home"
    for rel, text in {".emacs.d/init.el": init, **extra}.items():
        (home / rel).parent.mkdir(parents=True, exist_ok=True)
        (home / rel).write_text(text, encoding="utf-8")
    return home


def _emacs(home: Path, names: tuple[str, ...]) -> dict[str, Any]:
    from elconf.reader_escapes import lisp_string_literal as _lisp_string
    from tests.realconfigs.harness import _MARK, ORACLE, _env
    from tests.support.emacs import emacs_binary

    form = (f"(corpus-oracle-run 'plain (list \".emacs.d/init.el\") nil "
            f"(list {' '.join(_lisp_string(n) for n in names)}))")
    proc = subprocess.run([emacs_binary(), "--batch", "-Q", "-l", str(ORACLE), "--eval", form],
                          env=_env(home), cwd=home, capture_output=True, timeout=120,
                          stdin=subprocess.DEVNULL, check=False)
    match = _MARK.search(proc.stdout.decode("utf-8", "replace"))
    assert match is not None, proc.stderr.decode("utf-8", "replace")[-2000:]
    variables = json.loads(match.group(1))["variables"]
    return {n: variables[n]["sexp"] if variables[n]["bound"] else None for n in names}


def _elconf(home: Path, names: tuple[str, ...]) -> tuple[dict[str, Any], Any]:
    from elconf.config import LoadOptions, load_config
    from tests.realconfigs.harness import _env

    config = load_config(LoadOptions(home=home, env=_env(home)))
    store = config.interpreter.store
    values = {}
    for name in names:
        value = store.get(name)
        values[name] = None if value is UNBOUND else prin1_to_string(value)
    return values, config


@pytest.mark.emacs
@pytest.mark.parametrize("installed", [False, True], ids=["absent", "installed"])
def test_straight_read_as_emacs_reads_it_in_this_home(tmp_path: Path, installed: bool) -> None:
    extra = {".emacs.d/straight/repos/straight.el/bootstrap.el": FAKE_STRAIGHT} if installed else {}
    home = _home(tmp_path, STRAIGHT_INIT, extra)
    ours, config = _elconf(home, STRAIGHT_NAMES)
    expected = _emacs(home, STRAIGHT_NAMES)
    assert ours == expected
    ip = config.interpreter
    rules = [d.rule for d in config.diagnostics]
    if installed:
        assert expected["smtpmail-smtp-server"] == '"smtp.example.org"'
        assert ip.store.get("sendmail-program") == "/usr/bin/msmtp"
        assert "package-manager-missing" not in rules
    else:
        assert expected["smtpmail-smtp-server"] is None and expected["send-mail-function"] == \
            "sendmail-query-once"
        notes = [d for d in config.diagnostics if d.rule == "package-manager-missing"]
        assert all(d.severity == "info" for d in notes)
        assert any("start Emacs once" in d.message and "--init" in d.message for d in notes)
        assert sum("Unrecognized keyword: :straight" in d.message for d in notes) == 2
    assert not [d for d in config.diagnostics if d.severity == "error"]


@pytest.mark.emacs
@pytest.mark.parametrize("installed", [False, True], ids=["absent", "installed"])
def test_elpaca_read_as_emacs_reads_it_in_this_home(tmp_path: Path, installed: bool) -> None:
    extra = {".emacs.d/elpaca/repos/elpaca/elpaca-autoloads.el": FAKE_ELPACA} if installed else {}
    home = _home(tmp_path, ELPACA_INIT, extra)
    ours, config = _elconf(home, ELPACA_NAMES)      # first: Emacs's run makes directories
    expected = _emacs(home, ELPACA_NAMES)
    assert ours == expected
    if installed:
        assert expected["smtpmail-smtp-server"] == '"smtp.example.jp"'
    else:
        assert expected["smtpmail-smtp-server"] is None
        assert "package-manager-missing" in [d.rule for d in config.diagnostics]
    assert not [d for d in config.diagnostics if d.severity == "error"]


def test_check_warns_that_the_settings_of_a_rejected_form_are_not_applied(tmp_path: Path) -> None:
    from elconf.check import run_checks
    from elconf.config import LoadOptions, load_config
    from tests.realconfigs.harness import _env

    home = _home(tmp_path, STRAIGHT_INIT, {})
    config = load_config(LoadOptions(home=home, env=_env(home)))
    found = [d for d in run_checks(config, home=home, env=_env(home))
             if d.rule == "package-manager-missing"]
    assert [(d.line, d.severity) for d in found] == [(17, "warning"), (22, "warning")]
    assert "send-mail-function" in found[0].message and "sendmail-program" in found[0].message
    assert "smtpmail-smtp-server" in found[1].message
    assert "Emacs stops loading" not in " ".join(d.message for d in found)


def test_straight_use_package_by_default_adds_straight_only_when_straight_is_loaded(run, home) -> None:
    text = """\
(setq straight-use-package-by-default t)
(use-package notmuch :config (setq notmuch-configured t))
"""
    ip = run(text)
    assert ip.store.get("notmuch-configured") is not UNBOUND      # an ordinary use-package form
    assert "notmuch" not in getattr(ip, "installed_packages", ())  # nothing installed it
    assert "package-manager-missing" not in [d.rule for d in ip.diagnostics]


def test_straight_functions_are_void_here_without_straight(run) -> None:
    ip = run("(setq r (straight-use-package 'magit))\n(setq after t)\n")
    assert type(ip.store.get("r")).__name__ == "Opaque"
    assert ip.store.get("after") is not UNBOUND
    assert "magit" not in getattr(ip, "installed_packages", ())
    assert not [d for d in ip.diagnostics if d.severity == "error"]


def test_elsend_dry_run_names_the_forms_that_need_the_missing_manager(tmp_path: Path) -> None:
    import os
    import sys

    home = _home(tmp_path, STRAIGHT_INIT, {"msg.eml": "From: ingrid@example.org\nTo: x@example.org"
                                           "\nSubject: t\n\nhi\n"})
    env = {"HOME": str(home), "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
           "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    done = subprocess.run([sys.executable, "-m", "smtp.cli", "--dry-run", "--json",
                           str(home / "msg.eml")], env=env, capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    notes = json.loads(done.stdout)["not_evaluable"]
    missing = [n for n in notes if n["rule"] == "package-manager-missing"]
    assert [n["line"] for n in missing] == [13, 17, 22]      # the bootstrap's load, two forms
    assert "start Emacs once" in missing[0]["message"]
    assert all("Unrecognized keyword: :straight" in n["message"] for n in missing[1:])


def test_a_home_under_a_directory_named_straight_holds_the_users_own_files(tmp_path: Path) -> None:
    from elconf.config import LoadOptions, load_config

    home = tmp_path / "straight" / "elpa" / "home"
    (home / ".emacs.d" / "lisp").mkdir(parents=True)
    (home / ".emacs.d" / "init.el").write_text(
        "(add-to-list 'load-path (expand-file-name \"lisp\" user-emacs-directory))\n"
        "(require 'mail-config)\n")
    (home / ".emacs.d" / "lisp" / "mail-config.el").write_text(
        "(setq smtpmail-smtp-server \"smtp.example.org\")\n(provide 'mail-config)\n")
    config = load_config(LoadOptions(home=home, env={"HOME": str(home)}))
    assert config.interpreter.store.get("smtpmail-smtp-server") == "smtp.example.org"
