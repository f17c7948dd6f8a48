"""Loading: ``load``, ``require``/``provide``, eval-after-load, library models.

Where a feature comes from, in order:

1. a library model (``elconf.libraries``): its variables are defined as the
   real library's defvar/defcustom forms would (a default is evaluated only
   for a void variable; a defcustom takes a saved value from an earlier
   ``custom-set-variables``), then the feature is provided and its
   after-load bodies run;
2. a file on ``load-path`` outside Emacs's own lisp tree, found with
   ``load``'s suffix rules (``.el``, ``.el.gz``, then no suffix; a lone
   ``.elc`` cannot be evaluated: it is treated as an opaque library);
3. anything else (an Emacs library without a model, a package from ELPA,
   straight, ...) is assumed installed: provided, with an info diagnostic.
   Emacs would signal ``file-missing`` if it were not; we cannot know which
   packages the user has, and stopping the rest of the init file for every
   package we do not model would be far less faithful.  One exception: a
   user's own ``(require 'pkg nil t)`` asks "is pkg installed?", so a package
   found nowhere (not on ``load-path``, not in any package directory) makes it
   return nil, as in Emacs.

``load`` of an explicit file name is different: a missing file signals
``file-missing`` (unless NOERROR), as in Emacs.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from elconf.errors import KillEmacs, LimitExceeded, LispSignal, lisp_error
from elconf.library_files import (EMACS_LISP_DIR, EMACS_SUBDIRS, expand_user, find_installed_package,
                                  is_emacs_file, is_encrypted, is_package_file, lexical_cookie,
                                  locate_library, read_source)
from elconf.store import Origin
from elconf.types import NIL, T, UNBOUND, Cons, Symbol, intern, lisp_list

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from typing import Any

def install_constants(ip: Any) -> None:
    """Variables Emacs has before any library loads (kind "startup").

    We evaluate as an *interactive* Emacs on a text terminal loads the init
    file: that session is where mail settings apply.  So ``noninteractive``
    is nil and ``window-system`` is nil (``display-graphic-p`` gives nil).
    """
    startup = Origin("startup", None, None, None)
    env = ip.env
    modelled = _preloaded_variable_names(ip)

    def set_(name: str, value: Any, origin: Origin) -> None:
        if name not in modelled:
            ip.store.set(name, value, origin)
    for name, value in (
            ("nil", NIL), ("t", T),
            ("emacs-version", "28.2"), ("emacs-major-version", 28), ("emacs-minor-version", 2),
            ("emacs-build-number", 1), ("system-type", intern("gnu/linux")),
            ("system-configuration", "x86_64-pc-linux-gnu"),
            ("user-emacs-directory", "~/.emacs.d/"), ("noninteractive", NIL),
            ("window-system", NIL), ("initial-window-system", NIL), ("case-fold-search", T),
            ("load-file-name", NIL), ("load-true-file-name", NIL), ("load-in-progress", NIL),
            ("lexical-binding", NIL), ("default-directory", "~/"),
            ("most-positive-fixnum", 2**61 - 1), ("most-negative-fixnum", -2**61),
            ("path-separator", ":"), ("null-device", "/dev/null"),
            ("temporary-file-directory", (env.get("TMPDIR") or "/tmp").rstrip("/") + "/"),
            ("shell-file-name", env.get("SHELL", "/bin/sh")),
            ("exec-path", lisp_list([p for p in env.get("PATH", "").split(":") if p]
                                    + ["/usr/lib/emacs/28.2/x86_64-linux-gnu"])),
            ("load-path", lisp_list([EMACS_LISP_DIR] + [f"{EMACS_LISP_DIR}/{d}" for d in EMACS_SUBDIRS])),
            ("data-directory", "/usr/share/emacs/28.2/etc/"),
            ("debug-on-error", NIL), ("gc-cons-threshold", 800000), ("after-init-hook", NIL),
            ("emacs-startup-hook", NIL), ("file-name-handler-alist", NIL),
            ("inhibit-startup-screen", NIL), ("custom-file", NIL), ("features", NIL),
            ("use-package-always-defer", UNBOUND)):
        if value is not UNBOUND:
            set_(name, value, startup)
    ip.store.constants.update(("nil", "t"))
    ip.store.special.update(ip.store.names())
    ip.store.special.update(modelled)
    from elconf.builtins.system import login_name, full_name

    set_("user-login-name", login_name(ip), startup)
    name, from_env = full_name(ip)
    set_("user-full-name", name, Origin("environment", None, None, None) if from_env else startup)


def _preloaded_variable_names(ip: Any) -> set[str]:
    """Variables the preloaded library models define: the models own their defaults."""
    from elconf import libraries

    if ip.library_finder is not libraries.find_library:
        return set()
    names: set[str] = set()
    for model in libraries.all_libraries().values():
        if model.preloaded:
            names.update(v.name for v in model.variables)
        names.update(v.name for v in model.preloaded_variables)
    return names


def startup(ip: Any) -> None:
    """Preloaded library models and the autoload index, as a dumped Emacs has them."""
    from elconf import libraries

    models = libraries.all_libraries() if ip.library_finder is libraries.find_library else {}
    for model in models.values():
        for fname in model.autoloads:
            ip.autoloads.setdefault(fname, model.feature)
    for model in models.values():
        for var in model.preloaded_variables:
            define_model_variable(ip, var, model.feature)
    for model in models.values():
        if model.preloaded:
            load_model(ip, model, Origin("startup", None, None, None))
    ip.started = True


# -- models --------------------------------------------------------------------

_parsed_defaults: dict[str, Any] = {}


def _parse_default(source: str) -> Any:
    form = _parsed_defaults.get(source)
    if form is None:
        from elconf.reader import read_from_string

        form, _end = read_from_string(source, 0)
        _parsed_defaults[source] = form
    return form


def define_model_variable(ip: Any, var: Any, library: str) -> None:
    """A modelled defvar/defcustom/defconst, as the library's load runs it."""
    store = ip.store
    store.set_default_expression(var.name, var.default, library)
    if var.type:
        try:
            ip.custom_types[var.name] = _parse_default(var.type)
        except Exception:  # noqa: BLE001 - a model's type text we cannot read only loses the check
            pass
    store.special.add(var.name)
    if var.kind != "defconst" and store.is_toplevel_bound(var.name):
        return
    saved = store.saved_value(var.name) if var.kind == "defcustom" else UNBOUND
    saved_file, saved_pos, ip.file, ip.pos = ip.file, ip.pos, None, None
    try:
        if saved is not UNBOUND:
            origin = ip.saved_origins.get(var.name) or Origin("custom-set-variables", None, None, None)
            store.set_toplevel(var.name, ip._eval(saved, None), origin)
        else:
            value = ip._eval(_parse_default(var.default), None)
            store.set_toplevel(var.name, value, Origin("library default", None, None, None, library))
    except LispSignal as exc:
        ip.diagnostics.append(_diag(None, None, "warning",
                                    f"default of {var.name} ({library}) could not be computed: "
                                    f"{exc.message()}", "model-default-error"))
    finally:
        ip.file, ip.pos = saved_file, saved_pos
    if var.kind == "defconst":
        store.constants.add(var.name)


