"""Models of the Emacs libraries that hold mail settings, as data.

A library model lists what loading the library does to the variable store:
each ``defvar``/``defcustom`` with its default written as Lisp source (the
evaluator evaluates it when the library loads, never over a bound value),
the features it requires first, the functions it defines, and the functions
whose call autoloads it.  The evaluator (``elconf.loading``) turns a model
into effects; the data lives in one module per library (``smtpmail.py``,
``sendmail.py`` ...), registered in :data:`REGISTRY`.
"""

from __future__ import annotations

from elconf.records import record


@record(frozen=True)
class VariableModel:
    name: str
    default: str                    # Lisp source of the default expression, evaluated at load time
    kind: str = "defcustom"         # "defcustom", "defvar" or "defconst"
    type: str | None = None         # Lisp source of the defcustom :type, for checks
    doc: str = ""                   # one line, in our own words
    obsolete: str | None = None     # for obsolete variables: what replaced them


@record(frozen=True)
class LibraryModel:
    feature: str                                  # the feature it provides, e.g. "smtpmail"
    requires: tuple[str, ...] = ()                # features required before its variables are defined
    variables: tuple[VariableModel, ...] = ()
    functions: tuple[str, ...] = ()               # functions defined once it is loaded
    autoloads: tuple[str, ...] = ()               # functions whose first call loads it
    preloaded: bool = False                       # loaded in a dumped `emacs -Q` before the init file
    preloaded_variables: tuple[VariableModel, ...] = ()  # autoloaded defcustoms bound at startup
    aliases: tuple[tuple[str, str], ...] = ()     # (old, new) function aliases it defines (cl.el)


REGISTRY: dict[str, LibraryModel] = {}
_LOADED: list[bool] = []      # non-empty once every model module is imported (a module imported
                              # on its own registers its models without making the table complete)


def register(model: LibraryModel) -> LibraryModel:
    REGISTRY[model.feature] = model
    return model


def find_library(feature: str) -> LibraryModel | None:
    """The model for ``feature``, loading the model modules on first use."""
    if not _LOADED:
        _load_models()
    model = REGISTRY.get(feature)
    if model is None:
        # A library Emacs ships but we do not model loads as an empty library.
        from elconf.libraries.builtin import empty_library

        model = empty_library(feature)
    return model


def all_libraries() -> dict[str, LibraryModel]:
    if not _LOADED:
        _load_models()
    return REGISTRY


def _load_models() -> None:
    # Each module registers itself on import; the list is the single place to add one.
    import importlib

    for name in MODEL_MODULES:
        importlib.import_module(f"elconf.libraries.{name}")
    importlib.import_module("elconf.frameworks.libraries")   # package managers' own libraries
    _LOADED.append(True)


# Model modules, in the order their libraries load at Emacs start-up.
MODEL_MODULES: tuple[str, ...] = (
    "startup",       # the C core and startup.el: feature `emacs', preloaded first
    "builtin",       # the other preloaded features, then empty models on demand
    "mail_utils",
    "sendmail",
    "auth_source",
    "gnutls",
    "smtpmail",
    "message",
    "use_package",
    "mu4e",
    "smtpmail_multi",
    "notmuch",
    "cl",
)
