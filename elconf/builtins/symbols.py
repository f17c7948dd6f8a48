"""Symbols, variables, functions, errors, Customize, hooks and loading builtins."""

from __future__ import annotations

import re

from elconf.builtins import Table
from elconf.builtins._check import check_string, check_symbol, elements
from elconf.equality import lisp_eq, lisp_eql, lisp_equal
from elconf.errors import LispSignal, LispThrow, lisp_error
from elconf.types import NIL, T, UNBOUND, Cons, HashTable, Record, Symbol, Vector, intern, intern_soft, lisp_list

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from typing import Any

TABLE = Table()
define = TABLE.define


def _bool(flag: bool) -> Symbol:
    return T if flag else NIL


# -- predicates (see also numbers.py) ---------------------------------------------

define("eq", pass_opaque=True)(lambda ip, a, b: _bool(lisp_eq(a, b)))
define("eql")(lambda ip, a, b: _bool(lisp_eql(a, b)))
define("equal")(lambda ip, a, b: _bool(lisp_equal(a, b)))
define("null", "not")(lambda ip, x: _bool(x is NIL))
define("symbolp")(lambda ip, x: _bool(type(x) is Symbol))
define("keywordp")(lambda ip, x: _bool(type(x) is Symbol and x.is_keyword))
define("stringp")(lambda ip, x: _bool(isinstance(x, str)))
define("consp")(lambda ip, x: _bool(type(x) is Cons))
define("listp")(lambda ip, x: _bool(x is NIL or type(x) is Cons))
define("nlistp")(lambda ip, x: _bool(not (x is NIL or type(x) is Cons)))
define("atom")(lambda ip, x: _bool(type(x) is not Cons))
define("vectorp")(lambda ip, x: _bool(type(x) is Vector))
define("sequencep")(lambda ip, x: _bool(x is NIL or type(x) in (Cons, Vector) or isinstance(x, str)))
define("characterp")(lambda ip, x, *_: _bool(type(x) is int and 0 <= x <= 0x3FFFFF))
define("booleanp")(lambda ip, x: _bool(x is NIL or x is T))
define("hash-table-p")(lambda ip, x: _bool(type(x) is HashTable))
define("identity", "purecopy", pass_opaque=True)(lambda ip, x: x)
define("ignore", pass_opaque=True)(lambda ip, *args: NIL)
define("always", pass_opaque=True)(lambda ip, *args: T)


@define("functionp")
def functionp(ip: Any, x: Any) -> Any:
    from elconf.interpreter import Builtin, Closure, LibraryFunction

    if type(x) is Symbol:
        if x is NIL or x is T:
            return NIL
        target = ip.function_value(x)
        return _bool(type(target) in (Builtin, Closure, LibraryFunction)
                     or (type(target) is Cons and target.car is intern("lambda")))
    return _bool(type(x) in (Builtin, Closure) or (type(x) is Cons and x.car in (intern("lambda"), intern("closure"))))


@define("type-of")
def type_of(ip: Any, x: Any) -> Any:
    from elconf.interpreter import Builtin, Closure

    if type(x) is Record and x and type(x[0]) is Symbol:
        return x[0]                  # a record's type (cl-defstruct: the struct's name)
    for cls, name in ((int, "integer"), (float, "float"), (Cons, "cons"), (Symbol, "symbol"),
                      (Vector, "vector"), (HashTable, "hash-table"), (Builtin, "subr"),
                      (Closure, "cons")):
        if type(x) is cls:
            return intern(name)
    return intern("string") if isinstance(x, str) else intern("vector")


# -- symbols and variables -----------------------------------------------------------

@define("symbol-name")
def symbol_name(ip: Any, sym: Any) -> Any:
    return check_symbol(sym).name


@define("intern")
def intern_(ip: Any, name: Any, *_obarray: Any) -> Any:
    return intern(check_string(name))


