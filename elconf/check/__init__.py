"""``elconf check``: find the mistakes in a mail configuration before they bite.

:func:`run_checks` takes an evaluated configuration
(:func:`elconf.config.load_config`) and returns the findings of every rule
in :mod:`elconf.check.rules`, sorted by place.  :func:`exit_status` turns
findings into the documented exit code.  Each rule is grounded in what Emacs
28.2 does; ``docs/rules.md`` lists them with an example and the fix.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from elconf import sysexits
from elconf.diagnostics import Diagnostic
from elconf.types import UNBOUND

#: The rule that reports values other rules needed and the evaluator did not know.
UNKNOWN_RULE = "value-unknown"


def run_checks(loaded: Any, *, home: Path | None = None, env: Mapping[str, str] | None = None,
               only: Iterable[str] | None = None) -> list[Diagnostic]:
    """Every finding about ``loaded`` (a LoadedConfig), sorted by file, line and column.

    ``home`` and ``env`` must be those the config was evaluated with (the
    credentials rules read auth-source files under ``home``); they default to
    the interpreter's.  ``only`` restricts the run to some rule ids.
    """
    from elconf.check.context import CheckContext
    from elconf.check.rules import all_rules

    interpreter = loaded.interpreter
    home = home or getattr(interpreter, "home", None) or Path.home()
    env = env if env is not None else getattr(interpreter, "env", None) or os.environ
    ctx = CheckContext(loaded, home=Path(home), env=env)
    wanted = set(only) | {UNKNOWN_RULE} if only is not None else None
    findings: dict[tuple[Any, ...], Diagnostic] = {}
    # value-unknown reports what the other rules could not check: it runs last.
    for rule in sorted(all_rules(), key=lambda r: r.id == UNKNOWN_RULE):
        if wanted is not None and rule.id not in wanted:
            continue
        ctx.missing = set()
        results = list(rule.check(ctx))
        if len(ctx.missing) == 1:
            results += each_candidate(ctx, rule, next(iter(ctx.missing)))
        for found in map(ctx.at_call, results):
            findings.setdefault((found.file, found.line, found.col, found.rule, found.message), found)
    # The same route rules for each account (mu4e context, ...), as switched to (elconf/check/accounts.py).
    from elconf.check.accounts import per_account_findings

    seen = {(d.rule, d.message) for d in findings.values()}
    for found in per_account_findings(loaded, home=Path(home), env=env, only=wanted, seen=seen):
        findings.setdefault((found.file, found.line, found.col, found.rule, found.message), found)
    return sorted(findings.values(), key=lambda d: (*d.sort_key(), d.rule or ""))


#: Candidates of one unknown value checked one by one, at most.
MAX_CANDIDATES = 8


def each_candidate(ctx: Any, rule: Any, name: str) -> list[Diagnostic]:
    """``rule`` run once per candidate of ``name``'s unknown value, its findings saying which.

    A value that branches of an undecidable condition set differently is one
    of a few known values: each is checked as if it were the value, so a
    wrong one in either branch is found, at its own pair.  Only for a rule
    whose one unknown input is ``name`` (the branches' joint values of two
    variables are not known); when every candidate could be checked, the rule
    no longer counts as unchecked for ``value-unknown``.
    """
    from elconf.interpreter import is_opaque
    from elconf.printer import prin1_to_string
    from elconf.records import replace

    candidates = getattr(ctx.value(name), "candidates", None)
    if not candidates or len(candidates) > MAX_CANDIDATES:
        return []
    found: list[Diagnostic] = []
    for value, origin in candidates:
        if is_opaque(value):
            return []
        with ctx.assuming(name, value, origin):
            ctx.missing = set()
            results = list(rule.check(ctx))
            if ctx.missing:
                return []
        shown = "void" if value is UNBOUND else prin1_to_string(value)
        where = f", as the {origin.kind} at line {origin.line} sets it" \
            if origin is not None and origin.line is not None else ""
        found += [replace(d, message=f"{d.message} (when {name} is {shown}{where}; which branch "
                                     f"runs is not known here)") for d in results]
    rules = ctx.unchecked.get(name, [])
    if rule.id in rules:
        rules.remove(rule.id)
        if not rules:
            del ctx.unchecked[name]
    return found


def exit_status(findings: list[Diagnostic], *, strict: bool = False) -> int:
    """0, or 1 (findings), 65 (a file cannot be read), 78 (the config cannot send mail).

    Without ``strict`` only errors count as findings; with it warnings do too
    (infos never do).  A read error wins over everything, then a finding of a
    rule that breaks sending.
    """
    from elconf.check.rules import get_rule

    if any(d.rule == "read-error" for d in findings):
        return sysexits.DATAERR
    counted = [d for d in findings if d.severity == "error" or (strict and d.severity == "warning")]
    if any(d.rule and get_rule(d.rule).breaks_sending and d.severity == "error" for d in findings):
        return sysexits.CONFIG
    return sysexits.FINDINGS if counted else sysexits.OK


__all__ = ["run_checks", "exit_status"]
