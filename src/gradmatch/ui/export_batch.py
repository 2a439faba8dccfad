"""Exporting every student's shortlist off the GUI thread, with progress and Cancel."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal

from gradmatch.services import reports
from gradmatch.services.database import Database


class ExportWorker(QObject):
    """Runs in a worker thread; talks to the window only through signals."""

    progress = Signal(int, int, str)
    finished = Signal(object)  # the BatchResult: PDFs written, students that failed
    failed = Signal(str)

    def __init__(self, db: Database, folder: Path) -> None:
        super().__init__()
        self._db = db
        self._folder = folder
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        try:
            result = reports.export_all(
                self._db,
                self._folder,
                progress=lambda done, total, name: self.progress.emit(done, total, name),
                cancelled=self._cancel.is_set,
            )
        except reports.ExportError as error:
            self.failed.emit(str(error))
            return
        except Exception as error:  # a bug: reported, never a silent dead thread
            self.failed.emit(f"The export stopped: {error}")
            return
        self.finished.emit(result)


class BatchExport(QObject):
    """Owns the thread and the worker of one batch export."""

    progress = Signal(int, int, str)
    done = Signal(object, bool)  # the BatchResult, whether it was cancelled
    failed = Signal(str)

    def __init__(self, db: Database, folder: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.worker_thread = QThread()
        self.worker = ExportWorker(db, folder)
        self.worker.moveToThread(self.worker_thread)
        self.worker_thread.started.connect(self.worker.run)
        self.worker.progress.connect(self.progress)
        self.worker.finished.connect(self._finished)
        self.worker.failed.connect(self._failed)
        self.cancelled = False

    def start(self) -> None:
        self.worker_thread.start()

    def cancel(self) -> None:
        self.cancelled = True
        self.worker.cancel()

    def _stop_thread(self) -> None:
        self.worker_thread.quit()
        self.worker_thread.wait()

    def _finished(self, result: reports.BatchResult) -> None:
        self._stop_thread()
        self.done.emit(result, self.cancelled)

    def _failed(self, message: str) -> None:
        self._stop_thread()
        self.failed.emit(message)
