"""List, vector and sequence builtins (car ... plist-put, mapcar, seq-filter)."""

from __future__ import annotations

from elconf.builtins import Table
from elconf.builtins._check import check_int, check_list, elements
from elconf.equality import lisp_eq, lisp_eql, lisp_equal
from elconf.errors import LimitExceeded, lisp_error, wrong_type
from elconf.types import NIL, T, Cons, Vector, lisp_list

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from typing import Any

TABLE = Table()
define = TABLE.define


def _limit(ip: Any, n: int) -> None:
    if n > ip.limits.max_list_length:
        raise LimitExceeded("list length", ip.limits.max_list_length)
    ip.check_time(n)


@define("car")
def car(ip: Any, x: Any) -> Any:
    if type(x) is Cons:
        return x.car
    if x is NIL:
        return NIL
    raise wrong_type("listp", x)


@define("cdr")
def cdr(ip: Any, x: Any) -> Any:
    if type(x) is Cons:
        return x.cdr
    if x is NIL:
        return NIL
    raise wrong_type("listp", x)


@define("car-safe")
def car_safe(ip: Any, x: Any) -> Any:
    return x.car if type(x) is Cons else NIL


@define("cdr-safe")
def cdr_safe(ip: Any, x: Any) -> Any:
    return x.cdr if type(x) is Cons else NIL


def _cxr(path: str) -> Any:
    def fn(ip: Any, x: Any) -> Any:
        for step in reversed(path):
            x = car(ip, x) if step == "a" else cdr(ip, x)
        return x
    return fn


for _path in ("aa", "ad", "da", "dd", "ddd", "add", "dda", "ada"):
    define(f"c{_path}r")(_cxr(_path))


@define("cons", pass_opaque=True)
def cons(ip: Any, a: Any, b: Any) -> Any:
    return Cons(a, b)


@define("list", pass_opaque=True)
def list_(ip: Any, *items: Any) -> Any:
    return lisp_list(items)


@define("vector", pass_opaque=True)
def vector(ip: Any, *items: Any) -> Any:
    return Vector(items)


@define("make-list")
def make_list(ip: Any, n: int, init: Any) -> Any:
    _limit(ip, check_int(n))
    return lisp_list([init] * n)


@define("append", pass_opaque=True)
def append(ip: Any, *seqs: Any) -> Any:
    if not seqs:
        return NIL
    items: list[Any] = []
    for seq in seqs[:-1]:
        items.extend(elements(seq))
    _limit(ip, len(items))
    return lisp_list(items, seqs[-1])


@define("nconc")
def nconc(ip: Any, *lists: Any) -> Any:
    result: Any = NIL
    last: Any = None
    for lst in lists:
        if lst is NIL:
            continue
        if last is None:
            result = lst
        else:
            ip.cell_writes += 1
            last.cdr = lst
        if type(lst) is Cons:
            last = lst
            while type(last.cdr) is Cons:
                last = last.cdr
    return result


@define("vconcat")
def vconcat(ip: Any, *seqs: Any) -> Any:
    return Vector(x for s in seqs for x in elements(s))


@define("nth")
def nth(ip: Any, n: int, lst: Any) -> Any:
    return car(ip, nthcdr(ip, n, lst))


@define("nthcdr")
def nthcdr(ip: Any, n: int, lst: Any) -> Any:
    check_int(n)
    for _ in range(n):
        if lst is NIL:
            break
        lst = cdr(ip, lst)
    return lst


@define("elt")
def elt(ip: Any, seq: Any, n: int) -> Any:
    if type(seq) is Cons or seq is NIL:
        return nth(ip, n, seq)
    items = elements(seq)
    if not 0 <= n < len(items):
        raise lisp_error("args-out-of-range", seq, n)
    return items[n]


@define("aref")
def aref(ip: Any, seq: Any, n: int) -> Any:
    if type(seq) is Cons or seq is NIL:
        raise wrong_type("arrayp", seq)
    return elt(ip, seq, n)


@define("aset")
def aset(ip: Any, seq: Any, n: int, value: Any) -> Any:
    if not isinstance(seq, list):
        raise wrong_type("arrayp", seq)
    if not 0 <= n < len(seq):
        raise lisp_error("args-out-of-range", seq, n)
    seq[n] = value
    return value


