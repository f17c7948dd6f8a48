#!/usr/bin/env python3
"""Ask real Emacs 28.2's auth-source-search every parity lookup, in ONE batch process.

Usage: python3 tests/parity/authsource/make_goldens.py   (rewrites goldens.json here)

For every case a HOME is built under a temporary directory; the Lisp driver
switches HOME and ``default-directory`` to it, binds ``auth-sources``,
forgets auth-source's caches and calls, as smtpmail does,
``(auth-source-search :host H :port P :user U :max 1)``, then calls the
secret function.  It records user, secret, host, port and smtp-auth of the
first answer, or the error message, plus the warnings auth-source printed.
Temporary paths are replaced by ``$HOME`` so the goldens are stable.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.parity.authsource.cases import CASES, Case, Sym  # noqa: E402

GOLDENS = HERE / "goldens.json"

DRIVER = r"""
(require 'auth-source)
(require 'json)
(defvar elsend-warnings nil)
(advice-add 'auth-source-do-warn :before
            (lambda (&rest msg) (push (apply #'format-message msg) elsend-warnings)))
(defvar elsend-results nil)
(defun elsend-query (case-name index home sources-given sources host port user require)
  (setenv "HOME" home)
  (setq default-directory (file-name-as-directory home))
  (setq elsend-warnings nil)
  (auth-source-forget-all-cached)
  (let* ((auth-sources (if sources-given sources auth-sources))
         (record
          (condition-case err
              (let* ((found (car (auth-source-search :host host :port port :user user :max 1
                                                   :require (and require '(:user :secret)))))
                     (secret (plist-get found :secret)))
                (when (functionp secret) (setq secret (funcall secret)))
                (list :found (if found t :json-false)
                      :user (plist-get found :user) :secret secret
                      :host (plist-get found :host) :port (plist-get found :port)
                      :smtp-auth (plist-get found :smtp-auth) :error nil))
            (error (list :found :json-false :error (error-message-string err))))))
    (push (json-encode (append (list :case case-name :index index) record
                               (list :warnings (or (reverse elsend-warnings) []))))
          elsend-results)))
"""


def lisp(value: Any) -> str:
    """Print a case's Python-written Lisp value as Lisp source."""
    if isinstance(value, Sym):
        return value.name
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, bool):
        return "t" if value else "nil"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return "(" + " ".join(lisp(v) for v in value) + ")"
    if value is None:
        return "nil"
    raise TypeError(value)


def write_case(base: Path, case: Case) -> Path:
    home = base / case.name
    home.mkdir(parents=True)
    for rel, content in case.files.items():
        path = home / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return home


def run_emacs_on_cases(base: Path, cases: list[Case] | None = None) -> list[dict[str, Any]]:
    """Build every case under ``base``, run Emacs once, return its answers in case order."""
    from tests.support.emacs import run_emacs

    cases = CASES if cases is None else cases
    forms = [DRIVER]
    for case in cases:
        home = write_case(base, case)
        given = "nil" if case.auth_sources is None else "t"
        sources = "nil" if case.auth_sources is None else "'" + lisp(case.auth_sources)
        for index, (host, port, user) in enumerate(case.queries):
            forms.append(f"(elsend-query {lisp(case.name)} {index} {lisp(str(home))} {given} "
                         f"{sources} {lisp(host)} {lisp(port)} {lisp(user)} {lisp(case.require)})")
    out = base / "answers.json"
    forms.append(f"(let ((coding-system-for-write 'utf-8-unix)) (with-temp-file {lisp(str(out))} "
                 "(insert \"[\" (mapconcat #'identity (reverse elsend-results) \",\\n\") \"]\")))")
    driver = base / "driver.el"
    driver.write_text("\n".join(forms) + "\n", encoding="utf-8")
    proc = run_emacs(["-Q", "-l", str(driver)], home=base, timeout=300)
    if proc.returncode != 0 or not out.exists():
        raise RuntimeError(f"Emacs failed ({proc.returncode}): {proc.stderr.decode(errors='replace')}")
    answers = json.loads(out.read_text(encoding="utf-8"))
    text = json.dumps(answers, ensure_ascii=False)
    # Stable paths: every case HOME becomes $HOME.
    for case in cases:
        text = text.replace(str(base / case.name), "$HOME")
    return json.loads(text)


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="authsource-parity-") as tmp:
        answers = run_emacs_on_cases(Path(tmp))
    GOLDENS.write_text(json.dumps(answers, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(answers)} answers from {len(CASES)} cases written to {GOLDENS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
