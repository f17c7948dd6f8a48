"""The mail settings the sender reads, converted from the evaluated Lisp values.

The evaluator (``elconf``) produces Lisp values; the sender wants plain Python.
:meth:`SendConfig.from_lisp` takes a getter ``name -> Lisp value`` (or
:data:`UNBOUND`) and builds one immutable record, so that every module of
``smtp`` reads the same, already checked settings and never touches Lisp
objects.  Only genuinely Lisp-shaped settings (``auth-sources``,
``message-server-alist``) are kept as raw Lisp values.
"""

from __future__ import annotations

from elconf.records import record, replace
from elconf.types import NIL, T, UNBOUND, Cons, Symbol, intern

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from typing import Any

    Getter = Callable[[str], Any]


class ConfigError(Exception):
    """A setting has a value the sender cannot use (exit 78, EX_CONFIG)."""

    def __init__(self, variable: str, message: str) -> None:
        super().__init__(f"{variable}: {message}")
        self.variable = variable


class UnknownSetting(ConfigError):
    """A variable that decides the route is unknown here (exit 78): elsend never guesses.

    The value depends on something elconf could not evaluate (a condition on
    an unknown, a package's function); ``what`` names the form and, for a
    variable two branches set differently, each candidate with its place."""

    def __init__(self, variable: str, what: str) -> None:
        super().__init__(variable, f"unknown here: {what}; elsend does not guess where mail goes: "
                                   f"choose with --account NAME or --from ADDRESS, or set "
                                   f"{variable} with a setq after that form")


class SkippedSetting(UnknownSetting):
    """Route variables no evaluated form set, named in forms elconf skipped (exit 78).

    Such a form (a call of a package's macro: setup.el's ``setup``, leaf's
    ``leaf``, general.el's ``general-setq``) may set them in Emacs: their
    defaults here would be a guess Emacs would not have made.  ``unknown``
    holds every such variable with its first skipped form, in
    :data:`ROUTE_ORDER`, so that one message covers them all."""

    def __init__(self, unknown: "list[tuple[str, Any]]") -> None:
        variable, first = unknown[0]
        by_form: dict[int, tuple[Any, list[str]]] = {}
        for name, form in unknown:
            by_form.setdefault(id(form), (form, []))[1].append(name)
        places = []
        for form, names in by_form.values():
            if form is first:
                also = f" (and {_words(names[1:])})" if len(names) > 1 else ""
                places.insert(0, f"{form.describe()} names it{also}")
            else:
                places.append(f"{form.describe()} names {_words(names)}")
        them = "them" if len(unknown) > 1 else "it"
        forms = "those forms" if len(by_form) > 1 else "that form"
        ConfigError.__init__(
            self, variable,
            f"unknown here: {'; '.join(places)}; elconf does not evaluate {forms} of a package "
            f"or file: what {'they set' if len(by_form) > 1 else 'it sets'} is elconf's gap, not a "
            f"mistake in your init file, and elsend does not guess where mail goes\n"
            f"  hint: set {them} with a plain setq outside {forms}, e.g. (setq {variable} ...), "
            f"or choose an account that sets {them} with --account NAME or --from ADDRESS")
        self.unknown = unknown


def _words(names: "list[str]") -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


#: Variables that decide where and as whom mail goes: an unknown one stops the send.
#: (Any other variable unknown here is read as unset: its default applies.)
#: In the order a message names them: the path first, then the server, then identity.
ROUTE_ORDER = (
    "send-mail-function", "message-send-mail-function", "smtpmail-smtp-server",
    "smtpmail-smtp-service", "smtpmail-stream-type", "smtpmail-smtp-user", "auth-sources",
    "smtpmail-queue-mail", "sendmail-program", "message-server-alist", "user-mail-address",
    "smtpmail-mail-address", "mail-envelope-from", "mail-specify-envelope-from",
    "message-sendmail-envelope-from")
ROUTE_VARIABLES = frozenset(ROUTE_ORDER)


def _known(get: Getter, skipped: Callable[[str], Any] | None = None) -> Getter:
    """``get`` with the rule for values unknown here (see :data:`ROUTE_VARIABLES`).

    ``skipped(name)`` is the skipped form that leaves an otherwise unset ``name``
    unknown (:func:`elconf.skipped.unknown_because_skipped`), or None."""
    from elconf.unknowns import Opaque

    def known(name: str) -> Any:
        value = get(name)
        if type(value) is Opaque:
            if name in ROUTE_VARIABLES:
                raise UnknownSetting(name, value.what)
            return UNBOUND
        if skipped is not None and name in ROUTE_VARIABLES:
            if skipped(name) is not None:
                found = ((other, skipped(other)) for other in ROUTE_ORDER)
                raise SkippedSetting([(other, form) for other, form in found if form is not None])
        return value
    return known


