"""``cl-defstruct`` as Emacs 28.2 expands it, and the record primitives it uses.

A struct is a record ``#s(NAME SLOT...)`` (or, with ``(:type list)`` /
``(:type vector)``, a list or vector, tagged with NAME when ``:named``).  The
constructors are ``cl-defun``s built from the slot list, so a slot default is a
form evaluated at each construction, as in Emacs; ``:constructor`` (several,
with a BOA argument list, or nil), ``:copier``, ``:predicate``,
``:conc-name`` and ``:include`` (the parent's slots first; a child is of its
parent's type) are honoured.  An accessor signals ``wrong-type-argument`` on
another object, and ``setf`` of an accessor stores into the slot
(:func:`setf_accessor`, called by :func:`elconf.macros.setf_place`).  The slot
list is kept in the type's plist (:data:`SLOTS`, :data:`PARENT`).
"""

from __future__ import annotations

from functools import partial

from elconf.builtins import BUILTINS
from elconf.errors import lisp_error
from elconf.functions import Builtin
from elconf.macros import args_of, nth_arg
from elconf.special_forms import special
from elconf.types import NIL, T, Cons, Record, Symbol, Vector, intern, lisp_list

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from typing import Any

#: Plist properties of a struct type: its slots ((NAME . DEFAULT-FORM)...) and parent;
#: of an accessor: (TYPE . INDEX); of a record-based type: its representation.
SLOTS = intern("elconf--struct-slots")
PARENT = intern("elconf--struct-parent")
ACCESSOR = intern("elconf--struct-accessor")
_Q = intern("quote")


def _named_call(fn: Any, name: str, *args: Any) -> partial:
    call = partial(fn, *args)
    call.__name__ = name                # type: ignore[attr-defined]  (read by Interpreter.apply)
    return call


def _is_a(ip: Any, obj: Any, name: Symbol, kind: str) -> bool:
    """Whether ``obj`` is a NAME struct (or of a type that includes NAME)."""
    if kind == "record":
        if type(obj) is not Record or not obj:
            return False
        tag = obj[0]
        while type(tag) is Symbol and tag is not NIL:
            if tag is name:
                return True
            tag = ip.get_prop(tag, PARENT)
        return False
    if kind == "list":
        return type(obj) is Cons and obj.car is name
    return type(obj) is Vector and len(obj) > 0 and obj[0] is name


def _slot_index(obj: Any, index: int) -> Any:
    if type(obj) is Cons:
        cell = obj
        for _ in range(index):
            cell = cell.cdr
        return cell
    return None


def _access(name: Symbol, index: int, kind: str, named: bool, ip: Any, obj: Any) -> Any:
    if named and not _is_a(ip, obj, name, kind):
        raise lisp_error("wrong-type-argument", name, obj)
    if kind == "list":
        cell = _slot_index(obj, index)
        return cell.car if type(cell) is Cons else NIL
    return obj[index]


def _predicate(name: Symbol, kind: str, ip: Any, obj: Any) -> Any:
    return T if _is_a(ip, obj, name, kind) else NIL


def _copy(ip: Any, obj: Any) -> Any:
    if type(obj) is Record:
        return Record(obj)
    if type(obj) is Vector:
        return Vector(obj)
    return lisp_list(list(obj)) if type(obj) is Cons else obj


def setf_accessor(ip: Any, place: Cons, update: Any, env: Any) -> tuple[bool, Any]:
    """``(setf (NAME-SLOT OBJ) VALUE)``: (True, the new value) when ``place`` is a struct
    accessor, else (False, None)."""
    spec = ip.get_prop(place.car, ACCESSOR)
    if spec is NIL:
        return False, None
    fn = ip.functions.get(place.car)
    obj = ip._eval(nth_arg(place, 0), env)
    old = ip.apply(fn, [obj], place.car) if fn is not None else NIL
    new = update(old)
    index = spec.cdr
    if type(obj) is Cons:
        _slot_index(obj, index).car = new
        ip.cell_writes += 1
    else:
        obj[index] = new
    return True, new


def _options(spec: Any) -> tuple[Symbol, list[Any]]:
    if type(spec) is Cons:
        return spec.car, args_of(Cons(NIL, spec.cdr)) if type(spec.cdr) is Cons else []
    return spec, []


