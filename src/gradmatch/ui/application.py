"""Starting the window: one QApplication, the main window shown before any data loads."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from gradmatch import APP_NAME, __version__

ORGANIZATION = "GradMatch"


def configure_application(app: QApplication) -> None:
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    app.setStyle("Fusion")
    font = QFont(app.font())
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
    app.setFont(font)


def run_gui(db_path: Path, *, student_mode: bool = False) -> int:
    from gradmatch.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    configure_application(app)
    from gradmatch.ui import crash

    crash.setup_logging()
    crash.install()
    window = MainWindow(db_path, student_mode=student_mode)
    window.show()
    window.start()
    return app.exec()
