"""Crash safety: 200 SIGKILLs at random moments of a writer that saves profiles, restores
backups and imports catalogs. Nothing it reported committed is lost; the operation the
kill cut into is there whole or not at all (a restore never half done, a catalog import
never half imported, no shortlist entry, note or override lost to one); every backup taken
before a committed restore or catalog import holds the state before it; the file passes
SQLite's integrity and foreign-key checks after every kill."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from bench.kill_test import KINDS, describe, run_kills


@pytest.mark.skipif(sys.platform == "win32", reason="fork and SIGKILL are POSIX")
def test_two_hundred_kills_of_saves_restores_and_catalog_imports_lose_nothing(
    tmp_path: Path,
) -> None:
    result = run_kills(tmp_path / "killed.sqlite3", kills=200)
    assert result.problems == [], describe(result)
    assert result.integrity == "ok"
    assert result.lost == 0 and result.backups_wrong == 0
    # The writers did get work done between kills, and were killed inside each kind.
    assert result.committed > 200, describe(result)
    for kind in KINDS:
        assert result.kills_by_kind[kind] >= 30, describe(result)
        assert result.committed_by_kind[kind] >= 30, describe(result)
    assert result.backups_checked >= 100, describe(result)
