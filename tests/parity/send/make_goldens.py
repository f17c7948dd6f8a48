"""Make the send-parity goldens: run real Emacs 28.2 for every case and store what it sent.

    python3 -m tests.parity.send.make_goldens            # all cases
    python3 -m tests.parity.send.make_goldens basic ...  # some cases

For each case ``goldens/NAME.wire`` gets the client bytes of every connection
(masked by :func:`tests.parity.send.harness.mask`) and ``goldens/NAME.json``
Emacs's exit status and stderr (for the record and the docs).
"""

from __future__ import annotations

import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tests.parity.send.cases import BY_NAME, CASES, SendCase
from tests.parity.send.harness import emacs_client, run_case, write_golden


def make(case: SendCase) -> str:
    with tempfile.TemporaryDirectory(prefix=f"golden-{case.name}-") as tmp:
        outcome = run_case(case, emacs_client, Path(tmp))
    write_golden(case, outcome)
    first = outcome.stderr.strip().splitlines()[-1:] or [""]
    return f"{case.name:40} emacs exit {outcome.exit_code:3}  {first[0][:90]}"


def main(names: list[str]) -> int:
    cases = [BY_NAME[name] for name in names] if names else CASES
    with ThreadPoolExecutor(max_workers=4) as pool:
        for line in pool.map(make, cases):
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
