"""``org-babel-load-file``: a literate init file, tangled in memory and loaded.

Many init files are one line, ``(org-babel-load-file "~/.emacs.d/config.org")``,
and keep everything in Org source blocks.  Org 9.5.5 (Emacs 28.2) tangles the
``emacs-lisp``/``elisp`` blocks to ``config.el`` next to the Org file and loads
that.  We never write the file: the blocks are extracted into a text with the
Org file's line numbers (every other line left blank), so places in
diagnostics point into the Org file, and that text is loaded as the tangled
file would be.

Which blocks Org tangles there (checked against Emacs 28.2): every
``emacs-lisp``/``elisp`` block whose ``:tangle`` is not ``no`` — the default
is the target file, so blocks without ``:tangle`` are included; ``:tangle``
comes from the block's header, else the nearest ``header-args:emacs-lisp`` (a
heading's property drawer, then the file's ``#+PROPERTY:``), else the nearest
plain ``header-args``; blocks under a
``COMMENT`` heading are left out; a block's common indentation is removed (also
inside multi-line strings, as Org does) and ``,*``/``,#+`` escapes are undone.
The tangled file has no ``lexical-binding`` cookie unless the first block's
first line carries one, so it loads with dynamic binding, as Emacs loads it.
When a ``config.el`` at least as new as the Org file already exists, Emacs loads
it without tangling again, and so do we.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from elconf.builtins import Table
from elconf.builtins._check import check_string
from elconf.types import NIL, T

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from typing import Any

TABLE = Table()
define = TABLE.define

_HEADING = re.compile(r"^(\*+)\s+(.*)$")
_BEGIN = re.compile(r"^\s*#\+begin_src\s+(\S+)(.*)$", re.I)
_END = re.compile(r"^\s*#\+end_src\b", re.I)
_FILE_PROPERTY = re.compile(r"^\s*#\+property:\s+header-args(?::(\S+))?\s+(.*)$", re.I)
_DRAWER_PROPERTY = re.compile(r"^\s*:header-args(?::(\S+))?:\s+(.*)$", re.I)
_TANGLE = re.compile(r":tangle\s+(\"[^\"]*\"|\S+)")
_ESCAPED = re.compile(r"^(\s*),(\*|#\+)")
_LISP = ("emacs-lisp", "elisp")


def _tangle_arg(args: str) -> str | None:
    match = _TANGLE.search(args)
    return match.group(1).strip('"') if match else None


def _commented(title: str) -> bool:
    words = title.split()
    # COMMENT comes first, or right after a TODO keyword (upper-case word).
    return bool(words) and (words[0] == "COMMENT" or (len(words) > 1 and words[0].isupper()
                                                      and words[1] == "COMMENT"))


def tangle_text(org_text: str, tangle_ok: "Any") -> str:
    """The tangled Lisp of ``org_text``, one output line per Org line (others blank).

    ``tangle_ok(value)`` says whether a ``:tangle`` value sends a block to the
    file being loaded (None: no ``:tangle`` anywhere, the target itself).
    Precedence, as Org merges header arguments: the block's own, then the
    nearest ``header-args:LANG`` (heading, then file), then the nearest
    ``header-args``."""
    lines = org_text.split("\n")
    out = [""] * len(lines)
    file_args: dict[str | None, str] = {}
    # (level, commented, {LANG or None: tangle}) for the headings above the current line.
    headings: list[tuple[int, bool, dict[str | None, str]]] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        heading = _HEADING.match(line)
        if heading:
            level = len(heading.group(1))
            while headings and headings[-1][0] >= level:
                headings.pop()
            inherited = headings[-1][1] if headings else False
            headings.append((level, inherited or _commented(heading.group(2)), {}))
            i += 1
            continue
        prop = _FILE_PROPERTY.match(line) if not headings else None
        if prop and _tangle_arg(prop.group(2)):
            file_args[prop.group(1) and prop.group(1).lower()] = _tangle_arg(prop.group(2))  # type: ignore[assignment]
        drawer = _DRAWER_PROPERTY.match(line)
        if drawer and headings and _tangle_arg(drawer.group(2)):
            headings[-1][2][drawer.group(1) and drawer.group(1).lower()] = _tangle_arg(drawer.group(2))  # type: ignore[assignment]
        begin = _BEGIN.match(line)
        if not begin:
            i += 1
            continue
        end = i + 1
        while end < len(lines) and not _END.match(lines[end]):
            end += 1
        lang = begin.group(1).lower()
        tangle = _tangle_arg(begin.group(2))
        for key in (lang, None):
            if tangle is None:
                scopes = [args for _, _, args in reversed(headings)] + [file_args]
                tangle = next((args[key] for args in scopes if key in args), None)
        commented = bool(headings) and headings[-1][1]
        if lang in _LISP and not commented and tangle != "no" and tangle_ok(tangle):
            body = lines[i + 1:end]
            indents = [len(b) - len(b.lstrip()) for b in body if b.strip()]
            cut = min(indents) if indents else 0
            for k, text in enumerate(body, start=i + 1):
                out[k] = _ESCAPED.sub(r"\1\2", text[cut:])
        i = end + 1
    return "\n".join(out)


@define("org-babel-load-file")
def org_babel_load_file(ip: "Any", file: "Any", compile: "Any" = NIL) -> "Any":
    """Load the Lisp of an Org file as Emacs 28.2's ``org-babel-load-file`` does."""
    from elconf.builtins.files import expand
    from elconf.library_files import lexical_cookie, read_source
    from elconf.loading import lisp_load, load_path

    org = Path(expand(ip, check_string(file)))
    target = org.with_suffix(".el")
    try:
        org_mtime = os.stat(org).st_mtime
    except OSError:
        from elconf.errors import lisp_error

        raise lisp_error("file-missing", "Opening input file", "No such file or directory", str(org))
    try:
        fresh = os.stat(target).st_mtime >= org_mtime
    except OSError:
        fresh = False
    if fresh:
        return lisp_load(ip, str(target), False, True, False, None)

    def to_target(value: str | None) -> bool:
        if value in (None, "yes"):
            return True
        return expand(ip, value, str(org.parent)) == str(target)

    _org_mode_modules(ip)
    text = tangle_text(read_source(org), to_target)
    first = next((line for line in text.split("\n") if line.strip()), "")
    load_path(ip, org, text=text, lexical=lexical_cookie(first))
    return T


#: Org 9.5.5's default ``org-modules``.
_ORG_MODULES = ("ol-doi", "ol-w3m", "ol-bbdb", "ol-bibtex", "ol-docview", "ol-gnus", "ol-info",
                "ol-irc", "ol-mhe", "ol-rmail", "ol-eww")


def _org_mode_modules(ip: "Any") -> None:
    """Tangling visits the Org file in ``org-mode``, which loads ``org-modules``: ``ol-gnus``
    loads message (and auth-source), so their defaults are bound after it, as in Emacs 28.2.
    Only the modules that load a library elconf models matter (SHIPPED_REQUIRES)."""
    from elconf.libraries.builtin import SHIPPED_REQUIRES
    from elconf.loading import require
    from elconf.builtins._check import elements
    from elconf.types import UNBOUND, Symbol
    from elconf.unknowns import contains_unknown

    value = ip.store.get("org-modules")
    if value is not UNBOUND and contains_unknown(value, 1000) is not None:
        return
    names = _ORG_MODULES if value is UNBOUND else \
        tuple(item.name for item in elements(value) if type(item) is Symbol)
    for name in names:
        if name in SHIPPED_REQUIRES:
            require(ip, name, ip.here("org-mode's org-modules (org-babel-load-file)"))
