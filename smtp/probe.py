"""``elsend --probe``: open a session with the user's settings, report, and QUIT.

The probe runs exactly the opening a send would run (greeting, EHLO or HELO,
STARTTLS, AUTH when credentials are found, ONEX/XUSR) and stops before
``MAIL FROM``, so nothing is ever sent.  It answers the questions users ask
when a send fails: does the server answer, which extensions does smtpmail
see, is the certificate trusted, which mechanism would be used, are the
credentials accepted?  Like a send, it fails with the documented exit code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from smtp.config import SendConfig
    from smtp.esmtp import SmtpSession


def probe(cfg: "SendConfig", *, credentials: Any, timeout: float, ask: Any,
          home: str, trace: Any = None) -> list[str]:
    """Run the opening of a session and describe it; raises SendError like a send."""
    from smtp.esmtp import SmtpSession

    session = SmtpSession(cfg, credentials=credentials, trace=trace, timeout=timeout, ask=ask,
                          home=home)
    session.open()
    try:
        return describe_session(session)
    finally:
        session.close()


def describe_session(session: "SmtpSession") -> list[str]:
    lines = [f"server: {session.host} port {session.port}"]
    greeting = getattr(session, "greeting", None)
    if greeting is not None:
        lines.append(f"greeting: {greeting.text.splitlines()[0] if greeting.text else greeting}")
    lines.append("connection: " + {
        "none": "unencrypted",
        "starttls": "TLS after STARTTLS",
        "implicit": "TLS from the first byte",
    }.get(session.tls, session.tls))
    tls_details = _tls_details(session)
    lines.extend(f"  {detail}" for detail in tls_details)
    if session.starttls_refused:
        lines.append(f"STARTTLS refused by the server: {session.starttls_refused}")
    extensions = session.extensions
    words = [" ".join(entry).upper() for entry in extensions.entries]
    lines.append("extensions smtpmail uses: " + (", ".join(words) or "none"))
    ignored = extensions.unknown[1:]  # the first EHLO line is the server's name, not a keyword
    if ignored:
        lines.append("offered but ignored by smtpmail: "
                     + ", ".join(" ".join(entry).upper() for entry in ignored))
    offered = extensions.auth_mechanisms
    lines.append("AUTH mechanisms offered: " + (" ".join(m.upper() for m in offered) or "none"))
    if session.mechanism:
        lines.append(f"authenticated with {session.mechanism.upper()}: accepted")
    elif offered:
        lines.append("not authenticated: no credentials found in auth-sources for this "
                     "server and port (Emacs would send without AUTH and ask on refusal)")
    lines.append("nothing was sent (the probe stops before MAIL FROM)")
    return lines


def _tls_details(session: "SmtpSession") -> list[str]:
    conn = getattr(session, "conn", None)
    sock = getattr(conn, "sock", None)
    if sock is None or not hasattr(sock, "version"):
        return []
    details = [f"protocol: {sock.version()}, cipher: {sock.cipher()[0]}"]
    cert = sock.getpeercert() or {}
    subject = dict(item[0] for item in cert.get("subject", ()) if item)
    issuer = dict(item[0] for item in cert.get("issuer", ()) if item)
    if subject or issuer:
        details.append(f"certificate: {subject.get('commonName', '?')}, issued by "
                       f"{issuer.get('commonName') or issuer.get('organizationName', '?')}, "
                       f"valid until {cert.get('notAfter', '?')} (verified)")
    return details
