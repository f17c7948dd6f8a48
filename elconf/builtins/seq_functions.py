"""seq.el's set and grouping functions, ``apply-partially`` and ``format-spec``, as in
Emacs 28.2 (seq compares with ``equal`` unless given a function).  Before these were
modelled a call of one was unknown."""

from __future__ import annotations

from elconf.builtins import Table
from elconf.builtins._check import elements
from elconf.builtins.sequences import _items, _like
from elconf.equality import lisp_equal
from elconf.errors import lisp_error
from elconf.types import NIL, Cons, Symbol, Vector, intern, lisp_list

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from typing import Any

TABLE = Table()
define = TABLE.define


def _contains(ip: Any, items: list[Any], elt: Any, testfn: Any) -> bool:
    if testfn is NIL:
        return any(lisp_equal(elt, x) for x in items)
    return any(ip.funcall(testfn, [elt, x]) is not NIL for x in items)


@define("seq-difference")
def seq_difference(ip: Any, seq1: Any, seq2: Any, testfn: Any = NIL) -> Any:
    other = _items(seq2)
    return lisp_list([x for x in _items(seq1) if not _contains(ip, other, x, testfn)])


@define("seq-intersection")
def seq_intersection(ip: Any, seq1: Any, seq2: Any, testfn: Any = NIL) -> Any:
    other = _items(seq2)
    return lisp_list([x for x in _items(seq1) if _contains(ip, other, x, testfn)])


@define("seq-union")
def seq_union(ip: Any, seq1: Any, seq2: Any, testfn: Any = NIL) -> Any:
    out: list[Any] = []
    for x in _items(seq1) + _items(seq2):
        if not _contains(ip, out, x, testfn):
            out.append(x)
    return lisp_list(out)


@define("seq-position")
def seq_position(ip: Any, seq: Any, elt: Any, testfn: Any = NIL) -> Any:
    for i, x in enumerate(_items(seq)):
        if (lisp_equal(elt, x) if testfn is NIL else ip.funcall(testfn, [elt, x]) is not NIL):
            return i
    return NIL


@define("seq-group-by")
def seq_group_by(ip: Any, fn: Any, seq: Any) -> Any:
    groups: list[tuple[Any, list[Any]]] = []
    for x in reversed(_items(seq)):
        key = ip.funcall(fn, [x])
        for k, members in groups:
            if lisp_equal(k, key):
                members.insert(0, x)
                break
        else:
            groups.insert(0, (key, [x]))
    return lisp_list([lisp_list([k, *members]) for k, members in groups])


@define("seq-partition")
def seq_partition(ip: Any, seq: Any, n: Any) -> Any:
    items = _items(seq)
    if n <= 0:
        return NIL
    return lisp_list([_like(seq, items[i:i + n]) for i in range(0, len(items), n)])


@define("seq-into")
def seq_into(ip: Any, seq: Any, kind: Any) -> Any:
    items = _items(seq)
    if kind is intern("vector"):
        return seq if type(seq) is Vector else Vector(items)
    if kind is intern("string"):
        return seq if isinstance(seq, str) else "".join(chr(c) for c in items)
    if kind is intern("list"):
        return seq if seq is NIL or type(seq) is Cons else lisp_list(items)
    raise lisp_error("error", f"Not a sequence type name: {getattr(kind, 'name', kind)}")


@define("seq-concatenate")
def seq_concatenate(ip: Any, kind: Any, *seqs: Any) -> Any:
    items = [x for s in seqs for x in _items(s)]
    return seq_into(ip, lisp_list(items), kind)


define("seq-max")(lambda ip, seq: _extreme(ip, seq, intern("max")))
define("seq-min")(lambda ip, seq: _extreme(ip, seq, intern("min")))


def _extreme(ip: Any, seq: Any, fn: Symbol) -> Any:
    return ip.funcall(fn, _items(seq))


# -- apply-partially, format-spec ---------------------------------------------------------

@define("apply-partially", pass_opaque=True)
def apply_partially(ip: Any, fn: Any, *args: Any) -> Any:
    """A closure calling FN with ARGS before its own (subr.el's, a lexical closure)."""
    from elconf.functions import Closure, Env
    from elconf.reader import read_from_string

    params, body = _PARTIAL
    if params is None:
        params = read_from_string("(&rest args2)", 0)[0]
        body = read_from_string("((apply fun (append args args2)))", 0)[0]
        _PARTIAL[:] = [params, body]
    env = Env({intern("fun"): fn, intern("args"): lisp_list(list(args))}, None)
    return Closure(params, body, env, None, None)


_PARTIAL: list[Any] = [None, None]


@define("format-spec")
def format_spec(ip: Any, fmt: Any, spec: Any, ignore_missing: Any = NIL, split: Any = NIL) -> Any:
    """``%<flags><width><.precision>CHAR`` replaced by CHAR's entry of SPEC (flags ``0 - < >
    ^ _``); ``%%`` is ``%``."""
    import re

    from elconf.printer import princ_to_string

    if split is not NIL:
        raise lisp_error("error", "format-spec with SPLIT is not modelled")
    table = {e.car: e.cdr for e in reversed(elements(spec)) if type(e) is Cons}
    out: list[str] = []
    i = 0
    pattern = re.compile(r"([ 0<>^_-]+)?(\d+)?(\.\d+)?([A-Za-z])")
    keep_percent = ignore_missing not in (NIL, intern("ignore"), intern("delete"))
    while i < len(fmt):
        c = fmt[i]
        if c != "%":
            out.append(c)
            i += 1
            continue
        if fmt[i + 1:i + 2] == "%":
            out.append("%%" if keep_percent else "%")
            i += 2
            continue
        m = pattern.match(fmt, i + 1)
        if m is None:
            if ignore_missing is NIL:
                raise lisp_error("error", "Invalid format string")
            out.append("%")
            i += 1
            continue
        flags, width, trunc, char = m.group(1) or "", m.group(2), m.group(3), ord(m.group(4))
        if char in table:
            out.append(_spec_flags(princ_to_string(table[char]), flags, int(width) if width else None,
                                   int(trunc[1:]) if trunc else None))
        elif ignore_missing is NIL:
            raise lisp_error("error", f"Invalid format character: `%{chr(char)}'")
        elif ignore_missing is not intern("delete"):
            out.append(fmt[i:m.end()])
        i = m.end()
    return "".join(out)


def _spec_flags(text: str, flags: str, width: int | None, trunc: int | None) -> str:
    if trunc is not None and len(text) > trunc:
        text = text[len(text) - trunc:] if "<" in flags else text[:trunc]
    if width is not None:
        diff = width - len(text)
        if diff > 0:
            pad = ("0" if "0" in flags else " ") * diff
            text = text + pad if "-" in flags else pad + text
        elif diff < 0 and "<" in flags:
            text = text[-diff:]
        elif diff < 0 and ">" in flags:
            text = text[:width]
    if "^" in flags:
        return text.upper()
    if "_" in flags:
        return text.lower()
    return text
