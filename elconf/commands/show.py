"""``elconf show``: the mail configuration in effect at send time, with origins.

Like ``git config --show-origin``: each mail variable, its value, the place
that gave it that value (``file:line:col (setq)``, a library default and
where that library got loaded, an environment variable), and the
assignments that had no effect (a default computed before the init file
could set it, a ``setq`` undone when its ``let`` ended, ...).  Variables are
grouped; first comes the path a message takes and why.

The configuration is taken *at send time*: after the init file, the first
send loads what the send function needs (``smtpmail-send-it`` autoloads
smtpmail, its connection loads nsm and gnutls), so defaults that were void
in the init file get their values.

Text output (one line per variable; ``from`` is short, the load point of
each library is stated once under ``Libraries``)::

    Init files: ~/.emacs
    Send path:  SMTP to smtp.example.org port 587 (STARTTLS required) via smtpmail-send-it
    Libraries:  sendmail, smtpmail, auth-source  loaded at send time (first call of smtpmail-send-it)

    Server and connection:
      smtpmail-smtp-server   "smtp.example.org"  ~/.emacs:7:1 setq
      smtpmail-retries       10                  default of smtpmail.el
                             no effect: ...      (assignments that changed nothing, and why)

``--json`` prints ``init_files``, ``loaded_at_send_time``, ``libraries``
(feature -> where it loaded), ``send_path`` (``function``, ``headline``,
``reasons``), ``groups`` (each ``name`` and ``variables``: ``name``,
``bound``, ``sexp``, ``value`` as in ``elconf get --json``, ``origin`` in
words, ``from`` in short, ``place`` {kind, file, line, col, library},
``ignored`` [{where, sexp, note}]) and ``diagnostics``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

from typing import TYPE_CHECKING, Any

from elconf.commands.get import add_load_arguments, json_view, load_with_account, prin1

if TYPE_CHECKING:
    from elconf.config import LoadedConfig
    from elconf.store import Origin

HELP = "show the effective mail configuration and where each value came from"

EPILOG = """\
examples:
  elconf show                       # the init files Emacs would load
  elconf show --init ~/mail.el --json
