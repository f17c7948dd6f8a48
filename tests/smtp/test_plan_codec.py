"""smtp.plancodec: a kept send plan as marshal data rebuilds the plan exactly.

The plan file is read on every send through a kept plan; marshal spares the
send _pickle's imports (functools, collections).  Whatever it cannot rebuild
exactly must be refused (the plan is then pickled, as before), never
approximated.
"""

from __future__ import annotations

import marshal
import pickle

import pytest

from elconf.types import NIL, UNBOUND, Cons, LispString, Symbol, Vector, intern, lisp_list
from smtp import fastpath, plancodec
from smtp.authsource.settings import AuthSettings
from smtp.config import SendConfig
from smtp.paths import Route


def _same(value: object) -> object:
    rebuilt = plancodec.loads(plancodec.dumps(value))
    assert plancodec._encode(rebuilt) == plancodec._encode(value)
    return rebuilt


def _plan(**changes: object) -> fastpath.StaticSend:
    sources = lisp_list(["~/.authinfo", lisp_list([intern(":source"), "~/.netrc"]),
                         intern("password-store")])
    cfg = SendConfig(smtp_server="smtp.example.org", smtp_service=587, smtp_user="alice",
                     stream_type=intern("starttls"), auth_sources=sources,
                     message_server_alist=lisp_list([Cons("alice@", "smtp a 25")]))
    fields = dict(key="via-default", door="message", route=None, cfg=cfg,
                  auth=AuthSettings(auth_sources=sources, pass_enabled=True, pass_store="/p"),
                  warnings=("elsend: warning: init.el:3:1: void-function foo",),
                  features=("smtpmail", "message"),
                  values={"message-send-hook": NIL, "message-from-style": intern("angles"),
                          "user-full-name": UNBOUND},
                  origin_kinds={"mail-host-address": None, "x": "setq"})
    fields.update(changes)
    return fastpath.StaticSend(**fields)  # type: ignore[arg-type]


def test_lisp_values_and_records_round_trip() -> None:
    deep = Cons(intern("a"), Cons(1.5, intern("b"), (3, 4)), (1, 2))   # dotted, with positions
    for value in (None, True, 0, -7, 2.5, "x", b"\x00\xff", (), [], {}, NIL, UNBOUND,
                  lisp_list([1, "a", lisp_list([intern(":k"), intern("v")])]), deep,
                  {intern("k"): (1, [2, (3,)])}, SendConfig(), AuthSettings()):
        _same(value)
    rebuilt = _same(deep)
    assert isinstance(rebuilt, Cons) and rebuilt.car is intern("a") and rebuilt.pos == (1, 2)
    assert rebuilt.cdr.cdr is intern("b")
    assert _same(UNBOUND) is UNBOUND and _same(NIL) is NIL


def test_a_plan_round_trips_and_equals_its_pickle() -> None:
    plan = _plan(route=Route(via="message", chain=("message-send-mail-function", "smtpmail-send-it"),
                             reasons=("message-send-mail-function is smtpmail-send-it",)))
    rebuilt = _same(plan)
    assert type(rebuilt) is fastpath.StaticSend and rebuilt.key == plan.key
    assert plancodec._encode(rebuilt) == plancodec._encode(pickle.loads(pickle.dumps(plan)))
    assert rebuilt.cfg.stream_type is intern("starttls")
    assert fastpath._encode(plan)[:1] == plancodec.MAGIC
    assert plancodec._encode(fastpath._decode(fastpath._encode(plan))) == plancodec._encode(plan)


@pytest.mark.parametrize("odd", [Symbol("g123", interned=False), LispString("text"), Vector([1]),
                                 {1, 2}])
def test_what_it_cannot_rebuild_exactly_is_pickled(odd: object) -> None:
    with pytest.raises(plancodec.Unsupported):
        plancodec.dumps(odd)
    plan = _plan(values={"message-send-hook": NIL, "odd": odd})
    payload = fastpath._encode(plan)
    assert payload[:1] == b"\x80"          # a pickle, read back as before
    assert type(fastpath._decode(payload)) is fastpath.StaticSend


def test_records_of_other_modules_are_not_built() -> None:
    crafted = plancodec.MAGIC + marshal.dumps((1, ("r", "os", "PathLike", ("x",), (1,))))
    with pytest.raises(ValueError):
        plancodec.loads(crafted)
    with pytest.raises(ValueError):
        plancodec.loads(b"\x80" + pickle.dumps(1)[1:])
