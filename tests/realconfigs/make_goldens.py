#!/usr/bin/env python3
"""Regenerate goldens.json: what Emacs 28.2 holds after each corpus file, form by form.

Run from the repository root: ``python3 tests/realconfigs/make_goldens.py [NAME...]``
(needs ``emacs`` 28.2 with Debian's elpa-use-package, mu4e and elpa-notmuch,
as ``scripts/test-all`` installs them).  Each case runs in its own fresh Emacs
with a private copy of its home directory; two run at a time.
"""

from __future__ import annotations

import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.realconfigs.cases import CASES  # noqa: E402
from tests.realconfigs.harness import (  # noqa: E402
    GOLDENS, case_variables, load_goldens, mail_variables_set, run_oracle)

HOW = ("GNU Emacs 28.2, `emacs --batch -Q -l tests/realconfigs/oracle.el`: Debian's ELPA "
       "packages under /usr/share/emacs/site-lisp/elpa/ activated as package.el does, then each "
       "top-level form of the init files in its own condition-case (a form listed in `stops` "
       "ends its file, as load does), Doom/Spacemacs loading order emulated, then the "
       "mail-host-address fix-up, after-init-hook and emacs-startup-hook; no network.")


def golden(case) -> dict:
    return {"shape": case.shape, "mode": case.mode, "files": case.oracle_files,
            "stops": [f"{f}:{line}" for f, line in case.stops],
            "variables_set": mail_variables_set(case), "variables": case_variables(case),
            "emacs": run_oracle(case)}


def main(argv: list[str]) -> int:
    wanted = [c for c in CASES if not argv or c.name in argv]
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(golden, wanted))
    version = subprocess.run(["emacs", "--version"], capture_output=True, text=True,
                             check=False).stdout.splitlines()[0]
    goldens = load_goldens() if argv and GOLDENS.exists() else {}
    goldens["_how"] = {"emacs": version, "method": HOW,
                       "regenerate": "python3 tests/realconfigs/make_goldens.py"}
    for case, result in zip(wanted, results):
        goldens[case.name] = result
    ordered = {"_how": goldens.pop("_how")}
    ordered.update({c.name: goldens[c.name] for c in CASES if c.name in goldens})
    GOLDENS.write_text(json.dumps(ordered, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {len(wanted)} cases to {GOLDENS}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