@define("intern-soft")
def intern_soft_(ip: Any, name: Any, *_obarray: Any) -> Any:
    if type(name) is Symbol:
        return name if name.interned else NIL
    found = intern_soft(check_string(name))
    return found if found is not None else NIL


@define("make-symbol")
def make_symbol(ip: Any, name: Any) -> Any:
    return Symbol(check_string(name))


@define("boundp")
def boundp(ip: Any, sym: Any) -> Any:
    from elconf.emacs_names import emacs_variables

    check_symbol(sym)
    if sym.is_keyword or ip.store.is_bound(sym.name) \
            or (sym.name in emacs_variables() and sym.name not in ip.model_variables()):
        return T
    if sym.name not in ip.model_variables() and ip.unevaluated_package_of(sym.name):
        # A variable of a package that loaded without elconf evaluating it: the
        # user's Emacs, with the package, may well have it bound.
        return ip.opaque(f"(boundp '{sym.name})")
    return NIL


@define("default-boundp")
def default_boundp(ip: Any, sym: Any) -> Any:
    check_symbol(sym)
    return _bool(sym.is_keyword or ip.store.is_default_bound(sym.name))


@define("symbol-value")
def symbol_value(ip: Any, sym: Any) -> Any:
    return ip.symbol_value(check_symbol(sym))


@define("default-value")
def default_value(ip: Any, sym: Any) -> Any:
    value = ip.store.get(check_symbol(sym).name)
    if value is UNBOUND:
        raise lisp_error("void-variable", sym)
    return value


@define("set", pass_opaque=True)
def set_(ip: Any, sym: Any, value: Any) -> Any:
    from elconf.interpreter import Opaque

    if type(sym) is Opaque:
        return sym
    check_symbol(sym)
    if sym is NIL or sym is T or sym.is_keyword:
        raise lisp_error("setting-constant", sym)
    ip.store.assign(sym.name, value, ip.here("set"))
    return value


@define("make-local-variable")
def make_local_variable(ip: Any, sym: Any) -> Any:
    name = check_symbol(sym).name
    if ip.store.local_value(name) is UNBOUND:
        current = ip.store.get(name)
        if current is not UNBOUND:
            ip.store.set_local(name, current, ip.here("make-local-variable"))
    return sym


@define("make-variable-buffer-local")
def make_variable_buffer_local(ip: Any, sym: Any) -> Any:
    ip.store.auto_local.add(check_symbol(sym).name)
    ip.store.special.add(sym.name)
    if not ip.store.is_default_bound(sym.name):
        ip.store.set(sym.name, NIL, ip.here("make-variable-buffer-local"))
    return sym


@define("kill-local-variable")
def kill_local_variable(ip: Any, sym: Any) -> Any:
    ip.store.kill_local(check_symbol(sym).name)
    return sym


@define("local-variable-p")
def local_variable_p(ip: Any, sym: Any, *_buffer: Any) -> Any:
    return _bool(ip.store.local_value(check_symbol(sym).name) is not UNBOUND)


@define("makunbound")
def makunbound(ip: Any, sym: Any) -> Any:
    ip.store.make_unbound(check_symbol(sym).name, ip.here("makunbound"))
    return sym


@define("special-variable-p")
def special_variable_p(ip: Any, sym: Any) -> Any:
    return _bool(check_symbol(sym).name in ip.store.special)


@define("put")
def put(ip: Any, sym: Any, prop: Any, value: Any) -> Any:
    return ip.put_prop(check_symbol(sym), prop, value)


@define("get")
def get(ip: Any, sym: Any, prop: Any) -> Any:
    return ip.get_prop(check_symbol(sym), prop)


@define("symbol-plist")
def symbol_plist(ip: Any, sym: Any) -> Any:
    items: list[Any] = []
    for key, value in ip.plists.get(check_symbol(sym), {}).items():
        items.extend((key, value))
    return lisp_list(items)


