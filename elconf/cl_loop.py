"""``cl-loop``: the clauses init files use to build lists of accounts, folders
and shortcuts, run as cl-macs.el's expansion runs them.

Supported: ``with VAR = X``; ``for``/``as`` VAR (a symbol or a destructuring
cons tree) ``in``/``on`` LIST [``by`` FUNC], ``across`` ARRAY, ``= INIT
[then NEXT]``, ``from``/``upfrom``/``downfrom`` N ``to``/``upto``/``below``/
``downto``/``above`` M [``by`` K]; ``repeat N``; ``while``/``until``;
``always``/``never``/``thereis``; ``collect``/``append``/``nconc``/
``concat``/``vconcat``/``count``/``sum``/``maximize``/``minimize`` [``into``
VAR]; ``do``; ``if``/``when``/``unless`` with ``and``/``else``/``end``;
``return``; ``initially``/``finally`` [``return``].  Parallel ``for ... and``
steps as sequential ones.  Anything else (``being the hash-keys of`` ...), or
a sequence that is unknown here, makes the value unknown, as before.
"""

from __future__ import annotations

from elconf.errors import lisp_error
from elconf.interpreter import Env, Interpreter, Opaque
from elconf.macros import tick
from elconf.special_forms import special
from elconf.types import NIL, T, Cons, Symbol, Vector, lisp_list

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from typing import Any


class _Unsupported(Exception):
    """A clause this model does not run: the whole loop's value is unknown."""


class _Return(Exception):
    def __init__(self, value: Any) -> None:
        self.value = value


_ACCUMULATE = {"collect", "collecting", "append", "appending", "nconc", "nconcing", "concat",
               "concating", "vconcat", "vconcating", "count", "counting", "sum", "summing",
               "maximize", "maximizing", "minimize", "minimizing"}