def server_not_set(cfg: "SendConfig") -> tuple[str, str]:
    """The message and hint for a send with no ``smtpmail-smtp-server``.

    When a library elconf did not read may hold mail settings, that library
    may set it: say so instead of blaming the init file."""
    if cfg.unread_libraries:
        return unread_libraries_may_set(cfg, "smtpmail-smtp-server", '"smtp.example.org"')
    return "smtpmail-smtp-server is not set", "(setq smtpmail-smtp-server \"smtp.example.org\")"


def unread_libraries_may_set(cfg: "SendConfig", variable: str, example: str) -> tuple[str, str]:
    """``VARIABLE is not set here, but LIBRARY ... may set it`` and its hint, for a
    variable at its default while libraries elconf did not read may set it."""
    libraries = "; ".join(cfg.unread_libraries)
    those = "those forms" if len(cfg.unread_libraries) > 1 else "that form"
    return (f"{variable} is not set here, but {libraries}, which elconf does not evaluate "
            f"(elconf's gap), may set it",
            f"set it with a plain (setq {variable} {example}) in your init file after {those}, "
            f"or choose an account with --account NAME")


def _string_or_none(name: str, value: Any) -> str | None:
    if value is UNBOUND or value is NIL:
        return None
    if isinstance(value, str):
        return str(value)
    raise ConfigError(name, f"expected a string or nil, got {_describe(value)}")


def _flag(value: Any) -> bool:
    return value is not UNBOUND and value is not NIL


def _symbol_or_none(name: str, value: Any) -> str | None:
    if value is UNBOUND or value is NIL:
        return None
    if isinstance(value, Symbol):
        return value.name
    raise ConfigError(name, f"expected a symbol, got {_describe(value)}")


def _describe(value: Any) -> str:
    from elconf.printer import prin1_to_string

    return prin1_to_string(value, display=True)


def _raw(value: Any) -> Any:
    return NIL if value is UNBOUND else value


