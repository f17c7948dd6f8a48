"""Customize, hooks and list variables: custom-set-variables, customize-set-variable,
set-default, add-to-list, add-hook, run-hooks.  Each records its own Origin kind."""

from __future__ import annotations

from elconf.builtins import Table
from elconf.builtins._check import check_symbol, elements
from elconf.equality import lisp_eq, lisp_eql, lisp_equal
from elconf.functions import Closure
from elconf.types import NIL, T, UNBOUND, Cons, Symbol, Vector, intern, lisp_list

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from typing import Any

TABLE = Table()
define = TABLE.define


@define("set-default", pass_opaque=True)
def set_default(ip: Any, sym: Any, value: Any) -> Any:
    ip.store.set(check_symbol(sym).name, value, ip.here("set-default"))
    return value


@define("custom-set-default", pass_opaque=True)
def custom_set_default(ip: Any, sym: Any, value: Any) -> Any:
    ip.store.set(check_symbol(sym).name, value, ip.here("custom-set-default"))
    return value


def _autoloading_library(name: str) -> str | None:
    """The library whose autoloaded defcustom ``name`` is (``custom-autoload`` in loaddefs)."""
    from elconf.libraries import all_libraries

    for feature, model in all_libraries().items():
        if any(v.name == name for v in model.preloaded_variables):
            return feature
    return None


@define("customize-set-variable", pass_opaque=True)
def customize_set_variable(ip: Any, sym: Any, value: Any, *_comment: Any) -> Any:
    """Sets now, bound or not (a later defcustom keeps the value).

    First, as ``custom-load-symbol`` does, the library of an autoloaded defcustom
    is loaded: ``(customize-set-variable 'send-mail-function ...)`` loads sendmail
    in Emacs 28.2, so sendmail's other defaults are bound after it
    (``custom-set-variables`` and ``setq`` load nothing)."""
    name = check_symbol(sym).name
    library = _autoloading_library(name)
    if library is not None:
        from elconf.loading import require

        require(ip, library, ip.here("customize-set-variable"))
    ip.store.set(name, value, ip.here("customize-set-variable"))
    return value


def _string_equal(a: Any, b: Any) -> bool:
    return isinstance(b, str) and type(b) is not Symbol and str.__eq__(a, b)


@define("add-to-list")
def add_to_list(ip: Any, sym: Any, element: Any, append: Any = NIL, compare: Any = NIL) -> Any:
    """Add ELEMENT to the list in SYM unless present (``equal``, or COMPARE)."""
    from elconf.interpreter import Opaque

    name = check_symbol(sym).name
    current = ip.symbol_value(sym)
    if compare is NIL and (type(element) is Symbol or type(element) is int):
        test = lisp_eq                               # equal is eq for these: the cheap test
    elif compare is NIL and type(element) is str:
        test = _string_equal
    else:
        test = lisp_equal if compare is NIL else (
        lisp_eq if compare is intern("eq") else lisp_eql if compare is intern("eql")
            else (lambda a, b: ip.funcall(compare, [a, b]) is not NIL))
    known, tail = _known_part(current)
    if any(test(element, x) for x in known):
        ip.store.record_ineffective(name, element, ip.here("add-to-list"), "element already in the list")
        return current
    if type(tail) is Opaque:
        # A list we know only in part, (a b . UNKNOWN): the element goes in front (as
        # add-to-list puts a new one) or after what is known; the unknown part stays.
        new = Cons(element, current) if append is NIL else \
            lisp_list(known, Opaque(f"{tail.what}, then {prin1_short(element)}"))
    else:
        new = lisp_list(elements(current) + [element]) if append is not NIL else Cons(element, current)
    ip.store.assign(name, new, ip.here("add-to-list"))
    return new


def _known_part(value: Any) -> tuple[list[Any], Any]:
    """The elements of a list before its tail, and the tail: NIL for a proper list,
    an unknown for ``(a b . UNKNOWN)`` or a wholly unknown value (then no elements)."""
    from elconf.interpreter import Opaque

    known: list[Any] = []
    cell = value
    while type(cell) is Cons:
        known.append(cell.car)
        cell = cell.cdr
    if type(cell) is Opaque:
        return known, cell
    return elements(value), NIL     # (raises wrong-type-argument on any other dotted list)


def prin1_short(value: Any) -> str:
    from elconf.printer import prin1_to_string

    text = prin1_to_string(value)
    return text if len(text) <= 40 else text[:37] + "..."


