"""The byte pipe under the SMTP session: a TCP socket, optionally TLS, with timeouts.

Why not ``smtplib``: importing it (and ``email``) costs ~54 ms, and it writes
DATA line by line.  Here every read and write has a timeout, reply lines
are bounded (:data:`smtp.response.MAX_LINE_LENGTH`), and DATA goes through
:meth:`Connection.buffer` so that a 20 MB message leaves in 64 KiB chunks
with flat memory; the caller puts the final ``.\\r\\n`` into the same write
as the last chunk, so the server does not wait on a delayed ACK.

``ssl`` is imported only when TLS is actually used, and with it :mod:`socket`:
a plain connection is made with ``_socket``, the C module under it
(``socket.py`` turns its constants into enums when imported, ~3 ms of every
send, for nothing a plain connection uses).

Line ends: a reply line ends at CRLF only, as in Emacs (a bare LF does not
end a line; such a server eventually trips the line-length bound).
"""

from __future__ import annotations

import _socket
import sys
import time

from elconf.types import NIL, Symbol
from smtp.errors import ConfigurationFailure, ProtocolFailure, TemporaryFailure, TlsFailure
from smtp.response import MAX_LINE_LENGTH

TYPE_CHECKING = False
if TYPE_CHECKING:
    import ssl
    from typing import Any

    from smtp.config import SendConfig

#: DATA is flushed whenever this much is buffered.
CHUNK_SIZE = 64 * 1024


class ConnectionClosed(TemporaryFailure):
    """The server closed the connection while we were waiting for it."""


class TimedOut(TemporaryFailure):
    """The server stayed silent (or would not take our bytes) for the whole timeout.

    ``partial``: what the server did send of a reply line that never ended (a line ended
    by a bare LF, say), so the message can say it was not silence.
    """

    partial = b""


