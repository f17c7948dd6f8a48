"""Spacemacs: discovery of the dotfile as Spacemacs finds it, and its start-up order
(init, user-init, user-env, layers with their :variables, then user-config and the
custom settings at emacs-startup-hook), followed from Spacemacs's sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from elconf.config import LoadOptions, load_config
from elconf.discovery import discover
from elconf.types import T

DOTFILE = """\
;; -*- mode: emacs-lisp; lexical-binding: t -*-
(defun dotspacemacs/layers ()
  "Layer configuration."
  (setq-default
   dotspacemacs-distribution 'spacemacs
   dotspacemacs-configuration-layer-path '()
   dotspacemacs-configuration-layers
   '(helm
     (auto-completion :variables
                      auto-completion-enable-snippets-in-popup t)
     git
     (mu4e :variables
           mu4e-installation-path "/usr/share/emacs/site-lisp/elpa/mu4e-1.8.14"
           mu4e-enable-notifications t
           mu4e-enable-mode-line t)
     org)
   dotspacemacs-additional-packages '()
   dotspacemacs-excluded-packages '()))

(defun dotspacemacs/init ()
  (setq-default dotspacemacs-editing-style 'vim
                dotspacemacs-leader-key "SPC"
                dotspacemacs-themes '(spacemacs-dark spacemacs-light)))

(defun dotspacemacs/user-env ()
  (setq order (cons 'user-env order)))

(defun dotspacemacs/user-init ()
  (setq order (list 'user-init))
  (setq mu4e-enable-notifications 'from-user-init
        user-full-name "Priya Raman"))

(defun dotspacemacs/user-config ()
  (setq order (cons 'user-config order))
  (spacemacs/set-leader-keys "aM" 'mu4e)
  (spacemacs/declare-prefix "am" "mail")
  (spacemacs|use-package-add-hook smtpmail
    :post-config (setq smtpmail-debug-info t))
  (setq user-mail-address "priya@raman.in"
        send-mail-function 'smtpmail-send-it
        message-send-mail-function 'smtpmail-send-it
        smtpmail-smtp-server "smtp.raman.in"
        smtpmail-smtp-service 587
        smtpmail-stream-type 'starttls
        notifications-seen mu4e-enable-notifications
        mu4e-layer-used (configuration-layer/layer-used-p 'mu4e)))

(defun dotspacemacs/emacs-custom-settings ()
  (setq order (cons 'custom-settings order))
  (custom-set-variables
   '(smtpmail-smtp-service 465)
   '(smtpmail-stream-type 'ssl)))
"""


def _home(root: Path, where: str = ".spacemacs", install: bool = True) -> Path:
    home = root / "home"
    if install:
        (home / ".emacs.d" / "core").mkdir(parents=True)
        (home / ".emacs.d" / "core" / "core-spacemacs.el").write_text(";; Spacemacs core\n")
        (home / ".emacs.d" / "init.el").write_text('(load (concat user-emacs-directory "core/core-load-paths"))\n')
    (home / where).parent.mkdir(parents=True, exist_ok=True)
    (home / where).write_text(DOTFILE)
    return home


@pytest.mark.parametrize("where, env", [
    (".spacemacs", {}),
    (".spacemacs.d/init.el", {}),
    ("dots/spacemacs/init.el", {"SPACEMACSDIR": "@HOME@/dots/spacemacs"}),
])
def test_discovery_finds_the_dotfile(tmp_path, where, env) -> None:
    home = _home(tmp_path, where)
    env = {k: v.replace("@HOME@", str(home)) for k, v in env.items()}
    found = discover(home, {"HOME": str(home), **env})
    assert found.framework == "spacemacs"
    assert [f.path for f in found.files] == [home / where]


def test_dot_spacemacs_wins_over_spacemacs_d(tmp_path) -> None:
    home = _home(tmp_path, ".spacemacs")
    (home / ".spacemacs.d").mkdir()
    (home / ".spacemacs.d" / "init.el").write_text("(setq wrong t)\n")
    assert discover(home, {"HOME": str(home)}).files[0].path == home / ".spacemacs"


def test_start_up_order_and_layer_variables(tmp_path) -> None:
    config = load_config(LoadOptions(home=_home(tmp_path), env={"HOME": str(tmp_path / "home")}))
    get = config.interpreter.store.get
    assert [s.name for s in reversed(list(get("order")))] == \
        ["user-init", "user-env", "user-config", "custom-settings"]
    # layer :variables are set after user-init, so they win over it
    assert get("mu4e-enable-notifications") is T and get("notifications-seen") is T
    assert get("mu4e-installation-path") == "/usr/share/emacs/site-lisp/elpa/mu4e-1.8.14"
    assert get("auto-completion-enable-snippets-in-popup") is T
    assert get("dotspacemacs-editing-style").name == "vim"
    assert get("user-full-name") == "Priya Raman"
    assert get("smtpmail-smtp-server") == "smtp.raman.in"
    # emacs-custom-settings runs last
    assert get("smtpmail-smtp-service") == 465 and get("smtpmail-stream-type").name == "ssl"
    assert get("mu4e-layer-used") is T
    origin = config.interpreter.store.origin("mu4e-installation-path")
    assert (origin.kind, origin.file, origin.line) == ("layer variable", str(tmp_path / "home/.spacemacs"), 12)
    assert not [d for d in config.diagnostics if d.severity == "error"]


def test_use_package_add_hook_runs_after_the_package_loads(tmp_path) -> None:
    config = load_config(LoadOptions(home=_home(tmp_path), env={"HOME": str(tmp_path / "home")},
                                     require=("smtpmail",)))
    assert config.interpreter.store.get("smtpmail-debug-info") is T


def test_a_dotfile_given_with_init_runs_the_same_sequence(tmp_path) -> None:
    home = _home(tmp_path, install=False)
    config = load_config(LoadOptions(home=home, init=home / ".spacemacs", env={"HOME": str(home)}))
    assert config.interpreter.store.get("smtpmail-smtp-server") == "smtp.raman.in"


def test_a_dotfile_without_spacemacs_installed(tmp_path) -> None:
    home = _home(tmp_path, install=False)
    config = load_config(LoadOptions(home=home, env={"HOME": str(home)}))
    assert config.interpreter.store.get("smtpmail-smtp-server") == "smtp.raman.in"
    assert [d.rule for d in config.diagnostics if d.rule == "framework-files"]


def test_an_error_in_a_dotfile_function_is_reported_and_start_up_goes_on(tmp_path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / ".spacemacs").write_text("""\
(defun dotspacemacs/user-init () (car 1))
(defun dotspacemacs/user-config () (setq user-mail-address "ok@example.org"))
""")
    config = load_config(LoadOptions(home=home, env={"HOME": str(home)}))
    assert config.interpreter.store.get("user-mail-address") == "ok@example.org"
    assert "spacemacs-dotfile-error" in [d.rule for d in config.diagnostics]
