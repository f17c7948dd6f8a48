#!/usr/bin/env python3
"""Regenerate tests/libraries/goldens.json from Emacs 28.2 (run from the repository root)."""

from __future__ import annotations

import json
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.libraries.harness import GOLDENS, SCENARIOS, emacs_library, modelled_libraries  # noqa: E402


def main() -> int:
    libraries = modelled_libraries()
    jobs = [(scenario, feature) for scenario in SCENARIOS for feature in libraries]
    with ThreadPoolExecutor(max_workers=4) as pool:
        answers = list(pool.map(
            lambda job: emacs_library(job[1], libraries[job[1]], SCENARIOS[job[0]]), jobs))
    goldens: dict[str, dict[str, object]] = {scenario: {} for scenario in SCENARIOS}
    for (scenario, feature), answer in zip(jobs, answers):
        goldens[scenario][feature] = answer
    GOLDENS.write_text(json.dumps(goldens, indent=1, ensure_ascii=False) + "\n")
    print(f"wrote {len(jobs)} library answers to {GOLDENS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