def load_model(ip: Any, model: Any, origin: Origin) -> None:
    if model.feature in ip.features or model.feature in _in_progress(ip):
        return
    _in_progress(ip).add(model.feature)
    try:
        for req in model.requires:
            require(ip, req, origin)
        for var in model.variables:
            define_model_variable(ip, var, model.feature)
        from elconf.interpreter import LibraryFunction

        for fname in model.functions:
            sym = intern(fname)
            current = ip.functions.get(sym)
            if current is None:
                ip.functions[sym] = LibraryFunction(fname, model.feature)
        _define_aliases(ip, model.aliases)
    finally:
        _in_progress(ip).discard(model.feature)
    ip.load_events.append((model.feature, origin))
    provide(ip, model.feature, also_file=True)


def _define_aliases(ip: Any, aliases: tuple[tuple[str, str], ...]) -> None:
    """``defalias`` OLD to NEW for each pair whose NEW elconf has: a function (OLD
    names it), or a special form (OLD becomes a macro that renames the head: what
    an alias of a macro does).  A name already defined (by the user or elconf) is
    left alone, as are the pairs whose NEW is not modelled (their calls stay calls
    elconf does not evaluate)."""
    from functools import partial

    from elconf.functions import Macro

    for old_name, new_name in aliases:
        old, new = intern(old_name), intern(new_name)
        if old in ip.functions or old in ip.special_forms:
            continue
        if new in ip.special_forms:
            ip.functions[old] = Macro(partial(_renamed_head, new), old_name)
        elif ip.functions.get(new) is not None:
            ip.functions[old] = new


