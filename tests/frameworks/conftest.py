"""Fixtures of the framework tests: the evaluator's ``run`` (evaluate text as an init file)."""

from tests.evaluator.conftest import run  # noqa: F401  (a fixture, used by name)