@define("length")
def length(ip: Any, seq: Any) -> int:
    if isinstance(seq, str):
        return len(seq)
    return len(elements(seq))


@define("safe-length")
def safe_length(ip: Any, seq: Any) -> int:
    n = 0
    while type(seq) is Cons and n < ip.limits.max_list_length:
        n, seq = n + 1, seq.cdr
    return n


@define("proper-list-p")
def proper_list_p(ip: Any, x: Any) -> Any:
    from elconf.types import is_proper_list

    return safe_length(ip, x) if is_proper_list(x) else NIL


@define("reverse")
def reverse(ip: Any, seq: Any) -> Any:
    if isinstance(seq, str):
        return seq[::-1]
    if type(seq) is Vector:
        return Vector(reversed(seq))
    return lisp_list(reversed(elements(seq)))


define("nreverse")(reverse)


@define("last")
def last(ip: Any, lst: Any, n: Any = NIL) -> Any:
    items_cells = []
    cell = check_list(lst)
    while type(cell) is Cons:
        items_cells.append(cell)
        cell = cell.cdr
    count = 1 if n is NIL else n
    if count <= 0:
        return cell
    return items_cells[-count] if count <= len(items_cells) else lst


@define("butlast", "nbutlast")
def butlast(ip: Any, lst: Any, n: Any = NIL) -> Any:
    items = elements(lst)
    count = 1 if n is NIL else n
    return lisp_list(items[:-count] if count > 0 else items) if count < len(items) else NIL


@define("copy-sequence")
def copy_sequence(ip: Any, seq: Any) -> Any:
    if isinstance(seq, str):
        return str(seq)
    if type(seq) is Vector:
        return Vector(seq)
    return lisp_list(elements(seq))


@define("copy-tree")
def copy_tree(ip: Any, tree: Any, vecp: Any = NIL) -> Any:
    if type(tree) is Cons:
        items = []
        cell = tree
        while type(cell) is Cons:
            items.append(copy_tree(ip, cell.car, vecp))
            cell = cell.cdr
        return lisp_list(items, cell)
    return tree


@define("flatten-tree")
def flatten_tree(ip: Any, tree: Any) -> Any:
    out: list[Any] = []
    stack = [tree]
    while stack:
        item = stack.pop()
        if type(item) is Cons:
            stack.append(item.cdr)
            stack.append(item.car)
        elif item is not NIL:
            out.append(item)
    return lisp_list(out)


@define("number-sequence")
def number_sequence(ip: Any, start: Any, end: Any = NIL, step: Any = NIL) -> Any:
    if end is NIL:
        return lisp_list([start])
    inc = 1 if step is NIL else step
    if inc == 0:
        raise lisp_error("error", "The increment can not be zero")
    count = int((end - start) / inc) + 1 if (end - start) * inc >= 0 else 0
    _limit(ip, count)
    return lisp_list([start + i * inc for i in range(count)])


def _member_by(test: Any) -> Any:
    def fn(ip: Any, elt_: Any, lst: Any) -> Any:
        cell = check_list(lst)
        while type(cell) is Cons:
            if test(elt_, cell.car):
                return cell
            cell = cell.cdr
        return NIL
    return fn


define("memq")(_member_by(lisp_eq))
define("memql")(_member_by(lisp_eql))
define("member")(_member_by(lisp_equal))


@define("member-ignore-case")
def member_ignore_case(ip: Any, s: str, lst: Any) -> Any:
    cell = lst
    while type(cell) is Cons:
        if isinstance(cell.car, str) and cell.car.lower() == s.lower():
            return cell
        cell = cell.cdr
    return NIL


def _assoc_by(test: Any, field: str = "car") -> Any:
    def fn(ip: Any, key: Any, alist: Any, testfn: Any = NIL) -> Any:
        compare = test if testfn is NIL else (lambda a, b: ip.funcall(testfn, [a, b]) is not NIL)
        for entry in elements(alist):
            if type(entry) is Cons and compare(key, getattr(entry, field)):
                return entry
        return NIL
    return fn


define("assq")(_assoc_by(lisp_eq))
define("assoc")(_assoc_by(lisp_equal))
define("rassq")(_assoc_by(lisp_eq, "cdr"))
define("rassoc")(_assoc_by(lisp_equal, "cdr"))


