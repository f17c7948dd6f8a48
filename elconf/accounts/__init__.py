"""Accounts as mail clients define them, found in the evaluated init file.

A mail client keeps several accounts by switching Emacs's one set of mail
variables: mu4e contexts, Doom's ``set-email-account!`` (which makes mu4e
contexts), Gnus posting styles, notmuch identities, smtpmail-multi, and the
home-made interactive command that only sets mail variables.  This package
finds them (:mod:`elconf.accounts.discovery`), applies one as its client
would when switching to it, and chooses the account for a message.

The Lisp functions the clients define (``make-mu4e-context``,
``mu4e-context-switch`` ...) live beside, one module per client, as builtin
tables: this ``__init__`` stays empty so that importing them costs nothing
more at start-up.
"""
