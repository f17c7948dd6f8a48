"""The message-preparation parity corpus: messages × settings run through Emacs and elsend.

Each :class:`Case` is a message (bytes, exactly as a file would hold them),
the Lisp settings it runs under (JSON-like: str → Lisp string, None → nil,
True → t, ``Sym("x")`` → the symbol, int → integer, :class:`Alist`), optionally a
``~/.mailrc`` text and files to create first.  ``make_goldens.py`` runs them
all through Emacs 28.2 in queue mode (one Emacs process) and stores what
Emacs wrote; the parity test runs them through :mod:`smtp.message`.
"""

from __future__ import annotations

import dataclasses
from typing import Any


@dataclasses.dataclass(frozen=True)
class Sym:
    name: str


@dataclasses.dataclass(frozen=True)
class Alist:
    """A Lisp alist of string pairs, e.g. a ``mail-aliases`` set in an init file."""

    pairs: tuple[tuple[str, str], ...]


@dataclasses.dataclass(frozen=True)
class Case:
    id: str
    message: bytes
    settings: dict[str, Any] = dataclasses.field(default_factory=dict)
    mailrc: str | None = None
    extra_files: dict[str, str] = dataclasses.field(default_factory=dict)


# Every case starts from these (a user with a full name and a good address).
BASE_SETTINGS: dict[str, Any] = {
    "user-mail-address": "alice@example.org",
    "user-full-name": "Alice Example",
    "mail-host-address": "example.org",
}

SEP = b"--text follows this line--"
PLAIN = b"To: bob@example.net\nSubject: Hello\n\nHi Bob.\n"

MAILRC = """\
# aliases for the parity corpus
alias team bob@example.net carol@example.net
alias boss "Big Boss <boss@example.com>"
alias dotted "Alice Q. Example <aq@example.org>"
a both team, boss # a trailing comment
group long first@example.org \\
  second@example.org
alias self me
alias me self
source extra-aliases
"""

EXTRA_ALIASES = "alias ops ops1@example.net, ops2@example.net\n"


def _m(*lines: str, body: str = "Body text.\n", sep: bool = False) -> bytes:
    head = "".join(line + "\n" for line in lines)
    middle = (SEP.decode() + "\n") if sep else "\n"
    return (head + middle + body).encode("utf-8")


