"""Reader benchmark: elconf's reader vs Emacs 28.2's own reader vs sexpdata, in one run.

Not a test (timings are noisy; CI never asserts on them).  For Emacs's own
large sources (org.el, gnus-art.el, simple.el, gunzipped from
/usr/share/emacs/28.2/lisp/), it prints:

* throughput in MB/s (UTF-8 bytes of the file / CPU time, median of N runs:
  CPU time because this machine is shared and wall time is noisy) of
  - Emacs's ``read`` looping over the file in a buffer, timed inside Emacs
    (start-up and file insertion excluded);
  - ``elconf read --check`` in-process (file reading, decoding and reading;
    Python start-up excluded), and ``read_file`` (the same, keeping every
    form, as the evaluator does);
  - ``elconf read --check`` again with the pure-Python reader (column ``py``), when
    the compiled reader (elconf/_readerc.c) ran in the columns before; a line under
    the table says which reader those were (``ELCONF_PURE_READER=1`` forces Python);
  - ``sexpdata.parse`` (where it can parse the file at all);
* the ratio of ``elconf read --check`` to Emacs's ``read`` loop, and to
  Emacs's insertion (decoding) plus ``read`` loop, which is what ``load``
  does and what ``--check`` does too (target of issue 14: >= 0.5 against ``read``);
* forms that differ from Emacs: every form Emacs reads is printed by Emacs
  (prin1, as the parity goldens) and compared with our printed form; for
  sexpdata each form's source text is given to ``sexpdata.loads`` and the
  result, converted to Lisp values, printed the same way.

Usage:  python3 bench/reader_bench.py [--runs N]
"""

from __future__ import annotations

import argparse
import gzip
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from elconf import reader_fast  # noqa: E402
from elconf.commands.read import format_form, read_one_file  # noqa: E402
from elconf.reader import read_file, read_forms  # noqa: E402
from elconf.source import load_source  # noqa: E402
from elconf.types import NIL, QUOTE, Vector, intern, lisp_list  # noqa: E402

LISP = Path("/usr/share/emacs/28.2/lisp")
FILES = {"org.el": LISP / "org/org.el.gz", "gnus-art.el": LISP / "gnus/gnus-art.el.gz",
         "simple.el": LISP / "simple.el.gz"}
DRIVER = ROOT / "tests/parity/reader/golden_driver.el"

EMACS_TIMER = r"""
(defun bench--median (times)
  (nth (/ (length times) 2) (sort times #'<)))
(defun bench--cpu () (float-time (get-internal-run-time)))
(dolist (file command-line-args-left)
  (with-temp-buffer
    (set-buffer-multibyte t)
    (insert-file-contents file)
    (let ((read-times nil) (load-times nil) (count 0))
      (dotimes (_ RUNS)
        (goto-char (point-min))
        (setq count 0)
        (let ((start (bench--cpu)))
          (condition-case nil
              (while t (read (current-buffer)) (setq count (1+ count)))
            (end-of-file nil))
          (push (- (bench--cpu) start) read-times)))
      ;; The same with the file's insertion and decoding, as `load' does it.
      (dotimes (_ RUNS)
        (let ((start (bench--cpu)))
          (erase-buffer)
          (insert-file-contents file)
          (goto-char (point-min))
          (condition-case nil
              (while t (read (current-buffer)))
            (end-of-file nil))
          (push (- (bench--cpu) start) load-times)))
      (princ (format "%s %f %d %f\n" (file-name-nondirectory file)
                     (bench--median read-times) count (bench--median load-times))))))
(setq command-line-args-left nil)
"""


def best_of(runs: int, func: Any) -> float:
    """Median CPU time of ``runs`` calls (median on both sides: Emacs's passes include its GC)."""
    times = []
    for _ in range(runs):
        start = time.process_time()
        func()
        times.append(time.process_time() - start)
    return statistics.median(times)


def pure_python_check(path: Path, runs: int) -> float | None:
    """CPU seconds of ``read --check`` with the pure-Python reader, or None when it is the
    reader the table's other columns measured already."""
    compiled = reader_fast.compiled
    if compiled is None:
        return None
    reader_fast.compiled = None
    try:
        return best_of(runs, lambda: read_one_file(str(path), io.StringIO(), check=True))
    finally:
        reader_fast.compiled = compiled


def reader_in_use() -> str:
    compiled = reader_fast.compiled
    if compiled is None:
        return "pure Python (elconf/_readerc.c not built, or ELCONF_PURE_READER=1)"
    return f"compiled ({Path(compiled.__file__).name}); py: the pure-Python reader"


def emacs_times(paths: list[Path], runs: int, home: Path) -> dict[str, tuple[float, int, float]]:
    from tests.support.emacs import run_emacs

    script = home / "timer.el"
    script.write_text(EMACS_TIMER.replace("RUNS", str(runs)))
    result = run_emacs(["-Q", "-l", str(script), *map(str, paths)], home=home, timeout=600)
    times = {}
    for line in result.stdout.decode().splitlines():
        name, seconds, count, with_insert = line.split()
        times[name] = (float(seconds), int(count), float(with_insert))
    return times


def emacs_forms(paths: list[Path], outdir: Path, home: Path) -> dict[str, list[str]]:
    from tests.support.emacs import run_emacs

    run_emacs(["-Q", "-l", str(DRIVER), str(outdir), *map(str, paths)], home=home, timeout=600)
    return {p.name: (outdir / (p.name + ".out")).read_bytes().decode("utf-8", "surrogateescape").splitlines()
            for p in paths}


def our_lines(path: Path) -> list[str]:
    return [f"{form.line}\t{format_form(form.value)}"
            for form in read_forms(load_source(path), filename=str(path))]


