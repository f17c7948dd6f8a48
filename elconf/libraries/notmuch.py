"""notmuch 0.37 (Debian's elpa-notmuch): every variable it binds, with its default.

Loading notmuch loads message.el (through notmuch-mua), and with it
auth-source and mail-utils.  The variables come from Emacs
(scripts/make_mu4e_variables.py notmuch): keymaps and byte-code are bound to
unknown values, automatically buffer-local ones (``notmuch-search-oldest-first``)
are made so, as in Emacs.  For sending, notmuch changes nothing but the From
field: ``notmuch-identities`` lists the From addresses the user picks from
(:mod:`elconf.accounts.notmuch`), ``notmuch-fcc-dirs`` where copies go.
"""

from __future__ import annotations

from elconf.libraries import LibraryModel, VariableModel, register


def _generated() -> tuple[VariableModel, ...]:
    from elconf.libraries.notmuch_variables import VARIABLES as GENERATED

    return tuple(VariableModel(name=name, default=source, kind=kind,
                               doc="notmuch 0.37; default as Emacs computes it")
                 for name, kind, source in GENERATED)


MODEL = register(LibraryModel(
    feature="notmuch",
    requires=("message", "mail-utils", "auth-source"),
    variables=_generated(),
    functions=("notmuch", "notmuch-mua-new-mail", "notmuch-mua-mail", "notmuch-mua-send",
               "notmuch-mua-send-and-exit", "notmuch-hello", "notmuch-search"),
    autoloads=("notmuch", "notmuch-mua-new-mail", "notmuch-hello", "notmuch-search"),
))