@special("cl-loop")
def sf_cl_loop(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    words = list(form.cdr) if type(form.cdr) is Cons else []
    try:
        return _Loop(ip, form, env, words).run()
    except _Unsupported as why:
        return ip.opaque(f"(cl-loop ...) {why}".strip(), form)


class _Loop:
    def __init__(self, ip: Interpreter, form: Cons, env: Env | None, words: list[Any]) -> None:
        self.ip, self.form, self.env, self.words = ip, form, env, words
        self.pos = 0
        self.values: dict[Symbol, Any] = {}     # every loop variable, in binding order
        self.drivers: list[Any] = []            # per-iteration steps (callables)
        self.body: list[Any] = []               # callables run in each iteration
        self.initially: list[Any] = []
        self.finally_forms: list[Any] = []
        self.finally_return: Any = None
        self.result_var: Symbol | None = None   # the anonymous accumulation
        self.result_kind: str | None = None
        self.default_result: Any = NIL

    # -- parsing ---------------------------------------------------------------
    def _word(self) -> str | None:
        if self.pos < len(self.words) and type(self.words[self.pos]) is Symbol:
            return self.words[self.pos].name
        return None

    def _next(self) -> Any:
        if self.pos >= len(self.words):
            raise _Unsupported("(a clause ends early)")
        item = self.words[self.pos]
        self.pos += 1
        return item

    def _forms(self) -> list[Any]:
        out = []
        while self.pos < len(self.words) and type(self.words[self.pos]) is Cons:
            out.append(self._next())
        return out

    def run(self) -> Any:
        while self.pos < len(self.words):
            self._clause(top=True)
        self._execute()
        return self._result()

    def _clause(self, top: bool = False) -> Any:
        word = self._word()
        if word is None:
            raise _Unsupported(f"(clause {self.words[self.pos]!r})")
        self.pos += 1
        if word == "named":
            self._next()
            return None
        if word == "with":
            self._with()
            return None
        if word in ("for", "as"):
            self._for()
            while self._word() == "and":
                self.pos += 1
                self._for()
            return None
        if word == "repeat":
            count = self._eval(self._next())
            if type(count) is not int:
                raise _Unsupported("(repeat of an unknown count)")
            state = {"left": count}

            def repeat() -> bool:
                state["left"] -= 1
                return state["left"] >= 0
            self.drivers.append(repeat)
            return None
        if word == "initially":
            self.initially += self._forms()
            return None
        if word == "finally":
            if self._word() == "return":
                self.pos += 1
                self.finally_return = self._next()
            else:
                if self._word() == "do":
                    self.pos += 1
                self.finally_forms += self._forms()
            return None
        action = self._action(word)
        if top:
            self.body.append(action)
        return action

    def _action(self, word: str) -> Any:
        """A clause run in the body: returns a callable."""
        if word in ("do", "doing"):
            forms = self._forms()
            return lambda: self._eval_forms(forms)
        if word in _ACCUMULATE:
            return self._accumulate(word)
        if word in ("while", "until"):
            test = self._next()
            stop_if = word == "until"
            return lambda: self._test(test) is stop_if and self._stop()
        if word in ("always", "never", "thereis"):
            return self._quantifier(word, self._next())
        if word == "return":
            value = self._next()
            return lambda: self._raise(_Return(self._eval(value)))
        if word in ("if", "when", "unless"):
            return self._conditional(word)
        raise _Unsupported(f"({word} ...)")

    def _conditional(self, word: str) -> Any:
        test = self._next()
        then = [self._clause()]
        while self._word() == "and":
            self.pos += 1
            then.append(self._clause())
        otherwise: list[Any] = []
        if self._word() == "else":
            self.pos += 1
            otherwise.append(self._clause())
            while self._word() == "and":
                self.pos += 1
                otherwise.append(self._clause())
        if self._word() == "end":
            self.pos += 1
        wanted = word != "unless"

        def run() -> None:
            for action in (then if self._test(test) is wanted else otherwise):
                if action is not None:
                    action()
        return run

    def _quantifier(self, word: str, test: Any) -> Any:
        self.default_result = T if word in ("always", "never") else NIL

        def run() -> None:
            value = self._test_value(test)
            if word == "always" and value is NIL:
                raise _Return(NIL)
            if word == "never" and value is not NIL:
                raise _Return(NIL)
            if word == "thereis" and value is not NIL:
                raise _Return(value)
        return run

    def _accumulate(self, word: str) -> Any:
        expr = self._next()
        kind = word[:-3] if word.endswith("ing") and word not in ("nconcing",) else word
        kind = {"collect": "collect", "append": "append", "nconc": "append", "nconcing": "append",
                "concat": "concat", "vconcat": "vconcat", "count": "count", "sum": "sum",
                "maximiz": "maximize", "maximize": "maximize", "minimiz": "minimize",
                "minimize": "minimize", "collecting": "collect", "concating": "concat"}.get(kind, kind)
        if self._word() == "into":
            self.pos += 1
            var = self._next()
            if type(var) is not Symbol:
                raise _Unsupported("(into a non-symbol)")
        else:
            if self.result_var is None:
                self.result_var = Symbol("--cl-var--")
                self.result_kind = kind
            var = self.result_var
        start: Any = {"count": 0, "sum": 0, "concat": "", "maximize": NIL, "minimize": NIL}.get(kind, [])
        self.values.setdefault(var, start)

        def run() -> None:
            value = self._eval(expr)
            if type(value) is Opaque:
                raise _Unsupported("(an unknown element)")
            old = self.values[var]
            if kind == "collect":
                old.append(value)
            elif kind in ("append", "vconcat"):
                if type(value) is Vector:
                    old.extend(list(value))
                elif value is NIL or type(value) is Cons:
                    old.extend(value if value is not NIL else [])
                else:
                    raise lisp_error("wrong-type-argument", Symbol("listp"), value)
            elif kind == "concat":
                self.values[var] = old + value if isinstance(value, str) else _raise_type(value)
            elif kind == "count":
                self.values[var] = old + (0 if value is NIL else 1)
            elif kind == "sum":
                self.values[var] = old + value
            elif kind == "maximize":
                self.values[var] = value if old is NIL or value > old else old
            elif kind == "minimize":
                self.values[var] = value if old is NIL or value < old else old
        return run

    def _with(self) -> None:
        while True:
            var = self._next()
            value: Any = NIL
            if self._word() == "=":
                self.pos += 1
                value = self._eval(self._next())
            self._bind(var, value)
            if self._word() != "and":
                return
            self.pos += 1
            if self._word() == "with":
                return

    def _for(self) -> None:
        var = self._next()
        word = self._word()
        if word is None:
            raise _Unsupported("(for without a keyword)")
        self.pos += 1
        if word in ("in", "on", "in-ref"):
            if word == "in-ref":
                raise _Unsupported("(for ... in-ref)")
            seq = self._eval(self._next())
            step = self._by()
            self._bind(var, NIL)
            self._walk(var, seq, step, word == "on")
        elif word == "across":
            array = self._eval(self._next())
            items = list(array) if type(array) is Vector or isinstance(array, str) else None
            if items is None:
                raise _Unsupported("(across an unknown array)")
            self._bind(var, NIL)
            state = {"i": 0}

            def across() -> bool:
                if state["i"] >= len(items):
                    return False
                item = items[state["i"]]
                self._assign(var, ord(item) if isinstance(item, str) else item)
                state["i"] += 1
                return True
            self.drivers.append(across)
        elif word == "=":
            first = self._next()
            then = None
            if self._word() == "then":
                self.pos += 1
                then = self._next()
            self._bind(var, NIL)
            state = {"started": False}

            def equals() -> bool:
                if not state["started"] or then is None:
                    self._assign(var, self._eval(first if not state["started"] else first))
                    state["started"] = True
                else:
                    self._assign(var, self._eval(then))
                return True
            self.drivers.append(equals)
        elif word in ("from", "upfrom", "downfrom", "to", "upto", "below", "downto", "above", "by"):
            self.pos -= 1
            self._numeric(var)
        else:
            raise _Unsupported(f"(for ... {word})")

    def _by(self) -> Any:
        if self._word() == "by":
            self.pos += 1
            return self._eval(self._next())
        return None

    def _walk(self, var: Any, seq: Any, step: Any, on: bool) -> None:
        state = {"cell": seq}

        def walk() -> bool:
            cell = state["cell"]
            if type(cell) is Opaque:
                raise _Unsupported("(over an unknown list)")
            if type(cell) is not Cons:
                return False
            self._assign(var, cell if on else cell.car)
            state["cell"] = self.ip.funcall(step, [cell]) if step is not None else cell.cdr
            return True
        self.drivers.append(walk)

    def _numeric(self, var: Any) -> None:
        start: Any = 0
        end: Any = None
        by: Any = 1
        down = False
        inclusive = True
        while self._word() in ("from", "upfrom", "downfrom", "to", "upto", "below", "downto",
                               "above", "by"):
            word = self._word()
            self.pos += 1
            value = self._eval(self._next())
            if not isinstance(value, (int, float)) or isinstance(value, bool):
                raise _Unsupported("(a bound that is not a number)")
            if word in ("from", "upfrom", "downfrom"):
                start = value
                down = down or word == "downfrom"
            elif word == "by":
                by = value
            else:
                end, down = value, down or word in ("downto", "above")
                inclusive = word in ("to", "upto", "downto")
        self._bind(var, NIL)
        state = {"next": start}

        def count() -> bool:
            value = state["next"]
            if end is not None:
                past = (value < end if down else value > end) if inclusive else \
                    (value <= end if down else value >= end)
                if past:
                    return False
            self._assign(var, value)
            state["next"] = value - by if down else value + by
            return True
        self.drivers.append(count)

    # -- variables -------------------------------------------------------------
    def _symbols(self, pattern: Any) -> list[Symbol]:
        if type(pattern) is Symbol:
            return [] if pattern is NIL else [pattern]
        if type(pattern) is Cons:
            return self._symbols(pattern.car) + self._symbols(pattern.cdr)
        return []

    def _bind(self, pattern: Any, value: Any) -> None:
        for sym in self._symbols(pattern):
            self.values.setdefault(sym, NIL)
        self._assign(pattern, value)

    def _assign(self, pattern: Any, value: Any) -> None:
        """Destructure VALUE onto PATTERN (a symbol or a cons tree of symbols)."""
        if type(pattern) is Symbol:
            if pattern is not NIL:
                self.values[pattern] = value
            return
        if type(pattern) is Cons:
            if type(value) is Opaque:
                raise _Unsupported("(destructuring an unknown value)")
            self._assign(pattern.car, value.car if type(value) is Cons else NIL)
            self._assign(pattern.cdr, value.cdr if type(value) is Cons else NIL)
            return
        raise _Unsupported("(a loop variable that is not a symbol)")

    def _scope_values(self) -> dict[Symbol, Any]:
        """The bindings as Lisp sees them (accumulations as lists)."""
        return {sym: lisp_list(v) if isinstance(v, list) else v for sym, v in self.values.items()}

    def _eval_forms(self, forms: list[Any]) -> Any:
        """Evaluate FORMS with the loop's variables bound; assignments to them stick."""
        ip = self.ip
        scope = self._scope_values()
        special = ip.store.special
        if self.env is not None:
            frame: Env | None = Env({s: v for s, v in scope.items() if s.name not in special},
                                    self.env)
            dynamic = {s: v for s, v in scope.items() if s.name in special}
        else:
            frame, dynamic = None, scope
        origin = ip.here("cl-loop", self.form)
        token = ip.store.binding_depth
        try:
            for sym, value in dynamic.items():
                ip.store.bind(sym.name, value, origin)
            result = ip.progn(lisp_list(forms), frame)
            changed = {s: ip.store.value(s.name) for s in dynamic}
        finally:
            ip.store.unbind(token)
        if frame is not None:
            changed.update({s: frame.vars[s] for s in frame.vars})
        for sym, value in changed.items():
            if not isinstance(self.values.get(sym), list):
                self.values[sym] = value
        return result

    def _eval(self, expr: Any) -> Any:
        return self._eval_forms([expr])

    def _test_value(self, test: Any) -> Any:
        value = self._eval(test)
        if type(value) is Opaque:
            raise _Unsupported("(an unknown condition)")
        return value

    def _test(self, test: Any) -> bool:
        return self._test_value(test) is not NIL

    def _stop(self) -> bool:
        raise _Stop()

    @staticmethod
    def _raise(exc: Exception) -> None:
        raise exc

    # -- running ---------------------------------------------------------------
    def _execute(self) -> None:
        self.returned: Any = None
        if self.initially:
            self._eval_forms(self.initially)
        try:
            while True:
                tick(self.ip)
                if not all(driver() for driver in self.drivers):
                    break
                try:
                    for action in self.body:
                        action()
                except _Stop:
                    break
                if not self.drivers:
                    raise _Unsupported("(no iteration clause)")
        except _Return as done:
            self.returned = done
            return
        if self.finally_forms:
            self._eval_forms(self.finally_forms)

    def _result(self) -> Any:
        if self.returned is not None:
            return self.returned.value
        if self.finally_return is not None:
            return self._eval(self.finally_return)
        if self.result_var is not None:
            value = self.values[self.result_var]
            if self.result_kind == "vconcat":
                return Vector(list(value))
            return lisp_list(value) if isinstance(value, list) else value
        return self.default_result


class _Stop(Exception):
    """``while``/``until`` ended the loop: the finally clauses still run."""


def _raise_type(value: Any) -> Any:
    raise lisp_error("wrong-type-argument", Symbol("stringp"), value)
