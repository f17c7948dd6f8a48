"""Send plans: a static configuration's send settings, kept so a send needs no evaluator.

Most configurations decide everything about a send before they see the
message: no client accounts to choose between, no ``message-send-hook``, no
``message-server-alist`` function, a send function that ends in
``smtpmail-send-it`` or in ``sendmail-program`` (``sendmail-send-it``,
``message-send-mail-with-sendmail``: the argument list is computed from the
settings and the message at send time, by the same code either way).  For
those the whole Lisp side of a send reduces to a few plain values: the
route, the settings once the transport's library (and, on the message door,
message.el) has loaded, the auth-source settings, the
warnings the evaluation left, and the handful of message.el variables
:func:`smtp.paths.plan_message` reads.  That is a :class:`StaticSend`.

Every send with such a configuration goes through its :class:`StaticSend`
(:class:`FrozenConfig` stands in for the evaluated configuration), whether
it was just built from the evaluation or read back from the cache: there is
one code path, so a kept plan sends exactly what a fresh one would.  A plan
is kept beside the state (``plan-IDENTITY-DOOR`` in the state cache's
directory), keyed on everything the evaluation consulted *plus* everything
the send-time loads consulted (recorded the same way, see
:mod:`elconf.inputs`), and on elsend's code; a later run asks every question
again and uses the plan only if every answer is the same.  Reading it back
imports neither the evaluator nor the reader, and unpickles a few records
instead of the whole interpreter.
"""

from __future__ import annotations

import os

from elconf.records import record
from smtp.paths import _UNMODELLED, SMTP

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from pathlib import Path
    from typing import Any

    from smtp.context import Context

    from smtp.authsource.settings import AuthSettings
    from smtp.config import SendConfig
    from smtp.paths import Route

#: Every variable the message door reads through the configuration once the
#: settings are known (smtp.paths.plan_message and what it calls).  A read of
#: any other one is an error (:class:`NotFrozen`), so a new read shows in the
#: tests instead of silently answering from the wrong place.
MESSAGE_DOOR_VARIABLES = ("elconf--posting-style-method", "message-send-hook",
                          "message-from-style", "message-fcc-handler-function", *_UNMODELLED)

#: Options whose work needs more of the configuration than a plan holds: with any
#: of them (--dry-run, --probe, --debug, --from, --account, --flush-queue) a send
#: reads the evaluated configuration itself.
_OPTIONS_NEEDING_THE_CONFIG = ("dry_run", "probe", "flush_queue", "from_address", "account",
                               "debug", "all_accounts", "json")


#: What the last :func:`find_plan` found ("hit", or why it missed) and whether the
#: last :func:`keep` kept a plan: for the tests, and for anyone asking why.
last_lookup = ""
last_kept = False


class NotFrozen(LookupError):
    """The send asked the configuration something its plan does not hold (a bug)."""


@record
class StaticSend:
    """What a send with a static configuration reads from it, resolved."""

    key: str                        # which command lines it serves (door_key)
    door: str                       # "send-mail", "message" or "sendmail" (the sendmail grammar)
    route: Route | None             # None for the sendmail grammar
    cfg: SendConfig                 # smtpmail's settings once the first send has loaded it
    auth: AuthSettings
    warnings: tuple[str, ...]       # the evaluation's errors, as _load printed them
    features: tuple[str, ...]       # the features loaded once the settings are read
    values: dict[str, Any]          # MESSAGE_DOOR_VARIABLES (message door only)
    origin_kinds: dict[str, str]    # how each of _UNMODELLED got its value
    #: A sendmail route on the message door: smtpmail's settings and the features
    #: once smtpmail has loaded after it, for a message whose X-Message-SMTP-Method
    #: asks for SMTP (the send then loads smtpmail, as Emacs would).
    smtp_cfg: SendConfig | None = None
    smtp_features: tuple[str, ...] = ()

    @property
    def transport(self) -> str:
        """The send function the route ends in (the sendmail grammar always speaks SMTP)."""
        return self.route.transport if self.route is not None else SMTP


class _FrozenOrigin:
    """The part of an elconf.store.Origin that the send reads (its kind)."""

    def __init__(self, kind: str) -> None:
        self.kind = kind


