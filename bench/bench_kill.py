"""2,000 kills of a writer that saves profiles, restores backups and imports catalogs (the
test suite runs 200): kills during each kind, what was committed, what was lost or half
done, and the backups taken before restores and catalog imports checked.

``python -m bench.bench_kill [KILLS]`` runs it alone (e.g. ``50`` for a quick look)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from bench.kill_test import describe, run_kills


def run(kills: int = 2_000) -> list[dict[str, Any]]:
    with tempfile.TemporaryDirectory() as tmp:
        result = run_kills(Path(tmp) / "killed.sqlite3", kills=kills, seed=7)
    return [
        {
            "figure": "kill test: SIGKILL a writer at random moments of saves, restores and "
            "catalog imports",
            "goal": "integrity ok, 0 committed writes lost, no restore or catalog import "
            "half done, every backup before one holds the state before it",
            "measured": describe(result),
            "ratio": result.lost / max(result.committed, 1),
            "met": result.lost == 0 and result.backups_wrong == 0 and result.integrity == "ok",
            "note": "; ".join(result.problems[:3]),
        }
    ]


if __name__ == "__main__":
    for row in run(*(int(arg) for arg in sys.argv[1:2])):
        print(row)
