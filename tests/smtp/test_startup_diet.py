"""What a plain send imports, and the shortcuts that keep it small.

``elsend MESSAGE`` is started once per message (by git send-email, mutt,
cron), so its start-up is most of its run time.  A plain send (SMTP, no
AUTH, no queue, no Fcc, no stdin) must not import what only the rare paths
need.  These tests check that in a fresh interpreter through ``sys.modules``
(never by timing), and check that each shortcut taken for it (an ASCII host
given to getaddrinfo as bytes, an ASCII header not handed to rfc2047) gives
the same result as the long way.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smtp.sink import running_sink
from smtp.transport import resolver_name

ROOT = Path(__file__).resolve().parents[2]

#: Modules a plain send has no use for, with the path that does need them.
NOT_ON_THE_PLAIN_PATH = {
    "smtp.authsource.gpg": ".authinfo.gpg and gpg: tokens",
    "smtp.authsource.netrc": "an auth-sources file that exists",
    "smtp.authsource.lookup": "an auth-sources file that exists, or a source that is not a "
                              "file (smtp.authsource.nothing_to_read)",
    "smtp.authsource.backends": "the same (the search parses auth-sources)",
    "smtp.trace": "smtpmail-debug-info or --debug",
    "smtp.authsource.passstore": "password-store",
    "smtp.authsource.secrets": "the Secret Service",
    "smtp.rfc2047": "a non-ASCII header",
    "smtp.queue": "--queue and --flush-queue",
    "smtp.queue_flush": "--flush-queue",
    "smtp.pipelining": "--flush-queue",
    "smtp.dryrun": "--dry-run",
    "subprocess": "gpg, pass, sendmail-program",
    "json": "a .json auth source",
    "tempfile": "a message on stdin",
    "getpass": "a password prompt",
    "gzip": "loading a .el.gz library",
    "importlib.resources": "nothing: package data is opened beside the package",
    "zipfile": "nothing (importlib.resources brought it)",
    "encodings.idna": "a non-ASCII server name",
    "typing": "type checkers only",
    "argparse": "--help and the less common command lines (see smtp.cli.quick_parse)",
    "base64": "AUTH",
    "shutil": "argparse's help formatter, a message on stdin",
    "locale": "argparse (through gettext)",
    "smtp.identity": "a message without From, Message-Id or Date",
    "datetime": "a Date to write",
    "random": "a Message-Id to make",
    "dataclasses": "nothing on this path: its classes are elconf.records (dataclasses brings inspect)",
    "inspect": "nothing (dataclasses brought it, with ast, dis and tokenize)",
    "threading": "nothing on this path",
    "hashlib": "nothing: the state cache hashes with _blake2 (hashlib loads OpenSSL)",
    "pickle": "nothing: the state cache uses _pickle (pickle.py costs ~2 ms)",
}

#: Modules a send through a kept plan (smtp.fastpath) does without, on both doors: the
#: evaluation imports some of them, a send that reuses its plan must not.
NOT_THROUGH_A_KEPT_PLAN = {
    "re": "a non-ASCII header, a comment or quoted name in an address, the rare header edits "
          "(smtp.headers.name_spans and tests/smtp/test_header_scans.py)",
    "enum": "nothing (re brought it, with functools)",
    "pathlib": "nothing: files are named by strings (smtp.body.FileName is the message file)",
    "fnmatch": "nothing (pathlib brought it)",
    "urllib.parse": "nothing (pathlib brought it)",
    "ipaddress": "nothing (urllib.parse brought it)",
    "contextlib": "nothing: smtp.outcome.report and the input helpers are classes",
    "smtp.transfer_encoding": "a body that needs quoted-printable or base64",
    "_pickle": "a plan holding values smtp.plancodec does not encode (it imports functools)",
    "functools": "nothing (re, contextlib and _pickle brought it)",
    "collections": "nothing: collections.abc is imported for type checkers only",
    "types": "nothing: smtp.cli.quick_parse's options are a plain class",
    "elconf.interpreter": "an evaluation (no plan, or a stale one)",
    "elconf.config": "an evaluation: the plan's lookup names the state with elconf.options",
    "elconf.recording": "an evaluation (what it consults is recorded); a kept plan's questions "
                        "are asked again by elconf.inputs alone",
    "elconf.diagnostics": "an evaluation (elconf.config brought it)",
    "elconf.equality": "an evaluation, or an auth-sources search (smtp.authsource.nothing_to_read)",
    "math": "the same (elconf.equality brought it)",
}

# Run with -S (no site, so no .pth file of this machine imports anything first),
# and count only the modules the send itself added.
_CHILD = """
import sys
before = set(sys.modules)
sys.argv = ["elsend", "--init", sys.argv[1], sys.argv[2]]
import smtp.cli
code = smtp.cli.main()
added = sorted(set(sys.modules) - before)
import json
print(json.dumps({"code": code, "modules": added}))
"""


def _plain_send(tmp_path: Path, door: str = "", runs: int = 1, *,
                generated: bool = False) -> list[dict]:
    """Send one message ``runs`` times (the later runs reuse the cached state);
    ``door`` is an extra line of the init file's setq (message-send-mail-function)."""
    home = tmp_path / "home"
    (home / ".emacs.d").mkdir(parents=True, exist_ok=True)
    message = tmp_path / "m.eml"
    made = "" if generated else "Date: Sat, 28 Nov 2026 12:00:00 +0000\nMessage-Id: <diet@example.org>\n"
    message.write_text("From: Alice <alice@example.org>\nTo: bob@example.net\nSubject: hi\n"
                       f"{made}\nbody\n")
    with running_sink(keep_data=False) as sink:
        init = tmp_path / "init.el"
        init.write_text("(setq send-mail-function 'smtpmail-send-it\n"
                        f"{door}"
                        "      smtpmail-smtp-server \"127.0.0.1\"\n"
                        f"      smtpmail-smtp-service {sink.port}\n"
                        "      smtpmail-stream-type 'plain\n"
                        "      user-mail-address \"alice@example.org\")\n")
        env = {"PATH": os.environ.get("PATH", ""), "HOME": str(home), "LANG": "C.UTF-8",
               "PYTHONPATH": str(ROOT)}
        results = []
        for run in range(runs):
            done = subprocess.run([sys.executable, "-S", "-c", _CHILD, str(init), str(message)],
                                  env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60)
            assert done.returncode == 0, done.stderr
            assert len(sink.messages) == run + 1
            results.append(json.loads(done.stdout.splitlines()[-1]))
    return results


