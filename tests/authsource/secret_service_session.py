#!/usr/bin/env python3
"""Run inside ``dbus-run-session``: a real Secret Service, asked by Emacs and by us.

Usage: dbus-run-session -- python3 secret_service_session.py WORKDIR

Starts gnome-keyring-daemon (its login keyring unlocked with a throwaway
password, all files under WORKDIR), stores items with ``secret-tool``, then
answers the same lookups through Emacs 28.2's auth-source (one batch
process) and through :func:`smtp.authsource.search`, and prints one JSON
object ``{"emacs": [...], "ours": [...]}`` on the last line of stdout.
The daemon is stopped at the end; the bus goes away with dbus-run-session.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

ITEMS = [({"host": "a.example", "port": "587", "user": "alice"}, "sekrit"),
         ({"host": "b.example", "port": "25"}, "nouser"),
         ({"host": "a.example", "port": "587", "user": "bob"}, "bobs")]

SOURCES = ["default", '"secrets:Login"', '(:source (:secrets "Login"))', '(:source (:secrets default))']
QUERIES = [("a.example", "587", None), ("a.example", "587", "bob"), ("a.example", "587", "carol"),
           ("b.example", "25", None), ("b.example", "587", None)]


def start_keyring(work: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    daemon = subprocess.Popen(["gnome-keyring-daemon", "--unlock", "--foreground",
                               "--components=secrets"], stdin=subprocess.PIPE,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    assert daemon.stdin is not None
    daemon.stdin.write(b"throwaway-keyring-password")
    daemon.stdin.close()
    # Wait until our daemon owns the name.  NameHasOwner does not start the
    # service (a ping would, and a second, locked daemon would then answer).
    ask_owner = ["dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.DBus",
                 "/org/freedesktop/DBus", "org.freedesktop.DBus.NameHasOwner",
                 "string:org.freedesktop.secrets"]
    for _ in range(300):
        reply = subprocess.run(ask_owner, capture_output=True, text=True, env=env, timeout=60)
        if "boolean true" in reply.stdout:
            return daemon
        time.sleep(0.1)
    daemon.terminate()
    raise SystemExit("gnome-keyring-daemon did not come up")


def emacs_answers(work: Path, env: dict[str, str]) -> list[dict[str, object]]:
    forms = ["(require 'auth-source) (require 'json) (defvar elsend-results nil)"]
    for source in SOURCES:
        for host, port, user in QUERIES:
            user_lisp = "nil" if user is None else f'"{user}"'
            forms.append(
                f"(let ((auth-sources '({source}))) (auth-source-forget-all-cached)"
                f" (let* ((r (car (auth-source-search :host \"{host}\" :port \"{port}\" :user {user_lisp}"
                " :max 1))) (s (plist-get r :secret)))"
                " (push (json-encode (list :found (if r t :json-false) :user (plist-get r :user)"
                " :secret (if (functionp s) (funcall s) s) :host (plist-get r :host)"
                " :port (plist-get r :port))) elsend-results)))")
    out = work / "emacs.json"
    forms.append(f"(with-temp-file \"{out}\" (insert \"[\" (mapconcat #'identity (reverse elsend-results)"
                 " \",\") \"]\"))")
    driver = work / "driver.el"
    driver.write_text("\n".join(forms))
    subprocess.run(["emacs", "--batch", "-Q", "-l", str(driver)], env=env, check=True,
                   capture_output=True, timeout=300)
    return json.loads(out.read_text())


def our_answers(work: Path, env: dict[str, str]) -> list[dict[str, object]]:
    from elconf.types import intern, lisp_list
    from smtp.authsource import search

    values = [intern("default"), "secrets:Login",
              lisp_list([intern(":source"), lisp_list([intern(":secrets"), "Login"])]),
              lisp_list([intern(":source"), lisp_list([intern(":secrets"), intern("default")])])]
    answers = []
    for value in values:
        for host, port, user in QUERIES:
            lookup = search(lisp_list([value]), host, port, user, home=work, env=env, cwd=work)
            cred = lookup.credential
            answers.append({"found": cred is not None, "user": cred and cred.user,
                            "secret": cred and cred.secret, "host": cred and cred.host,
                            "port": cred and cred.port})
    return answers


def main() -> int:
    work = Path(sys.argv[1])
    env = dict(os.environ, HOME=str(work), XDG_DATA_HOME=str(work / "data"),
               XDG_RUNTIME_DIR=str(work / "run"), XDG_CONFIG_HOME=str(work / "config"))
    (work / "run").mkdir(mode=0o700, exist_ok=True)
    daemon = start_keyring(work, env)
    try:
        for attributes, secret in ITEMS:
            # Distinct labels: Emacs 28 finds an item's secret and attributes by its
            # label, so items sharing a label get mixed up there (we do not copy that).
            label = "elsend test " + "/".join(attributes.values())
            argv = ["secret-tool", "store", "--label", label]
            for key, value in attributes.items():
                argv += [key, value]
            subprocess.run(argv, input=secret.encode(), env=env, check=True, capture_output=True,
                           timeout=60)
        result = {"emacs": emacs_answers(work, env), "ours": our_answers(work, env)}
    finally:
        daemon.terminate()
        daemon.wait(timeout=60)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
