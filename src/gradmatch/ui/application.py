"""Starting the window: one QApplication, the main window shown before any data loads."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QWidget

from gradmatch import APP_NAME, __version__, locations
from gradmatch.ui.hard_crash import EndedAbnormally, SessionTrace

if TYPE_CHECKING:
    from gradmatch.ui.main_window import MainWindow

ORGANIZATION = "GradMatch"


_fonts_added: set[str] = set()


def add_bundled_fonts() -> None:
    """Make the bundled fonts (resources/fonts) known to Qt, once: on a machine without
    fonts for Korean, Arabic, Hebrew or Devanagari, Qt's per-character fallback then finds
    them, and a student's name shows in any script (about 12 ms; the files are read only
    when a glyph is needed)."""
    for path in locations.font_files():
        if str(path) not in _fonts_added and QFontDatabase.addApplicationFont(str(path)) >= 0:
            _fonts_added.add(str(path))


def configure_application(app: QApplication) -> None:
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    add_bundled_fonts()
    app.setStyle("Fusion")
    font = QFont(app.font())
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
    app.setFont(font)


def set_window_icon(app: QApplication) -> None:
    icon = locations.resources_dir() / "icons" / "gradmatch.png"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))


def start_session_trace() -> tuple[SessionTrace | None, list[EndedAbnormally]]:
    """Arm the native crash trace for this window; the earlier sessions that did not end
    normally. A log folder that cannot be written costs the trace, never the window."""
    from gradmatch.ui.crash import log_dir

    trace = SessionTrace(log_dir())
    try:
        return trace, trace.start()
    except OSError:
        return None, []


def tell_about_abnormal_end(
    window: QWidget, ended: list[EndedAbnormally], *, typing_kept: bool = False
) -> None:
    if not ended:
        return
    from gradmatch.ui import dialogs

    crashed = any(session.report is not None for session in ended)
    dialogs.show_information(
        window,
        "GradMatch stopped unexpectedly" if crashed else "The last session did not end normally",
        "\n\n".join(session.message(typing_kept=typing_kept) for session in ended),
    )


def stop_on_signals(app: QApplication, window: MainWindow) -> QTimer:
    """A polite stop (SIGTERM at log-out or shutdown, SIGHUP, Ctrl+C in a terminal) closes
    the window as a close would, without a question: unsaved typing stays in its draft, the
    database is closed and the session counts as ended normally."""

    def stop(_signum: int, _frame: object) -> None:
        window.close_down()
        app.quit()

    for name in ("SIGTERM", "SIGHUP", "SIGINT"):
        number = getattr(signal, name, None)
        if number is not None:
            signal.signal(number, stop)
    # Python runs a signal handler only between bytecodes: a tick lets it while Qt waits.
    tick = QTimer(app)
    tick.timeout.connect(lambda: None)
    tick.start(200)
    return tick


def run_gui(db_path: Path, *, student_mode: bool = False) -> int:
    from gradmatch.ui.main_window import MainWindow

    trace, ended = start_session_trace()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    configure_application(app)
    window = MainWindow(db_path, student_mode=student_mode)
    window.show()
    if os.environ.get(PROBE_ENV):
        _install_probe(app, window)
    elif ended:  # once the database is open (and any kept typing is offered)

        def tell() -> None:
            editor = window.current_editor()
            kept = editor is not None and editor.offered is not None
            tell_about_abnormal_end(window, ended, typing_kept=kept)

        window.ready.connect(lambda: QTimer.singleShot(0, tell))
    stop_on_signals(app, window)

    def after_show() -> None:
        """The first turn of the event loop, before any of the app's own work (the
        database opens on the next): the crash handler and the icon."""
        from gradmatch.ui import crash

        crash.setup_logging()
        crash.install()
        set_window_icon(app)

    QTimer.singleShot(0, after_show)
    window.start()
    code = app.exec()
    if trace is not None:
        trace.end()
    return code


PROBE_ENV = "GRADMATCH_STARTUP_PROBE"
_HEAVY = ("sqlalchemy", "pydantic", "alembic", "reportlab")


def _install_probe(app: QApplication, window: object) -> None:
    """For bench/ and the start-up tests: report on stdout when the window is on screen and
    when the first rows are, with what start-up had loaded by then; then quit. With the
    variable set to ``full``, also after showing every tab once (``loaded``)."""

    def report(stage: str) -> None:
        modules = sorted(
            name for name in sys.modules if name.split(".")[0] in ("reportlab", "alembic")
        )
        rss_kib = 0
        with contextlib.suppress(OSError, ValueError):
            for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
                if line.startswith("VmRSS:"):
                    rss_kib = int(line.split()[1])
        heavy = sorted(name for name in _HEAVY if name in sys.modules)
        payload: dict[str, object] = {"modules": modules, "heavy": heavy, "rss_kib": rss_kib}
        page = getattr(window, "caseload_page", None)
        if page is not None:  # how many students' rows start-up read, of how many
            payload["rows_fetched"] = page.model.rows_fetched
            payload["students"] = page.model.counts.total
        print(f"probe {stage} " + json.dumps(payload), flush=True)

    QTimer.singleShot(0, lambda: report("shown"))

    def ready() -> None:
        def done() -> None:
            report("ready")
            if os.environ.get(PROBE_ENV) == "full":
                # Then every page once, as a user touring the window would: the memory of
                # the whole catalog and a ranking, not only of the first screen.
                tabs = getattr(window, "tabs", None)
                if tabs is not None:
                    for index in range(tabs.count()):
                        tabs.setCurrentIndex(index)
                        app.processEvents()
                report("loaded")
            app.quit()

        QTimer.singleShot(0, done)

    window.ready.connect(ready)  # type: ignore[attr-defined]
