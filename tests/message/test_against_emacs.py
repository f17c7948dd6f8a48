"""Differential tests: elsend's address, encoding and date functions against Emacs 28.2.

One Emacs process answers a few thousand generated inputs (see probe.el);
every answer must be equal.  The inputs come from a seeded generator, so a
failure is reproducible; the fragments are the shapes real headers have.
"""

from __future__ import annotations

import random
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from smtp.address import extract_address, strip_quoted_names
from smtp.aliases import expand_aliases, read_mailrc
from smtp.identity import make_date, message_fqdn
from smtp.rfc2047 import EncodingError, encode_header
from tests.message.emacs_probe import ask_emacs

pytestmark = pytest.mark.emacs

ADDRESS_PARTS = ["bob@example.net", "Bob Smith <bob@example.net>", '"Smith, Bob" <bob@example.net>',
                 "carol@example.org (Carol C)", "(lead) dave@x.org", '"x@y" <real@example.com>',
                 "undisclosed-recipients:;", "team: a@x.org, b@x.org;", '"odd name"@example.net',
                 "<angle@only.org>", "Zoë <zoe@example.net>", "(nested (comment)) e@x.org",
                 '"esc \\" quote" <q@x.org>', "plain", "José Müller <jose@example.de>",
                 "a@b.c (x) (y)", " spaced@x.org ", "Name <@route,@r2:user@host.org>"]
FROM_VALUES = ["Alice <alice@example.org>", '"Alice Q. Example" <alice@example.org>',
               "alice@example.org (Alice Example)", "alice@example.org", "  alice@example.org  ",
               "Alice Example <alice@example.org>, Bob <bob@example.net>", "Zoë <zoe@example.net>",
               '"Smith, Bob" <bob@example.net>', "<bare@example.org>", "bob (Bob) <b@x.org>",
               "carol@example.org (Carol (the) C)", "First Last<first@example.org>",
               "=?utf-8?Q?Jos=C3=A9?= <jose@example.org>", "Mixed.Case@Example.ORG",
               "x@y.org\n (folded comment)", "Alice\n <alice@example.org>", ", a@b.org", "a @ b.org",
               "< a@b.org >", "Name < a @ b.org >", "a@b.org (Name) <c@d.org>", "a@[192.168.1.1]",
               "user@host.COM.", '"Last, First" <f.l@x.org>', "a+tag@b.org", "root", "root@localhost",
               '"a b"@c.org', "foo@bar.org (Foo \"Q\" Bar)", "<A@B.ORG>", "(c) a @b.org"]
HEADER_WORDS = ["José", "Grüße", "Köln", "aus", "hello", "Zoë", '"Zoë, Z"', "<a@b.c>", "(the man)",
                "(Émile)", "x@y.org", ",", "Ünïcödé", "wörds", "longasciiwordthatgoesonandon",
                "=?utf-8?Q?x?=", "日本語", "テスト", "a.b", "Re:", "[tag]", "ü", 'é"q"', "André", ";",
                ":", '""', '"plain quoted"', "\\", "naïve-café", "(nested (paren é) x)", "((é))",
                "a(Émile)José", '"é\\"x"', "€100", "ñandú<z@q.r>", "\u00a0", "a_b", "=?", "a=b"]
HEADER_NAMES = ["Subject", "From", "To", "Cc", "X-Note", "Reply-To", "Organization", "subject", "to",
                "Message-ID", "Comments", "Toto", "Resent-To"]


def _address_lists(rng: random.Random, n: int, bare_blank: bool = True) -> list[str]:
    out = []
    for _ in range(n):
        parts = [rng.choice(ADDRESS_PARTS) for _ in range(rng.randint(1, 4))]
        out.append(rng.choice([", ", ",", ",\n ", " "] if bare_blank else [", ", ",", ",\n "]).join(parts))
    return out


def _headers(rng: random.Random, n: int) -> list[str]:
    out = []
    for _ in range(n):
        words = [rng.choice(HEADER_WORDS) + rng.choice([" ", " ", " ", ", ", "\n ", "  ", "\t", ""])
                 for _ in range(rng.randint(1, 25))]
        header = f"{rng.choice(HEADER_NAMES)}: {''.join(words).rstrip()}\n"
        if rng.random() < 0.3:
            header += f"{rng.choice(HEADER_NAMES)}: {rng.choice(HEADER_WORDS)} {rng.choice(HEADER_WORDS)}\n"
        out.append(header)
    return out


