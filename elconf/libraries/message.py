"""message.el (28.2): the variables that decide how Message mode sends mail.

message.el has hundreds of options; this model keeps those that change what
reaches a server or a sendmail program, plus the ones whose default copies
another library's value at load time (``message-interactive`` copies
``mail-interactive`` *when message loads*).  ``message-send-mail-function``
defaults to ``message--default-send-mail-function``, which follows
``send-mail-function`` at send time.  ``message-server-alist`` is Emacs 29:
unknown to 28.2 and not modelled (a ``setq`` of it is kept, with no effect).
"""

from __future__ import annotations

from elconf.libraries import LibraryModel, register
from elconf.libraries._helpers import custom, var

_SEND_FUNCTION_TYPE = (
    "(radio (function-item message--default-send-mail-function) "
    "(function-item message-send-mail-with-sendmail) (function-item message-send-mail-with-mh) "
    "(function-item message-send-mail-with-qmail) (function-item message-smtpmail-send-it) "
    "(function-item smtpmail-send-it) (function-item feedmail-send-it) "
    "(function-item message-send-mail-with-mailclient) (function :tag \"Other\"))")

VARIABLES = (
    custom("message-from-style", "'angles",
           "(choice (const nil) (const parens) (const angles) (const default))",
           "How Message writes the From: header it generates."),
    custom("message-insert-canlock", "t", "boolean", "Insert Cancel-Lock headers (news)."),
    custom("message-required-mail-headers",
           "'(From Subject Date (optional . In-Reply-To) Message-ID (optional . User-Agent))",
           "(repeat sexp)", "Headers Message generates before sending mail."),
    custom("message-interactive", "mail-interactive", "boolean",
           "Non-nil: wait for the mailer and report errors; copies mail-interactive at load."),
    custom("message-user-organization", '(or (getenv "ORGANIZATION") t)',
           "(choice string (const t))", "Organization header; $ORGANIZATION or a file."),
    custom("message-send-mail-function", "#'message--default-send-mail-function",
           _SEND_FUNCTION_TYPE, "How Message sends mail; the default follows send-mail-function."),
    custom("message-sendmail-f-is-evil", "nil", "boolean",
           "Non-nil: never pass -f to the sendmail program."),
    custom("message-sendmail-envelope-from", "'obey-mail-envelope-from",
           "(choice string (const header) (const obey-mail-envelope-from) (const nil))",
           "Envelope sender for message-send-mail-with-sendmail."),
    custom("message-sendmail-extra-arguments", "nil", "(repeat string)",
           "Extra arguments for the sendmail program (e.g. msmtp -a ACCOUNT)."),
    custom("message-qmail-inject-program", '"/var/qmail/bin/qmail-inject"', "file",
           "qmail-inject, for message-send-mail-with-qmail."),
    custom("message-qmail-inject-args", "nil", "(choice (function) (repeat string))",
           "Arguments to qmail-inject."),
    custom("message-signature", "mail-signature", "(choice string (const nil) (const t) function sexp)",
           "Signature to insert; copies mail-signature at load."),
    custom("message-send-hook", "nil", "hook", "Run before sending any message."),
    custom("message-send-mail-hook", "nil", "hook", "Run before sending a mail message."),
    custom("message-send-mail-partially-limit", "nil", "(choice (const nil) integer)",
           "Split larger messages into message/partial pieces."),
    custom("message-alternative-emails", "nil", "(choice (const nil) regexp function)",
           "Your other addresses, for choosing From: in replies."),
    custom("message-user-fqdn", "nil", "(radio (const nil) (string))",
           "Domain for generated Message-IDs."),
    var("message-send-mail-real-function", "nil", "The sending function chosen for this send."),
)

MODEL = register(LibraryModel(
    feature="message",
    # auth-source is not required by message.el itself but arrives through
    # mml -> mml-sec -> gnus-util -> rmail; listed so it loads at the same point.
    requires=("cl-lib", "mailheader", "gmm-utils", "mail-utils", "mailabbrev", "mail-parse",
              "auth-source", "mml", "rfc822", "dired", "mm-util", "rfc2047", "puny", "rmc",
              "subr-x"),
    variables=VARIABLES,
    functions=("message-send-mail-with-sendmail", "message-send-mail-with-qmail",
               "message-send-mail-with-mh", "message-smtpmail-send-it",
               "message--default-send-mail-function", "message-send", "message-send-and-exit",
               "message-mail", "message-mode", "message-make-address"),
    autoloads=("message-mail", "message-mode", "message-reply", "message-wide-reply",
               "message-followup", "message-forward", "message-resend", "message-bounce",
               "message-mail-other-window", "message-mail-other-frame", "message-mailto",
               "message-news", "message-recover", "message-supersede"),
))
