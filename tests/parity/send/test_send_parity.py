"""Send parity: what reaches the server from elsend equals what Emacs 28.2 sent (the goldens).

Three tests per case:

* ``test_session_replays_emacs``: our SMTP session alone (smtp.esmtp, with the
  real evaluator and auth-source) fed the prepared message Emacs sent (taken
  from the golden), so a difference here is the session's fault;
* ``test_pipeline_matches_emacs``: evaluator + message preparation + session
  in-process (what ``elsend`` glues together), so a CLI problem and a
  pipeline problem are told apart;
* ``test_elsend_matches_emacs``: the whole command, ``elsend --init INIT
  MESSAGE``, byte for byte, and its documented exit status;
* ``test_emacs_still_matches_goldens`` (marker ``emacs``): real Emacs again,
  to catch a golden that no longer describes Emacs.
"""

from __future__ import annotations

import dataclasses
import json
import re
from concurrent.futures import ThreadPoolExecutor
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tests.parity.send.cases import CASES, SendCase
from tests.parity.send.harness import (Outcome, comparable, elsend_client, emacs_client, golden_paths,
                                       read_golden, read_golden_trace, run_case)

if TYPE_CHECKING:
    from smtp.config import SendConfig

IDS = [case.name for case in CASES]

#: Cases whose error message differs from Emacs's on purpose (first line compared).
ERROR_DIFFERS: dict[str, str] = {
    "starttls-not-offered": "Emacs crashes: Wrong type argument: processp, nil",
    "starttls-refused-required": "Emacs crashes: Wrong type argument: processp, nil",
    "starttls-unknown-ca": "Emacs says only 'Unable to contact server'; we name host and reason",
    "implicit-wrong-name": "Emacs says only 'Unable to contact server'; we name host and reason",
    "auth-login-535": "Emacs prints the base64 password; we say AUTH LOGIN (password)",
    "mail-530-no-credentials": "no terminal: we say so instead of reconnecting",
    "auth-user-without-password": "no terminal: we say so instead of reading stdin",
    "auth-user-without-password-mixes-entries": "we ask for alice's password and succeed",
    "server-closes-after-rcpt": "Emacs's QUIT replaces the real error by 'Process smtpmail "
                                "not running'; we say the connection closed",
}

#: Cases whose trace differs from Emacs's on purpose.
TRACE_DIFFERS: dict[str, str] = {
    "server-closes-after-rcpt": "Emacs writes a QUIT it cannot send into its trace; we know "
                                "the connection is gone and do not try",
}


@dataclasses.dataclass
class GoldenMessage:
    """The prepared message as Emacs sent it: envelope, RCPT list, DATA lines, SIZE."""

    envelope_from: str | None
    recipients: list[str]
    size_chars: int
    lines: list[bytes]

    def iter_lines(self) -> Iterator[bytes]:
        return iter(self.lines)


def message_from_golden(wire: bytes) -> GoldenMessage:
    """Recover what message preparation produced from Emacs's bytes (last session wins)."""
    sessions = wire.split(b"=== connection ")
    session = next((s for s in reversed(sessions) if b"\r\nMAIL FROM:" in s), sessions[-1])
    mail = re.search(rb"^MAIL FROM:<([^>]*)>(?: SIZE=(\d+))?\r$", session, re.M)
    recipients = [m.decode() for m in re.findall(rb"^RCPT TO:<([^>]*)>\r$", session, re.M)]
    lines: list[bytes] = [b"Subject: parity", b"", b"Hello."]
    data = re.search(rb"^DATA\r\n(.*?)\r\n\.\r\n", session, re.M | re.S)
    if data:
        lines = [line[1:] if line.startswith(b".") else line
                 for line in data.group(1).split(b"\r\n")]
    size = int(mail.group(2)) if mail and mail.group(2) else \
        sum(len(line.decode("utf-8")) + 2 for line in lines)
    return GoldenMessage(mail.group(1).decode() if mail else "alice@example.org",
                         recipients or ["bob@example.net"], size, lines)


_TOKEN = re.compile(r'\s*(?:(\()|(\))|(\')|"((?:[^"\\]|\\.)*)"|([^\s()\'"]+))')