class Connection:
    """One connection to the server; all I/O errors become :mod:`smtp.errors` exceptions."""

    def __init__(self, sock: Any, host: str, port: int, timeout: float) -> None:
        self.sock: Any = sock     # a _socket.socket; an ssl.SSLSocket after start_tls
        self.host = host
        self.port = port
        self.timeout = timeout
        self.encrypted = False
        self._inbox = bytearray()
        self._outbox = bytearray()
        self._deadline = time.monotonic() + timeout
        #: A plain connection's socket blocks, with the kernel's own timeouts
        #: (SO_RCVTIMEO/SO_SNDTIMEO) instead of Python's: a socket with a Python
        #: timeout polls before every recv and send, two system calls per
        #: message of a queue flush.  TLS keeps Python's timeout (see start_tls).
        self._kernel_timeouts = _KERNEL_TIMEOUTS
        self._sock_timeout = -1.0      # what the socket has now: each change is a system call
        if self._kernel_timeouts:
            try:
                sock.settimeout(None)
                sock.setsockopt(_socket.SOL_SOCKET, _socket.SO_SNDTIMEO, _timeval(timeout))
                self._set_timeout(timeout)
            except OSError:
                self._kernel_timeouts = False
        if not self._kernel_timeouts:
            sock.settimeout(timeout)
            self._sock_timeout = timeout

    # --- opening ---------------------------------------------------------------

    @classmethod
    def open(cls, host: str, port: int, timeout: float) -> "Connection":
        """Connect over TCP; failures are temporary (exit 75) with the reason named."""
        try:
            # A bytes host is fine at run time (getaddrinfo takes it); typeshed says str.
            sock = _connect(resolver_name(host), port, timeout)
        except _socket.gaierror as exc:
            raise TemporaryFailure(
                f"Unable to contact server: cannot resolve {host}: {exc.strerror}",
                hint="check smtpmail-smtp-server and your network") from exc
        except TimeoutError as exc:
            raise TemporaryFailure(
                f"Unable to contact server: connecting to {host} port {port} "
                f"timed out after {timeout:g} s") from exc
        except OSError as exc:
            raise TemporaryFailure(
                f"Unable to contact server: {host} port {port}: {exc.strerror or exc}",
                hint="check smtpmail-smtp-server, smtpmail-smtp-service and that the server runs")\
                from exc
        sock.setsockopt(_socket.IPPROTO_TCP, _socket.TCP_NODELAY, 1)
        return cls(sock, host, port, timeout)

    def start_tls(self, context: "ssl.SSLContext") -> None:
        """Upgrade to TLS (implicit TLS or after STARTTLS), verifying the certificate.

        Unread plaintext is discarded, as RFC 3207 requires.
        """
        import socket
        import ssl

        from smtp.tls import describe_tls_error

        self._inbox.clear()
        try:
            if not isinstance(self.sock, socket.socket):    # ssl wraps socket.socket objects only
                self.sock = socket.socket(fileno=self.sock.detach())
                self._sock_timeout = -1.0     # the new object has no timeout yet
            # ssl reads and writes through Python's timeout (a blocking TLS socket
            # whose kernel timeout fires would raise SSLWantReadError mid-record).
            self._kernel_timeouts = False
            self._set_timeout(self.timeout)
            self.sock = context.wrap_socket(self.sock, server_hostname=self.host)
        except (ssl.SSLError, ssl.CertificateError) as exc:
            raise TlsFailure(describe_tls_error(self.host, self.port, exc),
                             hint=_tls_hint(exc)) from exc
        except TimeoutError as exc:
            raise TlsFailure(f"TLS handshake with {self.host} port {self.port} timed out "
                             f"after {self.timeout:g} s") from exc
        except OSError as exc:
            raise TlsFailure(f"TLS handshake with {self.host} port {self.port} failed: "
                             f"{exc.strerror or exc}") from exc
        self.encrypted = True

    # --- reading ---------------------------------------------------------------

    def read_line(self, waiting_for: str, *, new_reply: bool = True) -> bytes:
        """The next line without its CRLF.  ``waiting_for`` names the command in errors.

        ``new_reply`` starts a deadline of ``timeout`` seconds for the reply;
        later lines of the same reply (``new_reply=False``) share it.
        """
        if new_reply:
            self._deadline = time.monotonic() + self.timeout
        while True:
            end = self._inbox.find(b"\r\n")
            if end >= 0:
                if end > MAX_LINE_LENGTH:
                    break
                line = bytes(self._inbox[:end])
                del self._inbox[: end + 2]
                return line
            if len(self._inbox) > MAX_LINE_LENGTH:
                break
            chunk = self._recv(waiting_for)
            if not chunk:
                raise ConnectionClosed(
                    f"{self.host} closed the connection while we waited for "
                    f"the reply to {waiting_for}")
            self._inbox += chunk
        raise ProtocolFailure(
            f"a reply line from {self.host} to {waiting_for} is longer than "
            f"{MAX_LINE_LENGTH} bytes", hint="this is not an SMTP server, or the wrong port")

    def _set_timeout(self, seconds: float) -> None:
        """The socket's receive timeout (with kernel timeouts) or its Python timeout."""
        if seconds != self._sock_timeout:
            if self._kernel_timeouts:
                self.sock.setsockopt(_socket.SOL_SOCKET, _socket.SO_RCVTIMEO, _timeval(seconds))
            else:
                self.sock.settimeout(seconds)
            self._sock_timeout = seconds

    def _recv(self, waiting_for: str) -> bytes:
        """One recv within the reply's deadline.

        The socket keeps its timeout while the deadline is at most a little
        nearer than it (the common case: replies come at once), so most
        commands change no timeout (a system call each); a slow reply gets the
        remaining time exactly, and an early wake-up is retried.
        """
        try:
            while True:
                remaining = self._deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError
                if not 0 < self._sock_timeout <= remaining + min(1.0, self.timeout / 20):
                    self._set_timeout(remaining)
                try:
                    return self.sock.recv(65536)
                except TimeoutError:
                    if self._deadline - time.monotonic() <= 0:
                        raise
                except BlockingIOError:   # the kernel's receive timeout: the same
                    if self._deadline - time.monotonic() <= 0:
                        raise TimeoutError from None
                    self._sock_timeout = -1.0   # woken early: the next pass sets the rest
        except TimeoutError as exc:
            if not self._inbox:
                raise TimedOut(
                    f"no reply from {self.host} within {self.timeout:g} s to {waiting_for}") from exc
            # Not silence: a line without its CRLF (Emacs waits for the CRLF for ever).
            partial = bytes(self._inbox[:200])
            shown = partial.decode("utf-8", "surrogateescape").replace("\n", "\\n")
            ending = ("ends with a bare LF, not CRLF" if partial.endswith(b"\n")
                      else "never ends (no CRLF)")
            error = TimedOut(
                f"incomplete reply from {self.host} within {self.timeout:g} s to {waiting_for}: "
                f"'{shown}{'...' if len(self._inbox) > 200 else ''}' {ending}",
                hint="an SMTP reply line must end with CRLF; Emacs waits for it for ever")
            error.partial = partial
            raise error from exc
        except OSError as exc:
            reason = getattr(exc, "reason", None)
            if self.encrypted and reason:   # an ssl.SSLError: a TLS alert from the server
                raise TlsFailure(
                    f"TLS error from {self.host} port {self.port} while waiting for the reply "
                    f"to {waiting_for}: {reason}",
                    hint="CERTIFICATE_REQUIRED means the server wants a client certificate: "
                         "add key and cert to its authinfo entry" if "CERTIFICATE" in reason
                    else None) from exc
            raise ConnectionClosed(
                f"connection to {self.host} lost while waiting for the reply to "
                f"{waiting_for}: {exc.strerror or exc}") from exc

    def take_unread(self) -> bytes:
        """Drop what the server sent that nobody has read yet, and return it.

        Emacs moves its read point to the end of the buffer with every
        command, so lines that arrived before a command are never taken as
        its reply (after a garbage line, the real reply that followed it is
        skipped, not mistaken for the reply to QUIT).
        """
        unread, self._inbox = bytes(self._inbox), bytearray()
        return unread

    # --- writing ---------------------------------------------------------------

    def buffer(self, data: bytes) -> None:
        """Queue bytes; they leave when the buffer passes :data:`CHUNK_SIZE` or at :meth:`flush`."""
        self._outbox += data
        if len(self._outbox) >= CHUNK_SIZE:
            self.flush()

    def send(self, data: bytes) -> None:
        """Queue and send at once (together with anything already buffered)."""
        self._outbox += data
        self.flush()

    def flush(self) -> None:
        if not self._outbox:
            return
        data, self._outbox = bytes(self._outbox), bytearray()
        try:
            if self._kernel_timeouts:
                self._send_blocking(data)
            else:
                self._set_timeout(self.timeout)  # reads may have shortened it to a reply's deadline
                self.sock.sendall(data)
        except TimeoutError as exc:
            raise TimedOut(
                f"sending to {self.host} timed out after {self.timeout:g} s") from exc
        except OSError as exc:
            raise ConnectionClosed(
                f"connection to {self.host} lost while sending: {exc.strerror or exc}") from exc

    def _send_blocking(self, data: bytes) -> None:
        """``sendall`` within ``timeout`` seconds on a blocking socket.

        A blocking send returns once all of ``data`` is queued (one system call);
        it stops short only when SO_SNDTIMEO (``timeout``) fires or a signal
        comes, and then the rest gets what remains of the deadline, as
        ``sendall`` on a socket with a Python timeout does.
        """
        sent = self.sock.send(data)
        if sent == len(data):
            return
        deadline = time.monotonic() + self.timeout
        view = memoryview(data)[sent:]
        try:
            while view:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError
                self.sock.setsockopt(_socket.SOL_SOCKET, _socket.SO_SNDTIMEO, _timeval(remaining))
                try:
                    view = view[self.sock.send(view):]
                except BlockingIOError:
                    continue   # the timeout fired with nothing taken: the deadline decides
        finally:
            self.sock.setsockopt(_socket.SOL_SOCKET, _socket.SO_SNDTIMEO, _timeval(self.timeout))

    def peer_is_loopback(self) -> bool:
        """Did we reach an address on this machine (whatever name it was reached by)?"""
        try:
            return is_loopback(self.sock.getpeername()[0])
        except OSError:
            return False

    def close(self) -> None:
        try:
            self.sock.close()
        except OSError:
            pass


