"""Make the sendmail-path goldens: run every case of cases.json through real Emacs 28.2.

    python3 -m tests.parity.paths.make_goldens

Writes ``goldens/NAME.json``: the arguments Emacs gave ``sendmail-program``
(without the program itself), the bytes it wrote to its standard input
(Date and Message-ID values masked), or the error Emacs signalled.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from tests.parity.paths.harness import load_cases, run_emacs_cases, write_golden


def main() -> int:
    base, cases = load_cases()
    with tempfile.TemporaryDirectory(prefix="paths-goldens-") as tmp:
        results = run_emacs_cases(cases, base, Path(tmp))
    for case in cases:
        result = results[case["name"]]
        write_golden(case["name"], result)
        summary = result.get("error") or " ".join(result.get("argv", ["(program not run)"]))
        print(f"{case['name']:32} {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
