"""The TLS client context: which certificates we trust and how failures read.

Trust = the system store (``ssl.create_default_context`` honours
``SSL_CERT_FILE`` and ``SSL_CERT_DIR``) plus every existing file in the
user's ``gnutls-trustfiles``, which is where Emacs users put a private CA.
The certificate must match the host name as written in
``smtpmail-smtp-server`` (an IP address must be in the certificate's IP
SANs).  There is no "accept anyway": Emacs's NSM asks interactively, and in
batch it refuses with ``Unable to contact server`` and no reason; we refuse
too, but say which host and why.  ``network-security-level`` ``low`` is not
honoured: certificates are always verified.
"""

from __future__ import annotations

import os
import ssl
from collections.abc import Iterable
from pathlib import Path


def client_context(trustfiles: Iterable[str] = (), home: str | os.PathLike[str] | None = None,
                   *, client_key: str | None = None, client_cert: str | None = None
                   ) -> ssl.SSLContext:
    """A verifying client context; ``~`` in trustfiles expands against ``home`` (default $HOME).

    ``client_key``/``client_cert`` (the ``key`` and ``cert`` of an authinfo
    entry) are presented when both files are readable, as Emacs does;
    otherwise they are ignored, as Emacs ignores them.
    """
    context = ssl.create_default_context(ssl.Purpose.SERVER_AUTH)
    if client_key and client_cert:
        key, cert = _expand(client_key, home), _expand(client_cert, home)
        if os.access(key, os.R_OK) and os.access(cert, os.R_OK):
            context.load_cert_chain(certfile=str(cert), keyfile=str(key))
    context.check_hostname = True
    context.verify_mode = ssl.CERT_REQUIRED
    for name in trustfiles:
        path = _expand(name, home)
        if path.is_file():
            # A broken file in the list must not hide the system store; Emacs
            # also skips what it cannot use.
            try:
                context.load_verify_locations(cafile=str(path))
            except (ssl.SSLError, OSError):
                continue
    return context


def _expand(name: str, home: str | os.PathLike[str] | None) -> Path:
    if name == "~" or name.startswith("~/"):
        base = Path(home) if home is not None else Path(os.environ.get("HOME", "~")).expanduser()
        return base / name[2:]
    return Path(name).expanduser()


def describe_tls_error(host: str, port: int, exc: Exception) -> str:
    """One line naming the host and the reason, e.g. ``certificate ... not trusted``."""
    reason = getattr(exc, "verify_message", None)
    if isinstance(exc, ssl.SSLCertVerificationError) and reason:
        if "Hostname mismatch" in reason or "IP address mismatch" in reason:
            return (f"TLS certificate of {host} port {port} is not valid for the name "
                    f"{host!r} ({reason})")
        return f"TLS certificate of {host} port {port} is not trusted ({reason})"
    text = getattr(exc, "reason", None) or str(exc)
    return f"TLS handshake with {host} port {port} failed: {text}"


def peer_summary(sock: ssl.SSLSocket) -> dict[str, str]:
    """What ``--probe`` shows about a TLS connection: protocol, cipher, certificate, fingerprint."""
    import hashlib

    summary = {"protocol": sock.version() or "", "cipher": (sock.cipher() or ("",))[0]}
    cert = sock.getpeercert() or {}
    for field in ("subject", "issuer"):
        names = dict(item for rdn in cert.get(field, ()) for item in rdn)
        summary[field] = names.get("commonName") or names.get("organizationName") or ""
    summary["valid_until"] = str(cert.get("notAfter", ""))
    alt = [value for kind, value in cert.get("subjectAltName", ()) if kind in ("DNS", "IP Address")]
    summary["names"] = ", ".join(alt)
    der = sock.getpeercert(binary_form=True)
    if der:
        digest = hashlib.sha256(der).hexdigest().upper()
        summary["sha256"] = ":".join(digest[i:i + 2] for i in range(0, len(digest), 2))
    return summary
