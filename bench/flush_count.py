#!/usr/bin/env python3
"""System calls, instructions and CPU per message of ``elsend --flush-queue``, for A/B runs.

    python3 bench/flush_count.py ELSEND [ELSEND ...] [--runs 5] [--strace] [--valgrind]

Not a test.  Wall times on a shared machine swing several-fold; these do
not, or less: for each elsend given (an installed ``elsend`` script, e.g.
of a fresh venv per source tree), interleaved, it queues ``--count`` 1 KB
messages as ``elsend --queue`` leaves them (send_bench's fill_queue) and
flushes them to ``smtp.sink``, then prints:

* the CPU time of the flush process and, apart, of its children (the
  deletion helper, smtp/unlinker.py), read by the flush itself at exit
  (getrusage, microseconds), with the medians over ``--runs``;
* ``--strace``: the system calls of the flush process (not its helper) per
  message, by name (``strace -c`` of a flush of ``--count`` minus one of
  ``--count``/6, divided by the difference: the start-up cancels out);
* ``--valgrind``: user-space instructions per message (cachegrind's ``I
  refs`` of a flush of ``--count`` minus one of ``--count``/6, divided by the
  difference: the start-up cancels out).

Needs strace or valgrind for those options.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from send_bench import fill_queue, mail_settings, make_message  # noqa: E402

from smtp.sink import running_sink  # noqa: E402

#: Run inside the flush's interpreter: its own and its children's CPU at exit.
_REPORTING = """
import atexit, os, resource, sys
def _report():
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    os.write(2, b"FLUSH-CPU %d %d\\n" % (round((me.ru_utime + me.ru_stime) * 1e6),
                                       round((kids.ru_utime + kids.ru_stime) * 1e6)))
atexit.register(_report)
from smtp.cli import main
sys.exit(main())
"""


def interpreter_of(elsend: str) -> str:
    """The Python of an installed ``elsend`` script (its shebang)."""
    with open(elsend, encoding="utf-8") as script:
        return script.readline()[2:].strip()


class Flusher:
    """Queues and flushes through one elsend, each in its own queue directory."""

    def __init__(self, elsend: str, work: Path, port: int, env: dict[str, str], number: int) -> None:
        self.elsend = elsend
        self.queue = work / f"queue-{number}"
        self.init = work / f"init-{number}.el"
        self.init.write_text(mail_settings(port) + f'(setq smtpmail-queue-dir "{self.queue}/")\n')
        self.env = env

    def flush(self, message: Path, count: int, prefix: list[str]) -> tuple[str, str]:
        """Queue ``count`` copies of ``message`` and flush them under ``prefix``: stderr, and
        the strace summary file's text if any."""
        fill_queue(self.init, message, count, self.env)
        summary = self.queue.parent / "strace.txt"
        argv = [interpreter_of(self.elsend), "-c", _REPORTING, "--init", str(self.init), "--flush-queue"]
        if prefix[:1] == ["strace"]:
            prefix = [*prefix, "-o", str(summary)]
        # In the queue's directory: ``python -c`` puts the current directory first on
        # sys.path, and a source tree there would be imported instead of the install.
        done = subprocess.run([*prefix, *argv], env=self.env, capture_output=True, check=False,
                              cwd=self.queue.parent)
        if done.returncode != 0:
            raise SystemExit(f"{self.elsend} failed ({done.returncode}): {done.stderr.decode()[-500:]}")
        text = summary.read_text() if summary.exists() else ""
        summary.unlink(missing_ok=True)
        return done.stderr.decode(errors="replace"), text


def cpu_of(stderr: str) -> tuple[float, float]:
    found = re.search(r"FLUSH-CPU (\d+) (\d+)", stderr)
    assert found, stderr[-300:]
    return int(found.group(1)) / 1000, int(found.group(2)) / 1000


def syscalls(summary: str) -> dict[str, int]:
    """``strace -c``'s table: calls by name."""
    calls: dict[str, int] = {}
    for line in summary.splitlines():
        fields = line.split()
        if len(fields) >= 5 and fields[-1].isidentifier() and fields[-1] != "total" \
                and fields[3].isdigit():
            calls[fields[-1]] = int(fields[3])
    return calls


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("elsends", nargs="+", metavar="ELSEND")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--strace", action="store_true")
    parser.add_argument("--valgrind", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="elsend-flush-count-") as tmp, \
            running_sink(keep_data=False) as sink:
        work = Path(tmp)
        home = work / "home"
        (home / ".emacs.d").mkdir(parents=True)
        env = {"PATH": os.environ["PATH"], "HOME": str(home), "LANG": "C.UTF-8", "TZ": "UTC",
               "XDG_CACHE_HOME": str(work / "cache")}
        message = work / "message.eml"
        make_message(message, 1000)
        flushers = [Flusher(elsend, work, sink.port, env, n) for n, elsend in enumerate(args.elsends)]
        for flusher in flushers:      # a first flush keeps the state (and the flush's plan)
            flusher.flush(message, 1, [])
        cpu: dict[str, list[tuple[float, float]]] = {f.elsend: [] for f in flushers}
        for _ in range(args.runs):
            for flusher in flushers:
                cpu[flusher.elsend].append(cpu_of(flusher.flush(message, args.count, [])[0]))
        for flusher in flushers:
            runs = cpu[flusher.elsend]
            own = statistics.median(r[0] for r in runs)
            helper = statistics.median(r[1] for r in runs)
            print(f"{flusher.elsend}: CPU of a flush of {args.count} (median of {args.runs}): "
                  f"{own:.0f} ms in the flush, {helper:.0f} ms in its helper "
                  f"(flush runs: {', '.join(f'{r[0]:.0f}' for r in runs)})")
        small = max(1, args.count // 6)
        if args.strace:
            for flusher in flushers:
                few = syscalls(flusher.flush(message, small, ["strace", "-c"])[1])
                many = syscalls(flusher.flush(message, args.count, ["strace", "-c"])[1])
                calls = {name: (many[name] - few.get(name, 0)) / (args.count - small)
                         for name in many}
                shown = ", ".join(f"{name} {n:.2f}" for name, n in
                                  sorted(calls.items(), key=lambda item: -item[1]) if n >= 0.05)
                print(f"{flusher.elsend}: system calls per message {sum(calls.values()):.1f}: {shown}")
        if args.valgrind:
            for flusher in flushers:
                refs = []
                for count in (small, args.count):
                    err, _ = flusher.flush(message, count, [
                        "valgrind", "--tool=cachegrind", "--cache-sim=no",
                        "--cachegrind-out-file=/dev/null"])
                    found = re.search(r"I\s+refs:\s+([\d,]+)", err)
                    assert found, err[-300:]
                    refs.append(int(found.group(1).replace(",", "")))
                print(f"{flusher.elsend}: user-space instructions per message "
                      f"{(refs[1] - refs[0]) / (args.count - small) / 1000:.1f} K")
    return 0


if __name__ == "__main__":
    sys.exit(main())