def _read_forms(text: str) -> list[Any]:
    """Read the parity snippets' tiny Lisp subset: lists, strings, integers, symbols, quote."""
    from elconf.types import intern

    text = re.sub(r"(?m)^\s*;.*$", "", text)
    tokens = [m for m in _TOKEN.finditer(text) if m.group(0).strip()]
    position = 0

    def read() -> Any:
        nonlocal position
        token = tokens[position]
        position += 1
        if token.group(1):
            items = []
            while not tokens[position].group(2):
                items.append(read())
            position += 1
            return items
        if token.group(3):
            return ("quote", read())
        if token.group(4) is not None:
            return re.sub(r"\\(.)", r"\1", token.group(4))
        atom = token.group(5)
        return int(atom) if atom.lstrip("-").isdigit() else intern(atom)

    forms = []
    while position < len(tokens):
        forms.append(read())
    return forms


def settings_of(init: Path) -> "SendConfig":
    """The SendConfig the parity init files describe, without the evaluator.

    The session test must not depend on the evaluator (tested by the elsend
    test): the snippets only ``setq`` literals, plus one ``add-to-list`` of
    ``xoauth2`` after smtpmail loads.
    """
    from elconf.types import lisp_list
    from smtp.config import SendConfig

    def value(form: Any) -> Any:
        if isinstance(form, tuple):
            quoted = form[1]
            return lisp_list([value(x) for x in quoted]) if isinstance(quoted, list) \
                else quoted
        return form

    values: dict[str, Any] = {}
    extra_mechanisms: list[str] = []
    for form in _read_forms(init.read_text(encoding="utf-8")):
        head = form[0].name
        if head == "setq":
            for name, expr in zip(form[1::2], form[2::2]):
                values[name.name] = value(expr)
        elif head == "with-eval-after-load":
            extra_mechanisms.append(form[2][2][1].name)
        else:
            raise AssertionError(f"the session test cannot read {head} forms")
    cfg = SendConfig.from_mapping(values)
    return cfg.replace(auth_sources=None, system_name="",
                       auth_supported=tuple(extra_mechanisms) + cfg.auth_supported)


def answers_from(workdir: Path):  # type: ignore[no-untyped-def]
    """An asker typing the case's stdin lines, as the user typed them at Emacs's prompts."""
    answers_file = workdir / "stdin.txt"
    if not answers_file.exists():
        return None
    answers = iter(answers_file.read_text(encoding="utf-8").splitlines())
    return lambda prompt, echo: next(answers, None)


def session_client(golden: bytes):  # type: ignore[no-untyped-def]
    """A client that runs only smtp.esmtp on the golden's prepared message."""

    def client(init: Path, message: Path, home: Path, workdir: Path) -> tuple[int, str]:
        from smtp.authsource import credential_source
        from smtp.errors import SendError
        from smtp.esmtp import send_via_smtp
        from smtp.trace import Trace
        from tests.support.emacs import emacs_env

        env = emacs_env(home)
        trace = Trace("127.0.0.1", include_body=True, emacs_style=True)
        try:
            cfg = settings_of(init).replace(user_login_name="root")
            send_via_smtp(cfg, message_from_golden(golden), timeout=10, trace=trace,
                          ask=answers_from(workdir),
                          credentials=credential_source(cfg, home, env), sleep=lambda s: None,
                          progress=lambda text: None, home=str(home))
        except SendError as error:
            return error.exit_code, str(error)
        finally:
            (workdir / "trace.out").write_text(trace.text(), encoding="utf-8")
        return 0, ""

    return client


def pipeline_client(init: Path, message: Path, home: Path, workdir: Path) -> tuple[int, str]:
    """Evaluator + message preparation + session in-process: what elsend will glue together."""
    from elconf.config import LoadOptions, load_config
    from smtp.authsource import credential_source
    from smtp.errors import SendError
    from smtp.esmtp import send_via_smtp
    from smtp.message import MessageError, prepare_for_smtpmail, read_message
    from tests.support.emacs import emacs_env

    env = emacs_env(home)
    try:
        loaded = load_config(LoadOptions(init=init, home=home, env=env))
        loaded.load_for_sending()
        cfg = loaded.send_config()
        prepared = prepare_for_smtpmail(read_message(message, cfg), cfg, home=home, cwd=workdir)
        send_via_smtp(cfg.replace(user_login_name="root"), prepared, timeout=10,
                      ask=answers_from(workdir), credentials=credential_source(cfg, home, env),
                      sleep=lambda s: None, progress=lambda text: None, home=str(home))
    except SendError as error:
        return error.exit_code, str(error)
    except MessageError as error:
        return 65, str(error)
    return 0, ""


