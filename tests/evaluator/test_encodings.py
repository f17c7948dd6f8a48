"""base64-encode-string, base64-decode-string, base64url-encode-string and char-equal
give Emacs 28.2's values (elconf/builtins/encodings.py): line breaks every 76
characters, url-safe alphabet and padding, invalid data, a multibyte character,
``case-fold-search``; compared with real Emacs in both binding modes.
"""

from __future__ import annotations

from pathlib import Path

from tests.evaluator.emacs_oracle import compared_with_emacs

EXPRESSIONS = [
    '(base64-encode-string "user:pass")',
    '(base64-decode-string "dXNlcjpwYXNz")',
    '(base64-decode-string "dXNl\\ncjpwYXNz")',
    "(base64-encode-string (make-string 70 ?a))",
    "(base64-encode-string (make-string 70 ?a) t)",
    '(base64url-encode-string "??>")',
    '(base64url-encode-string "a" t)',
    '(base64-decode-string "Pz8-" t)',
    '(condition-case e (base64-decode-string "!!") (error (car e)))',
    '(condition-case e (base64-encode-string "é") (error (car e)))',
    "(list (char-equal ?a ?A) (char-equal ?a ?b) (let ((case-fold-search nil)) (char-equal ?a ?A)))",
]


emacs_printed, test_encodings_as_emacs = compared_with_emacs(EXPRESSIONS)


def test_decoded_bytes_that_are_not_ascii_are_unknown(tmp_path: Path) -> None:
    """Emacs gives a unibyte string; our strings are text: unknown, not a guess."""
    from elconf.interpreter import Interpreter, Opaque
    from elconf.reader import read_from_string

    ip = Interpreter(home=tmp_path, env={"HOME": str(tmp_path)})
    assert isinstance(ip.eval(read_from_string('(base64-decode-string "w6k=")', 0)[0]), Opaque)
