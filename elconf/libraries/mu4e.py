"""mu4e 1.8 (Debian's 1.8.14): the parts that decide how a message is sent.

mu4e keeps several accounts as *contexts*: records made by
``make-mu4e-context`` and listed in ``mu4e-contexts``.  Switching to one
(``mu4e-context-switch``) runs the old context's leave-func, the new one's
enter-func, then sets each of its ``:vars`` with ``set``.  The functions are
modelled in :mod:`elconf.accounts.mu4e`; this module holds the libraries'
variables, with the defaults mu4e 1.8.14 gives them, split by the feature
that defines them so that ``(require 'mu4e-context)`` alone behaves as in
Emacs.  Loading ``mu4e`` loads message.el and smtpmail.el (through
mu4e-compose), so their defaults arrive with it.
"""

from __future__ import annotations

from elconf.libraries import LibraryModel, VariableModel, register
from elconf.libraries._helpers import custom, var

_POLICY_TYPE = ("(choice (const always-ask) (const ask) (const ask-if-none) "
                "(const pick-first) (const nil))")

CONTEXT = register(LibraryModel(
    feature="mu4e-context",
    requires=("mu4e-helpers",),
    variables=(
        custom("mu4e-context-policy", "'ask-if-none", _POLICY_TYPE,
               "Which context to enter when mu4e starts and none matches."),
        var("mu4e-contexts", "nil", "The contexts (accounts), in order."),
        var("mu4e-context-changed-hook", "nil", "Run after each context switch."),
        var("mu4e--context-current", "nil", "The context switched to last."),
    ),
    functions=("make-mu4e-context", "mu4e-context-switch", "mu4e-context-current",
               "mu4e-context-determine", "mu4e-context-name", "mu4e-context-vars",
               "mu4e-context-enter-func", "mu4e-context-leave-func", "mu4e-context-match-func",
               "mu4e-context-p", "mu4e--context-autoswitch", "mu4e-context-label"),
))

register(LibraryModel(feature="mu4e-config"))
register(LibraryModel(feature="mu4e-helpers", requires=("seq", "ido", "cl-lib", "bookmark", "mu4e-config")))

FOLDERS = register(LibraryModel(
    feature="mu4e-folders",
    requires=("mu4e-helpers", "mu4e-context"),
    variables=(
        custom("mu4e-drafts-folder", '"/drafts"', None, "Maildir folder for drafts."),
        custom("mu4e-refile-folder", '"/archive"', None, "Maildir folder for refiled messages."),
        custom("mu4e-sent-folder", '"/sent"', None, "Maildir folder for sent messages."),
        custom("mu4e-trash-folder", '"/trash"', None, "Maildir folder for trashed messages."),
        custom("mu4e-maildir-shortcuts", "nil", None, "Shortcuts to jump to folders."),
    ),
))

DRAFT = register(LibraryModel(
    feature="mu4e-draft",
    requires=("cl-lib", "message", "mu4e-folders"),
    variables=(
        custom("mu4e-compose-reply-to-address", "nil", None, "Reply-To of new messages."),
        custom("mu4e-sent-messages-behavior", "'sent",
               "(choice (const sent) (const trash) (const delete) function)",
               "What happens to a sent message: filed in the sent or trash folder, or deleted."),
        custom("mu4e-compose-context-policy", "'ask", _POLICY_TYPE,
               "Which context a new message is written in when no match-func accepts it."),
        custom("mu4e-compose-pre-hook", "nil", "hook", "Run before composing (contexts switch here)."),
        custom("mu4e-compose-dont-reply-to-self", "nil", "boolean", "Leave own addresses out of replies."),
        custom("mu4e-compose-signature", '(or message-signature "Sent with my mu4e")', None,
               "Signature of mu4e messages; copies message-signature when mu4e loads."),
        custom("mu4e-compose-signature-auto-include", "t", "boolean", "Insert the signature."),
        custom("mu4e-compose-format-flowed", "nil", "boolean", "Write format=flowed text."),
    ),
))

COMPOSE = register(LibraryModel(
    feature="mu4e-compose",
    requires=("cl-lib", "message", "mail-parse", "smtpmail", "mu4e-draft", "mu4e-context"),
    functions=("mu4e-compose-new", "mu4e-compose-reply", "mu4e-compose-forward", "mu4e~compose-mail"),
    autoloads=("mu4e~compose-mail",),
))

def _generated() -> tuple[VariableModel, ...]:
    """The rest of mu4e's variables, as Emacs printed them (scripts/make_mu4e_variables.py):
    a config that does ``(add-to-list 'mu4e-view-actions ...)`` after ``(require 'mu4e)``
    must find them bound, as in Emacs."""
    from elconf.libraries.mu4e_variables import VARIABLES as GENERATED

    return tuple(VariableModel(name=name, default=source, kind=kind,
                               doc="mu4e 1.8.14; default as Emacs computes it")
                 for name, kind, source in GENERATED)


MU4E = register(LibraryModel(
    feature="mu4e",
    requires=("mu4e-helpers", "mu4e-context", "mu4e-folders", "mu4e-draft", "mu4e-compose"),
    variables=_generated(),
    functions=("mu4e", "mu4e-quit", "mu4e-update-mail-and-index"),
    autoloads=("mu4e",),
))


#: Variables modelled above by hand; the generated table leaves them out.
HAND_MODELLED = frozenset(v.name for model in (CONTEXT, FOLDERS, DRAFT) for v in model.variables)
