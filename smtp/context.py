"""What the command line hands to a send: the parsed sendmail grammar and the context.

These records sit below :mod:`smtp.cli`, :mod:`smtp.send` and
:mod:`smtp.dryrun` so that imports point one way: the command line parses
into them, the send and the dry run read them.
"""

from __future__ import annotations

import os

from elconf.records import field, record

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    import argparse
    from typing import Any

    from elconf.config import LoadedConfig


@record
class SendmailArgs:
    """The sendmail grammar, parsed."""

    recipients: list[str] = field(default_factory=list)
    read_recipients: bool = False          # -t
    envelope_from: str | None = None       # -f / -r
    full_name: str | None = None           # -F
    read_envelope_from: bool = False       # --read-envelope-from (msmtp)
    ignored: list[str] = field(default_factory=list)
    elsend_options: list[str] = field(default_factory=list)  # --init FILE, -q, --debug ... given alongside


@record
class Context:
    """What every step needs: the evaluated config, HOME, the environment, the options."""

    loaded: "LoadedConfig"
    home: str                  # HOME (a string: a send through a kept plan imports no pathlib)
    env: dict[str, str]
    options: argparse.Namespace
    decision: Any = None       # elconf.accounts.discovery.Decision: the account chosen, and why
    warnings: list[str] = field(default_factory=list)   # what _load printed
    cache: Any = None          # elconf.cache.CacheReport of the evaluated state
    plan: Any = None           # smtp.fastpath.StaticSend: loaded is then its FrozenConfig


def home_directory(env: dict[str, str]) -> str:
    """HOME, else the password database's home (what ``Path.home()`` gives), as a string:
    a send through a kept plan does not import pathlib (with re, urllib.parse and ipaddress)."""
    return env.get("HOME") or os.path.expanduser("~") or "."


class SimpleContext:
    """Just the evaluated configuration, for :func:`smtp.dryrun.evaluation_notes`."""

    def __init__(self, loaded: Any) -> None:
        self.loaded = loaded