CASES: list[Case] = [
    Case("plain", PLAIN),
    Case("separator", _m("To: bob@example.net", "Subject: Hi", sep=True)),
    Case("no-final-newline", b"To: bob@example.net\nSubject: x\n\nno newline at the end"),
    Case("header-only", b"To: bob@example.net\nSubject: only a header"),
    Case("crlf", b"To: bob@example.net\r\nSubject: CRLF\r\n\r\nline one\r\nline two\r\n"),
    Case("mixed-eol", b"To: bob@example.net\r\nSubject: mixed\n\nline\r\n"),
    Case("missing-from-angles-dot", PLAIN, {"user-full-name": "Alice Q. Example"}),
    Case("from-style-parens", PLAIN, {"mail-from-style": Sym("parens"),
                                      "user-full-name": "Alice (Al) Ex\\ample"}),
    Case("from-style-parens-unbalanced", PLAIN, {"mail-from-style": Sym("parens"),
                                                 "user-full-name": "Alice (Al Ex) (x"}),
    Case("from-style-nil", PLAIN, {"mail-from-style": None}),
    Case("from-style-default", PLAIN, {"mail-from-style": Sym("default")}),
    Case("fullname-quotes", PLAIN, {"user-full-name": 'Alice "Al" Back\\slash'}),
    Case("fullname-nonascii", PLAIN, {"user-full-name": "José Müller"}),
    Case("fullname-empty", PLAIN, {"user-full-name": ""}),
    Case("existing-from", _m("From: Carol <carol@example.com>", "To: bob@example.net", "Subject: s")),
    Case("existing-from-parens", _m("From: carol@example.com (Carol C)", "To: bob@example.net")),
    Case("from-lowercase", _m("from: carol@example.com", "To: bob@example.net")),
    Case("empty-from", _m("From: ", "To: bob@example.net")),
    Case("envelope-specified", _m("From: Carol <carol@example.com>", "To: bob@example.net"),
         {"mail-specify-envelope-from": True, "mail-envelope-from": "bounce@example.org"}),
    Case("envelope-header", _m("From: Carol <carol@example.com>", "To: bob@example.net"),
         {"mail-specify-envelope-from": True, "mail-envelope-from": Sym("header")}),
    Case("envelope-bad-user-address", _m("To: bob@example.net"),
         {"user-mail-address": "root@vm", "mail-envelope-from": None}),
    Case("body-from-quirk", _m("To: bob@example.net", "Subject: q",
                               body="text\nFrom: body-sender@example.com\n"),
         {"user-mail-address": "root@vm"}),
    Case("body-from-with-separator", _m("To: bob@example.net", "Subject: q", sep=True,
                                        body="text\nFrom: body-sender@example.com\n"),
         {"user-mail-address": "root@vm"}),
    Case("empty-subject", _m("To: bob@example.net", "Subject:   ", "X-After: 1")),
    Case("empty-subject-last", _m("To: bob@example.net", "Subject: ")),
    Case("empty-subject-last-sep", _m("To: bob@example.net", "Subject:", sep=True)),
    Case("subject-continued", _m("To: bob@example.net", "Subject:", " continued", "X-A: b")),
    Case("nonascii-subject", _m("To: bob@example.net", "Subject: Grüße aus Köln")),
    Case("nonascii-body", _m("To: bob@example.net", "Subject: plain", body="Grüße\n")),
    Case("nonascii-names", _m('To: "Zoë Ünïcödé" <zoe@example.net>, José <jose@example.org>',
                              "Cc: André (the man) <andre@example.com>", "Subject: x")),
    Case("long-nonascii-subject", _m("To: bob@example.net",
                                     "Subject: " + "Ünïcödé wörds and more words " * 6)),
    Case("already-encoded", _m("To: bob@example.net", "Subject: =?utf-8?Q?K=C3=B6ln?= und Köln")),
    Case("mime-present", _m("To: bob@example.net", "MIME-Version: 1.0", "Subject: Köln")),
    Case("nonascii-send-t", _m("To: bob@example.net", "Subject: Köln"), {"mail-send-nonascii": True}),
    Case("nonascii-send-nil", _m("To: bob@example.net", "Subject: Köln"), {"mail-send-nonascii": None}),
    Case("nonascii-send-query", _m("To: bob@example.net", "Subject: Köln"),
         {"mail-send-nonascii": Sym("query")}),
    Case("bcc", _m("To: bob@example.net", "Bcc: hidden@example.net,", "  hidden2@example.net",
                   "Subject: bcc")),
    Case("resent", _m("To: bob@example.net", "Resent-To: r1@example.net",
                      "Resent-Bcc: rb@example.net", "Bcc: b@example.net", "Resent-Cc: rc@example.net")),
    Case("groups-and-words", _m("To: undisclosed-recipients:;", "Cc: Bob Smith bob@example.net",
                                "Bcc: team: a@example.net, b@example.net;")),
    Case("duplicates", _m("To: bob@example.net, bob@example.net", "Cc: BOB@example.net, bob@example.net")),
    Case("continuation-to", _m("To: a@example.net,", "\tb@example.net,", " c@example.net", "Subject: c")),
    Case("quoted-commas", _m('To: "Smith, Bob" <bob@example.net>, "x@y" (comment, here) <x@example.net>')),
    Case("quoted-local-part", _m('To: "odd name"@example.net, plain@example.net')),
    Case("comments", _m("To: bob@example.net (Bob (the builder)), carol@example.net (C)")),
    Case("sendto-domain", _m("To: bob, carol@example.net"), {"smtpmail-sendto-domain": "example.com"}),
    Case("no-recipients", _m("Subject: nobody")),
    Case("aliases", _m("To: team, x@example.net", "Cc: boss,", "  both", "Bcc: long",
                       "Reply-To: dotted", "Subject: team"), mailrc=MAILRC,
         extra_files={"home/extra-aliases": EXTRA_ALIASES}),
    Case("aliases-recursive", _m("To: me", "From: self", "Cc: ops"), mailrc=MAILRC,
         extra_files={"home/extra-aliases": EXTRA_ALIASES}),
    Case("aliases-off", _m("To: team"), {"mail-aliases": None}, mailrc=MAILRC,
         extra_files={"home/extra-aliases": EXTRA_ALIASES}),
    Case("fcc", _m("To: bob@example.net", "Fcc: sent.mbox", "Bcc: hidden@example.net",
                   "Subject: Köln", body="From the start\nFrom here\n>From there\n")),
    Case("fcc-two", _m("To: bob@example.net", "FCC: one.mbox", "Fcc:  two.mbox  ", "Subject: two"),
         extra_files={"two.mbox": "From old Mon Jan  1 00:00:00 2024\n\nold message\n"}),
    Case("own-date-and-id", _m("Date: Mon, 01 Jan 2024 00:00:00 +0000", "Message-ID: <own@example.org>",
                               "To: bob@example.net")),
    Case("fqdn-user-address", PLAIN, {"mail-host-address": None}),
    Case("fqdn-not-set", _m("From: a@b.example", "To: bob@example.net"),
         {"mail-host-address": None, "user-mail-address": "root@vm"}),
    Case("fqdn-bogus", PLAIN, {"mail-host-address": "box.local"}),
    Case("blank-line-in-header-sep", _m("To: bob@example.net", "", "Cc: carol@example.net", sep=True)),
    Case("non-header-line", b"To: bob@example.net\nSubject: s\nthis is not a header\nbody\n"),
    Case("separator-in-body", b"To: bob@example.net\n\nbody\n--text follows this line--\nmore\n"),
    Case("dot-lines", _m("To: bob@example.net", body=".\n..\n.leading dot\n")),
    Case("long-ascii-header", _m("To: bob@example.net",
                                 "Subject: " + "a long ascii subject " * 8)),
    Case("address-specials-nonascii", _m('To: "Zoë, the \\"Q\\"" <zoe@example.net>',
                                         "Reply-To: Émile <emile@example.fr>")),
    Case("x-header-nonascii", _m("To: bob@example.net", "X-Note: naïve café, déjà vu")),
    Case("supersedes", _m("To: bob@example.net", "Supersedes: <abc_-_@example.org>")),
    Case("fullname-nil", PLAIN, {"user-full-name": None}),
    Case("aliases-alist-no-mailrc", _m("To: friends, x@example.net"),
         {"mail-aliases": Alist((("friends", "a@example.net, b@example.net"),))}),
    Case("from-space-before-colon", _m("From : spaced@example.com", "To: bob@example.net")),
    Case("empty-separator", _m("To: bob@example.net", "Subject: e", body="From: b@x.org\n"),
         {"mail-header-separator": "", "user-mail-address": "root@vm"}),
    Case("no-space-after-colon", _m("To:bob@example.net,carol@example.net", "Subject:Köln")),
    Case("envelope-specified-nil", _m("From: Carol <carol@example.com>", "To: bob@example.net"),
         {"mail-specify-envelope-from": True, "mail-envelope-from": None}),
    Case("long-to-nonascii", _m("To: " + ", ".join(f"Zoë Nummer {n} <zoe{n}@example.net>" for n in range(6)))),
    Case("long-ascii-one-nonascii", _m("To: bob@example.net",
                                       "Subject: " + "plain words " * 9 + "café " + "more words " * 5)),
    Case("tab-subject", _m("To: bob@example.net", "Subject:\t\t", "X-Z: z")),
    Case("cc-only", _m("Cc: carol@example.net", "Subject: cc")),
    Case("header-continuation-nonascii", _m("To: bob@example.net", "Subject: first line",
                                            "  second line Köln")),
    Case("separator-at-eof-in-body", b"To: bob@example.net\n\nbody\n--text follows this line--"),
    Case("separator-only-body", b"To: bob@example.net\n\n--text follows this line--"),
    Case("latin1", b"To: bob@example.net\nSubject: K\xf6ln\n\nGr\xfc\xdfe aus K\xf6ln\n"),
    Case("latin1-c1-byte", b"To: J\xf6rg <joerg@example.net>\nSubject: a\x93quoted\x94\n\nx\n"),
    Case("utf8-with-stray-byte", b"To: bob@example.net\nSubject: Gr\xc3\xbc\xc3\x9fe\n\nbad \xff byte\n"),
    Case("aliases-alist-and-mailrc", _m("To: friends, team"),
         {"mail-aliases": Alist((("friends", "a@example.net"),))}, mailrc=MAILRC,
         extra_files={"home/extra-aliases": EXTRA_ALIASES}),
    Case("from-continued", _m("From: Carol", "  <carol@example.com>", "To: bob@example.net")),
    Case("resent-from-only", _m("Resent-From: r@example.org", "To: bob@example.net"),
         {"user-mail-address": "root@vm"}),
    Case("x-header-with-to-text", _m("X-Note: To: fake@example.net", "To: bob@example.net",
                                     "Bcc: b1@example.net,", " To: still-bcc@example.net")),
    Case("user-address-with-name", PLAIN, {"user-mail-address": "Alice <alice@example.org>",
                                           "mail-host-address": None}),
    Case("empty-separator-non-header-line", b"To: bob@example.net\nnot a header\nFrom: early@example.com\n"
                                            b"\nFrom: late@example.com\n",
         {"mail-header-separator": "", "user-mail-address": "root@vm"}),
    Case("empty-separator-from-after-empty-line", b"To: bob@example.net\nnot a header\n\n"
                                                  b"From: late@example.com\n",
         {"mail-header-separator": "", "user-mail-address": "root@vm"}),
    Case("git-format-patch-mbox-line", b"From 1234abcd Mon Sep 17 00:00:00 2001\n"
                                       b"From: Carol <carol@example.com>\nTo: bob@example.net\n"
                                       b"Subject: [PATCH] fix\n\n---\n file | 1 +\n"),
]
