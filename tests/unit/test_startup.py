"""Start-up stays light: a current database opens without importing Alembic or reportlab."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from gradmatch.store import migrations
from gradmatch.store.engine import make_engine
from gradmatch.ui.caseload_model import CaseloadModel


def _probe(db: Path) -> dict[str, dict[str, object]]:
    env = {**os.environ, "GRADMATCH_STARTUP_PROBE": "1", "QT_QPA_PLATFORM": "offscreen"}
    run = subprocess.run(
        [sys.executable, "-m", "gradmatch", "--db", str(db)],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    stages = {}
    for line in run.stdout.splitlines():
        if line.startswith("probe "):
            _probe_word, stage, payload = line.split(" ", 2)
            stages[stage] = json.loads(payload)
    assert set(stages) == {"shown", "ready"}, run.stdout
    return stages


def test_a_current_database_opens_without_alembic_or_reportlab(demo_db: Path) -> None:
    stages = _probe(demo_db)
    assert stages["ready"]["modules"] == []


def test_the_probe_does_see_alembic_when_an_upgrade_is_due(tmp_path: Path) -> None:
    old = tmp_path / "old.sqlite3"
    engine = make_engine(old)
    migrations.run_alembic_upgrade(engine, migrations.KNOWN_REVISIONS[0])
    engine.dispose()
    stages = _probe(old)
    assert "alembic.command" in stages["ready"]["modules"]  # type: ignore[operator]
    assert "reportlab" not in " ".join(stages["ready"]["modules"])  # type: ignore[arg-type]


def test_the_window_is_on_screen_before_sqlalchemy_or_pydantic_load(demo_db: Path) -> None:
    stages = _probe(demo_db)
    assert stages["shown"]["heavy"] == []
    assert stages["ready"]["heavy"] == ["pydantic", "sqlalchemy"]


def test_ten_thousand_students_start_with_a_screenful_of_rows(caseload_10k: Path) -> None:
    stages = _probe(caseload_10k)
    ready = stages["ready"]
    assert ready["students"] == 10_000
    assert 0 < ready["rows_fetched"] <= 2 * CaseloadModel.PAGE  # type: ignore[operator]
    assert ready["modules"] == []  # neither Alembic (its command module) nor reportlab
