"""Crash safety: 200 SIGKILLs at random moments of a writer, nothing committed is lost."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from bench.kill_test import run_kills


@pytest.mark.skipif(sys.platform == "win32", reason="fork and SIGKILL are POSIX")
def test_two_hundred_kills_lose_nothing_committed(tmp_path: Path) -> None:
    result = run_kills(tmp_path / "killed.sqlite3", kills=200)
    assert result.integrity == "ok"
    assert result.committed > 100  # the writers did get work done between kills
    assert result.lost == 0
