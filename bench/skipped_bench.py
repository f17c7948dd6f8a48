#!/usr/bin/env python3
"""Benchmark: what recording skipped forms (elconf/skipped.py) costs.

Not a test (no timing is ever asserted): run it and read the figures.

    python3 bench/skipped_bench.py [--runs 9] [--forms 500]

Two init files, each evaluated with :func:`elconf.config.load_config` with
the recording on and off (``note_skipped`` replaced by a no-op), runs
alternating, CPU time, medians:

* bench/eval_bench.py's generated 5,000-line init file (its skipped calls
  name no mail variable: the common case, each skipped form is searched);
* ``--forms`` leaf forms that each name a mail variable (every skipped form
  is recorded: the worst case).

Then the cost a send pays per read of the settings: ``SendConfig.from_lisp``
(the values only) beside ``SendConfig.from_loaded`` (plus the skipped-form rule).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import eval_bench  # noqa: E402

import elconf.interpreter as interpreter  # noqa: E402
from elconf.config import LoadOptions, load_config  # noqa: E402
from smtp.config import SendConfig  # noqa: E402

SETTINGS = ('(setq send-mail-function \'smtpmail-send-it smtpmail-smtp-server "smtp.example.org"\n'
            '      smtpmail-smtp-service 587 smtpmail-stream-type \'starttls\n'
            '      smtpmail-smtp-user "me" user-mail-address "me@example.org")\n')


def leaf_forms(count: int) -> str:
    return SETTINGS + "".join(
        f'(leaf pkg{i} :custom ((smtpmail-smtp-user . "u{i}") (pkg{i}-option . {i})) '
        f':config (pkg{i}-mode 1))\n' for i in range(count))


def measure(init: Path, home: Path, runs: int) -> tuple[float, float, int, int, object]:
    real = interpreter.note_skipped
    timings: dict[bool, list[float]] = {True: [], False: []}
    loaded = None
    try:
        for _ in range(runs):
            for record in (False, True):
                interpreter.note_skipped = real if record else (lambda *_args: None)
                start = time.process_time()
                loaded = load_config(LoadOptions(init=init, home=home, env={"HOME": str(home)}))
                timings[record].append(time.process_time() - start)
    finally:
        interpreter.note_skipped = real
    skipped = sum(1 for d in loaded.diagnostics if d.rule == "opaque-call")
    recorded = len({id(f) for forms in loaded.interpreter.skipped.by_name.values() for f in forms})
    return statistics.median(timings[False]), statistics.median(timings[True]), skipped, recorded, loaded


def per_call(fn, count: int = 2000) -> float:
    start = time.process_time()
    for _ in range(count):
        fn()
    return (time.process_time() - start) / count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--forms", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        for name, text in (("5,000-line bench init", eval_bench.generate(5000)),
                           (f"{args.forms} leaf forms naming mail", leaf_forms(args.forms))):
            init = home / "init.el"
            init.write_text(text)
            off, on, skipped, recorded, loaded = measure(init, home, args.runs)
            print(f"{name}: {skipped} skipped calls, {recorded} recorded; load_config "
                  f"{off * 1000:.1f} ms without recording, {on * 1000:.1f} ms with "
                  f"({(on - off) / max(skipped, 1) * 1e6:+.1f} us per skipped call)")
        loaded.load_for_sending("smtpmail-send-it")
        plain = per_call(lambda: SendConfig.from_lisp(loaded.get))
        ruled = per_call(lambda: SendConfig.from_loaded(loaded))
        print(f"reading the settings: from_lisp {plain * 1e6:.0f} us, from_loaded {ruled * 1e6:.0f} us")
    return 0


if __name__ == "__main__":
    sys.exit(main())
