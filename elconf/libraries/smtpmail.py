"""smtpmail.el (28.2): every user option and internal variable, in file order.

Nothing of smtpmail is preloaded: ``smtpmail-send-it`` is an autoload, so
the library (and these defaults) arrive at the first send, or earlier when
something requires it.  The defaults that read other values do so at that
moment: ``smtpmail-smtp-server`` takes ``$SMTPSERVER``, else whatever
``smtpmail-default-smtp-server`` holds *then* — which is why setting the
"default server" after ``(require 'smtpmail)`` has no effect.
"""

from __future__ import annotations

from elconf.libraries import LibraryModel, register
from elconf.libraries._helpers import custom, var

_SERVER_TYPE = "(choice (const nil) string)"

VARIABLES = (
    custom("smtpmail-default-smtp-server", "nil", _SERVER_TYPE,
           "Only feeds smtpmail-smtp-server's default, once, when smtpmail loads."),
    custom("smtpmail-smtp-server", '(or (getenv "SMTPSERVER") smtpmail-default-smtp-server)',
           _SERVER_TYPE, "The SMTP server to send to; nil means ask."),
    custom("smtpmail-smtp-service", "25", "(choice (integer :tag \"Port\") (string :tag \"Service\"))",
           "Port number or service name of the server."),
    custom("smtpmail-smtp-user", "nil", _SERVER_TYPE,
           "User name for AUTH; restricts which auth-source entry matches."),
    custom("smtpmail-local-domain", "nil", _SERVER_TYPE,
           "Appended to system-name for the EHLO/HELO argument."),
    custom("smtpmail-stream-type", "nil",
           "(choice (const nil) (const starttls) (const plain) (const ssl))",
           "nil: STARTTLS if offered; starttls: required; plain: never; ssl: implicit TLS."),
    custom("smtpmail-sendto-domain", "nil", _SERVER_TYPE,
           "Domain appended to recipients without an @ (envelope only)."),
    custom("smtpmail-debug-info", "nil", "boolean", "Keep a trace buffer of the SMTP session."),
    custom("smtpmail-debug-verb", "nil", "boolean", "Send VERB when the server offers it."),
    custom("smtpmail-code-conv-from", "nil", "coding-system",
           "Coding system for the message (nil: choose one)."),
    custom("smtpmail-queue-mail", "nil", "boolean", "Queue messages instead of sending them."),
    custom("smtpmail-queue-dir", '"~/Mail/queued-mail/"', "directory", "Where queued messages go."),
    custom("smtpmail-warn-about-unknown-extensions", "nil", "boolean",
           "Log capabilities smtpmail does not know."),
    custom("smtpmail-queue-index-file", '"index"', "string",
           "Name of the queue index file, inside the queue directory."),
    custom("smtpmail-servers-requiring-authorization", "nil", "(choice regexp (const nil))",
           "Regexp of servers to authenticate to before MAIL FROM."),
    custom("smtpmail-retries", "10", "integer",
           "Attempts when MAIL FROM gets a 4xx reply (total, not extra)."),
    custom("smtpmail-store-queue-variables", "nil", "boolean",
           "Save the server settings with each queued message."),
    var("smtpmail-recipient-address-list", "nil", "Recipients of the message being sent."),
    var("smtpmail--stored-queue-variables",
        "'(smtpmail-smtp-server smtpmail-stream-type smtpmail-smtp-service smtpmail-smtp-user)",
        "What a queue entry records when smtpmail-store-queue-variables is set."),
    var("smtpmail-queue-counter", "0", "Per-process counter in queue file names."),
    var("smtpmail-auth-supported", "'(cram-md5 plain login)",
        "AUTH mechanisms in order of preference; the first one the server offers is used."),
    var("smtpmail-mail-address", "nil", "Envelope sender of the message being sent."),
)

FUNCTIONS = (
    "smtpmail-send-it", "smtpmail-send-queued-mail", "smtpmail--sanitize-error-message",
    "smtpmail-fqdn", "smtpmail-cred-server", "smtpmail-cred-port", "smtpmail-cred-key",
    "smtpmail-cred-user", "smtpmail-cred-cert", "smtpmail-cred-passwd",
    "smtpmail-find-credentials", "smtpmail-maybe-append-domain", "smtpmail-command-or-throw",
    "smtpmail-try-auth-methods", "smtpmail-try-auth-method", "smtpmail-response-code",
    "smtpmail-ok-p", "smtpmail-response-text", "smtpmail-query-smtp-server",
    "smtpmail-user-mail-address", "smtpmail-via-smtp", "smtpmail-process-filter",
    "smtpmail-read-response", "smtpmail-send-command", "smtpmail-send-data-1",
    "smtpmail-send-data", "smtpmail-deduce-address-list", "smtpmail-do-bcc",
    "smtpmail-intersection",
)

MODEL = register(LibraryModel(
    feature="smtpmail",
    requires=("sendmail", "auth-source"),
    variables=VARIABLES,
    functions=FUNCTIONS,
    autoloads=("smtpmail-send-it", "smtpmail-send-queued-mail"),
))
