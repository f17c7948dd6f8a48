"""``elconf creds``: which credentials Emacs's auth-source would find, and why.

"Why doesn't it find my password?"  This command answers with the same
lookup smtpmail makes at send time --
``(auth-source-search :host HOST :port "PORT" :user smtpmail-smtp-user :max 1)``
over the ``auth-sources`` of your init file -- and shows the winning source,
file and line, every entry looked at with the reason it was passed over,
and the warnings or the error Emacs would give.  Secrets are masked unless
``--show-secret`` is given.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from elconf import sysexits
from elconf.commands.get import add_load_arguments, load_from_args
from elconf.records import replace

if TYPE_CHECKING:
    from elconf.config import LoadedConfig
    from smtp.authsource import Lookup

HELP = "show which credentials Emacs's auth-source would find"

MASK = "********"

#: Above this many entries, the human output leaves out those for other hosts.
CONSIDERED_LIMIT = 20

EPILOG = """\
HOST and PORT are what smtpmail passes to auth-source: the server name and
the port as a string ("587", or "submission" if smtpmail-smtp-service is that
name -- auth-source compares ports as strings and never translates service
names).  They default to smtpmail-smtp-server and smtpmail-smtp-service, USER
to smtpmail-smtp-user, as set by the init file after smtpmail has loaded.

examples:
  elconf creds smtp.example.org 587
  elconf creds --init ~/mail.el smtp.example.org 465 alice@example.org --json
  elconf creds -q --auth-sources '("~/test-authinfo")' localhost 25

