"""Compare elconf with the goldens: the figures of issue 12 for the corpus.

``measure()`` runs elconf on every case (two at a time) and returns one
:class:`CaseResult` per case; ``summary()`` turns them into the figures the
project is judged by: the share of mail values a file sets that equal Emacs's
form-by-form values, and which files ``elconf check`` tells "Emacs stops
loading here" against the files where Emacs really stops.
"""

from __future__ import annotations

import dataclasses
import re
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
    cause: str = ""
    origin: str = ""        # where elconf's value came from (elconf show), when it says


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


def _form_text(case: Case, origin: str) -> str:
    """The text of the top-level form that holds ``origin`` (``~/FILE:LINE:COL ...``)."""
    match = re.match(r"~/(\S+?):(\d+):\d+", origin)
    if not match:
        return ""
    path = case.root / match.group(1)
    line = int(match.group(2))
    try:
        from elconf.reader import read_forms

        text = path.read_text(encoding="utf-8")
        for form in read_forms(text, str(path)):
            last = text.count("\n", 0, form.end) + 1
            if form.line <= line <= last:
                return text[form.offset:form.end]
    except Exception:  # noqa: BLE001 - a cause is a hint; an unreadable file has none
        return ""
    return ""


def _cause(case: Case, diff: Difference, elconf: dict[str, Any]) -> str:
    """A likely cause, from elconf's own account of the value (a hint for the status list)."""
    if diff.kind == "elconf unknown":
        return "elconf has an unknown value"
    if "#<Closure" in diff.elconf:
        return "closures print as #<Closure ...> (Emacs prints (closure ...) or (lambda ...))"
    if re.search(r":(straight|elpaca)\b", _form_text(case, diff.origin)):
        return "use-package :straight/:elpaca without the package manager: a no-op in Emacs"
    if diff.kind == "set in elconf, void in Emacs":
        timers = [lib for lib, where in elconf.get("libraries", {}).items() if "idle timer" in where]
        if timers:
            diff.origin = (diff.origin + "; " if diff.origin else "") + \
                f"idle-timer loads: {', '.join(sorted(timers))}"
            return "elconf loads libraries through an idle timer; start-up never runs timers"
        return "elconf sets or loads what Emacs does not"
    if diff.kind == "void in elconf, set in Emacs":
        return "Emacs sets or loads what elconf does not"
    return "a different value"


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
            diff = Difference(name, _show(expected[name]), _show(actual),
                              _kind(expected[name], actual), origin=got["origins"].get(name, ""))
            diff.cause = _cause(case, diff, got)
            differences.append(diff)
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
