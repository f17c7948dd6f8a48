"""Mail aliases from ``~/.mailrc``, read and expanded as Emacs 28.2's mailalias.el does.

Reading (``build-mail-aliases``): ``# `` (hash, blank) starts a comment
anywhere on a line; a line ending in a backslash continues on the next;
``source FILE`` lines splice FILE in place (tried as given, then relative to
HOME; a missing file stops the splicing); then every line
``a|alias|g|group NAME DEFINITION`` defines NAME (a later definition of the
same name replaces the earlier).  Definitions list addresses separated by
blanks or commas; ``"..."`` keeps blanks inside one address; a full name
with a special character before ``<addr>`` gets quoted.

Expanding (``expand-mail-aliases``): in To, From, Cc, Bcc, Reply-To and
their ``Resent-`` forms, each comma- or newline-separated name that is
exactly an alias is replaced by its definition, which is scanned again
(an alias is not expanded inside its own expansion).
"""

from __future__ import annotations

import os

from elconf.types import NIL, T, Cons

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from pathlib import Path

Aliases = dict[str, str]

# The patterns of this module are compiled where they are used (re caches
# them), and re itself is imported there: most sends have no ~/.mailrc and
# never need them.  Names are strings (os.path): pathlib costs start-up time.
_DEFINE = r'(?m)^(?:a|alias|g|group)[ \t]+([^ \t\n]+)'
_SOURCE = r'(?m)^source[ \t]+'


def _resolve(name: str, home: str | Path, cwd: str | Path) -> str | None:
    if name == "~" or name.startswith("~/"):
        given = os.fspath(home) + name[1:]
    else:
        given = os.path.join(cwd, name)
    for candidate in (given, os.path.join(home, name)):
        if os.path.isfile(candidate):
            return candidate
    return None


def read_mailrc(path: str, *, home: str | Path, cwd: str | Path | None = None) -> Aliases:
    """``build-mail-aliases`` on ``path``: the alias table (later lines win)."""
    import re

    cwd = cwd or os.getcwd()
    text = ""
    pending: str | None = path
    insert_at = 0
    while pending is not None:
        found = _resolve(pending, home, cwd)
        if found is None:
            break
        with open(found, "rb") as handle:
            content = handle.read().decode("utf-8", "surrogateescape")
        text = text[:insert_at] + content + text[insert_at:]
        # Comments: "# " anywhere up to the end of its line.
        text = re.sub(r'# [^\n]*', "", text)
        if not text.endswith("\n"):
            text += "\n"
        text = re.sub(r'\\\n', " ", text)
        m = re.search(_SOURCE, text)
        if m is None:
            break
        word = re.compile(r'\S+').search(text, m.end())
        pending = word.group(0) if word else None
        insert_at = m.start()
        text = text[:insert_at] + "# " + text[insert_at:]
    aliases: Aliases = {}
    for m in re.finditer(_DEFINE, text):
        start = m.end()
        while start < len(text) and text[start] in " \t":
            start += 1
        eol = text.find("\n", start)
        value = text[start:eol if eol >= 0 else len(text)]
        if value:
            aliases[m.group(1)] = define_alias(value, from_mailrc=True)
    return aliases


_NEEDS_QUOTES = r"[^- !#$%&'*+/0-9=?A-Za-z^_`{|}~]"
_NAME_ANGLE = r'(.+?)[ \t]*(<.*>)'


def _quote_full_name(entry: str) -> str:
    import re

    m = re.search(_NAME_ANGLE, entry)
    if m is not None and re.search(_NEEDS_QUOTES, m.group(1)):
        return re.sub(_NAME_ANGLE, r'"\1" \2', entry)
    return entry