# -- functions --------------------------------------------------------------------

@define("fboundp")
def fboundp(ip: Any, sym: Any) -> Any:
    check_symbol(sym)
    if sym in ip.functions or sym in ip.special_forms or sym.name in ip.autoloads:
        return T
    if ip.unevaluated_package_of(sym.name):
        return ip.opaque(f"(fboundp '{sym.name})")   # the package's own function, perhaps
    return NIL


@define("symbol-function", "indirect-function")
def symbol_function(ip: Any, sym: Any, *_noerror: Any) -> Any:
    if type(sym) is not Symbol:
        return sym
    value = ip.functions.get(sym)
    return NIL if value is None else value


@define("fset", "defalias", pass_opaque=True)
def fset(ip: Any, sym: Any, definition: Any, *_doc: Any) -> Any:
    from elconf.interpreter import Closure, Macro

    check_symbol(sym)
    if type(definition) is Cons and definition.car is intern("macro"):
        fn = definition.cdr
        if type(fn) is Cons and fn.car is intern("lambda"):
            fn = Closure(fn.cdr.car, fn.cdr.cdr, None, sym.name)
        definition = Macro(fn, sym.name)
    if definition is NIL:
        ip.functions.pop(sym, None)        # Emacs 28: a nil function cell is not fboundp
        return sym
    from elconf.advice import set_function

    set_function(ip, sym, definition)
    return sym


@define("fmakunbound")
def fmakunbound(ip: Any, sym: Any) -> Any:
    ip.functions.pop(check_symbol(sym), None)
    return sym


@define("funcall", pass_opaque=True)
def funcall(ip: Any, fn: Any, *args: Any) -> Any:
    return ip.funcall(fn, list(args))


@define("apply", pass_opaque=True)
def apply(ip: Any, fn: Any, *args: Any) -> Any:
    if not args:
        return ip.funcall(lisp_list(elements(fn))[0] if False else fn, [])
    from elconf.interpreter import Opaque

    if type(args[-1]) is Opaque:
        return args[-1]
    return ip.funcall(fn, list(args[:-1]) + elements(args[-1]))


@define("eval")
def eval_(ip: Any, form: Any, lexical: Any = NIL) -> Any:
    from elconf.interpreter import Env

    return ip._eval(form, Env({}, None) if lexical is not NIL else None)


@define("macroexpand", "macroexpand-all", "macroexpand-1")
def macroexpand(ip: Any, form: Any, *_env: Any) -> Any:
    from elconf.interpreter import Macro

    while type(form) is Cons and type(ip.functions.get(form.car)) is Macro:
        form = ip.macroexpand_1(ip.functions[form.car], form, None)
    return form


@define("autoload")
def autoload(ip: Any, fn: Any, file: Any, *_rest: Any) -> Any:
    name = check_symbol(fn).name
    if fn not in ip.functions:
        stem = check_string(file).rsplit("/", 1)[-1]
        for suffix in (".gz", ".el", ".elc"):
            stem = stem.removesuffix(suffix)
        ip.autoloads[name] = stem
    return NIL


@define("commandp", "called-interactively-p", "daemonp", "display-graphic-p",
        "display-color-p", "window-system", "frame-parameter", "native-comp-available-p",
        "version-control-p")
def always_nil(ip: Any, *_args: Any) -> Any:
    """Queries whose answer in an interactive terminal session is nil."""
    return NIL


# -- errors and messages ---------------------------------------------------------

@define("signal", pass_opaque=True)
def signal(ip: Any, symbol: Any, data: Any) -> Any:
    """Signals whatever its data: an explicit error is Emacs's own, known or not."""
    from elconf.interpreter import Opaque

    raise LispSignal(intern("error") if type(symbol) is Opaque else check_symbol(symbol), data)