def from_sexpdata(value: Any) -> Any:
    """A sexpdata value as a Lisp value of our model (to print it as Emacs would)."""
    import sexpdata

    if isinstance(value, sexpdata.Symbol):
        return intern(str(value))
    if isinstance(value, sexpdata.Quoted):
        return lisp_list([QUOTE, from_sexpdata(value.value())])
    if isinstance(value, sexpdata.Brackets):
        return Vector(from_sexpdata(v) for v in value.value())
    if isinstance(value, list):
        return lisp_list(from_sexpdata(v) for v in value) if value else NIL
    if isinstance(value, bool):
        return intern("t") if value else NIL
    return value


def sexpdata_report(path: Path, emacs: list[str], runs: int) -> tuple[float | None, int, int]:
    """(seconds to parse the whole file or None if it cannot, forms misread, forms compared)."""
    import sexpdata

    text = load_source(path)
    try:
        seconds: float | None = best_of(runs, lambda: sexpdata.parse(text))
    except Exception:  # noqa: BLE001 - sexpdata raises AssertionError and friends on Emacs syntax
        seconds = None
    misread = 0
    forms = list(read_forms(text, filename=str(path)))
    for form, expected in zip(forms, emacs):
        try:
            printed = format_form(from_sexpdata(sexpdata.loads(text[form.offset:form.end])))
        except Exception:  # noqa: BLE001
            printed = None
        if printed != expected.split("\t", 1)[1]:
            misread += 1
    return seconds, misread, len(forms)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (the median is kept)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        paths = []
        for name, source in FILES.items():
            target = work / name
            target.write_bytes(gzip.decompress(source.read_bytes()))
            paths.append(target)
        emacs = emacs_times(paths, args.runs, work)
        goldens = emacs_forms(paths, work, work)
        print(f"{'file':12} {'MB':>5} {'forms':>5} {'Emacs read':>10} {'Emacs load':>10} {'check':>6} "
              f"{'read':>6} {'ratio':>5} {'ratio':>5} {'diff':>4} {'py':>6} {'sexpdata':>8} {'sx misread':>10}")
        print(f"{'':12} {'':>5} {'':>5} {'MB/s':>10} {'MB/s':>10} {'MB/s':>6} {'MB/s':>6} "
              f"{'read':>5} {'load':>5} {'':>4} {'MB/s':>6}")
        total_ratio = []
        for path in paths:
            size = len(path.read_bytes()) / 1e6
            emacs_seconds, emacs_count, emacs_load = emacs[path.name]
            check_seconds = best_of(args.runs, lambda: read_one_file(str(path), io.StringIO(), check=True))
            read_seconds = best_of(args.runs, lambda: read_file(path))
            ours = our_lines(path)
            golden = goldens[path.name]
            differing = sum(1 for a, b in zip(ours, golden) if a != b) + abs(len(ours) - len(golden))
            py_seconds = pure_python_check(path, args.runs)
            py_speed = f"{size / py_seconds:.2f}" if py_seconds else "-"
            sx_seconds, sx_misread, sx_total = sexpdata_report(path, golden, max(1, args.runs // 2))
            ratio = (size / check_seconds) / (size / emacs_seconds)
            total_ratio.append(ratio)
            sx_speed = f"{size / sx_seconds:.2f}" if sx_seconds else "fails"
            load_ratio = emacs_load / check_seconds
            print(f"{path.name:12} {size:5.2f} {emacs_count:5d} {size / emacs_seconds:10.2f} "
                  f"{size / emacs_load:10.2f} {size / check_seconds:6.2f} {size / read_seconds:6.2f} "
                  f"{ratio:5.2f} {load_ratio:5.2f} {differing:4d} {py_speed:>6} {sx_speed:>8} "
                  f"{sx_misread:4d}/{sx_total:<5d}")
        print(f"ratio elconf read --check / Emacs read: min {min(total_ratio):.2f}, target >= 0.5 (issue 14)")
        print(f"reader: {reader_in_use()}")
    print()
    print("sexpdata on the parity corpus (forms read as Emacs reads them, per file):")
    total_ok = total = 0
    for name, ok, count in sexpdata_on_corpus():
        total_ok += ok
        total += count
        if ok < count:
            print(f"  {name:40} {ok:4d}/{count:<4d} exact")
    print(f"  all corpus files: {total_ok}/{total} forms exact ({total - total_ok} misread or refused)")
    return 0


def sexpdata_on_corpus() -> list[tuple[str, int, int]]:
    """For each parity corpus file: (name, forms sexpdata reads exactly, forms Emacs read)."""
    import sexpdata

    corpus = ROOT / "tests/parity/reader/corpus"
    goldens = ROOT / "tests/parity/reader/goldens"
    results = []
    for path in sorted(corpus.glob("*.el")):
        golden = [line.split("\t", 1)[1] for line in
                  (goldens / (path.name + ".out")).read_bytes().decode("utf-8", "surrogateescape").splitlines()
                  if not line.startswith("ERROR\t")]
        text = load_source(path)
        try:
            forms = list(read_forms(text, filename=str(path)))
        except Exception:  # noqa: BLE001 - files ending in an error: compare the forms before it
            forms = []
            reader = read_forms(text, filename=str(path))
            while True:
                try:
                    forms.append(next(reader))
                except Exception:  # noqa: BLE001
                    break
        ok = 0
        for form, expected in zip(forms, golden):
            try:
                printed = format_form(from_sexpdata(sexpdata.loads(text[form.offset:form.end])))
            except Exception:  # noqa: BLE001
                printed = None
            ok += printed == expected.replace(str(corpus), "@CORPUS@") or printed == expected
        results.append((path.name, ok, len(golden)))
    return results


if __name__ == "__main__":
    sys.exit(main())
