"""The buffer functions data-reading code calls, on ``with-temp-buffer``'s buffer
(:mod:`elconf.buffers`).  Outside one, the buffer is one elconf does not
model: the call is skipped and its value unknown, as for any function elconf
does not evaluate."""

from __future__ import annotations

import re

from elconf.buffers import TempBuffer, current
from elconf.builtins import Table
from elconf.builtins._check import check_int, check_string
from elconf.errors import lisp_error
from elconf.types import NIL, lisp_list

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

TABLE = Table()
define = TABLE.define


def _buffer(ip: Any, name: str) -> TempBuffer | None:
    """The temporary buffer, or None: not in one, or its text is unknown (a refused read)."""
    buffer = current(ip)
    if buffer is None:
        ip.diagnose("info", f"call of {name} skipped: not modelled", "opaque-call", once=True)
    return buffer if buffer is None or buffer.unknown is None else None


def _skipped(ip: Any, name: str) -> Any:
    buffer = current(ip)
    if buffer is not None and buffer.unknown is not None:
        return buffer.unknown
    return ip.opaque(f"({name} ...)")


@define("current-buffer")
def current_buffer(ip: Any) -> Any:
    buffer = _buffer(ip, "current-buffer")
    return buffer if buffer is not None else _skipped(ip, "current-buffer")


@define("point-min")
def point_min(ip: Any) -> Any:
    return 1 if _buffer(ip, "point-min") is not None else _skipped(ip, "point-min")


@define("point-max")
def point_max(ip: Any) -> Any:
    buffer = _buffer(ip, "point-max")
    return len(buffer.text) + 1 if buffer is not None else _skipped(ip, "point-max")


@define("point")
def point(ip: Any) -> Any:
    buffer = _buffer(ip, "point")
    return buffer.point if buffer is not None else _skipped(ip, "point")


@define("buffer-size")
def buffer_size(ip: Any, _buffer_arg: Any = NIL) -> Any:
    buffer = _buffer(ip, "buffer-size")
    return len(buffer.text) if buffer is not None else _skipped(ip, "buffer-size")


@define("goto-char")
def goto_char(ip: Any, position: Any) -> Any:
    buffer = _buffer(ip, "goto-char")
    if buffer is None:
        return _skipped(ip, "goto-char")
    buffer.point = min(max(check_int(position), 1), len(buffer.text) + 1)
    return position


@define("buffer-string")
def buffer_string(ip: Any) -> Any:
    buffer = _buffer(ip, "buffer-string")
    return buffer.text if buffer is not None else _skipped(ip, "buffer-string")


@define("buffer-substring", "buffer-substring-no-properties")
def buffer_substring(ip: Any, start: Any, end: Any) -> Any:
    buffer = _buffer(ip, "buffer-substring")
    if buffer is None:
        return _skipped(ip, "buffer-substring")
    low, high = sorted((check_int(start), check_int(end)))
    if low < 1 or high > len(buffer.text) + 1:
        raise lisp_error("args-out-of-range", start, end)
    return buffer.text[low - 1:high - 1]


@define("insert")
def insert(ip: Any, *texts: Any) -> Any:
    buffer = _buffer(ip, "insert")
    if buffer is None:
        return _skipped(ip, "insert")
    for text in texts:
        buffer.insert(chr(text) if isinstance(text, int) else check_string(text))
    return NIL


@define("erase-buffer")
def erase_buffer(ip: Any) -> Any:
    buffer = _buffer(ip, "erase-buffer")
    if buffer is None:
        return _skipped(ip, "erase-buffer")
    buffer.text, buffer.point = "", 1
    return NIL


#: Names of files that hold credentials: never read into a value.
_SECRET = re.compile(r"(?i)(authinfo|netrc|passw|secret|token|credential|/\.password-store/|"
                     r"/\.gnupg/|/\.ssh/|\.(gpg|asc|pem|key)$)")


def _readable_data(ip: Any, path: str) -> bool:
    """The sandbox reads files only as ``load`` would (docs/reliability.md): into a
    temporary buffer go only Emacs Lisp files of the home (a profile list, a data
    file the config ``read``s), never a credential file nor a file elsewhere."""
    home = str(ip.home).rstrip("/") + "/"
    return path.startswith(home) and path.endswith(".el") and not _SECRET.search(path)


@define("insert-file-contents", "insert-file-contents-literally", pass_opaque=True)
def insert_file_contents(ip: Any, filename: Any, *rest: Any) -> Any:
    """Into a temporary buffer, the text of an Emacs Lisp file of the home (point stays
    before it, as in Emacs); anything else, the sandbox's refusal (an unknown value)."""
    from elconf.builtins.files import expand
    from elconf.builtins.system import refuse
    from elconf.library_files import is_encrypted

    buffer = current(ip)
    if buffer is None:
        return refuse(ip, "insert-file-contents", filename, *rest)
    path = expand(ip, filename) if isinstance(filename, str) else None
    if path is None or buffer.unknown is not None or is_encrypted(path) \
            or not _readable_data(ip, path) \
            or any(not isinstance(arg, (int, str)) and arg is not NIL for arg in rest[:3]):
        # The text Emacs would insert is unknown here, and so is the buffer from now on.
        buffer.unknown = refuse(ip, "insert-file-contents", filename, *rest)
        return buffer.unknown
    try:
        with open(path, "rb") as stream:
            data = stream.read()
    except FileNotFoundError:
        raise lisp_error("file-missing", "Opening input file", "No such file or directory",
                         path) from None
    except OSError as exc:
        raise lisp_error("file-error", "Opening input file", exc.strerror or "error", path) from None
    text = data.decode("utf-8", errors="replace")
    at = buffer.point
    buffer.insert(text)
    buffer.point = at
    return lisp_list([path, len(text)])