class HookIndex(dict):  # type: ignore[type-arg]
    """Which objects each hook's list holds, so that ``add-hook`` of a symbol or a
    closure need not walk the list (a hook an init file adds to a hundred times
    cost a hundred walks of a growing list): hook key -> (the list's first cell,
    ``ip.cell_writes`` when indexed, ids of its elements, its other elements by
    code hash: see :func:`_hook_entry`).

    An entry answers only for that very list, and only while no cons cell
    anywhere has been changed since (every builtin that changes an existing
    cell bumps ``ip.cell_writes``: setcar, setcdr, nconc, plist-put, setf);
    otherwise the list is walked again.  The ids stay valid because the entry
    keeps the list, hence its elements, alive.  Ids are per process: a pickled
    state gets an empty index."""

    def __init__(self) -> None:
        super().__init__()
        #: id of a closure -> (the closure, ``ip.cell_writes`` then, :func:`_code_hash`):
        #: a hook's member test rejects a closure of other code without comparing.
        self.code_hashes: dict[int, tuple[Any, int, int]] = {}

    def __reduce__(self) -> Any:
        return (HookIndex, ())


def _code_hash(ip: Any, function: Closure) -> int:
    """A hash of FUNCTION's parameter list and body (and whether it is a closure)
    that two ``equal`` functions share: the same walk over the same structure, atoms
    hashed by what ``equal`` compares (a string's text, a number's type and value),
    anything else by its type alone.  At most 20,000 nodes are walked; the prefix
    of two equal bodies is the same, so the hash still agrees."""
    memo = ip.hook_index.code_hashes
    known = memo.get(id(function))
    if known is not None and known[1] == ip.cell_writes:
        return known[2]
    parts: list[Any] = [function.env is None]
    todo = [function.printed_body, function.params]
    budget = 20_000
    while todo and budget:
        budget -= 1
        item = todo.pop()
        cls = type(item)
        if cls is Cons:
            todo.append(item.cdr)
            todo.append(item.car)
            parts.append(0)
        elif cls is Symbol:
            parts.append(("s", item.name))
        elif isinstance(item, str):
            parts.append(str(item))          # a string's text (equal ignores properties)
        elif cls is int or cls is float:
            parts.append(item)
        elif cls is Vector:
            todo.extend(reversed(item))
            parts.append(("v", len(item)))
        else:
            parts.append(cls.__name__)
    value = hash(tuple(parts))
    memo[id(function)] = (function, ip.cell_writes, value)
    return value


#: The bucket of a hook's elements that are neither symbols nor closures (lambda
#: lists, strings ...): compared one by one.  (Python's hash is never -1.)
_OTHER = -1


def _bucket(ip: Any, item: Any) -> int:
    return _code_hash(ip, item) if type(item) is Closure else _OTHER


def _hook_entry(ip: Any, key: tuple[str, bool], hook_value: Any) -> tuple[Any, int, set[int], dict[int, list[Any]]]:
    """The :class:`HookIndex` entry of this very hook list: (the list, ``ip.cell_writes``,
    ids of its elements, its non-symbol elements by :func:`_bucket`), made anew when
    the list or any cons changed."""
    entry = ip.hook_index.get(key)
    if entry is not None and entry[0] is hook_value and entry[1] == ip.cell_writes:
        return entry
    ids: set[int] = set()
    buckets: dict[int, list[Any]] = {}
    cell = hook_value
    while type(cell) is Cons:
        item = cell.car
        ids.add(id(item))
        if type(item) is not Symbol:
            buckets.setdefault(_bucket(ip, item), []).append(item)
        cell = cell.cdr
    entry = (hook_value, ip.cell_writes, ids, buckets)
    ip.hook_index[key] = entry
    return entry


def _hook_member(ip: Any, key: tuple[str, bool], function: Any, hook_value: Any) -> bool:
    """Whether an element of the hook is ``equal`` to FUNCTION (Emacs's ``member``).
    Symbols (``equal`` is identity) and the very same object are found by id; a
    closure is compared only with the closures of the same code hash and the
    elements that are neither (a lambda list may be ``equal`` to a closure): two
    closures of the same code and captured values are ``equal``, so the second is
    not added."""
    _list, _writes, ids, buckets = _hook_entry(ip, key, hook_value)
    if id(function) in ids:
        return True
    if type(function) is Symbol:
        return False
    if type(function) is Closure:
        candidates = [*buckets.get(_bucket(ip, function), ()), *buckets.get(_OTHER, ())]
    else:
        candidates = [item for bucket in buckets.values() for item in bucket]
    return any(lisp_equal(function, item) for item in candidates)


