"""Control macros of cl-lib, seq and subr-x that init files use, registered in the special-form table.

Each is written as the forms Emacs 28.2's expansion amounts to, evaluated by
the handlers we already have, so that places, unknown values and closures
behave as there:

* ``cl-incf``/``cl-decf``/``cl-callf`` (and cl.el's ``incf``/``decf``): ``setf``
  of the place to the new value;
* ``cl-block``/``cl-return``/``cl-return-from``: ``catch``/``throw`` of the
  block's tag; ``cl-dolist``/``cl-dotimes``: ``dolist``/``dotimes`` inside
  ``(cl-block nil ...)``; ``dolist-with-progress-reporter``: ``dolist``
  (the progress messages are not modelled);
* ``seq-doseq``: ``dolist`` over a list, a vector's or a string's elements;
* ``seq-let`` and ``cl-destructuring-bind``: positional binding of a sequence
  (``seq-let`` binds nil for what is missing; ``cl-destructuring-bind`` signals
  as Emacs does on a list too short or too long, or an unknown keyword);
* ``thread-first``/``thread-last``: the nested call they stand for;
* ``cl-defmacro``/``cl-defun`` whose lambda list takes an argument apart:
  ``&rest`` and ``cl-destructuring-bind``, as cl-macs expands them;
* ``with-suppressed-warnings`` (``progn``) and ``cl-eval-when`` (its body only
  when ``eval`` is among the situations: nothing is compiled here).

Before these were modelled, such a form was an unknown call: its effects were
lost and a variable it changed kept its old value.
"""

from __future__ import annotations

from elconf.errors import lisp_error
from elconf.interpreter import Env, Interpreter, Opaque
from elconf.macros import args_of, body_after, nth_arg
from elconf.special_forms import special
from elconf.types import NIL, QUOTE, Cons, Symbol, Vector, intern, lisp_list

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from typing import Any

_SETF = intern("setf")
_DOLIST = intern("dolist")
_DOTIMES = intern("dotimes")
_CL_BLOCK = intern("cl-block")


def _call(ip: Interpreter, form: Any, env: Env | None) -> Any:
    return ip._eval(form, env)


# -- cl-incf, cl-decf, cl-callf ---------------------------------------------------

