"""straight.el, elpaca, quelpa and el-get: their bootstrap snippets and calls, in the
shapes their READMEs give and public dotfiles copy, are modelled and never run: no
error, nothing fetched, the packages they install count as installed, and the mail
settings after them come out."""

from __future__ import annotations

from elconf.types import NIL, T, intern
from tests.evaluator.conftest import rules
from tests.frameworks.conftest import STRAIGHT_BOOTSTRAP, install_manager

STRAIGHT = STRAIGHT_BOOTSTRAP + """\
(setq straight-use-package-by-default t)
(use-package notmuch :commands notmuch :config (setq notmuch-configured t))
(use-package sendmail
  :straight (:type built-in)
  :custom (send-mail-function 'sendmail-send-it) (sendmail-program "/usr/bin/msmtp"))
(straight-use-package '(org-msg :host github :repo "jeremy-compostella/org-msg"))
(setq user-mail-address "ingrid@example.org")
"""

ELPACA = """\
(defvar elpaca-installer-version 0.7)
(defvar elpaca-directory (expand-file-name "elpaca/" user-emacs-directory))
(defvar elpaca-builds-directory (expand-file-name "builds/" elpaca-directory))
(defvar elpaca-repos-directory (expand-file-name "repos/" elpaca-directory))
(defvar elpaca-order '(elpaca :repo "https://github.com/progfolio/elpaca.git"
                              :ref nil :depth 1
                              :files (:defaults "elpaca-test.el" (:exclude "extensions"))
                              :build (:not elpaca--activate-package)))
(let* ((repo  (expand-file-name "elpaca/" elpaca-repos-directory))
       (build (expand-file-name "elpaca/" elpaca-builds-directory))
       (order (cdr elpaca-order))
       (default-directory repo))
  (add-to-list 'load-path (if (file-exists-p build) build repo))
  (unless (file-exists-p repo)
    (make-directory repo t)
    (when (< emacs-major-version 28) (require 'subr-x))
    (condition-case-unless-debug err
        (if-let ((buffer (pop-to-buffer-same-window "*elpaca-bootstrap*"))
                 ((zerop (apply #'call-process `("git" nil ,buffer t "clone"
                                                 ,@(when-let ((depth (plist-get order :depth)))
                                                     (list (format "--depth=%d" depth) "--no-single-branch"))
                                                 ,(plist-get order :repo) ,repo))))
                 ((zerop (call-process "git" nil buffer t "checkout"
                                       (or (plist-get order :ref) "--"))))
                 (emacs (concat invocation-directory invocation-name))
                 ((zerop (call-process emacs nil buffer nil "-Q" "-L" "." "--batch"
                                       "--eval" "(byte-recompile-directory \\".\\" 0 'force)")))
                 ((require 'elpaca))
                 ((elpaca-generate-autoloads "elpaca" repo)))
            (progn (message "%s" (buffer-string)) (kill-buffer buffer))
          (error "%s" (with-current-buffer buffer (buffer-string))))
      ((error) (warn "%s" err) (delete-directory repo 'recursive))))
  (unless (require 'elpaca-autoloads nil t)
    (require 'elpaca)
    (elpaca-generate-autoloads "elpaca" repo)
    (load "./elpaca-autoloads")))
(add-hook 'after-init-hook #'elpaca-process-queues)
(elpaca `(,@elpaca-order))
(elpaca elpaca-use-package
  (elpaca-use-package-mode))
(elpaca-wait)
(setq smtpmail-smtp-server "before.example.org")
(use-package smtpmail :ensure t :config (setq smtpmail-smtp-server "queued.example.org"))
(use-package emacs :ensure nil :config (setq user-full-name "Kenji Example"))
(setq smtpmail-smtp-service 587)
"""


def test_straight_bootstrap_and_use_package_integration(run, home) -> None:
    install_manager(home, "straight")          # not installed: test_package_manager_presence.py
    ip = run(STRAIGHT)
    assert "straight" in ip.features
    assert ip.store.get("straight-use-package-by-default") is T
    assert ip.store.get("send-mail-function").name == "sendmail-send-it"
    assert ip.store.get("sendmail-program") == "/usr/bin/msmtp"
    assert ip.store.get("user-mail-address") == "ingrid@example.org"
    assert not ip.store.is_bound("notmuch-configured")          # :commands defers
    assert {"use-package", "notmuch", "sendmail", "org-msg"} <= ip.installed_packages
    assert not [d for d in ip.diagnostics if d.severity == "error"]
    assert "package-manager" in rules(ip)


