"""auth-source.el, auth-source-pass.el and password-cache.el (28.2).

smtpmail finds credentials only through auth-source, so these decide which
password is used.  auth-source is not preloaded (smtpmail requires it), but
``auth-source-cache-expiry`` and the password-cache options are autoloaded
and bound from start-up.  auth-source-pass is a separate library, loaded by
``(auth-source-pass-enable)`` or a require.
"""

from __future__ import annotations

from elconf.libraries import LibraryModel, register
from elconf.libraries._helpers import custom, var

_CACHE_EXPIRY = custom("auth-source-cache-expiry", "7200", "(choice (const nil) integer)",
                       "Seconds a found secret stays cached; nil: forever.")

_SOURCES_TYPE = (
    "(repeat (choice (string :tag \"Just a file\") (const default) (const \"secrets:Login\") "
    "(const \"secrets:session\") (const macos-keychain-internet) (const macos-keychain-generic) "
    "(const password-store) (list :tag \"Source definition\" (const :source) sexp)))")

AUTH_SOURCE = register(LibraryModel(
    feature="auth-source",
    requires=("json", "password-cache", "cl-lib", "eieio"),
    variables=(
        _CACHE_EXPIRY,
        custom("auth-source-protocols",
               "'((imap \"imap\" \"imaps\" \"143\" \"993\") (pop3 \"pop3\" \"pop\" \"pop3s\" \"110\" \"995\") "
               "(ssh \"ssh\" \"22\") (sftp \"sftp\" \"115\") (smtp \"smtp\" \"25\"))",
               "(repeat (cons symbol (repeat string)))",
               "Port names per protocol (used when creating entries, not when matching)."),
        var("auth-source-creation-defaults", "nil", "Defaults offered when creating an entry."),
        var("auth-source-creation-prompts", "nil", "Prompts used when creating an entry."),
        custom("auth-source-save-behavior", "'ask", "(choice (const t) (const nil) (const ask))",
               "Whether new credentials are saved: t, nil or ask."),
        custom("auth-source-netrc-use-gpg-tokens", "'never", "(choice (const (t gpg)) (const never) sexp)",
               "When to store secrets as gpg: tokens in netrc files."),
        custom("auth-source-do-cache", "t", "boolean", "Cache found secrets in memory."),
        custom("auth-source-debug", "nil",
               "(choice (const t) (const trivia) (function) (const nil))",
               "Log lookups to *Messages*; trivia logs everything."),
        custom("auth-sources", "'(\"~/.authinfo\" \"~/.authinfo.gpg\" \"~/.netrc\")", _SOURCES_TYPE,
               "Where credentials are looked up, in order; the first match wins."),
        custom("auth-source-gpg-encrypt-to", "t", "(choice (const t) (repeat string))",
               "Recipients when saving to a .gpg file; t: symmetric."),
        var("auth-source-netrc-cache", "nil", "Parsed netrc files."),
        var("auth-source-passphrase-alist", "nil", "Cached passphrases for gpg tokens."),
        custom("authinfo-hidden", '"password"', "regexp", "Fields hidden in authinfo-mode."),
        custom("authinfo-hide-elements", "t", "boolean", "Hide secrets in authinfo-mode."),
    ),
    functions=("auth-source-search", "auth-source-delete", "auth-source-forget-all-cached",
               "auth-source-forget", "auth-source-forget+", "auth-source-netrc-parse",
               "auth-source-user-and-password", "auth-source-pick-first-password",
               "authinfo-mode"),
    autoloads=("authinfo-mode",),
    preloaded_variables=(_CACHE_EXPIRY,),
))

AUTH_SOURCE_PASS = register(LibraryModel(
    feature="auth-source-pass",
    requires=("seq", "cl-lib", "auth-source", "url-parse"),
    variables=(
        custom("auth-source-pass-filename", '(or (getenv "PASSWORD_STORE_DIR") "~/.password-store")',
               "directory", "The password-store directory."),
        custom("auth-source-pass-port-separator", '":"', "string",
               "Separator between host and port in entry names (host:port)."),
    ),
    functions=("auth-source-pass-enable", "auth-source-pass-get", "auth-source-pass-search",
               "auth-source-pass-parse-entry"),
    autoloads=("auth-source-pass-enable", "auth-source-pass-get"),
))

_PASSWORD_CACHE = (
    custom("password-cache", "t", "boolean", "Cache passwords read from the user."),
    custom("password-cache-expiry", "16", "(choice (const nil) integer)",
           "Seconds a cached password lives."),
)

PASSWORD_CACHE = register(LibraryModel(
    feature="password-cache",
    variables=_PASSWORD_CACHE,
    functions=("password-read", "password-read-from-cache", "password-cache-add",
               "password-cache-remove", "password-reset", "password-in-cache-p"),
    autoloads=("password-in-cache-p",),
    preloaded_variables=_PASSWORD_CACHE,
))