def _assert_diet(result: dict, *, kept_plan: bool = False) -> None:
    assert result["code"] == 0
    loaded = set(result["modules"])
    avoided = {**NOT_ON_THE_PLAIN_PATH, **(NOT_THROUGH_A_KEPT_PLAN if kept_plan else {})}
    unexpected = {name: why for name, why in avoided.items() if name in loaded}
    assert not unexpected, f"a plain send imported modules only these paths need: {unexpected}"


def test_a_plain_send_imports_only_what_it_uses(tmp_path: Path) -> None:
    """The first run evaluates and keeps the state, the second reuses it: both stay lean."""
    first, second = _plain_send(tmp_path, runs=2)
    _assert_diet(first)
    _assert_diet(second, kept_plan=True)
    assert list((tmp_path / "home" / ".cache" / "elsend").glob("state-*"))
    assert "elconf.discovery" in first["modules"]
    assert "elconf.discovery" not in second["modules"]   # the cached state: load_config never ran
    # The kept send plan (smtp.fastpath): neither the evaluator nor the state is loaded.
    assert list((tmp_path / "home" / ".cache" / "elsend").glob("plan-*"))
    for module in ("elconf.interpreter", "elconf.reader", "elconf.builtins", "elconf.loading"):
        assert module not in second["modules"], module
    # A plain connection needs only _socket (socket.py's enums: TLS and the recorder only).
    assert "socket" not in second["modules"] and "_socket" in second["modules"]


def test_the_message_door_imports_only_what_it_uses(tmp_path: Path) -> None:
    """An init file that sets both send functions (mu4e, Gnus, notmuch users) takes the
    message door by default: message.el's preparation must not cost more imports."""
    first, second = _plain_send(tmp_path, door="      message-send-mail-function 'smtpmail-send-it\n",
                                runs=2)
    for result in (first, second):
        _assert_diet(result, kept_plan=result is second)
        assert "smtp.message_el" in result["modules"]   # the message door was taken
    assert "elconf.interpreter" not in second["modules"]   # through the kept send plan


