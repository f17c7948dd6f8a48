#!/usr/bin/env python3
"""Reader and evaluator speed of two source trees, side by side (before/after a change).

    git worktree add /tmp/before COMMIT
    python3 bench/compare_trees.py /tmp/before [--rounds 6]

Not a test.  Each round runs one fresh Python process per tree (the trees
alternate, first one then the other, so that a change of machine load hits
both alike); each process times, in CPU seconds, ``load_config`` of the
5,000-line init file of ``bench/eval_bench.py`` and ``elconf read --check`` of
org.el (Emacs's largest source) and of that init file, five times each.  The
figure kept is the minimum over all runs: on a shared machine the other
processes only ever add time, so the minimum is the figure least disturbed by
them (medians move by tens of percent here).
"""

from __future__ import annotations

import argparse
import gzip
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

ORG = Path("/usr/share/emacs/28.2/lisp/org/org.el.gz")

_CHILD = r"""
import io, sys, time
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from elconf.commands.read import read_one_file
from elconf.config import LoadOptions, load_config

init, org, home = Path(sys.argv[2]), sys.argv[3], Path(sys.argv[4])
env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "LOGNAME": "bench", "USER": "bench"}

def best(thunk):
    times = []
    for _ in range(5):
        start = time.process_time()
        thunk()
        times.append(time.process_time() - start)
    return min(times)

print(best(lambda: load_config(LoadOptions(init=init, home=home, env=env))),
      best(lambda: read_one_file(org, io.StringIO(), check=True)),
      best(lambda: read_one_file(str(init), io.StringIO(), check=True)))
"""

LABELS = ("load_config, 5,000-line init", "read --check org.el", "read --check 5,000-line init")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("before", type=Path, help="the other source tree (e.g. a git worktree)")
    parser.add_argument("--rounds", type=int, default=6)
    args = parser.parse_args()
    from bench.eval_bench import generate

    trees = {"before": args.before.resolve(), "this tree": ROOT}
    with tempfile.TemporaryDirectory(prefix="elconf-compare-") as tmp:
        work = Path(tmp)
        init = work / "init.el"
        init.write_text(generate(5000))
        org = work / "org.el"
        org.write_bytes(gzip.decompress(ORG.read_bytes()))
        home = work / "home"
        home.mkdir()
        results: dict[str, list[list[float]]] = {name: [] for name in trees}
        for round_ in range(args.rounds):
            order = list(trees.items())
            if round_ % 2:
                order.reverse()
            for name, tree in order:
                proc = subprocess.run([sys.executable, "-c", _CHILD, str(tree), str(init), str(org), str(home)],
                                      capture_output=True, text=True, check=True)
                results[name].append([float(x) for x in proc.stdout.split()])
    print(f"{'':32} {'before':>9} {'this tree':>10} {'speed-up':>9}   (CPU ms, min of {args.rounds}x5 runs)")
    for index, label in enumerate(LABELS):
        before = min(run[index] for run in results["before"])
        after = min(run[index] for run in results["this tree"])
        print(f"{label:32} {before * 1000:9.1f} {after * 1000:10.1f} {before / after:9.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
