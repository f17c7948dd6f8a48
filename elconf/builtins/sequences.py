"""cl-lib's sequence functions with their keywords, seq.el's slicing functions and
``delete-consecutive-dups``, as in Emacs 28.2 (seq's set functions, ``apply-partially``
and ``format-spec``: :mod:`elconf.builtins.seq_functions`).

cl-seq takes ``:test``/``:test-not``/``:key`` (``eql`` by default, the test
called as ``(TEST ITEM ELEMENT)``), ``:start``/``:end``, ``:from-end``,
``:count``; an unknown keyword signals as in Emacs.  Results keep the kind of
sequence they were given (a vector stays a vector).  The orders of
``cl-remove-duplicates`` (the last of equal elements stays), ``cl-union`` and
``cl-intersection`` are cl-seq's.  seq's functions compare with ``equal`` unless
given a function.  Before these were modelled a call was unknown (or, for
``cl-reduce`` and ``cl-remove-duplicates``, an alias of a seq function with
other arguments or another order).
"""

from __future__ import annotations

from elconf.builtins import Table
from elconf.builtins._check import elements
from elconf.equality import lisp_eql, lisp_equal
from elconf.errors import lisp_error
from elconf.types import NIL, T, Cons, Symbol, Vector, intern, lisp_list

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from typing import Any, Callable

TABLE = Table()
define = TABLE.define


def _items(seq: Any) -> list[Any]:
    if isinstance(seq, str) and type(seq) is not Symbol:
        return [ord(c) for c in seq]
    return elements(seq)


def _like(seq: Any, items: list[Any]) -> Any:
    """``items`` as a sequence of ``seq``'s kind."""
    if type(seq) is Vector:
        return Vector(items)
    if isinstance(seq, str) and type(seq) is not Symbol:
        return "".join(chr(c) for c in items)
    return lisp_list(items)


def _bool(value: bool) -> Any:
    return T if value else NIL


class _Keys:
    """cl-seq's keyword arguments of one call."""

    def __init__(self, ip: Any, args: tuple[Any, ...], allowed: str) -> None:
        self.ip = ip
        self.values: dict[str, Any] = {}
        if len(args) % 2:
            raise lisp_error("error", f"Odd number of keyword arguments: {len(args)}")
        names = allowed.split()
        other = any(args[i] is intern(":allow-other-keys") and args[i + 1] is not NIL
                    for i in range(0, len(args), 2))
        for i in range(0, len(args), 2):
            key = args[i]
            name = key.name if type(key) is Symbol else None
            if name not in names and not other and name != ":allow-other-keys":
                from elconf.printer import prin1_to_string

                raise lisp_error("error", f"Bad keyword argument {prin1_to_string(key)}")
            self.values.setdefault(name or "", args[i + 1])

    def get(self, name: str, default: Any = NIL) -> Any:
        return self.values.get(name, default)

    def key(self, x: Any) -> Any:
        fn = self.values.get(":key", NIL)
        return x if fn is NIL else self.ip.funcall(fn, [x])

    def matches(self, item: Any, element: Any) -> bool:
        """cl--check-test: ITEM against ELEMENT's key."""
        value = self.key(element)
        test = self.values.get(":test", NIL)
        if test is not NIL:
            return self.ip.funcall(test, [item, value]) is not NIL
        test_not = self.values.get(":test-not", NIL)
        if test_not is not NIL:
            return self.ip.funcall(test_not, [item, value]) is NIL
        return lisp_eql(item, value)

    def bounds(self, length: int) -> tuple[int, int]:
        start = self.values.get(":start", 0)
        end = self.values.get(":end", NIL)
        return start, length if end is NIL else end


_TESTS = ":test :test-not :key"


# -- searching ------------------------------------------------------------------------

@define("cl-member")
def cl_member(ip: Any, item: Any, lst: Any, *args: Any) -> Any:
    keys = _Keys(ip, args, _TESTS)
    cell = lst
    while type(cell) is Cons:
        if keys.matches(item, cell.car):
            return cell
        cell = cell.cdr
    return NIL


def _position(ip: Any, found: Callable[[Any], bool], seq: Any, keys: _Keys) -> Any:
    items = _items(seq)
    start, end = keys.bounds(len(items))
    indices = range(start, end)
    for i in (reversed(indices) if keys.get(":from-end") is not NIL else indices):
        if found(items[i]):
            return i
    return NIL


@define("cl-position")
def cl_position(ip: Any, item: Any, seq: Any, *args: Any) -> Any:
    keys = _Keys(ip, args, _TESTS + " :start :end :from-end")
    return _position(ip, lambda x: keys.matches(item, x), seq, keys)


