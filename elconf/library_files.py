"""Where ``load`` and ``require`` find files, and what they read from them.

Lookups only, no evaluation (that is :mod:`elconf.loading`): ``load``'s
search along ``load-path`` with its suffix rules, the directories where
package managers install packages (whose code is not evaluated), Emacs's
own Lisp tree, a file's text and its ``lexical-binding`` cookie.
"""

from __future__ import annotations

import os
from pathlib import Path

from elconf.types import Cons

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from typing import Any

EMACS_LISP_DIR = "/usr/share/emacs/28.2/lisp"
EMACS_SUBDIRS = ("vc", "url", "textmodes", "progmodes", "play", "org", "nxml", "net", "mh-e",
                 "mail", "leim", "language", "international", "image", "gnus", "eshell", "erc",
                 "emulation", "emacs-lisp", "cedet", "calendar", "calc", "obsolete")
LOAD_SUFFIXES = (".el", ".el.gz", "")


def expand_user(ip: Any, name: str) -> str:
    """``~`` and ``~/...`` under the evaluated HOME (other names unchanged)."""
    if name == "~" or name.startswith("~/"):
        return str(ip.home) + name[1:]
    return name


def locate_library(ip: Any, name: str, nosuffix: bool = False, must_suffix: bool = False) -> Path | None:
    """Find ``name`` as ``load`` does: absolute names directly, relative ones
    in each ``load-path`` directory; in each place ``.el``, ``.el.gz``, then
    the bare name; a lone ``.elc`` last (we cannot evaluate it)."""
    name = expand_user(ip, name)
    suffixes = ("",) if nosuffix or name.endswith((".el", ".elc", ".el.gz")) else \
        (".el", ".el.gz") if must_suffix else LOAD_SUFFIXES
    if os.path.isabs(name):
        dirs = [""]
    else:
        load_path_value = ip.store.value("load-path")
        from elconf.builtins.files import expand

        # Relative entries (and nil, "the current directory") are relative to default-directory.
        dirs = [expand(ip, d if isinstance(d, str) else ".")
                for d in (load_path_value if type(load_path_value) is Cons else ())]
    for directory in dirs:
        base = os.path.join(directory, name) if directory else name
        for suffix in suffixes:
            candidate = base + suffix
            if os.path.isfile(candidate):
                return Path(candidate)
        if not nosuffix and os.path.isfile(base + ".elc"):
            return Path(base + ".elc")
    return None


def read_source(path: Path) -> str:
    if path.name.endswith(".gz"):
        import gzip  # imported here: only a compressed .el.gz library needs it

        return gzip.decompress(path.read_bytes()).decode("utf-8", errors="surrogateescape")
    try:
        from elconf.source import load_source
    except ImportError:  # pragma: no cover - until elconf.source lands
        return path.read_text(encoding="utf-8", errors="surrogateescape")
    return load_source(path)


def lexical_cookie(text: str) -> bool:
    """Whether the first line (second after ``#!``) sets ``lexical-binding: t``."""
    lines = text.split("\n", 2)
    line = lines[1] if lines[0].startswith("#!") and len(lines) > 1 else lines[0]
    if "-*-" not in line:
        return False
    inner = line.split("-*-")[1] if line.count("-*-") >= 2 else ""
    for part in inner.split(";"):
        key, _, value = part.partition(":")
        if key.strip() == "lexical-binding":
            return value.strip() not in ("nil", "")
    return False


# Directories where package managers install packages: their code is not evaluated.
# (A user's own ~/.emacs.d/site-lisp or ~/.emacs.d/lisp is evaluated.)
_PACKAGE_DIR_MARKERS = ("/elpa/", "/straight/", "/elpaca/", "/quelpa/", "/el-get/", "/.cask/",
                        "/.nix-profile/", "/.guix-profile/")
_SYSTEM_SITE_LISP = ("/usr/share/emacs/site-lisp/", "/usr/local/share/emacs/site-lisp/")


def is_package_file(ip: Any, path: Path) -> bool:
    """In a package manager's tree (its code is not evaluated).  Only the part of the path
    below HOME is looked at: a home that itself lies under a directory named ``straight``
    or ``elpa`` holds the user's own files."""
    text = str(path)
    home = str(getattr(ip, "home", "") or "")
    if home and text.startswith(home.rstrip("/") + "/"):
        text = text[len(home.rstrip("/")):]
    return any(marker in text for marker in _PACKAGE_DIR_MARKERS) or text.startswith(_SYSTEM_SITE_LISP)


def package_roots(ip: Any) -> list[str]:
    """Where packages live outside ``load-path`` before package activation:
    package.el, straight, elpaca, the system's and Nix/Guix profiles' site-lisp."""
    user_dir = ip.store.value("user-emacs-directory")
    user_dir = expand_user(ip, user_dir if isinstance(user_dir, str) else "~/.emacs.d/")
    elpa = ip.store.value("package-user-dir")
    roots = [expand_user(ip, elpa) if isinstance(elpa, str) else os.path.join(user_dir, "elpa"),
             os.path.join(user_dir, "straight", "build"), os.path.join(user_dir, "elpaca", "builds"),
             "/usr/share/emacs/site-lisp", "/usr/share/emacs/site-lisp/elpa",
             "/usr/local/share/emacs/site-lisp",
             expand_user(ip, "~/.nix-profile/share/emacs/site-lisp"),
             expand_user(ip, "~/.guix-profile/share/emacs/site-lisp")]
    return [r for r in roots if os.path.isdir(r)]


def find_installed_package(ip: Any, feature: str) -> Path | None:
    """The file of ``feature`` in an installed package (two directory levels deep), if any."""
    for root in package_roots(ip):
        for pattern in (f"{feature}.el*", f"*/{feature}.el*", f"*/*/{feature}.el*"):
            for match in sorted(Path(root).glob(pattern)):
                if match.name in (f"{feature}.el", f"{feature}.elc", f"{feature}.el.gz"):
                    return match
    return None


def is_emacs_file(path: Path) -> bool:
    return str(path).startswith(EMACS_LISP_DIR + "/")


def is_encrypted(name: str) -> bool:
    """A name epa-file's default ``epa-file-name-regexp`` matches (``\\.gpg\\(~\\|\\.~[0-9]+~\\)?\\'``):
    Emacs decrypts such a file when it reads it."""
    if name.endswith((".gpg", ".gpg~")):
        return True
    head, _, tail = name.rpartition(".gpg.~")
    return bool(head) and tail.endswith("~") and tail[:-1].isdigit()