# --- connection settings ------------------------------------------------------

STREAM_TYPES = {"nil": "opportunistic", "network": "opportunistic", "starttls": "starttls",
                "plain": "plain", "tls": "implicit", "ssl": "implicit"}


def stream_mode(stream_type: Any) -> str:
    """``opportunistic``, ``starttls``, ``plain`` or ``implicit`` for a smtpmail-stream-type value."""
    if stream_type is NIL or stream_type is None:
        return "opportunistic"
    if isinstance(stream_type, Symbol):
        mode = STREAM_TYPES.get(stream_type.name)
        if mode is not None:
            return mode
        if stream_type.name == "shell":
            raise ConfigurationFailure(
                "smtpmail-stream-type 'shell is not supported by elsend",
                hint="use 'starttls, 'ssl or 'plain")
        raise ConfigurationFailure(f"Invalid connection type {stream_type.name}",
                                   hint="smtpmail-stream-type must be nil, 'starttls, 'ssl, "
                                        "'tls or 'plain")
    if isinstance(stream_type, str):
        raise ConfigurationFailure(
            f"Invalid connection type {stream_type}",
            hint=f"smtpmail-stream-type must be a symbol: write '{stream_type}, not \"{stream_type}\"")
    raise ConfigurationFailure(f"Invalid connection type {stream_type!r}",
                               hint="smtpmail-stream-type must be nil, 'starttls, 'ssl or 'plain")