@define("cl-position-if")
def cl_position_if(ip: Any, pred: Any, seq: Any, *args: Any) -> Any:
    keys = _Keys(ip, args, ":key :start :end :from-end")
    return _position(ip, _predicate(ip, pred, keys, negate=False), seq, keys)


def _predicate(ip: Any, pred: Any, keys: _Keys, negate: bool) -> Callable[[Any], bool]:
    return lambda x: (ip.funcall(pred, [keys.key(x)]) is NIL) == negate


@define("cl-find")
def cl_find(ip: Any, item: Any, seq: Any, *args: Any) -> Any:
    keys = _Keys(ip, args, _TESTS + " :start :end :from-end")
    index = _position(ip, lambda x: keys.matches(item, x), seq, keys)
    return NIL if index is NIL else _items(seq)[index]


@define("cl-find-if")
def cl_find_if(ip: Any, pred: Any, seq: Any, *args: Any) -> Any:
    keys = _Keys(ip, args, ":key :start :end :from-end")
    index = _position(ip, _predicate(ip, pred, keys, negate=False), seq, keys)
    return NIL if index is NIL else _items(seq)[index]


@define("cl-count")
def cl_count(ip: Any, item: Any, seq: Any, *args: Any) -> Any:
    keys = _Keys(ip, args, _TESTS + " :start :end")
    items = _items(seq)
    start, end = keys.bounds(len(items))
    return sum(1 for x in items[start:end] if keys.matches(item, x))


@define("cl-count-if")
def cl_count_if(ip: Any, pred: Any, seq: Any, *args: Any) -> Any:
    keys = _Keys(ip, args, ":key :start :end")
    items = _items(seq)
    start, end = keys.bounds(len(items))
    return sum(1 for x in items[start:end] if ip.funcall(pred, [keys.key(x)]) is not NIL)


@define("cl-assoc")
def cl_assoc(ip: Any, item: Any, alist: Any, *args: Any) -> Any:
    keys = _Keys(ip, args, _TESTS)
    for entry in elements(alist):
        if type(entry) is Cons and keys.matches(item, entry.car):
            return entry
    return NIL


@define("cl-rassoc")
def cl_rassoc(ip: Any, item: Any, alist: Any, *args: Any) -> Any:
    keys = _Keys(ip, args, _TESTS)
    for entry in elements(alist):
        if type(entry) is Cons and keys.matches(item, entry.cdr):
            return entry
    return NIL


def _notany(ip: Any, pred: Any, seq: Any) -> Any:
    return _bool(all(ip.funcall(pred, [x]) is NIL for x in _items(seq)))


def _notevery(ip: Any, pred: Any, seq: Any) -> Any:
    return _bool(not all(ip.funcall(pred, [x]) is not NIL for x in _items(seq)))


define("cl-notany")(_notany)
define("cl-notevery")(_notevery)


# -- removing -------------------------------------------------------------------------------

def _remove(ip: Any, seq: Any, drop: Callable[[Any], bool], keys: _Keys) -> Any:
    items = _items(seq)
    start, end = keys.bounds(len(items))
    count = keys.get(":count")
    indices = [i for i in range(start, end) if drop(items[i])]
    if count is not NIL:
        indices = indices[-count:] if keys.get(":from-end") is not NIL else indices[:count]
        if count <= 0:
            indices = []
    if not indices:
        return seq
    gone = set(indices)
    return _like(seq, [x for i, x in enumerate(items) if i not in gone])


@define("cl-remove", "cl-delete")
def cl_remove(ip: Any, item: Any, seq: Any, *args: Any) -> Any:
    keys = _Keys(ip, args, _TESTS + " :start :end :from-end :count")
    return _remove(ip, seq, lambda x: keys.matches(item, x), keys)


@define("cl-remove-if", "cl-delete-if")
def cl_remove_if(ip: Any, pred: Any, seq: Any, *args: Any) -> Any:
    keys = _Keys(ip, args, ":key :start :end :from-end :count")
    return _remove(ip, seq, _predicate(ip, pred, keys, negate=False), keys)


@define("cl-remove-if-not", "cl-delete-if-not")
def cl_remove_if_not(ip: Any, pred: Any, seq: Any, *args: Any) -> Any:
    keys = _Keys(ip, args, ":key :start :end :from-end :count")
    return _remove(ip, seq, _predicate(ip, pred, keys, negate=True), keys)