def _renamed_head(new: Symbol, ip: Any, form: Cons, env: Any) -> Cons:
    """The expansion of an alias of a special form: the same form under NEW."""
    return Cons(new, form.cdr, form.pos)


def _in_progress(ip: Any) -> set[str]:
    if not hasattr(ip, "_requiring"):
        ip._requiring = set()
    return ip._requiring


# -- features --------------------------------------------------------------------

def provide(ip: Any, feature: str, also_file: bool = False) -> None:
    """Add the feature and run its after-load bodies.  An error in one of
    them propagates and takes the feature back, as Emacs undoes a failed load."""
    new = feature not in ip.features
    if new:
        ip.features.append(feature)
        store = ip.store
        store._default["features"] = Cons(intern(feature), store._default.get("features", NIL))
    try:
        _run_after_load(ip, ("feature", feature))
        if also_file:
            _run_after_load(ip, ("file", feature))
    except LispSignal:
        if new and feature in ip.features:
            ip.features.remove(feature)
            features = ip.store._default.get("features", NIL)
            if type(features) is Cons and features.car is intern(feature):
                ip.store._default["features"] = features.cdr
        raise


def require(ip: Any, feature: str, origin: Origin, filename: str | None = None,
            noerror: bool = False, installed_by: str | None = None,
            missing_is_nil: bool = False) -> bool:
    """``require``: True when the feature is (now) provided.  ``installed_by``
    names what installs the package (use-package :ensure ...), for diagnostics.
    ``missing_is_nil``: a package found nowhere is not provided (a user's own
    ``(require 'pkg nil t)``), instead of being assumed installed."""
    if feature in ip.features or feature in _in_progress(ip):
        return True
    if _absent_manager(ip, feature, noerror):
        return False
    model = ip.library_finder(feature)
    if model is not None:
        load_model(ip, model, origin)
        return True
    path = locate_library(ip, filename or feature)
    if path is not None and not is_emacs_file(path) and not is_package_file(ip, path):
        if path.name.endswith(".elc"):
            ip.diagnostics.append(_diag(origin.file, origin.line, "info",
                                        f"{path} is byte-compiled only; it is not evaluated and "
                                        f"is assumed to provide {feature}", "elc-opaque", origin.col))
        else:
            _in_progress(ip).add(feature)
            try:
                load_path(ip, path)
            finally:
                _in_progress(ip).discard(feature)
            if feature not in ip.features:
                raise lisp_error("error", f"Loading file {path} failed to provide feature \u2018{feature}\u2019")
            return True
    elif missing_is_nil and path is None and installed_by is None \
            and find_installed_package(ip, feature) is None:
        # (require 'pkg nil t) is how a config asks "is pkg installed?": found
        # nowhere, answer nil as Emacs does.  A plain require keeps the
        # assumption below, so the rest of the file is not lost.
        ip.diagnostics.append(_diag(origin.file, origin.line, "info",
                                    f"feature {feature}: not found on load-path or in any package "
                                    "directory; (require ... nil t) returns nil, as in Emacs",
                                    "opaque-library", origin.col))
        return False
    else:
        _report_opaque_library(ip, feature, path, origin, installed_by)
    ip.load_events.append((feature, origin))
    provide(ip, feature, also_file=True)
    return True


def _absent_manager(ip: Any, feature: str, noerror: bool) -> bool:
    """A feature of a package manager that is not installed in this home (straight.el,
    elpaca: elconf.frameworks.MANAGERS) cannot load here, as in Emacs here: with NOERROR
    ``require`` answers nil (True here), else it fails, not evaluable (raised with the
    unknown that stands for the manager)."""
    from elconf.frameworks import MANAGER_FEATURES, manager_absent

    manager = MANAGER_FEATURES.get(feature)
    absent = manager_absent(ip, manager) if manager is not None else None
    if absent is None:
        return False
    if noerror:
        return True
    signal = lisp_error("file-missing", "Cannot open load file", "No such file or directory", feature)
    signal.unknown = absent
    raise signal


