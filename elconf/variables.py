"""What a symbol means as a variable, and its properties: the part of the
evaluator (a mixin of :class:`elconf.interpreter.Interpreter`) that decides
between a lexical binding, the :class:`~elconf.store.VariableStore`, and, for a
variable the store does not have, void (an error Emacs raises too) or unknown
(a variable of something elconf does not evaluate).

The interpreter's ``_eval`` looks a symbol up itself (lexical frames, then the
store) for speed, and comes here only when the store has no value.
"""

from __future__ import annotations

from elconf import libraries
from elconf.emacs_names import emacs_variables
from elconf.errors import lisp_error, wrong_type
from elconf.functions import Builtin, Env
from elconf.store import Origin
from elconf.types import NIL, T, UNBOUND, Symbol
from elconf.unknowns import Opaque

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from typing import Any


class Variables:
    """Variable semantics of the interpreter.  Uses its ``store``, ``lex_journal``,
    ``library_finder``, ``features``, ``loaded_files``, ``special_forms``,
    ``functions``, ``plists``, ``diagnose`` and ``not_evaluable``."""

    _model_variables: frozenset[str] | None

    def set_variable(self, sym: Any, value: Any, env: Env | None, origin: Origin) -> Any:
        """``setq``: a lexical binding if one is visible, else the store."""
        if type(sym) is not Symbol:
            raise wrong_type("symbolp", sym)
        if env is not None:
            frame = env.find(sym)
            if frame is not None:
                if self.lex_journal is not None and (id(frame), sym) not in self.lex_journal:
                    self.lex_journal[(id(frame), sym)] = (frame, sym, frame.vars[sym])
                frame.vars[sym] = value
                return value
        if sym is NIL or sym is T or (sym.name[:1] == ":" and sym.interned):
            raise lisp_error("setting-constant", sym)
        self.store.assign(sym.name, value, origin)
        return value

    def symbol_value(self, sym: Symbol) -> Any:
        value = self.store.value(sym.name)
        if value is UNBOUND:
            return self.unbound_variable(sym)
        return value

    def model_variables(self) -> frozenset[str]:
        """Variables the library models define: void until their library loads (the
        models know), even if an interactive start-up may have loaded it already."""
        if self._model_variables is None:
            names: set[str] = set()
            if self.library_finder is libraries.find_library:
                for model in libraries.all_libraries().values():
                    names.update(v.name for v in model.variables)
            self._model_variables = frozenset(names)
        return self._model_variables

    def unbound_variable(self, sym: Symbol) -> Any:
        """The value of a variable the store does not have: a keyword is itself;
        a variable Emacs 28.2 has at start-up but we do not model is unknown
        (opaque); anything else is void, as in Emacs."""
        if sym.name[:1] == ":" and sym.interned:
            return sym
        if sym.name in emacs_variables() and sym.name not in self.model_variables():
            self.diagnose("info", f"{sym.name} is an Emacs variable we do not model; its value is "
                          "unknown here", "opaque-variable", once=True)
            return Opaque(f"the value of {sym.name}")
        if sym.name in self.model_variables() or self._names_emacs_function(sym):
            # A modelled library's variable before the library loads, or the name of a
            # special form or primitive used as a variable (a stray `setq`): void in every Emacs.
            raise lisp_error("void-variable", sym)
        return self.not_evaluable(lisp_error("void-variable", sym),
                                  f"{sym.name} is void (a variable of a package or file elconf does "
                                  "not evaluate)")

    def _names_emacs_function(self, sym: Symbol) -> bool:
        """True for a special form or an Emacs primitive we implement: no package makes
        a variable of that name, so reading it as one is an error in every Emacs."""
        return sym in self.special_forms or type(self.functions.get(sym)) is Builtin

    def unevaluated_package_of(self, name: str) -> str | None:
        """The loaded feature whose package elconf did not evaluate (assumed installed)
        that ``name`` belongs to by its prefix (``mu4e`` for ``mu4e-view-actions``)."""
        for feature in self.features:
            if (name.startswith(feature) and name[len(feature):len(feature) + 1] in ("-", "/", ":", "")
                    and self.library_finder(feature) is None and feature not in self._evaluated_features()):
                return feature
        return None

    def _evaluated_features(self) -> set[str]:
        """Features provided by files elconf evaluated (their variables are known)."""
        from pathlib import PurePath

        return {PurePath(f).name.split(".")[0] for f in self.loaded_files}

    def get_prop(self, sym: Symbol, prop: Symbol) -> Any:
        return self.plists.get(sym, {}).get(prop, NIL)

    def put_prop(self, sym: Symbol, prop: Symbol, value: Any) -> Any:
        self.plists.setdefault(sym, {})[prop] = value
        return value