class FrozenConfig:
    """A :class:`StaticSend` answering as the evaluated configuration (LoadedConfig) would.

    Only what the static send path asks is answered; anything else raises
    :class:`NotFrozen` (an ``AttributeError`` for a method it lacks).
    """

    def __init__(self, plan: StaticSend) -> None:
        self.plan = plan
        self.store = self
        self.interpreter = self
        self.features = plan.features
        self.cfg = plan.cfg
        self.auth = plan.auth

    def get(self, name: str) -> Any:
        try:
            return self.plan.values[name]
        except KeyError:
            raise NotFrozen(f"the send plan holds no value for {name}: "
                            "add it to smtp.fastpath.MESSAGE_DOOR_VARIABLES") from None

    def is_bound(self, name: str) -> bool:
        from elconf.types import UNBOUND

        return self.get(name) is not UNBOUND

    def origin(self, name: str) -> _FrozenOrigin | None:
        if name not in self.plan.origin_kinds:
            raise NotFrozen(f"the send plan holds no origin for {name}")
        kind = self.plan.origin_kinds[name]
        return None if kind is None else _FrozenOrigin(kind)

    def send_config(self) -> SendConfig:
        return self.cfg

    def load_for_sending(self, send_function: str | None = None) -> list[str]:
        if send_function in (None, self.plan.transport):
            return []
        if send_function == SMTP and self.plan.smtp_cfg is not None:
            # message.el's method header chose SMTP: smtpmail loads now (once), as in Emacs.
            loaded = [f for f in self.plan.smtp_features if f not in self.features]
            self.cfg, self.features = self.plan.smtp_cfg, self.plan.smtp_features
            return loaded
        raise NotFrozen(f"the send plan is for {self.plan.transport}, not {send_function}")

    def require(self, feature: str, *_args: Any) -> None:
        if feature not in self.features:
            raise NotFrozen(f"the send plan was made without {feature} loaded")

    def errors(self) -> list[Any]:
        return []       # printed from plan.warnings


# -- deciding and building ---------------------------------------------------------------

#: The plan a queue flush keeps: smtpmail's settings once smtpmail has loaded, and
#: auth-source's, which is all a flush reads of the configuration (Emacs's
#: smtpmail-send-queued-mail uses the global settings and each entry's stored ones).
FLUSH_DOOR = "flush"


def static_options(options: Any, *, flush: bool = False) -> bool:
    """Whether a send with these options can go through a plan (it needs no more of the
    config); ``flush``: a plain ``--flush-queue`` through the flush's plan."""
    return not any(getattr(options, name, False) for name in _OPTIONS_NEEDING_THE_CONFIG
                   if not (flush and name == "flush_queue"))


def can_use_plan(options: Any, env: Mapping[str, str], *, flush: bool = False) -> bool:
    """Whether a kept plan may serve these options (and the cache is on)."""
    from elconf.cache import disabled

    return static_options(options, flush=flush) and not getattr(options, "no_cache", False) \
        and not disabled(env)


def door_key(options: Any, sendmail: bool, by_from: str | None = None) -> str:
    """Which plan file: the sendmail grammar, or the elsend grammar's ``--via`` choice
    (and, when a client account is chosen by the From address, that address's key)."""
    key = "sendmail" if sendmail else f"via-{options.via or 'default'}"
    return f"{key}-from-{by_from}" if by_from else key