ALIAS_NAMES = ["team", "boss", "me", "self", "x", "ops", "a.b", "Team"]
ALIAS_VALUES = ["bob@example.net carol@example.net", '"Big Boss <boss@example.com>"',
                "Alice Q. Example <aq@example.org>", "team, boss", "self", "me", "x@example.net,y@example.net",
                '"Smith, Bob" <bob@example.net>', "first@example.org \\\n  second@example.org",
                '"quoted \\" inside" <q@example.org>', "  spaced@example.org  ", "ops1 ops2, ops3",
                "Zoë <zoe@example.net>", "team # a comment", ""]


def _mailrc_cases(rng: random.Random, n: int) -> list[tuple[str, str]]:
    cases = []
    for _ in range(n):
        lines = [f"{rng.choice(['alias', 'a', 'group', 'g'])} {rng.choice(ALIAS_NAMES)} {rng.choice(ALIAS_VALUES)}"
                 for _ in range(rng.randint(1, 6))]
        if rng.random() < 0.3:
            lines.insert(0, "# comment line")
        fields = []
        for name in rng.sample(["To", "Cc", "Bcc", "From", "Reply-To", "Resent-To", "Subject", "to"], 3):
            values = [rng.choice(ALIAS_NAMES + ["plain@example.org"]) for _ in range(rng.randint(1, 3))]
            fields.append(f"{name}: " + rng.choice([", ", ",", ",\n  "]).join(values))
        cases.append(("\n".join(lines) + rng.choice(["\n", ""]), "\n".join(fields) + "\n"))
    return cases


def _ours_encode(text: str) -> str:
    try:
        return encode_header(text)
    except EncodingError as err:
        return f"ERROR: {err}"


def test_functions_agree_with_emacs(tmp_path: Path) -> None:
    rng = random.Random(20261128)
    strips = _address_lists(rng, 300)
    froms = FROM_VALUES + [v for v in _address_lists(rng, 150, bare_blank=False) if "\n" in v or "," in v][:100]
    headers = _headers(rng, 800)
    stamps = [0, 86399, 951782400, 1_700_000_000, 1_798_000_000, 2_000_000_000] + \
        [rng.randrange(0, 2_100_000_000) for _ in range(30)]
    fqdn_inputs = [("alice@example.org", "nil", "vm"), ("root@vm", "nil", "vm"),
                   ("nil", "mail.example.org", "vm"), ("root@vm", "box.local", "vm"),
                   ("Alice <alice@example.org>", "nil", "vm"), ("root@vm", "nil", "host.example.com"),
                   ("root@vm", "nil", "localhost.localdomain"), ("a@b.local", "nil", "vm")]
    mailrcs = _mailrc_cases(rng, 150)
    queries = ([("strip", s) for s in strips] + [("extract", s) for s in froms]
               + [("encode", h) for h in headers] + [("date", str(s)) for s in stamps]
               + [("fqdn", "\n".join(f)) for f in fqdn_inputs]
               + [("alias", f"{rc}\0{header}") for rc, header in mailrcs])
    answers = iter(ask_emacs(queries, tmp_path / "probe", tz="America/St_Johns"))
    zone = ZoneInfo("America/St_Johns")
    mismatches = []

    def check(kind: str, given: object, want: str, got: str | None) -> None:
        if (got if got is not None else "nil") != want:
            mismatches.append(f"{kind} {given!r}: emacs {want!r} elsend {got!r}")

    for s in strips:
        check("strip", s, next(answers), strip_quoted_names(s))
    for s in froms:
        check("extract", s, next(answers), extract_address(s))
    for h in headers:
        check("encode", h, next(answers), _ours_encode(h))
    for stamp in stamps:
        check("date", stamp, next(answers), make_date(datetime.fromtimestamp(stamp, zone)))
    for user, host, system in fqdn_inputs:
        check("fqdn", (user, host, system), next(answers),
              message_fqdn(system, None if host == "nil" else host, None if user == "nil" else user))
    for n, (rc, header) in enumerate(mailrcs):
        rc_file = tmp_path / f"mailrc{n}"
        rc_file.write_text(rc, encoding="utf-8")
        check("alias", (rc, header), next(answers),
              expand_aliases(header, read_mailrc(str(rc_file), home=tmp_path, cwd=tmp_path)))
    assert not mismatches, f"{len(mismatches)} of {len(queries)} differ:\n" + "\n".join(mismatches[:20])
