"""Just enough of an Emacs buffer to replay rfc2047.el's edits faithfully.

``rfc2047.el`` encodes a header by moving point, searching, inserting and
deleting inside nested narrowings, and its output depends on how markers
and the narrowing move with those edits.  :class:`TextBuffer` keeps the
text, point, markers (with Emacs's insertion types) and a narrowing that
``save-restriction`` saves and restores as markers, exactly as Emacs does.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator


class ScanError(Exception):
    """What Emacs signals as a scan or search error (unbalanced quotes, bad bound)."""


class Marker:
    """A position that follows edits; ``after`` is Emacs's insertion type t."""

    __slots__ = ("pos", "after")

    def __init__(self, pos: int, after: bool) -> None:
        self.pos = pos
        self.after = after


class TextBuffer:
    """Just enough of an Emacs buffer: text, point, markers and a narrowing.

    The narrowing behaves as in Emacs: its start stays put when text is
    inserted there, its end moves (insertion type t), and ``save-restriction``
    keeps both as markers, so edits made while widened move them too.  The
    output of rfc2047.el depends on exactly that.
    """

    def __init__(self, text: str, charset: str = "utf-8") -> None:
        self.charset = charset
        self.text = text
        self.point = 0
        self._begv = Marker(0, False)
        self._zv = Marker(len(text), True)
        self._markers: list[Marker] = [self._begv, self._zv]

    @property
    def begv(self) -> int:
        return self._begv.pos

    @property
    def zv(self) -> int:
        return self._zv.pos

    def narrow(self, start: int, end: int) -> None:
        self._begv.pos, self._zv.pos = start, end

    def widen(self) -> None:
        self.narrow(0, len(self.text))

    def marker(self, pos: int, after: bool = False) -> Marker:
        m = Marker(pos, after)
        self._markers.append(m)
        return m

    def release(self, *markers: Marker) -> None:
        for m in markers:
            self._markers.remove(m)

    @contextlib.contextmanager
    def save_restriction(self) -> Iterator[None]:
        start, end = self.marker(self.begv), self.marker(self.zv, after=True)
        try:
            yield
        finally:
            self.narrow(start.pos, end.pos)
            self.release(start, end)

    # -- positions -----------------------------------------------------
    def eobp(self) -> bool:
        return self.point >= self.zv

    def char_after(self, pos: int | None = None) -> str | None:
        pos = self.point if pos is None else pos
        return self.text[pos] if self.begv <= pos < self.zv else None

    def char_before(self, pos: int | None = None) -> str | None:
        pos = self.point if pos is None else pos
        return self.text[pos - 1] if self.begv < pos <= self.zv else None

    def bol(self, pos: int | None = None, widen: bool = False) -> int:
        pos = self.point if pos is None else pos
        floor = 0 if widen else self.begv
        nl = self.text.rfind("\n", floor, pos)
        return floor if nl < 0 else nl + 1

    # -- movement ------------------------------------------------------
    def skip_forward(self, chars: str, negate: bool = False, limit: int | None = None) -> int:
        limit = self.zv if limit is None else limit
        start = self.point
        while self.point < limit and ((self.text[self.point] in chars) != negate):
            self.point += 1
        return self.point - start

    def skip_backward(self, chars: str, negate: bool = False, limit: int | None = None) -> int:
        limit = self.begv if limit is None else limit
        start = self.point
        while self.point > limit and ((self.text[self.point - 1] in chars) != negate):
            self.point -= 1
        return self.point - start

    def looking_at(self, pattern: str) -> re.Match[str] | None:
        return re.compile(pattern).match(self.text, self.point, self.zv)

    def search_forward_re(self, pattern: str, bound: int | None = None,
                          move: bool = False) -> re.Match[str] | None:
        bound = self.zv if bound is None else bound
        if bound < self.point:  # Emacs: "Invalid search bound (wrong side of point)"
            raise ScanError("invalid search bound (wrong side of point)")
        m = re.compile(pattern).search(self.text, self.point, bound)
        if m is not None:
            self.point = m.end()
        elif move:
            self.point = bound
        return m

    # -- edits ---------------------------------------------------------
    def insert(self, s: str) -> None:
        at = self.point
        self.text = self.text[:at] + s + self.text[at:]
        for m in self._markers:
            if m.pos > at or (m.pos == at and m.after):
                m.pos += len(s)
        self.point += len(s)

    def delete(self, start: int, end: int) -> None:
        self.text = self.text[:start] + self.text[end:]
        for m in self._markers:
            if m.pos >= end:
                m.pos -= end - start
            elif m.pos > start:
                m.pos = start
        if self.point > end:
            self.point -= end - start
        elif self.point > start:
            self.point = start

    # -- sexps ---------------------------------------------------------
    def forward_string(self) -> None:
        """forward-sexp over a quoted string starting at point."""
        i = self.point + 1
        while i < self.zv:
            ch = self.text[i]
            if ch == "\\":
                i += 2
                continue
            if ch == '"':
                self.point = i + 1
                return
            i += 1
        raise ScanError("unbalanced quotes")

    def forward_list(self) -> None:
        """forward-list over a parenthesised comment starting at point."""
        depth = 0
        i = self.point
        while i < self.zv:
            ch = self.text[i]
            if ch == "\\":
                i += 2
                continue
            if ch == '"':
                saved = self.point
                self.point = i
                self.forward_string()
                i = self.point
                self.point = saved
                continue
            if ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
                if depth == 0:
                    self.point = i + 1
                    return
            i += 1
        raise ScanError("unbalanced parentheses")