#: Linux's struct timeval is two native longs; elsewhere sockets keep Python's timeouts.
_KERNEL_TIMEOUTS = sys.platform.startswith("linux") and sys.maxsize > 2 ** 32


def _timeval(seconds: float) -> bytes:
    """``seconds`` as a struct timeval for SO_RCVTIMEO/SO_SNDTIMEO (never 0: 0 is no timeout)."""
    whole = int(seconds)
    micro = max(1, int((seconds - whole) * 1_000_000)) if whole == 0 else \
        int((seconds - whole) * 1_000_000)
    return whole.to_bytes(8, sys.byteorder) + micro.to_bytes(8, sys.byteorder)


def _connect(host: str | bytes, port: int, timeout: float) -> Any:
    """:func:`socket.create_connection` on ``_socket``: each address getaddrinfo gives, in
    order, until one connects; the last error if none does."""
    error: OSError | None = None
    for family, kind, proto, _canonical, address in _socket.getaddrinfo(host, port, 0,
                                                                         _socket.SOCK_STREAM):
        sock = _socket.socket(family, kind, proto)
        try:
            sock.settimeout(timeout)
            sock.connect(address)
            return sock
        except OSError as exc:
            error = exc
            sock.close()
    raise error if error is not None else OSError("getaddrinfo returns an empty list")


def resolve_port(service: int | str) -> int:
    """``smtpmail-smtp-service`` as a port: a number, digits, or a service name (/etc/services)."""
    text = str(service)
    if isinstance(service, int) or text.isdigit():
        port = int(text)
        if not 0 < port < 65536:
            raise ConfigurationFailure(f"smtpmail-smtp-service {port} is not a TCP port",
                                       hint="use 587 (STARTTLS), 465 (implicit TLS) or 25")
        return port
    try:
        return _socket.getservbyname(text, "tcp")
    except OSError as exc:
        raise ConfigurationFailure(
            f"unknown service name {text!r} in smtpmail-smtp-service",
            hint="use a port number, e.g. 587 (submission) or 465 (submissions)") from exc


def resolver_name(host: str) -> str | bytes:
    """``host`` as :func:`socket.getaddrinfo` should get it.

    getaddrinfo encodes a str host with the ``idna`` codec, and importing that
    codec (with stringprep and unicodedata) costs about 2 ms of every send.
    For an ASCII name the codec returns the name's ASCII bytes unchanged, so
    those are passed directly.  A non-ASCII name, or one with a label the codec
    refuses (empty or longer than 63), stays a str and takes the codec's path,
    with its result or its error exactly as before.
    """
    if not host.isascii():
        return host
    labels = host.split(".")
    if all(0 < len(label) < 64 for label in labels[:-1]) and len(labels[-1]) < 64:
        return host.encode("ascii")
    return host


def is_loopback(host: str) -> bool:
    if host.lower() in ("localhost", "localhost."):
        return True
    import ipaddress  # imported here: only AUTH's clear-text check needs it (~1 ms at start-up)

    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def fqdn(cfg: "SendConfig") -> str:
    """The EHLO argument: ``(system-name)``, plus ``.`` + smtpmail-local-domain when set."""
    name = cfg.system_name or _socket.gethostname()
    return f"{name}.{cfg.local_domain}" if cfg.local_domain else name


def _tls_hint(exc: Exception) -> str:
    if getattr(exc, "verify_code", None) or "CERTIFICATE_VERIFY_FAILED" in str(exc):
        return ("if the server uses a private CA, add its certificate file to gnutls-trustfiles "
                "or SSL_CERT_FILE; check smtpmail-smtp-server is the name on the certificate")
    return "check smtpmail-stream-type and smtpmail-smtp-service (465 is implicit TLS: 'ssl)"