@define("cl-remove-duplicates", "cl-delete-duplicates")
def cl_remove_duplicates(ip: Any, seq: Any, *args: Any) -> Any:
    """Of equal elements the last stays (the first with ``:from-end``)."""
    keys = _Keys(ip, args, _TESTS + " :start :end :from-end")
    items = _items(seq)
    start, end = keys.bounds(len(items))
    from_end = keys.get(":from-end") is not NIL
    drop = set()
    for i in range(start, end):
        if i in drop:
            continue
        probe = keys.key(items[i])
        for j in range(i + 1, end):
            if j not in drop and keys.matches(probe, items[j]):
                drop.add(j if from_end else i)
                if not from_end:
                    break
    if not drop:
        return seq
    return _like(seq, [x for i, x in enumerate(items) if i not in drop])


@define("delete-consecutive-dups")
def delete_consecutive_dups(ip: Any, lst: Any, circular: Any = NIL) -> Any:
    out: list[Any] = []
    for x in elements(lst):
        if not out or not lisp_equal(out[-1], x):
            out.append(x)
    if circular is not NIL and len(out) > 1 and lisp_equal(out[0], out[-1]):
        out.pop()
    return lisp_list(out)


# -- folding, mapping, slicing -------------------------------------------------------------

@define("cl-reduce")
def cl_reduce(ip: Any, fn: Any, seq: Any, *args: Any) -> Any:
    keys = _Keys(ip, args, ":start :end :from-end :initial-value :key")
    items = _items(seq)
    start, end = keys.bounds(len(items))
    items = [keys.key(x) for x in items[start:end]]
    from_end = keys.get(":from-end") is not NIL
    if ":initial-value" in keys.values:
        items = items + [keys.values[":initial-value"]] if from_end else [keys.values[":initial-value"]] + items
    if not items:
        return ip.funcall(fn, [])
    if from_end:
        acc = items[-1]
        for x in reversed(items[:-1]):
            acc = ip.funcall(fn, [x, acc])
        return acc
    acc = items[0]
    for x in items[1:]:
        acc = ip.funcall(fn, [acc, x])
    return acc


@define("cl-mapcar", "seq-mapn")
def cl_mapcar(ip: Any, fn: Any, seq: Any, *seqs: Any) -> Any:
    lists = [_items(s) for s in (seq, *seqs)]
    return lisp_list([ip.funcall(fn, list(args)) for args in zip(*lists)])


@define("cl-mapcan")
def cl_mapcan(ip: Any, fn: Any, seq: Any, *seqs: Any) -> Any:
    out: list[Any] = []
    for args in zip(*[_items(s) for s in (seq, *seqs)]):
        out.extend(elements(ip.funcall(fn, list(args))))
    return lisp_list(out)


def _slice(seq: Any, start: Any, end: Any) -> Any:
    items = _items(seq)
    n = len(items)
    s = start + n if start < 0 else start
    e = n if end is NIL else (end + n if end < 0 else end)
    if not 0 <= s <= e <= n:
        if seq is NIL or type(seq) is Cons:
            from elconf.printer import princ_to_string

            raise lisp_error("error", f"Bad bounding indices: {princ_to_string(start)}, {princ_to_string(end)}")
        raise lisp_error("args-out-of-range", seq, start, end)
    return _like(seq, items[s:e])


define("cl-subseq", "seq-subseq")(lambda ip, seq, start, end=NIL: _slice(seq, start, end))
define("cl-third")(lambda ip, lst: _nth(lst, 2))
define("cl-fourth")(lambda ip, lst: _nth(lst, 3))
define("cl-fifth")(lambda ip, lst: _nth(lst, 4))
define("cl-sixth")(lambda ip, lst: _nth(lst, 5))
define("cl-seventh")(lambda ip, lst: _nth(lst, 6))
define("cl-eighth")(lambda ip, lst: _nth(lst, 7))
define("cl-ninth")(lambda ip, lst: _nth(lst, 8))
define("cl-tenth")(lambda ip, lst: _nth(lst, 9))
define("cl-copy-list")(lambda ip, lst: lisp_list(elements(lst)) if type(lst) is not Cons or _proper(lst)
                       else _copy_dotted(lst))
define("seq-elt")(lambda ip, seq, n: _items(seq)[n] if type(seq) is not Cons else _nth(seq, n))
define("seq-length")(lambda ip, seq: len(_items(seq)))
define("seq-empty-p")(lambda ip, seq: _bool(not _items(seq)))
define("seq-take")(lambda ip, seq, n: _like(seq, _items(seq)[:max(n, 0)]))
define("seq-drop")(lambda ip, seq, n: seq if n <= 0 else _like(seq, _items(seq)[n:]))
define("seq-count")(lambda ip, pred, seq: sum(1 for x in _items(seq) if ip.funcall(pred, [x]) is not NIL))
define("seq-map-indexed")(lambda ip, fn, seq: lisp_list([ip.funcall(fn, [x, i])
                                                         for i, x in enumerate(_items(seq))]))


