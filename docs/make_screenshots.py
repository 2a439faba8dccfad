"""Grab the main window and its dialogs to PNG files in docs/screenshots/.

Run with ``make screenshots``. Uses a throw-away database and settings folder, so it never
touches the user's data; renders offscreen unless a display is set.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

OUT = Path(__file__).resolve().parent / "screenshots"


def settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


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
        window = MainWindow(Path(tmp) / "screenshots.sqlite3")
        window.resize(1440, 860)
        window.show()
        window.open_database()
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
        names = {p.id: f"{p.school} ({p.mode.value})" for p in view.programs}
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
        window.close()
    print(f"screenshots written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
