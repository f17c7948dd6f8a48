"""package.el: its options, the usual install idiom, and the activation of the
packages installed under ~/.emacs.d/elpa, compared with Emacs 28.2 where Emacs
can run it here (nothing that downloads)."""

from __future__ import annotations

import pytest

from elconf.types import NIL, T
from tests.evaluator.conftest import rules
from tests.frameworks.oracle import compare
from tests.parity.eval.cases import Case

MELPA = """\
(require 'package)
(add-to-list 'package-archives '("melpa" . "https://melpa.org/packages/") t)
(setq package-archive-priorities '(("melpa" . 10)))
(package-initialize)
(setq smtpmail-smtp-server (if (assoc "melpa" package-archives) "melpa.example.org" "none"))
"""

# An installed package as package.el leaves it: NAME-VERSION/ with NAME-pkg.el,
# the generated NAME-autoloads.el and the library.
ELPA = ".emacs.d/elpa/mailhelper-1.0/"
PACKAGE = {
    ELPA + "mailhelper-pkg.el": '(define-package "mailhelper" "1.0" "Mail helpers.")\n',
    ELPA + "mailhelper-autoloads.el": """\
;;; mailhelper-autoloads.el --- automatically extracted autoloads
(add-to-list 'load-path (directory-file-name (or (file-name-directory #$) (car load-path))))
;;;### (autoloads nil "mailhelper" "mailhelper.el" (0 0 0 0))
(autoload 'mailhelper-setup "mailhelper" "Set up mail." t nil)
;;;***
""",
    ELPA + "mailhelper.el": "(defun mailhelper-setup () nil)\n(provide 'mailhelper)\n",
}
ACTIVATED = """\
(with-eval-after-load 'mailhelper (setq smtpmail-smtp-service 2525))
(setq before-call (featurep 'mailhelper))
(mailhelper-setup)
(setq after-call (featurep 'mailhelper))
"""


@pytest.mark.emacs
def test_package_archives_as_emacs_has_them() -> None:
    compare(Case("melpa", {".emacs.d/init.el": MELPA},
                 extra=("package-archives", "package-archive-priorities", "package-enable-at-startup",
                        "package-load-list", "package-quickstart")))


@pytest.mark.emacs
def test_installed_packages_autoload_as_emacs_activates_them() -> None:
    compare(Case("activated", {**PACKAGE, ".emacs.d/init.el": ACTIVATED},
                 extra=("before-call", "after-call")))


def test_activation_reads_autoloads_and_never_runs_the_package(run, home) -> None:
    for rel, text in PACKAGE.items():
        (home / rel).parent.mkdir(parents=True, exist_ok=True)
        (home / rel).write_text(text.replace("nil)\n", "(setq ran t))\n"))
    ip = run("(package-initialize)\n" + ACTIVATED)
    assert ip.autoloads["mailhelper-setup"] == "mailhelper"
    assert ip.store.get("after-call") is T and ip.store.get("smtpmail-smtp-service") == 2525
    assert ip.store.is_bound("ran") is False
    assert str(home / ELPA).rstrip("/") in list(ip.store.get("load-path"))


def test_no_activation_when_early_init_turns_it_off(home) -> None:
    from elconf.config import LoadOptions, load_config

    for rel, text in PACKAGE.items():
        (home / rel).parent.mkdir(parents=True, exist_ok=True)
        (home / rel).write_text(text)
    (home / ".emacs.d/early-init.el").write_text("(setq package-enable-at-startup nil)\n")
    (home / ".emacs.d/init.el").write_text("(setq x 1)\n")
    config = load_config(LoadOptions(home=home, env={"HOME": str(home)}))
    assert "mailhelper-setup" not in config.interpreter.autoloads
    (home / ".emacs.d/early-init.el").unlink()
    config = load_config(LoadOptions(home=home, env={"HOME": str(home)}))
    assert config.interpreter.autoloads.get("mailhelper-setup") == "mailhelper"


def test_the_install_idiom_takes_the_installed_branch(run) -> None:
    """What every use-package config starts with: on the user's machine the package is
    installed, so nothing is downloaded and nothing stops the file."""
    ip = run("""\
(require 'package)
(setq package-archives '(("gnu" . "https://elpa.gnu.org/packages/")
                         ("melpa" . "https://melpa.org/packages/")))
(package-initialize)
(unless package-archive-contents
  (package-refresh-contents))
(unless (package-installed-p 'use-package)
  (package-refresh-contents)
  (package-install 'use-package))
(eval-when-compile (require 'use-package))
(setq use-package-always-ensure t)
(use-package smtpmail :config (setq smtpmail-smtp-server "smtp.example.org"))
(dolist (pkg '(magit notmuch))
  (unless (package-installed-p pkg) (package-install pkg)))
(setq done t)
""")
    assert ip.store.get("done") is T
    assert ip.store.get("smtpmail-smtp-server") == "smtp.example.org"
    assert ip.store.get("package--initialized") is T
    assert "lisp-error" not in rules(ip) and "sandbox" not in rules(ip)
    assert {"use-package", "magit", "notmuch", "smtpmail"} <= ip.installed_packages


def test_package_selected_packages_from_custom_set_variables(run) -> None:
    ip = run("""\
(custom-set-variables
 '(package-selected-packages '(use-package magit mu4e-alert)))
(require 'package)
(package-initialize)
(package-install-selected-packages)
""")
    assert [s.name for s in ip.store.get("package-selected-packages")] == \
        ["use-package", "magit", "mu4e-alert"]
    assert ip.store.origin("package-selected-packages").kind == "custom-set-variables"
    assert ip.store.get("package-pinned-packages") is NIL
