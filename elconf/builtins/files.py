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


def _timestamp(seconds: float) -> Any:
    """A file time as Emacs 28 returns it: ``(HIGH LOW USEC PSEC)``."""
    whole = int(seconds)
    micro = int(round((seconds - whole) * 1_000_000))
    return lisp_list([whole >> 16, whole & 0xFFFF, micro, 0])


def _attributes(path: str, id_format: Any = NIL) -> Any:
    """``file-attributes`` of PATH (not following a final symlink), or nil when it
    does not exist: type, links, owner, group, the three times, size, modes, t,
    inode, device.  The file system is read, never written."""
    import stat

    try:
        st = os.lstat(path)
    except OSError:
        return NIL
    if stat.S_ISLNK(st.st_mode):
        kind: Any = os.readlink(path)
    else:
        kind = T if stat.S_ISDIR(st.st_mode) else NIL
    uid: Any = st.st_uid
    gid: Any = st.st_gid
    if id_format is not NIL and getattr(id_format, "name", None) == "string":
        import grp
        import pwd

        try:
            uid = pwd.getpwuid(st.st_uid).pw_name
        except KeyError:
            pass
        try:
            gid = grp.getgrgid(st.st_gid).gr_name
        except KeyError:
            pass
    return lisp_list([kind, st.st_nlink, uid, gid, _timestamp(st.st_atime),
                      _timestamp(st.st_mtime), _timestamp(st.st_ctime), st.st_size,
                      stat.filemode(st.st_mode), T, st.st_ino, st.st_dev])


@define("file-attributes")
def file_attributes(ip: Any, name: Any, id_format: Any = NIL) -> Any:
    return _attributes(expand(ip, check_string(name)), id_format)


_ATTRIBUTE_ACCESSORS = ("file-attribute-type", "file-attribute-link-number",
                        "file-attribute-user-id", "file-attribute-group-id",
                        "file-attribute-access-time", "file-attribute-modification-time",
                        "file-attribute-status-change-time", "file-attribute-size",
                        "file-attribute-modes", None, "file-attribute-inode-number",
                        "file-attribute-device-number")


def _accessor(index: int) -> Any:
    def nth_attribute(ip: Any, attributes: Any) -> Any:
        from elconf.types import Cons

        for _ in range(index):
            attributes = attributes.cdr if type(attributes) is Cons else NIL
        return attributes.car if type(attributes) is Cons else NIL
    return nth_attribute


for _index, _name in enumerate(_ATTRIBUTE_ACCESSORS):
    if _name:
        define(_name)(_accessor(_index))


@define("directory-files-and-attributes")
def directory_files_and_attributes(ip: Any, directory: Any, full: Any = NIL, match: Any = NIL,
                                   nosort: Any = NIL, id_format: Any = NIL,
                                   count: Any = NIL) -> Any:
    """``directory-files`` with each name paired with its ``file-attributes``."""
    from elconf.types import Cons

    path = expand(ip, check_string(directory))
    names = elements(directory_files(ip, directory, full, match, nosort, count))
    return lisp_list([Cons(name, _attributes(name if full is not NIL else
                                             os.path.join(path, name), id_format))
                      for name in names])


@define("locate-file", "locate-file-internal")
def locate_file(ip: Any, filename: Any, path: Any, suffixes: Any = NIL,
                predicate: Any = NIL) -> Any:
    """The first FILENAME+SUFFIX found in the directories of PATH (nil: the
    current directory), as ``locate-file``: PREDICATE nil wants a readable file
    that is not a directory, ``executable``/``readable``/``writable`` (or a list
    of them) those access rights, ``file-exists-p`` and the like are called."""
    name = check_string(filename)
    dirs = [d for d in elements(path)] if path is not NIL else []
    if os.path.isabs(expand_user_name(ip, name)):
        dirs = [NIL]
    tails = [s for s in elements(suffixes) if isinstance(s, str)] if suffixes is not NIL else [""]
    test = _locate_predicate(ip, predicate)
    for directory in dirs:
        if directory is not NIL and not isinstance(directory, str):
            return ip.opaque("(locate-file ...) with a directory that is not a string")
        for tail in tails:
            candidate = expand(ip, name + tail, directory)
            if test(candidate):
                return candidate
    return NIL


def expand_user_name(ip: Any, name: str) -> str:
    return _home(ip) + name[1:] if name == "~" or name.startswith("~/") else name


def _locate_predicate(ip: Any, predicate: Any) -> Any:
    names = {"executable": os.X_OK, "writable": os.W_OK, "readable": os.R_OK}
    symbol = getattr(predicate, "name", None)
    if predicate is NIL:
        return lambda p: os.access(p, os.R_OK) and not os.path.isdir(p)
    if symbol in names or (predicate is not NIL and not symbol and hasattr(predicate, "car")
                           and all(getattr(x, "name", None) in names for x in elements(predicate))):
        wanted = [names[symbol]] if symbol else [names[x.name] for x in elements(predicate)]
        return lambda p: os.path.exists(p) and all(os.access(p, m) for m in wanted)
    if isinstance(predicate, int):
        return lambda p: os.path.exists(p) and all(
            os.access(p, m) for bit, m in ((1, os.X_OK), (2, os.W_OK), (4, os.R_OK)) if predicate & bit)
    return lambda p: ip.funcall(predicate, [p]) is not NIL


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


@define("locate-library")
def locate_library(ip: Any, library: Any, nosuffix: Any = NIL, *_rest: Any) -> Any:
    """The file ``load`` would use.  A package installed where package.el,
    straight ... keep packages counts (activation puts it on ``load-path``); a
    library found nowhere gives nil, as in Emacs: like ``(require 'pkg nil t)``,
    this is how a config asks whether a package is installed."""
    from elconf.library_files import find_installed_package, locate_library as locate

    name = check_string(library)
    path = locate(ip, name, nosuffix is not NIL)
    if path is None and "/" not in name:
        path = find_installed_package(ip, name)
    return str(path) if path is not None else NIL


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
