"""The main window: menus, the caseload (or "My profile" in student mode), the catalog.

This module is on the start-up path, so it imports Qt and nothing heavy: the window is
shown with its menus and an "Opening…" placeholder, and the pages, the services and the
database (``window_actions``) are loaded once the event loop runs.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QLabel, QMainWindow, QStackedWidget, QTabWidget, QWidget

from gradmatch import APP_NAME, __version__
from gradmatch.private import private_file, private_folder
from gradmatch.ui.one_line import OneLineLabel
from gradmatch.ui.palette import muted_style
from gradmatch.ui.screens import fit_to_screen, restore_geometry

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent

    from gradmatch.services.database import Database
    from gradmatch.services.errors import DatabaseLock
    from gradmatch.ui.caseload_page import CaseloadPage
    from gradmatch.ui.catalog_page import CatalogPage
    from gradmatch.ui.export_batch import BatchExport
    from gradmatch.ui.matches_page import MatchesPage
    from gradmatch.ui.profile_editor import ProfileEditor
    from gradmatch.ui.walkthrough import Walkthrough


# The counselor's tools, by object name. The student edition builds none of them: no menu
# item (so no shortcut either), no button, no page or tab (tests/gui/test_student_edition.py
# walks both editions against this list; the profile form's counselor-only fields are
# declared in domain/fields.py). Back up now goes with Restore: the student's data is backed
# up daily and on close all the same, and the copy a student keeps is the profile file.
COUNSELOR_ONLY = frozenset(
    {
        "exportRoster", "exportShortlistWithLog", "exportAllShortlists", "importCatalog",
        "backUpNow", "restoreBackup",
        "newStudent", "duplicateStudent", "archiveStudent", "deleteStudent", "caseloadSearch",
        "meetingLog", "editProgram", "matchWeights", "costDefaults", "counselorName",
        "overrideBucket",
    }
)  # fmt: skip


def private_settings() -> QSettings:
    """The window's settings (its size, where it was), in a file readable by the user alone:
    created 0600 in a 0700 folder before Qt writes it with the umask's mode, and an earlier
    file made 0600 (Qt keeps the mode of a file it rewrites). Only where the settings are a
    file of their own: not the Windows registry or macOS's preferences."""
    settings = QSettings()
    ini = settings.format() == QSettings.Format.IniFormat
    if ini or sys.platform not in ("win32", "darwin"):
        path = Path(settings.fileName())
        with contextlib.suppress(OSError):  # no settings kept costs nothing else
            private_folder(path.parent, own=path.parent.name == QCoreApplication.organizationName())
            private_file(path)
    return settings


