"""use-package, bind-key and diminish: ELPA packages, not part of Emacs 28.2.

use-package became built in with Emacs 29; with 28.2 users install it
(Debian: ``elpa-use-package``, which is what our parity tests run against).
The models only make ``(require 'use-package)`` succeed and bind the options
that change what ``use-package`` forms do; the macro itself is the
evaluator's (``elconf.macros``).
"""

from __future__ import annotations

from elconf.libraries import LibraryModel, register
from elconf.libraries._helpers import custom

BIND_KEY = register(LibraryModel(
    feature="bind-key",
    functions=("bind-key", "bind-keys", "unbind-key", "bind-key*"),
))

DIMINISH = register(LibraryModel(feature="diminish", functions=("diminish",)))

USE_PACKAGE = register(LibraryModel(
    feature="use-package",
    requires=("bind-key",),
    variables=(
        custom("use-package-always-defer", "nil", "boolean",
               "Non-nil: every use-package form defers loading as if :defer t."),
        custom("use-package-always-demand", "nil", "boolean",
               "Non-nil: every use-package form loads at once as if :demand t."),
        custom("use-package-always-ensure", "nil", "sexp",
               "Non-nil: install missing packages (never done by elconf)."),
        custom("use-package-verbose", "nil", "(choice (const nil) (const t) (const debug) (const errors))",
               "Report loading and configuration."),
        custom("use-package-expand-minimally", "nil", "boolean",
               "Non-nil: expand without error handling."),
    ),
    functions=("use-package", "use-package-autoload-keymap"),
))
