"""mail-utils.el and mailabbrev.el (28.2): address helpers sendmail and message load."""

from __future__ import annotations

from elconf.libraries import LibraryModel, register
from elconf.libraries._helpers import custom, var

_MAIL_UTILS_PRELOADED = (
    custom("mail-use-rfc822", "nil", "boolean", "Parse addresses with the full RFC 822 parser."),
    custom("mail-dont-reply-to-names", "nil", "(choice regexp (const nil))",
           "Addresses to drop from replies."),
)

MAIL_UTILS = register(LibraryModel(
    feature="mail-utils",
    variables=_MAIL_UTILS_PRELOADED,
    functions=("mail-strip-quoted-names", "mail-fetch-field", "mail-rfc822-date",
               "mail-quote-printable", "mail-unquote-printable", "mail-parse-comma-list"),
    autoloads=("mail-fetch-field", "mail-file-babyl-p", "mail-quote-printable",
               "mail-quote-printable-region", "mail-unquote-printable",
               "mail-unquote-printable-region"),
    preloaded_variables=_MAIL_UTILS_PRELOADED,
))

MAILABBREV = register(LibraryModel(
    feature="mailabbrev",
    variables=(
        custom("mail-abbrevs-only", "nil", "boolean", "Only complete names that are mail abbrevs."),
        var("mail-abbrevs", "nil", "The abbrev table of mail aliases."),
        custom("mail-alias-separator-string", '", "', "string",
               "Separator between addresses when an alias expands to several."),
    ),
    functions=("build-mail-abbrevs", "define-mail-abbrev", "mail-abbrevs-mode",
               "mail-abbrevs-setup"),
    autoloads=("build-mail-abbrevs", "define-mail-abbrev", "mail-abbrevs-mode",
               "mail-abbrevs-setup"),
))
