"""Fixtures of the framework tests: the evaluator's ``run`` (evaluate text as an init file)."""

from pathlib import Path

from tests.evaluator.conftest import run  # noqa: F401  (a fixture, used by name)


#: straight.el's bootstrap snippet as its README gives it and dotfiles copy it.
STRAIGHT_BOOTSTRAP = """\
(defvar bootstrap-version)
(let ((bootstrap-file
       (expand-file-name "straight/repos/straight.el/bootstrap.el" user-emacs-directory))
      (bootstrap-version 6))
  (unless (file-exists-p bootstrap-file)
    (with-current-buffer
        (url-retrieve-synchronously
         "https://raw.githubusercontent.com/radian-software/straight.el/develop/install.el"
         'silent 'inhibit-cookies)
      (goto-char (point-max))
      (eval-print-last-sexp)))
  (load bootstrap-file nil 'nomessage))
(straight-use-package 'use-package)
"""


def install_manager(home: Path, manager: str) -> None:
    """Make package manager ``manager`` ("straight", "elpaca") installed in ``home``: the
    file elconf looks for (elconf.frameworks: straight's bootstrap.el, elpaca's repository)."""
    rel = {"straight": ".emacs.d/straight/repos/straight.el/bootstrap.el",
           "elpaca": ".emacs.d/elpaca/repos/elpaca/elpaca.el"}[manager]
    (home / rel).parent.mkdir(parents=True, exist_ok=True)
    (home / rel).write_text(f";;; a test's stand-in: {manager} is installed\n", encoding="utf-8")
