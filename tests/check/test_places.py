"""Every rule that reports a variable points at that variable's symbol.

Init files set mail in multi-pair forms: a ``setq`` of five pairs on five
lines, ``setq-default``, ``setopt``, ``custom-set-variables`` and
``use-package :custom``.  The fix goes at the pair, so the finding must be on
that pair's line and column, not at the first line of the enclosing form.
Each case below is one rule; each is run in every one of those shapes, with
the variable the finding is about as the fourth of five pairs.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from elconf.check import run_checks
from elconf.config import LoadOptions, load_config

ALICE = ("user-mail-address", '"alice@example.org"')
SEND = ("send-mail-function", "'smtpmail-send-it")
SERVER = ("smtpmail-smtp-server", '"smtp.example.org"')
NAME = ("user-full-name", '"Alice Example"')
AGENT = ("mail-user-agent", "'message-user-agent")
KILL = ("message-kill-buffer-on-exit", "t")


@dataclasses.dataclass(frozen=True)
class Case:
    rule: str
    pairs: tuple[tuple[str, str], ...]      # the fourth is the one the finding is about
    prelude: str = ""                       # forms before the multi-pair form

    def __str__(self) -> str:
        return self.rule


CASES = [
    Case("stream-type-invalid", (ALICE, SEND, SERVER, ("smtpmail-stream-type", '"ssl"'),
                                 ("smtpmail-smtp-service", "465"))),
    Case("service-invalid", (ALICE, SEND, SERVER, ("smtpmail-smtp-service", '"587/tcp"'),
                             ("smtpmail-stream-type", "'starttls"))),
    Case("wrong-type", (ALICE, SEND, SERVER, ("smtpmail-code-conv-from", '"utf-8"'), NAME)),
    Case("config-unusable", (ALICE, SEND, SERVER, ("smtpmail-smtp-user", "'(\"alice\")"), NAME)),
    Case("port-465-without-tls", (ALICE, SEND, SERVER, ("smtpmail-smtp-service", "465"), NAME)),
    Case("tls-on-starttls-port", (ALICE, SEND, SERVER, ("smtpmail-smtp-service", "587"),
                                  ("smtpmail-stream-type", "'ssl"))),
    Case("send-function-mismatch", (ALICE, SERVER, NAME,
                                    ("send-mail-function", "'message-send-mail-with-sendmail"),
                                    KILL)),
    Case("no-send-function", (ALICE, NAME, AGENT, SERVER, ("smtpmail-smtp-service", "587"))),
    Case("no-server", (ALICE, NAME, AGENT, SEND, KILL)),
    # smtpmail-auth-supported is a defvar: custom-set-variables sets it only once it is bound
    Case("auth-mechanisms-dropped", (ALICE, SEND, SERVER, ("smtpmail-auth-supported", "'(xoauth2)"),
                                     ("smtpmail-smtp-service", "587")),
         prelude="(require 'smtpmail)\n"),
    Case("xoauth2-without-token", (ALICE, SEND, SERVER, ("smtpmail-auth-supported", "'(xoauth2)"),
                                   ("smtpmail-smtp-service", "587")),
         prelude="(require 'smtpmail)\n"),
    Case("no-sender", (SEND, SERVER, NAME, ("user-mail-address", '"alice"'),
                       ("smtpmail-smtp-service", "587"))),
    Case("plaintext-auth", (ALICE, SEND, SERVER, ("smtpmail-stream-type", "'plain"),
                            ("smtpmail-smtp-user", '"alice"'))),
    Case("unknown-variable", (ALICE, SEND, SERVER, ("smtpmail-smtp-sever", '"smtp.example.org"'),
                              NAME)),
    Case("removed-variable", (ALICE, SEND, SERVER,
                              ("smtpmail-auth-credentials", "'((\"smtp.example.org\" 587 \"a\" nil))"),
                              NAME)),
    Case("newer-variable", (ALICE, SEND, SERVER,
                            ("message-server-alist", "'((\"alice@example.org\" . \"smtp x 587\"))"),
                            NAME)),
    Case("default-server-after-load", (ALICE, SEND, NAME,
                                       ("smtpmail-default-smtp-server", '"smtp.example.org"'), KILL),
         prelude="(require 'smtpmail)\n"),
    Case("default-server-ignored", (ALICE, SEND, SERVER,
                                    ("smtpmail-default-smtp-server", '"other.example.org"'), NAME)),
]


def _pairs_form(head: str, pairs: tuple[tuple[str, str], ...]) -> str:
    indent = " " * (len(head) + 2)
    lines = [f"({head} {pairs[0][0]} {pairs[0][1]}"]
    lines += [f"{indent}{var} {value}" for var, value in pairs[1:]]
    return "\n".join(lines) + ")\n"


def _entries_form(pairs: tuple[tuple[str, str], ...]) -> str:
    return "(custom-set-variables\n" + "\n".join(f" '({var} {value})" for var, value in pairs) + ")\n"


def _use_package_form(pairs: tuple[tuple[str, str], ...]) -> str:
    return "(use-package emacs\n  :custom\n" + "\n".join(f"  ({v} {x})" for v, x in pairs) + ")\n"


SHAPES = {
    "setq": lambda pairs: _pairs_form("setq", pairs),
    "setq-default": lambda pairs: _pairs_form("setq-default", pairs),
    "setopt": lambda pairs: _pairs_form("setopt", pairs),
    "custom-set-variables": _entries_form,
    "use-package-custom": _use_package_form,
}


def symbol_place(text: str, start: int, name: str) -> tuple[int, int]:
    """(line, col) of the symbol ``name`` first found at or after offset ``start``."""
    at = start
    while True:
        at = text.index(name, at)
        if text[at + len(name)] in " )\n":
            break
        at += 1
    line = text.count("\n", 0, at) + 1
    return line, at - (text.rfind("\n", 0, at) + 1) + 1


def check(tmp_path: Path, text: str, rules: list[str] | None = None) -> list:
    home = tmp_path / "home"
    (home / ".emacs.d").mkdir(parents=True, exist_ok=True)
    init = home / ".emacs.d" / "init.el"
    init.write_text(text, encoding="utf-8")
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "LOGNAME": "tester", "USER": "tester"}
    loaded = load_config(LoadOptions(home=home, env=env))
    return run_checks(loaded, home=home, env=env, only=rules)


def test_every_rule_about_a_variable_is_covered() -> None:
    from elconf.check.rules import all_rules

    placed_elsewhere = {   # rules about a form, a file or an authinfo entry, not a variable
        "read-error", "init-stops", "startup-error", "evaluation-limit", "send-time-error",
        "skipped-mail-form", "authinfo-malformed", "credentials-unchecked", "credentials-no-match",
        "credentials-shadowed", "credentials-readable", "authinfo-smtp-auth-unknown",
        "value-unknown", "caught-error", "package-manager-missing"}
    accounts = {r.id for r in all_rules() if r.group == "accounts"}
    assert {r.id for r in all_rules()} - placed_elsewhere - accounts == {c.rule for c in CASES}


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("case", CASES, ids=str)
def test_finding_is_at_the_pair(case: Case, shape: str, tmp_path: Path) -> None:
    form = SHAPES[shape](case.pairs)
    text = ";;; init.el --- mail  -*- lexical-binding: t -*-\n" + case.prelude + form
    findings = [d for d in check(tmp_path, text) if d.rule == case.rule]
    target = case.pairs[3][0]
    where = symbol_place(text, len(text) - len(form), target)
    assert [(d.line, d.col) for d in findings] == [where], \
        "\n".join([text, *(d.format() for d in findings)])
    assert " ".join(case.pairs[3]) in text.splitlines()[where[0] - 1]     # the pair's own line


def test_a_variable_set_twice_in_one_form_is_reported_at_the_pair_that_stays(tmp_path: Path) -> None:
    text = ('(setq smtpmail-stream-type (quote starttls)\n'
            '      smtpmail-smtp-server "smtp.example.org"\n'
            '      smtpmail-stream-type "ssl")\n')
    found = [d for d in check(tmp_path, text) if d.rule == "stream-type-invalid"]
    assert [(d.line, d.col) for d in found] == [(3, 7)]


def test_comments_strings_and_characters_between_pairs_do_not_mislead(tmp_path: Path) -> None:
    text = ('(setq user-mail-address "alice@example.org" ; smtpmail-stream-type "ssl"\n'
            '      send-mail-function \'smtpmail-send-it\n'
            '      mail-host-address "smtpmail-stream-type ("\n'
            '      message-kill-buffer-on-exit ?\\(\n'
            '      smtpmail-smtp-server "smtp.example.org" smtpmail-stream-type "ssl")\n')
    found = [d for d in check(tmp_path, text) if d.rule == "stream-type-invalid"]
    assert [(d.line, d.col) for d in found] == [(5, 47)]


def test_use_package_custom_as_one_list_of_entries(tmp_path: Path) -> None:
    text = ('(use-package smtpmail\n'
            '  :ensure nil\n'
            '  :custom ((smtpmail-smtp-server "smtp.example.org")\n'
            '           (smtpmail-stream-type "ssl" "implicit TLS")))\n'
            "(setq send-mail-function 'smtpmail-send-it user-mail-address \"alice@example.org\")\n")
    found = [d for d in check(tmp_path, text) if d.rule == "stream-type-invalid"]
    assert [(d.line, d.col) for d in found] == [(4, 13)]


def test_an_unclosed_list_is_reported_where_it_opens(tmp_path: Path) -> None:
    text = ('(setq user-mail-address "alice@example.org")\n'
            '(use-package smtpmail\n'
            '  :config\n'
            '  (setq smtpmail-smtp-server "smtp.example.org"\n'
            '  (setq smtpmail-smtp-service 587))\n'
            '\n'
            '(setq send-mail-function \'smtpmail-send-it)\n')
    found = check(tmp_path, text)
    assert [(d.rule, d.line, d.col) for d in found if d.severity == "error"] == [("read-error", 2, 1)]
    [read_error] = [d for d in found if d.rule == "read-error"]
    assert "list is never closed" in read_error.message
    assert [(line, col) for _file, line, col, _message in read_error.related] == [(8, 1)]
    assert read_error.related[0][0] == read_error.file
    assert "End of file during parsing" in read_error.related[0][3]


def test_an_unclosed_string_is_reported_where_it_opens(tmp_path: Path) -> None:
    text = '(setq user-mail-address "alice@example.org)\n(setq send-mail-function nil)\n'
    [read_error] = [d for d in check(tmp_path, text) if d.rule == "read-error"]
    assert (read_error.line, read_error.col) == (1, 25) and "string is never closed" in read_error.message
    assert [(line, col) for _f, line, col, _m in read_error.related] == [(3, 1)]


def test_a_stray_closing_parenthesis_stays_where_emacs_signals_it(tmp_path: Path) -> None:
    text = '(setq user-mail-address "alice@example.org"))\n(setq send-mail-function nil)\n'
    [read_error] = [d for d in check(tmp_path, text) if d.rule == "read-error"]
    # Emacs's point is just after the parenthesis it cannot read
    assert (read_error.line, read_error.col, read_error.related) == (1, 46, ())


def test_calls_that_name_the_variable_quoted_point_at_its_symbol(tmp_path: Path) -> None:
    text = ("(setq user-mail-address \"alice@example.org\" send-mail-function 'smtpmail-send-it\n"
            "      smtpmail-smtp-server \"smtp.example.org\")\n"
            "(customize-set-variable 'smtpmail-stream-type \"ssl\")\n"
            "(with-eval-after-load 'smtpmail\n"
            "  (add-to-list 'smtpmail-auth-supported 'xoauth2))\n"
            "(set (quote smtpmail-smtp-service) \"587/tcp\")\n")
    found = {d.rule: (d.line, d.col) for d in check(tmp_path, text)}
    assert found["stream-type-invalid"] == (3, 26)
    assert found["xoauth2-without-token"] == (5, 17)
    assert found["service-invalid"] == (6, 13)


def test_a_misspelt_variable_of_a_mail_account_is_reported_at_its_symbol(tmp_path: Path) -> None:
    text = ("(require 'mu4e)\n"
            "(setq send-mail-function 'smtpmail-send-it user-mail-address \"alice@example.org\")\n"
            "(setq mu4e-contexts\n"
            "      (list (make-mu4e-context\n"
            "             :name \"Work\"\n"
            "             :vars `((smtpmail-smtp-server . \"smtp.work.example\")\n"
            "                     (smtpmail-smtp-sevice . ,(+ 500 87))))))\n")
    found = [d for d in check(tmp_path, text) if d.rule == "context-unknown-variable"]
    assert [(d.line, d.col) for d in found] == [(7, 23)]


_SEPARATORS = st.sampled_from([" ", "\n", "\n      ", "\t", " ; a comment naming smtpmail-stream-type\n  ",
                               "\n\n   ", "  "])


@pytest.mark.filterwarnings("ignore:The recursion limit will not be reset")  # the sandbox's, once
@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_layout_of_the_pairs_gives_the_symbol_place(tmp_path: Path, data: st.DataObject) -> None:
    others = [ALICE, SEND, SERVER, NAME, AGENT, KILL]
    pairs = data.draw(st.permutations(others)).copy()[:data.draw(st.integers(0, 5))]
    pairs.insert(data.draw(st.integers(0, len(pairs))), ("smtpmail-stream-type", '"ssl"'))
    head = data.draw(st.sampled_from(["setq", "setq-default", "setopt"]))
    text = f"({head}"
    for var, value in pairs:
        text += data.draw(_SEPARATORS) + var + data.draw(_SEPARATORS) + value
    text += ")\n"
    found = [d for d in check(tmp_path, text) if d.rule == "stream-type-invalid"]
    code = re.sub(r";[^\n]*", lambda m: " " * len(m.group()), text)     # comments blanked
    at = code.index("smtpmail-stream-type")
    line = text.count("\n", 0, at) + 1
    col = at - (text.rfind("\n", 0, at) + 1) + 1
    assert [(d.line, d.col) for d in found] == [(line, col)], text
