"""File-name builtins and read-only file metadata.

The sandbox allows pure file-name computation and metadata checks
(``file-exists-p`` and friends); anything that writes, deletes or reads file
contents (other than loading Lisp) is opaque: see ``system.SANDBOXED``.
"""

from __future__ import annotations

import os

from elconf.builtins import Table
from elconf.builtins._check import check_string, elements
from elconf.types import NIL, T, lisp_list

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from typing import Any

TABLE = Table()
define = TABLE.define


def _home(ip: Any) -> str:
    return str(ip.home)


def _default_directory(ip: Any) -> str:
    value = ip.store.value("default-directory")
    return value if isinstance(value, str) else "~/"


def expand(ip: Any, name: str, directory: Any = NIL) -> str:
    """``expand-file-name``: ~ expansion, relative to DIRECTORY, ``.``/``..`` removed."""
    if name.startswith("~") and (len(name) == 1 or name[1] == "/"):
        name = _home(ip) + name[1:]
    elif not name.startswith("/"):
        base = directory if isinstance(directory, str) else _default_directory(ip)
        if base.startswith("~") and (len(base) == 1 or base[1] == "/"):
            base = _home(ip) + base[1:]
        elif not base.startswith("/"):
            base = expand(ip, base)
        name = base.rstrip("/") + "/" + name if name else base
    keep_slash = name.endswith("/") and len(name) > 1
    parts: list[str] = []
    for part in name.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if parts:
                parts.pop()
            continue
        parts.append(part)
    result = "/" + "/".join(parts)
    if keep_slash and result != "/":
        result += "/"
    if name.startswith("//") and not name.startswith("///"):
        result = "/" + result if False else result
    return result


@define("expand-file-name")
def expand_file_name(ip: Any, name: Any, directory: Any = NIL) -> Any:
    return expand(ip, check_string(name), directory)


@define("file-truename")
def file_truename(ip: Any, name: Any) -> Any:
    full = expand(ip, check_string(name))
    real = os.path.realpath(full)
    return real + "/" if full.endswith("/") and real != "/" else real


@define("abbreviate-file-name")
def abbreviate_file_name(ip: Any, name: Any) -> Any:
    home = _home(ip).rstrip("/")
    name = check_string(name)
    if name == home or name.startswith(home + "/"):
        return "~" + name[len(home):]
    return name


@define("file-name-as-directory")
def file_name_as_directory(ip: Any, name: Any) -> Any:
    name = check_string(name)
    if name == "":
        return "./"
    return name if name.endswith("/") else name + "/"


@define("directory-file-name")
def directory_file_name(ip: Any, name: Any) -> Any:
    name = check_string(name)
    stripped = name.rstrip("/")
    if not stripped:
        return "//" if name.startswith("//") and len(name) == 2 else "/" if name else ""
    return stripped


@define("file-name-directory")
def file_name_directory(ip: Any, name: Any) -> Any:
    name = check_string(name)
    cut = name.rfind("/")
    return NIL if cut < 0 else name[:cut + 1]


@define("file-name-nondirectory")
def file_name_nondirectory(ip: Any, name: Any) -> Any:
    name = check_string(name)
    return name[name.rfind("/") + 1:]


@define("file-name-extension")
def file_name_extension(ip: Any, name: Any, period: Any = NIL) -> Any:
    base = file_name_nondirectory(ip, name)
    stem = base.rstrip(".") if False else base
    dot = stem.rfind(".")
    if dot <= 0 or base.lstrip(".") == "":
        return "" if period is not NIL else NIL
    return stem[dot:] if period is not NIL else stem[dot + 1:]


@define("file-name-sans-extension")
def file_name_sans_extension(ip: Any, name: Any) -> Any:
    name = check_string(name)
    base = file_name_nondirectory(ip, name)
    dot = base.rfind(".")
    if dot <= 0:
        return name
    return name[:len(name) - len(base) + dot]


@define("file-name-base")
def file_name_base(ip: Any, name: Any = NIL) -> Any:
    return file_name_sans_extension(ip, file_name_nondirectory(ip, name))


@define("file-name-absolute-p")
def file_name_absolute_p(ip: Any, name: Any) -> Any:
    name = check_string(name)
    return T if name.startswith("/") or name == "~" or name.startswith("~/") else NIL


@define("file-relative-name")
def file_relative_name(ip: Any, name: Any, directory: Any = NIL) -> Any:
    base = expand(ip, directory if isinstance(directory, str) else _default_directory(ip))
    return os.path.relpath(expand(ip, check_string(name)), base)


@define("convert-standard-filename", "file-name-quote", "file-name-unquote")
def identity_name(ip: Any, name: Any, *_rest: Any) -> Any:
    return check_string(name)


@define("substitute-in-file-name", "substitute-env-vars")
def substitute_in_file_name(ip: Any, name: Any, *_rest: Any) -> Any:
    import re

    def var(m: Any) -> str:
        key = m.group(1) or m.group(2)
        return ip.env.get(key, "" if m.group(0).startswith("${") else m.group(0))
    return re.sub(r"\$\{([^}]+)\}|\$([A-Za-z_][A-Za-z0-9_]*)", var, check_string(name))


