"""The mail-related variable names Emacs 28.2 defines, for "did you mean" and unknown-name checks.

The list (``known_variables.txt`` next to this module) was produced by
Emacs itself: it loads the mail libraries and prints every bound symbol
whose name has a mail prefix.  Regenerate it with
``python3 -m elconf.check.known_names`` (needs ``emacs``).  Only names are
stored, never Emacs's text.
"""

from __future__ import annotations

import functools
import subprocess
import sys
import tempfile
from pathlib import Path

DATA = Path(__file__).with_name("known_variables.txt")

#: Libraries loaded before listing; all ship with Emacs 28.2.
LIBRARIES = ("sendmail", "smtpmail", "message", "auth-source", "auth-source-pass", "gnutls",
             "nsm", "mailalias", "mail-utils", "starttls", "mm-encode", "mml", "mml-sec",
             "gnus-msg", "mail-source", "epa-file", "feedmail", "mailclient", "rmail")

#: Name prefixes listed (a regexp in Emacs syntax).
PREFIXES = ("smtpmail-", "message-", "mail-", "sendmail-", "send-mail-", "user-", "auth-source",
            "gnutls-", "nsm-", "network-security", "starttls-", "feedmail-", "mml-", "mm-",
            "epa-", "epg-", "password-", "rmail-", "mailclient-")


@functools.cache
def known_variable_names() -> frozenset[str]:
    """Every mail-prefixed variable bound after Emacs 28.2 loads :data:`LIBRARIES`."""
    return frozenset(DATA.read_text(encoding="utf-8").split())


def regenerate() -> str:
    """Ask Emacs for the list (the text of ``known_variables.txt``)."""
    prefix_regexp = "\\\\`\\\\(" + "\\\\|".join(PREFIXES) + "\\\\)"
    program = f"""
(dolist (f '({' '.join(LIBRARIES)})) (ignore-errors (require f)))
(let (names)
  (mapatoms (lambda (s) (when (and (boundp s) (string-match-p "{prefix_regexp}" (symbol-name s)))
                          (push (symbol-name s) names))))
  (dolist (n (sort names #'string<)) (princ n) (princ "\\n")))
"""
    with tempfile.TemporaryDirectory() as home:
        done = subprocess.run(["emacs", "-Q", "--batch", "--eval", f"(progn {program})"],
                              capture_output=True, text=True, check=True,
                              env={"HOME": home, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"})
    return done.stdout


if __name__ == "__main__":
    text = regenerate()
    DATA.write_text(text, encoding="utf-8")
    print(f"{len(text.split())} names written to {DATA}", file=sys.stderr)
