#!/usr/bin/env python3
"""Benchmark: evaluating a 5,000-line init file, elconf beside Emacs 28.2.

Not a test (no timing is ever asserted): run it and read the ratio.

    python3 bench/eval_bench.py [--lines 5000] [--runs 7] [--keep FILE]

The init file is generated: many ``setq`` blocks, ``use-package`` forms
(deferred and not), ``custom-set-variables``, ``defun``s, ``add-hook``s,
key bindings and ``with-eval-after-load`` bodies, with the mail settings
somewhere in the middle, as real init files have them.  elconf's figure is
the whole :func:`elconf.config.load_config` (discovery skipped, reading
included, start-up models included) in this process; Emacs's is measured
inside Emacs around ``load`` (start-up of the Emacs process itself excluded),
so both count the same work.  Both are CPU time (this machine is shared: wall
time moves with the other processes, CPU time much less), and the runs of the
two alternate, so that a change of load hits both alike.  The ratio is of the
medians (and of the bests).  Targets: elconf/Emacs <= 0.5 (issue 14); under
50 ms for elconf.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# Libraries shipped with Emacs 28.2, so that Emacs can load the non-deferred ones.
_PACKAGES = ("recentf", "savehist", "saveplace", "winner", "whitespace", "org", "dired",
             "ibuffer", "eldoc", "flymake", "project", "xref", "imenu", "hl-line", "paren",
             "autorevert", "so-long", "midnight", "tramp", "eshell", "calendar", "bookmark")


def _block(i: int) -> str:
    pkg = _PACKAGES[i % len(_PACKAGES)]
    defer = "t" if i % 3 else "nil"
    return f"""\
