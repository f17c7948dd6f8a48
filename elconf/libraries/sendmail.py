"""sendmail.el (28.2): the classic mail mode and ``sendmail-send-it``.

In a dumped Emacs most of its user options are already bound before the
init file (they are autoloaded defcustoms, computed when Emacs was built):
those are :data:`PRELOADED`.  The rest appear only when the library loads,
typically because smtpmail requires it.  ``send-mail-function`` is the
notable case: its full default would pick ``smtpmail-send-it`` when a server
is known, but the preloaded value was computed at build time, with no
server, so a fresh Emacs has ``sendmail-query-once``.
"""

from __future__ import annotations

from elconf.libraries import LibraryModel, register
from elconf.libraries._helpers import custom, var

_SENDMAIL_PROGRAM = """\
(or (executable-find "sendmail")
    (cond ((file-exists-p "/usr/sbin/sendmail") "/usr/sbin/sendmail")
          ((file-exists-p "/usr/lib/sendmail") "/usr/lib/sendmail")
          ((file-exists-p "/usr/ucblib/sendmail") "/usr/ucblib/sendmail")
          (t "sendmail")))"""

_SEND_MAIL_FUNCTION_TYPE = (
    "(radio (function-item sendmail-send-it) (function-item sendmail-query-once) "
    "(function-item smtpmail-send-it) (function-item feedmail-send-it) "
    "(function-item mailclient-send-it) function)")

_FROM_STYLE_TYPE = "(choice (const nil) (const parens) (const angles) (const default))"

# Bound in `emacs -Q` before any init file (verified with Emacs 28.2).
PRELOADED = (
    custom("mail-from-style", "'angles", _FROM_STYLE_TYPE,
           "How a generated From: shows the full name (obsolete since 27.1).",
           obsolete="27.1: the From: header always uses angles"),
    custom("mail-specify-envelope-from", "nil", "boolean",
           "Non-nil: give the envelope sender explicitly (sendmail -f, smtpmail MAIL FROM)."),
    custom("mail-self-blind", "nil", "boolean", "Non-nil: Bcc yourself on outgoing mail."),
    custom("mail-interactive", "t", "boolean",
           "Non-nil: wait for sendmail and report its errors (-oep -odi)."),
    custom("send-mail-function", "'sendmail-query-once", _SEND_MAIL_FUNCTION_TYPE,
           "The function that sends a composed message; the value computed when Emacs was built."),
    custom("mail-header-separator", '"--text follows this line--"', "string",
           "The line between header and body in a mail buffer."),
    custom("mail-archive-file-name", "nil", "(choice file (const nil))",
           "File to Fcc every outgoing message to."),
    custom("mail-default-reply-to", "nil", "(choice (const nil) string)",
           "Reply-To address inserted into new messages."),
    custom("mail-personal-alias-file", '"~/.mailrc"', "(choice (const nil) file)",
           "The mailrc file whose aliases are expanded in To/Cc/Bcc."),
    var("mail-aliases", "t", "t: read aliases from mail-personal-alias-file when needed."),
    custom("mail-yank-prefix", '"> "', "(choice (const nil) string)", "Prefix of yanked lines."),
    custom("mail-signature", "t", "(choice (const nil) (const t) string sexp)",
           "t: insert ~/.signature into new messages."),
    custom("mail-signature-file", '"~/.signature"', "file", "The signature file."),
    custom("mail-default-directory", '"~/"', "directory", "Default directory of mail buffers."),
    custom("mail-default-headers", "nil", "(choice (const nil) string)",
           "Extra header text inserted into new messages."),
    custom("mail-mailing-lists", "nil", "(repeat string)", "Addresses of lists you are on."),
    var("sendmail-coding-system", "nil", "Coding system for outgoing mail (nil: choose)."),
)

# Defined only when sendmail.el itself loads, in file order.
VARIABLES = (
    custom("mail-setup-with-from", "t", "boolean", "Non-nil: new mail buffers get a From: line."),
    custom("sendmail-program", _SENDMAIL_PROGRAM, "file",
           "The program sendmail-send-it pipes messages to."),
    *PRELOADED[:4],
    custom("mail-envelope-from", "nil",
           "(choice (string :tag \"From-name\") (const header) (const nil))",
           "Envelope sender when mail-specify-envelope-from: a string, `header', or nil."),
    custom("send-mail-function",
           "(if (and (boundp 'smtpmail-smtp-server) smtpmail-smtp-server) "
           "#'smtpmail-send-it #'sendmail-query-once)",
           _SEND_MAIL_FUNCTION_TYPE, "The function that sends a composed message."),
    *PRELOADED[5:9],
    custom("mail-alias-file", "nil", "(choice (const nil) file)",
           "System alias file passed to sendmail as -oA."),
    *PRELOADED[9:16],
    custom("mail-send-nonascii", "'mime", "(choice (const t) (const nil) (const query) (const mime))",
           "What to do with non-ASCII text: `mime' adds MIME headers."),
    custom("mail-use-dsn", "nil", "(repeat (radio (const failure) (const delay) (const success)))",
           "Delivery status notifications to request (sendmail -N only)."),
    var("mail-mailer-swallows-blank-line", "nil", "Obsolete hack for old sendmails."),
    *PRELOADED[16:],
    var("sendmail-error-reporting-interactive", "'(\"-oep\" \"-odi\")",
        "sendmail flags when mail-interactive is non-nil."),
    var("sendmail-error-reporting-non-interactive", "'(\"-oem\" \"-odb\")",
        "sendmail flags when mail-interactive is nil."),
)

MODEL = register(LibraryModel(
    feature="sendmail",
    requires=("mail-utils", "rfc2047"),
    variables=VARIABLES,
    functions=("sendmail-send-it", "sendmail-query-once", "sendmail-sync-aliases", "mail",
               "mail-mode", "mail-send", "mail-send-and-exit", "mail-other-window",
               "mail-other-frame", "sendmail-user-agent-compose", "mail-envelope-from"),
    autoloads=("sendmail-query-once", "mail", "mail-mode", "mail-other-window", "mail-other-frame",
               "sendmail-user-agent-compose"),
    preloaded_variables=PRELOADED,
))
