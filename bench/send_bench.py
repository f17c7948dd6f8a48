#!/usr/bin/env python3
"""Benchmark: elsend against msmtp and Emacs, side by side, in one run.

Each sender delivers the same messages (1 KB, 1 MB, 20 MB by default) to one
fast loopback sink (smtp.sink, acknowledging as real servers do) with
equivalent settings: plain SMTP to 127.0.0.1, no AUTH.  The init file has the
common shape of mu4e, Gnus and notmuch users' files: it sets both
``send-mail-function`` and ``message-send-mail-function`` to
``smtpmail-send-it``, so plain ``elsend`` takes the message door (the row
``elsend``) and ``elsend --via mail`` the mail door (``elsend/mail``).  With
``--big-init N`` (default 6900; 0 leaves it out) both doors run again with a
generated N-line init file (bench/eval_bench.py's generator, the mail settings
appended), rows ``big``/``big/mail``, and ``big/nocache``: the mail door with
``--no-cache``, the init file evaluated on every run.  The first run of every
other elsend row evaluates and keeps the state; the later ones reuse it.

Every child runs under ``/usr/bin/time -f %M``: its peak RSS is what that
small process reports for it.  ``ru_maxrss`` from ``wait4()`` in this Python
would be wrong for short children: Linux keeps, across ``exec``, the
high-water mark the child inherited from the forking process (msmtp showed
16 MiB instead of 7.5).  Wall time is taken here around the whole run, CPU
time (user+sys) from ``wait4()`` on ``time``, which includes its child's; the
wrapper's own ~1 ms counts alike for every sender.  Senders are interleaved
run by run and the table shows medians and the ratio to msmtp.  The machine
is noisy: compare ratios from one run, not absolute numbers.  This is not a
test; it asserts nothing.

    python3 bench/send_bench.py [--runs 5] [--sizes 1k,1m,20m] [--queue 1000]
                                [--big-init 6900] [--shapes mu4e,msmtp,hook] [--no-emacs]
                                [--elsend PATH] [--compare PATH]

``--shapes`` adds rows for the configurations a send plan of the smtpmail
kind does not serve (off by default: they lengthen the run): ``mu4e``, an
init file with two mu4e contexts of the realconfigs corpus's shape (the
message's From picks one; both go to the sink), sent on its default door;
``msmtp``, ``sendmail-program`` set to msmtp (with a ``~/.msmtprc`` for the
sink), row ``msmtp/msg`` through ``message-send-mail-with-sendmail`` with
``--read-envelope-from`` as notmuch users write it, row ``msmtp/mail``
through ``sendmail-send-it`` with ``mail-specify-envelope-from``.  Those rows
include msmtp's own run, so msmtp alone is their floor.  ``hook``, the bench's
init file with a ``message-send-hook`` that picks the port from the From
field: Lisp runs on every message, so no send plan can serve it.

Run it with the interpreter of the environment elsend is installed in (for
example ``venv/bin/python bench/send_bench.py``): the ``elsend`` script beside
that interpreter is the one timed, not whatever ``elsend`` comes first on PATH
(a version manager's shim there is a shell script that adds its own start-up
time).  ``--elsend PATH`` times another one; ``--compare PATH`` times a second
one in the same run (rows ``NAME@B``, interleaved run by run with the first,
each with its own HOME and cache): an A/B of two installs on a busy machine.

``--queue N`` also times ``elsend --flush-queue`` of N small queued messages,
written as ``elsend --queue`` leaves them (fsync'ed files, then one flush),
beside a baseline: one Python process sending the same N messages over one
plain :mod:`smtplib` connection, with no bookkeeping at all (``--runs`` times
each, interleaved, medians; Emacs's ``smtpmail-send-queued-mail`` once, on
min(N, 50) of them, with the time per message).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from smtp.sink import running_sink  # noqa: E402

SIZES = {"1k": 1_000, "1m": 1_000_000, "20m": 20_000_000}


@dataclass
class Sample:
    wall: float
    cpu: float
    peak_kib: int


def make_message(path: Path, size: int) -> None:
    header = ("From: Alice <alice@example.org>\nTo: bob@example.net\n"
              "Subject: benchmark\nDate: Sat, 28 Nov 2026 12:00:00 +0000\n"
              "Message-Id: <bench@example.org>\n\n")
    line = "The quick brown fox jumps over the lazy dog, again and again and again.\n"
    body_lines = max(1, (size - len(header)) // len(line))
    with path.open("w") as out:
        out.write(header)
        for _ in range(body_lines):
            out.write(line)


TIME = "/usr/bin/time"


def run_child(argv: list[str], env: dict[str, str], stdin_path: Path | None = None) -> Sample:
    """Run ``argv`` under ``/usr/bin/time -f %M``: wall, CPU and the child's true peak RSS."""
    stdin = stdin_path.open("rb") if stdin_path else subprocess.DEVNULL
    with tempfile.NamedTemporaryFile("r", prefix="elsend-bench-rss-") as peak_file:
        wrapped = [TIME, "-q", "-f", "%M", "-o", peak_file.name, *argv]
        start = time.perf_counter()
        proc = subprocess.Popen(wrapped, env=env, stdin=stdin, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
        _pid, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        out, err = proc.stdout.read(), proc.stderr.read()  # type: ignore[union-attr]
        if stdin_path:
            stdin.close()  # type: ignore[union-attr]
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            raise SystemExit(f"{argv[0]} failed ({code}): {err.decode(errors='replace')[-500:]}"
                             f"{out.decode(errors='replace')[-200:]}")
        peak_kib = int(peak_file.read().split()[-1])
    return Sample(wall, usage.ru_utime + usage.ru_stime, peak_kib)


def find_elsend(explicit: str | None = None) -> str | None:
    """The elsend to time: ``--elsend``, else the script beside this interpreter, else PATH's."""
    if explicit:
        return explicit
    beside = Path(sys.executable).parent / "elsend"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which("elsend")


def mail_settings(port: int) -> str:
    """The mail part of the bench's init files: both doors end in smtpmail-send-it."""
    return ("(setq send-mail-function 'smtpmail-send-it\n"
            "      message-send-mail-function 'smtpmail-send-it\n"
            "      smtpmail-smtp-server \"127.0.0.1\"\n"
            f"      smtpmail-smtp-service {port}\n"
            "      smtpmail-stream-type 'plain\n"
            "      user-mail-address \"alice@example.org\")\n")


def mu4e_init(port: int) -> str:
    """Two mu4e contexts chosen by the From address, as the realconfigs corpus writes them."""
    contexts = []
    for name, address in (("Personal", "alice@example.org"), ("Work", "alice@work.example")):
        contexts.append(
            f"         (make-mu4e-context\n"
            f"          :name \"{name}\"\n"
            f"          :match-func (lambda (msg) (when msg (mu4e-message-contact-field-matches\n"
            f"                                              msg :to \"{address}\")))\n"
            f"          :vars '((user-mail-address . \"{address}\")\n"
            f"                  (user-full-name . \"Alice\")\n"
            f"                  (smtpmail-smtp-server . \"127.0.0.1\")\n"
            f"                  (smtpmail-smtp-service . {port})\n"
            f"                  (smtpmail-stream-type . plain)))")
    return (";;; init.el -*- lexical-binding: t -*-\n"
            "(require 'mu4e)\n"
            "(setq mu4e-context-policy 'pick-first\n"
            "      mu4e-compose-context-policy 'ask-if-none)\n"
            "(setq mu4e-contexts\n"
            "      (list\n" + "\n".join(contexts) + "))\n"
            "(setq send-mail-function 'smtpmail-send-it\n"
            "      message-send-mail-function 'smtpmail-send-it\n"
            "      message-kill-buffer-on-exit t)\n")


def hook_init(port: int) -> str:
    """The bench's settings and a message-send-hook choosing the port by the From field."""
    return mail_settings(1) + ("(defun my-pick-port ()\n"
                               "  (setq smtpmail-smtp-service\n"
                               "        (if (string-match \"work\" (or (message-fetch-field \"From\") \"\"))\n"
                               f"            2525 {port})))\n"
                               "(add-hook 'message-send-hook #'my-pick-port)\n")


def msmtp_init(door: str) -> str:
    """``sendmail-program`` is msmtp: through message.el (``msg``) or sendmail-send-it (``mail``)."""
    common = ("(setq user-full-name \"Alice\" user-mail-address \"alice@example.org\")\n"
              "(setq sendmail-program (executable-find \"msmtp\"))\n")
    if door == "msg":
        return common + ("(setq send-mail-function 'sendmail-send-it\n"
                         "      message-send-mail-function 'message-send-mail-with-sendmail\n"
                         "      message-sendmail-extra-arguments '(\"--read-envelope-from\")\n"
                         "      message-sendmail-f-is-evil t)\n")
    return common + ("(setq send-mail-function 'sendmail-send-it\n"
                     "      mail-specify-envelope-from t\n"
                     "      mail-envelope-from 'header)\n")


def big_init(lines: int, port: int) -> str:
    """A real-sized init file: eval_bench's generated one, the bench's mail settings appended."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from eval_bench import generate

    return generate(lines) + mail_settings(port)


def senders(work: Path, port: int, elsend: str | None = None, *, big_lines: int = 0,
            emacs: bool = True, shapes: tuple[str, ...] = ()) -> dict[str, tuple[list[str], dict[str, str], str]]:
    """name -> (argv without the message, env, how the message is given: stdin, arg or env)."""
    home = work / "home"
    (home / ".emacs.d").mkdir(parents=True, exist_ok=True)
    base_env = {"PATH": os.environ["PATH"], "HOME": str(home), "LANG": "C.UTF-8", "TZ": "UTC",
                "XDG_CACHE_HOME": str(work / "cache")}
    init = work / "init.el"
    init.write_text(mail_settings(port))
    send_el = work / "send.el"
    send_el.write_text(
        "(require 'smtpmail)\n"
        "(with-temp-buffer\n"
        "  (insert-file-contents (getenv \"ELSEND_BENCH_MESSAGE\"))\n"
        "  (smtpmail-send-it))\n")
    msmtprc = work / "msmtprc"
    msmtprc.write_text(f"account default\nhost 127.0.0.1\nport {port}\nfrom alice@example.org\n"
                       "auth off\ntls off\n")
    msmtprc.chmod(0o600)
    # The msmtp shapes' sendmail-program reads ~/.msmtprc, as a user's does.
    (home / ".msmtprc").write_text(msmtprc.read_text())
    (home / ".msmtprc").chmod(0o600)
    table: dict[str, tuple[list[str], dict[str, str], str]] = {}
    if elsend:
        table["elsend"] = ([elsend, "--init", str(init)], base_env, "arg")
        table["elsend/mail"] = ([elsend, "--init", str(init), "--via", "mail"], base_env, "arg")
        if big_lines:
            big = work / "big-init.el"
            big.write_text(big_init(big_lines, port))
            table["big"] = ([elsend, "--init", str(big)], base_env, "arg")
            table["big/mail"] = ([elsend, "--init", str(big), "--via", "mail"], base_env, "arg")
            # The same without the state cache: what every send cost before it.
            table["big/nocache"] = ([elsend, "--init", str(big), "--via", "mail", "--no-cache"],
                                    base_env, "arg")
        if "mu4e" in shapes:
            (work / "mu4e-init.el").write_text(mu4e_init(port))
            table["mu4e"] = ([elsend, "--init", str(work / "mu4e-init.el")], base_env, "arg")
        if "hook" in shapes:
            (work / "hook-init.el").write_text(hook_init(port))
            table["hook"] = ([elsend, "--init", str(work / "hook-init.el")], base_env, "arg")
        if "msmtp" in shapes and shutil.which("msmtp"):
            for door in ("msg", "mail"):
                (work / f"msmtp-{door}.el").write_text(msmtp_init(door))
                table[f"msmtp/{door}"] = ([elsend, "--init", str(work / f"msmtp-{door}.el")],
                                          base_env, "arg")
    if shutil.which("msmtp"):
        table["msmtp"] = (["msmtp", "-C", str(msmtprc), "-t"], base_env, "stdin")
    if emacs and shutil.which("emacs"):
        table["emacs"] = (["emacs", "--batch", "-Q", "-l", str(init), "-l", str(send_el)],
                          base_env, "env")
    return table


def bench_sizes(args: argparse.Namespace, work: Path) -> None:
    with running_sink(keep_data=False) as sink:
        table = senders(work, sink.port, args.elsend, big_lines=args.big_init,
                        emacs=not args.no_emacs, shapes=args.shapes)
        if args.compare:
            # The other elsend's rows (name@B), in the same run, interleaved with the rest:
            # its own HOME and cache, so the two never read each other's plans.
            (work / "compare").mkdir()
            other = senders(work / "compare", sink.port, args.compare, big_lines=args.big_init,
                            emacs=False, shapes=args.shapes)
            table.update({f"{name}@B": row for name, row in other.items() if name != "msmtp"})
            print(f"name@B: {args.compare}")
        print(f"senders: {', '.join(table)}; runs per cell: {args.runs} (interleaved; medians)")
        if "elsend" in table:
            print(f"elsend: {table['elsend'][0][0]}")
        if args.big_init:
            print(f"big, big/mail: elsend with a {args.big_init}-line init file")
        print(f"{'size':>5} {'sender':>13} {'wall ms':>9} {'cpu ms':>8} {'peak MiB':>9} "
              f"{'wall/msmtp':>11} {'peak/msmtp':>11}")
        for size_name in args.sizes.split(","):
            message = work / f"msg-{size_name}.eml"
            make_message(message, SIZES[size_name])
            results: dict[str, list[Sample]] = {name: [] for name in table}
            for _ in range(args.runs):  # interleave senders so noise hits all alike
                for name, (argv, env, how) in table.items():
                    full = [*argv, str(message)] if how == "arg" else argv
                    env = {**env, "ELSEND_BENCH_MESSAGE": str(message)}
                    results[name].append(run_child(full, env, message if how == "stdin" else None))
            medians = {name: Sample(statistics.median(s.wall for s in samples),
                                    statistics.median(s.cpu for s in samples),
                                    int(statistics.median(s.peak_kib for s in samples)))
                       for name, samples in results.items()}
            ref = medians.get("msmtp")
            for name, m in medians.items():
                wall_ratio = f"{m.wall / ref.wall:.2f}" if ref else "-"
                peak_ratio = f"{m.peak_kib / ref.peak_kib:.2f}" if ref else "-"
                print(f"{size_name:>5} {name:>13} {m.wall * 1000:9.1f} {m.cpu * 1000:8.1f} "
                      f"{m.peak_kib / 1024:9.1f} {wall_ratio:>11} {peak_ratio:>11}")


def fill_queue(init: Path, message: Path, count: int, env: dict[str, str]) -> None:
    """Queue ``count`` copies in-process with elsend's own queue code (fast set-up)."""
    from elconf.config import LoadOptions, load_config
    from smtp.message import prepare_for_smtpmail, read_message
    from smtp.queue import queue_message

    home = Path(env["HOME"])
    loaded = load_config(LoadOptions(init=init, home=home, env=env))
    loaded.load_for_sending("smtpmail-send-it")
    cfg = loaded.send_config()
    for _ in range(count):
        queue_message(prepare_for_smtpmail(read_message(message, cfg), cfg, home=home), cfg,
                      home=home)


#: The baseline of the flush: one Python process, one plain smtplib connection, the
#: same queued messages read and sent one after the other with no bookkeeping.
SMTPLIB_BASELINE = """
import smtplib, sys
from pathlib import Path
queue, port = Path(sys.argv[1]), int(sys.argv[2])
names = [line.strip() for line in (queue / "index").read_text().splitlines() if line.strip()]
with smtplib.SMTP("127.0.0.1", port) as server:
    for name in names:
        server.sendmail("alice@example.org", ["bob@example.net"], Path(name).read_bytes())
"""


def bench_queue(args: argparse.Namespace, work: Path) -> None:
    """Flush N queued messages: elsend (one session, pipelined) beside plain smtplib and Emacs."""
    with running_sink(keep_data=False) as sink:
        table = senders(work, sink.port, args.elsend, emacs=not args.no_emacs)
        message = work / "msg-small.eml"
        make_message(message, 1000)
        contenders = []
        for name in ("elsend", "smtplib", "emacs"):
            if name in ("elsend", "emacs") and name not in table:
                continue
            count = min(args.queue, 50) if name == "emacs" else args.queue
            queue = work / f"queue-{name}"
            init = work / f"queue-{name}.el"
            init.write_text((work / "init.el").read_text()
                            + f"(setq smtpmail-queue-dir \"{queue}/\")\n")
            if name == "elsend":
                argv = [table[name][0][0], "--init", str(init), "--flush-queue"]
            elif name == "smtplib":
                argv = [sys.executable, "-c", SMTPLIB_BASELINE, str(queue), str(sink.port)]
            else:
                argv = ["emacs", "--batch", "-Q", "-l", str(init), "--eval",
                        "(progn (require 'smtpmail) (smtpmail-send-queued-mail))"]
            contenders.append((name, count, init, queue, argv))
        env = table["msmtp" if "msmtp" in table else next(iter(table))][1]
        samples: dict[str, list[Sample]] = {name: [] for name, *_ in contenders}
        received: dict[str, int] = {}
        # Interleaved like the sizes; Emacs's flush of 50 takes seconds, so it runs once.
        for run in range(args.runs):
            for name, count, init, queue, argv in contenders:
                if name == "emacs" and run:
                    continue
                fill_queue(init, message, count, env)
                before = len(sink.messages)
                samples[name].append(run_child(argv, env))
                received[name] = len(sink.messages) - before
                if name == "smtplib":  # it leaves the queue as it found it: empty it
                    for entry in queue.iterdir():
                        entry.unlink()
        print()
        for name, count, *_ in contenders:
            runs = samples[name]
            sample = Sample(statistics.median(s.wall for s in runs),
                            statistics.median(s.cpu for s in runs),
                            int(statistics.median(s.peak_kib for s in runs)))
            label = "median of " + str(len(runs)) if len(runs) > 1 else "1 run"
            print(f"flush of {count} queued messages ({label}): "
                  f"{name:>7} {sample.wall * 1000:5.0f} ms wall, "
                  f"{sample.cpu * 1000:5.0f} ms CPU, {sample.peak_kib / 1024:5.1f} MiB peak "
                  f"({received[name]} received; {sample.wall * 1000 / max(1, count):.2f} ms per message)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="1k,1m,20m")
    parser.add_argument("--queue", type=int, default=0, metavar="N")
    parser.add_argument("--big-init", type=int, default=6900, metavar="LINES",
                        help="also time both doors with a generated init file of LINES lines "
                             "(0: not)")
    parser.add_argument("--shapes", default="", metavar="LIST",
                        help="also time these configurations: mu4e (contexts), msmtp "
                             "(sendmail-program on both doors), hook (a message-send-hook); "
                             "comma-separated")
    parser.add_argument("--no-emacs", action="store_true", help="leave Emacs out of the sizes")
    parser.add_argument("--elsend", metavar="PATH",
                        help="the elsend to time (default: the one beside this Python, else PATH's)")
    parser.add_argument("--compare", metavar="PATH",
                        help="also time this other elsend (another install: rows NAME@B), "
                             "interleaved with the first in the same run")
    args = parser.parse_args()
    args.elsend = find_elsend(args.elsend)
    args.shapes = tuple(name for name in args.shapes.split(",") if name)
    unknown = set(args.shapes) - {"mu4e", "msmtp", "hook"}
    if unknown:
        parser.error(f"--shapes: unknown {', '.join(sorted(unknown))} (known: mu4e, msmtp, hook)")
    with tempfile.TemporaryDirectory(prefix="elsend-bench-") as tmp:
        work = Path(tmp)
        bench_sizes(args, work)
        if args.queue:
            bench_queue(args, work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