def _stat(ip: Any, name: Any, test: Any) -> Any:
    path = expand(ip, check_string(name))
    try:
        return T if test(path) else NIL
    except OSError:
        return NIL


@define("file-exists-p")
def file_exists_p(ip: Any, name: Any) -> Any:
    return _stat(ip, name, os.path.exists)


@define("file-readable-p")
def file_readable_p(ip: Any, name: Any) -> Any:
    return _stat(ip, name, lambda p: os.access(p, os.R_OK))


@define("file-writable-p")
def file_writable_p(ip: Any, name: Any) -> Any:
    return _stat(ip, name, lambda p: os.access(p, os.W_OK) if os.path.exists(p)
                 else os.access(os.path.dirname(p) or "/", os.W_OK))


@define("file-executable-p")
def file_executable_p(ip: Any, name: Any) -> Any:
    return _stat(ip, name, lambda p: os.access(p, os.X_OK))


@define("file-directory-p")
def file_directory_p(ip: Any, name: Any) -> Any:
    return _stat(ip, name, os.path.isdir)


@define("file-regular-p")
def file_regular_p(ip: Any, name: Any) -> Any:
    return _stat(ip, name, os.path.isfile)


@define("file-symlink-p")
def file_symlink_p(ip: Any, name: Any) -> Any:
    path = expand(ip, check_string(name))
    return os.readlink(path) if os.path.islink(path) else NIL


@define("directory-files")
def directory_files(ip: Any, directory: Any, full: Any = NIL, match: Any = NIL, nosort: Any = NIL,
                    count: Any = NIL) -> Any:
    from elconf.regexp import compile_regexp

    path = expand(ip, check_string(directory))
    try:
        names = [".", ".."] + os.listdir(path)
    except OSError:
        from elconf.errors import lisp_error

        raise lisp_error("file-missing", "Opening directory", "No such file or directory", path) from None
    if match is not NIL:
        rx = compile_regexp(match)
        names = [n for n in names if rx.search(n, time_left=ip.time_left())]
    if nosort is NIL:
        names.sort()
    if full is not NIL:
        names = [path.rstrip("/") + "/" + n for n in names]
    if isinstance(count, int):
        names = names[:count]
    return lisp_list(names)


@define("locate-user-emacs-file")
def locate_user_emacs_file(ip: Any, new_name: Any, old_name: Any = NIL) -> Any:
    base = ip.store.value("user-emacs-directory")
    base = base if isinstance(base, str) else "~/.emacs.d/"
    if old_name is not NIL:
        old = expand(ip, check_string(old_name), "~/")
        if os.path.exists(old):
            return old
    return abbreviate_file_name(ip, expand(ip, check_string(new_name), base))


@define("executable-find")
def executable_find(ip: Any, command: Any, *_remote: Any) -> Any:
    command = check_string(command)
    if "/" in command:
        path = expand(ip, command)
        return path if os.access(path, os.X_OK) and os.path.isfile(path) else NIL
    exec_path = ip.store.value("exec-path")
    dirs = [d for d in (exec_path if exec_path is not NIL and hasattr(exec_path, "car") else ())
            if isinstance(d, str)]
    for directory in dirs:
        candidate = os.path.join(expand(ip, directory), command)
        if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return NIL


@define("file-name-concat")
def file_name_concat(ip: Any, directory: Any, *components: Any) -> Any:
    parts = [p for p in (directory, *components) if isinstance(p, str) and p]
    out = ""
    for i, part in enumerate(parts):
        out += part if i == len(parts) - 1 else file_name_as_directory(ip, part)
    return out


@define("locate-library", "locate-file-internal")
def locate_library(ip: Any, library: Any, nosuffix: Any = NIL, *_rest: Any) -> Any:
    """The file ``load`` would use; for a library we cannot see (a package the user
    may have installed) the answer is unknown rather than nil."""
    from elconf.loading import locate_library as locate

    name = check_string(library)
    path = locate(ip, name, nosuffix is not NIL)
    if path is not None:
        return str(path)
    return ip.opaque(f"(locate-library {name!r})")


@define("normal-top-level-add-subdirs-to-load-path")
def add_subdirs_to_load_path(ip: Any) -> Any:
    """Append the subdirectories of ``default-directory`` (recursively; not dot
    directories, RCS, CVS, or trees marked with ``.nosearch``) to ``load-path``."""
    from elconf.types import Cons

    top = expand(ip, _default_directory(ip))
    found: list[str] = []
    pending = [top]
    while pending and len(found) < 10_000:
        directory = pending.pop(0)
        try:
            names = sorted(os.listdir(directory))
        except OSError:
            continue
        for name in names:
            path = os.path.join(directory, name)
            if name.startswith(".") or name in ("RCS", "CVS") or not os.path.isdir(path):
                continue
            if os.path.exists(os.path.join(path, ".nosearch")):
                continue
            found.append(path)
            pending.append(path)
    current = ip.store.value("load-path")
    items = elements(current) if current is NIL or type(current) is Cons else []
    items += [p for p in found if p not in items]
    ip.store.assign("load-path", lisp_list(items), ip.here("normal-top-level-add-subdirs-to-load-path"))
    return NIL
