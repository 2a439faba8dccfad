"""The soak, longer than the suite's: 20,000 ordinary interactions with the real window on
the demo caseload (``gradmatch.ui.soak``: arrows, typing, combo boxes, tabs, matches, every
dialog opened and cancelled). Reports interactions per second against one 16 ms frame per
interaction, memory growth per 1,000 interactions after the warm-up, and the references
``None`` lost (a broken binding loses thousands a minute)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication

from gradmatch import locations
from gradmatch.services import students
from gradmatch.services.database import open_database
from gradmatch.ui.application import configure_application
from gradmatch.ui.main_window import MainWindow
from gradmatch.ui.soak import NONE_MARGIN, Soak

STEPS = 20_000
FRAME = 0.016
GROWTH_GOAL_KIB = 256  # per 1,000 interactions after the warm-up


def run() -> list[dict[str, Any]]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    configure_application(app)
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
            os.environ[name] = str(Path(tmp) / name.lower())
        path = Path(tmp) / "demo.sqlite3"
        db = open_database(path)
        demo = locations.resources_dir() / "demo" / "students.csv"
        students.import_roster(db, demo, skip_invalid=False)
        db.close()
        window = MainWindow(path)
        window.show()
        window.open_database()
        app.processEvents()
        report = Soak(window).run(STEPS)
        window.close()
        app.processEvents()
    per_step = report.seconds / max(1, report.steps)
    growth = report.growth_kib_per_thousand()
    note = f"Soak ({report.steps:,} interactions): {report.summary()}"
    return [
        {
            "figure": f"soak: one ordinary interaction ({report.steps:,} in a row, demo caseload)",
            "goal": "≤ one 16 ms frame each",
            "measured": f"{per_step * 1000:.1f} ms ({report.steps / report.seconds:.0f}/s)",
            "ratio": per_step / FRAME,
            "met": per_step <= FRAME and report.problem is None,
            "note": note,
        },
        {
            "figure": "soak: memory growth per 1,000 interactions after the warm-up",
            "goal": f"≤ {GROWTH_GOAL_KIB} KiB",
            "measured": f"{growth:+.0f} KiB ({report.rss_kib_warm / 1024:.0f} → "
            f"{report.rss_kib_end / 1024:.0f} MiB)",
            "ratio": max(growth, 0) / GROWTH_GOAL_KIB,
            "met": growth <= GROWTH_GOAL_KIB,
        },
        {
            "figure": "soak: references to None lost over the run",
            "goal": f"≤ {NONE_MARGIN:,} (0 expected)",
            "measured": f"{report.none_refs_lost:,}",
            "ratio": report.none_refs_lost / NONE_MARGIN,
            "met": report.none_refs_lost <= NONE_MARGIN and report.problem is None,
        },
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
