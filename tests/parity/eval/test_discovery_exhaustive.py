"""Every combination of the init files start-up looks at, in one Emacs 28.2.

Eight candidate paths give 256 HOME layouts.  One Emacs process walks them
all (HOME is switched between layouts and the start-up rules re-run), so the
whole space is compared with :func:`elconf.discovery.discover` in a few
seconds.
"""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest

from elconf.discovery import discover
from tests.parity.eval.harness import DRIVER
from tests.parity.eval.test_discovery import make_layout

CANDIDATES = (".emacs", ".emacs.el", ".emacs.d/", ".emacs.d/init.el", ".emacs.d/init",
              ".emacs.d/early-init.el", ".config/emacs/init.el", ".config/emacs/early-init.el")

_WALK = r"""
(let (result)
  (dolist (home elconf-homes)
    (setenv "HOME" home)
    (setq elconf-trace nil user-init-file nil early-init-file nil
          user-emacs-directory (startup--xdg-or-homedot startup--xdg-config-default nil)
          startup--xdg-config-home-emacs startup--xdg-config-default)
    (condition-case err (elconf-driver-start-up)
      (error (message "%s: %S" home err)))
    (push (cons home (vconcat (reverse elconf-trace))) result))
  (princ "\n@@ELCONF-JSON@@")
  (princ (json-encode (nreverse result)))
  (princ "@@END@@\n"))
"""


def _layouts(root: Path) -> dict[str, tuple[str, ...]]:
    layouts = {}
    for n, mask in enumerate(itertools.product((False, True), repeat=len(CANDIDATES))):
        files = tuple(c for c, present in zip(CANDIDATES, mask) if present)
        home = root / f"h{n:03d}"
        home.mkdir()
        make_layout(home, files)
        layouts[str(home)] = files
    return layouts


@pytest.mark.emacs
def test_all_256_layouts_match_emacs(tmp_path: Path) -> None:
    from tests.support.emacs import run_emacs

    layouts = _layouts(tmp_path)
    homes = " ".join(json.dumps(h) for h in layouts)
    setup = f"(progn (defvar elconf-trace nil) (setq elconf-homes (list {homes})))"
    proc = run_emacs(["-Q", "-l", str(DRIVER), "--eval", setup, "--eval", _WALK],
                     home=tmp_path, timeout=300)
    match = re.search(r"@@ELCONF-JSON@@(.*)@@END@@", proc.stdout.decode(), re.S)
    assert match, proc.stderr.decode()[-2000:]
    emacs = json.loads(match.group(1))
    assert len(emacs) == 256
    wrong = {}
    for home, files in layouts.items():
        ours = [str(f.path.relative_to(home)) for f in discover(Path(home), {"HOME": home}).files]
        if ours != emacs[home]:
            wrong[" ".join(files) or "(empty)"] = {"emacs": emacs[home], "elconf": ours}
    assert not wrong, json.dumps(wrong, indent=1)
