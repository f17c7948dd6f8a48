"""``elsend --probe``: open a session with the user's settings, report, and QUIT.

The probe runs exactly the opening a send would run (greeting, EHLO or HELO,
STARTTLS, AUTH when credentials are found, ONEX/XUSR) and stops before
``MAIL FROM`` (:func:`probe_session`), so nothing is ever
sent.  It answers the questions users ask when a send fails: does the server
answer, which extensions does smtpmail see, is the certificate trusted, which
mechanism would be used, are the credentials accepted?  Like a send, it fails
with the documented exit code.
"""

from __future__ import annotations

from typing import Any

from elconf.records import record

_CONNECTION_WORDS = {
    "none": "unencrypted",
    "starttls": "TLS after STARTTLS (certificate verified)",
    "implicit": "TLS from the first byte (certificate verified)",
}


@record
class ProbeReport:
    """What a session learnt up to MAIL, for ``elsend --probe`` (nothing is sent)."""

    server: str
    port: int
    tls: str                       # "none", "starttls" or "implicit"
    tls_details: dict[str, str]    # protocol, cipher, subject, issuer, names, valid_until, sha256
    greeting: str
    extensions: list[str]          # the EHLO reply lines after the first (after TLS if any)
    mechanism: str | None          # the AUTH mechanism that succeeded, or None


def probe_session(session: Any) -> ProbeReport:
    """Open ``session`` (an :class:`smtp.esmtp.SmtpSession`), describe it, QUIT."""
    session.open()
    details: dict[str, str] = {}
    if session.tls != "none":
        from smtp.tls import peer_summary

        details = peer_summary(session.conn.sock)
    report = ProbeReport(session.host, session.port, session.tls, details,
                         session.greeting.text if session.greeting else "",
                         [line.decode("utf-8", "replace")[4:] for line in session.ehlo_lines[1:]],
                         session.mechanism)
    session.close()
    return report


def probe(cfg: Any, *, credentials: Any, timeout: float, ask: Any, home: str,
          trace: Any = None) -> list[str]:
    """Run the opening of a session and describe it; raises SendError like a send."""
    session, report = open_and_quit(cfg, credentials=credentials, timeout=timeout, ask=ask,
                                    home=home, trace=trace)
    return describe(session, report)


def open_and_quit(cfg: Any, *, credentials: Any, timeout: float, ask: Any, home: str,
                  trace: Any = None) -> tuple[Any, Any]:
    """The session's opening (greeting to AUTH), then QUIT: (session, report)."""
    from smtp.esmtp import SmtpSession

    session = SmtpSession(cfg, credentials=credentials, trace=trace, timeout=timeout, ask=ask,
                          home=home)
    return session, probe_session(session)


def one_line(session: Any, report: Any) -> str:
    """The probe in one line, for ``--probe --all-accounts``."""
    words = [f"{report.server}:{report.port}", _CONNECTION_WORDS.get(report.tls, report.tls)]
    if report.mechanism:
        words.append(f"AUTH {report.mechanism.upper()} accepted")
    elif session.extensions.auth_mechanisms:
        words.append("no credentials found (AUTH offered: "
                     + " ".join(m.upper() for m in session.extensions.auth_mechanisms) + ")")
    else:
        words.append("no AUTH")
    return ", ".join(words)


def describe(session: Any, report: Any) -> list[str]:
    """The probe's findings, a line each."""
    lines = [f"server: {report.server} port {report.port}",
             f"greeting: {report.greeting.splitlines()[0] if report.greeting else '(none)'}",
             f"connection: {_CONNECTION_WORDS.get(report.tls, report.tls)}"]
    details = report.tls_details
    if details:
        lines.append(f"  protocol: {details.get('protocol')}, cipher: {details.get('cipher')}")
        lines.append(f"  certificate: {details.get('subject') or '(no common name)'} "
                     f"[{details.get('names') or 'no alternative names'}], issued by "
                     f"{details.get('issuer') or '?'}, valid until {details.get('valid_until')}")
        if details.get("sha256"):
            lines.append(f"  SHA-256 fingerprint: {details['sha256']}")
    if session.starttls_refused:
        lines.append(f"STARTTLS refused by the server: {session.starttls_refused}")
    extensions = session.extensions
    lines.append("extensions smtpmail uses: "
                 + (", ".join(" ".join(e).upper() for e in extensions.entries) or "none"))
    ignored = extensions.unknown[1:]  # the first EHLO line is the server's name, not a keyword
    if ignored:
        lines.append("offered but ignored by smtpmail: "
                     + ", ".join(" ".join(entry).upper() for entry in ignored))
    offered = extensions.auth_mechanisms
    lines.append("AUTH mechanisms offered: " + (" ".join(m.upper() for m in offered) or "none"))
    if report.mechanism:
        lines.append(f"authenticated with {report.mechanism.upper()}: accepted")
    elif offered:
        lines.append("not authenticated: no credentials found in auth-sources for this "
                     "server and port (Emacs would send without AUTH and ask on refusal)")
    lines.append("nothing was sent (the probe stops before MAIL FROM)")
    return lines
