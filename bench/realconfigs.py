#!/usr/bin/env python3
"""Measure elconf on the real-configs corpus (issue 12) and print the figures.

    python3 bench/realconfigs.py                 # the figures and every difference
    python3 bench/realconfigs.py CASE...         # only some cases
    python3 bench/realconfigs.py --status FILE   # also write the failure list as Markdown

Prints: files, mail values the files set, the share equal to Emacs 28.2's
form-by-form values (tests/realconfigs/goldens.json), the route values, and the
files `elconf check` tells "Emacs stops loading here" against the files where
Emacs really stops; then the differences grouped by kind.  Run from the
repository root with elconf importable (the project's venv).
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.realconfigs.measure import CaseResult, measure, summary  # noqa: E402


def report(results: list[CaseResult]) -> str:
    s = summary(results)
    lines = [
        f"files: {s.files}",
        f"mail values the files set: {s.set_total}, equal to Emacs: {s.set_equal} "
        f"({100 * s.share:.1f} %)",
        f"route values (not set by the file): {s.route_total}, equal: {s.route_equal}",
        f"'Emacs stops loading here' reported: {len(s.reported_stops)} files; true stops: "
        f"{len(s.true_stops)}; false: {len(s.false_stops)} {s.false_stops}; "
        f"missed: {len(s.missed_stops)} {s.missed_stops}",
        "",
    ]
    by_cause: dict[str, list[str]] = defaultdict(list)
    for r in results:
        for d in r.differences:
            where = f" [elconf: {d.origin}]" if d.origin else ""
            by_cause[f"{d.kind}: {d.cause}"].append(
                f"{r.name}: {d.variable}: elconf {d.elconf} / Emacs {d.emacs}{where}")
    for cause, rows in sorted(by_cause.items(), key=lambda kv: -len(kv[1])):
        lines.append(f"## {cause} ({len(rows)})")
        lines += [f"- {row}" for row in rows]
        lines.append("")
    false = [r for r in results if r.stops_reported and not r.true_stop]
    if false:
        lines.append(f"## false 'Emacs stops loading here' ({len(false)})")
        for r in false:
            lines += [f"- {r.name}: {stop}" for stop in r.stops_reported]
        lines.append("")
    lines.append("## per file (set values equal / set, route equal / route)")
    for r in results:
        mark = " STOP" if r.true_stop else ""
        lines.append(f"- {r.name}: {r.set_equal}/{r.set_total}, {r.route_equal}/{r.route_total}"
                     f"{mark}{' reported-stop' if r.stops_reported else ''}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("cases", nargs="*", help="case names (default: all)")
    parser.add_argument("--status", metavar="FILE", help="also write the report to FILE")
    parser.add_argument("--jobs", type=int, default=2, help="cases measured at once (2)")
    args = parser.parse_args(argv)
    text = report(measure(args.cases or None, workers=args.jobs))
    sys.stdout.write(text)
    if args.status:
        Path(args.status).write_text("# Real-configs corpus: current differences\n\n"
                                     "Made by `python3 bench/realconfigs.py --status FILE`.\n\n"
                                     + text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