--json prints one object:
  {"user": ..., "secret": "********", "host": ... (true for a `default' entry),
   "port": ..., "smtp-auth": ..., "extra": {...}, "source": {"file": ..., "line": ...},
   "considered": [{"source", "line", "host", "port", "user", "verdict"}, ...],
   "notes": [...], "error": null or the reason the lookup fails,
   "error_location": {"file", "line"},
   "query": {"host", "port", "user", "auth-sources", "origins": {VARIABLE: where it was set}}}
user, secret and source are null when nothing matches.

exit status:
  0   a credential was found
  1   no entry matched (Emacs would send without AUTH, or ask for a password)
  64  usage error (no HOST given and none in the init file)
  65  a credential source cannot be used: a file Emacs cannot parse, a .gpg
      file or gpg: token gpg cannot decrypt, a missing password-store
      (Emacs fails the send the same way); also when an init file is not
      valid Lisp (the place is printed; the lookup is still shown)
  66  --init FILE is missing
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = EPILOG
    add_load_arguments(parser)
    parser.add_argument("host", metavar="HOST", nargs="?",
                        help="the server, as in smtpmail-smtp-server (default: from the init file)")
    parser.add_argument("port", metavar="PORT", nargs="?",
                        help='the port as a string, e.g. 587 (default: smtpmail-smtp-service)')
    parser.add_argument("user", metavar="USER", nargs="?",
                        help="the login to look for (default: smtpmail-smtp-user; none = any)")
    parser.add_argument("--any-user", action="store_true",
                        help="ignore smtpmail-smtp-user from the init file (look up any login)")
    parser.add_argument("--auth-sources", metavar="SEXP",
                        help="use this auth-sources value (Lisp) instead of the init file's")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--show-secret", action="store_true",
                        help="print the secret instead of ********")


def _string(value: Any) -> str | None:
    return str(value) if isinstance(value, str) else None


def _port_string(value: Any) -> str | None:
    """``(format "%s" smtpmail-smtp-service)``."""
    from elconf.types import NIL, UNBOUND, Symbol

    if value is UNBOUND or value is NIL or value is None:
        return None
    if isinstance(value, Symbol):
        return value.name
    return str(value)


def _settings(config: "LoadedConfig | None") -> dict[str, Any]:
    """What the lookup needs from the evaluated init file."""
    from smtp.authsource.settings import AuthSettings

    if config is None:
        auth = AuthSettings()
        return {"auth": auth, "server": None, "service": None, "user": None, "origins": {}}
    origins = {}
    for name in ("auth-sources", "smtpmail-smtp-user"):
        origin = config.store.origin(name)
        if origin is not None:
            origins[name] = origin.describe()
    return {
        "origins": origins,
        "auth": AuthSettings.from_config(config),
        "server": _string(config.get("smtpmail-smtp-server")),
        "service": _port_string(config.get("smtpmail-smtp-service")),
        "user": _string(config.get("smtpmail-smtp-user")),
    }


def _parse_sources(text: str) -> Any:
    """The Lisp value of ``--auth-sources``, read as Emacs reads it."""
    from elconf.reader import read_one

    return read_one(text)


def _load(args: argparse.Namespace) -> "tuple[LoadedConfig | None, int]":
    """The evaluated init file, or (None, OK) under -q: emacs -q has every default."""
    if args.no_init and args.init is None and not getattr(args, "require", None):
        return None, sysexits.OK
    config, status = load_from_args(args, "elconf creds")
    if config is None:
        return None, status
    config.load_for_sending("smtpmail-send-it")  # smtpmail requires auth-source, as at send time
    return config, status


def run(args: argparse.Namespace) -> int:
    try:
        config, status = _load(args)
    except ImportError as exc:  # the evaluator is not complete in this build
        print(f"elconf creds: cannot evaluate the init file here ({exc}); "
              "use -q and --auth-sources", file=sys.stderr)
        return sysexits.SOFTWARE
    if status not in (sysexits.OK, sysexits.DATAERR):
        return status
    settings = _settings(config)
    auth = settings["auth"]
    if args.auth_sources is not None:
        try:
            auth = replace(auth, auth_sources=_parse_sources(args.auth_sources))
        except Exception as exc:  # noqa: BLE001 - the reader's errors name the problem
            print(f"elconf creds: --auth-sources: {exc}", file=sys.stderr)
            return sysexits.USAGE
    host = args.host or settings["server"]
    port = args.port or settings["service"] or "25"
    user = args.user or (None if args.any_user else settings["user"])
    if not host:
        print("elconf creds: no HOST given and smtpmail-smtp-server is not set", file=sys.stderr)
        return sysexits.USAGE

    env = dict(os.environ)
    home = Path(env.get("HOME") or Path.home())
    source = auth.source(home, env)
    lookup = source.smtpmail_lookup(host, port, user)
    query = {"host": host, "port": port, "user": user,
             "auth-sources": _sources_text(auth.auth_sources)}
    origins = {} if args.auth_sources is not None else dict(settings["origins"])
    if args.user or args.any_user:
        origins.pop("smtpmail-smtp-user", None)
    if origins:
        query["origins"] = origins
    if args.json:
        print(json.dumps(to_json(lookup, query, show_secret=args.show_secret), ensure_ascii=False))
    else:
        print_human(lookup, query, show_secret=args.show_secret)
    if lookup.error is not None or status == sysexits.DATAERR:
        return sysexits.DATAERR
    return sysexits.OK if lookup.credential is not None else 1


def _sources_text(value: Any) -> str:
    from smtp.authsource import DEFAULT_AUTH_SOURCES
    from smtp.authsource.backends import lisp_repr

    if value is None:
        return "(" + " ".join(f'"{s}"' for s in DEFAULT_AUTH_SOURCES) + ")"
    return lisp_repr(value)


def to_json(lookup: "Lookup", query: dict[str, Any], *, show_secret: bool) -> dict[str, Any]:
    cred = lookup.credential
    secret = None
    if cred is not None and cred.secret is not None:
        secret = cred.secret if show_secret else MASK
    host: Any = None
    if cred is not None:
        host = True if (cred.is_default and cred.host is None) else cred.host
    return {
        "user": cred.user if cred else None,
        "secret": secret,
        "host": host,
        "port": cred.port if cred else None,
        "smtp-auth": cred.smtp_auth if cred else None,
        "extra": dict(cred.extra) if cred else {},
        "source": {"file": cred.source, "line": cred.line} if cred else None,
        "considered": [{"source": c.source, "line": c.line, "host": c.host, "port": c.port,
                        "user": c.user, "verdict": c.verdict} for c in lookup.considered],
        "notes": list(lookup.notes),
        "error": lookup.error,
        "error_location": ({"file": lookup.error_source, "line": lookup.error_line}
                           if lookup.error else None),
        "query": query,
    }


def print_human(lookup: "Lookup", query: dict[str, Any], *, show_secret: bool) -> None:
    out = sys.stdout.write
    who = query["user"] if query["user"] is not None else "any user (smtpmail-smtp-user is nil)"
    origins = query.get("origins", {})
    user_origin = origins.get("smtpmail-smtp-user")
    out(f"lookup: host {query['host']}, port \"{query['port']}\", {who}"
        + (f"  [smtpmail-smtp-user: {user_origin}]" if user_origin and query["user"] else "") + "\n")
    sources_origin = origins.get("auth-sources")
    out(f"auth-sources: {query['auth-sources']}"
        + (f"  [{sources_origin}]" if sources_origin else "") + "\n")
    cred = lookup.credential
    if lookup.error is not None:
        where = lookup.error_source or "auth-source"
        if lookup.error_line:
            where += f":{lookup.error_line}"
        out(f"error: {where}: {lookup.error}\n")
        out("  Emacs fails the send with this error; no later source is tried.\n")
    elif cred is None:
        out("found: nothing -- smtpmail would send without AUTH "
            "(or ask for a password if the server demands one)\n")
    else:
        place = cred.source + (f":{cred.line}" if cred.line else "")
        out(f"found: {place}\n")
        secret = "(none: smtpmail would ask for it)" if cred.secret is None else (
            cred.secret if show_secret else f"{MASK} (--show-secret prints it)")
        host = "any (a `default' entry)" if cred.is_default and cred.host is None else cred.host
        rows = [("user", cred.user or "(none: smtpmail will not authenticate)"),
                ("secret", secret), ("host", host), ("port", cred.port or "(any)"),
                ("smtp-auth", cred.smtp_auth)]
        rows += sorted(cred.extra.items())
        for key, value in rows:
            if value is not None:
                out(f"  {key:<10} {value}\n")
    if lookup.considered:
        out("considered:\n")
        shown = lookup.considered
        if len(shown) > CONSIDERED_LIMIT:
            # A long file: the entries for other hosts say little; --json lists them all.
            shown = [c for c in shown if not c.verdict.startswith("host differs")]
        for c in shown:
            place = c.source + (f":{c.line}" if c.line else "")
            desc = " ".join(f"{k} {v}" for k, v in (("host", c.host), ("port", c.port), ("user", c.user))
                            if v is not None)
            out(f"  {place}  {desc or '(no keys)'}: {c.verdict}\n")
        hidden = len(lookup.considered) - len(shown)
        if hidden:
            out(f"  ... and {hidden} entries for other hosts (--json lists them)\n")
    if lookup.notes:
        out("notes:\n")
        for note in lookup.notes:
            out(f"  {note}\n")
