"""AUTH encodings computed by real Emacs 28.2 and by smtp.auth, for many inputs in one Emacs.

Emacs builds the lines with ``base64-encode-string`` (no line breaks) and
``rfc2104-hash``; any difference in padding, line breaking or HMAC would
put different bytes on the wire.  (ASCII only: Emacs refuses multibyte
credentials, see smtp.auth.)
"""

from __future__ import annotations

import hashlib
import hmac
import json
import random
import string
from pathlib import Path

import pytest

from smtp import auth
from tests.support.emacs import run_emacs

DRIVER = r"""
(require 'rfc2104)
(require 'json)
(let ((cases (with-temp-buffer
               (insert-file-contents "cases.json")
               (json-read)))
      (out nil))
  (mapc (lambda (c)
          (let ((user (aref c 0)) (password (aref c 1)) (challenge (aref c 2)))
            (push (vector
                   (concat "AUTH PLAIN " (base64-encode-string (concat "\0" user "\0" password) t))
                   (base64-encode-string user t)
                   (base64-encode-string password t)
                   (base64-encode-string
                    (concat user " " (rfc2104-hash 'md5 64 16 password challenge)) t)
                   (concat "AUTH XOAUTH2 " (base64-encode-string
                                           (concat "user=" user "\1auth=Bearer " password "\1\1") t)))
                  out)))
        cases)
  (with-temp-file "answers.json" (insert (json-encode (nreverse out)))))
"""

PRINTABLE = string.ascii_letters + string.digits + string.punctuation + " "


def _cases(count: int) -> list[list[str]]:
    rng = random.Random(4711)
    word = lambda low, high: "".join(rng.choice(PRINTABLE) for _ in range(rng.randint(low, high)))  # noqa: E731
    cases = [["alice", "s3cret", "<1896.697170952@mx.test>"], ["a", "", "x"],
             ["user@example.org", "p" * 100, "<" + "9" * 60 + "@mx>"]]
    cases += [[word(1, 40), word(0, 80), word(1, 90)] for _ in range(count)]
    return cases


@pytest.mark.emacs
def test_auth_lines_equal_emacs(tmp_path: Path, home: Path) -> None:
    cases = _cases(300)
    (tmp_path / "cases.json").write_text(json.dumps(cases), encoding="utf-8")
    (tmp_path / "driver.el").write_text(DRIVER, encoding="utf-8")
    done = run_emacs(["-Q", "-l", str(tmp_path / "driver.el")], home=home, cwd=tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    answers = json.loads((tmp_path / "answers.json").read_text(encoding="utf-8"))
    assert len(answers) == len(cases)
    long_passwords = 0
    for (user, password, challenge), emacs in zip(cases, answers):
        encoded_challenge = "334 " + auth.b64(challenge)
        ours = [auth.plain_command(user, password), *auth.login_lines(user, password),
                auth.cram_md5_response(user, password, encoded_challenge),
                auth.xoauth2_command(user, password)]
        if len(password) <= 64:
            assert ours == emacs, (user, password, challenge)
            continue
        # Emacs's rfc2104-hash shortens a long key to its *hex* MD5, not the raw
        # digest RFC 2104 asks for, so its CRAM-MD5 fails with such passwords;
        # ours is the RFC's (the session test authenticates with one).
        long_passwords += 1
        assert ours[:3] + ours[4:] == emacs[:3] + emacs[4:]
        hex_key = hashlib.md5(password.encode()).hexdigest()
        assert emacs[3] == auth.b64(f"{user} " + hmac.new(hex_key.encode(), challenge.encode(),
                                                          hashlib.md5).hexdigest())
        assert ours[3] != emacs[3]
    assert long_passwords > 0
