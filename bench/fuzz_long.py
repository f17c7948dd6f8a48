#!/usr/bin/env python3
"""The long fuzzing run (not part of CI): the hostile-input properties with many more examples.

CI runs each hypothesis property of tests/reliability/test_hostile_input.py with 150
examples; this runs them with 20,000 each (or ``--examples N``) and prints the slowest
input seen per target (reader, evaluator, authinfo, message, reply), the figures quoted in
docs/reliability.md.  The 1 GB message test is fast enough to stay in CI (marked slow), so
it is not repeated here.

    python3 bench/fuzz_long.py [--examples 20000]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROPERTIES = ("test_reader_returns_forms_or_a_placed_error or test_evaluator_ends_with_values "
              "or test_authinfo_parser or test_message_parser or test_reply_parser "
              "or test_print_slowest")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--examples", type=int, default=20_000,
                        help="hypothesis examples per property (default 20000)")
    options = parser.parse_args()
    env = {**os.environ, "ELSEND_FUZZ_EXAMPLES": str(options.examples)}
    return subprocess.call([sys.executable, "-m", "pytest", "-q", "-s", "-p", "no:warnings",
                            "tests/reliability/test_hostile_input.py", "-k", PROPERTIES],
                           cwd=ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main())
