"""Init-file discovery parity: for each HOME layout, elconf.discovery picks the
files Emacs 28.2 start-up loads, in the same order.

Each file of a layout records itself in a list when Emacs loads it; the
test compares that list with :func:`elconf.discovery.discover`.
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

import pytest

from elconf.discovery import discover, init_directory, locate_load_file
from tests.parity.eval.harness import DRIVER

# name -> (files under HOME (directories end with /), extra environment)
LAYOUTS: dict[str, tuple[tuple[str, ...], dict[str, str]]] = {
    "nothing": ((), {}),
    "dot-emacs": ((".emacs",), {}),
    "dot-emacs-el-beats-dot-emacs": ((".emacs.el", ".emacs"), {}),
    "init-el": ((".emacs.d/init.el",), {}),
    "dot-emacs-beats-init-el": ((".emacs", ".emacs.d/init.el"), {}),
    "init-without-suffix": ((".emacs.d/init",), {}),
    "init-el-beats-init": ((".emacs.d/init.el", ".emacs.d/init"), {}),
    "early-init-and-init": ((".emacs.d/early-init.el", ".emacs.d/init.el"), {}),
    "early-init-with-dot-emacs": ((".emacs.d/early-init.el", ".emacs"), {}),
    "xdg-only": ((".config/emacs/init.el",), {}),
    "xdg-early-init": ((".config/emacs/early-init.el", ".config/emacs/init.el"), {}),
    "xdg-ignored-when-emacs-d-exists": ((".emacs.d/", ".config/emacs/init.el"), {}),
    "xdg-ignored-when-dot-emacs-exists": ((".emacs", ".config/emacs/init.el"), {}),
    "xdg-config-home": (("xdg/emacs/init.el",), {"XDG_CONFIG_HOME": "@HOME@/xdg"}),
    "xdg-dir-skips-dot-emacs-el": ((".config/emacs/init.el", ".emacs.el"), {}),
}

_MARK = re.compile(r"@@ELCONF-JSON@@(.*)@@END@@", re.S)


def make_layout(home: Path, files: tuple[str, ...]) -> None:
    """Create ``files`` under ``home`` (a name ending in "/" is a directory); each file
    records in ``elconf-trace`` that it was loaded."""
    for rel in files:
        path = home / rel
        if rel.endswith("/"):
            path.mkdir(parents=True, exist_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f'(defvar elconf-trace nil)\n(setq elconf-trace (cons "{rel}" elconf-trace))\n')


def _env(home: Path, extra: dict[str, str]) -> dict[str, str]:
    return {k: v.replace("@HOME@", str(home)) for k, v in extra.items()}


def _emacs_loads(home: Path, env: dict[str, str]) -> list[str]:
    from tests.support.emacs import run_emacs

    form = ("(progn (elconf-driver-start-up) (princ \"\\n@@ELCONF-JSON@@\") "
            "(princ (json-encode (vconcat (reverse (bound-and-true-p elconf-trace))))) "
            "(princ \"@@END@@\\n\"))")
    proc = run_emacs(["-Q", "-l", str(DRIVER), "--eval", form], home=home, env=env, cwd=home)
    match = _MARK.search(proc.stdout.decode())
    assert match, proc.stderr.decode()
    return json.loads(match.group(1))


def _ours(home: Path, env: dict[str, str]) -> list[str]:
    found = discover(home, {"HOME": str(home), **env})
    return [str(f.path.relative_to(home)) for f in found.files]


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_discovery_without_emacs(layout: str) -> None:
    """Fast check against the order recorded from Emacs in EXPECTED."""
    files, extra = LAYOUTS[layout]
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        make_layout(home, files)
        assert _ours(home, _env(home, extra)) == EXPECTED[layout]


@pytest.mark.emacs
def test_discovery_matches_emacs() -> None:
    wrong = {}
    for layout, (files, extra) in sorted(LAYOUTS.items()):
        with tempfile.TemporaryDirectory() as tmp:
            home = Path(tmp)
            make_layout(home, files)
            env = _env(home, extra)
            emacs = _emacs_loads(home, env)
            if emacs != EXPECTED[layout] or _ours(home, env) != emacs:
                wrong[layout] = {"emacs": emacs, "elconf": _ours(home, env),
                                 "expected": EXPECTED[layout]}
    assert not wrong, json.dumps(wrong, indent=1)


def test_locate_load_file_prefers_compiled_then_source(tmp_path: Path) -> None:
    (tmp_path / "init").write_text("")
    assert locate_load_file(tmp_path / "init") == tmp_path / "init"
    (tmp_path / "init.el").write_text("")
    assert locate_load_file(tmp_path / "init") == tmp_path / "init.el"
    (tmp_path / "init.elc").write_text("")
    assert locate_load_file(tmp_path / "init") == tmp_path / "init.elc"


def test_compiled_init_is_read_from_its_source_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / ".emacs.d").mkdir()
    (tmp_path / ".emacs.d" / "init.el").write_text("(setq a 1)\n")
    (tmp_path / ".emacs.d" / "init.elc").write_bytes(b";ELC\x1c\x00\x00\x00\n")
    found = discover(tmp_path, {})
    assert [f.path.name for f in found.files] == ["init.el"]
    assert found.files[0].emacs_path.name == "init.elc"
    assert [d.rule for d in found.diagnostics] == ["compiled-init-file"]
    assert found.diagnostics[0].severity == "warning"


def test_compiled_init_without_source_is_an_error(tmp_path: Path) -> None:
    (tmp_path / ".emacs.elc").write_bytes(b";ELC\n")
    found = discover(tmp_path, {})
    assert found.files == ()
    assert found.diagnostics[0].severity == "error"


def test_init_directory_rules(tmp_path: Path) -> None:
    assert init_directory(tmp_path, {}) == (tmp_path / ".emacs.d", False)
    (tmp_path / ".config" / "emacs").mkdir(parents=True)
    assert init_directory(tmp_path, {}) == (tmp_path / ".config" / "emacs", True)
    (tmp_path / ".emacs").write_text("")
    assert init_directory(tmp_path, {}) == (tmp_path / ".emacs.d", False)


#: What Emacs 28.2 loaded for each layout (verified by test_discovery_matches_emacs).
EXPECTED: dict[str, list[str]] = {
    "nothing": [],
    "dot-emacs": [".emacs"],
    "dot-emacs-el-beats-dot-emacs": [".emacs.el"],
    "init-el": [".emacs.d/init.el"],
    "dot-emacs-beats-init-el": [".emacs"],
    "init-without-suffix": [".emacs.d/init"],
    "init-el-beats-init": [".emacs.d/init.el"],
    "early-init-and-init": [".emacs.d/early-init.el", ".emacs.d/init.el"],
    "early-init-with-dot-emacs": [".emacs.d/early-init.el", ".emacs"],
    "xdg-only": [".config/emacs/init.el"],
    "xdg-early-init": [".config/emacs/early-init.el", ".config/emacs/init.el"],
    "xdg-ignored-when-emacs-d-exists": [],
    "xdg-ignored-when-dot-emacs-exists": [".emacs"],
    "xdg-config-home": ["xdg/emacs/init.el"],
    "xdg-dir-skips-dot-emacs-el": [".config/emacs/init.el"],
}