def test_a_message_without_date_and_message_id_imports_no_datetime_random_or_re(
        tmp_path: Path) -> None:
    """Date and Message-Id made on both doors through a kept plan: time.localtime and
    os.urandom, not datetime, random or re."""
    for door in ("", "      message-send-mail-function 'smtpmail-send-it\n"):
        home = tmp_path / ("message" if door else "mail")
        home.mkdir()
        _first, second = _plain_send(home, door=door, runs=2, generated=True)
        avoided = {**NOT_ON_THE_PLAIN_PATH, **NOT_THROUGH_A_KEPT_PLAN}
        for name in ("smtp.identity", "datetime", "random"):
            del avoided[name]
        assert "smtp.identity" in second["modules"]
        assert not {name for name in avoided if name in second["modules"]}
        for name in ("datetime", "random", "re"):
            assert name not in second["modules"], name


@settings(suppress_health_check=[HealthCheck.too_slow])   # from_regex is slow on a busy machine
@given(st.text(alphabet=st.sampled_from("ab.-1üß"), max_size=80)
       | st.from_regex(r"[a-z0-9]{1,70}(\.[a-z0-9]{0,70}){0,3}\.?", fullmatch=True))
def test_the_host_given_to_getaddrinfo_encodes_as_the_idna_codec_would(host: str) -> None:
    """getaddrinfo encodes a str host with the idna codec; the shortcut must not differ."""
    name = resolver_name(host)
    if isinstance(name, bytes):
        assert name == host.encode("idna")
    else:
        assert name == host  # non-ASCII, or refused by the codec: it keeps the codec's path
    if not host.isascii():
        assert name == host


def test_non_ascii_and_malformed_hosts_keep_the_codec_path() -> None:
    assert resolver_name("mail.example.org") == b"mail.example.org"
    assert resolver_name("127.0.0.1") == b"127.0.0.1"
    assert resolver_name("bücher.example") == "bücher.example"
    assert resolver_name("a..b") == "a..b"
    assert resolver_name("x" * 64 + ".example") == "x" * 64 + ".example"


# -- @record behaves as the dataclass it replaces -------------------------------------


def _twins(frozen: bool) -> tuple[type, type]:
    """The same class body as a dataclass and as a record."""
    import dataclasses

    from elconf import records

    def body(decorator, field):  # type: ignore[no-untyped-def]
        @decorator
        class Entry:
            name: str
            port: int | None
            secret: str | None = field(default=None, repr=False)
            tags: list[str] = field(default_factory=list)
            note: str = "none"
        return Entry

    return (body(dataclasses.dataclass(frozen=frozen), dataclasses.field),
            body(records.record(frozen=frozen), records.field))


def test_a_record_constructs_compares_and_prints_as_a_dataclass() -> None:
    for frozen in (False, True):
        klass, record_class = _twins(frozen)
        for args, kwargs in [(("a", 25), {}), (("a",), {"port": None, "note": "x"}),
                             ((), {"name": "b", "port": 1, "secret": "s", "tags": ["t"]})]:
            expected, got = klass(*args, **kwargs), record_class(*args, **kwargs)
            assert repr(got) == repr(expected)
            assert vars(got) == vars(expected)
            assert (got == record_class(*args, **kwargs)) is True
            assert (got == klass(*args, **kwargs)) is False   # another class: never equal
        assert record_class("a", 1).tags is not record_class("a", 1).tags  # a fresh list each
        assert record_class.note == klass.note == "none"            # defaults stay class attributes
        for bad_args, bad_kwargs in [((), {}), (("a",), {}), (("a", 1), {"nope": 2}),
                                     (("a", 1, None, [], "n", "extra"), {}), (("a", 1), {"name": "b"})]:
            for cls in (klass, record_class):
                try:
                    cls(*bad_args, **bad_kwargs)
                except TypeError:
                    continue
                raise AssertionError(f"{cls.__name__}{bad_args}{bad_kwargs} should raise TypeError")