def _index_added(ip: Any, key: tuple[str, bool], old: Any, new: Any, added: list[Any]) -> None:
    """``new`` is the list ``old`` with ``added`` (built of fresh cells): carry the index over."""
    entry = ip.hook_index.get(key)
    if entry is not None and entry[0] is old and entry[1] == ip.cell_writes:
        _list, writes, ids, buckets = entry
        for item in added:
            ids.add(id(item))
            if type(item) is not Symbol:
                buckets.setdefault(_bucket(ip, item), []).append(item)
        ip.hook_index[key] = (new, writes, ids, buckets)


_DEPTHS = intern("hook--depth-alist")


def _depth_of(function: Any, depths: Any) -> Any:
    """``(alist-get FUNCTION DEPTHS 0 nil #'eq)``."""
    cell = depths
    while type(cell) is Cons:
        if type(cell.car) is Cons and lisp_eq(cell.car.car, function):
            return cell.car.cdr
        cell = cell.cdr
    return 0


@define("add-hook")
def add_hook(ip: Any, hook: Any, function: Any, depth: Any = NIL, local: Any = NIL) -> Any:
    """Add FUNCTION to HOOK unless an ``equal`` one is there, as Emacs 28.2 does: in
    front for a DEPTH <= 0, at the end for a positive one (a non-number non-nil DEPTH,
    ``t`` or ``append``, is 90); once any function of the hook was given a non-zero
    depth (kept in its ``hook--depth-alist`` property) the list is stably sorted by
    depth.  A single function as the hook value is first turned into a list."""
    from elconf.interpreter import Opaque

    name = check_symbol(hook).name
    current = ip.store.local_value(name) if local is not NIL else ip.store.get(name)
    if current is UNBOUND:
        current = Cons(T, NIL) if local is not NIL else NIL   # t: run the global hook too
    if type(current) is Opaque:      # (an unmodelled hook starts as nil, as nearly all do)
        return NIL
    if type(depth) not in (int, float):
        depth = 90 if depth is not NIL else 0
    if current is not NIL and (type(current) is not Cons or current.car is intern("lambda")):
        current = Cons(current, NIL)
    key = (name, local is not NIL)
    if _hook_member(ip, key, function, current):
        return NIL
    depths = ip.get_prop(hook, _DEPTHS)
    if depths is not NIL or depth != 0:
        depths = ip.put_prop(hook, _DEPTHS, Cons(Cons(function, depth), depths))
    new = lisp_list(elements(current) + [function]) if depth > 0 else Cons(function, current)
    if depths is not NIL:
        new = lisp_list(sorted(elements(new), key=lambda f: _depth_of(f, depths)))
    origin = ip.here("add-hook")
    _index_added(ip, key, current, new, [function])
    if local is not NIL:
        ip.store.set_local(name, new, origin)
    else:
        ip.store.set(name, new, origin)
    return NIL


@define("remove-hook")
def remove_hook(ip: Any, hook: Any, function: Any, local: Any = NIL) -> Any:
    """Remove the first element ``equal`` to FUNCTION, with every element ``eq`` to it,
    and its entry in the hook's depths."""
    name = check_symbol(hook).name
    current = ip.store.value(name)
    if current is UNBOUND or current is NIL:
        return NIL
    if type(current) is not Cons or current.car is intern("lambda"):
        old = current if lisp_equal(current, function) else None
        items = []
    else:
        items = elements(current)
        old = next((x for x in items if lisp_equal(function, x)), None)
        items = [x for x in items if not lisp_eq(x, old)]
    if old is None:
        return NIL
    depths = ip.get_prop(hook, _DEPTHS)
    entry = next((e for e in elements(depths) if type(e) is Cons and lisp_eq(e.car, old)), None)
    if entry is not None:
        ip.put_prop(hook, _DEPTHS, lisp_list([e for e in elements(depths) if e is not entry]))
    ip.store.set(name, lisp_list(items), ip.here("remove-hook"))
    return NIL


@define("run-hooks")
def run_hooks(ip: Any, *hooks: Any) -> Any:
    for hook in hooks:
        run_hook_with_args(ip, hook)
    return NIL


@define("run-hook-with-args")
def run_hook_with_args(ip: Any, hook: Any, *args: Any) -> Any:
    value = ip.store.value(check_symbol(hook).name)
    if value is UNBOUND or value is NIL:
        return NIL
    functions = elements(value) if type(value) is Cons and value.car is not intern("lambda") else [value]
    for fn in functions:
        if fn is T:
            continue
        ip.funcall(fn, list(args))
    return NIL


