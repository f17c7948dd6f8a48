"""Ask Emacs 28.2 (one batch process) what its mail functions return for many inputs."""

from __future__ import annotations

from pathlib import Path

from tests.support.emacs import run_emacs

PROBE = Path(__file__).resolve().parent / "probe.el"


def ask_emacs(kind_inputs: list[tuple[str, str]], work: Path, *, tz: str = "UTC") -> list[str]:
    """Answers, in order, for ``(kind, input)`` pairs (see probe.el for the kinds)."""
    work.mkdir(parents=True, exist_ok=True)
    home = work / "home"
    home.mkdir(exist_ok=True)
    for n, (kind, text) in enumerate(kind_inputs):
        (work / f"{n:05d}.{kind}").write_text(text, encoding="utf-8")
    proc = run_emacs(["-Q", "-l", str(PROBE), str(work)], home=home, env={"TZ": tz})
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")
    return [(work / f"{n:05d}.out").read_text(encoding="utf-8") for n in range(len(kind_inputs))]