def _report_opaque_library(ip: Any, feature: str, path: Path | None, origin: Origin,
                           installed_by: str | None = None) -> None:
    """Say why a feature is provided without evaluating anything."""
    if path is None and installed_by is not None:
        severity, text = "info", f"feature {feature}: a package installed by {installed_by}"
    elif path is not None and is_emacs_file(path):
        severity, text = "info", f"feature {feature}: an Emacs library we do not model"
    elif path is not None:
        severity, text = "info", f"feature {feature}: installed package at {path}, not evaluated"
    else:
        found = find_installed_package(ip, feature)
        if found is not None:
            severity, text = "info", f"feature {feature}: installed package at {found}, not evaluated"
        else:
            severity, text = "warning", (f"feature {feature}: no model, not on load-path and not in any "
                                         f"package directory; Emacs would signal \u201cCannot open load "
                                         f"file\u201d unless it is installed somewhere else")
    ip.diagnostics.append(_diag(origin.file, origin.line, severity,
                                f"{text}; assumed loaded, its own settings are not evaluated",
                                "opaque-library", origin.col))
    from elconf.skipped import note_skipped_library

    note_skipped_library(ip, feature, origin)


def _diag(file: str | None, line: int | None, severity: str, message: str, rule: str,
          col: int | None = None) -> Any:
    from elconf.diagnostics import Diagnostic

    return Diagnostic(file, line, col, severity, message, rule)  # type: ignore[arg-type]


# -- loading files -----------------------------------------------------------------

def load_path(ip: Any, path: Path, text: str | None = None, lexical: bool | None = None) -> None:
    """Evaluate every form of ``path`` in order (errors propagate, as in Emacs).

    ``text`` stands for the file's contents when the caller made them (a tangled
    Org file), with ``lexical`` saying whether they bind lexically."""
    from elconf.interpreter import Env
    from elconf.reader import ReadError, read_forms

    if ip.load_depth >= ip.limits.max_load_depth:
        raise LimitExceeded("load nesting", ip.limits.max_load_depth)
    text = read_source(path) if text is None else text
    if ip.load_depth:
        # Loaded by Lisp (load, require, load-file...): Emacs expands its macros eagerly,
        # which is how its functions print (elconf.eager_expand).
        ip.eager_files.add(str(path))
    saved = (ip.file, ip.pos, ip.lexical)
    ip.file, ip.lexical = str(path), lexical_cookie(text) if lexical is None else lexical
    ip.load_depth += 1
    token = ip.store.binding_depth
    origin = Origin("load", str(path), None, None)
    ip.store.bind("load-file-name", str(path), origin)
    ip.store.bind("load-true-file-name", str(path), origin)
    ip.store.bind("load-in-progress", T, origin)
    ip.store.bind("lexical-binding", T if ip.lexical else NIL, origin)
    try:
        forms = read_forms(text, str(path))
        # One empty frame for every top-level form: nothing writes into a frame it did
        # not make (let, dolist ... make their own), and Emacs too gives every closure
        # made at top level the same environment, its one (t).
        top = Env({}, None) if ip.lexical else None
        while True:
            try:
                form = next(forms)
            except StopIteration:
                break
            except ReadError as exc:
                raise read_error_signal(exc, str(path)) from None
            ip.pos = (form.line, form.col)
            try:
                ip._eval(form.value, top)
            except (LispSignal, LimitExceeded) as exc:
                # A top-level atom (no cons carries a position), or a limit met where no
                # position was at hand (the time budget, checked between steps): the form.
                if exc.line is None:
                    exc.file, exc.line, exc.col = str(path), form.line, form.col
                raise
    finally:
        ip.store.unbind(token)
        ip.load_depth -= 1
        ip.file, ip.pos, ip.lexical = saved
    ip.loaded_files.append(str(path))
    stem = path.name
    for suffix in (".gz", ".el", ".elc"):
        stem = stem.removesuffix(suffix)
    _run_after_load(ip, ("file", stem))


