"""Grab the main window and its dialogs to PNG files in docs/screenshots/.

Run with ``make screenshots``. Uses a throw-away database and settings folder, so it never
touches the user's data; renders offscreen unless a display is set.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any

_SCREEN = Path(__file__).resolve().parents[1] / "tests" / "data" / "offscreen-screen.json"
os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={_SCREEN}")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

OUT = Path(__file__).resolve().parent / "screenshots"


def settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


# Fictional students named in scripts the PDF lays out with care (Korean in its own font,
# Arabic right to left with joined letters, Hindi with conjuncts), each with a shortlist
# note in the same script: (file name, name, note).
SCRIPT_SAMPLES = (
    ("korean", "김서연", "장학금 신청 마감일을 확인할 것"),
    ("arabic", "ليلى الأحمد", "تفضّل الدراسة عبر الإنترنت وتحتاج إلى منحة"),
    ("hindi", "अनन्या शर्मा", "छात्रवृत्ति के लिए आवेदन करना है"),
)


def _pages(pdf: Path, prefix: str, *only: int) -> None:
    """``pdf``'s pages (or pages ``only``) as PNG files ``prefix-N.png`` (pdftoppm)."""
    import subprocess

    if not only:
        subprocess.run(["pdftoppm", "-r", "80", "-png", str(pdf), prefix], check=True)
    for page in only:
        subprocess.run(
            ["pdftoppm", "-r", "80", "-png", "-f", str(page), "-l", str(page), str(pdf), prefix],
            check=True,
        )


def render_report(db: object, student_id: int) -> None:
    """The sample shortlist PDF, and each page as a PNG (pdftoppm), into docs/report/."""
    import shutil
    from datetime import date

    from gradmatch.services import reports
    from gradmatch.services.database import Database

    assert isinstance(db, Database)
    folder = OUT.parent / "report"
    folder.mkdir(exist_ok=True)
    for old in folder.glob("*.png"):
        old.unlink()
    reports.set_counselor_name(db, "Ms. Rivera (fictional)")
    pdf = reports.write_pdf(
        reports.build_report(db, student_id, today=date(2026, 11, 24)),
        folder / "sample-shortlist.pdf",
    )
    if shutil.which("pdftoppm") is None:
        print("pdftoppm not found (apt-get install poppler-utils): PDF pages not rendered")
        return
    _pages(pdf, str(folder / "page"))


def render_script_samples(tmp: Path) -> None:
    """A sample PDF for each of :data:`SCRIPT_SAMPLES` (a database of their own: the
    screenshots keep the demo caseload), with its cover and first program page as PNGs."""
    import shutil
    from datetime import date

    from gradmatch.domain.profile import STORED, StudentProfile
    from gradmatch.services import matching, reports
    from gradmatch.services import students as student_service
    from gradmatch.services.database import open_database

    folder = OUT.parent / "report"
    db = open_database(tmp / "scripts.sqlite3")
    try:
        demo = Path(__file__).resolve().parents[1] / "resources" / "demo" / "students.csv"
        student_service.import_roster(db, demo, skip_invalid=False)
        reports.set_counselor_name(db, "Ms. Rivera (fictional)")
        profile = student_service.find_student(db, "DEMO-001").profile.model_dump()
        for number, (key, name, note) in enumerate(SCRIPT_SAMPLES, start=1):
            profile.update(
                full_name=name, student_id=f"SAMPLE-{number}", email=f"{key}@example.org"
            )
            student = student_service.save_student(
                db, StudentProfile.model_validate(profile, context=STORED)
            ).id
            matching.add_to_shortlist(db, student, "north-texas-campus", note)
            matching.add_to_shortlist(db, student, "csu-global-online", "")
            report = reports.build_report(db, student, today=date(2026, 11, 24))
            pdf = reports.write_pdf(report, folder / f"sample-{key}.pdf")
            if shutil.which("pdftoppm") is not None:
                _pages(pdf, str(folder / key), 1, 3)
    finally:
        db.close()


# A small laptop screen, a common one and a full-HD one (logical pixels).
SIZES = ((1024, 700), (1366, 768), (1920, 1080))


def grab_sizes(app: QApplication, window: Any, student: int) -> None:
    """The three pages of the window at each of ``SIZES``: WxH-caseload.png, …-matches.png,
    …-catalog.png in docs/screenshots/sizes/."""
    out = OUT / "sizes"
    out.mkdir(exist_ok=True)
    for width, height in SIZES:
        window.resize(width, height)
        settle(app)
        window.tabs.setCurrentWidget(window.caseload_page)
        window.caseload_page.select_student(student)
        settle(app)
        window.grab().save(str(out / f"{width}x{height}-caseload.png"))
        window.tabs.setCurrentWidget(window.matches_page)
        window.matches_page.select_program("north-texas-campus")
        settle(app)
        window.grab().save(str(out / f"{width}x{height}-matches.png"))
        window.tabs.setCurrentWidget(window.catalog_page)
        window.catalog_page.select_program("arizona-online")
        settle(app)
        window.grab().save(str(out / f"{width}x{height}-catalog.png"))


