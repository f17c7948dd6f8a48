#!/usr/bin/env python3
"""Machine instructions of one ``load_config`` of the 5,000-line init file, under valgrind.

    python3 bench/eval_count.py [TREE ...] [--loads 4]

Not a test.  CPU time on this shared machine moves by a third between runs;
the instruction count (valgrind's cachegrind ``I refs``) of the same work
moves by a few percent.  For each source tree (default: this one) a child
Python process loads the file of ``bench/eval_bench.py`` once to warm up and
then ``--loads`` times, and again with no load after the warm-up: the
difference divided by ``--loads`` is one load.  Two figures: ``full``
(reading and evaluation) and ``eval`` (the forms read once beforehand and
handed out again, so only evaluation is counted).  Needs valgrind.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

_CHILD = r"""
import sys
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from elconf.config import LoadOptions, load_config
import elconf.reader as reader
init, home, mode, loads = Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4], int(sys.argv[5])
env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "LOGNAME": "bench", "USER": "bench"}
if mode == "eval":
    read_forms, kept = reader.read_forms, {}
    def again(text, filename=None):
        if (text, filename) not in kept:
            kept[text, filename] = list(read_forms(text, filename))
        return iter(kept[text, filename])
    reader.read_forms = again
for _ in range(1 + loads):
    load_config(LoadOptions(init=init, home=home, env=env))
"""


def instructions(tree: Path, init: Path, home: Path, mode: str, loads: int) -> int:
    proc = subprocess.run(["valgrind", "--tool=cachegrind", "--cache-sim=no",
                           "--cachegrind-out-file=/dev/null", sys.executable, "-c", _CHILD,
                           str(tree), str(init), str(home), mode, str(loads)],
                          capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": "0"},
                          check=True)
    match = re.search(r"I\s+refs:\s+([\d,]+)", proc.stderr)
    if match is None:
        raise SystemExit(f"no instruction count from valgrind: {proc.stderr[-300:]}")
    return int(match.group(1).replace(",", ""))


def main() -> int:
    from bench.eval_bench import generate

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("trees", nargs="*", type=Path, default=[ROOT])
    parser.add_argument("--loads", type=int, default=4)
    parser.add_argument("--lines", type=int, default=5000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="elconf-count-") as tmp:
        home = Path(tmp) / "home"
        home.mkdir()
        init = Path(tmp) / "init.el"
        init.write_text(generate(args.lines))
        print(f"{'tree':40s} {'full':>10s} {'eval':>10s}   (millions of instructions per load_config)")
        for tree in args.trees:
            figures = []
            for mode in ("full", "eval"):
                many = instructions(tree, init, home, mode, args.loads)
                none = instructions(tree, init, home, mode, 0)
                figures.append((many - none) / args.loads / 1e6)
            print(f"{str(tree):40s} {figures[0]:10.1f} {figures[1]:10.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
