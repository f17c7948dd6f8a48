"""The `M-x compile` recipe of docs/editors.md, run in Emacs 28.2: next-error lands on the symbol.

The recipe is taken from the documentation itself, so the documented code is
the tested code.  The init file is indented with TABs: elconf counts a TAB as
one column, and the recipe tells compile-mode so.
"""

from __future__ import annotations

import json
import re
import shlex
import sys
from pathlib import Path

import pytest

from tests.support.emacs import run_emacs

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.emacs


def documented_recipe() -> str:
    text = (ROOT / "docs" / "editors.md").read_text(encoding="utf-8")
    [block] = [b for b in re.findall(r"```elisp\n(.*?)```", text, re.S)
               if "defun elconf-check-init-file" in b]
    return block


def test_next_error_visits_the_variable_of_each_finding(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    init = tmp_path / "init.el"
    init.write_text('(setq user-mail-address "alice@example.org"\n'
                    "\tsend-mail-function 'smtpmail-send-it\n"
                    '\tsmtpmail-smtp-server "smtp.example.org"\tsmtpmail-stream-type "ssl")\n'
                    '(setq smtpmail-smtp-sever "x")\n', encoding="utf-8")
    recipe = tmp_path / "recipe.el"
    recipe.write_text(documented_recipe(), encoding="utf-8")
    command = " ".join(shlex.quote(a) for a in (sys.executable, "-m", "elconf.cli", "check", "--no-hints"))
    program = f"""(progn
      (setq elconf-check-command {json.dumps(command)})
      (load {json.dumps(str(recipe))} nil t)
      (let ((buffer (elconf-check-init-file {json.dumps(str(init))})))
        (while (get-buffer-process buffer) (accept-process-output nil 0.05))
        (dolist (_ '(1 2))
          (next-error)                   ; M-g n: visits the next finding's place
          (with-current-buffer (find-buffer-visiting {json.dumps(str(init))})
            (princ (format "%s %d %s\\n" (file-name-nondirectory buffer-file-name)
                           (line-number-at-pos) (thing-at-point 'symbol t)))))))"""
    done = run_emacs(["-Q", "--eval", program], home=home, env={"PYTHONPATH": str(ROOT)}, cwd=ROOT)
    assert done.stdout.decode().splitlines() == ["init.el 3 smtpmail-stream-type",
                                                 "init.el 4 smtpmail-smtp-sever"], done.stderr.decode()