@define("assoc-string")
def assoc_string(ip: Any, key: Any, alist: Any, case_fold: Any = NIL) -> Any:
    def norm(x: Any) -> Any:
        text = x.name if hasattr(x, "name") else x
        return text.lower() if case_fold is not NIL and isinstance(text, str) else text
    for entry in elements(alist):
        probe = entry.car if type(entry) is Cons else entry
        if norm(probe) == norm(key):
            return entry
    return NIL


@define("assoc-default")
def assoc_default(ip: Any, key: Any, alist: Any, test: Any = NIL, default: Any = NIL) -> Any:
    for entry in elements(alist):
        probe = entry.car if type(entry) is Cons else entry
        ok = lisp_equal(probe, key) if test is NIL else ip.funcall(test, [probe, key]) is not NIL
        if ok:
            return entry.cdr if type(entry) is Cons else default
    return NIL


@define("alist-get")
def alist_get(ip: Any, key: Any, alist: Any, default: Any = NIL, remove: Any = NIL,
              testfn: Any = NIL) -> Any:
    entry = (_assoc_by(lisp_eq)(ip, key, alist) if testfn is NIL
             else _assoc_by(lisp_equal)(ip, key, alist, testfn))
    return entry.cdr if type(entry) is Cons else default


def _delete_by(test: Any) -> Any:
    def fn(ip: Any, elt_: Any, seq: Any) -> Any:
        if type(seq) is Vector:
            return Vector(x for x in seq if not test(elt_, x))
        if isinstance(seq, str):
            return "".join(c for c in seq if not test(elt_, ord(c)))
        return lisp_list(x for x in elements(seq) if not test(elt_, x))
    return fn


define("delete", "remove")(_delete_by(lisp_equal))
define("delq", "remq")(_delete_by(lisp_eq))


@define("delete-dups", "seq-uniq", "cl-remove-duplicates")
def delete_dups(ip: Any, lst: Any, *_rest: Any) -> Any:
    out: list[Any] = []
    for x in elements(lst):
        if not any(lisp_equal(x, y) for y in out):
            out.append(x)
    return lisp_list(out)


@define("plist-get")
def plist_get(ip: Any, plist: Any, prop: Any, predicate: Any = NIL) -> Any:
    cell = plist
    while type(cell) is Cons and type(cell.cdr) is Cons:
        if lisp_eq(cell.car, prop) if predicate is NIL else ip.funcall(predicate, [cell.car, prop]) is not NIL:
            return cell.cdr.car
        cell = cell.cdr.cdr
    return NIL


@define("lax-plist-get")
def lax_plist_get(ip: Any, plist: Any, prop: Any) -> Any:
    cell = plist
    while type(cell) is Cons and type(cell.cdr) is Cons:
        if lisp_equal(cell.car, prop):
            return cell.cdr.car
        cell = cell.cdr.cdr
    return NIL


@define("plist-member")
def plist_member(ip: Any, plist: Any, prop: Any) -> Any:
    cell = plist
    while type(cell) is Cons:
        if lisp_eq(cell.car, prop):
            return cell
        cell = cell.cdr.cdr if type(cell.cdr) is Cons else NIL
    return NIL


@define("plist-put")
def plist_put(ip: Any, plist: Any, prop: Any, value: Any) -> Any:
    cell = plist
    last = None
    while type(cell) is Cons and type(cell.cdr) is Cons:
        if lisp_eq(cell.car, prop):
            ip.cell_writes += 1
            cell.cdr.car = value
            return plist
        last = cell.cdr
        cell = cell.cdr.cdr
    extra = lisp_list([prop, value])
    if last is None:
        return extra
    ip.cell_writes += 1
    last.cdr = extra
    return plist


@define("setcar")
def setcar(ip: Any, cell: Any, value: Any) -> Any:
    if type(cell) is not Cons:
        raise wrong_type("consp", cell)
    ip.cell_writes += 1
    cell.car = value
    return value


@define("setcdr")
def setcdr(ip: Any, cell: Any, value: Any) -> Any:
    if type(cell) is not Cons:
        raise wrong_type("consp", cell)
    ip.cell_writes += 1
    cell.cdr = value
    return value


# -- mapping ---------------------------------------------------------------------

@define("mapcar", "seq-map", "cl-mapcar")
def mapcar(ip: Any, fn: Any, seq: Any) -> Any:
    return lisp_list([ip.funcall(fn, [x]) for x in elements(seq)])


