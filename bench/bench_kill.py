"""2,000 kills of a writer (the test suite runs 200): kills, saves committed, saves lost."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from bench.kill_test import run_kills


def run() -> list[dict[str, Any]]:
    with tempfile.TemporaryDirectory() as tmp:
        result = run_kills(Path(tmp) / "killed.sqlite3", kills=2_000, seed=7)
    return [
        {
            "figure": "kill test: SIGKILL a writer at random moments",
            "goal": "integrity ok, 0 committed saves lost",
            "measured": (
                f"{result.kills:,} kills, {result.committed:,} saves committed, "
                f"{result.lost} lost, integrity_check {result.integrity}"
            ),
            "ratio": result.lost / max(result.committed, 1),
            "met": result.lost == 0 and result.integrity == "ok",
        }
    ]