def address_key(address: str | None) -> str:
    """The part of a plan's name that stands for the From address an account was chosen by."""
    from elconf.inputs import new_digest

    digest = new_digest(8)
    digest.update(repr(address).encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def static_send(loaded: Any, key: str, door: str, route: Route | None, cfg: SendConfig,
                warnings: list[str]) -> StaticSend | None:
    """The plan of this send, or None when the configuration runs Lisp on the message.

    Called with smtpmail (and on the message door message.el) loaded, as the
    send reads its settings; the caller has checked there is no account to choose.
    """
    from elconf.types import NIL, UNBOUND, Cons
    from smtp.authsource.settings import AuthSettings

    values: dict[str, Any] = {}
    kinds: dict[str, Any] = {}
    if door == "message":
        hook = loaded.get("message-send-hook")
        if hook is not UNBOUND and hook is not NIL:
            return None         # runs with the message's header
        alist = cfg.message_server_alist
        if isinstance(alist, Cons) and any(not (isinstance(entry, Cons) and isinstance(entry.car, str))
                                           for entry in alist):
            return None         # a function decides (or a malformed entry's note)
        values = {name: loaded.get(name) for name in MESSAGE_DOOR_VARIABLES}
        for name in _UNMODELLED:
            origin = loaded.store.origin(name)
            kinds[name] = origin.kind if origin is not None else None
    features = tuple(loaded.interpreter.features)
    smtp_cfg, smtp_features = None, ()
    if door == "message" and route is not None and route.transport != SMTP:
        # A message may still ask for SMTP (X-Message-SMTP-Method): the send
        # would load smtpmail after the transport's own load; so does the plan.
        loaded.load_for_sending(SMTP)
        smtp_cfg, smtp_features = loaded.send_config(), tuple(loaded.interpreter.features)
    # auth-source's settings as the send reads them: after every load.
    return StaticSend(key=key, door=door, route=route, cfg=cfg, auth=AuthSettings.from_config(loaded),
                      warnings=tuple(warnings), features=features, values=values,
                      origin_kinds=kinds, smtp_cfg=smtp_cfg, smtp_features=smtp_features)


def plan_send(ctx: Context, door: str, route: Route | None, by_from: str | None = None) -> StaticSend | None:
    """Load the transport's library as the first send does; the send's plan if the config
    is static, else None.

    ``door`` is ``sendmail`` (the sendmail grammar), else the route's door;
    ``by_from`` the From address's key when a client account was chosen by it.
    """
    ctx.loaded.load_for_sending(route.transport if route is not None else SMTP)
    key = FLUSH_DOOR if door == FLUSH_DOOR else door_key(ctx.options, door == "sendmail", by_from)
    return static_send(ctx.loaded, key, door, route, ctx.loaded.send_config(), ctx.warnings)


def planned_context(ctx: Context, plan: StaticSend | None, loads: SendTimeLoads) -> Context:
    """The context that sends through ``plan`` (kept when its key is known); ``ctx`` if None."""
    if plan is None:
        return ctx
    from smtp.context import Context

    if loads.observations is not None:
        keep(plan, ctx.cache.path, ctx.cache.fingerprint, loads.observations, ctx.env)
    return Context(FrozenConfig(plan), ctx.home, ctx.env, ctx.options, warnings=ctx.warnings, plan=plan)


def keep_state_after_loads(ctx: Context, loads: SendTimeLoads, message_door: bool,
                           message_door_now: Callable[[], bool]) -> bool:
    """Keep the state after this send's loads (:func:`elconf.cache.keep_after_loads`) when a
    send starting from it decides as this one did: no client accounts to choose between
    (the loads may have defined some), the same door (``message_door`` was decided before
    the loads, ``message_door_now`` decides again)."""
    if loads.observations is None or ctx.cache is None:
        return False
    from elconf.accounts.discovery import has_accounts
    from elconf.cache import keep_after_loads

    if has_accounts(ctx.loaded) or message_door_now() != message_door:
        return False
    return keep_after_loads(ctx.loaded, ctx.cache, door_key(ctx.options, False), loads.observations,
                            ctx.env)


# -- keeping and reading -----------------------------------------------------------------

def _plan_path(state_path: str | Path, door: str) -> str:
    """The plan file beside the state file ``state_path`` (a string: no pathlib on this path)."""
    directory, name = os.path.split(os.fspath(state_path))
    return os.path.join(directory, name.replace("state-", "plan-", 1) + f"-{door}")


def keep(plan: StaticSend, state_path: str | Path | None, fingerprint: str,
         observations: list | None, env: Mapping[str, str]) -> bool:
    """Keep ``plan`` under the state's key plus the send-time observations; False if not kept."""
    global last_kept
    last_kept = False
    if state_path is None or observations is None:
        return False
    from elconf.cache import write_kept
    from elconf.inputs import still_valid

    if still_valid(observations, env):
        return False            # something changed while we evaluated or loaded
    if "-from-" in plan.key:
        # Accounts chosen by From now: a plain plan of this door could only miss, and
        # while its file is there the accounts' plans are not looked for.
        forget(state_path, plan.key.split("-from-")[0])
    try:
        write_kept(_plan_path(state_path, plan.key), fingerprint, observations, _encode(plan))
    except Exception:  # noqa: BLE001 - a plan that cannot be kept is only slower
        return False
    last_kept = True
    return True


def _encode(plan: StaticSend) -> bytes:
    """The plan file's payload: marshal data (smtp.plancodec), else a pickle for the
    values that encoding does not rebuild."""
    from smtp import plancodec

    try:
        return plancodec.dumps(plan)
    except plancodec.Unsupported:
        pass
    try:
        import _pickle
    except ImportError:  # pragma: no cover - another Python implementation
        import pickle as _pickle
    return _pickle.dumps(plan, protocol=5)


def _decode(payload: bytes) -> Any:
    """What :func:`_encode` wrote: reading marshal data imports no pickle (nor functools)."""
    from smtp import plancodec

    if payload[:1] == plancodec.MAGIC:
        return plancodec.loads(payload)
    try:
        import _pickle
    except ImportError:  # pragma: no cover - another Python implementation
        import pickle as _pickle
    return _pickle.loads(payload)


def forget(state_path: str | Path | None, key: str) -> None:
    """Remove the plan of a configuration that is no longer static (it could only miss)."""
    if state_path is not None:
        try:
            os.unlink(_plan_path(state_path, key))
        except OSError:
            pass


def kept_context(options: Any, *, sendmail: bool, flush: bool = False) -> Context | None:
    """A context of the kept send plan for this command line (``flush``: of the queue
    flush's plan, :data:`FLUSH_DOOR`), or None.

    The plan's warnings are printed as the evaluation's would be.
    """
    import sys

    from smtp.context import Context, home_directory

    env = dict(os.environ)
    if not can_use_plan(options, env, flush=flush):
        return None
    home = home_directory(env)
    from elconf.cache import source_fingerprint

    fingerprint = source_fingerprint()      # once: it stats every file of elsend's code
    plan = find_plan(options, FLUSH_DOOR if flush else door_key(options, sendmail), env, home,
                     fingerprint)
    if plan is None and not sendmail and not flush and last_lookup == "no cached state":
        # Client accounts chosen by the From address: that address's plan.
        plan = find_account_plan(options, env, home, fingerprint)
    if plan is None:
        return None
    for warning in plan.warnings:
        print(warning, file=sys.stderr)
    return Context(FrozenConfig(plan), home, env, options, warnings=list(plan.warnings), plan=plan)


def find_plan(options: Any, door: str, env: Mapping[str, str], home: str,
              fingerprint: str | None = None) -> StaticSend | None:
    """The kept plan for this command line, if every input it depended on is unchanged.

    ``home`` and the paths are strings: a send through a kept plan imports no pathlib.
    """
    global last_lookup, last_kept
    last_lookup, last_kept = "not looked up", False
    from elconf.cache import _identity, cache_dir_name, read_kept, source_fingerprint
    from elconf.options import LoadOptions

    load_options = LoadOptions(init=options.init, no_init=bool(options.no_init), home=home,
                               env=env, stop_at_any_error=bool(getattr(options, "stop_at_any_error", False)))
    state_path = os.path.join(cache_dir_name(env, home), f"state-{_identity(load_options, home)}")
    payload, _observations, last_lookup = read_kept(_plan_path(state_path, door),
                                                    fingerprint or source_fingerprint(), env)
    if payload is None:
        return None
    try:
        plan = _decode(payload)
    except Exception as err:  # noqa: BLE001 - a damaged file is only a miss
        last_lookup = f"unreadable ({type(err).__name__})"
        return None
    if not (isinstance(plan, StaticSend) and plan.key == door):
        last_lookup = "another door's plan"
        return None
    last_lookup = "hit"
    return plan


#: How much of a message file is read for its From field before a plan is chosen.
_HEADER_LIMIT = 65536


def find_account_plan(options: Any, env: Mapping[str, str], home: str,
                      fingerprint: str | None = None) -> StaticSend | None:
    """The kept plan of the account the message's From chooses (a message file only).

    A configuration with client accounts (mu4e contexts ...) chooses the
    account by the From address (``--account`` and ``--from`` never use a
    plan), so its plans are kept per address: everything the choice, the
    switch and the loads consulted is their key, the address their name.
    Standard input is not read here (the send would lose it): it takes the
    evaluated path.
    """
    name = getattr(options, "message", None)
    if name in (None, "-"):
        return None
    try:
        with open(name, "rb") as handle:
            head = handle.read(_HEADER_LIMIT)
    except OSError:
        return None
    from smtp.account_switch import from_address, header_of

    if len(head) == _HEADER_LIMIT and not any(end in head for end in (b"\n\n", b"\r\n\r\n")):
        return None             # a header this long: let the evaluated path read it all
    by_from = address_key(from_address(header_of(head), None))
    return find_plan(options, door_key(options, False, by_from), env, home, fingerprint)


class SendTimeLoads:
    """``with SendTimeLoads(loaded, report, wanted) as loads:`` around the send-time loads.

    When the state's key is known (``report.observations``: it was kept, or
    could be), what the loads consult (a library on the user's ``load-path``,
    ``$SMTPSERVER`` for smtpmail's default server...) is recorded as the
    evaluation was, and :attr:`observations` is the plan's key: the state's
    questions, then these.  None when no plan can be kept.
    """

    def __init__(self, loaded: Any, report: Any, wanted: bool) -> None:
        self.loaded = loaded
        self.report = report
        # A state kept after these very loads (elconf.cache.keep_after_loads) made no plan
        # and will not: nothing to record.
        self.wanted = wanted and report is not None and report.observations is not None \
            and not report.after_loads
        self.observations: list | None = None
        self._recording: Any = None

    def __enter__(self) -> SendTimeLoads:
        if not self.wanted:
            return self
        from elconf import cache
        from elconf.recording import RecordingEnv, recording

        interpreter = self.loaded.interpreter
        if not isinstance(interpreter.env, RecordingEnv):   # a restored state's environment
            outside = dict(os.environ) if self.report.outside is None else self.report.outside
            interpreter.env = RecordingEnv(dict.copy(interpreter.env), outside)
        self._recording = recording(ignore_under=cache._package_dirs())
        self._recorder = self._recording.__enter__()
        return self

    def __exit__(self, *exc: Any) -> None:
        if self._recording is None:
            return
        self._recording.__exit__(*exc)
        if exc[0] is None and not self._recorder.uncacheable:
            self.observations = [*self.report.observations, *self._recorder.observations_list()]