class MainWindow(QMainWindow):
    ready = Signal()  # the database is open and its first rows are on screen

    catalog_page: CatalogPage  # these three once the pages are built (``open_database``)
    matches_page: MatchesPage
    caseload_page: CaseloadPage | None
    my_profile: ProfileEditor | None

    def __init__(
        self, db_path: Path, *, student_mode: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self.student_mode = student_mode
        self.db: Database | None = None
        self.batch: BatchExport | None = None
        self.lock: DatabaseLock | None = None
        self.matches_stale = True
        self.catalog_stale = True  # the catalog page waits until it is first shown
        self.catalog_select: str | None = None
        self.caseload_page = None
        self.my_profile = None
        self.pages_built = False
        self.walkthrough: Walkthrough | None = None  # the student edition's, while it is up
        self.setWindowTitle(f"{APP_NAME} — My profile" if student_mode else APP_NAME)
        # Small enough for a 1366×768 laptop at 150 % (911×512 logical pixels, less the
        # task bar); the first window takes what the screen offers, up to 1400×860.
        self.setMinimumSize(800, 440)
        fit_to_screen(self, 1400, 860)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.placeholder = QLabel("Opening the database…")
        self.placeholder.setObjectName("openingLabel")
        # Centred by style sheet: PySide6 builds its large ``Qt`` namespace on first use
        # (~14 ms), which is better spent after the window is on screen.
        self.placeholder.setStyleSheet(
            muted_style("font-size: 13pt; qproperty-alignment: AlignCenter;")
        )
        self.stack = QStackedWidget()
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(self.tabs)
        self.setCentralWidget(self.stack)

        self.db_label = OneLineLabel(f"Database: {db_path}")
        self.db_label.setObjectName("databaseLabel")
        self.status_label = OneLineLabel("Opening the database…")
        self.status_label.setObjectName("catalogLabel")
        self.statusBar().addWidget(self.status_label, 1)
        self.statusBar().addPermanentWidget(self.db_label)
        self._build_menus()
        # A saved size and place only if it still fits a screen (one may have gone).
        restore_geometry(self, private_settings().value("main_window/geometry"))

    # ---- menus

    def _action(
        self,
        text: str,
        slot: object = None,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        *,
        name: str = "",
    ) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if slot is not None:
            action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        # The student edition builds none of the counselor's tools (COUNSELOR_ONLY): no menu
        # item, so no shortcut either; their attributes are not set.
        counselor = not self.student_mode
        menu = self.menuBar()
        file_menu = menu.addMenu("&File")
        self.import_students_action = self._action(
            "&Import my profile…" if self.student_mode else "&Import roster or profile…",
            self.import_students,
            "Ctrl+O",
        )
        self.export_profile_action = self._action(
            "&Send my profile to my counselor…" if self.student_mode else "Export &profile…",
            self.export_profile,
            "Ctrl+Shift+E",
        )
        self.export_pdf_action = self._action(
            "Export my &shortlist…" if self.student_mode else "Export &shortlist PDF…",
            self.export_shortlist,
            "Ctrl+P",
        )
        self.quit_action = self._action("&Quit", self.close, "Ctrl+Q")
        file_menu.addAction(self.import_students_action)
        file_menu.addAction(self.export_profile_action)
        if counselor:
            self.export_roster_action = self._action(
                "Export &roster…", self.export_roster, name="exportRoster"
            )
            file_menu.addAction(self.export_roster_action)
        file_menu.addSeparator()
        file_menu.addAction(self.export_pdf_action)
        if counselor:
            # The counselor's copy: the PDF with the meeting log (counselor-only), asked for
            # at each export, never a setting that could stay on.
            self.export_pdf_log_action = self._action(
                "Export shortlist PDF with &meeting log…",
                self.export_shortlist_with_log,
                name="exportShortlistWithLog",
            )
            self.export_all_action = self._action(
                "Export &all shortlists…",
                self.export_all_shortlists,
                "Ctrl+Shift+P",
                name="exportAllShortlists",
            )
            self.import_action = self._action(
                "Import &catalog…", self.import_catalog, "Ctrl+I", name="importCatalog"
            )
            self.backup_action = self._action("&Back up now", self.backup_now, name="backUpNow")
            self.restore_action = self._action(
                "&Restore from backup…", self.restore_backup, name="restoreBackup"
            )
            file_menu.addAction(self.export_pdf_log_action)
            file_menu.addAction(self.export_all_action)
            file_menu.addSeparator()
            file_menu.addAction(self.import_action)
            file_menu.addSeparator()
            file_menu.addAction(self.backup_action)
            file_menu.addAction(self.restore_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        self._build_edit_menu()

        # The page actions are connected to their pages once those exist (build_pages).
        self.find_action = self._action("&Find", self.focus_search, QKeySequence.StandardKey.Find)
        if counselor:
            student_menu = menu.addMenu("&Student")
            self.new_action = self._action("&New student", None, "Ctrl+N", name="newStudent")
            self.duplicate_action = self._action(
                "D&uplicate student", None, "Ctrl+Shift+N", name="duplicateStudent"
            )
            self.archive_action = self._action(
                "&Archive / restore", None, "Ctrl+Shift+A", name="archiveStudent"
            )
            self.delete_action = self._action(
                "&Delete student…", None, "Delete", name="deleteStudent"
            )
            for action in (self.new_action, self.duplicate_action, self.archive_action):
                student_menu.addAction(action)
            student_menu.addSeparator()
            student_menu.addAction(self.delete_action)
            student_menu.addSeparator()
            student_menu.addAction(self.find_action)

        catalog_menu = menu.addMenu("&Catalog")
        self.quality_action = self._action(
            "&Data-quality report…", self.show_quality_report, "Ctrl+D"
        )
        self.clear_action = self._action("&Clear filters", None, "Ctrl+Shift+L")
        catalog_menu.addAction(self.clear_action)
        if counselor:
            self.edit_action = self._action("&Edit program…", None, "Ctrl+E", name="editProgram")
            catalog_menu.addAction(self.edit_action)
        else:
            catalog_menu.addAction(self.find_action)
        catalog_menu.addSeparator()
        catalog_menu.addAction(self.quality_action)
        if counselor:
            self.settings_action = self._action(
                "Match &weights…", self.edit_settings, "Ctrl+,", name="matchWeights"
            )
            self.counselor_action = self._action(
                "&Counselor name…", self.edit_counselor_name, name="counselorName"
            )
            self.cost_defaults_action = self._action(
                "&Cost defaults…", self.edit_cost_defaults, name="costDefaults"
            )
            settings_menu = menu.addMenu("Se&ttings")
            settings_menu.addAction(self.settings_action)
            settings_menu.addAction(self.cost_defaults_action)
            settings_menu.addAction(self.counselor_action)
        view_menu = menu.addMenu("&View")
        # A key for each page, in the order of the tabs (Ctrl+1, Ctrl+2, Ctrl+3).
        pages = (
            ("My &profile", "My &matches", "Program &catalog")
            if self.student_mode
            else ("Case&load", "&Matches", "Program &catalog")
        )
        self.page_actions = []
        for number, page in enumerate(pages):
            action = self._action(page, lambda _=False, n=number: self.tabs.setCurrentIndex(n),
                                  f"Ctrl+{number + 1}")  # fmt: skip
            self.page_actions.append(action)
            view_menu.addAction(action)
        view_menu.addSeparator()
        self.reload_action = self._action("&Reload", self.reload, QKeySequence.StandardKey.Refresh)
        view_menu.addAction(self.reload_action)
        self.help_menu = help_menu = menu.addMenu("&Help")
        self.guide_action = self._action(
            "&User guide", self.show_guide, QKeySequence.StandardKey.HelpContents
        )
        help_menu.addAction(self.guide_action)
        if self.student_mode:
            self.walkthrough_action = self._action(
                "Show the &walk-through", self.show_walkthrough, name="showWalkthrough"
            )
            help_menu.addAction(self.walkthrough_action)
        help_menu.addSeparator()
        help_menu.addAction(self._action(f"&About {APP_NAME}", self.show_about))
        self.set_data_actions(False)

    def _build_edit_menu(self) -> None:
        """Edit ▸ Undo and Redo, named after what they take back ("Undo Delete Zoë"). They
        step through ``ui.undo`` (which writes first, and moves the stack only once the
        write went through). A text field with the focus keeps Ctrl+Z for its own typing."""
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(100)  # the oldest change goes first
        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
        standard = QKeySequence.keyBindings
        redo_keys = [*standard(QKeySequence.StandardKey.Redo), QKeySequence("Ctrl+Shift+Z"),
                     QKeySequence("Ctrl+Y")]  # fmt: skip
        self.undo_action.setShortcuts(standard(QKeySequence.StandardKey.Undo))
        self.redo_action.setShortcuts(list(dict.fromkeys(redo_keys)))
        for action, slot in ((self.undo_action, self.undo), (self.redo_action, self.redo)):
            action.triggered.disconnect()  # not QUndoStack.undo/redo: see ui.undo.step
            action.triggered.connect(slot)
        edit_menu = self.menuBar().addMenu("&Edit")
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)

    def undo(self) -> None:
        from gradmatch.ui import undo

        undo.step(self, back=True)

    def redo(self) -> None:
        from gradmatch.ui import undo

        undo.step(self, back=False)

    def set_data_actions(self, enabled: bool) -> None:
        for name in (
            "import_action",
            "quality_action",
            "reload_action",
            "import_students_action",
            "export_profile_action",
            "export_roster_action",
            "export_pdf_action",
            "export_pdf_log_action",
            "export_all_action",
            "settings_action",
            "counselor_action",
            "cost_defaults_action",
            "backup_action",
            "restore_action",
            "edit_action",
            "clear_action",
            "find_action",
            "new_action",
            "duplicate_action",
            "archive_action",
            "delete_action",
        ):
            action = getattr(self, name, None)  # the counselor's are not in the student edition
            if action is not None:
                action.setEnabled(enabled)

    def show_pages(self) -> None:
        self.pages_built = True
        self.stack.setCurrentWidget(self.tabs)

    # ---- the database

    def start(self) -> None:
        """Show first, then load the pages and open the database once the event loop runs."""
        QTimer.singleShot(0, self.open_database)

    def open_database(self) -> None:
        """Open the database; when it cannot be used, offer to restore the latest backup,
        open another file or start anew (the bad file is always kept aside)."""
        from gradmatch.ui import window_actions

        if not self.pages_built:
            window_actions.build_pages(self)
        window_actions.open_database(self)

    def reload(self, select: str | None = None) -> None:
        from gradmatch.ui import window_actions

        window_actions.reload(self, select)

    def current_editor(self) -> ProfileEditor | None:
        return self.caseload_page.editor if self.caseload_page is not None else self.my_profile

    # ---- actions: the menus' work lives in window_actions, loaded after start-up

    def focus_search(self) -> None:
        if not self.pages_built:
            return
        if self.caseload_page is not None and self.tabs.currentWidget() is self.caseload_page:
            self.caseload_page.focus_search()
        else:
            self.tabs.setCurrentWidget(self.catalog_page)
            self.catalog_page.focus_search()

    def import_students(self) -> None:
        from gradmatch.ui import window_actions

        window_actions.import_students(self)

    def export_profile(self) -> None:
        from gradmatch.ui import window_actions

        window_actions.export_profile(self)

    def export_roster(self) -> None:
        from gradmatch.ui import window_actions

        window_actions.export_roster(self)

    def edit_program(self, program_id: str) -> None:
        from gradmatch.ui import window_actions

        window_actions.edit_program(self, program_id)

    def import_catalog(self) -> None:
        from gradmatch.ui import window_actions

        window_actions.import_catalog(self)

    def export_shortlist(self) -> None:
        from gradmatch.ui import window_actions

        window_actions.export_shortlist(self)

    def export_shortlist_with_log(self) -> None:
        from gradmatch.ui import window_actions

        window_actions.export_shortlist(self, with_log=True)

    def export_all_shortlists(self) -> None:
        from gradmatch.ui import window_actions

        window_actions.export_all_shortlists(self)

    def backup_now(self) -> None:
        from gradmatch.ui import window_actions

        window_actions.backup_now(self)

    def restore_backup(self) -> None:
        from gradmatch.ui import window_actions

        window_actions.restore_backup(self)

    def edit_cost_defaults(self) -> None:
        from gradmatch.ui import window_actions

        window_actions.edit_cost_defaults(self)

    def edit_counselor_name(self) -> None:
        from gradmatch.ui import window_actions

        window_actions.edit_counselor_name(self)

    def edit_settings(self) -> None:
        from gradmatch.ui import window_actions

        window_actions.edit_settings(self)

    def show_quality_report(self) -> None:
        from gradmatch.ui import window_actions

        window_actions.show_quality_report(self)

    def show_guide(self) -> None:
        """The user guide, at the section of what has the focus (F1)."""
        from gradmatch.ui import help as guide

        guide.show_guide(self, guide.topic_at(self))

    def show_walkthrough(self) -> None:
        from gradmatch.ui import walkthrough

        if self.pages_built:
            walkthrough.start(self)

    def show_about(self) -> None:
        from gradmatch.ui import dialogs

        dialogs.show_information(
            self,
            f"About {APP_NAME}",
            f"{APP_NAME} {__version__}\n\nOffline admissions counseling for Master's programs "
            "in machine learning, AI and data science. It never connects to the network: "
            "your data stays on this computer, readable by you alone, in\n\n"
            f"{self.db_path.resolve()}\n\nwith its backups in the backups folder beside it.",
        )

    # ---- window state

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        editor = self.current_editor()
        if editor is not None and editor.is_dirty() and self.db is not None:
            from gradmatch.ui import dialogs

            name = editor.form.full_name.text().strip() or "the new student"
            answer = dialogs.ask_unsaved_changes(self, name)
            if answer == "cancel" or (answer == "save" and not editor.save()):
                event.ignore()
                return
            if answer == "discard":
                editor.revert()  # and its draft: the user chose to lose the typing
        self.close_down()
        event.accept()

    def close_down(self) -> None:
        """Everything a close does once the user has answered: window state kept, unsaved
        typing left in its draft, the database closed (with its backup), the lock freed.
        Also what the system asking GradMatch to stop (SIGTERM: log-out, shutdown) does,
        without a question."""
        settings = private_settings()
        settings.setValue("main_window/geometry", self.saveGeometry())
        if self.pages_built:
            settings.setValue(
                "main_window/catalog_splitter", self.catalog_page.splitter.saveState()
            )
        settings.sync()
        if self.db is not None:
            from gradmatch.ui import window_actions

            window_actions.close_database(self)
        if self.lock is not None:
            self.lock.release()
            self.lock = None
