#!/usr/bin/env python3
"""What the parts of `elconf check`'s rule pass cost (not a test; no timing is asserted).

On the generated 5,000-line init file of bench/check_bench.py, prints the CPU
time of ``run_checks`` (median of N runs; the evaluation is not counted):

* as shipped;
* without the placement of findings at the variable's symbol, the checking
  of unknown values candidate by candidate and the ``value-unknown`` rule
  (what docs/editors.md describes), to show they cost next to nothing when
  there are no findings (placement is lazy: only a finding pays for it).

    python3 bench/check_parts_bench.py [--lines 5000] [--runs 7]
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def median_ms(init: Path, home: Path, runs: int) -> float:
    from elconf.check import run_checks
    from elconf.config import LoadOptions, load_config

    env = {"HOME": str(home), "PATH": "/usr/bin:/bin"}
    times = []
    for _ in range(runs):
        loaded = load_config(LoadOptions(init=init, home=home, env=env))
        start = time.process_time()
        run_checks(loaded, home=home, env=env)
        times.append(time.process_time() - start)
    return statistics.median(times) * 1000


def without_additions() -> None:
    """Placement, candidates and value-unknown replaced by no-ops."""
    import elconf.check as check
    from elconf.check.context import CheckContext
    from elconf.check.rules import _REGISTRY, all_rules

    all_rules()
    check.each_candidate = lambda *_args, **_kwargs: []  # type: ignore[assignment]
    _REGISTRY["value-unknown"] = dataclasses.replace(_REGISTRY["value-unknown"],
                                                     check=lambda _ctx: iter(()))
    CheckContext.variable_place = lambda _self, _name, where: getattr(where, "origin", where)  # type: ignore[method-assign]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    from check_bench import generate

    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        (home / ".emacs.d").mkdir()
        init = home / ".emacs.d" / "init.el"
        init.write_text(generate(args.lines), encoding="utf-8")
        median_ms(init, home, 1)                    # warm-up: imports, model tables
        shipped = median_ms(init, home, args.runs)
        without_additions()
        bare = median_ms(init, home, args.runs)
    print(f"rules of elconf check on {args.lines} lines, median of {args.runs} (CPU):")
    print(f"  as shipped                                        {shipped:7.1f} ms")
    print(f"  without placement, candidates and value-unknown   {bare:7.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
