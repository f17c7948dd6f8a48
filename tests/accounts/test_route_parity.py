"""The route ``elsend --dry-run --json`` plans for a message From each context's address is that context's.

For every configuration of ``configs/`` and every context: a message whose
From is the address the context sets goes through that context (the first
one with the address), and the plan's server, port, stream type and user
(or program and arguments, or the queue) are the values Emacs holds after
``(mu4e-context-switch t NAME)`` — the values test_mu4e_parity.py proves
equal to Emacs + mu4e 1.8.14's.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.accounts.harness import CONFIGS
from tests.support.emacs import emacs_env


def _contexts(config: Path, home: Path) -> list[tuple[str, dict]]:
    """(name, values after switching) for each context, from elconf."""
    from elconf.accounts.discovery import describe_all, find_accounts
    from elconf.config import LoadOptions, load_config

    from tests.accounts.harness import placed

    loaded = load_config(LoadOptions(init=placed(config, home), home=home, env=emacs_env(home)))
    accounts = [a for a in find_accounts(loaded) if a.client == "mu4e"]
    views = describe_all(loaded, accounts)
    return [(v.account.name, v.values) for v in views]


def _plan(config: Path, home: Path, sender: str) -> dict:
    message = f"From: Someone <{sender}>\nTo: you@example.org\nSubject: route\n\nHello.\n".encode()
    from tests.accounts.harness import placed

    proc = subprocess.run([sys.executable, "-m", "smtp.cli", "--init", str(placed(config, home)), "--dry-run",
                           "--json", "-"], input=message, env=emacs_env(home), capture_output=True,
                          timeout=60)
    assert proc.returncode == 0, proc.stderr.decode()
    return json.loads(proc.stdout)


@pytest.mark.parametrize("config", CONFIGS, ids=[c.stem for c in CONFIGS])
def test_from_each_address_the_route_is_its_context(config: Path, tmp_path: Path) -> None:
    from elconf.types import Symbol

    from elconf.types import NIL, UNBOUND

    contexts = [(name, {k: (None if v is NIL or v is UNBOUND else v) for k, v in values.items()})
                for name, values in _contexts(config, tmp_path)]
    assert contexts
    first_with: dict[str, str] = {}
    for name, values in contexts:
        address = values["user-mail-address"]
        assert isinstance(address, str), f"{config.name} {name}: no address"
        first_with.setdefault(address.lower(), name)
        plan = _plan(config, tmp_path, address)
        where = f"{config.name}, context {name}"
        assert plan["account"] == first_with[address.lower()], where
        assert plan["account_kind"] in ("mu4e context", "Doom email account"), where
        if plan["path"] == "sendmail":
            assert plan["program"] == values["sendmail-program"], where
            extra = values["message-sendmail-extra-arguments"]
            if plan["function"] == "message-send-mail-with-sendmail" and extra is not None:
                assert [str(a) for a in extra] == plan["argv"][2:2 + len(list(extra))], where
        elif plan["path"] == "queue":
            assert values["smtpmail-queue-mail"] is not None, where
        else:
            stream = values["smtpmail-stream-type"]
            assert plan["server"] == values["smtpmail-smtp-server"], where
            assert plan["service"] == values["smtpmail-smtp-service"], where
            assert plan["stream_type"] == (stream.name if isinstance(stream, Symbol) else None), where
            user = values["smtpmail-smtp-user"]
            assert plan["user"] == (user if isinstance(user, str) else None), where
            assert plan["envelope_from"] == address, where
