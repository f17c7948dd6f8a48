"""``elconf accounts``: every account the init file defines, with its From address and route.

One line per account::

    Work   mu4e context    me@work.example   smtp.work.example:587 starttls user me   ~/.emacs:12:5
    Home   account command me@home.example   sendmail /usr/bin/msmtp -a home         ~/.emacs:30:3

``--json`` prints ``{"accounts": [...]}``, each with ``name``, ``kind``,
``address``, ``full_name``, ``route`` (``path`` "smtp" with ``server``,
``port``, ``stream_type``, ``user``; or "sendmail" with ``program`` and
``arguments``), ``defined_at`` (``file``, ``line``, ``col``) and ``error``
(null, or why switching to it fails).  Each account is judged by switching to
it from the state right after init, as its client would (mu4e:
``(mu4e-context-switch t NAME)``).

This module also holds :func:`apply_account`, which ``elconf get`` and
``elconf show`` call for ``--account NAME``.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from elconf import sysexits
from elconf.commands.get import add_load_arguments, load_from_args

if TYPE_CHECKING:
    from elconf.accounts.discovery import AccountView
    from elconf.config import LoadedConfig

HELP = "list the mail accounts the init file defines (mu4e contexts, Gnus posting styles, ...)"

EPILOG = """\
examples:
  elconf accounts                      # name, kind, From address, route, where defined
  elconf accounts --require mu4e --json
  elconf get --account Work smtpmail-smtp-server user-mail-address

exit status: 0 ok (also when there is no account), 65 an init file is not valid Lisp,
66 --init FILE is missing, 78 an account cannot be switched to
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = EPILOG
    add_load_arguments(parser)
    parser.add_argument("--json", action="store_true", help="print one JSON object")


def add_account_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--account", metavar="NAME",
                        help="switch to account NAME first, as its client would (mu4e context, "
                             "account command ...; see elconf accounts)")


def apply_account(config: "LoadedConfig", name: str | None, prog: str) -> int:
    """Switch ``config`` to account ``name`` (None: nothing); an exit status."""
    if name is None:
        return sysexits.OK
    from elconf.accounts.discovery import AccountError, find_accounts, switch

    accounts = find_accounts(config)
    account = next((a for a in accounts if a.name == name), None)
    if account is None:
        names = ", ".join(repr(a.name) for a in accounts) or "none is defined"
        print(f"{prog}: no account {name!r} (accounts: {names})", file=sys.stderr)
        return sysexits.USAGE
    try:
        switch(config, account)
    except AccountError as exc:
        print(f"{prog}: {exc}", file=sys.stderr)
        if exc.hint:
            print(f"  hint: {exc.hint}", file=sys.stderr)
        return sysexits.CONFIG
    return sysexits.OK


def route_of(values: dict[str, Any]) -> dict[str, Any]:
    """The route an account's variables describe (the send path as ``elsend`` resolves it)."""
    from elconf.types import UNBOUND, Symbol

    def get(name: str) -> Any:
        value = values.get(name, UNBOUND)
        return None if value is UNBOUND else value

    def name_of(value: Any) -> str | None:
        return value.name if isinstance(value, Symbol) and value.name != "nil" else None

    method = get("elconf--posting-style-method")
    if isinstance(method, str):           # a Gnus posting style's X-Message-SMTP-Method
        words = method.split()
        if words[:1] == ["sendmail"]:
            return {"path": "sendmail", "function": "message-send-mail-with-sendmail",
                    "program": get("sendmail-program"), "arguments": []}
        if len(words) >= 3 and words[0] == "smtp":
            port: Any = int(words[2]) if words[2].isdigit() else words[2]
            return {"path": "smtp", "function": "message-smtpmail-send-it", "server": words[1],
                    "port": port, "stream_type": "tls" if port == 465 else name_of(get("smtpmail-stream-type")),
                    "user": words[3] if len(words) > 3 else get("smtpmail-smtp-user")}
    function = name_of(get("message-send-mail-function"))
    if function in (None, "message--default-send-mail-function"):
        function = name_of(get("send-mail-function"))
    if function in ("sendmail-send-it", "message-send-mail-with-sendmail"):
        from elconf.types import to_python_list

        extra = get("message-sendmail-extra-arguments")
        arguments = [str(a) for a in to_python_list(extra)] if extra not in (None,) and \
            function == "message-send-mail-with-sendmail" else []
        program = get("sendmail-program")
        return {"path": "sendmail", "function": function,
                "program": str(program) if isinstance(program, str) else None, "arguments": arguments}
    service = get("smtpmail-smtp-service")
    stream = get("smtpmail-stream-type")
    user = get("smtpmail-smtp-user")
    server = get("smtpmail-smtp-server")
    return {"path": "smtp", "function": function,
            "server": str(server) if isinstance(server, str) else None,
            "port": service if isinstance(service, (int, str)) and not isinstance(service, bool) else None,
            "stream_type": name_of(stream), "user": str(user) if isinstance(user, str) else None}


def route_text(route: dict[str, Any]) -> str:
    if route["path"] == "sendmail":
        return " ".join(["sendmail", route["program"] or "?", *route["arguments"]])
    server = route["server"] or "(no server)"
    text = f"{server}:{route['port']}" if route["port"] is not None else server
    text += f" {route['stream_type'] or 'starttls-if-offered'}"
    if route["user"]:
        text += f" user {route['user']}"
    return text


def account_json(view: "AccountView") -> dict[str, Any]:
    account = view.account
    origin = account.origin
    full_name = view.values.get("user-full-name")
    return {
        "name": account.name, "kind": account.kind,
        "address": view.address,
        "full_name": str(full_name) if isinstance(full_name, str) else None,
        "route": route_of(view.values) if view.error is None else None,
        "defined_at": {"file": origin.file, "line": origin.line, "col": origin.col}
        if origin is not None else None,
        "error": view.error,
    }


def run(args: argparse.Namespace) -> int:
    config, status = load_from_args(args, "elconf accounts")
    if config is None:
        return status
    from elconf.accounts.discovery import describe_all

    views = describe_all(config)
    entries = [account_json(v) for v in views]
    if args.json:
        sys.stdout.write(json.dumps({"accounts": entries}, ensure_ascii=False, indent=1) + "\n")
        return status
    if not entries:
        print("no accounts: the init file defines no mu4e context (nor Doom set-email-account!), "
              "Gnus posting style, smtpmail-multi account, notmuch identity or account command")
        return status
    rows = []
    for entry, view in zip(entries, views):
        where = view.account.where()
        route = route_text(entry["route"]) if entry["route"] else f"error: {entry['error']}"
        rows.append((entry["name"], entry["kind"], entry["address"] or "-", route, where))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    for row in rows:
        print("  ".join(cell.ljust(widths[i]) if i < 4 else cell for i, cell in enumerate(row)).rstrip())
    return status