def _check(case: SendCase, outcome: Outcome, golden: bytes) -> None:
    assert comparable(outcome.wire, case) == comparable(golden, case), outcome.stderr
    assert outcome.exit_code == case.exit_code, outcome.stderr


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_session_replays_emacs(case: SendCase, tmp_path: Path) -> None:
    golden = read_golden(case)
    outcome = run_case(case, session_client(golden), tmp_path)
    _check(case, outcome, golden)
    if case.compare_until is None and case.name not in TRACE_DIFFERS:
        assert outcome.trace == read_golden_trace(case)
    emacs_error = json.loads(golden_paths(case)[1].read_text(encoding="utf-8"))["emacs_error"]
    if case.name not in ERROR_DIFFERS:
        ours = outcome.stderr.splitlines()[0] if outcome.stderr else None
        assert ours == (emacs_error.replace("\n", " ") if emacs_error else None), \
            "the error message differs from Emacs's"


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_pipeline_matches_emacs(case: SendCase, tmp_path: Path) -> None:
    golden = read_golden(case)
    _check(case, run_case(case, pipeline_client, tmp_path), golden)


def _elsend_problem(case: SendCase, workdir: Path) -> str | None:
    golden = read_golden(case)
    expected = comparable(golden, case)
    if case.stdin is not None:  # elsend here has no terminal to answer on
        case = dataclasses.replace(case, stdin=None, exit_code=(
            case.exit_code if case.no_terminal_exit is None else case.no_terminal_exit))
        if case.no_terminal_until is not None:
            cut = golden.find(case.no_terminal_until.encode())
            expected = golden[:cut] + case.no_terminal_tail.encode()
            case = dataclasses.replace(case, compare_until=None)
    outcome = run_case(case, elsend_client, workdir)
    if comparable(outcome.wire, case) != expected:
        return (f"{case.name}: wire differs\n  emacs:  {expected[-300:]!r}\n"
                f"  elsend: {comparable(outcome.wire, case)[-300:]!r}\n"
                f"  stderr: {outcome.stderr.strip()[-300:]}")
    if outcome.exit_code != case.exit_code:
        return (f"{case.name}: exit {outcome.exit_code}, expected {case.exit_code}: "
                f"{outcome.stderr.strip()[-300:]}")
    return None


@pytest.mark.slow
def test_elsend_matches_emacs(tmp_path: Path) -> None:
    """``elsend --init INIT MESSAGE`` for every case, four at a time; all problems listed."""

    def problem(case: SendCase) -> str | None:
        workdir = tmp_path / case.name
        workdir.mkdir()
        return _elsend_problem(case, workdir)

    with ThreadPoolExecutor(max_workers=4) as pool:
        problems = [p for p in pool.map(problem, CASES) if p]
    assert not problems, f"{len(problems)} of {len(CASES)} cases differ:\n" + "\n".join(problems)


@pytest.mark.emacs
@pytest.mark.slow
def test_emacs_still_matches_goldens(tmp_path: Path) -> None:
    """All cases at once, four Emacs processes at a time (each case has its own server)."""

    def differs(case: SendCase) -> str | None:
        workdir = tmp_path / case.name
        workdir.mkdir()
        outcome = run_case(case, emacs_client, workdir)
        if outcome.wire != read_golden(case):
            return f"{case.name}: wire differs ({outcome.stderr.strip()[-200:]})"
        if outcome.trace != read_golden_trace(case):
            return f"{case.name}: trace buffer differs"
        recorded = json.loads(golden_paths(case)[1].read_text(encoding="utf-8"))["emacs_exit"]
        if outcome.exit_code != recorded:
            return f"{case.name}: Emacs exit {outcome.exit_code}, the golden says {recorded}"
        return None

    with ThreadPoolExecutor(max_workers=4) as pool:
        problems = [p for p in pool.map(differs, CASES) if p]
    assert problems == []


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 30
    assert all((Path(__file__).parent / "goldens" / f"{c.name}.wire").is_file() for c in CASES)
