#!/usr/bin/env python3
"""Benchmark: elsend against msmtp and Emacs, side by side, in one run.

Each sender delivers the same messages (1 KB, 1 MB, 20 MB by default) to one
fast loopback sink (smtp.sink, acknowledging as real servers do) with
equivalent settings: plain SMTP to 127.0.0.1, no AUTH.  For every run we take
the child's own wall time, CPU time (user+sys) and peak RSS from wait4(), and
print medians and the ratio to msmtp.  The machine is noisy: compare ratios,
not absolute numbers.  This is not a test; it asserts nothing.

    python3 bench/send_bench.py [--runs 5] [--sizes 1k,1m,20m] [--queue 1000] [--elsend PATH]

Run it with the interpreter of the environment elsend is installed in (for
example ``venv/bin/python bench/send_bench.py``): the ``elsend`` script beside
that interpreter is the one timed, not whatever ``elsend`` comes first on PATH
(a version manager's shim there is a shell script that adds its own start-up
time).  ``--elsend PATH`` times another one.

``--queue N`` also times ``elsend --flush-queue`` of N small queued messages
(``--runs`` times, the median; Emacs's ``smtpmail-send-queued-mail`` once, on
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


def run_child(argv: list[str], env: dict[str, str], stdin_path: Path | None = None) -> Sample:
    stdin = stdin_path.open("rb") if stdin_path else subprocess.DEVNULL
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdin=stdin, stdout=subprocess.PIPE,
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
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss)


def find_elsend(explicit: str | None = None) -> str | None:
    """The elsend to time: ``--elsend``, else the script beside this interpreter, else PATH's."""
    if explicit:
        return explicit
    beside = Path(sys.executable).parent / "elsend"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which("elsend")


def senders(work: Path, port: int,
            elsend: str | None = None) -> dict[str, tuple[list[str], dict[str, str], str]]:
    """name -> (argv without the message, env, how the message is given: stdin, arg or env)."""
    home = work / "home"
    (home / ".emacs.d").mkdir(parents=True, exist_ok=True)
    base_env = {"PATH": os.environ["PATH"], "HOME": str(home), "LANG": "C.UTF-8", "TZ": "UTC"}
    init = work / "init.el"
    init.write_text(
        "(setq send-mail-function 'smtpmail-send-it\n"
        "      smtpmail-smtp-server \"127.0.0.1\"\n"
        f"      smtpmail-smtp-service {port}\n"
        "      smtpmail-stream-type 'plain\n"
        "      user-mail-address \"alice@example.org\")\n")
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
    table: dict[str, tuple[list[str], dict[str, str], str]] = {}
    if elsend:
        table["elsend"] = ([elsend, "--init", str(init)], base_env, "arg")
    if shutil.which("msmtp"):
        table["msmtp"] = (["msmtp", "-C", str(msmtprc), "-t"], base_env, "stdin")
    if shutil.which("emacs"):
        table["emacs"] = (["emacs", "--batch", "-Q", "-l", str(init), "-l", str(send_el)],
                          base_env, "env")
    return table


def bench_sizes(args: argparse.Namespace, work: Path) -> None:
    with running_sink(keep_data=False) as sink:
        table = senders(work, sink.port, args.elsend)
        print(f"senders: {', '.join(table)}; runs per cell: {args.runs}")
        if "elsend" in table:
            print(f"elsend: {table['elsend'][0][0]}")
        print(f"{'size':>5} {'sender':>7} {'wall ms':>9} {'cpu ms':>8} {'peak MiB':>9} "
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
                print(f"{size_name:>5} {name:>7} {m.wall * 1000:9.1f} {m.cpu * 1000:8.1f} "
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


def bench_queue(args: argparse.Namespace, work: Path) -> None:
    """Flush N queued messages: elsend (one session, RSET between) against Emacs."""
    with running_sink(keep_data=False) as sink:
        table = senders(work, sink.port, args.elsend)
        message = work / "msg-small.eml"
        make_message(message, 1000)
        results = []
        for name, flush_code, count in (
                ("elsend", None, args.queue),
                ("emacs", "(progn (require 'smtpmail) (smtpmail-send-queued-mail))",
                 min(args.queue, 50))):
            if name not in table:
                continue
            queue = work / f"queue-{name}"
            init = work / f"queue-{name}.el"
            init.write_text((work / "init.el").read_text()
                            + f"(setq smtpmail-queue-dir \"{queue}/\")\n")
            env = table[name][1]
            # elsend is fast enough to flush the queue several times (medians, as
            # for the sizes); Emacs's flush of 50 takes seconds, so it runs once.
            samples, sent = [], 0
            for _ in range(args.runs if name == "elsend" else 1):
                fill_queue(init, message, count, env)
                before = len(sink.messages)
                if name == "elsend":
                    samples.append(run_child([table[name][0][0], "--init", str(init),
                                              "--flush-queue"], env))
                else:
                    samples.append(run_child(["emacs", "--batch", "-Q", "-l", str(init),
                                              "--eval", flush_code], env))
                sent = len(sink.messages) - before
            sample = Sample(statistics.median(s.wall for s in samples),
                            statistics.median(s.cpu for s in samples),
                            int(statistics.median(s.peak_kib for s in samples)))
            results.append((name, count, sent, sample, len(samples)))
        print()
        for name, count, sent, sample, runs in results:
            print(f"flush of {count} queued messages ({'median of ' + str(runs) if runs > 1 else '1 run'}): "
                  f"{name} {sample.wall * 1000:.0f} ms wall, "
                  f"{sample.cpu * 1000:.0f} ms CPU, {sample.peak_kib / 1024:.1f} MiB peak "
                  f"({sent} received; {sample.wall * 1000 / max(1, count):.2f} ms per message)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="1k,1m,20m")
    parser.add_argument("--queue", type=int, default=0, metavar="N")
    parser.add_argument("--elsend", metavar="PATH",
                        help="the elsend to time (default: the one beside this Python, else PATH's)")
    args = parser.parse_args()
    args.elsend = find_elsend(args.elsend)
    with tempfile.TemporaryDirectory(prefix="elsend-bench-") as tmp:
        work = Path(tmp)
        bench_sizes(args, work)
        if args.queue:
            bench_queue(args, work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
