"""Parity cases: credential files x lookups, answered by Emacs 28.2 and by us.

Each case is a HOME directory (``files``, written as bytes, relative to HOME,
which is also the current directory), an ``auth-sources`` value (None =
Emacs's default) and lookups ``(host, port, user)`` exactly as smtpmail makes
them (port as a string, user = smtpmail-smtp-user or None).

``auth_sources`` is written with :class:`Sym` for symbols and Python lists
for Lisp lists, so the same value can be printed for Emacs and built for us.
"""

from __future__ import annotations

import dataclasses
from typing import Any


@dataclasses.dataclass(frozen=True)
class Sym:
    name: str


@dataclasses.dataclass(frozen=True)
class Case:
    name: str
    files: dict[str, bytes | str]
    queries: list[tuple[str, str, str | None]]
    auth_sources: Any = None
    # A documented, deliberate difference: Emacs fails, we skip with a note.
    deviation: str | None = None
    # Ask as smtpmail's second search does: :require (:user :secret).
    require: bool = False


Q_A = [("a.example", "587", None), ("a.example", "25", None), ("b.example", "587", None),
       ("a.example", "587", "alice"), ("a.example", "587", "bob")]

CASES: list[Case] = [
    Case("basic", {".authinfo": "machine a.example login alice password s3cret\n"}, Q_A),
    Case("port-numeric", {".authinfo": "machine a.example login alice port 587 password p587\n"
                                       "machine a.example login alice port 25 password p25\n"}, Q_A),
    Case("port-service-names",
         {".authinfo": "machine a.example login alice port smtp password byname\n"
                       "machine a.example login alice port submission password sub\n"
                       "default login fallback password fb\n"}, Q_A + [("a.example", "smtp", None)]),
    Case("protocol-alias", {".authinfo": "machine a.example protocol 587 account alice password pa\n"}, Q_A),
    Case("quotes", {".authinfo": "machine a.example login 'alice' password \"p4ss\\\"\n"
                                 "machine b.example login \"bob smith\" password 'it''s'\n"}, Q_A),
    Case("quote-junk", {".authinfo": "machine a.example login alice password \"pa ss\\\"word\" port 587\n"}, Q_A),
    Case("comments", {".authinfo": "# my mail\nmachine a.example # trailing comment\n"
                                   "   # indented comment\n login alice password x#y\n"}, Q_A),
    Case("hash-password-breaks-file",
         {".authinfo": "machine a.example login alice password #secret\n"
                       "machine b.example login bob password other\n"}, Q_A),
    Case("hash-password-last-line", {".authinfo": "machine a.example login alice password #secret\n"}, Q_A),
    Case("multi-line-entry", {".authinfo": "machine a.example\n  login alice\n\n  password\n  multi\n"
                                           "port 587\n"}, Q_A),
    Case("leading-entry-without-machine",
         {".authinfo": "login early password first\nmachine a.example login alice password second\n"}, Q_A),
    Case("machine-then-host", {".authinfo": "machine a.example host b.example login alice password mh\n"}, Q_A),
    Case("user-alias-precedence",
         {".authinfo": "machine a.example user bob login alice password up\n"
                       "machine a.example login alice login bob password twice\n"}, Q_A),
    Case("entry-without-login", {".authinfo": "machine a.example password nologin\n"}, Q_A),
    Case("host-case", {".authinfo": "machine A.Example login alice password upper\n"}, Q_A),
    Case("default-entries", {".authinfo": "default login d1 password dp1\n"
                                          "machine a.example login alice password ap\n"
                                          "default login d2 password dp2\n"}, Q_A),
    Case("default-as-value", {".authinfo": "machine a.example login default password default\n"}, Q_A),
    Case("files-in-order", {".authinfo": "machine a.example login alice password fromauthinfo\n",
                            ".netrc": "machine a.example login bob password fromnetrc\n"
                                      "machine b.example login carol password netrc-b\n"}, Q_A),
    Case("broken-first-file", {".authinfo": "machine a.example login machine\n",
                               ".netrc": "machine a.example login alice password n\n"}, Q_A),
    Case("broken-later-file", {".authinfo": "machine a.example login alice password ok\n",
                               ".netrc": "machine x login machine\n"}, Q_A),
    Case("error-after-match", {".authinfo": "machine a.example login alice password ok\n\n"
                                            "# below\n\nmachine b.example password machine\n\n"}, Q_A),
    Case("error-line-eof", {".authinfo": "machine a.example login alice\npassword machine"}, Q_A),
    Case("crlf", {".authinfo": b"machine a.example login alice password crlf\r\nmachine b.example "
                               b"login bob password two\r\n"}, Q_A),
    Case("mixed-eol-keeps-cr", {".authinfo": b"machine a.example login alice password cr\r\n"
                                             b"machine b.example login bob password lf\n"}, Q_A),
    Case("cr-only", {".authinfo": b"machine a.example login alice password mac\rport 587\r"}, Q_A),
    Case("utf8-bom-and-nonascii", {".authinfo": "\ufeffmachine a.example login alice password "
                                                "gr\u00fc\u00dfe\u20ac\n".encode("utf-8")}, Q_A),
    Case("latin1-bytes", {".authinfo": b"machine a.example login alice password caf\xe9\n"}, Q_A),
    Case("quote-spans-lines", {".authinfo": "machine a.example login alice password 'abc\n"
                                            "machine b.example login 'bob' password x\n"}, Q_A),
    Case("unterminated-quote", {".authinfo": "machine a.example login alice password \"abc\n"}, Q_A),
    Case("empty-password", {".authinfo": "machine a.example login alice password \"\"\n"}, Q_A),
    Case("extra-keys", {".authinfo": "machine a.example login alice password p smtp-auth login "
                                     "key /k.pem cert /c.pem\n"
                                     "machine b.example login bob password q SMTP-AUTH PLAIN\n"}, Q_A),
    Case("capitalised-keys", {".authinfo": "Machine a.example Login alice Password cap\n"}, Q_A),
    Case("tabs-and-odd-blanks", {".authinfo": "machine\ta.example\tlogin\talice\tpassword\tp\x0bq\n"}, Q_A),
    Case("dangling-tokens", {".authinfo": "machine a.example login alice password p extra\nmachine\n"}, Q_A),
    Case("machine-machine-with-comments",
         {".authinfo": "machine a.example password ok\nmachine machine\n\n# c\n\n  login x\n"}, Q_A),
    Case("empty-and-comment-only", {".authinfo": "", ".netrc": "# nothing here\n\n"}, Q_A),
    Case("ip-and-localhost", {".authinfo": "machine 127.0.0.1 login lo password ip\n"
                                           "machine localhost login lh password name\n"},
         [("127.0.0.1", "25", None), ("localhost", "25", None), ("localhost.", "25", None)]),
    Case("plist-sources",
         {"work": "machine a.example login alice password work\n",
          "home": "machine a.example login bob password home\n"},
         Q_A, auth_sources=[[Sym(":source"), "~/work", Sym(":user"), "alice"],
                            [Sym(":source"), "~/home", Sym(":port"), 587],
                            [Sym(":source"), "~/home", Sym(":host"), ["a.example"]]]),
    Case("invalid-specs",
         {".authinfo": "machine a.example login alice password p\n"},
         Q_A[:2], auth_sources=[42, ["~/.authinfo"], Sym("default"), Sym("password-store"),
                                Sym("nonsense"), "~/.authinfo"]),
    Case("secrets-string-is-a-file",
         {"secrets:Login": "machine a.example login alice password fromfile\n"},
         Q_A[:2], auth_sources=["secrets:Login"]),
    Case("relative-and-directory",
         {"rel/authinfo": "machine a.example login alice password rel\n", "dir/x": ""},
         Q_A[:3], auth_sources=["rel/authinfo", "~/dir"]),
    Case("json-source",
         {"creds.json": '[{"machine": "a.example", "login": "alice", "password": "js", "port": 587},'
                        ' {"host": "a.example", "user": "bob", "password": "jb", "port": "587"},'
                        ' {"host": "b.example", "password": "anyuser"}]'},
         Q_A, auth_sources=["~/creds.json"]),
    Case("json-missing", {}, Q_A[:1], auth_sources=["~/none.json", "~/.authinfo"]),
    Case("plain-gpg-name-missing", {".netrc": "machine a.example login alice password n\n"}, Q_A[:2]),
    Case("max-one-first-wins", {".authinfo": "machine a.example login alice password first\n"
                                             "machine a.example login alice password second\n"}, Q_A),
    Case("require-user-and-secret",
         {".authinfo": "machine a.example login alice\n"
                       "machine a.example port 587 password nouser\n"
                       "machine a.example login alice password \"\"\n"
                       "default login d password dp\n"}, Q_A, require=True),
    Case("require-skips-to-next-file",
         {".authinfo": "machine a.example login alice\n",
          ".netrc": "machine a.example login alice password fromnetrc\n"}, Q_A, require=True),
    Case("machine-twice", {".authinfo": "machine a.example machine b.example login alice password p\n"},
         Q_A),
    Case("user-key-and-padded-port", {".authinfo": "machine a.example user alice port 0587 password p\n"
                                                   "machine a.example user alice password q\n"}, Q_A),
    Case("netrc-macdef", {".netrc": "machine a.example login alice password p\n"
                                    "macdef init\ncd /pub\nmachine x\n\n"
                                    "machine b.example login bob password q\n"}, Q_A),
    Case("nbsp-is-not-a-separator", {".authinfo": "machine a.example\u00a0login alice password p\n"
                                                  "machine b.example login bob password \u00a0x\u00a0\n"},
         Q_A),
    Case("auth-sources-is-a-string", {".authinfo": "machine a.example login alice password p\n"},
         Q_A[:1], auth_sources="~/.authinfo"),
    Case("auth-sources-is-a-symbol", {".authinfo": "machine a.example login alice password p\n"},
         Q_A[:1], auth_sources=Sym("foo")),
    Case("keychain-on-linux",
         {".authinfo": "machine a.example login alice password p\n"},
         Q_A[:1], auth_sources=[Sym("macos-keychain-internet"), "~/.authinfo"],
         deviation="Emacs 28.2 fails with Searching for program (no /usr/bin/security); "
                   "elsend skips the source with a note"),
]
