"""Diagnostics: something said about a place in a file.

The reader, the evaluator (skipped opaque calls, errors that stop an init
file), the credentials lookup and ``elconf check`` all report through this
one record, printed as ``FILE:LINE:COL: SEVERITY: MESSAGE [rule]`` like a
compiler, so editors (flymake, flycheck, compile-mode) can jump to it.
"""

from __future__ import annotations

from elconf.records import asdict, record

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from typing import Literal

    Severity = Literal["error", "warning", "info"]


def format_location(file: str | None, line: int | None, col: int | None) -> str:
    """``FILE:LINE:COL`` as compilers print it; unknown parts are left out (no file: ``-``)."""
    parts = [file or "-"]
    if line is not None:
        parts.append(str(line))
        if col is not None:
            parts.append(str(col))
    return ":".join(parts)


@record(frozen=True)
class Diagnostic:
    file: str | None          # None when the place is not a file (e.g. the environment)
    line: int | None          # 1-based
    col: int | None           # 1-based
    severity: Severity
    message: str
    rule: str | None = None   # a stable rule id, e.g. "default-server-after-load"
    hint: str | None = None   # one line telling how to fix it
    # Other places that explain this one, each (file, line, col, message): for an
    # unclosed list, reported where it opens, the end of the file where Emacs stops.
    related: tuple[tuple[str | None, int | None, int | None, str], ...] = ()

    def location(self) -> str:
        return format_location(self.file, self.line, self.col)

    def format(self) -> str:
        text = f"{self.location()}: {self.severity}: {self.message}"
        if self.rule:
            text += f" [{self.rule}]"
        return text

    def sort_key(self) -> tuple[str, int, int]:
        return (self.file or "", self.line or 0, self.col or 0)

    def to_json(self) -> dict[str, object]:
        """The object ``elconf check --format json`` prints (docs/editors.md has the schema)."""
        data = asdict(self)
        data["related"] = [{"file": file, "line": line, "col": col, "message": message}
                           for file, line, col, message in self.related]
        return data