def define_alias(definition: str, *, from_mailrc: bool) -> str:
    """``define-mail-alias``'s normalisation: the addresses joined with ``", "``."""
    import re

    definition = re.sub(r'\A[ \t\n,]+', "", definition)
    definition = re.sub(r'[ \t\n,]+\Z', "", definition)
    length = len(definition)
    start: int | None = 0 if length else None
    result: list[str] = []
    while start is not None:
        if from_mailrc:
            if definition[start] == '"':
                start += 1
                m = re.compile(r'[^\\]((?:\\\\)*)"[ \t,]*').search(definition, start)
                end = m.end(1) if m else None
            else:
                m = re.compile(r'[ \t,]+').search(definition, start)
                end = m.start() if m else None
            entry = definition[start:end]
            start = m.end() if (end is not None and m is not None and m.end() != length) else None
            result.append(_quote_full_name(entry))
            continue
        m = re.compile(r'[ \t,]*("(?:[^"]|[^\\](?:\\\\)*")*"[ \t]*'
                       r"<[-.!#$%&'*+/0-9=?A-Za-z^_`{|}~@]+>)[ \t,]*").match(definition, start)
        if m is not None:
            result.append(m.group(1))
            start = m.end() if m.end() != length else None
            continue
        m = re.compile(r'[ \t\n,]*,[ \t\n]*').search(definition, start)
        end = m.start() if m else None
        entry = definition[start:end]
        start = m.end() if (m is not None and m.end() != length) else None
        result.append(_quote_full_name(entry))
    return ", ".join(result)


def aliases_from_config(mail_aliases: object, personal_file: str, *, home: str | Path,
                        cwd: str | Path | None = None) -> Aliases:
    """The table ``expand-mail-aliases`` uses for a ``mail-aliases`` value.

    ``t`` reads the personal alias file.  An alist set in the init file is
    used as is when that file does not exist; when it does, Emacs's first
    ``sendmail-sync-aliases`` notices the file and rereads it, so the file wins.
    """
    path = personal_file
    exists = _resolve(path, home, cwd or os.getcwd()) is not None
    if mail_aliases is T or (mail_aliases is not NIL and exists):
        return read_mailrc(path, home=home, cwd=cwd) if exists else {}
    table: Aliases = {}
    if isinstance(mail_aliases, Cons):
        for entry in mail_aliases:
            if isinstance(entry, Cons) and isinstance(entry.car, str) and isinstance(entry.cdr, str):
                table.setdefault(str(entry.car), str(entry.cdr))
    elif mail_aliases is not NIL and _is_mapping(mail_aliases):
        table.update({str(k): str(v) for k, v in mail_aliases.items()})
    return table


_ADDRESS_FIELD = r'(?im)^(?:Resent-)?(?:To|From|Cc|Bcc|Reply-To):'


def _is_mapping(value: object) -> bool:
    from collections.abc import Mapping   # not at the top: collections costs start-up time

    return isinstance(value, Mapping)


def expand_aliases(header: str, aliases: Aliases) -> str:
    """``expand-mail-aliases`` over the header block."""
    if not aliases:
        return header
    import re

    pos = 0
    address_field = re.compile(_ADDRESS_FIELD)
    while (m := address_field.search(header, pos)) is not None:
        beg = m.end()
        while beg < len(header) and header[beg] in " \t":
            beg += 1
        nxt = re.compile(r'^[^ \t]', re.MULTILINE).search(header, beg)
        end1 = nxt.start() if nxt else len(header)
        # beginning-of-line, then back over blanks and newlines.
        end1 = header.rfind("\n", 0, end1) + 1 if nxt is None else end1
        while end1 > beg and header[end1 - 1] in " \t\n":
            end1 -= 1
        header, end1 = _expand_field(header, beg, end1, aliases)
        pos = end1
    return header


def _expand_field(header: str, point: int, end1: int, aliases: Aliases) -> tuple[str, int]:
    import re

    disabled: list[tuple[str, int]] = []  # (alias, distance of re-enable point from end1)
    separator = re.compile(r'[ \t]*[\n,][ \t]*')
    while point < end1:
        pos = point
        while disabled and pos > end1 - disabled[0][1]:
            disabled.pop(0)
        m = separator.search(header, point, end1)
        if m is not None:
            epos, seplen = m.start(), m.end() - m.start()
        else:
            epos, seplen = end1, 0
        name = header[pos:epos]
        translation = aliases.get(name)
        if translation is not None and all(name != d for d, _ in disabled):
            disabled.insert(0, (name, end1 - epos))
            header = header[:pos] + translation + header[epos:]
            end1 += len(translation) - (epos - pos)
            point = pos
        else:
            point = epos + seplen
    return header, end1