def read_error_signal(exc: Any, filename: str | None) -> LispSignal:
    """A reader error as the Lisp signal Emacs raises (end-of-file, invalid-read-syntax)."""
    if exc.error_symbol == "end-of-file":
        signal = lisp_error("end-of-file")
    else:
        prefix = "Invalid read syntax: "
        detail = exc.emacs_message
        if detail.startswith(prefix):
            detail = detail[len(prefix):]
            if detail.startswith('"') and detail.endswith('"'):
                detail = detail[1:-1].replace('\\"', '"').replace("\\\\", "\\")
        signal = lisp_error(exc.error_symbol, detail)
    signal.file, signal.line, signal.col = filename, exc.line, exc.col
    signal.detail = exc.message
    return signal


def load_top_file(ip: Any, path: Path) -> bool:
    """Load an init file: an error Emacs itself raises stops the rest of it
    (diagnostic added; what is only not evaluable here never reaches this), and
    ``kill-emacs`` stops it and sets ``ip.killed``."""
    ip.reset_budget()
    try:
        load_path(ip, path)
        return True
    except LispSignal as exc:
        text = getattr(exc, "detail", None) or exc.message()
        ip.diagnostics.append(_diag(exc.file or str(path), exc.line, "error",
                                    f"{text}; Emacs stops loading {path} here: "
                                    f"the rest of the file is not evaluated", "lisp-error", exc.col))
    except KillEmacs as exc:
        ip.killed = exc
        ip.diagnostics.append(_diag(exc.file or str(path), exc.line, "warning",
                                    "kill-emacs: Emacs exits here; nothing after it runs (no later "
                                    "form or file, no after-init-hook)", "kill-emacs", exc.col))
    except LimitExceeded as exc:
        ip.diagnostics.append(_diag(exc.file or str(path), exc.line, "error",
                                    f"sandbox {exc.what} limit ({exc.limit}) exceeded; evaluation of "
                                    f"{path} stopped here", "limit-exceeded", exc.col))
    except RecursionError:
        ip.diagnostics.append(_diag(ip.file or str(path), ip.pos[0] if ip.pos else None, "error",
                                    f"sandbox nesting depth limit exceeded; evaluation of {path} stopped",
                                    "limit-exceeded"))
    except FileNotFoundError as exc:
        ip.diagnostics.append(_diag(str(path), None, "error", f"cannot open {exc.filename}",
                                    "file-missing"))
    finally:
        ip.depth = 0
    return False


def lisp_load(ip: Any, name: str, noerror: bool, nosuffix: bool, must_suffix: bool, form: Any) -> Any:
    """The ``load`` function."""
    path = locate_library(ip, name, nosuffix, must_suffix)
    from elconf.builtins.files import expand
    from elconf.frameworks import load_hook

    modelled = load_hook(ip, name, str(path) if path is not None else expand(ip, name))
    if modelled is not None:       # a package manager's own file (straight's bootstrap ...)
        return modelled
    if path is None:
        if noerror:
            return NIL
        # Not on this machine: the user's Emacs, where it is, loads it; what it sets is unknown.
        if not ip.stop_at_any_error:    # (else the load fails, as in an Emacs without the file)
            _note_unread(ip, name, form)
        return ip.not_evaluable(lisp_error("file-missing", "Cannot open load file",
                                           "No such file or directory", name),
                                f"load of {name}: no such file here", form)
    origin = ip.here("load", form)
    if is_emacs_file(path):
        stem = Path(name).name
        return T if require(ip, stem, origin) else NIL
    if path.name.endswith(".elc"):
        ip.diagnose("info", f"{path} is byte-compiled only; not evaluated", "elc-opaque", form)
        return T
    if is_package_file(ip, path):
        ip.diagnose("info", f"{path} belongs to an installed package; not evaluated", "opaque-library", form)
        _note_unread(ip, name, form)
        return T
    if is_encrypted(path.name):
        if not ip.stop_at_any_error:
            _note_unread(ip, name, form)
        # epa-file (on by default) decrypts it with the user's key in their Emacs; here
        # it is binary, not Lisp: what it sets is unknown, the rest of the file goes on.
        return ip.not_evaluable(lisp_error("file-error", "Opening input file", "Can't decrypt",
                                           str(path)),
                                f"load of {path}: encrypted (epa-file decrypts it in Emacs)", form)
    load_path(ip, path)
    return T


