#!/usr/bin/env python3
"""Machine instructions of one 1 KB send through a kept plan, per door, under valgrind.

    python3 bench/send_count.py ELSEND [ELSEND ...]

Not a test.  CPU time on a shared machine moves by a third between runs; the
instruction count (valgrind's cachegrind ``I refs``, the whole process) of a
send through a kept plan moves by well under 1%, so two installs can be
compared on a busy machine.  For each ``elsend`` given (an installed script:
its interpreter is the one on its ``#!`` line), with the bench's init file
(bench/send_bench.py: both send functions set, a loopback sink) and its own
HOME and cache: two sends per door keep the plans, then one send per door is
counted, and the interpreter's own start-up (``python -c pass`` of that
interpreter, with ``site``) is counted for reference.  Rows: ``elsend`` (the
message door), ``elsend/mail`` (``--via mail``), ``big`` (a 6,900-line init
file, message door), ``python``; ``share`` is the row minus ``python``:
what elsend itself costs.  Needs valgrind.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.send_bench import big_init, mail_settings, make_message  # noqa: E402
from smtp.sink import running_sink  # noqa: E402


def instructions(argv: list[str], env: dict[str, str]) -> int:
    done = subprocess.run(["valgrind", "--tool=cachegrind", "--cache-sim=no",
                           "--cachegrind-out-file=/dev/null", *argv],
                          env=env, capture_output=True, text=True, check=True)
    found = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
    if found is None:
        raise SystemExit(f"no instruction count from valgrind: {done.stderr[-300:]}")
    return int(found.group(1).replace(",", ""))


def count(elsend: str, work: Path, port: int, message: Path) -> dict[str, int]:
    home = work / "home"
    (home / ".emacs.d").mkdir(parents=True)
    env = {"PATH": os.environ["PATH"], "HOME": str(home), "LANG": "C.UTF-8", "TZ": "UTC",
           "XDG_CACHE_HOME": str(work / "cache")}
    init, big = work / "init.el", work / "big.el"
    init.write_text(mail_settings(port))
    big.write_text(big_init(6900, port))
    rows = {"elsend": [elsend, "--init", str(init), str(message)],
            "elsend/mail": [elsend, "--init", str(init), "--via", "mail", str(message)],
            "big": [elsend, "--init", str(big), str(message)]}
    for argv in rows.values():
        for _ in range(2):
            subprocess.run(argv, env=env, check=True)
    counts = {name: instructions(argv, env) for name, argv in rows.items()}
    interpreter = Path(elsend).read_text().splitlines()[0][2:].split()[0]
    counts["python"] = instructions([interpreter, "-c", "pass"], env)
    return counts


def main() -> int:
    elsends = sys.argv[1:]
    if not elsends:
        raise SystemExit(__doc__)
    with tempfile.TemporaryDirectory(prefix="elsend-count-") as tmp, \
            running_sink(keep_data=False) as sink:
        message = Path(tmp) / "m.eml"
        make_message(message, 1_000)
        print(f"{'elsend':40} {'row':>12} {'M instr':>9} {'share':>7}")
        for index, elsend in enumerate(elsends):
            work = Path(tmp) / f"e{index}"
            counts = count(elsend, work, sink.port, message)
            for name, value in counts.items():
                share = f"{(value - counts['python']) / 1e6:7.2f}" if name != "python" else ""
                print(f"{elsend[-40:]:40} {name:>12} {value / 1e6:9.2f} {share:>7}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
