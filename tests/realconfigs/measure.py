"""Compare elconf with the goldens: the figures of issue 12 for the corpus.

``measure()`` runs elconf on every case (two at a time) and returns one
:class:`CaseResult` per case; ``summary()`` turns them into the figures the
project is judged by: the share of mail values a file sets that equal Emacs's
form-by-form values, and which files ``elconf check`` tells "Emacs stops
loading here" against the files where Emacs really stops.
"""

from __future__ import annotations

import dataclasses
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from tests.realconfigs.cases import CASES, Case
from tests.realconfigs.harness import load_goldens, run_elconf, same


@dataclasses.dataclass
class Difference:
    variable: str
    emacs: str
    elconf: str
    kind: str


@dataclasses.dataclass
class CaseResult:
    name: str
    set_total: int
    set_equal: int
    route_total: int
    route_equal: int
    differences: list[Difference]
    stops_reported: list[str]
    true_stop: bool
    emacs_errors: list[str]


def _show(entry: dict[str, Any] | None) -> str:
    if entry is None:
        return "(missing)"
    if "error" in entry:
        return entry["error"]
    return entry.get("sexp", "?") if entry.get("bound") else "void"


def _kind(expected: dict[str, Any], actual: dict[str, Any] | None) -> str:
    if actual is None or "error" in actual:
        return "elconf failed"
    if "unknown" in str(actual.get("sexp", "")).lower() or "Opaque" in str(actual.get("sexp", "")):
        return "elconf unknown"
    if expected.get("bound") and not actual.get("bound"):
        return "void in elconf, set in Emacs"
    if actual.get("bound") and not expected.get("bound"):
        return "set in elconf, void in Emacs"
    return "different value"


def measure_case(case: Case, golden: dict[str, Any]) -> CaseResult:
    got = run_elconf(case, golden["variables"])
    expected = golden["emacs"]["variables"]
    differences = []
    set_equal = route_equal = 0
    set_names = set(golden["variables_set"])
    for name in golden["variables"]:
        actual = got["variables"].get(name)
        if same(expected[name], actual):
            if name in set_names:
                set_equal += 1
            else:
                route_equal += 1
        else:
            differences.append(Difference(name, _show(expected[name]), _show(actual),
                                          _kind(expected[name], actual)))
    stops = [f"{s.get('file', '?')}:{s.get('line', '?')}: {s.get('message', '')}"
             for s in got["stops"]]
    return CaseResult(
        name=case.name, set_total=len(set_names), set_equal=set_equal,
        route_total=len(golden["variables"]) - len(set_names), route_equal=route_equal,
        differences=differences, stops_reported=stops, true_stop=bool(case.stop_at),
        emacs_errors=[f"{e['file']}:{e['line']} {e['error']}" for e in golden["emacs"]["errors"]])


def measure(names: list[str] | None = None, workers: int = 2) -> list[CaseResult]:
    goldens = load_goldens()
    cases = [c for c in CASES if not names or c.name in names]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(lambda c: measure_case(c, goldens[c.name]), cases))


@dataclasses.dataclass
class Summary:
    files: int
    set_total: int
    set_equal: int
    route_total: int
    route_equal: int
    true_stops: list[str]
    reported_stops: list[str]

    @property
    def share(self) -> float:
        return self.set_equal / self.set_total if self.set_total else 1.0

    @property
    def false_stops(self) -> list[str]:
        return [n for n in self.reported_stops if n not in self.true_stops]

    @property
    def missed_stops(self) -> list[str]:
        return [n for n in self.true_stops if n not in self.reported_stops]


def summary(results: list[CaseResult]) -> Summary:
    return Summary(
        files=len(results),
        set_total=sum(r.set_total for r in results),
        set_equal=sum(r.set_equal for r in results),
        route_total=sum(r.route_total for r in results),
        route_equal=sum(r.route_equal for r in results),
        true_stops=[r.name for r in results if r.true_stop],
        reported_stops=[r.name for r in results if r.stops_reported])