def _nth(lst: Any, n: int) -> Any:
    cell = lst
    for _ in range(n):
        if type(cell) is not Cons:
            return NIL
        cell = cell.cdr
    return cell.car if type(cell) is Cons else NIL


def _proper(lst: Any) -> bool:
    while type(lst) is Cons:
        lst = lst.cdr
    return lst is NIL


def _copy_dotted(lst: Cons) -> Any:
    items = []
    while type(lst) is Cons:
        items.append(lst.car)
        lst = lst.cdr
    return lisp_list(items, lst)


@define("cl-list*")
def cl_list_star(ip: Any, first: Any, *rest: Any) -> Any:
    if not rest:
        return first
    return lisp_list([first, *rest[:-1]], rest[-1])


@define("cl-getf")
def cl_getf(ip: Any, plist: Any, tag: Any, default: Any = NIL) -> Any:
    cell = plist
    while type(cell) is Cons and type(cell.cdr) is Cons:
        if cell.car is tag:
            return cell.cdr.car
        cell = cell.cdr.cdr
    return default


@define("cl-sort", "cl-stable-sort")
def cl_sort(ip: Any, seq: Any, pred: Any, *args: Any) -> Any:
    keys = _Keys(ip, args, ":key")
    return _like(seq, _merge_sort(ip, _items(seq), pred, keys.key))


@define("seq-sort")
def seq_sort(ip: Any, pred: Any, seq: Any) -> Any:
    return _like(seq, _merge_sort(ip, _items(seq), pred, lambda x: x))


def _merge_sort(ip: Any, items: list[Any], pred: Any, key: Callable[[Any], Any]) -> list[Any]:
    """A stable sort asking PRED ``(PRED A B)``: is A before B (Emacs's ``sort``)."""
    from functools import cmp_to_key

    keyed = [(key(x), x) for x in items]

    def compare(a: tuple[Any, Any], b: tuple[Any, Any]) -> int:
        if ip.funcall(pred, [a[0], b[0]]) is not NIL:
            return -1
        return 1 if ip.funcall(pred, [b[0], a[0]]) is not NIL else 0
    return [x for _, x in sorted(keyed, key=cmp_to_key(compare))]


# -- sets ------------------------------------------------------------------------------------

def _member(keys: _Keys, item: Any, items: list[Any]) -> bool:
    """cl-seq's membership: ``cl-member`` of the item's key when keys or a number, else memq."""
    if keys.values or isinstance(item, (int, float)):
        probe = keys.key(item)
        return any(keys.matches(probe, x) for x in items)
    return any(x is item for x in items)


@define("cl-adjoin")
def cl_adjoin(ip: Any, item: Any, lst: Any, *args: Any) -> Any:
    keys = _Keys(ip, args, _TESTS)
    probe = keys.key(item)
    return lst if any(keys.matches(probe, x) for x in elements(lst)) else Cons(item, lst)


@define("cl-union")
def cl_union(ip: Any, list1: Any, list2: Any, *args: Any) -> Any:
    keys = _Keys(ip, args, _TESTS)
    if list1 is NIL:
        return list2
    if list2 is NIL or lisp_equal(list1, list2):
        return list1
    a, b = elements(list1), elements(list2)
    if len(a) < len(b):
        list1, a, b = list2, b, a
    added = [x for x in b if not _member(keys, x, a)]
    return lisp_list(added, list1)


@define("cl-intersection")
def cl_intersection(ip: Any, list1: Any, list2: Any, *args: Any) -> Any:
    keys = _Keys(ip, args, _TESTS)
    if list1 is NIL or list2 is NIL:
        return NIL
    if lisp_equal(list1, list2):
        return list1
    a, b = elements(list1), elements(list2)
    if len(a) < len(b):
        a, b = b, a
    return lisp_list(list(reversed([x for x in b if _member(keys, x, a)])))


@define("cl-set-difference")
def cl_set_difference(ip: Any, list1: Any, list2: Any, *args: Any) -> Any:
    keys = _Keys(ip, args, _TESTS)
    if list1 is NIL or list2 is NIL:
        return list1
    b = elements(list2)
    return lisp_list([x for x in elements(list1) if not _member(keys, x, b)])


@define("cl-subsetp")
def cl_subsetp(ip: Any, list1: Any, list2: Any, *args: Any) -> Any:
    keys = _Keys(ip, args, _TESTS)
    if list1 is NIL:
        return T
    if list2 is NIL:
        return NIL
    b = elements(list2)
    return _bool(all(any(keys.matches(keys.key(x), y) for y in b) for x in elements(list1)))
