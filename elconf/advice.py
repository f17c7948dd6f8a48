"""nadvice as init files use it: ``advice-add``, ``advice-remove``, ``advice-member-p``
and ``define-advice``, with Emacs 28.2's ten combinators.

An advised symbol's function cell holds one wrapper (a :class:`Builtin` named
after the symbol) that runs, at each call, the symbol's advice (outermost
first, in the order nadvice keeps: the newest outside, a larger ``depth``
further in) around the original definition.  Both live in the symbol's
plist (:data:`ADVICE`, :data:`ORIGINAL`), so a ``defun`` or ``defalias`` of an
advised symbol replaces the original and keeps the advice, as Emacs's
``defalias-fset-function`` does, and the wrapper pickles (the state cache).
Advice on a function not defined yet waits for its definition (the symbol
stays unbound meanwhile, as in Emacs 28).

Before this, ``advice-add`` was an unmodelled call: the advised function ran
unadvised and gave a value Emacs does not give.
"""

from __future__ import annotations

from functools import partial

from elconf.builtins import BUILTINS
from elconf.errors import lisp_error
from elconf.equality import lisp_equal
from elconf.functions import Builtin
from elconf.special_forms import special
from elconf.types import NIL, T, Cons, Symbol, intern, lisp_list

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from typing import Any

#: Plist property: the advice of a symbol, a list of ``(HOW FUNCTION NAME . DEPTH)``,
#: outermost first.
ADVICE = intern("elconf--advice")
#: Plist property: the definition the advice wraps (absent: none).
ORIGINAL = intern("elconf--advised-original")

_HOWS = frozenset((":around", ":before", ":after", ":override", ":after-until", ":after-while",
                   ":before-until", ":before-while", ":filter-args", ":filter-return"))


def _call_chain(chain: tuple[Any, ...], original: Any, ip: Any, *args: Any) -> Any:
    """Call the advice ``chain`` (outermost first) around ``original`` on ``args``."""
    if not chain:
        if original is None:
            raise lisp_error("void-function", NIL)
        return ip.apply(original, list(args))
    how, fn = chain[0]
    inner = Builtin("advice--inner", _named(partial(_call_chain, chain[1:], original), "advice--inner"))

    def orig(*a: Any) -> Any:
        return _call_chain(chain[1:], original, ip, *a)

    if how == ":around":
        return ip.apply(fn, [inner, *args])
    if how == ":override":
        return ip.apply(fn, list(args))
    if how == ":before":
        ip.apply(fn, list(args))
        return orig(*args)
    if how == ":after":
        value = orig(*args)
        ip.apply(fn, list(args))
        return value
    if how == ":filter-args":
        new = ip.apply(fn, [lisp_list(list(args))])
        items = []
        while type(new) is Cons:
            items.append(new.car)
            new = new.cdr
        return orig(*items)
    if how == ":filter-return":
        return ip.apply(fn, [orig(*args)])
    if how in (":before-while", ":before-until"):
        first = ip.apply(fn, list(args))
        return orig(*args) if (first is not NIL) == (how == ":before-while") else first
    first = orig(*args)                        # :after-while, :after-until
    return ip.apply(fn, list(args)) if (first is not NIL) == (how == ":after-while") else first


def _call_advised(symbol: Symbol, ip: Any, *args: Any) -> Any:
    """The advised symbol's function: its advice, as it is now, around its original."""
    advice = ip.get_prop(symbol, ADVICE)
    chain = []
    while type(advice) is Cons:
        entry = advice.car
        chain.append((entry.car.name, entry.cdr.car))
        advice = advice.cdr
    plist = ip.plists.get(symbol, {})
    return _call_chain(tuple(chain), plist.get(ORIGINAL), ip, *args)


def _named(call: partial, name: str) -> partial:
    call.__name__ = name                # type: ignore[attr-defined]  (read by Interpreter.apply)
    return call


def _wrapper(symbol: Symbol) -> Builtin:
    return Builtin(symbol.name, _named(partial(_call_advised, symbol), symbol.name), pass_opaque=True)


def is_advised(ip: Any, symbol: Symbol) -> bool:
    plist = ip.plists.get(symbol)
    return plist is not None and plist.get(ADVICE, NIL) is not NIL


def set_function(ip: Any, symbol: Symbol, definition: Any) -> None:
    """``defun``/``defalias``/``fset``: the symbol's function, or, when it is advised, the
    definition its advice wraps (Emacs's ``defalias-fset-function``)."""
    plist = ip.plists.get(symbol)
    if plist is not None and plist.get(ADVICE, NIL) is not NIL:
        if ORIGINAL not in plist:
            ip.functions[symbol] = _wrapper(symbol)
        plist[ORIGINAL] = definition
    else:
        ip.functions[symbol] = definition


def _entries(ip: Any, symbol: Symbol) -> list[Any]:
    advice = ip.get_prop(symbol, ADVICE)
    found = []
    while type(advice) is Cons:
        found.append(advice.car)
        advice = advice.cdr
    return found