@record(frozen=True)
class SendConfig:
    """Every variable the mail paths consult, by its Emacs name in comments."""

    # smtpmail.el
    smtp_server: str | None = None              # smtpmail-smtp-server
    smtp_service: int | str = 25                # smtpmail-smtp-service
    smtp_user: str | None = None                # smtpmail-smtp-user
    local_domain: str | None = None             # smtpmail-local-domain
    stream_type: Any = NIL                      # smtpmail-stream-type (raw Lisp: nil, a symbol, or a bad value)
    sendto_domain: str | None = None            # smtpmail-sendto-domain
    debug_info: bool = False                    # smtpmail-debug-info
    debug_verb: bool = False                    # smtpmail-debug-verb
    queue_mail: bool = False                    # smtpmail-queue-mail
    queue_dir: str = "~/Mail/queued-mail/"      # smtpmail-queue-dir
    queue_index_file: str = "index"             # smtpmail-queue-index-file
    servers_requiring_authorization: str | None = None  # smtpmail-servers-requiring-authorization (regexp)
    retries: int = 10                           # smtpmail-retries
    store_queue_variables: bool = False         # smtpmail-store-queue-variables
    auth_supported: tuple[str, ...] = ("cram-md5", "plain", "login")  # smtpmail-auth-supported
    smtpmail_mail_address: str | None = None    # smtpmail-mail-address
    warn_about_unknown_extensions: bool = False  # smtpmail-warn-about-unknown-extensions
    # Libraries assumed loaded but not read whose names suggest mail settings, each
    # "(require 'my-mail) at FILE:LINE:COL" (elconf.skipped): they may set what is unset here.
    unread_libraries: tuple[str, ...] = ()

    # sendmail.el
    send_mail_function: str | None = "sendmail-query-once"  # send-mail-function (symbol name)
    sendmail_program: str = "sendmail"          # sendmail-program
    mail_specify_envelope_from: bool = False    # mail-specify-envelope-from
    mail_envelope_from: Any = NIL               # mail-envelope-from: a string, the symbol header, or nil
    mail_interactive: bool = True               # mail-interactive
    mail_from_style: str | None = "angles"      # mail-from-style
    mail_send_nonascii: Any = intern("mime")    # mail-send-nonascii: t, nil, query, mime
    mail_header_separator: str = "--text follows this line--"  # mail-header-separator
    mail_aliases: Any = T                       # mail-aliases (t, nil, or an alist)
    mail_personal_alias_file: str = "~/.mailrc"  # mail-personal-alias-file
    mail_alias_file: str | None = None          # mail-alias-file
    mail_use_dsn: tuple[str, ...] = ()          # mail-use-dsn (symbols success, failure, delay)

    # startup.el and the C core
    user_mail_address: str | None = None        # user-mail-address
    user_full_name: Any = NIL                   # user-full-name (normally a string)
    user_login_name: str = ""                   # (user-login-name)
    system_name: str = ""                       # (system-name)
    mail_host_address: str | None = None        # mail-host-address

    # message.el
    message_send_mail_function: str | None = None  # message-send-mail-function
    message_sendmail_f_is_evil: bool = False    # message-sendmail-f-is-evil
    message_sendmail_envelope_from: Any = intern("obey-mail-envelope-from")
    message_sendmail_extra_arguments: tuple[str, ...] = ()
    message_server_alist: Any = NIL             # raw Lisp alist
    message_user_fqdn: str | None = None
    message_interactive: bool = True

    # auth-source.el, gnutls.el, nsm.el
    auth_sources: Any = NIL                     # raw Lisp list
    gnutls_trustfiles: tuple[str, ...] = ()
    network_security_level: str = "medium"

    @classmethod
    def from_loaded(cls, loaded: Any) -> "SendConfig":
        """The settings a send reads from an evaluated configuration (LoadedConfig).

        Beyond :meth:`from_lisp`: a route variable that no evaluated form set
        but that a skipped form names is unknown (:class:`SkippedSetting`),
        and the skipped mail libraries are kept for the "not set" messages.
        Only sends read this; ``elconf get`` shows the values as evaluated.
        """
        from elconf.skipped import skipped_mail_libraries, unknown_because_skipped

        interpreter = loaded.interpreter
        named = getattr(getattr(interpreter, "skipped", None), "by_name", {})
        rule = None if ROUTE_VARIABLES.isdisjoint(named) else (
            lambda name: unknown_because_skipped(interpreter, name) if name in named else None)
        cfg = cls.from_lisp(loaded.get, skipped=rule)
        libraries = skipped_mail_libraries(interpreter)
        if libraries:
            cfg = cfg.replace(unread_libraries=tuple(form.describe() for form in libraries))
        return cfg

    @classmethod
    def from_lisp(cls, get: Getter, skipped: Callable[[str], Any] | None = None) -> "SendConfig":
        """Build the record from ``get(name)``, which returns a Lisp value or UNBOUND.

        Raises :class:`ConfigError` when a variable has a type no mail path
        could use (for example a list where a server name belongs), and
        :class:`UnknownSetting` when one of :data:`ROUTE_VARIABLES` is unknown
        (``skipped``: see :func:`_known`).
        """
        get = _known(get, skipped)

        def string_list(name: str) -> tuple[str, ...]:
            value = get(name)
            if value is UNBOUND or value is NIL:
                return ()
            if not isinstance(value, Cons):
                raise ConfigError(name, f"expected a list, got {_describe(value)}")
            items = []
            for item in value:
                if isinstance(item, Symbol):
                    items.append(item.name)
                elif isinstance(item, str):
                    items.append(str(item))
                else:
                    raise ConfigError(name, f"unexpected element {_describe(item)}")
            return tuple(items)

        service = get("smtpmail-smtp-service")
        if service is UNBOUND or service is NIL:
            service = 25
        elif isinstance(service, str):
            service = str(service)
        elif not isinstance(service, int) or isinstance(service, bool):
            raise ConfigError("smtpmail-smtp-service",
                              f"expected a port number or service name, got {_describe(service)}")

        retries = get("smtpmail-retries")
        if retries is UNBOUND or retries is NIL:
            retries = 10
        elif not isinstance(retries, int):
            raise ConfigError("smtpmail-retries", f"expected an integer, got {_describe(retries)}")

        def with_default(name: str, default: str) -> str:
            value = _string_or_none(name, get(name))
            return default if value is None else value

        send_fn = get("send-mail-function")
        message_fn = get("message-send-mail-function")
        return cls(
            smtp_server=_string_or_none("smtpmail-smtp-server", get("smtpmail-smtp-server")),
            smtp_service=service,
            smtp_user=_string_or_none("smtpmail-smtp-user", get("smtpmail-smtp-user")),
            local_domain=_string_or_none("smtpmail-local-domain", get("smtpmail-local-domain")),
            stream_type=_raw(get("smtpmail-stream-type")),
            sendto_domain=_string_or_none("smtpmail-sendto-domain", get("smtpmail-sendto-domain")),
            debug_info=_flag(get("smtpmail-debug-info")),
            debug_verb=_flag(get("smtpmail-debug-verb")),
            queue_mail=_flag(get("smtpmail-queue-mail")),
            queue_dir=with_default("smtpmail-queue-dir", "~/Mail/queued-mail/"),
            queue_index_file=with_default("smtpmail-queue-index-file", "index"),
            servers_requiring_authorization=_string_or_none(
                "smtpmail-servers-requiring-authorization",
                get("smtpmail-servers-requiring-authorization")),
            retries=retries,
            store_queue_variables=_flag(get("smtpmail-store-queue-variables")),
            auth_supported=(string_list("smtpmail-auth-supported")
                            if get("smtpmail-auth-supported") is not UNBOUND
                            else ("cram-md5", "plain", "login")),
            smtpmail_mail_address=_string_or_none("smtpmail-mail-address", get("smtpmail-mail-address")),
            warn_about_unknown_extensions=_flag(get("smtpmail-warn-about-unknown-extensions")),
            send_mail_function=(_symbol_or_none("send-mail-function", send_fn)
                                if not isinstance(send_fn, Cons) else "lambda"),
            sendmail_program=with_default("sendmail-program", "sendmail"),
            mail_specify_envelope_from=_flag(get("mail-specify-envelope-from")),
            mail_envelope_from=_raw(get("mail-envelope-from")),
            mail_interactive=_flag(get("mail-interactive")) if get("mail-interactive") is not UNBOUND else True,
            mail_from_style=_symbol_or_none("mail-from-style", get("mail-from-style"))
            if get("mail-from-style") is not UNBOUND else "angles",
            mail_send_nonascii=get("mail-send-nonascii") if get("mail-send-nonascii") is not UNBOUND
            else intern("mime"),
            mail_header_separator=with_default("mail-header-separator", "--text follows this line--"),
            mail_aliases=get("mail-aliases") if get("mail-aliases") is not UNBOUND else T,
            mail_personal_alias_file=with_default("mail-personal-alias-file", "~/.mailrc"),
            mail_alias_file=_string_or_none("mail-alias-file", get("mail-alias-file")),
            mail_use_dsn=string_list("mail-use-dsn"),
            user_mail_address=_string_or_none("user-mail-address", get("user-mail-address")),
            user_full_name=_raw(get("user-full-name")),
            user_login_name=with_default("user-login-name", ""),
            system_name=with_default("system-name", ""),
            mail_host_address=_string_or_none("mail-host-address", get("mail-host-address")),
            message_send_mail_function=(_symbol_or_none("message-send-mail-function", message_fn)
                                        if not isinstance(message_fn, Cons) else "lambda"),
            message_sendmail_f_is_evil=_flag(get("message-sendmail-f-is-evil")),
            message_sendmail_envelope_from=_raw(get("message-sendmail-envelope-from"))
            if get("message-sendmail-envelope-from") is not UNBOUND else intern("obey-mail-envelope-from"),
            message_sendmail_extra_arguments=string_list("message-sendmail-extra-arguments"),
            message_server_alist=_raw(get("message-server-alist")),
            message_user_fqdn=_string_or_none("message-user-fqdn", get("message-user-fqdn")),
            message_interactive=_flag(get("message-interactive"))
            if get("message-interactive") is not UNBOUND else True,
            auth_sources=_raw(get("auth-sources")),
            gnutls_trustfiles=string_list("gnutls-trustfiles"),
            network_security_level=(_symbol_or_none("network-security-level", get("network-security-level"))
                                    or "medium"),
        )

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> "SendConfig":
        """Convenience for tests: build from a dict of Lisp values (missing = unbound)."""
        return cls.from_lisp(lambda name: values.get(name, UNBOUND))

    def replace(self, **changes: Any) -> "SendConfig":
        return replace(self, **changes)
