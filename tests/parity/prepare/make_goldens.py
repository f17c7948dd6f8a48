#!/usr/bin/env python3
"""Regenerate goldens/*.json: run the whole corpus through Emacs 28.2 (one process).

Usage: python3 tests/parity/prepare/make_goldens.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from tests.parity.prepare.corpus import CASES  # noqa: E402
from tests.parity.prepare.harness import run_emacs_on, write_goldens  # noqa: E402


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="prepare-goldens-") as tmp:
        root = Path(tmp) / "cases"
        home = Path(tmp) / "home"
        root.mkdir()
        home.mkdir()
        records = run_emacs_on(CASES, root, home)
    write_goldens(records)
    print(f"wrote {len(records)} goldens")


if __name__ == "__main__":
    main()
