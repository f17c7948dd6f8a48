"""Hostile and broken input: a result or a clear error with a place, never a traceback.

Hypothesis drives the reader, the evaluator, the authinfo parser, the
message parser and the SMTP reply parser with generated input (invalid
UTF-8, NUL bytes, deep nesting, huge numbers and strings).  Each call must
end in a value or in the module's own error (which names a place) within
generous bounds (:data:`MAX_SECONDS` per input; the figures measured here
are in docs/reliability.md).  ``max_examples`` is small for CI; the long run
is ``python3 bench/fuzz_long.py``.

The named hostile cases follow: CR-LF injection in headers and addresses
(nothing may become an SMTP command), 10,000 recipients, and a 1 GB
message streamed with flat memory (fast enough here to stay in CI, marked slow).
"""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.reliability.harness import run_elsend, write_init
from tests.support.faultserver import FaultServer

ROOT = Path(__file__).resolve().parents[2]
#: A guard against a blow-up (a quadratic or exponential path takes minutes or hours on these
#: inputs), not a speed measure: CPU seconds, so a loaded machine does not trip it (the slowest
#: input, a million nested parentheses, takes ~2 s of CPU here; it took 5.2 s of wall time under
#: load and failed the old 5 s wall-clock bound).
MAX_SECONDS = 20.0
LONG_RUN = "ELSEND_FUZZ_EXAMPLES" in os.environ
CI = settings(max_examples=int(os.environ.get("ELSEND_FUZZ_EXAMPLES", "150")), deadline=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

#: Slowest input seen per target (seconds), printed at the end of the module (pytest -s).
SLOWEST: dict[str, float] = {}


def _timed(target: str, thunk: object) -> None:
    # In the long run (bench/fuzz_long.py), whose slowest figures are quoted, the
    # previous input's garbage is collected first, or its clean-up would be timed
    # as this input's (a freed million-element list takes a while).  What survives
    # is frozen, so the next collection looks only at objects made since (a full
    # one over the growing heap cost ~0.1 s per input).  CI's bound needs neither.
    if LONG_RUN:
        gc.collect()
        gc.freeze()
    started = time.process_time()
    thunk()  # type: ignore[operator]
    elapsed = time.process_time() - started
    SLOWEST[target] = max(SLOWEST.get(target, 0.0), elapsed)
    assert elapsed < MAX_SECONDS, f"{target}: {elapsed:.1f} s of CPU for one input"


LISP_PIECES = st.sampled_from([
    "(", ")", "'", "`", ",", ",@", "#'", "\"", "\\", "?", "?\\", "[", "]", ".", " ", "\n", ";",
    "#x", "#o", "#b", "#s(", "#[", "#@", "#$", "#&", "#^[", "1", "-1.5e3", "1.0e+INF", "0.0e+NaN",
    "9" * 30, "nil", "t", "setq", "x", ":kw", "\x00", "\r", "\ufeff", "é", "\U0001F600", "\\^@",
    "\\N{LATIN SMALL LETTER E}", "\\u00e9", "\\x41", "\\M-x", "\\C-a", "#1=", "#1#", "##",
])
LISP_TEXT = st.one_of(
    st.lists(LISP_PIECES, max_size=60).map("".join),
    st.text(max_size=200),
    st.binary(max_size=200).map(lambda b: b.decode("utf-8", "surrogateescape")),
)


@CI
@given(LISP_TEXT)
def test_reader_returns_forms_or_a_placed_error(text: str) -> None:
    from elconf.reader import ReadError, read_forms

    def read() -> None:
        try:
            list(read_forms(text, "fuzz.el"))
        except ReadError as error:
            assert error.line >= 1 and error.col >= 1
            assert "fuzz.el:" in error.format()

    _timed("reader", read)


EXTREME = {   # name: (text, also measure allocations with tracemalloc)
    "200k-parens": ("(" * 200_000, False), "200k-brackets": ("[" * 200_000, False),
    "200k-quotes": ("'" * 200_000 + "x", False), "50k-backquote-comma": ("`(," * 50_000 + "x", False),
    "1M-digit-integer": ("9" * 1_000_000, True), "100k-hex-digits": ("#x" + "f" * 100_000, True),
    "5MB-string": ("\"" + "a" * 5_000_000 + "\"", True), "100k-backslashes": ("?" + "\\" * 100_000, True),
    "10k-NULs": ("\x00" * 10_000, True), "50k-dotted-pairs": ("(a . " * 50_000, False),
    "circular": ("#1=(#1# . #1#)", True), "1M-parens": ("(" * 1_000_000, False),
    "1M-closed-parens": ("(" * 1_000_000 + ")" * 1_000_000, False),
}


@pytest.mark.parametrize("name", EXTREME)
def test_reader_on_extreme_inputs(name: str) -> None:
    """Each extreme input in bounded time; the flat ones also under 200 MB of allocations.

    (tracemalloc makes deep nesting 30 times slower, so nesting is timed only; measured
    once: 200,000 open parentheses peak at 58 MB.)
    """
    import tracemalloc

    text, measure = EXTREME[name]
    test_reader_returns_forms_or_a_placed_error.hypothesis.inner_test(text)  # type: ignore[attr-defined]
    if measure:
        from elconf.reader import ReadError, read_forms

        tracemalloc.start()
        try:
            try:
                list(read_forms(text, "fuzz.el"))
            except ReadError:
                pass
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        print(f"\nreader on {name}: peak {peak / 1e6:.1f} MB")
        assert peak < 200 << 20


SYMBOLS = ["setq", "let", "let*", "if", "when", "unless", "cond", "progn", "while", "concat",
           "format", "+", "*", "-", "/", "expt", "make-string", "make-list", "list", "car", "cdr",
           "nth", "nthcdr", "substring", "string-to-number", "number-to-string", "split-string",
           "mapconcat", "mapcar", "apply", "funcall", "lambda", "defun", "defmacro", "quote",
           "eval", "read", "intern", "symbol-value", "boundp", "length", "reverse", "append",
           "nconc", "setcdr", "assoc", "member", "string-match", "replace-regexp-in-string",
           "expand-file-name", "getenv", "user-mail-address", "smtpmail-smtp-server", "x", "nil", "t"]


def _sexp() -> st.SearchStrategy[str]:
    atoms = st.one_of(
        st.sampled_from(SYMBOLS),
        st.integers(min_value=-(10**40), max_value=10**40).map(str),
        st.text(max_size=12).map(lambda s: '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'),
        st.sampled_from(["?a", "1.5", "-0.0", "'x", "#'car", "[1 2]", "1000000000", "\"\\\\(a*\\\\)*\""]))
    return st.recursive(atoms, lambda inner: st.lists(inner, min_size=1, max_size=6).map(
        lambda items: "(" + " ".join(items) + ")"), max_leaves=40)


@CI
@given(st.lists(_sexp().map(lambda form: form if form.startswith("(") else f"(progn {form})"),
                min_size=1, max_size=6))
def test_evaluator_ends_with_values_or_diagnostics(tmp_path_factory: pytest.TempPathFactory,
                                                   forms: list[str]) -> None:
    from elconf.interpreter import Interpreter

    home = tmp_path_factory.mktemp("evalhome")
    init = home / "init.el"
    init.write_text("\n".join(forms) + "\n", encoding="utf-8")

    def evaluate() -> None:
        interpreter = Interpreter(home=home, env={"HOME": str(home)})
        interpreter.startup()
        interpreter.load_file(init)   # errors become diagnostics; anything else is a bug
        for diagnostic in interpreter.diagnostics:
            assert diagnostic.file is None or diagnostic.line is not None

    _timed("evaluator", evaluate)


def test_error_in_a_top_level_atom_names_its_line(home: Path) -> None:
    from elconf.interpreter import Interpreter

    # A library's variable before the library loads is void in every Emacs: an error
    # that stops the file.  (A void name no library defines is only "not evaluable
    # here" since issue 12: it gets a note at the same place instead.)
    init = home / "init.el"
    init.write_text("(setq a 1)\nsmtpmail-auth-supported\nsomething-else\n")
    interpreter = Interpreter(home=home, env={"HOME": str(home)})
    interpreter.startup()
    interpreter.load_file(init)
    [error] = [d for d in interpreter.diagnostics if d.severity == "error"]
    assert (error.line, error.col) == (2, 1)
    init.write_text("(setq a 1)\nmy-unknown-package-variable\n")
    interpreter.load_file(init)
    [note] = [d for d in interpreter.diagnostics if d.rule == "not-evaluable"]
    assert (note.line, note.col) == (2, 1)


AUTHINFO_PIECES = st.sampled_from([
    "machine", "login", "password", "port", "default", "macdef", "host", "user", "secret",
    "\"", "\\", " ", "\t", "\n", "\r\n", "#", "127.0.0.1", "587", "smtp", "a b", "\x00", "é",
    "\"quoted \\\" value\"", "\ufeff", "\x1b[31m",
])


@CI
@given(st.one_of(st.lists(AUTHINFO_PIECES, max_size=50).map("".join), st.text(max_size=200)))
def test_authinfo_parser_returns_entries_or_a_placed_error(text: str) -> None:
    from smtp.authsource.netrc import NetrcError, parse

    def run() -> None:
        try:
            for entry in parse(text):
                assert entry.line >= 1
        except NetrcError as error:
            assert error.line >= 1

    _timed("authinfo", run)


HEADER_PIECES = st.sampled_from([
    "From: ", "To: ", "Cc: ", "Bcc: ", "Subject: ", "Resent-To: ", "Fcc: ", "Content-Type: ",
    "a@b.example", "<x@y.example>", "\"Q, R\" <q@r.example>", ",", ";", ":", "(comment", ")",
    "=?utf-8?B?w6k=?=", "=?x?Q?", "\n", "\r\n", "\n ", "\t", "\x00", "\xff", "é", "--text follows this line--",
    "\n\n", "group: a@b, c@d;", "@", "<", ">", "\r", "\x1b",
])


@CI
@given(st.one_of(st.lists(HEADER_PIECES, max_size=40).map(lambda p: "".join(p).encode(
    "utf-8", "surrogateescape")), st.binary(max_size=300)))
def test_message_parser_prepares_or_refuses(tmp_path_factory: pytest.TempPathFactory,
                                            data: bytes) -> None:
    from smtp.config import SendConfig
    from smtp.message import MessageError, prepare_for_smtpmail, read_message

    home = tmp_path_factory.mktemp("msghome")
    cfg = SendConfig().replace(user_mail_address="alice@example.org", system_name="vm",
                               mail_host_address="example.org")

    def run() -> None:
        try:
            raw = read_message(data, cfg)
            try:
                prepared = prepare_for_smtpmail(raw, cfg, home=home, write_fcc=False)
            finally:
                raw.close()
        except MessageError:
            return
        # An address may keep a CR (Emacs keeps it too); it must never reach the wire.
        from smtp.send import CommandInjection, refuse_command_injection

        addresses = [prepared.envelope_from or "", *prepared.recipients]
        if any(c in a for a in addresses for c in "\r\n\0"):
            with pytest.raises(CommandInjection):
                refuse_command_injection(cfg, prepared.envelope_from, list(prepared.recipients))
        for line in prepared.iter_lines():
            assert b"\n" not in line

    _timed("message", run)


@CI
@given(st.lists(st.binary(max_size=80), max_size=30))
def test_reply_parser_never_raises(lines: list[bytes]) -> None:
    from smtp.response import ReplyAssembler, block_reply, parse_ehlo

    def run() -> None:
        assembler = ReplyAssembler()
        for line in lines:
            reply = assembler.feed(line)
            if reply is not None:
                assert reply.code is None or 0 <= reply.code
                reply.text, reply.ok  # noqa: B018 - computed for errors
        block_reply(lines)
        parse_ehlo(lines).unknown_messages()

    _timed("reply", run)


def test_print_slowest() -> None:
    print(f"\nslowest input per target (s): { {k: round(v, 3) for k, v in SLOWEST.items()} }")


# --- CR-LF injection ----------------------------------------------------------

INJECTIONS = {
    "to-rset": ("To: bob@example.net\r\nRSET\r\n", "", 65),
    "to-encoded-crlf": ("To: <bob@example.net\r\nRSET>\n", "", 65),
    "cc-data": ("To: bob@example.net\nCc: carol@example.net\rDATA\n", "", 65),
    "from-mail": ("From: alice@example.org\r\nMAIL FROM:<evil@example.net>\nTo: bob@example.net\n", "", 65),
    "user-mail-address": ("To: bob@example.net\n",
                          '(setq user-mail-address "alice@example.org\\r\\nDATA")\n', 0),
    "envelope-from": ("To: bob@example.net\n",
                      '(setq mail-specify-envelope-from t mail-envelope-from "a@b.c\\r\\nRSET")\n', 65),
    "sendto-domain": ("To: bob\n", '(setq smtpmail-sendto-domain "example.net\\r\\nRSET")\n', 78),
    "system-name": ("To: bob@example.net\n", '(setq system-name "vm\\r\\nRSET")\n', 78),
}
LEGAL_COMMANDS = (b"EHLO ", b"HELO ", b"STARTTLS", b"AUTH ", b"MAIL FROM:", b"RCPT TO:", b"DATA",
                  b"QUIT", b"RSET", b"NOOP")


@pytest.mark.parametrize("name", INJECTIONS)
def test_no_header_or_setting_injects_an_smtp_command(name: str, home: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    header, setting, expected = INJECTIONS[name]
    message = home / "m.eml"
    message.write_bytes(("From: alice@example.org\n" if "From:" not in header else "").encode()
                        + header.encode() + b"Subject: x\n\nbody\n")
    with FaultServer() as server:
        init = write_init(home, server.port, None, stream_type="'plain", extra=setting)
        outcome = run_elsend(["--init", str(init), "--timeout", "5", str(message)], capsys)
    assert "Traceback" not in outcome.stderr
    commands = [line for line in server.client_lines]
    in_data = False
    counts = {verb: 0 for verb in (b"MAIL", b"RSET", b"DATA")}
    for line in commands:
        if not in_data:
            assert line.startswith(LEGAL_COMMANDS), line
            assert line.endswith(b"\r\n") and line.count(b"\r") == 1, line
            counts[line[:4]] = counts.get(line[:4], 0) + 1
        if line == b"DATA\r\n":
            in_data = True
        elif line == b".\r\n":
            in_data = False
    assert counts[b"RSET"] == 0 and counts[b"MAIL"] <= 1 and counts[b"DATA"] <= 1
    assert outcome.code == expected, outcome.stderr
    if expected:
        assert server.delivered == [] and not any(line.startswith(b"MAIL") for line in commands)


def test_ten_thousand_recipients(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    recipients = [f"user{n}@example.net" for n in range(10_000)]
    message = home / "m.eml"
    message.write_text("From: alice@example.org\nTo: " + ",\n ".join(recipients)
                       + "\nSubject: many\n\nhi\n")
    with FaultServer(keep_data=False) as server:
        init = write_init(home, server.port, None, stream_type="'plain")
        outcome = run_elsend(["--init", str(init), str(message)], capsys)
    assert outcome.code == 0, outcome.stderr
    [delivered] = server.delivered
    assert sorted(delivered.recipients) == sorted(recipients)


# --- a very large message, streamed --------------------------------------------

# VmHWM, not ru_maxrss: Linux carries the forking parent's peak (pytest's, after
# hypothesis) over exec into ru_maxrss, while VmHWM belongs to this program image.
BIG_CHILD = """
import sys
from smtp import cli
code = cli.main(sys.argv[1:])
hwm = next(l for l in open("/proc/self/status") if l.startswith("VmHWM:"))
print(code, int(hwm.split()[1]) // 1024)
"""


def send_big_message(home: Path, megabytes: int) -> tuple[int, int, int]:
    """Send a generated message of ``megabytes`` MB through elsend to smtp.sink (data not kept).

    Returns (exit code, peak RSS of elsend in MB, messages the sink accepted after the dot).
    """
    from smtp.sink import running_sink

    message = home / "big.eml"
    with open(message, "wb") as out:
        out.write(b"From: alice@example.org\nTo: bob@example.net\nSubject: big\n\n")
        block = (b"z" * 76 + b"\n") * 13_000            # ~1 MB of base64-like lines
        for _ in range(megabytes):
            out.write(block)
    try:
        with running_sink(keep_data=False) as sink:
            init = write_init(home, sink.port, None, stream_type="'plain")
            done = subprocess.run([sys.executable, "-c", BIG_CHILD, "--init", str(init),
                                   str(message)], capture_output=True, text=True, cwd=ROOT,
                                  env={**os.environ, "HOME": str(home), "PYTHONPATH": str(ROOT)},
                                  timeout=600)
            received = len(sink.messages)
    finally:
        message.unlink()
    code, peak = (int(x) for x in done.stdout.split())
    return code, peak, received


@pytest.mark.slow
def test_a_one_gigabyte_message_streams_with_flat_memory(home: Path) -> None:
    """1 GB takes ~6 s here (written, read, sent), so it stays in CI; peak RSS ~50 MB."""
    started = time.monotonic()
    code, peak_mb, accepted = send_big_message(home, 1000)
    print(f"\n1 GB message: elsend peak RSS {peak_mb} MB, {time.monotonic() - started:.1f} s")
    assert code == 0 and accepted == 1
    assert peak_mb < 100


def test_a_special_form_name_read_as_a_variable_stops_the_file(home: Path) -> None:
    """No package makes a variable named ``setq`` or ``car``: reading one is void in every
    Emacs, so it is an error that stops the file, not a form "not evaluable here"."""
    from elconf.interpreter import Interpreter
    from elconf.types import UNBOUND

    for stray in ("setq", "car"):
        init = home / "init.el"
        init.write_text(f"(setq a 1)\n{stray}\n(setq b 2)\n")
        interpreter = Interpreter(home=home, env={"HOME": str(home)})
        interpreter.startup()
        assert interpreter.load_file(init) is False
        [error] = [d for d in interpreter.diagnostics if d.severity == "error"]
        assert (error.line, error.col) == (2, 1)
        assert "void" in error.message.lower()
        assert interpreter.store.value("b") is UNBOUND   # the rest of the file did not run
