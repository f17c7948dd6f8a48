"""use-package keywords as real configs use them, against Debian's use-package 2.4.4
in Emacs 28.2: which bodies run, when, and what they leave in the variables.

Keywords 2.4.4 does not know (``:general``, ``:vc``, ``:quelpa`` ...) are the one
deliberate difference: 2.4.4 alone rejects the whole form ("Unrecognized keyword"),
but on the user's machine the package that defines the keyword is installed (that is
why the config uses it), so elconf ignores the keyword and runs the rest
(docs/frameworks.md).  ``:straight`` and ``:elpaca`` follow the home: accepted where
straight.el or elpaca is installed, the form rejected as by 2.4.4 where they are not
(test_package_manager_presence.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from elconf.equality import lisp_equal
from elconf.printer import prin1_to_string
from elconf.reader import read_from_string
from elconf.types import T
from tests.support.emacs import run_emacs

ELPA = Path("/usr/share/emacs/site-lisp/elpa")

#: Each form logs what ran; built-in libraries stand in for packages (they load here).
KEYWORDS = """\
(require 'package)
(add-to-list 'package-archives '("melpa" . "https://melpa.org/packages/") t)
(setq log nil)
(use-package tetris :hook (tetris-mode . visual-line-mode) :init (push 'hook-init log)
  :config (push 'hook-config log))
(use-package gnus :bind ("C-c g" . gnus) :config (push 'bind-config log))
(use-package ffap :bind* ("C-c f" . ffap) :demand t :config (push 'bind*-demand-config log))
(use-package dired-x :mode ("\\\\.xyz\\\\'" . dired-mode) :config (push 'mode-config log))
(use-package ispell :interpreter ("ispell-x" . text-mode) :config (push 'interpreter-config log))
(use-package calc :commands (calc calc-dispatch) :init (push 'commands-init log)
  :config (push 'commands-config log))
(push (list 'features (featurep 'tetris) (featurep 'gnus) (featurep 'ffap) (featurep 'dired-x)
            (featurep 'ispell) (featurep 'calc)) log)
(use-package eshell :custom-face (eshell-prompt ((t (:weight bold))))
  :config (push 'custom-face-config log))
(use-package ibuffer :diminish ibuffer-mode :defines ibuffer-foo :functions ibuffer-bar
  :config (push 'diminish-config log))
(use-package man :pin melpa :config (push 'pin-config log))
(push (list 'pinned package-pinned-packages) log)
(use-package smtpmail :ensure t :defer t :init (push 'ensure-defer-init log)
  :config (push 'ensure-defer-config log) (setq smtpmail-smtp-service 2525))
(push (list 'smtpmail-after-defer (featurep 'smtpmail)) log)
(use-package sendmail :demand t :custom (sendmail-program "/usr/bin/msmtp" "msmtp")
  :config (push (list 'demand-config sendmail-program) log))
(use-package message :after (:any dired-x sendmail) :config (push 'after-any-config log))
(use-package mailcap :after (:all dired-x never-here) :config (push 'after-all-config log))
(use-package mail-utils :after sendmail :config (push 'after-one-config log))
(use-package browse-url :if (eq system-type 'gnu/linux) :when t :unless nil
  :preface (push 'preface log) :config (push 'conditions-config log))
(use-package thingatpt :if nil :preface (push 'if-nil-preface log) :config (push 'if-nil log))
(use-package cus-edit :when nil :config (push 'when-nil log))
(use-package time :unless t :config (push 'unless-t log))
(use-package smtpmail :demand t :config (push (list 'smtpmail-now smtpmail-smtp-service) log))
(use-package subr-x :load-path "site-lisp/none" :config (push 'load-path-config log))
(push (list 'load-path (car load-path)) log)
(setq log (reverse log))
"""


def _emacs(home: Path, text: str) -> object:
    dirs = sorted(str(p) for p in ELPA.glob("*") if p.name.startswith(("use-package-", "bind-key-",
                                                                        "diminish-")))
    assert dirs, "elpa-use-package is not installed (apt-get install elpa-use-package)"
    setup = "".join(f'(add-to-list \'load-path "{d}")' for d in dirs)
    init = home / "up-init.el"
    init.write_text(f"{setup}\n(require 'use-package)\n{text}(prin1 log)\n", encoding="utf-8")
    proc = run_emacs(["-Q", "-l", str(init)], home=home)
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")
    return read_from_string(proc.stdout.decode(), 0)[0]


@pytest.mark.emacs
def test_keywords_run_what_use_package_2_4_4_runs(run, home) -> None:
    expected = _emacs(home, KEYWORDS)
    ours = run("(require 'use-package)\n" + KEYWORDS).store.get("log")
    assert lisp_equal(ours, expected), f"emacs: {prin1_to_string(expected)}\nours:  {prin1_to_string(ours)}"


@pytest.mark.emacs
def test_a_pin_to_an_archive_that_is_not_there_is_an_error(run, home) -> None:
    text = """\
(require 'package)
(setq log (condition-case err (progn (use-package man :pin nowhere) 'no-error)
            (error err)))
"""
    expected = _emacs(home, text)
    ours = run("(require 'use-package)\n" + text).store.get("log")
    assert lisp_equal(ours, expected), f"emacs: {prin1_to_string(expected)}\nours:  {prin1_to_string(ours)}"


def test_keywords_of_installed_package_managers_are_ignored_not_fatal(run, home) -> None:
    from tests.frameworks.conftest import install_manager

    install_manager(home, "straight")   # where they are not: test_package_manager_presence.py
    install_manager(home, "elpaca")
    ip = run("""\
(require 'use-package)
(use-package smtpmail :straight (:type built-in) :config (setq via-straight t))
(use-package sendmail :elpaca nil :config (setq via-elpaca t))
(use-package message :vc (:url "https://example.org/x") :general ("C-c m" 'compose-mail)
  :demand t :config (setq via-general t))   ; :general defers, as :bind does
(use-package some-keys-helper :general ("C-c u" 'some-keys-command) :config (setq general-deferred t))
(use-package mailcap :quelpa (mailcap :fetcher github) :hydra (x) :config (setq via-quelpa t))
(setq done t)
""")
    for name in ("via-straight", "via-elpaca", "via-general", "via-quelpa", "done"):
        assert ip.store.get(name) is T, name
    assert not ip.store.is_bound("general-deferred")
    assert {"smtpmail", "message", "mailcap"} <= ip.installed_packages
    assert "sendmail" not in ip.installed_packages          # :elpaca nil installs nothing


def test_config_of_a_package_elconf_does_not_model_runs_when_it_loads_at_init(run) -> None:
    """Not deferred: the package loads at init on the user's machine, so its :config runs;
    deferred (:defer, :hook, :bind, :commands ...): only when something loads it."""
    ip = run("""\
(require 'use-package)
(use-package some-mail-helper :config (setq smtpmail-smtp-server "from-config"))
(use-package other-helper :defer t :config (setq smtpmail-smtp-service 2525))
(use-package third-helper :hook (message-mode . third-helper-mode) :config (setq third t))
""")
    assert ip.store.get("smtpmail-smtp-server") == "from-config"
    assert not ip.store.is_bound("third")
    assert "other-helper" not in ip.features
    ip.require("other-helper")
    assert ip.store.get("smtpmail-smtp-service") == 2525


@pytest.mark.emacs
def test_ensure_and_a_refused_download_load_what_emacs_loads_first(run, home) -> None:
    """`:ensure t` loads package.el while the form expands (use-package-ensure-elpa), even
    under a false `:if`; a download, refused here, first loads url.el and so auth-source
    (its autoload), as in an Emacs without network."""
    text = """\
(setq log (list (featurep 'package) (featurep 'auth-source)))
(use-package tetris :ensure t :if nil)
(push (featurep 'package) log)
(ignore-errors (url-retrieve-synchronously "http://127.0.0.1:9/none.el" 'silent))
(push (featurep 'auth-source) log)
(push (and (boundp 'auth-sources) auth-sources) log)
(setq log (reverse log))
"""
    expected = _emacs(home, text)
    ours = run("(require 'use-package)\n" + text).store.get("log")
    assert lisp_equal(ours, expected), f"emacs: {prin1_to_string(expected)}\nours:  {prin1_to_string(ours)}"


@pytest.mark.emacs
def test_disabled_defer_and_demand_are_decided_on_the_argument_as_written(run, home) -> None:
    """2.4.4 decides these while the form expands: `:disabled` by its presence, `:defer`
    and `:demand` on the argument as written (a symbol whose value is nil still counts)."""
    text = """\
(setq off nil log nil)
(use-package tetris :disabled nil :config (push 'disabled-nil log))
(use-package ffap :defer off :config (push 'defer-off log))
(use-package dired-x :commands dired-jump :demand off :config (push 'demand-off log))
(use-package mailcap :defer nil :config (push 'defer-nil log))
(push (list (featurep 'ffap) (featurep 'dired-x) (featurep 'mailcap)) log)
(setq log (reverse log))
"""
    expected = _emacs(home, text)
    ours = run("(require 'use-package)\n" + text).store.get("log")
    assert lisp_equal(ours, expected), f"emacs: {prin1_to_string(expected)}\nours:  {prin1_to_string(ours)}"
