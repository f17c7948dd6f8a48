#!/usr/bin/env python3
"""Regenerate goldens.json: what Emacs 28.2 holds for every parity case.

Run from the repository root: ``python3 tests/parity/eval/make_goldens.py``
(needs ``emacs`` 28.2 and Debian's ``elpa-use-package``).  Each case runs in
its own fresh Emacs; a few run in parallel.
"""

from __future__ import annotations

import json
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from tests.parity.eval.cases import CASES  # noqa: E402
from tests.parity.eval.harness import GOLDENS, run_emacs_case  # noqa: E402


def main() -> int:
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(run_emacs_case, CASES))
    goldens = {}
    for case, (data, stderr) in zip(CASES, results):
        goldens[case.name] = {"variables": data,
                              "emacs_stderr": [line for line in stderr.splitlines() if line.strip()]}
    GOLDENS.write_text(json.dumps(goldens, indent=1, ensure_ascii=False, sort_keys=False) + "\n")
    print(f"wrote {len(goldens)} cases to {GOLDENS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