@special("cl-defstruct")
def sf_cl_defstruct(ip: Any, form: Cons, env: Any) -> Any:
    """``(cl-defstruct NAME-AND-OPTIONS [DOCSTRING] SLOT...)``."""
    name, options = _options(nth_arg(form, 0))
    if type(name) is not Symbol:
        raise lisp_error("wrong-type-argument", intern("symbolp"), name)
    conc = name.name + "-"
    constructors: list[tuple[Symbol, Any]] = []
    default_constructor = True
    copier: Any = intern(f"copy-{name.name}")
    predicate: Any = intern(f"{name.name}-p")
    parent: Any = NIL
    parent_defaults: dict[Symbol, Any] = {}
    kind, named = "record", True
    for option in options:
        key, args = (option.car, args_of(Cons(NIL, option.cdr)) if type(option.cdr) is Cons else []) \
            if type(option) is Cons else (option, [])
        if key is intern(":constructor"):
            if args and args[0] is NIL:
                default_constructor = False
            elif args:
                constructors.append((args[0], args[1] if len(args) > 1 else None))
        elif key is intern(":copier"):
            copier = args[0] if args else copier
        elif key is intern(":predicate"):
            predicate = args[0] if args else predicate
        elif key is intern(":conc-name"):
            prefix = args[0] if args else NIL
            conc = "" if prefix is NIL else (prefix if isinstance(prefix, str) else prefix.name)
        elif key is intern(":include"):
            parent = args[0]
            for extra in args[1:]:
                slot, default = (extra.car, nth_arg(extra, 0)) if type(extra) is Cons else (extra, NIL)
                parent_defaults[slot] = default
        elif key is intern(":type"):
            kind, named = (args[0].name if args else "vector"), False
        elif key is intern(":named"):
            named = True
        elif key in (intern(":noinline"), intern(":print-function"), intern(":documentation")):
            continue
        else:
            raise lisp_error("error", f"cl-defstruct option {getattr(key, 'name', key)} is not modelled")
    if kind not in ("record", "list", "vector"):
        raise lisp_error("error", f"Invalid :type specifier: {kind}")
    slots: list[tuple[Symbol, Any]] = []
    if parent is not NIL:
        inherited = ip.get_prop(parent, SLOTS)
        if inherited is NIL and parent is not NIL:
            raise lisp_error("error", f"{parent.name} is not a struct name")
        for entry in args_of(Cons(NIL, inherited)) if type(inherited) is Cons else []:
            slots.append((entry.car, parent_defaults.get(entry.car, entry.cdr)))
    for item in args_of(form)[1:]:
        if isinstance(item, str):
            continue
        slot, default = (item.car, nth_arg(item, 0)) if type(item) is Cons else (item, NIL)
        slots.append((slot, default))
    ip.put_prop(name, SLOTS, lisp_list([Cons(s, d) for s, d in slots]))
    ip.put_prop(name, PARENT, parent)
    offset = 1 if named else 0
    for i, (slot, _) in enumerate(slots):
        accessor = intern(conc + slot.name)
        ip.functions[accessor] = Builtin(accessor.name, _named_call(_access, accessor.name, name, i + offset,
                                                                    kind, named))
        ip.put_prop(accessor, ACCESSOR, Cons(name, i + offset))
    if default_constructor and not any(c is intern(f"make-{name.name}") for c, _ in constructors):
        constructors.insert(0, (intern(f"make-{name.name}"), None))
    for constructor, arglist in constructors:
        _define_constructor(ip, name, constructor, arglist, slots, kind, named, env)
    if predicate is not NIL and named:
        ip.functions[predicate] = Builtin(predicate.name, _named_call(_predicate, predicate.name, name, kind))
    if copier is not NIL:
        ip.functions[copier] = Builtin(copier.name, _named_call(_copy, copier.name))
    return name


def _define_constructor(ip: Any, name: Symbol, constructor: Symbol, arglist: Any,
                        slots: list[tuple[Symbol, Any]], kind: str, named: bool, env: Any) -> None:
    """``(cl-defun CONSTRUCTOR ARGS (record 'NAME SLOT...))``: keyword arguments with the
    slot defaults, or the BOA ARGLIST (an optional or key argument without a default, and
    a slot it does not name, takes the slot's default)."""
    defaults = dict(slots)
    if arglist is None:
        params: list[Any] = [intern("&key")] + [lisp_list([s, d]) if d is not NIL else s for s, d in slots]
        values = [s for s, _ in slots]
    else:
        params = []
        mode = "required"
        named_args = set()
        for item in args_of(Cons(NIL, arglist)) if type(arglist) is Cons else []:
            if type(item) is Symbol and item.name.startswith("&"):
                mode = item.name
                params.append(item)
                continue
            var = item.car if type(item) is Cons else item
            named_args.add(var)
            if mode in ("&optional", "&key") and type(item) is Symbol and defaults.get(item, NIL) is not NIL:
                item = lisp_list([item, defaults[item]])
            params.append(item)
        values = [s if s in named_args else defaults[s] for s, _ in slots]
    builder = {"record": "record", "list": "list", "vector": "vector"}[kind]
    head = [lisp_list([_Q, name])] if named or kind == "record" else []
    body = lisp_list([intern(builder), *head, *values])
    ip._eval(lisp_list([intern("cl-defun"), constructor, lisp_list(params), body]), env)


def _record(ip: Any, tag: Any, *slots: Any) -> Any:
    return Record([tag, *slots])


def _make_record(ip: Any, tag: Any, n: int, init: Any) -> Any:
    return Record([tag] + [init] * n)


def _recordp(ip: Any, obj: Any) -> Any:
    return T if type(obj) is Record else NIL


for _name, _fn in (("record", _record), ("make-record", _make_record), ("recordp", _recordp)):
    BUILTINS[intern(_name)] = Builtin(_name, _fn)