@define("custom-set-variables")
def custom_set_variables(ip: Any, *entries: Any) -> Any:
    """Each entry ``(VAR EXPR [NOW [REQUESTS [COMMENT]]])``: the expression is
    saved; it is evaluated and set now if NOW or the variable is bound, else
    the later defcustom uses it (Emacs's saved-value)."""
    from elconf.loading import require

    for entry in entries:
        if type(entry) is not Cons:
            continue
        items = elements(entry)
        sym, expr = items[0], items[1] if len(items) > 1 else NIL
        now = items[2] if len(items) > 2 else NIL
        requests = items[3] if len(items) > 3 else NIL
        name = check_symbol(sym).name
        origin = ip.here("custom-set-variables", entry)
        for req in elements(requests):
            if type(req) is Symbol:
                require(ip, req.name, origin)
        save_custom_value(ip, name, expr, now is not NIL, origin)
    return NIL


def save_custom_value(ip: Any, name: str, expr: Any, now: bool, origin: Any) -> None:
    """custom-theme-set-variables for one entry: remember EXPR as the saved value;
    evaluate and set it now if NOW or the variable is bound, else the defcustom
    evaluates it when its library loads."""
    ip.store.set_saved_value(name, expr)
    ip.saved_origins[name] = origin
    if now or ip.store.is_default_bound(name):
        ip.store.set(name, ip._eval(expr, None), origin)
    else:
        ip.store.record_ineffective(name, expr, origin,
                                    "saved, not set: the defcustom takes it when its library loads")


define("custom-set-faces", "custom-theme-set-faces", "custom-declare-face")(lambda ip, *a: NIL)


@define("custom-theme-set-variables")
def custom_theme_set_variables(ip: Any, theme: Any, *entries: Any) -> Any:
    """What custom-set-variables does, for a named theme (Emacs 29's use-package uses it)."""
    return custom_set_variables(ip, *entries)


# -- :type matching (for setopt's warning) -------------------------------------------

_ATOM_TYPES = {
    "string": lambda v: isinstance(v, str) and type(v) is not Symbol,
    "file": lambda v: isinstance(v, str) and type(v) is not Symbol,
    "directory": lambda v: isinstance(v, str) and type(v) is not Symbol,
    "regexp": lambda v: isinstance(v, str) and type(v) is not Symbol,
    "integer": lambda v: type(v) is int,
    "natnum": lambda v: type(v) is int and v >= 0,
    "number": lambda v: type(v) in (int, float),
    "float": lambda v: type(v) is float,
    "boolean": lambda v: True,          # the toggle widget accepts any value
    "symbol": lambda v: type(v) is Symbol,
    "function": lambda v: True,
    "variable": lambda v: type(v) is Symbol,
    "sexp": lambda v: True,
    "hook": lambda v: True,
    "coding-system": lambda v: type(v) is Symbol,
    "color": lambda v: isinstance(v, str),
    "face": lambda v: True,
    "key-sequence": lambda v: True,
}


def type_matches(custom_type: Any, value: Any) -> bool | None:
    """Whether VALUE matches a defcustom :type; None when the type is beyond this checker."""
    from elconf.interpreter import Opaque

    if type(value) is Opaque:
        return None
    if type(custom_type) is Symbol:
        check = _ATOM_TYPES.get(custom_type.name)
        return None if check is None else check(value)
    if type(custom_type) is not Cons or type(custom_type.car) is not Symbol:
        return None
    head = custom_type.car.name
    args = [a for a in _skip_keywords(custom_type.cdr)]
    if head in _ATOM_TYPES:
        return _ATOM_TYPES[head](value)
    if head in ("const", "other"):
        return lisp_equal(args[0], value) if args and head == "const" else True
    if head in ("choice", "radio"):
        results = [type_matches(t, value) for t in args]
        if any(r is True for r in results):
            return True
        return None if any(r is None for r in results) else False
    if head == "repeat" and args:
        if value is not NIL and type(value) is not Cons:
            return False
        results = [type_matches(args[0], x) for x in elements(value)]
        return None if None in results else all(results)
    if head == "list":
        if value is not NIL and type(value) is not Cons:
            return False
        items = elements(value)
        if len(items) != len(args):
            return False
        results = [type_matches(t, x) for t, x in zip(args, items)]
        return None if None in results else all(results)
    return None


def _skip_keywords(spec: Any) -> list[Any]:
    """A type's arguments without its ``:tag "..."``-style keyword pairs."""
    out: list[Any] = []
    items = list(spec) if type(spec) is Cons else []
    i = 0
    while i < len(items):
        if type(items[i]) is Symbol and items[i].is_keyword:
            i += 2
            continue
        out.append(items[i])
        i += 1
    return out
