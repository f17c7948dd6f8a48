"""elsend's code is part of every kept state's and plan's key: which change of it is seen.

A source tree (an editable install included) is fingerprinted file by file: any
edit, new or removed file changes it.  An installed copy (packages with
``elsend-VERSION.dist-info/RECORD`` beside them, as pip leaves them) is
fingerprinted by that RECORD, which every install, upgrade and reinstall
writes anew: one stat instead of ~190 on every send.  The last test installs
elsend for real with pip (into a target directory, from a wheel built once)
and checks that a plan kept by one install misses after a reinstall.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from elconf import __version__, cache
from smtp.sink import running_sink

ROOT = Path(__file__).resolve().parents[2]


def _layout(site: Path, *, installed: bool) -> tuple[str, str]:
    """Two package directories under ``site`` (a few files each), with a RECORD if ``installed``."""
    for package in ("elconf", "smtp"):
        (site / package / "sub").mkdir(parents=True)
        (site / package / "__init__.py").write_text("")
        (site / package / "sub" / "mod.py").write_text("x = 1\n")
    if installed:
        _write_record(site)
    return str(site / "elconf"), str(site / "smtp")


def _write_record(site: Path) -> None:
    """What an install does: a new dist-info directory (the old one removed first)."""
    info = site / f"elsend-{__version__}.dist-info"
    shutil.rmtree(info, ignore_errors=True)
    info.mkdir()
    (info / "RECORD").write_text("elconf/__init__.py,,\nsmtp/__init__.py,,\n")


def test_a_source_tree_is_fingerprinted_file_by_file(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    dirs = _layout(tmp_path, installed=False)
    monkeypatch.setattr(cache, "_package_dirs", lambda: dirs)
    assert cache._installed_record(dirs) is None
    before = cache.source_fingerprint()
    assert cache.source_fingerprint() == before
    module = tmp_path / "smtp" / "sub" / "mod.py"
    module.write_text("x = 22\n")                  # edited in place
    edited = cache.source_fingerprint()
    assert edited != before
    (tmp_path / "elconf" / "sub" / "new.py").write_text("")
    assert cache.source_fingerprint() != edited


def test_an_installed_copy_is_fingerprinted_by_its_record(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    dirs = _layout(tmp_path, installed=True)
    monkeypatch.setattr(cache, "_package_dirs", lambda: dirs)
    assert cache._installed_record(dirs) is not None
    before = cache.source_fingerprint()
    assert cache.source_fingerprint() == before
    _write_record(tmp_path)                         # reinstalled (the same files)
    reinstalled = cache.source_fingerprint()
    assert reinstalled != before
    (tmp_path / f"elsend-{__version__}.dist-info" / "RECORD").write_text("rewritten\n")
    assert cache.source_fingerprint() != reinstalled
    # Uninstalled, or a RECORD of another version: back to every file's stat.
    shutil.rmtree(tmp_path / f"elsend-{__version__}.dist-info")
    assert cache._installed_record(dirs) is None
    assert cache.source_fingerprint() not in (before, reinstalled)


def test_packages_in_two_places_are_not_an_installed_copy(tmp_path: Path) -> None:
    elconf_dir, _ = _layout(tmp_path / "a", installed=True)
    _, smtp_dir = _layout(tmp_path / "b", installed=True)
    assert cache._installed_record((elconf_dir, smtp_dir)) is None


_SEND = """
import sys
sys.argv = ["elsend", "--init", sys.argv[1], sys.argv[2]]
from smtp import cli, fastpath
code = cli.main()
print(code, fastpath.last_lookup)
"""


def test_a_reinstall_makes_the_kept_plan_miss(tmp_path: Path) -> None:
    """pip installs elsend into a directory; a send keeps its plan, the next one uses it;
    pip installs it again (the same wheel, the same files): the plan misses, for the code."""
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    wheels = tmp_path / "wheels"
    subprocess.run([*pip, "wheel", "--no-deps", "-w", str(wheels), str(ROOT)], check=True,
                   capture_output=True, timeout=600)
    shutil.rmtree(ROOT / "build", ignore_errors=True)
    wheel = next(wheels.glob("elsend-*.whl"))
    site = tmp_path / "site"
    install = [*pip, "install", "--no-deps", "--no-index", "--upgrade", "--target", str(site),
               str(wheel)]
    subprocess.run(install, check=True, capture_output=True, timeout=300)
    home = tmp_path / "home"
    (home / ".emacs.d").mkdir(parents=True)
    message = tmp_path / "m.eml"
    message.write_text("From: alice@example.org\nTo: bob@example.net\nSubject: s\n"
                       "Date: Sat, 28 Nov 2026 12:00:00 +0000\nMessage-Id: <r@example.org>\n\nb\n")
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(home), "LANG": "C.UTF-8",
           "PYTHONPATH": str(site)}
    with running_sink(keep_data=False) as sink:
        init = tmp_path / "init.el"
        init.write_text("(setq send-mail-function 'smtpmail-send-it\n"
                        "      smtpmail-smtp-server \"127.0.0.1\"\n"
                        f"      smtpmail-smtp-service {sink.port}\n"
                        "      smtpmail-stream-type 'plain\n"
                        "      user-mail-address \"alice@example.org\")\n")

        def send() -> str:
            done = subprocess.run([sys.executable, "-c", _SEND, str(init), str(message)], env=env,
                                  cwd=tmp_path, capture_output=True, text=True, timeout=120)
            assert done.returncode == 0, done.stderr
            code, why = done.stdout.split(" ", 1)
            assert code == "0"
            return why.strip()

        send()
        assert send() == "hit"
        # The copy that ran is the installed one, fingerprinted by its RECORD.
        probe = subprocess.run([sys.executable, "-c", "from elconf import cache; "
                                "print(cache._installed_record(cache._package_dirs()) is not None)"],
                               env=env, cwd=tmp_path, capture_output=True, text=True, check=True)
        assert probe.stdout.strip() == "True"
        subprocess.run([*install, "--force-reinstall"], check=True,
                       capture_output=True, timeout=300)
        assert send() == "elsend's code changed"
        assert send() == "hit"
        assert len(sink.messages) == 4
