"""Variables an init file may set that Emacs 28.2 no longer (or not yet) reads.

``elconf check`` reports assignments to these: a value that looks like
configuration but changes nothing is a classic cause of "it worked before".
Keys are variable names; values say what to do instead.
"""

from __future__ import annotations

#: Removed or ignored since the release named in the hint.
REMOVED_VARIABLES: dict[str, str] = {
    "smtpmail-auth-credentials":
        "ignored since Emacs 24.1: put the login and password in ~/.authinfo(.gpg) "
        "(machine HOST login USER password SECRET port PORT); auth-source finds them",
    "smtpmail-starttls-credentials":
        "ignored since Emacs 24.1: client certificates come from auth-source entries "
        "(key and cert fields); TLS is chosen with smtpmail-stream-type",
    "smtpmail-auth-login-username":
        "long gone: set smtpmail-smtp-user and keep the password in auth-source",
    "starttls-use-gnutls":
        "starttls.el is obsolete since 27.1 and smtpmail does not use it: Emacs has built-in "
        "GnuTLS; choose STARTTLS with smtpmail-stream-type",
    "starttls-gnutls-program":
        "starttls.el is obsolete since 27.1; TLS is built in (see gnutls-* variables)",
    "starttls-program": "starttls.el is obsolete since 27.1; TLS is built in",
    "starttls-extra-arguments":
        "starttls.el is obsolete since 27.1; use gnutls-algorithm-priority or gnutls-trustfiles",
    "starttls-extra-args": "starttls.el is obsolete since 27.1; TLS is built in",
    "tls-program": "tls.el is obsolete since 27.1; TLS is built in (gnutls-* variables)",
    "tls-checktrust": "tls.el is obsolete since 27.1; use network-security-level",
    "smtpmail-smtp-service-default": "not a smtpmail variable: set smtpmail-smtp-service",
}

#: Newer than 28.2: accepted, stored, but no 28.2 code reads them.
FUTURE_VARIABLES: dict[str, str] = {
    "message-server-alist":
        "Emacs 29.1: Emacs 28.2 ignores it; use X-Message-SMTP-Method headers or a hook",
    "auth-source-pass-extra-query-keywords": "Emacs 29.1: ignored by Emacs 28.2",
    "auth-source-ignore-non-existing-file": "Emacs 31: ignored by Emacs 28.2",
}
