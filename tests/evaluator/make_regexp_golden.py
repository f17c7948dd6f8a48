"""Write ``regexp_golden.json``: Emacs 28.2's match data for every case in ``regexp_cases``.

Run: ``python3 -m tests.evaluator.make_regexp_golden`` (needs ``emacs``).
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from tests.evaluator.regexp_cases import CASES
from tests.support.emacs import run_emacs

GOLDEN = Path(__file__).with_name("regexp_golden.json")

_DRIVER = r"""
(let ((cases (with-temp-buffer
               (insert-file-contents (getenv "REGEXP_CASES"))
               (json-parse-buffer :array-type 'list :false-object nil))))
  (with-temp-buffer
    (dolist (case cases)
      (let* ((case-fold-search (nth 2 case))
             (result (condition-case err
                         (if (string-match (nth 0 case) (nth 1 case))
                             (vconcat (mapcar (lambda (x) (or x :null)) (match-data)))
                           :false)
                       (invalid-regexp (vector "invalid-regexp")))))
        (princ (json-serialize result))
        (princ "\n")))))
"""


def emacs_match_data(cases: list[tuple[str, str, bool]], home: Path) -> list[object]:
    """For each case: the match data list (None for unmatched groups), False, or ["invalid-regexp"]."""
    source = home / "regexp-cases.json"
    source.write_text(json.dumps([list(c) for c in cases]), encoding="utf-8")
    proc = run_emacs(["-Q", "--eval", _DRIVER], home=home, env={"REGEXP_CASES": str(source)})
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")
    lines = proc.stdout.decode("utf-8").strip().split("\n")
    assert len(lines) == len(cases), proc.stderr.decode(errors="replace")
    return [json.loads(line) for line in lines]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        results = emacs_match_data(CASES, Path(tmp))
    GOLDEN.write_text(json.dumps([{"regexp": r, "string": s, "case_fold": f, "emacs": res}
                                  for (r, s, f), res in zip(CASES, results)], indent=1,
                                 ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {GOLDEN} ({len(CASES)} cases)")


if __name__ == "__main__":
    main()
