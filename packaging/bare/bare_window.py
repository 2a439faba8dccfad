"""The baseline for bench/: a bare PySide6 window, bundled by the same PyInstaller.

With GRADMATCH_STARTUP_PROBE set it prints ``probe shown`` once the window is on screen
and quits, exactly like the app's own probe."""

import os
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setWindowTitle("Hello")
window.setCentralWidget(QLabel("Hello, window"))
window.resize(1400, 860)
window.show()
if os.environ.get("GRADMATCH_STARTUP_PROBE"):

    def shown() -> None:
        print('probe shown {"modules": []}', flush=True)
        app.quit()

    QTimer.singleShot(0, shown)
sys.exit(app.exec())
