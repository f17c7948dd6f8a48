"""The records of a credential search: what was found and what was looked at.

They live below the package's facade (:mod:`smtp.authsource`, which re-exports
them) and the search itself (:mod:`smtp.authsource.lookup`), so that the two
do not import each other.
"""

from __future__ import annotations

from elconf.records import field, record

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from collections.abc import Mapping

#: The default value of ``auth-sources`` in Emacs 28.2.
DEFAULT_AUTH_SOURCES = ("~/.authinfo", "~/.authinfo.gpg", "~/.netrc")

#: What is shown instead of a secret.
MASK = "********"


def file_source_kind(name: str) -> str:
    """How auth-source reads a file source: ``json`` (``.json``, ``.json.gpg``), ``plstore``
    (``.plist``), else ``netrc`` (authinfo).  Here, below the parsers, because the quick
    answer of :mod:`smtp.authsource` (no file to read) needs it without them."""
    without_gpg = name[:-4] if _file_extension(name) == "gpg" else name
    extension = _file_extension(without_gpg) or ""
    if extension == "plist":
        return "plstore"
    if extension.lower() == "json":
        return "json"
    return "netrc"


def _file_extension(name: str) -> str | None:
    """Emacs's ``file-name-extension``: None for ``.authinfo`` or a directory name."""
    base = name.rsplit("/", 1)[-1]
    stripped = base.lstrip(".")
    if "." not in stripped:
        return None
    return base.rsplit(".", 1)[1]


@record(frozen=True)
class Credential:
    """One matching entry, with its secret already decrypted."""

    user: str | None
    secret: str | None = field(repr=False)
    host: str | None                  # None for a ``default`` entry (see ``is_default``)
    port: str | None
    smtp_auth: str | None             # the ``smtp-auth`` value exactly as written (Emacs interns it as is)
    extra: Mapping[str, str]          # other keys (key, cert, ...)
    source: str                       # file path, or "password-store:ENTRY", "secrets:COLLECTION", ...
    line: int | None                  # line of the entry's first token
    is_default: bool = False          # a ``default`` entry: matches every host

    def __repr__(self) -> str:
        secret = "None" if self.secret is None else repr(MASK)
        return (f"Credential(user={self.user!r}, secret={secret}, host={self.host!r}, "
                f"port={self.port!r}, smtp_auth={self.smtp_auth!r}, extra={sorted(self.extra)!r}, "
                f"source={self.source!r}, line={self.line!r})")

    __str__ = __repr__


@record
class Considered:
    """One entry looked at, and why it was or wasn't used."""

    source: str
    line: int | None
    host: str | None
    port: str | None
    user: str | None
    verdict: str


@record
class Lookup:
    """The outcome of one search: the credential, the evidence, or the error."""

    credential: Credential | None
    considered: list[Considered]
    error: str | None
    notes: list[str]
    error_source: str | None = None   # the file (or source) the error is about
    error_line: int | None = None
