"""Small evaluator gaps the real-configs corpus (tests/realconfigs) found, each checked here
against what Emacs 28.2 does."""

from __future__ import annotations

from elconf.types import NIL, UNBOUND


def test_load_library_loads_a_modelled_library_like_load(run):
    # An old ~/.emacs loads smtpmail with load-library; in Emacs 28.2 its defaults are
    # bound after it (smtpmail-stream-type is nil, not void).
    ip = run('(load-library "smtpmail")\n(setq smtpmail-smtp-service 25)\n')
    assert ip.store.get("smtpmail-stream-type") is NIL
    assert ip.store.get("smtpmail-smtp-service") == 25


def test_customize_set_variable_loads_the_library_of_an_autoloaded_defcustom(run):
    # Emacs 28.2: custom-load-symbol loads sendmail for send-mail-function (custom-autoload in
    # loaddefs), so sendmail-program is bound afterwards; smtpmail-smtp-server has no
    # custom-autoload and loads nothing; custom-set-variables never loads.
    ip = run("(customize-set-variable 'send-mail-function #'smtpmail-send-it)\n"
             "(customize-set-variable 'smtpmail-smtp-server \"smtp.example.org\")\n")
    assert ip.store.get("sendmail-program") is not UNBOUND
    assert ip.store.get("smtpmail-stream-type") is UNBOUND
    ip = run("(custom-set-variables '(send-mail-function 'smtpmail-send-it))\n")
    assert ip.store.get("sendmail-program") is UNBOUND