def test_a_frozen_record_is_immutable_and_hashable_like_a_frozen_dataclass() -> None:
    import dataclasses

    from elconf.records import replace

    klass, record_class = _twins(True)
    entry = record_class("a", 25, tags=("t",))
    for attempt in (lambda: setattr(entry, "port", 1), lambda: delattr(entry, "port")):
        try:
            attempt()
        except dataclasses.FrozenInstanceError:
            continue
        raise AssertionError("a frozen record was changed")
    assert hash(entry) == hash(record_class("a", 25, tags=("t",)))
    assert {entry, record_class("a", 25, tags=("t",))} == {entry}
    changed = replace(entry, port=587)
    assert (changed.name, changed.port, entry.port) == ("a", 587, 25)
    assert repr(changed) == repr(dataclasses.replace(klass("a", 25, tags=("t",)), port=587))
    mutable_klass, mutable_record = _twins(False)
    for cls in (mutable_klass, mutable_record):
        try:
            hash(cls("a", 1))
        except TypeError:
            continue
        raise AssertionError(f"{cls.__name__} with eq and not frozen should be unhashable")


# -- the quick command-line parse gives what argparse gives ------------------------------

_TOKENS = ["-q", "--no-init", "--no-cache", "--dry-run", "--stop-at-any-error", "--queue", "--probe", "--flush-queue", "--debug",
           "--init", "--via", "--from", "--account", "--timeout", "--init=x.el", "--dry",
           "--help", "--version", "-h", "-", "--", "-x", "-5", "msg.eml", "other.eml", "",
           "init.el", "mail", "message", "post", "3.5", "1e3", " 7 ", "nan", "abc",
           "a@example.org", "-q-not", "a b"]


def _argparse_result(argv: list[str]) -> dict | None:
    import contextlib
    import io

    from smtp.cli import build_parser

    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        try:
            return _comparable(build_parser().parse_args(argv))
        except SystemExit:
            return None


def _comparable(namespace: object) -> dict:
    return {name: repr(value) for name, value in vars(namespace).items()}  # repr: nan == nan


@given(st.lists(st.sampled_from(_TOKENS), max_size=6))
def test_quick_parse_takes_only_what_argparse_parses_the_same(argv: list[str]) -> None:
    from smtp.cli import quick_parse

    quick = quick_parse(argv)
    if quick is not None:
        assert _comparable(quick) == _argparse_result(argv), argv


def test_quick_parse_takes_the_usual_command_lines() -> None:
    from smtp.cli import quick_parse

    for argv in (["msg.eml"], ["--init", "init.el", "msg.eml"], ["-q", "-"], [],
                 ["--dry-run", "--debug", "--timeout", "30", "--via", "message", "msg.eml"],
                 ["--init", "init.el", "--flush-queue"], ["--probe"]):
        quick = quick_parse(argv)
        assert quick is not None, argv
        assert _comparable(quick) == _argparse_result(argv), argv


def test_main_restores_the_garbage_collector_thresholds(tmp_path: Path) -> None:
    """main() collects garbage less often while it runs (GC_THRESHOLD), then puts
    the thresholds back: a program calling it keeps its own."""
    import gc

    from smtp import cli

    before = gc.get_threshold()
    missing = tmp_path / "missing.el"
    assert cli.main(["--init", str(missing), str(tmp_path / "m.eml")]) != 0
    assert gc.get_threshold() == before


def test_elsend_leaves_its_objects_out_of_the_collections_at_exit(tmp_path: Path) -> None:
    """main() registers gc.freeze to run after every later exit handler."""
    child = ("import atexit, gc, sys\n"
             "atexit.register(lambda: print('frozen', gc.get_freeze_count() > 0))\n"
             "import smtp.cli\n"
             "sys.exit(smtp.cli.main(['--init', sys.argv[1], sys.argv[2]]))\n")
    done = subprocess.run([sys.executable, "-S", "-c", child, str(tmp_path / "missing.el"),
                           str(tmp_path / "m.eml")], capture_output=True, text=True, timeout=60,
                          env={"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path),
                               "PYTHONPATH": str(ROOT)})
    assert done.returncode == 66, done.stderr
    assert done.stdout.strip() == "frozen True"
