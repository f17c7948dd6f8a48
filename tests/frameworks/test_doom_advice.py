"""Doom's defadvice! adds its function as advice, and undefadvice! removes it
(elconf/frameworks/doom.py, through elconf/advice.py), as Doom's macros expand:
a defun, then advice-add of it to each function of the evaluated PLACES."""

from __future__ import annotations

from pathlib import Path

from tests.frameworks.test_doom import _doom_home, _load

CONFIG = """\
;;; ~/.config/doom/config.el -*- lexical-binding: t; -*-
(defun my/port () 25)
(defun my/host () "smtp.example.org")
(defadvice! my/tls-port-a (&rest _)
  "Submission over TLS."
  :override #'my/port
  465)
(defadvice! my/host-a (orig)
  :around '(my/host)
  (concat "mail." (funcall orig)))
(setq my-port (my/port)
      my-host (my/host))
(undefadvice! my/host-a (orig)
  :around '(my/host))
(setq my-host-after (my/host))
"""


def test_defadvice_advises_and_undefadvice_removes(tmp_path: Path) -> None:
    home = _doom_home(tmp_path)
    (home / ".config/doom/config.el").write_text(CONFIG)
    loaded = _load(home)
    assert loaded.get("my-port") == 465
    assert loaded.get("my-host") == "mail.smtp.example.org"
    assert loaded.get("my-host-after") == "smtp.example.org"