"""

GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Sending path", (
        "send-mail-function", "message-send-mail-function", "sendmail-program",
        "message-sendmail-extra-arguments", "message-sendmail-f-is-evil",
        "message-sendmail-envelope-from", "mail-interactive", "message-interactive",
        "message-server-alist")),
    ("Server and connection", (
        "smtpmail-smtp-server", "smtpmail-default-smtp-server", "smtpmail-smtp-service",
        "smtpmail-stream-type", "smtpmail-local-domain", "smtpmail-sendto-domain",
        "smtpmail-retries", "smtpmail-debug-info", "smtpmail-debug-verb",
        "network-security-level", "gnutls-verify-error", "gnutls-algorithm-priority",
        "gnutls-min-prime-bits", "gnutls-trustfiles")),
    ("Identity and envelope", (
        "user-mail-address", "user-full-name", "mail-host-address", "mail-specify-envelope-from",
        "mail-envelope-from", "message-user-fqdn", "mail-from-style")),
    ("Authentication", (
        "smtpmail-smtp-user", "smtpmail-auth-supported",
        "smtpmail-servers-requiring-authorization", "auth-sources", "auth-source-save-behavior",
        "auth-source-netrc-use-gpg-tokens", "auth-source-pass-filename",
        "auth-source-pass-port-separator")),
    ("Queue", (
        "smtpmail-queue-mail", "smtpmail-queue-dir", "smtpmail-queue-index-file",
        "smtpmail-store-queue-variables")),
    ("Message preparation", (
        "mail-aliases", "mail-personal-alias-file", "mail-send-nonascii", "mail-header-separator",
        "mail-use-dsn", "mail-alias-file")),
)

#: Defaults that take an environment variable's value when it is set.
ENV_DEFAULTS: dict[str, str] = {
    "smtpmail-smtp-server": "SMTPSERVER",
    "user-mail-address": "EMAIL",
    "user-full-name": "NAME",
    "auth-source-pass-filename": "PASSWORD_STORE_DIR",
    "message-user-organization": "ORGANIZATION",
}

#: Shown only when bound: they exist only once an optional library is loaded.
_OPTIONAL = {"auth-source-pass-filename", "auth-source-pass-port-separator",
             "message-send-mail-function", "message-sendmail-extra-arguments",
             "message-sendmail-f-is-evil", "message-sendmail-envelope-from", "message-interactive",
             "message-user-fqdn", "message-server-alist"}

#: Shown only when the message goes through a sendmail program (they are
#: bound whenever sendmail.el is loaded, which smtpmail does too).
_SENDMAIL_ONLY = {"sendmail-program", "message-sendmail-extra-arguments",
                  "message-sendmail-f-is-evil", "message-sendmail-envelope-from",
                  "mail-alias-file", "mail-use-dsn"}
_SENDMAIL_FUNCTIONS = {"sendmail-send-it", "message-send-mail-with-sendmail"}

_LIBRARY_KINDS = ("library default", "defcustom", "defvar", "defconst")

#: The libraries whose load point the report states.
MAIL_LIBRARIES = ("sendmail", "smtpmail", "auth-source", "message", "auth-source-pass", "nsm",
                  "gnutls")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = EPILOG
    add_load_arguments(parser)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    from elconf.commands.accounts import add_account_argument

    add_account_argument(parser)


class _Describer:
    """Turns origins into phrases: a long one for JSON, a short one for the table
    (paths under HOME shown with ~)."""

    def __init__(self, config: "LoadedConfig") -> None:
        self.config = config
        self.home = str(config.interpreter.home)
        self.env = config.interpreter.env
        self.load_places = {feature: origin for feature, origin in config.interpreter.load_events}

    def path(self, file: str | None) -> str:
        if not file:
            return "-"
        if file.startswith(self.home + os.sep):
            return "~" + file[len(self.home):]
        return file

    def place(self, origin: "Origin") -> str:
        parts = [self.path(origin.file)]
        if origin.line is not None:
            parts.append(str(origin.line))
            if origin.col is not None:
                parts.append(str(origin.col))
        return ":".join(parts)

    def how_loaded(self, feature: str) -> str:
        """Where and why ``feature`` was loaded, e.g. ``at ~/.emacs:3:1 (require)``."""
        from elconf.config import SEND_TIME

        origin = self.load_places.get(feature)
        if origin is None:
            return "preloaded"
        if origin.kind == SEND_TIME:
            return f"at send time (first call of {origin.library})"
        if origin.kind == "--require":
            return "by --require"
        if origin.file is None:
            return f"by {origin.kind}"
        return f"at {self.place(origin)} ({origin.kind})"

    def _default_parts(self, name: str, origin: "Origin") -> tuple[str | None, str]:
        library = origin.library or "emacs"
        env_name = ENV_DEFAULTS.get(name)
        if env_name and self.env.get(env_name) is not None:
            return env_name, library
        return None, library

    def origin(self, name: str, origin: "Origin | None") -> str:
        """The long form: says when the library computed a default."""
        if origin is None:
            return "start-up value of Emacs"
        if origin.kind in _LIBRARY_KINDS and origin.file is None:
            env_name, library = self._default_parts(name, origin)
            if library == "emacs":
                base = "start-up default of Emacs"
            elif library not in self.load_places:
                base = f"default of {library}.el, preloaded in emacs -Q"
            else:
                base = f"default of {library}.el, computed when {library} loaded {self.how_loaded(library)}"
            return f"environment {env_name} ({base})" if env_name else base
        if origin.kind in ("startup", "environment"):
            return self._startup(name, origin)
        return f"{self.place(origin)} ({origin.kind})" if origin.file else origin.kind

    def short(self, name: str, origin: "Origin | None") -> str:
        """The table form: the library load points are listed once, above."""
        if origin is None:
            return "Emacs start-up"
        if origin.kind in _LIBRARY_KINDS and origin.file is None:
            env_name, library = self._default_parts(name, origin)
            where = "Emacs start-up" if library == "emacs" else f"default of {library}.el"
            return f"${env_name} ({where})" if env_name else where
        if origin.kind in ("startup", "environment"):
            return self._startup(name, origin)
        return f"{self.place(origin)} {origin.kind}" if origin.file else origin.kind

    def _startup(self, name: str, origin: "Origin") -> str:
        if origin.kind == "environment" and name in ENV_DEFAULTS:
            return f"${ENV_DEFAULTS[name]} (Emacs start-up)"
        return "Emacs start-up" if origin.kind == "startup" else "environment (Emacs start-up)"


def _uses_sendmail(config: "LoadedConfig") -> bool:
    from elconf.types import Symbol

    for name in ("send-mail-function", "message-send-mail-function"):
        value = config.get(name)
        if isinstance(value, Symbol) and value.name in _SENDMAIL_FUNCTIONS:
            return True
    return False


def _variables(config: "LoadedConfig", describer: _Describer) -> list[dict[str, Any]]:
    from elconf.types import UNBOUND

    sendmail = _uses_sendmail(config)
    groups = []
    for title, names in GROUPS:
        rows = []
        for name in names:
            value = config.get(name)
            if value is UNBOUND and name in _OPTIONAL:
                continue
            if name in _SENDMAIL_ONLY and not sendmail:
                continue
            row: dict[str, Any] = {"name": name, "bound": value is not UNBOUND}
            if value is not UNBOUND:
                row["sexp"] = prin1(value)
                row["value"] = json_view(value)
                origin = config.store.origin(name)
                row["origin"] = describer.origin(name, origin)
                row["from"] = describer.short(name, origin)
                if origin is not None:
                    row["place"] = _origin_json(origin, describer)
            else:
                origin = None
            ignored = []
            for assignment in config.store.history(name):
                if assignment.effective or assignment.origin == origin:
                    continue   # the second: a saved value the defcustom took later
                ignored.append({
                    "where": describer.short(name, assignment.origin),
                    "sexp": prin1(assignment.value) if assignment.value is not UNBOUND else "void",
                    "note": assignment.note or "",
                })
            row["ignored"] = ignored
            rows.append(row)
        groups.append({"name": title, "variables": rows})
    return groups


def _origin_json(origin: "Origin", describer: _Describer) -> dict[str, Any]:
    return {"kind": origin.kind, "file": origin.file, "line": origin.line, "col": origin.col,
            "library": origin.library}


def send_path(config: "LoadedConfig") -> dict[str, Any]:
    """Which way a message goes and why, as a headline and reasons."""
    from elconf.types import NIL, UNBOUND, Symbol
    from elconf.unknowns import Opaque

    def name_of(value: Any) -> str | None:
        return value.name if isinstance(value, Symbol) and value is not NIL else None

    def text(value: Any) -> str | None:
        return str(value) if isinstance(value, str) else None

    reasons: list[str] = []
    fn_value = config.get("send-mail-function")
    fn = name_of(fn_value)
    alias_seen: set[str] = set()
    while fn is not None and fn not in alias_seen:   # follow defalias chains
        alias_seen.add(fn)
        target = config.interpreter.functions.get(fn_value) if isinstance(fn_value, Symbol) else None
        if not isinstance(target, Symbol) or target is NIL:
            break
        reasons.append(f"{fn} is an alias of {target.name}")
        fn_value, fn = target, target.name
    if type(fn_value) is Opaque:
        headline = ("send function unknown: send-mail-function is "
                    f"<unknown: {fn_value.what}>, so the way mail goes cannot be told here")
    elif fn_value is UNBOUND or fn is None:
        headline = "no send function: send-mail-function is " + (
            "void" if fn_value is UNBOUND else prin1(fn_value))
    elif fn == "sendmail-query-once":
        headline = ("not configured: send-mail-function is sendmail-query-once, so Emacs asks "
                    "on the first send which method to use (in batch that fails)")
    elif fn == "smtpmail-send-it":
        server_value = config.get("smtpmail-smtp-server")
        server = text(server_value)
        service = config.get("smtpmail-smtp-service")
        # An unknown value is said to be unknown, never shown as its default.
        port = ("unknown" if type(service) is Opaque
                else prin1(service) if service is not UNBOUND else "25")
        queue = config.get("smtpmail-queue-mail")
        if type(queue) is Opaque:
            reasons.append("whether smtpmail queues instead of sending is unknown "
                           f"(smtpmail-queue-mail is <unknown: {queue.what}>)")
        if queue not in (NIL, UNBOUND) and type(queue) is not Opaque:
            queue_dir = text(config.get("smtpmail-queue-dir")) or "~/Mail/queued-mail/"
            headline = f"queued in {queue_dir} by smtpmail (smtpmail-queue-mail is non-nil)"
        elif type(server_value) is Opaque:
            headline = ("SMTP via smtpmail-send-it to a server elconf cannot know: "
                        f"smtpmail-smtp-server is <unknown: {server_value.what}>")
        elif server is None and server_value not in (NIL, UNBOUND):
            headline = (f"SMTP via smtpmail, but smtpmail-smtp-server is {prin1(server_value)}, "
                        "not a string: the send fails in Emacs")
        elif server is None:
            headline = ("SMTP via smtpmail, but no server: smtpmail-smtp-server is nil, "
                        "so Emacs would prompt for one")
        else:
            stream_value = config.get("smtpmail-stream-type")
            stream = name_of(stream_value)
            tls = ("TLS unknown: smtpmail-stream-type is unknown" if type(stream_value) is Opaque
                   else {None: "STARTTLS if the server offers it", "starttls": "STARTTLS required",
                         "plain": "no TLS", "ssl": "implicit TLS", "tls": "implicit TLS"}.get(
                       stream, f"stream type {stream}"))
            headline = f"SMTP to {server} port {port} ({tls}) via smtpmail-send-it"
        user_value = config.get("smtpmail-smtp-user")
        user = text(user_value)
        reasons.append("credentials: auth-source entry for host/port"
                       + (" with a login elconf cannot know" if type(user_value) is Opaque
                          else f" with login {user}" if user else " (any login)"))
    elif fn == "sendmail-send-it":
        program = text(config.get("sendmail-program")) or "sendmail"
        headline = f"piped to {program} via sendmail-send-it"
    elif fn in ("feedmail-send-it", "mailclient-send-it"):
        headline = f"{fn}: handed to another program (not an SMTP send)"
    else:
        headline = f"sent by the user function {fn}"
    message_value = config.get("message-send-mail-function")
    message_fn = name_of(message_value)
    if type(message_value) is Opaque:
        reasons.append("Message mode (and mu4e, Gnus) sends with a function elconf cannot know "
                       f"(message-send-mail-function is <unknown: {message_value.what}>)")
    elif message_fn == fn and fn is not None:
        reasons.append("Message mode (and mu4e, Gnus) uses the same function")
    elif message_fn and message_fn != "message--default-send-mail-function":
        reasons.append(f"Message mode (and mu4e, Gnus) sends with {message_fn} instead")
    elif config.get("message-send-mail-function") is UNBOUND:
        reasons.append("Message mode would follow send-mail-function "
                       "(message-send-mail-function keeps its default)")
    from elconf.libraries.removed import FUTURE_VARIABLES

    for name, hint in FUTURE_VARIABLES.items():
        if config.get(name) not in (UNBOUND, NIL):
            reasons.append(f"{name} is set, but {hint}")
    return {"function": fn, "headline": headline, "reasons": reasons}


def run(args: argparse.Namespace) -> int:
    config, status = load_with_account(args, "elconf show")
    if config is None:
        return status

    loaded_at_send = config.load_for_sending()
    describer = _Describer(config)
    report = {
        "init_files": [str(p) for p in config.init_files],
        "loaded_at_send_time": loaded_at_send,
        "libraries": {feature: describer.how_loaded(feature) for feature in MAIL_LIBRARIES
                      if feature in config.interpreter.features},
        "send_path": send_path(config),
        "groups": _variables(config, describer),
        "diagnostics": [d.to_json() for d in config.diagnostics],
    }
    if args.json:
        sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=1) + "\n")
    else:
        sys.stdout.write(format_report(report, describer))
    return status


def format_report(report: dict[str, Any], describer: _Describer) -> str:
    """The human-readable report: one line per variable, origins aligned."""
    lines: list[str] = []
    files = [describer.path(f) for f in report["init_files"]]
    lines.append("Init files: " + (", ".join(files) if files else "none"))
    path = report["send_path"]
    lines.append(f"Send path:  {path['headline']}")
    for reason in path["reasons"]:
        lines.append(f"            - {reason}")
    by_place: dict[str, list[str]] = {}
    for feature, how in report["libraries"].items():
        by_place.setdefault(how, []).append(feature)
    if by_place:
        width = max(len(", ".join(features)) for features in by_place.values())
        for i, (how, features) in enumerate(by_place.items()):
            label = "Libraries: " if i == 0 else ""
            lines.append(f"{label:<12}{', '.join(features):<{width}}  loaded {how}")
    rows = [row for group in report["groups"] for row in group["variables"]
            if row["bound"] or row["ignored"]]
    name_width = max((len(row["name"]) for row in rows), default=0)
    value_width = min(max((len(row.get("sexp", "void")) for row in rows), default=0), 40)
    for group in report["groups"]:
        if not group["variables"]:
            continue
        lines.append("")
        lines.append(f"{group['name']}:")
        void = [row["name"] for row in group["variables"] if not row["bound"] and not row["ignored"]]
        for row in group["variables"]:
            if row["name"] in void:
                continue
            value = row["sexp"] if row["bound"] else "void"
            origin = row.get("from", "not loaded")
            unknown = row.get("value") if isinstance(row.get("value"), dict) else None
            if unknown is not None and "unknown" in unknown:
                value = "unknown"
                origin = unknown["unknown"] if "candidates" not in unknown else origin
            lines.append(f"  {row['name']:<{name_width}}  {value:<{value_width}}  {origin}".rstrip())
            for candidate in (unknown or {}).get("candidates", ()):
                shown = candidate["sexp"] if candidate["bound"] else "void"
                where = candidate.get("origin")
                place = (f" at {describer.path(where['file'])}:{where['line']}:{where['col']} "
                         f"{where['kind']}" if where and where["file"] else "")
                lines.append(f"  {'':<{name_width}}  one of: {shown}{place}")
            for ignored in row["ignored"]:
                note = f" ({ignored['note']})" if ignored["note"] else ""
                lines.append(f"  {'':<{name_width}}  no effect: {ignored['sexp']} at "
                             f"{ignored['where']}{note}")
        if void:
            lines.append(f"  void (library not loaded): {', '.join(void)}")
    diagnostics = report["diagnostics"]
    if diagnostics:
        lines.append("")
        lines.append("Diagnostics:")
        for diag in diagnostics:
            where = ":".join(str(p) for p in (describer.path(diag["file"]), diag["line"], diag["col"])
                             if p is not None)
            lines.append(f"  {where}: {diag['severity']}: {diag['message']}")
    return "\n".join(lines) + "\n"
