"""smtp.errors.sanitize against Emacs's own smtpmail--sanitize-error-message, 400 strings, one Emacs."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from smtp.errors import sanitize
from tests.support.emacs import run_emacs

DRIVER = r"""
(require 'smtpmail)
(require 'json)
(let ((strings (with-temp-buffer (insert-file-contents "strings.json") (json-read))))
  (with-temp-file "answers.json"
    (insert (json-encode (mapcar #'smtpmail--sanitize-error-message strings)))))
"""

PIECES = ["AUTH", "auth", "Auth", "aUtH", "xAUTH", "AUTHx", "AUTH2", "_AUTH", "-AUTH-", " ", "\n",
          "535", "5.7.8", "PLAIN", "dXNlcg==", "in response to", ".", ":", "é", "(", ")"]


def _strings(count: int) -> list[str]:
    rng = random.Random(1896)
    return ["".join(rng.choice(PIECES) for _ in range(rng.randint(0, 12))) for _ in range(count)]


@pytest.mark.emacs
def test_sanitize_equals_emacs(tmp_path: Path, home: Path) -> None:
    strings = _strings(400) + ["535 5.7.8 Error: authentication failed in response to AUTH PLAIN x"]
    (tmp_path / "strings.json").write_text(json.dumps(strings), encoding="utf-8")
    (tmp_path / "driver.el").write_text(DRIVER, encoding="utf-8")
    done = run_emacs(["-Q", "-l", str(tmp_path / "driver.el")], home=home, cwd=tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    answers = json.loads((tmp_path / "answers.json").read_text(encoding="utf-8"))
    assert [sanitize(s) for s in strings] == answers
