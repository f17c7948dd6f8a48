"""The rule documentation is generated from the rule table and cannot drift from it."""

from __future__ import annotations

from pathlib import Path

from elconf.check.docs import render
from elconf.check.rules import all_rules
from tests.check.corpus import load_cases

DOCS = Path(__file__).resolve().parents[2] / "docs" / "rules.md"


def test_committed_docs_match_the_rule_table() -> None:
    assert DOCS.read_text(encoding="utf-8") == render(), \
        "docs/rules.md is stale: run python3 -m elconf.check.docs > docs/rules.md"


def test_every_rule_is_documented_with_example_fix_and_emacs_behaviour() -> None:
    for found in all_rules():
        assert found.title and found.example.strip() and found.fix and found.emacs, found.id
        assert f'<a id="{found.id}"></a>' in render()


def test_every_rule_is_exercised_by_the_broken_corpus() -> None:
    expected = {e.rule for case in load_cases("broken") for e in case.expected}
    missing = {r.id for r in all_rules()} - expected
    assert not missing, f"rules without a broken corpus case: {sorted(missing)}"


def test_rule_ids_are_unique_and_stable_looking() -> None:
    ids = [r.id for r in all_rules()]
    assert len(ids) == len(set(ids))
    assert all(i == i.lower() and " " not in i for i in ids)