def test_elpaca_installer_and_its_queue_order(home) -> None:
    """A use-package form with :ensure waits in elpaca's queue: its :config lands after the
    forms that follow it, when the queues are processed after init."""
    from elconf.config import LoadOptions, load_config

    install_manager(home, "elpaca")
    (home / ".emacs.d" / "init.el").write_text(ELPACA)
    config = load_config(LoadOptions(home=home, env={"HOME": str(home)}))
    get = config.interpreter.store.get
    assert get("user-full-name") == "Kenji Example"               # :ensure nil: at once
    assert get("smtpmail-smtp-server") == "queued.example.org"    # after the queue ran
    assert get("smtpmail-smtp-service") == 587
    assert "elpaca" in config.interpreter.features
    assert not [d for d in config.diagnostics if d.severity == "error"]


def test_elpaca_wait_runs_the_queue_there(run, home) -> None:
    install_manager(home, "elpaca")
    ip = run("""\
(elpaca elpaca-use-package (elpaca-use-package-mode))
(elpaca-wait)
(use-package smtpmail :ensure t :config (setq smtpmail-smtp-server "queued"))
(elpaca-wait)
(setq smtpmail-smtp-server "after-wait")
(elpaca (mu4e-alert :host github :repo "xzz53/mu4e-alert") (setq alert-body-ran t))
""")
    assert ip.store.get("smtpmail-smtp-server") == "after-wait"
    assert not ip.store.is_bound("alert-body-ran")                # still queued
    ip.funcall(intern("elpaca-process-queues"), [])              # what after-init-hook does
    assert ip.store.get("alert-body-ran") is T
    assert "mu4e-alert" in ip.installed_packages


def test_quelpa_bootstrap_and_recipes(run) -> None:
    ip = run("""\
(require 'package)
(unless (package-installed-p 'quelpa)
  (with-temp-buffer
    (url-insert-file-contents "https://raw.githubusercontent.com/quelpa/quelpa/master/quelpa.el")
    (eval-buffer)
    (quelpa-self-upgrade)))
(quelpa '(quelpa-use-package :fetcher git :url "https://github.com/quelpa/quelpa-use-package.git"))
(require 'quelpa-use-package)
(use-package mu4e-overview :quelpa (mu4e-overview :fetcher github :repo "mkcms/mu4e-overview")
  :config (setq overview-configured t))
(setq smtpmail-smtp-server "smtp.example.org")
""")
    assert ip.store.get("smtpmail-smtp-server") == "smtp.example.org"
    assert ip.store.get("overview-configured") is T
    assert {"quelpa-use-package", "mu4e-overview"} <= ip.installed_packages
    assert not [d for d in ip.diagnostics if d.severity == "error"]


def test_el_get_bootstrap_bundles_and_sync(run) -> None:
    ip = run("""\
(add-to-list 'load-path "~/.emacs.d/el-get/el-get")
(unless (require 'el-get nil 'noerror)
  (with-current-buffer
      (url-retrieve-synchronously
       "https://raw.githubusercontent.com/dimitri/el-get/master/el-get-install.el")
    (goto-char (point-max))
    (eval-print-last-sexp)))
(add-to-list 'el-get-recipe-path "~/.emacs.d/el-get-user/recipes")
(setq el-get-sources '((:name bbdb :type git :url "https://git.savannah.nongnu.org/git/bbdb.git")))
(el-get-bundle notmuch
  (setq notmuch-bundle-init t))
(el-get-bundle! tarao/with-eval-after-load-feature-el)
(el-get 'sync '(bbdb magit))
(setq smtpmail-smtp-server "smtp.example.org")
""")
    assert ip.store.get("smtpmail-smtp-server") == "smtp.example.org"
    assert ip.store.get("notmuch-bundle-init") is T
    assert {"notmuch", "bbdb", "magit"} <= ip.installed_packages
    assert "el-get" in ip.features
    assert not [d for d in ip.diagnostics if d.severity == "error"]


def test_package_manager_calls_through_funcall(run, home) -> None:
    install_manager(home, "straight")
    ip = run("(mapc #'straight-use-package '(magit notmuch))\n"
             "(setq r (funcall 'package-installed-p 'anything))\n")
    assert {"magit", "notmuch"} <= ip.installed_packages
    assert ip.store.get("r") is T and ip.store.get("straight-use-package-by-default") is NIL
