"""``gradmatch self-test``: proves that an installed or frozen GradMatch works end to end.

Everything happens in a throw-away folder (database, settings, logs, backups): the user's
data is never read or written. Each step prints one line; the last line is
``self-test: ok`` (exit 0) or says which step failed and why (exit 1). A windowed build
has no console to show a traceback, so scripts check both the exit code and the marker.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import traceback
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TextIO

OK_MARKER = "self-test: ok"
# Interactions of the window's soak (``gradmatch.ui.soak``): enough to pass the warm-up and
# to lose hundreds of references to None on a binding that drops them.
SOAK_STEPS = 800


def versions() -> str:
    """What this GradMatch runs on: the versions the lock file named when it was built."""
    import platform

    import bidi
    import pydantic
    import PySide6
    import reportlab
    import sqlalchemy
    import uharfbuzz
    from PySide6.QtCore import qVersion

    return (
        f"Python {platform.python_version()}, PySide6 {PySide6.__version__} (Qt {qVersion()}), "
        f"SQLAlchemy {sqlalchemy.__version__}, pydantic {pydantic.VERSION}, "
        f"reportlab {reportlab.Version}, uharfbuzz {uharfbuzz.__version__} "
        f"(HarfBuzz {uharfbuzz.version_string()}), python-bidi {bidi.VERSION}"
    )


def run(out: TextIO | None = None) -> int:
    stream = out or sys.stdout
    with tempfile.TemporaryDirectory(prefix="gradmatch-self-test-") as tmp:
        root = Path(tmp)
        for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
            os.environ[name] = str(root / name.lower())
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        try:
            _steps(root, stream)
        except Exception as error:  # reported, then a non-zero exit
            stream.write("".join(traceback.format_exception(error)))
            stream.write(f"self-test: FAILED: {type(error).__name__}: {error}\n")
            stream.flush()
            return 1
    stream.write(OK_MARKER + "\n")
    stream.flush()
    return 0


def _steps(root: Path, stream: TextIO) -> None:
    def step(name: str, action: Callable[[], str]) -> None:
        try:
            detail = action()
        except Exception as error:
            raise RuntimeError(f"{name}: {error}") from error
        stream.write(f"self-test: {name}: {detail}\n")
        stream.flush()

    from gradmatch import __version__, locations
    from gradmatch.services import matching as matching_service
    from gradmatch.services import reports as reports_service
    from gradmatch.services import students as student_service
    from gradmatch.services.catalog import list_programs
    from gradmatch.services.database import open_database
    from gradmatch.store.migrations import HEAD_REVISION

    stream.write(f"self-test: GradMatch {__version__}, resources in {locations.resources_dir()}\n")
    stream.write(f"self-test: versions: {versions()}\n")
    path = root / "self-test.sqlite3"
    holder: dict[str, object] = {}

    def migrate() -> str:
        holder["db"] = open_database(path)
        return f"schema {HEAD_REVISION}"

    step("database and migrations", migrate)
    db = holder["db"]
    from gradmatch.services.database import Database

    assert isinstance(db, Database)
    try:

        def catalog() -> str:
            programs = list_programs(db)
            if not programs:
                raise RuntimeError("the shipped catalog was not loaded")
            return f"{len(programs)} program offerings"

        step("catalog", catalog)

        def student() -> str:
            demo = locations.resources_dir() / "demo" / "students.csv"
            roster = student_service.preview_roster(demo)
            first = roster.rows[0]
            result = student_service.import_roster(
                db, replace(roster, rows=(first,)), skip_invalid=False
            )
            holder["student"] = result.ids[0]
            return f"{first.profile.full_name if first.profile else '?'} (fictional)"

        step("demo student", student)
        student_id = holder["student"]
        assert isinstance(student_id, int)

        def match() -> str:
            result = matching_service.match_student(db, student_id)
            if not result.matches:
                raise RuntimeError("no programs were ranked")
            best = result.matches[0]
            matching_service.add_to_shortlist(db, student_id, best.program.id, "self-test")
            return f"{len(result.matches)} ranked, best {best.program.school}"

        step("matching", match)

        def pdf() -> str:
            target = root / "shortlist.pdf"
            reports_service.export_shortlist(db, student_id, target)
            data = target.read_bytes()
            pages = len(re.findall(rb"/Type\s*/Page[^s]", data))
            if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:] or pages < 1:
                raise RuntimeError("the PDF written is not a complete PDF")
            return f"{len(data):,} bytes, {pages} page(s)"

        step("shortlist PDF", pdf)

        def scripts() -> str:
            """Names in Korean, Arabic and Hindi, as this build prints them: the bundled
            fonts, HarfBuzz and the bidirectional algorithm at work."""
            from reportlab.lib.colors import black

            from gradmatch.domain.profile import STORED, StudentProfile
            from gradmatch.reports.fonts import missing
            from gradmatch.reports.shaping import Span, clusters

            name = "김민준 · علا الأحمد · प्रिया शर्मा"
            laid_out = clusters([Span(name)], 10, black)
            if missing(name) or any(g.gid == 0 for c in laid_out for g in c.glyphs):
                raise RuntimeError(f"no glyph for part of {name}")
            data = student_service.get_student(db, student_id).profile.model_dump()
            data["full_name"] = name
            profile = StudentProfile.model_validate(data, context=STORED)
            student_service.save_student(db, profile, student_id)
            target = root / "scripts.pdf"
            reports_service.export_shortlist(db, student_id, target)
            fonts = sorted(set(re.findall(rb"/BaseFont\s*/[A-Z]+\+([\w-]+)", target.read_bytes())))
            return f"{name}: " + ", ".join(font.decode() for font in fonts)

        step("names in every script", scripts)
    finally:
        db.close()

    step("main window", lambda: _window(path))


def _window(path: Path) -> str:
    """The window in this build's edition, shown on the self-test's database, then a soak:
    hundreds of real key presses, clicks and dialogs, watching the process."""
    from PySide6.QtWidgets import QApplication

    from gradmatch.ui.application import configure_application, set_window_icon
    from gradmatch.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    configure_application(app)
    set_window_icon(app)
    from gradmatch import locations

    student = locations.student_mode_default()
    window = MainWindow(path, student_mode=student)
    window.show()
    window.open_database()
    app.processEvents()
    if student:  # "My profile" shows the one student
        editor = window.my_profile
        shown_student = editor is not None and editor.record is not None
    else:
        page = window.caseload_page
        shown_student = page is not None and page.model.rowCount() == 1
    shown = window.isVisible() and window.db is not None and shown_student
    platform = app.platformName()
    edition = "student" if student else "counselor"
    if not shown:
        window.close()
        raise RuntimeError("the window did not show the student")
    from gradmatch.ui.soak import Soak

    report = Soak(window).run(SOAK_STEPS)
    from gradmatch.ui import help as guide

    opened = guide.show_guide(window, guide.Topic.MATCHES)  # F1 on "Matches": shipped, read
    sections = len(opened.sections)
    if opened.current_section() != opened.guide.anchor(guide.Topic.MATCHES):
        window.close()
        raise RuntimeError(
            f"the user guide is missing or incomplete: {guide.guide_path(opened.guide)}"
        )
    window.close()
    window.deleteLater()
    app.processEvents()
    if report.problem is not None or report.steps < SOAK_STEPS:
        raise RuntimeError(f"the window's soak failed: {report.summary()}")
    return (
        f"{window.windowTitle()!r} opened, soaked and closed ({edition} edition, {platform}); "
        f"soak: {report.summary().splitlines()[0]}; user guide: {sections} sections"
    )
