"""Doom Emacs: discovery as Doom finds the user's files, its start-up order, and
the configuration macros of doom-lib.el (followed from Doom's sources; Doom
itself cannot run here).  The configs copy the shapes of public Doom dotfiles."""

from __future__ import annotations

from pathlib import Path

import pytest

from elconf.config import LoadOptions, load_config
from elconf.discovery import discover
from elconf.types import NIL, T

INIT = """\
;;; init.el -*- lexical-binding: t; -*-
(doom! :completion
       (company +childframe)
       vertico
       :ui
       doom
       modeline
       :email
       (mu4e +org +gmail)
       ;;notmuch
       :config
       (default +bindings +smartparens))
"""

CONFIG = """\
;;; $DOOMDIR/config.el -*- lexical-binding: t; -*-
(setq user-full-name "Mario Example"
      user-mail-address "mario@example.org")
(setq doom-theme 'doom-one
      doom-font (font-spec :family "Fira Code" :size 14))
(map! :leader
      (:prefix ("o" . "open")
       :desc "mail" "m" #'mu4e))
(after! smtpmail
  (setq! smtpmail-smtp-server "smtp.example.org"
         smtpmail-smtp-service 587))
(after! (:or message sendmail)
  (setq message-send-mail-function 'smtpmail-send-it))
(after! (:and sendmail never-loaded)
  (setq smtpmail-smtp-user "never"))
(setq send-mail-function #'smtpmail-send-it)
(when IS-MAC
  (setq smtpmail-smtp-server "mac.example.org"))
(when (modulep! :email mu4e +gmail)
  (setq +mu4e-gmail-accounts '(("mario@example.org" . "/mario"))))
(when (featurep! :email notmuch)
  (setq +notmuch-sync-backend 'mbsync))
(add-hook! 'message-mode-hook #'turn-off-auto-fill)
(add-hook! message-mode (setq fill-column 72))
(setq-hook! 'message-mode-hook fill-column 72)
(remove-hook! 'message-mode-hook #'turn-off-auto-fill)
(defadvice! my/quiet-a (&rest _) :override #'yes-or-no-p t)
(custom-set-faces!
  '(mode-line :family "Noto Sans"))
(load! "+mail")
(use-package! smtpmail
  :config (setq smtpmail-debug-info t))
"""

MAIL = """\
;;; ~/.doom.d/+mail.el -*- lexical-binding: t; -*-
(add-load-path! "lisp")
(setq smtpmail-stream-type 'starttls)
"""

PACKAGES = """\
;; -*- no-byte-compile: t; -*-
(package! mu4e-alert)
(package! org-msg :recipe (:host github :repo "jeremy-compostella/org-msg"))
(package! evil-snipe :disable t)
"""


def _doom_home(root: Path, user_dir: str = ".config/doom", emacs_dir: str = ".config/emacs",
               core: str = "lisp/doom.el", custom: str | None = None) -> Path:
    home = root / "home"
    (home / emacs_dir / Path(core).parent).mkdir(parents=True)
    (home / emacs_dir / "early-init.el").write_text(";;; early-init.el --- Doom's universal bootstrapper\n")
    (home / emacs_dir / core).write_text('(defconst doom-version "3.0.0-pre")\n')
    user = home / user_dir
    user.mkdir(parents=True)
    (user / "init.el").write_text(INIT)
    (user / "config.el").write_text(CONFIG)
    (user / "+mail.el").write_text(MAIL)
    (user / "packages.el").write_text(PACKAGES)
    if custom is not None:
        (user / "custom.el").write_text(custom)
    return home


def _load(home: Path, **env: str):
    return load_config(LoadOptions(home=home, env={"HOME": str(home), **env}))


