"""Shared fixtures: a private HOME for every test that asks for one."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty HOME directory, also set in os.environ for the test's duration."""
    home_dir = tmp_path / "home"
    home_dir.mkdir()
    monkeypatch.setenv("HOME", str(home_dir))
    for name in ("EMAIL", "NAME", "SMTPSERVER"):
        monkeypatch.delenv(name, raising=False)
    return home_dir
