"""Doom Emacs's ``set-email-account!`` and the defaults of its ``:email mu4e`` module.

Doom defines ``set-email-account!`` only when the mu4e module is enabled,
so a config that calls it runs with that module: its ``use-package! mu4e
:config`` settings apply when mu4e loads, before the user's own ``after!
mu4e`` bodies.  The mail-relevant ones (read from Doom's module sources;
this is our own model of them):

* ``message-send-mail-function`` ``smtpmail-send-it``, ``smtpmail-stream-type``
  ``starttls``;
* ``mu4e-context-policy`` ``pick-first``, ``mu4e-compose-context-policy``
  ``ask-if-none``, ``mu4e-sent-messages-behavior`` ``sent``;
* ``mu4e-get-mail-command`` ``"mbsync -a"`` with
  ``mu4e-change-filenames-when-moving`` t (the default mbsync backend),
  ``mu4e-update-interval`` nil, ``message-kill-buffer-on-exit`` t,
  ``mail-user-agent`` and ``message-mail-user-agent`` ``mu4e-user-agent``.

``(set-email-account! LABEL LETVARS &optional DEFAULT-P)`` then, once mu4e is
loaded: drops any context named LABEL from ``mu4e-contexts``, makes a context
LABEL whose ``:vars`` are LETVARS (its leave-func resets
``+mu4e-personal-addresses``; its match-func looks for a maildir ``/LABEL``
in a parent message, so it accepts no new message), and adds it at the front
of ``mu4e-contexts`` when DEFAULT-P, else at the end.
"""

from __future__ import annotations

from elconf.builtins import Table
from elconf.types import NIL, Cons, intern, lisp_list

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

TABLE = Table()
define = TABLE.define

#: The module's mail settings, as Lisp source evaluated when mu4e loads.
MODULE_DEFAULTS = """\
(setq mu4e-get-mail-command "mbsync -a"
      mu4e-change-filenames-when-moving t
      mu4e-update-interval nil
      mu4e-sent-messages-behavior 'sent
      message-send-mail-function #'smtpmail-send-it
      smtpmail-stream-type 'starttls
      message-kill-buffer-on-exit t
      mu4e-context-policy 'pick-first
      mu4e-compose-context-policy 'ask-if-none
      mail-user-agent 'mu4e-user-agent
      message-mail-user-agent 'mu4e-user-agent)
"""

_MODULE_LOADED = intern("elconf--doom-email-module")


def _module(ip: Any) -> None:
    """Set Doom's module up once: its defvars now, its mu4e settings when mu4e loads."""
    from elconf.loading import eval_after_load
    from elconf.store import Origin

    if ip.get_prop(_MODULE_LOADED, _MODULE_LOADED) is not NIL:
        return
    ip.put_prop(_MODULE_LOADED, _MODULE_LOADED, intern("t"))
    origin = Origin("defvar", None, None, None, library="Doom :email mu4e module")
    for name, value in (("+mu4e-backend", intern("mbsync")), ("+mu4e-personal-addresses", NIL)):
        if ip.store.get(name) is _unbound():
            ip.store.set(name, value, origin)
            ip.store.special.add(name)
    forms = _read(MODULE_DEFAULTS)

    def apply_defaults() -> None:
        saved = ip.file, ip.pos
        ip.file, ip.pos = "Doom :email mu4e module (config.el)", None
        try:
            for form in forms:
                ip.eval(form)
        finally:
            ip.file, ip.pos = saved

    eval_after_load(ip, intern("mu4e"), apply_defaults, None)


def _unbound() -> Any:
    from elconf.types import UNBOUND

    return UNBOUND


def _read(text: str) -> list[Any]:
    from elconf.reader import read_forms

    return [form.value for form in read_forms(text)]


@define("set-email-account!")
def set_email_account(ip: Any, label: Any, letvars: Any, default_p: Any = NIL) -> Any:
    """Doom's account: a mu4e context made once mu4e loads (see the module docstring)."""
    from elconf.builtins.mu4e_context import DOOM_MADE, ORIGINS, context_name, make_context
    from elconf.equality import lisp_equal
    from elconf.loading import eval_after_load

    _module(ip)
    made_at = ip.here("set-email-account!")

    def register() -> None:
        kept = [c for c in _list(ip.store.get("mu4e-contexts")) if not lisp_equal(context_name(c), label)]
        context = make_context(ip, intern(":name"), label,
                               intern(":leave-func"), _leave_func(ip),
                               intern(":match-func"), _match_func(ip, label),
                               intern(":vars"), letvars)
        ORIGINS[id(context)] = made_at
        DOOM_MADE[id(context)] = True
        contexts = [context, *kept] if default_p is not NIL else [*kept, context]
        ip.store.assign("mu4e-contexts", lisp_list(contexts), made_at)

    eval_after_load(ip, intern("mu4e"), register, None)
    return NIL


def _list(value: Any) -> list[Any]:
    items = []
    while type(value) is Cons:
        items.append(value.car)
        value = value.cdr
    return items


def _leave_func(ip: Any) -> Any:
    return ip.eval(_read("(lambda () (setq +mu4e-personal-addresses nil))")[0])


def _match_func(ip: Any, label: Any) -> Any:
    """Accepts a parent message in maildir /LABEL...; a new message (nil) never."""
    from elconf.printer import prin1_to_string

    text = ("(lambda (msg) (when msg (string-prefix-p (concat \"/\" %s) "
            "(or (mu4e-message-field msg :maildir) \"\") t)))" % prin1_to_string(label))
    return ip.eval(_read(text)[0])
