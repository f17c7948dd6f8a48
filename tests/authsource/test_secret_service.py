"""The Secret Service (``default``, ``"secrets:Login"``) with a real gnome-keyring-daemon.

Everything runs inside one ``dbus-run-session`` (a private session bus that
ends with the test): the daemon, ``secret-tool`` storing the items, Emacs
28.2's auth-source and ours.  See secret_service_session.py.  Needs the
Debian packages dbus, gnome-keyring and libsecret-tools (scripts/test-all).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HELPER = Path(__file__).with_name("secret_service_session.py")


@pytest.mark.emacs
def test_secret_service_lookups_agree_with_emacs(tmp_path: Path) -> None:
    missing = [tool for tool in ("dbus-run-session", "dbus-send", "gnome-keyring-daemon",
                                 "secret-tool", "emacs") if shutil.which(tool) is None]
    if missing:
        pytest.fail(f"missing {', '.join(missing)}: run scripts/test-all "
                    "(apt-get install dbus gnome-keyring libsecret-tools emacs-nox)")
    env = {k: v for k, v in os.environ.items()
           if k not in ("DBUS_SESSION_BUS_ADDRESS", "GNOME_KEYRING_CONTROL", "SSH_AUTH_SOCK")}
    proc = subprocess.run(["dbus-run-session", "--", sys.executable, str(HELPER), str(tmp_path)],
                          capture_output=True, text=True, env=env, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert len(result["emacs"]) == len(result["ours"]) == 20
    for index, (theirs, ours) in enumerate(zip(result["emacs"], result["ours"])):
        assert theirs == ours, (index, theirs, ours)
    found = [a for a in result["ours"] if a["found"]]
    # A query without a user matches alice's and bob's items alike; which one the
    # keyring lists first varies between runs (Emacs and we always agree, above).
    secrets = {a["secret"] for a in found}
    assert len(found) == 12 and {"bobs", "nouser"} <= secrets <= {"bobs", "nouser", "sekrit"}
    assert any(a["user"] is None for a in found)  # an item without a user attribute


def test_without_a_session_bus_secrets_sources_behave_as_in_emacs(tmp_path: Path) -> None:
    """No Secret Service: `default' is an invalid source, "secrets:Login" a file name."""
    from elconf.types import intern, lisp_list
    from smtp.authsource import search

    (tmp_path / "secrets:Login").write_text("machine h login f password fromfile\n")
    lookup = search(lisp_list([intern("default"), "secrets:Login"]), "h", "25", None,
                    home=tmp_path, env={"PATH": os.environ.get("PATH", "")}, cwd=tmp_path)
    assert lookup.credential is not None and lookup.credential.secret == "fromfile"
    assert any("invalid backend spec: default" in n for n in lookup.notes)
