"""Fuzz parity: random token soup read by us and by live Emacs 28.2 gives the same output.

The inputs come from a fixed seed (the test is deterministic) and mix every
piece of read syntax with junk, so they end in all kinds of errors at all
kinds of places: values, error symbols, messages and error positions must
all agree.  All inputs go through ONE Emacs process.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tests.support.emacs import run_emacs

HERE = Path(__file__).resolve().parent
DRIVER = HERE / "golden_driver.el"

PIECES = ["(", ")", "[", "]", ".", " ", "\n", "'", "`", ",", ",@", "#'", "?", "?\\", "\\", "\"", "a", "1", "1.5",
          "#x", "#1=", "#1#", "#2=", "#2#", "#s(", "#(", "#&", "\\C-", "\\M-", "e5", ";c\n", "#:", "##", "\\N{", "}",
          "x", "+", "-", "é", "\t", "\u00a0", "0", "7", "#b", "#o", "#24r", "\\x", "\\u", "\\^", "\\s", "?a",
          "\"s\"", "hash-table", " data ", "(a . b)", "#[", "#^[", "#$", "#_", "\\\n", "\f", "\r", "\x01", "nil",
          "\\S-", "f", "?\\C-", "q", "\"a\\nb\"", "\"\\x41\"", "\"\\C-a\"", "\"é\\xe9\"", "\\N{U+41}",
          "LATIN SMALL LETTER A", "e+INF", "e+NaN", "1e", ".5", "#@00", "#!x\n", "λ", "?\\^", "?\\s-", "\\U",
          "0000", "41", "ff", "#s(hash-table data (a 1))", "#(\"ab\" 0 1 (p q))", "#&3\"", "\\377",
          "#1=(a . #1#)", "(quote x)", "(function", "(\\`", "(\\,"]
COUNT = 600


def fuzz_inputs(seed: int = 20261128) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(PIECES) for _ in range(rng.randint(1, 16))) for _ in range(COUNT)]


@pytest.mark.emacs
def test_random_input_reads_as_in_emacs(tmp_path: Path) -> None:
    from tests.parity.reader.test_reader_parity import our_output

    corpus = tmp_path / "in"
    out = tmp_path / "out"
    corpus.mkdir()
    out.mkdir()
    names = []
    for index, text in enumerate(fuzz_inputs()):
        name = f"fuzz{index:04d}.el"
        (corpus / name).write_text(text, encoding="utf-8")
        names.append(name)
    result = run_emacs(["-Q", "-l", str(DRIVER), str(out), *names], home=tmp_path, cwd=corpus, timeout=300)
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    mismatches = []
    for name in names:
        emacs = (out / (name + ".out")).read_bytes().replace(str(corpus).encode(), b"@CORPUS@")
        ours = our_output(corpus / name).replace(str(corpus).encode(), b"@CORPUS@")
        if ours != emacs:
            mismatches.append((name, (corpus / name).read_text(encoding="utf-8"), ours, emacs))
    assert not mismatches, f"{len(mismatches)} of {len(names)} differ; first: {mismatches[0]!r}"
