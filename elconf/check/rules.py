"""The rule table of ``elconf check``: one record per rule, and the decorator that fills it.

A rule is a function ``check(ctx) -> Iterable[Diagnostic]`` living in one of
the group modules (``load_order``, ``value_types``, ``combinations``,
``credentials``, ``security``) together with the words that document it:
a title, an example config that triggers it, the fix, and the Emacs 28.2
behaviour it rests on.  ``docs/rules.md`` is generated from this table
(``python3 -m elconf.check.docs``), so the documentation cannot drift from
the code.
"""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from elconf.diagnostics import Diagnostic

if TYPE_CHECKING:
    from elconf.check.context import CheckContext
    from elconf.diagnostics import Severity

CheckFunction = Callable[["CheckContext"], Iterable[Diagnostic]]

#: Group modules, in the order their rules appear in the docs and run.
GROUPS: tuple[tuple[str, str], ...] = (
    ("load_order", "Reading and load order"),
    ("names", "Variable names"),
    ("value_types", "Values of the wrong type"),
    ("combinations", "Settings that cannot work together"),
    ("credentials", "Credentials"),
    ("security", "Security"),
    ("accounts", "Several accounts"),
)


@dataclasses.dataclass(frozen=True)
class Rule:
    id: str                  # stable, printed in brackets after each finding
    severity: Severity
    title: str               # one line
    example: str             # an init file (or authinfo) excerpt that triggers it
    fix: str                 # what to do; also the one-line hint under a finding
    emacs: str               # what Emacs 28.2 does, the ground of the rule
    check: CheckFunction
    group: str
    breaks_sending: bool = False   # a finding means the config cannot send mail (exit 78)


_REGISTRY: dict[str, Rule] = {}


def rule(id: str, severity: Severity, title: str, *, example: str, fix: str, emacs: str,
         breaks_sending: bool = False) -> Callable[[CheckFunction], CheckFunction]:
    """Register the decorated function as the check of rule ``id``."""

    def register(fn: CheckFunction) -> CheckFunction:
        group = fn.__module__.rsplit(".", 1)[-1]
        if id in _REGISTRY:
            raise ValueError(f"duplicate rule id {id}")
        _REGISTRY[id] = Rule(id, severity, title, example.strip("\n"), fix, emacs, fn, group,
                             breaks_sending)
        return fn

    return register


def all_rules() -> list[Rule]:
    """Every rule, grouped as in :data:`GROUPS`, in definition order within a group."""
    for module, _title in GROUPS:
        importlib.import_module(f"elconf.check.{module}")
    order = {module: n for n, (module, _t) in enumerate(GROUPS)}
    return sorted(_REGISTRY.values(), key=lambda r: order[r.group])


def get_rule(rule_id: str) -> Rule:
    all_rules()
    return _REGISTRY[rule_id]


def finding(rule_id: str, where: object, message: str, hint: str | None = None) -> Diagnostic:
    """A diagnostic of rule ``rule_id`` at ``where`` (anything with file/line/col, or None).

    The severity comes from the rule table, the hint from the rule's fix unless
    a more specific one is given.
    """
    found = get_rule(rule_id)
    file = getattr(where, "file", None)
    line = getattr(where, "line", None)
    col = getattr(where, "col", None)
    return Diagnostic(file, line, col, found.severity, message, rule_id, hint or found.fix)