;;; ---- section {i}: {pkg} ---------------------------------------------
(setq my-setting-{i}-enabled t
      my-setting-{i}-name "value-{i}"
      my-setting-{i}-count {i * 3}
      my-setting-{i}-list '(alpha beta "gamma" {i}))
(defvar my-{i}-cache nil "Cache for section {i}.")
(defun my-{i}-helper (x &optional y)
  "Combine X and Y for section {i}."
  (let ((base (format "%s-%s" x (or y {i}))))
    (if (string-match-p "^value" base)
        (concat base "-matched")
      (upcase base))))
(defun my-{i}-setup ()
  (setq-local fill-column {60 + i % 40})
  (when (boundp 'my-{i}-cache)
    (setq my-{i}-cache (my-{i}-helper "value" {i}))))
(add-hook 'prog-mode-hook #'my-{i}-setup)
(add-hook 'text-mode-hook (lambda () (setq-local my-{i}-local {i})))
(global-set-key (kbd "C-c {i % 10} {chr(97 + i % 26)}") #'my-{i}-setup)
(use-package {pkg}
  :defer {defer}
  :init
  (setq my-{i}-init-ran t)
  :custom
  (my-{i}-custom-option "custom-{i}")
  (my-{i}-custom-flag {'t' if i % 2 else 'nil'})
  :config
  (setq my-{i}-config-ran t)
  (add-to-list 'my-setting-{i}-list 'delta))
(with-eval-after-load '{pkg}
  (setq my-{i}-after-load (list {i} "after" 'load)))
(dolist (name '("one" "two" "three"))
  (put (intern (concat "my-{i}-" name)) 'my-property {i}))
(cond ((eq system-type 'windows-nt) (setq my-{i}-os 'windows))
      ((eq system-type 'darwin) (setq my-{i}-os 'mac))
      (t (setq my-{i}-os 'gnu)))
"""


_MAIL = """\
;;; ---- mail ------------------------------------------------------------
(setq user-full-name "Bench Example"
      user-mail-address "bench@example.org"
      send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "smtp.example.org"
      smtpmail-smtp-service 587
      smtpmail-stream-type 'starttls)
(with-eval-after-load 'smtpmail
  (add-to-list 'smtpmail-auth-supported 'xoauth2))
"""


def generate(lines: int) -> str:
    """A realistic init file of about ``lines`` lines."""
    parts = [";;; init.el --- generated for bench/eval_bench.py  -*- lexical-binding: t -*-\n",
             "(require 'use-package)\n"]
    i = 0
    total = 2
    while total < lines:
        parts.append(_block(i))
        total += parts[-1].count("\n")
        if i == 40:
            parts.append(_MAIL)
            total += _MAIL.count("\n")
        i += 1
    parts.append("(custom-set-variables\n" + "".join(
        f" '(my-custom-{k} {k})\n" for k in range(20)) + " '(smtpmail-queue-mail nil))\n")
    return "".join(parts)


def time_elconf(path: Path, home: Path) -> tuple[float, int]:
    """CPU seconds of one load_config of ``path``, and its number of diagnostics."""
    from elconf.config import LoadOptions, load_config

    env = {"HOME": str(home), "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
           "LOGNAME": "bench", "USER": "bench"}
    start = time.process_time()
    config = load_config(LoadOptions(init=path, home=home, env=env))
    return time.process_time() - start, len(config.diagnostics)


def time_read(path: Path, runs: int) -> list[float]:
    from elconf.reader import read_forms

    text = path.read_text()
    times = []
    for _ in range(runs):
        start = time.process_time()
        list(read_forms(text, str(path)))
        times.append(time.process_time() - start)
    return times


def time_emacs(path: Path, home: Path) -> float | None:
    """CPU seconds Emacs spends in ``load`` of ``path`` (None without Emacs)."""
    driver = ROOT / "tests" / "parity" / "eval" / "emacs_driver.el"
    form = (f'(progn (elconf-view-activate-elpa) (let ((t0 (float-time (get-internal-run-time)))) '
            f'(condition-case err (load "{path}" nil t t) (error (message "error: %S" err))) '
            f'(princ (format "@@%f@@" (- (float-time (get-internal-run-time)) t0)))))')
    try:
        proc = subprocess.run(["emacs", "--batch", "-Q", "-l", str(driver), "--eval", form],
                              env={**os.environ, "HOME": str(home)}, capture_output=True,
                              text=True, timeout=120, check=False)
    except FileNotFoundError:
        return None
    out = proc.stdout
    if "@@" not in out:
        print(f"emacs: no timing ({proc.stderr.strip()[-300:]})", file=sys.stderr)
        return None
    return float(out.split("@@")[1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="also write the generated init file here")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="elconf-bench-") as tmp:
        home = Path(tmp) / "home"
        home.mkdir()
        path = Path(tmp) / "init.el"
        text = generate(args.lines)
        path.write_text(text)
        if args.keep:
            args.keep.write_text(text)
        n_lines = text.count("\n")
        ours: list[float] = []
        emacs: list[float] | None = []
        n_diag = 0
        for _ in range(args.runs):          # alternate the two, so that load changes hit both
            seconds, n_diag = time_elconf(path, home)
            ours.append(seconds)
            if emacs is not None:
                emacs_seconds = time_emacs(path, home)
                emacs = None if emacs_seconds is None else [*emacs, emacs_seconds]
        try:
            reading = time_read(path, args.runs)
        except (ImportError, AttributeError):
            reading = None

    def ms(values: list[float]) -> str:
        return f"best {min(values) * 1000:7.1f} ms   median {statistics.median(values) * 1000:7.1f} ms"

    print(f"init file: {n_lines} lines, {len(text)} bytes; {args.runs} runs each, CPU time")
    print(f"elconf load_config : {ms(ours)}   ({n_diag} diagnostics)")
    if reading:
        print(f"  of which reading : {ms(reading)}")
    if emacs:
        print(f"emacs 28.2 (load)  : {ms(emacs)}")
        print(f"ratio elconf/emacs : {min(ours) / min(emacs):.2f} (best), "
              f"{statistics.median(ours) / statistics.median(emacs):.2f} (median)")
        ratio = statistics.median(ours) / statistics.median(emacs)
        print(f"target elconf/emacs <= 0.5: {'met' if ratio <= 0.5 else 'NOT met'} (median ratio)")
    else:
        print("emacs 28.2        : not available")
    target = 0.050
    print(f"target < {target * 1000:.0f} ms: {'met' if min(ours) < target else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
