"""The sender's quick answer when auth-sources names no file that exists.

smtpmail searches auth-source on every send, whether the server offers AUTH
or not; :meth:`smtp.authsource.CredentialSource.__call__` answers None without
importing the search when :func:`smtp.authsource.nothing_to_read` says every
source is a missing authinfo/netrc file.  These tests check that the quick
answer is only ever given where the whole search gives the same one (no
credential, no error), and that anything it cannot judge takes the search.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from elconf.types import NIL, Cons, intern, lisp_list
from smtp.authsource import CredentialSource, nothing_to_read, search

#: auth-sources values of the shapes init files have (None is the default).
SHAPES = [
    None,
    NIL,
    lisp_list(["~/.authinfo.gpg"]),
    lisp_list(["~/.authinfo", "~/.netrc"]),
    lisp_list(["~/.config/mail/authinfo.gpg", "~/.netrc"]),
    lisp_list(["~/creds.json"]),                      # JSON: a missing file is an error
    lisp_list(["~/creds.json.gpg"]),
    lisp_list(["~/store.plist"]),
    lisp_list(["authinfo"]),                          # relative to the current directory
    lisp_list(["~root/.authinfo"]),
    lisp_list(["secrets:Login"]),
    lisp_list([intern("password-store"), "~/.authinfo"]),
    lisp_list([intern("default")]),
    lisp_list(["macos-keychain-internet:/x"]),
    lisp_list([lisp_list([intern(":source"), "~/.authinfo"])]),
    Cons("~/.authinfo", "~/.netrc"),                  # improper: Emacs's mapcar fails
    "~/.authinfo",                                    # a string: taken char by char
]

FILES = [".authinfo", ".authinfo.gpg", ".netrc", ".config/mail/authinfo.gpg", "creds.json",
         "store.plist"]


def _agrees(auth_sources: object, home: Path, cwd: Path) -> bool:
    """nothing_to_read's verdict, checked against the whole search when it says True."""
    quick = nothing_to_read(auth_sources, str(home))
    if quick:
        for require in ((), ("user", "secret")):
            lookup = search(auth_sources, "smtp.example.org", "587", None, home=home, env={},
                            cwd=cwd, require=require)
            assert lookup.credential is None and lookup.error is None, (auth_sources, lookup)
    return quick


@pytest.mark.parametrize("present", [None, *FILES])
def test_the_quick_answer_is_the_search_s_answer(tmp_path: Path, present: str | None) -> None:
    home, cwd = tmp_path / "home", tmp_path / "cwd"
    home.mkdir()
    cwd.mkdir()
    if present is not None:
        target = home / present
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("machine smtp.example.org login alice password secret\n")
    verdicts = {repr(shape): _agrees(shape, home, cwd) for shape in SHAPES}
    if present is None:
        # Only the missing authinfo/netrc files by absolute or ~/ names are judged here.
        assert [shape for shape in SHAPES if verdicts[repr(shape)]] == SHAPES[:5]
    elif present in (".authinfo", ".authinfo.gpg", ".netrc"):
        assert verdicts[repr(None)] is False


def test_a_file_that_exists_in_any_form_takes_the_search(tmp_path: Path) -> None:
    """A directory, an unreadable file, a symlink to a file: the search decides (it may fail)."""
    (tmp_path / ".authinfo").mkdir()
    assert not nothing_to_read(None, str(tmp_path))
    os.rmdir(tmp_path / ".authinfo")
    (tmp_path / "real").write_text("machine h login a password p\n")
    (tmp_path / ".netrc").symlink_to(tmp_path / "real")
    assert not nothing_to_read(None, str(tmp_path))
    (tmp_path / ".netrc").unlink()
    (tmp_path / ".netrc").symlink_to(tmp_path / "missing")   # dangling: skipped by both
    assert nothing_to_read(None, str(tmp_path))
    assert search(None, "h", "25", None, home=tmp_path, env={}, cwd=tmp_path).credential is None


def test_a_relative_home_takes_the_search(tmp_path: Path) -> None:
    assert not nothing_to_read(None, "relative/home")


def test_the_sender_s_source_finds_a_file_written_after_a_quick_answer(tmp_path: Path) -> None:
    """Nothing is remembered between calls: a file that appears is searched."""
    source = CredentialSource(None, str(tmp_path), {})
    assert source("smtp.example.org", "587", None) is None
    (tmp_path / ".authinfo").write_text("machine smtp.example.org login alice password pw\n")
    found = source("smtp.example.org", "587", None)
    assert found is not None and (found.user, found.secret) == ("alice", "pw")