def main() -> int:
    from gradmatch.ui.application import configure_application
    from gradmatch.ui.main_window import MainWindow
    from gradmatch.ui.program_editor import ProgramEditor
    from gradmatch.ui.quality_dialog import QualityDialog

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)
        app = QApplication(sys.argv[:1])
        configure_application(app)
        from gradmatch.services import students as student_service
        from gradmatch.services.database import open_database

        db_path = Path(tmp) / "screenshots.sqlite3"
        db = open_database(db_path)
        demo = Path(__file__).resolve().parents[1] / "resources" / "demo" / "students.csv"
        student_service.import_roster(db, demo, skip_invalid=False)
        zoe = student_service.find_student(db, "DEMO-001").id
        from gradmatch.services import matching as matching_service

        matching_service.add_to_shortlist(db, zoe, "north-texas-campus", "in-state rate")
        matching_service.add_to_shortlist(db, zoe, "carnegie-mellon-campus", "reach: GRE on file")
        matching_service.add_to_shortlist(db, zoe, "csu-global-online", "lowest online rate")
        render_report(db, zoe)
        from datetime import date

        from gradmatch.domain.meeting_log import read_entry
        from gradmatch.services import meeting_log as log_service

        for on, kind, text in (
            (date(2026, 9, 8), "meeting", "First meeting. Wants an ML master's on campus, Texas "
             "or California, about $45,000 in all. Calculus done, probability in progress."),
            (date(2026, 10, 2), "email", "Sent the bridge options for discrete math (a "
             "community college course or a MOOC with graded projects)."),
            (date(2026, 10, 20), "call", "Her 2025 GRE scores are valid for the December "
             "deadlines: no retake."),
            (date(2026, 11, 18), "meeting", "Second draft of the statement of purpose.\nNext: "
             "letters from Prof. Chen and Dr. Okafor by December 1; I send the shortlist PDF."),
        ):  # fmt: skip
            log_service.add_log_entry(db, zoe, read_entry(on, kind, text))
        db.close()
        render_script_samples(Path(tmp))

        window = MainWindow(db_path)
        window.resize(1440, 860)
        window.show()
        window.open_database()
        caseload = window.caseload_page
        assert caseload is not None
        caseload.select_student(zoe)
        settle(app)
        window.grab().save(str(OUT / "caseload.png"))
        caseload.show_log()
        settle(app)
        window.grab().save(str(OUT / "meeting-log.png"))
        caseload.details.setCurrentWidget(caseload.editor)
        form = caseload.editor.form
        form.gre_quant.setText("171")
        form.gre_writing.setText("4.3")
        form.gpa_value.setText("4.5")
        settle(app)
        form.scroll_area.verticalScrollBar().setValue(260)
        settle(app)
        window.grab().save(str(OUT / "profile-editor-errors.png"))
        caseload.editor.revert()
        form.scroll_area.verticalScrollBar().setValue(700)
        settle(app)
        window.grab().save(str(OUT / "profile-editor-prerequisites.png"))

        window.tabs.setCurrentWidget(window.matches_page)
        window.matches_page.select_program("north-texas-campus")
        settle(app)
        window.grab().save(str(OUT / "matches.png"))
        from gradmatch.ui.comparison import ComparisonDialog

        result = window.matches_page.result
        assert result is not None
        compared = [
            result.explain_program(i)
            for i in ("north-texas-campus", "carnegie-mellon-campus", "duke-campus")
        ]
        compare = ComparisonDialog(
            [match for match in compared if match is not None],
            "Zoë Ñúñez-Ørsted",
            window,
        )
        compare.show()
        settle(app)
        compare.grab().save(str(OUT / "comparison.png"))
        compare.close()

        window.tabs.setCurrentWidget(window.catalog_page)
        page = window.catalog_page
        page.select_program("csu-global-online")
        settle(app)
        window.grab().save(str(OUT / "catalog.png"))

        page.mode_filter.setCurrentIndex(page.mode_filter.findText("Online"))
        page.search.setText("university")
        page.select_program("arizona-online")
        settle(app)
        window.grab().save(str(OUT / "catalog-filtered.png"))
        page.clear_filters()

        assert window.db is not None
        from gradmatch.services import catalog as catalog_service

        view = catalog_service.load_view(window.db)
        names = {p.id: p.offering for p in view.programs}
        dialog = QualityDialog(view.report, names, window)
        dialog.show()
        settle(app)
        dialog.grab().save(str(OUT / "data-quality.png"))
        dialog.close()

        program = next(p for p in view.programs if p.id == "north-texas-campus")
        editor = ProgramEditor(program, window)
        editor.show()
        editor.credits.setText("three")
        settle(app)
        editor.grab().save(str(OUT / "edit-program.png"))
        editor.close()
        grab_sizes(app, window, zoe)
        window.close()

        student = MainWindow(db_path, student_mode=True)
        student.resize(1280, 820)
        student.show()
        student.open_database()
        settle(app)
        student.grab().save(str(OUT / "student-mode.png"))
        student.close()
    print(f"screenshots written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
