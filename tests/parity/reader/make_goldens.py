"""Make the reader's golden files with real Emacs 28.2.

Runs ONE ``emacs --batch -Q`` over every corpus file (``corpus/*.el``) with
``golden_driver.el``, which reads each file as ``load`` does and prints every
top-level form as ``LINE<TAB>FORM`` (and the error that stops reading), and
stores the output in ``goldens/NAME.el.out``.  The parity test compares
``elconf read``'s output with these files; a test marked ``emacs`` re-runs
Emacs to check the goldens are still what Emacs prints.

Usage:  python3 tests/parity/reader/make_goldens.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
GOLDENS = HERE / "goldens"
DRIVER = HERE / "golden_driver.el"


def corpus_files() -> list[Path]:
    return sorted(CORPUS.glob("*.el"))


def run_emacs_on_corpus(outdir: Path, files: list[Path] | None = None) -> None:
    """Write ``outdir/NAME.el.out`` for every corpus file, from one Emacs process."""
    sys.path.insert(0, str(HERE.parents[2]))
    from tests.support.emacs import run_emacs

    files = corpus_files() if files is None else files
    with tempfile.TemporaryDirectory() as home:
        # Relative names: what #$ gives depends on the corpus directory, which
        # both sides resolve the same way.
        result = run_emacs(["-Q", "-l", str(DRIVER), str(outdir), *[f.name for f in files]],
                           home=Path(home), cwd=CORPUS, timeout=300)
    if result.returncode != 0:
        raise RuntimeError("Emacs failed making goldens:\n" + result.stderr.decode("utf-8", "replace"))
    for out in outdir.glob("*.out"):
        out.write_bytes(normalize(out.read_bytes()))


CORPUS_PLACEHOLDER = b"@CORPUS@"


def normalize(output: bytes) -> bytes:
    """Replace the corpus directory (what #$ reads as) by a placeholder: goldens are portable."""
    return output.replace(str(CORPUS).encode(), CORPUS_PLACEHOLDER)


def main() -> int:
    GOLDENS.mkdir(exist_ok=True)
    for stale in GOLDENS.glob("*.out"):
        stale.unlink()
    run_emacs_on_corpus(GOLDENS)
    print(f"wrote {len(list(GOLDENS.glob('*.out')))} golden files to {GOLDENS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
