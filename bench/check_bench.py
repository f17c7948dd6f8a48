"""Benchmark of `elconf check` on a generated 5,000-line init file (not a test).

Prints the time to read, evaluate and check the file (median of several
runs, split into evaluation and rules), and beside it the time real Emacs
28.2 takes to load the same file in batch, as a ratio: this machine is
noisy, so the ratio is the figure to compare across runs.  Target: under
100 ms for the whole check.

    python3 bench/check_bench.py [--lines 5000] [--runs 7] [--no-emacs]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

_BLOCKS = [
    # (lines, text); {n} makes names unique
    """(setq my-option-{n} t
      my-other-option-{n} "value {n}")
""",
    """(use-package package-{n}
  :defer t
  :custom
  (package-{n}-size {n})
  :config
  (setq package-{n}-enabled t))
""",
    """(defun my/command-{n} (arg)
  "Do thing {n} with ARG."
  (interactive "p")
  (message "thing %d" (+ arg {n})))
""",
    """(add-hook 'prog-mode-hook #'my/command-{n})
(global-set-key (kbd "C-c <my-key-{n}>") #'my/command-{n})
""",
    """(with-eval-after-load 'feature-{n}
  (setq feature-{n}-list (list 1 2 3))
  (add-to-list 'feature-{n}-list 4))
""",
    """(when (string= (system-name) "host-{n}")
  (setq host-specific-{n} (concat "x" "-" "{n}")))
""",
    """(custom-set-variables
 '(custom-var-{n} {n})
 '(custom-other-{n} "text"))
""",
]

_MAIL = """(setq user-mail-address "alice@example.org"
      send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "smtp.example.org"
      smtpmail-smtp-service 587
      smtpmail-stream-type 'starttls)
"""


def generate(lines: int) -> str:
    """A realistic init file of about ``lines`` lines, mail settings included."""
    parts = [";;; init.el --- generated for the check benchmark  -*- lexical-binding: t -*-\n",
             "(require 'use-package)\n", _MAIL]
    count, n = 3 + _MAIL.count("\n"), 0
    while count < lines:
        block = _BLOCKS[n % len(_BLOCKS)].format(n=n)
        parts.append(block)
        count += block.count("\n")
        n += 1
    parts.append("(setq check-bench-loaded-to-the-end t)\n")
    return "".join(parts)


def time_check(home: Path, init: Path) -> tuple[float, float, int]:
    """(evaluation seconds, rules seconds, findings) for one run."""
    from elconf.check import run_checks
    from elconf.config import LoadOptions, load_config

    env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "LOGNAME": "bench", "USER": "bench"}
    start = time.perf_counter()
    loaded = load_config(LoadOptions(init=init, home=home, env=env))
    middle = time.perf_counter()
    findings = run_checks(loaded, home=home, env=env)
    end = time.perf_counter()
    return middle - start, end - middle, len(findings)


def time_emacs(home: Path, init: Path) -> float | None:
    """Seconds Emacs 28.2 spends in `load` of the file (measured inside Emacs)."""
    if shutil.which("emacs") is None:
        return None
    program = (f'(let ((start (float-time))) (condition-case nil (load "{init}" nil t) (error nil)) '
               f'(princ (format "%f" (- (float-time) start))) '
               f'(unless (boundp (quote check-bench-loaded-to-the-end)) (princ " partial")))')
    done = subprocess.run(["emacs", "-Q", "--batch", "-L",
                           "/usr/share/emacs/site-lisp/elpa/use-package-2.4.4",
                           "-L", "/usr/share/emacs/site-lisp/elpa/bind-key-2.4.1",
                           "--eval", program], capture_output=True, text=True,
                          env={"HOME": str(home), "PATH": "/usr/bin:/bin"}, check=False)
    try:
        figure, *partial = done.stdout.strip().splitlines()[-1].split()
    except IndexError:
        return None
    if partial:
        print("warning: Emacs stopped before the end of the file; its figure covers part of it",
              file=sys.stderr)
    return float(figure)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-emacs", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        init = home / "init.el"
        init.write_text(generate(args.lines), encoding="utf-8")
        lines = init.read_text(encoding="utf-8").count("\n")
        time_check(home, init)                      # warm-up: imports, model tables
        runs = [time_check(home, init) for _ in range(args.runs)]
        evaluation = statistics.median(r[0] for r in runs)
        rules = statistics.median(r[1] for r in runs)
        total = statistics.median(r[0] + r[1] for r in runs)
        print(f"init file: {lines} lines; findings: {runs[0][2]}")
        print(f"elconf check: {total * 1000:.1f} ms median of {args.runs} "
              f"(evaluation {evaluation * 1000:.1f} ms, rules {rules * 1000:.1f} ms); target < 100 ms")
        emacs = None if args.no_emacs else time_emacs(home, init)
        if emacs is not None:
            print(f"emacs 28.2 load: {emacs * 1000:.1f} ms  (ratio elconf/emacs {total / emacs:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