def _error_text(ip: Any, fmt: Any, args: tuple[Any, ...]) -> str:
    """The message of ``(error FMT ARGS...)``; a part unknown here shows as such."""
    from elconf.builtins.strings import format_message
    from elconf.interpreter import Opaque

    if type(fmt) is Opaque:
        return f"#<unknown: {fmt.what}>"
    if any(type(a) is Opaque for a in args):
        try:
            return format_message(ip, fmt, *[f"#<unknown: {a.what}>" if type(a) is Opaque else a
                                             for a in args])
        except LispSignal:
            return str(fmt)
    return format_message(ip, fmt, *args)


@define("error", pass_opaque=True)
def error(ip: Any, fmt: Any, *args: Any) -> Any:
    raise lisp_error("error", _error_text(ip, fmt, args))


@define("user-error", pass_opaque=True)
def user_error(ip: Any, fmt: Any, *args: Any) -> Any:
    raise lisp_error("user-error", _error_text(ip, fmt, args))


@define("throw", pass_opaque=True)
def throw(ip: Any, tag: Any, value: Any) -> Any:
    """To the innermost matching ``catch``; without one, Emacs signals no-catch here."""
    if not any(lisp_eq(tag, t) for t in ip.catch_tags):
        raise lisp_error("no-catch", tag, value)
    raise LispThrow(tag, value)


@define("error-message-string")
def error_message_string(ip: Any, err: Any) -> Any:
    if type(err) is not Cons or type(err.car) is not Symbol:
        return "peculiar error"
    return LispSignal(err.car, err.cdr).message()


@define("message")
def message(ip: Any, fmt: Any, *args: Any) -> Any:
    """Prints nothing: the text is recorded in ``interp.messages``."""
    from elconf.builtins.strings import format_message

    if fmt is NIL:
        return NIL
    text = format_message(ip, fmt, *args)
    ip.messages.append((text, ip.here("message")))
    return text


@define("display-warning", "lwarn", "warn")
def display_warning(ip: Any, *args: Any) -> Any:
    from elconf.builtins.strings import format_

    texts = [a for a in args if isinstance(a, str)]
    text = format_(ip, texts[0], *args[args.index(texts[0]) + 1:]) if texts else "warning"
    ip.diagnose("warning", f"the init file displays a warning: {text}", "init-warning")
    return NIL


# -- features and loading -----------------------------------------------------------

@define("featurep")
def featurep(ip: Any, feature: Any, *_sub: Any) -> Any:
    return _bool(check_symbol(feature).name in ip.features)


@define("provide")
def provide(ip: Any, feature: Any, *_sub: Any) -> Any:
    from elconf.loading import provide as do_provide

    do_provide(ip, check_symbol(feature).name)
    return feature


@define("require")
def require(ip: Any, feature: Any, filename: Any = NIL, noerror: Any = NIL) -> Any:
    """A require the code around catches the failure of (``condition-case`` on
    ``file-error``, ``ignore-errors`` ...) asks "is it installed?" as ``(require 'pkg
    nil t)`` does: a package found nowhere then fails here as in Emacs."""
    from elconf.loading import require as do_require

    name = check_symbol(feature).name
    caught = noerror is NIL and any(not frame.isdisjoint(_FILE_MISSING) for frame in ip.handled)
    ok = do_require(ip, name, ip.here("require"),
                    filename if isinstance(filename, str) else None, noerror is not NIL,
                    missing_is_nil=noerror is not NIL or caught)
    if not ok and caught:
        raise lisp_error("file-missing", "Cannot open load file", "No such file or directory",
                         filename if isinstance(filename, str) else name)
    return feature if ok else NIL


_FILE_MISSING = ("file-missing", "file-error", "error")


@define("load")
def load(ip: Any, file: Any, noerror: Any = NIL, nomessage: Any = NIL, nosuffix: Any = NIL,
         must_suffix: Any = NIL) -> Any:
    from elconf.loading import lisp_load

    return lisp_load(ip, check_string(file), noerror is not NIL, nosuffix is not NIL,
                     must_suffix is not NIL, None)


