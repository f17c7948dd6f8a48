"""Our auth-source lookups against the answers of real Emacs 28.2 (goldens.json).

``test_goldens`` compares with the stored answers (no Emacs needed);
``test_live_emacs`` re-asks Emacs now and checks the goldens are still what
it says.  Regenerate with ``python3 tests/parity/authsource/make_goldens.py``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from elconf.types import intern, lisp_list
from smtp.authsource import Lookup, search
from tests.parity.authsource.cases import CASES, Case, Sym
from tests.parity.authsource.make_goldens import GOLDENS, run_emacs_on_cases, write_case


def to_lisp(value: Any) -> Any:
    if isinstance(value, Sym):
        return intern(value.name)
    if isinstance(value, list):
        return lisp_list([to_lisp(v) for v in value])
    return value


def emacs_style_error(lookup: Lookup) -> str | None:
    """Our error worded as Emacs's error-message-string would word it."""
    if lookup.error is None:
        return None
    if lookup.error.startswith("auth-source-netrc-parse-entries") or lookup.error_source == "auth-sources":
        return lookup.error
    return f"{lookup.error}, {lookup.error_source}"


def our_answers(base: Path, cases: list[Case] | None = None) -> list[dict[str, Any]]:
    answers = []
    for case in CASES if cases is None else cases:
        home = write_case(base, case)
        sources = None if case.auth_sources is None else to_lisp(case.auth_sources)
        for index, (host, port, user) in enumerate(case.queries):
            lookup = search(sources, host, port, user, home=home, env={"PATH": "/usr/bin:/bin"},
                            cwd=home, pass_enabled=False,
                            require=("user", "secret") if case.require else ())
            cred = lookup.credential
            answers.append({
                "case": case.name, "index": index,
                "found": cred is not None,
                "user": cred.user if cred else None,
                "secret": cred.secret if cred else None,
                "host": (True if cred.is_default and cred.host is None else cred.host) if cred else None,
                "port": cred.port if cred else None,
                "smtp-auth": cred.smtp_auth if cred else None,
                "error": (emacs_style_error(lookup) or "").replace(str(home), "$HOME") or None,
                "notes": [n.replace(str(home), "$HOME") for n in lookup.notes],
            })
    return answers


def _compare(emacs: list[dict[str, Any]], ours: list[dict[str, Any]]) -> tuple[int, list[str]]:
    """(answers that agree, descriptions of those that do not)."""
    deviations = {c.name for c in CASES if c.deviation}
    assert len(emacs) == len(ours), "goldens are stale: run make_goldens.py"
    problems = []
    agreed = 0
    for theirs, mine in zip(emacs, ours):
        assert (theirs["case"], theirs["index"]) == (mine["case"], mine["index"])
        where = f"{mine['case']}[{mine['index']}]"
        if mine["case"] in deviations:
            # Documented: Emacs fails where we skip with a note.
            assert theirs["error"] and not mine["error"], where
            assert any("Emacs 28.2 would stop" in n for n in mine["notes"]), where
            continue
        keys = ("found", "user", "secret", "host", "port", "smtp-auth", "error")
        diff = {k: (theirs.get(k), mine[k]) for k in keys if theirs.get(k) != mine[k]}
        # Every warning Emacs printed is among our notes (ours may explain more).
        missing = [w for w in theirs["warnings"] if not any(n.startswith(w) for n in mine["notes"])]
        if diff or missing:
            problems.append(f"{where}: {diff} missing warnings {missing}")
        else:
            agreed += 1
    return agreed, problems


def test_goldens(tmp_path: Path) -> None:
    emacs = json.loads(GOLDENS.read_text(encoding="utf-8"))
    agreed, problems = _compare(emacs, our_answers(tmp_path))
    assert not problems, "\n".join(problems)
    assert agreed >= 200
    assert len(CASES) >= 30


def test_cases_exercise_both_outcomes() -> None:
    """The goldens hold matches, misses and errors: the suite can tell them apart."""
    emacs = json.loads(GOLDENS.read_text(encoding="utf-8"))
    assert sum(a["found"] for a in emacs) > 50
    assert sum(not a["found"] and not a["error"] for a in emacs) > 30
    assert sum(bool(a["error"]) for a in emacs) > 10


@pytest.mark.emacs
def test_live_emacs(tmp_path: Path) -> None:
    """Emacs today still gives the stored answers."""
    live = run_emacs_on_cases(tmp_path)
    stored = json.loads(GOLDENS.read_text(encoding="utf-8"))
    assert live == stored


# ---------------------------------------------------------------------------
# Differential fuzzing: random authinfo texts built from the tokens that matter.

_PIECES = ["machine", "default", "login", "user", "account", "password", "port", "protocol",
           "host", "smtp-auth", "a.example", "b.example", "587", "25", "smtp", "alice", "bob",
           "#c", "x#y", "'q", "'s p'", '"d', '"e f"', "''", " ", " ", "\t", "\n", "\n", "\r\n",
           "\r", "'", '"', "#", "gr\u00fc\u00df", "\u00a0", "\x0c"]


def random_cases(seed: int, count: int) -> list[Case]:
    import random

    rng = random.Random(seed)
    cases = []
    for n in range(count):
        words = [rng.choice(_PIECES) for _ in range(rng.randint(1, 24))]
        text = ""
        for word in words:
            text += word if word.isspace() else (word + rng.choice([" ", "\n", "\t", " "]))
        cases.append(Case(f"fuzz{n}", {".authinfo": text.encode("utf-8")},
                          [("a.example", "587", None), ("b.example", "25", "alice"),
                           ("a.example", "smtp", "bob")], require=bool(n % 5 == 0)))
    return cases


@pytest.mark.emacs
def test_random_files_agree_with_emacs(tmp_path: Path) -> None:
    """200 random files x 3 lookups, one Emacs process: every answer must agree."""
    cases = random_cases(seed=28_2, count=200)
    theirs = run_emacs_on_cases(tmp_path / "emacs", cases)
    ours = our_answers(tmp_path / "ours", cases)
    text = json.dumps(ours, ensure_ascii=False).replace(str(tmp_path / "ours"), str(tmp_path / "emacs"))
    agreed, problems = _compare(theirs, json.loads(text))
    assert not problems, "\n".join(problems[:20])
    assert agreed == 600
    assert sum(a["found"] for a in theirs) > 100 and sum(bool(a["error"]) for a in theirs) > 20