@pytest.mark.parametrize("user_dir, emacs_dir, core, env", [
    (".config/doom", ".config/emacs", "lisp/doom.el", {}),            # Doom 3 layout, XDG
    (".doom.d", ".emacs.d", "lisp/doom.el", {}),                      # the classic layout
    (".doom.d", ".emacs.d", "core/core.el", {}),                      # Doom 2 (core/ directory)
    ("dotfiles/doom", ".config/emacs", "lisp/doom.el", {"DOOMDIR": "@HOME@/dotfiles/doom"}),
])
def test_discovery_finds_the_user_files_as_doom_does(tmp_path, user_dir, emacs_dir, core, env) -> None:
    home = _doom_home(tmp_path, user_dir, emacs_dir, core)
    env = {k: v.replace("@HOME@", str(home)) for k, v in env.items()}
    found = discover(home, {"HOME": str(home), **env})
    assert found.framework == "doom"
    assert [(f.role, f.path) for f in found.files] == [
        ("doom-init", home / user_dir / "init.el"), ("doom-config", home / user_dir / "config.el")]


def test_xdg_doom_dir_wins_over_dot_doom_d(tmp_path) -> None:
    home = _doom_home(tmp_path, ".config/doom")
    (home / ".doom.d").mkdir()
    (home / ".doom.d" / "init.el").write_text("(doom!)\n")
    assert discover(home, {"HOME": str(home)}).files[0].path == home / ".config/doom/init.el"


def test_a_plain_emacs_d_is_not_doom(tmp_path) -> None:
    home = tmp_path / "home"
    (home / ".emacs.d").mkdir(parents=True)
    (home / ".emacs.d" / "init.el").write_text("(setq x 1)\n")
    (home / ".doom.d").mkdir()
    (home / ".doom.d" / "config.el").write_text("(setq y 1)\n")
    found = discover(home, {"HOME": str(home)})
    assert found.framework is None and [f.path.name for f in found.files] == ["init.el"]


def test_doom_config_values(tmp_path) -> None:
    config = _load(_doom_home(tmp_path))
    get = config.interpreter.store.get
    assert get("user-mail-address") == "mario@example.org"
    assert get("smtpmail-smtp-server") == "smtp.example.org"        # after! ran: use-package! loaded smtpmail
    assert get("smtpmail-smtp-service") == 587
    assert get("smtpmail-stream-type").name == "starttls"          # load! "+mail"
    assert get("smtpmail-debug-info") is T
    assert get("message-send-mail-function").name == "smtpmail-send-it"   # (:or message sendmail)
    assert get("smtpmail-smtp-user") is NIL                           # (:and ... never-loaded)
    assert get("+mu4e-gmail-accounts").car.car == "mario@example.org"     # modulep! with a flag
    assert not config.interpreter.store.is_bound("+notmuch-sync-backend")  # commented out in doom!
    assert get("fill-column") != 72                                  # setq-hook! is buffer-local
    assert [p.name for p in config.init_files] == ["init.el", "config.el"]
    assert not [d for d in config.diagnostics if d.severity == "error"]


def test_doom_core_variables(tmp_path) -> None:
    home = _doom_home(tmp_path, ".doom.d", ".emacs.d")
    get = _load(home).interpreter.store.get
    assert get("doom-user-dir") == f"{home}/.doom.d/"
    assert get("doom-private-dir") == f"{home}/.doom.d/"
    assert get("doom-emacs-dir") == f"{home}/.emacs.d/"
    assert get("doom-local-dir") == f"{home}/.emacs.d/.local/"
    assert get("user-emacs-directory") == f"{home}/.emacs.d/.local/cache/"
    assert get("custom-file") == f"{home}/.doom.d/custom.el"
    assert get("IS-LINUX") is T and get("IS-MAC") is NIL
    assert get("package-enable-at-startup") is NIL
    assert get("doom-version") == "3.0.0-pre"


def test_custom_file_loads_after_config(tmp_path) -> None:
    home = _doom_home(tmp_path, custom="(custom-set-variables '(smtpmail-smtp-service 465))\n")
    config = _load(home)
    assert config.interpreter.store.get("smtpmail-smtp-service") == 465