@define("load-library")
def load_library(ip: Any, library: Any) -> Any:
    """``(load-library LIB)`` is ``(load LIB)``: old init files load smtpmail this way."""
    return load(ip, library)


@define("load-file")
def load_file(ip: Any, file: Any) -> Any:
    from elconf.builtins.files import expand
    from elconf.loading import lisp_load

    return lisp_load(ip, expand(ip, check_string(file)), False, True, False, None)


@define("eval-after-load")
def eval_after_load(ip: Any, what: Any, form: Any) -> Any:
    """FORM is a function (called) or a form (evaluated), once WHAT has loaded."""
    from elconf.loading import eval_after_load as register

    if functionp(ip, form) is T:
        action: Any = lambda: ip.funcall(form, [])  # noqa: E731
    else:
        action = form
    register(ip, what, action, None)
    return NIL


# -- hash tables -------------------------------------------------------------------

@define("make-hash-table")
def make_hash_table(ip: Any, *args: Any) -> Any:
    test = NIL
    for key, value in zip(args[::2], args[1::2]):
        if type(key) is Symbol and key.name == ":test":
            test = value
    return HashTable(test if type(test) is Symbol and test is not NIL else None)


@define("gethash")
def gethash(ip: Any, key: Any, table: Any, default: Any = NIL) -> Any:
    return table.get(key, default)


@define("puthash")
def puthash(ip: Any, key: Any, value: Any, table: Any) -> Any:
    table.put(key, value)
    return value


@define("remhash")
def remhash(ip: Any, key: Any, table: Any) -> Any:
    table.remove(key)
    return NIL


@define("hash-table-count")
def hash_table_count(ip: Any, table: Any) -> Any:
    return len(table.entries)


@define("maphash")
def maphash(ip: Any, fn: Any, table: Any) -> Any:
    for key, value in list(table.entries):
        ip.funcall(fn, [key, value])
    return NIL


# -- versions -------------------------------------------------------------------------

_VERSION_WORDS = {"snapshot": -4, "cvs": -4, "git": -4, "bzr": -4, "svn": -4, "alpha": -3,
                  "beta": -2, "pre": -1, "rc": -1}


def version_to_list(text: str) -> list[int]:
    """``version-to-list``: "28.2" -> [28, 2]; "1.0pre7" -> [1, 0, -1, 7]."""
    parts: list[int] = []
    for token in re.findall(r"\d+|[a-zA-Z]+|[._+ -]", text.strip()):
        if token.isdigit():
            parts.append(int(token))
        elif token.lower() in _VERSION_WORDS:
            parts.append(_VERSION_WORDS[token.lower()])
        elif token.isalpha():
            if len(token) == 1:
                parts.append(ord(token.lower()) - ord("a") + 1)
            else:
                raise lisp_error("error", f"Invalid version syntax: \u2018{text}\u2019")
    if not parts:
        raise lisp_error("error", f"Invalid version syntax: \u2018{text}\u2019 (must start with a number)")
    return parts


def _version_compare(a: list[int], b: list[int]) -> int:
    n = max(len(a), len(b))
    a2, b2 = a + [0] * (n - len(a)), b + [0] * (n - len(b))
    return (a2 > b2) - (a2 < b2)


define("version<")(lambda ip, a, b: _bool(_version_compare(version_to_list(a), version_to_list(b)) < 0))
define("version<=")(lambda ip, a, b: _bool(_version_compare(version_to_list(a), version_to_list(b)) <= 0))
define("version=")(lambda ip, a, b: _bool(_version_compare(version_to_list(a), version_to_list(b)) == 0))
define("version-to-list")(lambda ip, a: lisp_list(version_to_list(check_string(a))))
define("xor")(lambda ip, a, b: (b if b is not NIL else a) if (a is NIL) != (b is NIL) else NIL)
