"""gnutls.el, nsm.el and network-stream.el (28.2): how connections are opened and verified.

``gnutls-trustfiles`` is a list of candidate CA bundles; Emacs uses the ones
that exist when it connects (on Debian, /etc/ssl/certs/ca-certificates.crt).
``network-security-level`` drives the Network Security Manager's checks; in
batch every question it would ask is answered "no".  smtpmail opens its
connection with ``open-network-stream`` (an autoload of network-stream,
which requires nsm); gnutls loads when TLS is negotiated.
"""

from __future__ import annotations

from elconf.libraries import LibraryModel, register
from elconf.libraries._helpers import custom, var

_TRUSTFILES = ('\'("/etc/ssl/certs/ca-certificates.crt" "/etc/pki/tls/certs/ca-bundle.crt" '
               '"/etc/ssl/ca-bundle.pem" "/usr/ssl/certs/ca-bundle.crt" '
               '"/usr/local/share/certs/ca-root-nss.crt" "/etc/ssl/cert.pem" '
               '"/etc/certs/ca-certificates.crt")')

GNUTLS = register(LibraryModel(
    feature="gnutls",
    requires=("cl-lib", "puny"),
    variables=(
        custom("gnutls-algorithm-priority", "nil", "(choice (const nil) string)",
               "GnuTLS priority string; nil: the library default."),
        custom("gnutls-verify-error", "nil", "(choice (const t) (repeat sexp))",
               "Non-nil: refuse connections that fail verification (else NSM decides)."),
        custom("gnutls-trustfiles", _TRUSTFILES, "(choice function (repeat file))",
               "CA bundles to trust; the existing ones are used."),
        custom("gnutls-min-prime-bits", "nil", "(choice (const nil) integer)",
               "Minimum Diffie-Hellman prime size."),
        custom("gnutls-crlfiles", "'(\"/etc/grid-security/certificates/*.crl.pem\")",
               "(choice function (repeat file))", "Certificate revocation lists."),
    ),
    functions=("gnutls-negotiate", "open-gnutls-stream", "gnutls-trustfiles"),
))

NSM = register(LibraryModel(
    feature="nsm",
    requires=("cl-lib", "rmc", "subr-x", "seq", "map"),
    variables=(
        var("nsm-permanent-host-settings", "nil", "Saved per-host exceptions."),
        var("nsm-temporary-host-settings", "nil", "Per-session exceptions."),
        custom("network-security-level", "'medium",
               "(choice (const low) (const medium) (const high) (const paranoid))",
               "How strictly the Network Security Manager checks connections."),
        custom("nsm-trust-local-network", "nil", "(choice (const t) (const nil) function)",
               "Non-nil: skip checks for hosts on the local network."),
        custom("nsm-settings-file", '(expand-file-name "network-security.data" user-emacs-directory)',
               "file", "Where accepted certificates and exceptions are saved."),
        custom("nsm-save-host-names", "nil", "boolean", "Save host names with exceptions."),
        var("nsm-noninteractive", "nil", "Non-nil: answer NSM questions with no."),
    ),
    functions=("nsm-verify-connection", "nsm-query"),
))

NETWORK_STREAM = register(LibraryModel(
    feature="network-stream",
    requires=("auth-source", "nsm", "puny"),
    variables=(
        custom("network-stream-use-client-certificates", "nil", "boolean",
               "Use client certificates from auth-source (smtpmail asks for them anyway)."),
    ),
    functions=("open-network-stream",),
    autoloads=("open-network-stream",),
))
