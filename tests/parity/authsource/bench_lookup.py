#!/usr/bin/env python3
"""Lookup speed, ours next to Emacs 28.2's auth-source-search, in one run (ratios).

Usage: python3 tests/parity/authsource/bench_lookup.py [ENTRIES] [LOOKUPS]

Builds one ~/.authinfo with ENTRIES entries (default 2000), then makes
LOOKUPS (default 200) lookups for hosts spread over the file, each with a
cold cache (Emacs: auth-source-forget-all-cached before every search; ours
re-reads the file every time, as the sender does once per send).  Emacs
times itself with float-time inside one batch process, so its start-up is
not counted.  This machine is noisy: compare the ratio, not the seconds.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def main() -> int:
    from smtp.authsource import search
    from tests.support.emacs import run_emacs

    entries = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    lookups = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    with tempfile.TemporaryDirectory(prefix="authbench-") as tmp:
        home = Path(tmp)
        (home / ".authinfo").write_text("".join(
            f"machine host{i}.example login user{i} port 587 password 'secret {i}'\n"
            for i in range(entries)))
        hosts = [f"host{(i * 7919) % entries}.example" for i in range(lookups)]

        start = time.perf_counter()
        for host in hosts:
            assert search(None, host, "587", None, home=home, env={}, cwd=home).credential
        ours = time.perf_counter() - start

        driver = home / "bench.el"
        host_list = " ".join(f'"{h}"' for h in hosts)
        driver.write_text(
            "(require 'auth-source)\n"
            f"(let ((start (float-time)))\n (dolist (h '({host_list}))\n"
            "  (auth-source-forget-all-cached)\n"
            "  (unless (auth-source-search :host h :port \"587\" :user nil :max 1) (error \"miss %s\" h)))\n"
            " (princ (format \"%f\\n\" (- (float-time) start))))\n")
        proc = run_emacs(["-Q", "-l", str(driver)], home=home, timeout=600)
        if proc.returncode != 0:
            print(proc.stderr.decode(errors="replace"), file=sys.stderr)
            return 1
        emacs = float(proc.stdout.decode().strip().splitlines()[-1])
    print(f"{lookups} lookups in a {entries}-entry ~/.authinfo (cold cache each time)")
    print(f"  elsend: {ours:.3f} s ({ours / lookups * 1000:.2f} ms/lookup)")
    print(f"  Emacs:  {emacs:.3f} s ({emacs / lookups * 1000:.2f} ms/lookup)")
    print(f"  ratio elsend/Emacs: {ours / emacs:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
