"""mu4e contexts: elconf's values after each switch equal Emacs 28.2 + mu4e 1.8.14's.

For every configuration in ``configs/`` (the shapes real dotfiles use) and
every context it defines, a fresh Emacs switches with ``(mu4e-context-switch
t NAME)`` from the state right after init and prints each mail variable;
elconf does the same through ``--account NAME``; the two must be equal,
variable by variable, and so must the list of contexts and the current one.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.accounts.harness import CONFIGS, context_variables, elconf_state, emacs_state


def test_there_are_twenty_configurations() -> None:
    assert len(CONFIGS) >= 20


@pytest.mark.parametrize("config", CONFIGS, ids=[c.stem for c in CONFIGS])
def test_every_context_matches_emacs(config: Path, tmp_path: Path) -> None:
    variables = context_variables(config)
    before = emacs_state(config, "", variables, tmp_path)
    names = [n for n in before["@@NAMES"].split("\t") if n]
    assert names, f"{config.name}: Emacs sees no context"
    ours = elconf_state(config, "", variables, tmp_path)
    assert ours == before, f"{config.name}: the state after init differs"
    for name in names:
        theirs = emacs_state(config, name, variables, tmp_path)
        mine = elconf_state(config, name, variables, tmp_path)
        differences = {k: (theirs.get(k), mine.get(k)) for k in set(theirs) | set(mine)
                       if theirs.get(k) != mine.get(k)}
        assert not differences, f"{config.name}, context {name}: (Emacs, elconf) {differences}"