def _note_unread(ip: Any, name: str, form: Any) -> None:
    """A file ``load`` did not read: its settings are unknown (elconf.skipped)."""
    from elconf.skipped import note_skipped_library

    note_skipped_library(ip, name, ip.here("load", form), how="load")


def add_load_path(ip: Any, value: Any, origin: Origin) -> None:
    """use-package :load-path: relative names are under user-emacs-directory; prepended."""
    paths = list(value) if type(value) is Cons else [value]
    base = ip.store.value("user-emacs-directory")
    for p in paths:
        if type(p) is Symbol:
            p = ip.symbol_value(p)
        if not isinstance(p, str):
            continue
        full = p if p.startswith(("/", "~")) else os.path.join(base if isinstance(base, str) else "~/.emacs.d/", p)
        full = os.path.normpath(expand_user(ip, full))
        current = ip.store.value("load-path")
        if not any(isinstance(x, str) and x == full for x in (current if type(current) is Cons else ())):
            ip.store.assign("load-path", Cons(full, current if current is not UNBOUND else NIL), origin)


# -- eval-after-load -----------------------------------------------------------------

def _after_key(what: Any) -> tuple[str, str]:
    if type(what) is Symbol:
        return ("feature", what.name)
    if isinstance(what, str):
        name = os.path.basename(what)
        for suffix in (".gz", ".el", ".elc"):
            name = name.removesuffix(suffix)
        return ("file", name)
    raise lisp_error("wrong-type-argument", intern("stringp"), what)


def _is_loaded(ip: Any, key: tuple[str, str]) -> bool:
    if key[0] == "feature":
        return key[1] in ip.features
    return key[1] in ip.features or any(Path(f).name.split(".")[0] == key[1] for f in ip.loaded_files)


def eval_after_load(ip: Any, what: Any, action: Any, form: Any) -> None:
    """Run ``action`` (a Closure, a Python thunk or a form) once ``what`` has loaded."""
    key = _after_key(what)
    if _is_loaded(ip, key):
        _run_action(ip, action)
    else:
        ip.after_load.setdefault(key, []).append((action, ip.here("with-eval-after-load", form)))


def _run_after_load(ip: Any, key: tuple[str, str]) -> None:
    pending = ip.after_load.pop(key, None)
    for action, origin in pending or ():
        saved = ip.file, ip.pos
        ip.file, ip.pos = origin.file, (origin.line, origin.col) if origin.line else None
        try:
            _run_action(ip, action)
        finally:
            ip.file, ip.pos = saved


def _run_action(ip: Any, action: Any) -> None:
    from elconf.interpreter import Closure

    if isinstance(action, Closure):
        ip.call_closure(action, [])
    elif callable(action):
        action()
    else:
        ip._eval(action, None)


def after_all_features(ip: Any, names: list[str], thunk: Callable[[], None], form: Any) -> None:
    missing = [n for n in names if n not in ip.features]
    if not missing:
        thunk()
        return
    eval_after_load(ip, intern(missing[0]), lambda: after_all_features(ip, names, thunk, form), form)


def try_autoload(ip: Any, fname: str, form: Any) -> bool:
    """If ``fname`` is autoloaded from a library not loaded yet, load it; True if now defined."""
    feature = ip.autoloads.get(fname)
    if feature is None or feature in ip.features or feature in _in_progress(ip):
        return False
    require(ip, feature, ip.here(f"autoload of {fname}", form))
    return ip.functions.get(intern(fname)) is not None


def run_idle_loads(ip: Any) -> None:
    while ip.idle_loads:
        feature, origin = ip.idle_loads.pop(0)
        require(ip, feature, Origin("idle timer", origin.file, origin.line, origin.col))


def variable_true(ip: Any, name: str) -> bool:
    value = ip.store.value(name)
    return value is not UNBOUND and value is not NIL
