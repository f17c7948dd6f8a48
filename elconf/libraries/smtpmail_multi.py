"""smtpmail-multi (MELPA, 0.6): several SMTP accounts chosen by the From header.

``smtpmail-multi-accounts`` maps an account symbol to ``(USER SERVER PORT
MAIL-FROM STREAM-TYPE KEY CERT LOCAL-HOSTNAME)``; ``smtpmail-multi-associations``
lists ``(MATCH ACCOUNT...)`` rules (a regexp for the From field, ``(HEADER .
REGEXP)``, or a predicate); ``smtpmail-multi-default-account`` applies when
no rule matches.  ``smtpmail-multi-send-it`` (as ``send-mail-function`` or
``message-send-mail-function``) switches to the first matching account with
``smtpmail-multi-change`` and calls ``smtpmail-send-it``.  The functions are
modelled in :mod:`elconf.builtins.smtpmail_multi`.
"""

from __future__ import annotations

from elconf.libraries import LibraryModel, register
from elconf.libraries._helpers import custom

MODEL = register(LibraryModel(
    feature="smtpmail-multi",
    requires=("cl", "smtpmail"),
    variables=(
        custom("smtpmail-multi-accounts", "nil", None,
               "Account symbol -> (USER SERVER PORT MAIL-FROM STREAM-TYPE KEY CERT LOCAL-HOSTNAME)."),
        custom("smtpmail-multi-default-account", "nil", "symbol",
               "The account used when no association matches."),
        custom("smtpmail-multi-associations", "nil", None,
               "(MATCH ACCOUNT...) rules choosing accounts for a message."),
    ),
    functions=("smtpmail-multi-change", "smtpmail-multi-get-accounts", "smtpmail-multi-send-it"),
    autoloads=("smtpmail-multi-change", "smtpmail-multi-get-accounts", "smtpmail-multi-send-it"),
))