@special("cl-incf", "cl-decf", "incf", "decf")
def sf_cl_incf(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    """``(cl-incf PLACE [X])``: ``(setf PLACE (+ PLACE X))``, X 1 by default."""
    place = nth_arg(form, 0)
    delta = nth_arg(form, 1) if type(body_after(form, 1)) is Cons else 1
    op = intern("+" if form.car.name.endswith("incf") else "-")
    return _call(ip, lisp_list([_SETF, place, lisp_list([op, place, delta])]), env)


@special("cl-callf")
def sf_cl_callf(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    """``(cl-callf FUNC PLACE ARGS...)``: ``(setf PLACE (FUNC PLACE ARGS...))``."""
    func, place = nth_arg(form, 0), nth_arg(form, 1)
    call = Cons(func, Cons(place, body_after(form, 2)))
    if type(func) is Cons:                      # a lambda: called, not a head
        call = Cons(intern("funcall"), call)
    return _call(ip, lisp_list([_SETF, place, call]), env)


# -- blocks and loops -------------------------------------------------------------------

def _block_tag(name: Any) -> Any:
    """The catch tag of ``(cl-block NAME ...)``, as cl-macs names it."""
    return lisp_list([QUOTE, intern(f"--cl-block-{name.name if type(name) is Symbol else name}--")])


@special("cl-block")
def sf_cl_block(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    """``(cl-block NAME BODY...)``: ``catch`` of the block's tag."""
    return _call(ip, Cons(intern("catch"), Cons(_block_tag(nth_arg(form, 0)), body_after(form, 1))), env)


@special("cl-return", "cl-return-from")
def sf_cl_return(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    """``(cl-return [VALUE])`` leaves ``(cl-block nil ...)``; ``(cl-return-from NAME
    [VALUE])`` leaves the block NAME: ``throw`` to its tag."""
    named = form.car.name == "cl-return-from"
    name = nth_arg(form, 0) if named else NIL
    value = nth_arg(form, 1 if named else 0)
    return _call(ip, lisp_list([intern("throw"), _block_tag(name), value]), env)


@special("cl-dolist", "cl-dotimes")
def sf_cl_dolist(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    """``dolist``/``dotimes`` in an implicit ``(cl-block nil ...)``."""
    loop = _DOLIST if form.car.name == "cl-dolist" else _DOTIMES
    return _call(ip, lisp_list([_CL_BLOCK, NIL, Cons(loop, form.cdr)]), env)


@special("dolist-with-progress-reporter")
def sf_dolist_with_progress_reporter(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    """``(dolist-with-progress-reporter SPEC MESSAGE BODY...)``: ``dolist`` (MESSAGE
    is evaluated for its reporter, which only prints)."""
    ip._eval(nth_arg(form, 1), env)
    return _call(ip, Cons(_DOLIST, Cons(nth_arg(form, 0), body_after(form, 2))), env)


@special("seq-doseq")
def sf_seq_doseq(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    """``(seq-doseq (VAR SEQ) BODY...)``: BODY for each element of a list, vector or
    string; the value is SEQ."""
    spec = nth_arg(form, 0)
    if type(spec) is not Cons:
        raise lisp_error("wrong-type-argument", intern("listp"), spec)
    seq = ip._eval(spec.cdr.car, env) if type(spec.cdr) is Cons else NIL
    loop = Cons(_DOLIST, Cons(lisp_list([spec.car, lisp_list([QUOTE, _elements(seq)])]),
                              body_after(form, 1)))
    _call(ip, loop, env)
    return seq                      # Emacs 28.2's seq-doseq returns the sequence


def _elements(seq: Any) -> Any:
    """A sequence's elements as a list (an unknown stays unknown: ``dolist`` branches)."""
    if type(seq) is Vector:
        return lisp_list(list(seq))
    if isinstance(seq, str):
        return lisp_list([ord(c) for c in seq])
    if seq is NIL or type(seq) is Cons or type(seq) is Opaque:
        return seq
    raise lisp_error("wrong-type-argument", intern("sequencep"), seq)


# -- positional binding ---------------------------------------------------------------

@special("seq-let")
def sf_seq_let(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    """``(seq-let ARGS SEQ BODY...)``: ARGS bound to SEQ's elements, nil past its end;
    ``&rest VAR`` takes the rest as a sequence of SEQ's type; a nested list of ARGS
    takes its element apart the same way."""
    pairs: list[tuple[Symbol, Any]] = []
    _seq_bind(nth_arg(form, 0), ip._eval(nth_arg(form, 1), env), pairs)
    return ip.bind_and_run(pairs, body_after(form, 2), env, "let")


def _seq_bind(args: Any, seq: Any, out: list[tuple[Symbol, Any]]) -> None:
    names = args_of(Cons(NIL, args)) if type(args) is Cons else []
    unknown = type(seq) is Opaque
    items = [] if unknown else _items(seq)
    i = 0
    while i < len(names):
        name = names[i]
        if name is intern("&rest") and i + 1 < len(names):
            rest: Any = seq if unknown else _same_kind(seq, items[i:])
            out.append((names[i + 1], rest))
            return
        value = seq if unknown else items[i] if i < len(items) else NIL
        if type(name) is Cons:
            _seq_bind(name, value, out)
        elif type(name) is Symbol:
            out.append((name, value))
        i += 1


def _items(seq: Any) -> list[Any]:
    elements = _elements(seq)
    found = []
    while type(elements) is Cons:
        found.append(elements.car)
        elements = elements.cdr
    return found


def _same_kind(seq: Any, items: list[Any]) -> Any:
    if type(seq) is Vector:
        return Vector(items)
    if isinstance(seq, str):
        return "".join(chr(c) for c in items)
    return lisp_list(items)


@special("cl-destructuring-bind")
def sf_cl_destructuring_bind(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    """``(cl-destructuring-bind ARGS EXPR BODY...)`` with a cl lambda list: required
    (nested) arguments, ``&optional``, ``&rest``/``&body`` or a dotted tail, ``&key``."""
    args = nth_arg(form, 0)
    value = ip._eval(nth_arg(form, 1), env)
    if type(value) is Opaque:
        pairs = [(s, value) for s in _lambda_list_names(args)]
    else:
        pairs = _lambda_pairs(ip, args, value, env)
    return ip.bind_and_run(pairs, body_after(form, 2), env, "let")


def _lambda_list_names(args: Any) -> list[Symbol]:
    names: list[Symbol] = []
    stack = [args]
    while stack:
        item = stack.pop()
        if type(item) is Cons:
            stack.extend((item.car, item.cdr))
        elif type(item) is Symbol and item is not NIL and not item.name.startswith("&"):
            names.append(item)
    return names


def _lambda_pairs(ip: Interpreter, args: Any, value: Any, env: Env | None) -> list[tuple[Symbol, Any]]:
    """The bindings of the lambda list ``args`` to the list ``value``, one variable after
    the other (a default sees the ones before it, as in Emacs); signals as Emacs does."""
    steps: list[tuple[str, Any]] = []       # (kind, spec) in lambda-list order
    mode = "required"
    cell = args
    while type(cell) is Cons:
        item = cell.car
        if type(item) is Symbol and item.name in ("&optional", "&rest", "&body", "&key"):
            mode = "&rest" if item.name == "&body" else item.name
        elif type(item) is Symbol and item.name.startswith("&"):
            raise lisp_error("error", f"{item.name} in cl-destructuring-bind is not modelled")
        else:
            steps.append((mode, item))
        cell = cell.cdr
    if cell is not NIL:
        steps.append(("&rest", cell))
    items = []
    tail = value
    while type(tail) is Cons:
        items.append(tail.car)
        tail = tail.cdr
    required = sum(1 for kind, _ in steps if kind == "required")
    positional = required + sum(1 for kind, _ in steps if kind == "&optional")
    open_ended = any(kind in ("&rest", "&key") for kind, _ in steps)
    if len(items) < required or (not open_ended and len(items) > positional):
        raise lisp_error("wrong-number-of-arguments", args, len(items))
    plist = items[positional:]
    keys = [spec for kind, spec in steps if kind == "&key"]
    if keys:
        from elconf.printer import prin1_to_string

        allowed = [intern(":" + (k.car if type(k) is Cons else k).name) for k in keys]
        for key in plist[::2]:
            if key not in allowed:
                raise lisp_error("error", f"Keyword argument {prin1_to_string(key)} not one of "
                                          f"{prin1_to_string(lisp_list(allowed))}")

    pairs: list[tuple[Symbol, Any]] = []

    def default(form: Any) -> Any:
        return ip.bind_and_run(list(pairs), Cons(form, NIL), env, "let")

    rest_of = value
    for index, (kind, spec) in enumerate(steps):
        if kind == "required" and type(spec) is Cons:
            pairs.extend(_lambda_pairs(ip, spec, items[index], env))
        elif kind in ("required", "&optional"):
            name, init = (spec.car, nth_arg(spec, 0)) if type(spec) is Cons else (spec, NIL)
            pairs.append((name, items[index] if index < len(items) else default(init)))
        elif kind == "&rest":
            pairs.append((spec, rest_of))
        else:                                # &key
            name, init = (spec.car, nth_arg(spec, 0)) if type(spec) is Cons else (spec, NIL)
            key = intern(":" + name.name)
            found = [plist[i + 1] for i in range(0, len(plist) - 1, 2) if plist[i] is key]
            pairs.append((name, found[0] if found else default(init)))
        if kind in ("required", "&optional") and type(rest_of) is Cons:
            rest_of = rest_of.cdr
    return pairs


# -- threading macros --------------------------------------------------------------------

@special("thread-first", "thread-last")
def sf_thread(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    """``(thread-first X (F A) G)`` is ``(G (F X A))``; ``thread-last`` puts X last."""
    forms = args_of(form)
    if not forms:
        return NIL
    acc = forms[0]
    last = form.car.name == "thread-last"
    for step in forms[1:]:
        if type(step) is Cons:
            call = list(step)
            acc = lisp_list(call + [acc]) if last else lisp_list([call[0], acc] + call[1:])
        else:
            acc = lisp_list([step, acc])
    return _call(ip, acc, env)


# -- definitions with cl lambda lists, compile-time wrappers --------------------------------

@special("cl-defmacro", "cl-defun")
def sf_cl_define(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    """``cl-defmacro``/``cl-defun`` whose lambda list takes an argument apart (a nested
    list, a dotted tail, ``&body`` after a nested one): as Emacs's expansion, the
    function takes ``&rest`` and its body runs in ``cl-destructuring-bind`` of that
    list; a plain lambda list is ``defmacro``/``defun``'s."""
    from elconf.special_forms import sf_defmacro, sf_defun

    plain = sf_defmacro if form.car.name == "cl-defmacro" else sf_defun
    args = nth_arg(form, 1)
    if not _destructures(args):
        return plain(ip, form, env)
    body = body_after(form, 2)
    head = []
    while type(body) is Cons and ((isinstance(body.car, str) and type(body.cdr) is Cons)
                                  or (type(body.car) is Cons and body.car.car in _DECLARATIONS)):
        head.append(body.car)
        body = body.cdr
    rest = intern("--cl-rest--")
    bind = Cons(intern("cl-destructuring-bind"), Cons(args, Cons(rest, body)))
    new = lisp_list([form.car, nth_arg(form, 0), lisp_list([intern("&rest"), rest])] + head + [bind])
    return plain(ip, Cons(new.car, new.cdr, form.pos), env)


_DECLARATIONS = frozenset((intern("declare"), intern("interactive")))


def _destructures(args: Any) -> bool:
    cell = args
    mode = "required"
    while type(cell) is Cons:
        item = cell.car
        if type(item) is Symbol and item.name.startswith("&"):
            mode = item.name
        elif type(item) is Cons and mode == "required":
            return True
        cell = cell.cdr
    return cell is not NIL


@special("with-suppressed-warnings")
def sf_with_suppressed_warnings(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    """``(with-suppressed-warnings WARNINGS BODY...)``: ``progn`` of BODY."""
    return ip.progn(body_after(form, 1), env)


@special("cl-eval-when")
def sf_cl_eval_when(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    """``(cl-eval-when WHEN BODY...)`` loaded from source: BODY when WHEN has ``eval``
    or ``:execute``, else nil (``compile``/``load`` are for byte compilation)."""
    when = nth_arg(form, 0)
    names = args_of(Cons(NIL, when)) if type(when) is Cons else []
    if intern("eval") in names or intern(":execute") in names:
        return ip.progn(body_after(form, 1), env)
    return NIL
