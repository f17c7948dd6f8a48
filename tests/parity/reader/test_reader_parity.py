"""Reader parity: ``elconf read`` prints every corpus form exactly as Emacs 28.2 reads it.

The goldens (``goldens/NAME.el.out``) were made by real Emacs with
``make_goldens.py``: one ``LINE<TAB>FORM`` line per top-level form and an
``ERROR<TAB>LINE:COL<TAB>SYMBOL<TAB>MESSAGE`` line where reading stops.  The
corpus covers every read syntax, the file decodings ``load`` applies, and
files that end in each reader error.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from elconf.commands.read import format_form
from elconf.printer import PrintError
from elconf.reader import ReadError, read_forms
from elconf.source import load_source

HERE = Path(__file__).resolve().parent


def _load_make_goldens():
    spec = importlib.util.spec_from_file_location("reader_make_goldens", HERE / "make_goldens.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


make_goldens = _load_make_goldens()
CORPUS_FILES = make_goldens.corpus_files()


def our_output(path: Path) -> bytes:
    """What Emacs's golden driver would print, computed by our reader and printer."""
    lines: list[str] = []
    try:
        for form in read_forms(load_source(path), filename=str(path)):
            try:
                text = format_form(form.value)
            except PrintError as error:
                text = f"PRINT-ERROR\t{error}"
            lines.append(f"{form.line}\t{text}")
    except ReadError as error:
        lines.append(f"ERROR\t{error.line}:{error.col}\t{error.error_symbol}\t{error.emacs_message}")
    data = "".join(line + "\n" for line in lines).encode("utf-8", "surrogateescape")
    return make_goldens.normalize(data)


def test_corpus_is_substantial() -> None:
    assert len(CORPUS_FILES) >= 90
    goldens = list(make_goldens.GOLDENS.glob("*.out"))
    assert len(goldens) == len(CORPUS_FILES), "run tests/parity/reader/make_goldens.py"
    errors = sum(1 for g in goldens if b"\nERROR\t" in b"\n" + g.read_bytes())
    assert errors >= 60, "the corpus must exercise the reader's errors"


@pytest.mark.parametrize("path", CORPUS_FILES, ids=[p.name for p in CORPUS_FILES])
def test_reader_matches_emacs(path: Path) -> None:
    golden = (make_goldens.GOLDENS / (path.name + ".out")).read_bytes()
    ours = our_output(path)
    if ours != golden:
        want = golden.decode("utf-8", "surrogateescape").splitlines()
        got = ours.decode("utf-8", "surrogateescape").splitlines()
        for index, (w, g) in enumerate(zip(want, got)):
            assert g == w, f"{path.name}: output line {index + 1} differs"
        assert got == want, f"{path.name}: {len(got)} lines, Emacs printed {len(want)}"


@pytest.mark.emacs
def test_goldens_are_what_emacs_prints(tmp_path: Path) -> None:
    """Re-run Emacs on the whole corpus (one process) and compare with the stored goldens."""
    make_goldens.run_emacs_on_corpus(tmp_path)
    stale = [p.name for p in CORPUS_FILES
             if (tmp_path / (p.name + ".out")).read_bytes()
             != (make_goldens.GOLDENS / (p.name + ".out")).read_bytes()]
    assert not stale, f"goldens out of date (run make_goldens.py): {stale}"


# Real-world code: a few of Emacs's own sources, chosen for their variety
# (mail settings code, dense macros, docstrings with escapes, character tables).
EMACS_SOURCES = ("mail/smtpmail.el.gz", "mail/sendmail.el.gz", "gnus/message.el.gz", "subr.el.gz",
                 "emacs-lisp/backquote.el.gz", "international/mule-cmds.el.gz")


@pytest.mark.emacs
def test_emacs_own_sources_read_as_in_emacs(tmp_path: Path) -> None:
    import gzip

    from tests.support.emacs import run_emacs

    lisp = Path("/usr/share/emacs/28.2/lisp")
    missing = [name for name in EMACS_SOURCES if not (lisp / name).exists()]
    assert not missing, f"Emacs's Lisp sources are missing ({missing}): apt-get install emacs-el"
    corpus = tmp_path / "src"
    out = tmp_path / "out"
    corpus.mkdir()
    out.mkdir()
    names = []
    for name in EMACS_SOURCES:
        target = corpus / Path(name).name.removesuffix(".gz")
        target.write_bytes(gzip.decompress((lisp / name).read_bytes()))
        names.append(target.name)
    result = run_emacs(["-Q", "-l", str(make_goldens.DRIVER), str(out), *names], home=tmp_path, cwd=corpus,
                       timeout=300)
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    forms = 0
    for name in names:
        emacs = (out / (name + ".out")).read_bytes().decode("utf-8", "surrogateescape").splitlines()
        ours = our_output(corpus / name).decode("utf-8", "surrogateescape").splitlines()
        forms += len(emacs)
        for index, (want, got) in enumerate(zip(emacs, ours)):
            assert got == want, f"{name}: form {index + 1} differs"
        assert len(ours) == len(emacs), name
    assert forms > 1000
