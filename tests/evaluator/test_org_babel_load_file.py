"""org-babel-load-file: the blocks elconf loads are the ones Emacs 28.2 (Org 9.5.5) tangles.

Each case is an Org file loaded by a one-line init file; the variables it sets
are compared, as printed by ``prin1``, with real Emacs running the same
``org-babel-load-file`` in a private HOME.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from elconf.config import LoadOptions, load_config
from elconf.commands.get import prin1
from elconf.types import UNBOUND
from tests.support.emacs import run_emacs

CASES = {
    "plain-blocks": ("""#+TITLE: My config
* Identity
#+begin_src emacs-lisp
  (setq user-mail-address "olu@adeyemi.dev")
  (setq sig "Olu
  Adeyemi")
#+end_src
* Mail
#+BEGIN_SRC elisp :results silent
(setq smtpmail-smtp-server "smtp.fastmail.com")
#+END_SRC
#+begin_src emacs-lisp :tangle no
(setq smtpmail-smtp-server "not-tangled")
#+end_src
#+begin_src python
smtp = 1
#+end_src
* COMMENT Old
#+begin_src emacs-lisp
(setq old 1)
#+end_src
* TODO COMMENT Older
#+begin_src emacs-lisp
(setq older 1)
#+end_src
* Escapes
#+begin_src emacs-lisp
(setq escaped "
,* heading
,#+begin_src")
#+end_src
""", ("user-mail-address", "sig", "smtpmail-smtp-server", "old", "older", "escaped")),
    "subtree-and-file-properties": ("""#+PROPERTY: header-args:emacs-lisp :tangle no
* Off by default
#+begin_src emacs-lisp
(setq a 1)
#+end_src
#+begin_src emacs-lisp :tangle yes
(setq b 2)
#+end_src
* On here
:PROPERTIES:
:header-args: :tangle yes
:END:
#+begin_src emacs-lisp
(setq c 3)
#+end_src
** Off again
:PROPERTIES:
:header-args:emacs-lisp: :tangle no
:END:
#+begin_src emacs-lisp
(setq d 4)
#+end_src
* Back to the file's default
#+begin_src emacs-lisp
(setq e 5)
#+end_src
""", ("a", "b", "c", "d", "e")),
    "lexical-cookie-in-first-block": (""";; -*- mode: org -*-
#+begin_src emacs-lisp
;;; config.el -*- lexical-binding: t -*-
(setq lexical-here lexical-binding)
(setq adder (let ((n 2)) (lambda (x) (+ x n))))
(setq four (funcall adder 2))
#+end_src
""", ("four",)),
    "dynamic-without-cookie": ("""* Setup
#+begin_src emacs-lisp
(defvar my-domain "example.org")
(setq user-mail-address (let ((d my-domain)) (concat "me@" d)))
(setq dynamic (let ((n 2)) (funcall (lambda () (boundp 'n)))))
#+end_src
""", ("user-mail-address", "dynamic")),
}


def _lisp_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _home(tmp_path: Path, org: str) -> Path:
    home = tmp_path / "home"
    (home / ".emacs.d").mkdir(parents=True)
    (home / ".emacs.d" / "config.org").write_text(org, encoding="utf-8")
    (home / ".emacs.d" / "init.el").write_text(
        '(org-babel-load-file (expand-file-name "config.org" user-emacs-directory))\n')
    return home


@pytest.mark.parametrize("name", CASES)
def test_org_babel_load_file_loads_what_emacs_tangles(name: str, tmp_path: Path) -> None:
    org, names = CASES[name]
    emacs_home = _home(tmp_path / "emacs", org)
    shown = " ".join(f"(if (boundp '{n}) (prin1-to-string {n}) \"void\")" for n in names)
    form = (f"(progn (require 'org) (org-babel-load-file {_lisp_string(str(emacs_home / '.emacs.d/config.org'))})"
            f" (princ (mapconcat #'identity (list {shown}) \"\\n\")))")
    proc = run_emacs(["-Q", "--eval", "(setq print-escape-newlines t)", "--eval", form],
                     home=emacs_home)
    emacs = proc.stdout.decode().splitlines()[-len(names):]
    assert len(emacs) == len(names), proc.stderr.decode()

    home = _home(tmp_path / "elconf", org)
    config = load_config(LoadOptions(home=home, env={"HOME": str(home)}))
    ours = []
    for n in names:
        value = config.get(n)
        ours.append("void" if value is UNBOUND else prin1(value))
    assert ours == emacs
    assert not (home / ".emacs.d" / "config.el").exists(), "elconf must not write the tangled file"


def test_an_existing_newer_tangled_file_is_loaded_instead(tmp_path: Path) -> None:
    home = _home(tmp_path, "#+begin_src emacs-lisp\n(setq from-org t)\n#+end_src\n")
    tangled = home / ".emacs.d" / "config.el"
    tangled.write_text("(setq from-el t)\n")
    import os

    org_time = (home / ".emacs.d" / "config.org").stat().st_mtime
    os.utime(tangled, (org_time + 10, org_time + 10))
    config = load_config(LoadOptions(home=home, env={"HOME": str(home)}))
    assert config.get("from-org") is UNBOUND
    assert prin1(config.get("from-el")) == "t"