@define("mapc", "seq-do")
def mapc(ip: Any, fn: Any, seq: Any) -> Any:
    for x in elements(seq):
        ip.funcall(fn, [x])
    return seq


@define("mapcan")
def mapcan(ip: Any, fn: Any, seq: Any) -> Any:
    return append(ip, *[ip.funcall(fn, [x]) for x in elements(seq)], NIL)


@define("mapconcat")
def mapconcat(ip: Any, fn: Any, seq: Any, sep: Any = "") -> Any:
    from elconf.builtins.strings import concat

    parts = [ip.funcall(fn, [x]) for x in elements(seq)]
    joined: list[Any] = []
    for i, part in enumerate(parts):
        if i:
            joined.append(sep)
        joined.append(part)
    return concat(ip, *joined)


@define("seq-filter", "cl-remove-if-not")
def seq_filter(ip: Any, fn: Any, seq: Any) -> Any:
    return lisp_list([x for x in elements(seq) if ip.funcall(fn, [x]) is not NIL])


@define("seq-remove", "cl-remove-if")
def seq_remove(ip: Any, fn: Any, seq: Any) -> Any:
    return lisp_list([x for x in elements(seq) if ip.funcall(fn, [x]) is NIL])


@define("seq-find", "cl-find-if")
def seq_find(ip: Any, fn: Any, seq: Any, default: Any = NIL) -> Any:
    for x in elements(seq):
        if ip.funcall(fn, [x]) is not NIL:
            return x
    return default


@define("seq-some", "cl-some")
def seq_some(ip: Any, fn: Any, seq: Any) -> Any:
    for x in elements(seq):
        value = ip.funcall(fn, [x])
        if value is not NIL:
            return value
    return NIL


@define("seq-every-p", "cl-every")
def seq_every_p(ip: Any, fn: Any, seq: Any) -> Any:
    return T if all(ip.funcall(fn, [x]) is not NIL for x in elements(seq)) else NIL


@define("seq-contains-p")
def seq_contains_p(ip: Any, seq: Any, elt_: Any, testfn: Any = NIL) -> Any:
    for x in elements(seq):
        if lisp_equal(elt_, x) if testfn is NIL else ip.funcall(testfn, [elt_, x]) is not NIL:
            return T
    return NIL


@define("sort")
def sort(ip: Any, seq: Any, pred: Any) -> Any:
    import functools

    items = elements(seq)

    def compare(a: Any, b: Any) -> int:
        if ip.funcall(pred, [a, b]) is not NIL:
            return -1
        if ip.funcall(pred, [b, a]) is not NIL:
            return 1
        return 0
    items.sort(key=functools.cmp_to_key(compare))
    return Vector(items) if type(seq) is Vector else lisp_list(items)


@define("seq-reduce", "cl-reduce")
def seq_reduce(ip: Any, fn: Any, seq: Any, initial: Any) -> Any:
    acc = initial
    for x in elements(seq):
        acc = ip.funcall(fn, [acc, x])
    return acc


@define("ensure-list")
def ensure_list(ip: Any, x: Any) -> Any:
    return x if x is NIL or type(x) is Cons else Cons(x, NIL)


@define("length<")
def length_less(ip: Any, seq: Any, n: int) -> Any:
    return T if len(elements(seq)) < n else NIL


@define("length>")
def length_greater(ip: Any, seq: Any, n: int) -> Any:
    return T if len(elements(seq)) > n else NIL


@define("length=")
def length_equal(ip: Any, seq: Any, n: int) -> Any:
    return T if len(elements(seq)) == n else NIL


def _delete_all(field: str, test: Any) -> Any:
    def fn(ip: Any, key: Any, alist: Any, *_test: Any) -> Any:
        return lisp_list(e for e in elements(alist)
                         if not (type(e) is Cons and test(getattr(e, field), key)))
    return fn


define("assoc-delete-all")(_delete_all("car", lisp_equal))
define("assq-delete-all")(_delete_all("car", lisp_eq))
define("rassq-delete-all")(_delete_all("cdr", lisp_eq))
define("cl-first")(car)
define("cl-second")(lambda ip, x: car(ip, cdr(ip, x)))
define("cl-rest")(cdr)