def _matches(entry: Any, function: Any) -> bool:
    """nadvice's identity of a piece of advice: its function (``equal``) or its name."""
    name = entry.cdr.cdr.car
    return lisp_equal(entry.cdr.car, function) or (name is not NIL and lisp_equal(name, function))


def _props(props: Any) -> tuple[Any, Any]:
    """The ``name`` and ``depth`` of an advice's PROPS alist."""
    name, depth = NIL, 0
    while type(props) is Cons:
        if type(props.car) is Cons and props.car.car is intern("name"):
            name = props.car.cdr
        elif type(props.car) is Cons and props.car.car is intern("depth"):
            depth = props.car.cdr
        props = props.cdr
    return name, depth


def advice_add(ip: Any, symbol: Any, how: Any, function: Any, props: Any = NIL) -> Any:
    """``(advice-add SYMBOL HOW FUNCTION [PROPS])``: FUNCTION (an equal one or one of the
    same name first removed) goes outside every advice of a smaller or equal depth."""
    if type(symbol) is not Symbol:
        raise lisp_error("wrong-type-argument", intern("symbolp"), symbol)
    if type(how) is not Symbol or how.name not in _HOWS:
        raise lisp_error("error", f"Unknown add-function location `{getattr(how, 'name', how)}'")
    name, depth = _props(props)
    entries = [e for e in _entries(ip, symbol) if not _matches(e, name if name is not NIL else function)]
    entry = lisp_list([how, function, name], depth)
    position = 0
    while position < len(entries) and type(depth) in (int, float) \
            and depth > _depth(entries[position]):
        position += 1
    entries.insert(position, entry)
    plist = ip.plists.setdefault(symbol, {})
    plist[ADVICE] = lisp_list(entries)
    if ORIGINAL not in plist:
        current = ip.functions.get(symbol)
        if current is not None:        # else pending, as in Emacs: the defun installs it
            plist[ORIGINAL] = current
            ip.functions[symbol] = _wrapper(symbol)
    return NIL


def _depth(entry: Any) -> Any:
    depth = entry.cdr.cdr.cdr
    return depth if type(depth) in (int, float) else 0


def advice_remove(ip: Any, symbol: Any, function: Any) -> Any:
    """``(advice-remove SYMBOL FUNCTION)``: FUNCTION may be the advice's name; the last
    advice removed puts the original definition back."""
    if type(symbol) is not Symbol or not is_advised(ip, symbol):
        return NIL
    entries = [e for e in _entries(ip, symbol) if not _matches(e, function)]
    plist = ip.plists[symbol]
    if entries:
        plist[ADVICE] = lisp_list(entries)
        return NIL
    del plist[ADVICE]
    original = plist.pop(ORIGINAL, None)
    if original is not None:
        ip.functions[symbol] = original
    return NIL


def advice_member_p(ip: Any, advice: Any, symbol: Any) -> Any:
    """``(advice-member-p ADVICE SYMBOL)``: whether ADVICE (a function or a name) is on SYMBOL."""
    if type(symbol) is not Symbol:
        return NIL
    return T if any(_matches(e, advice) for e in _entries(ip, symbol)) else NIL


@special("define-advice")
def sf_define_advice(ip: Any, form: Cons, env: Any) -> Any:
    """``(define-advice SYMBOL (HOW LAMBDA-LIST [NAME [DEPTH]]) BODY...)``: with NAME,
    ``SYMBOL@NAME`` is defined by defun and added as advice; else a lambda is."""
    from elconf.macros import body_after, nth_arg

    symbol, spec = nth_arg(form, 0), nth_arg(form, 1)
    if type(symbol) is not Symbol or type(spec) is not Cons or type(spec.cdr) is not Cons:
        raise lisp_error("error", "define-advice: expected (SYMBOL (HOW LAMBDA-LIST [NAME [DEPTH]]) BODY...)")
    items = list(spec)
    how, arglist = items[0], items[1]
    name = items[2] if len(items) > 2 else NIL
    depth = items[3] if len(items) > 3 else NIL
    props = lisp_list([Cons(intern("depth"), depth)]) if depth is not NIL else NIL
    lam = Cons(intern("lambda"), Cons(arglist, body_after(form, 2)))
    if name is not NIL:
        advice: Any = intern(f"{symbol.name}@{name.name if type(name) is Symbol else name}")
        ip._eval(Cons(intern("defun"), Cons(advice, lam.cdr)), env)
    else:
        advice = ip._eval(lisp_list([intern("function"), lam]), env)
    advice_add(ip, symbol, how, advice, props)
    return advice if name is not NIL else NIL


for _name, _fn in (("advice-add", advice_add), ("advice-remove", advice_remove),
                   ("advice-member-p", advice_member_p)):
    BUILTINS[intern(_name)] = Builtin(_name, _fn)