def test_hooks_get_doom_named_functions(tmp_path) -> None:
    store = _load(_doom_home(tmp_path)).interpreter.store
    hook = [getattr(x, "name", x) for x in store.get("message-mode-hook")]
    assert "doom--setq-fill-column-for-message-mode-h" in hook
    assert "turn-off-auto-fill" not in hook                         # remove-hook!


def test_package_disable_skips_after_blocks(run) -> None:
    ip = run("""\
(provide 'doom)
(package! smtpmail :disable t)
(after! smtpmail (setq smtpmail-smtp-server "disabled"))
(use-package! smtpmail :config (setq use-package-ran t))
(package! magit)
(require 'smtpmail)
""")
    assert ip.store.get("smtpmail-smtp-server") is NIL
    assert not ip.store.is_bound("use-package-ran")
    assert "magit" in ip.installed_packages


def test_after_with_nested_operators(run) -> None:
    ip = run("""\
(provide 'doom)
(setq log nil)
(after! (:and sendmail (:or foo message)) (push 'nested log))
(after! (sendmail message) (push 'plain-list log))
(after! (:any bar message) (push 'any log))
(require 'sendmail)
(push 'sendmail-loaded log)
(require 'message)
(setq log (reverse log))
""")
    # Doom expands these into nested with-eval-after-load forms; Emacs 28.2 runs the
    # equivalent nesting in this order (bodies run in the order they were registered).
    assert [s.name for s in ip.store.get("log")] == ["sendmail-loaded", "any", "nested", "plain-list"]


def test_doom_macros_outside_doom_are_unknown_calls(run) -> None:
    ip = run("(after! smtpmail (setq smtpmail-smtp-server \"x\"))\n(setq after t)\n")
    assert ip.store.get("after") is T
    assert "opaque-call" in [d.rule for d in ip.diagnostics]


def test_doom_list_helpers(run) -> None:
    ip = run("""\
(provide 'doom)
(setq l '(b))
(appendq! l '(c))
(prependq! l '(a))
(pushnew! l 'a 'z)
(delq! 'b l)
(setq f (cmd! (message "hi")))
(quiet! (setq q 1))
""")
    assert [s.name for s in ip.store.get("l")] == ["z", "a", "c"]
    assert ip.store.get("q") == 1


def test_an_enabled_email_module_brings_its_defaults_without_set_email_account(tmp_path) -> None:
    """doom! enabling :email mu4e loads the module's configuration, which applies when mu4e
    loads and before the user's own after! mu4e bodies."""
    home = _doom_home(tmp_path)
    (home / ".config/doom/config.el").write_text(
        "(after! mu4e (setq mu4e-update-interval 300))\n")
    config = load_config(LoadOptions(home=home, env={"HOME": str(home)}, require=("mu4e",)))
    get = config.interpreter.store.get
    assert get("mu4e-get-mail-command") == "mbsync -a"          # the module's default
    assert get("mu4e-update-interval") == 300                   # the user's after! runs later


def test_a_doom_file_given_with_init_has_doom_s_variables(tmp_path) -> None:
    home = _doom_home(tmp_path, ".doom.d", ".emacs.d")
    (home / ".doom.d" / "config.el").write_text(
        "(when IS-MAC (setq smtpmail-smtp-server \"mac\"))\n"
        "(unless IS-MAC (setq smtpmail-smtp-server \"linux\"))\n"
        "(after! smtpmail (setq smtpmail-smtp-service 587))\n")
    config = load_config(LoadOptions(home=home, init=home / ".doom.d" / "config.el",
                                     env={"HOME": str(home)}, require=("smtpmail",)))
    assert config.interpreter.store.get("smtpmail-smtp-server") == "linux"
    assert config.interpreter.store.get("smtpmail-smtp-service") == 587
    assert config.interpreter.store.get("doom-user-dir") == f"{home}/.doom.d/"
