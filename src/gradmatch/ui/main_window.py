"""The main window: menus, the catalog page, the status bar. Slots stay short."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QTabWidget, QWidget

from gradmatch import APP_NAME, __version__
from gradmatch.domain.catalog import format_year_month
from gradmatch.services import catalog as catalog_service
from gradmatch.services.database import Database, open_database
from gradmatch.services.errors import CatalogError, DatabaseError, NotFoundError
from gradmatch.ui import dialogs, program_editor, quality_dialog
from gradmatch.ui.catalog_page import CatalogPage


class MainWindow(QMainWindow):
    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self.db: Database | None = None
        self.setWindowTitle(APP_NAME)
        self.setMinimumSize(960, 600)
        self.resize(1400, 820)

        self.catalog_page = CatalogPage()
        self.catalog_page.edit_requested.connect(self.edit_program)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.catalog_page, "Program catalog")
        self.setCentralWidget(self.tabs)

        self.db_label = QLabel()
        self.db_label.setObjectName("databaseLabel")
        self.catalog_label = QLabel()
        self.catalog_label.setObjectName("catalogLabel")
        self.statusBar().addWidget(self.catalog_label, 1)
        self.statusBar().addPermanentWidget(self.db_label)
        self._build_menus()
        self._restore_geometry()

    # ---- menus

    def _action(
        self,
        text: str,
        slot: object,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        self.import_action = self._action("&Import catalog…", self.import_catalog, "Ctrl+I")
        self.quit_action = self._action("&Quit", self.close, QKeySequence.StandardKey.Quit)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.find_action = self._action(
            "&Find program", self.catalog_page.focus_search, QKeySequence.StandardKey.Find
        )
        self.edit_action = self._action("&Edit program…", self.catalog_page.request_edit, "Ctrl+E")
        self.quality_action = self._action(
            "&Data-quality report…", self.show_quality_report, "Ctrl+D"
        )
        self.clear_action = self._action(
            "&Clear filters", self.catalog_page.clear_filters, "Ctrl+Shift+L"
        )
        self.reload_action = self._action("&Reload", self.reload, QKeySequence.StandardKey.Refresh)
        self.about_action = self._action(f"&About {APP_NAME}", self.show_about)

        menu = self.menuBar()
        file_menu = menu.addMenu("&File")
        file_menu.addAction(self.import_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        catalog_menu = menu.addMenu("&Catalog")
        for action in (self.find_action, self.clear_action, self.edit_action):
            catalog_menu.addAction(action)
        catalog_menu.addSeparator()
        catalog_menu.addAction(self.quality_action)
        view_menu = menu.addMenu("&View")
        view_menu.addAction(self.reload_action)
        help_menu = menu.addMenu("&Help")
        help_menu.addAction(self.about_action)
        self._set_data_actions(False)

    def _set_data_actions(self, enabled: bool) -> None:
        for action in (self.import_action, self.quality_action, self.reload_action):
            action.setEnabled(enabled)

    # ---- the database

    def start(self) -> None:
        """Show first, then open the database once the event loop runs."""
        QTimer.singleShot(0, self.open_database)

    def open_database(self) -> None:
        self.db_label.setText(f"Database: {self.db_path}")
        self.catalog_label.setText("Opening the database…")
        try:
            self.db = open_database(self.db_path)
        except DatabaseError as error:
            self.catalog_label.setText("No database open")
            self.catalog_page.detail.show_empty(str(error))
            dialogs.show_error(self, "Cannot open the database", str(error))
            return
        self._set_data_actions(True)
        self.reload()

    def reload(self, select: str | None = None) -> None:
        if self.db is None:
            return
        view = catalog_service.load_view(self.db)
        self.catalog_page.set_view(view, select=select)
        if view.source is not None:
            verified = sum(1 for p in view.programs if p.verified)
            self.catalog_label.setText(
                f"{len(view.programs)} program offerings from “{view.source.title}” · "
                f"tuition as of {format_year_month(view.source.as_of)} · "
                f"{verified} of {len(view.programs)} verified · "
                f"{len(view.report.findings)} data-quality findings"
            )

    # ---- actions

    def edit_program(self, program_id: str) -> None:
        if self.db is None:
            return
        program = next((p for p in self.catalog_page.model.programs() if p.id == program_id), None)
        if program is None:
            return
        changes = program_editor.edit_program_dialog(program, self)
        if not changes:
            return
        try:
            catalog_service.edit_program(self.db, program_id, changes)
        except (NotFoundError, ValueError) as error:
            dialogs.show_error(self, "The program was not changed", str(error))
            return
        self.reload(select=program_id)
        self.statusBar().showMessage(f"Saved changes to {program.school}", 5000)

    def import_catalog(self) -> None:
        if self.db is None:
            return
        path = dialogs.choose_open_file(
            self, "Import a catalog", "GradMatch catalog (*.json);;All files (*)"
        )
        if path is None:
            return
        try:
            result = catalog_service.import_catalog(self.db, path)
        except CatalogError as error:
            details = "\n".join(f"• {problem}" for problem in error.problems[:12])
            more = len(error.problems) - 12
            if more > 0:
                details += f"\n… and {more} more"
            dialogs.show_error(
                self,
                "Catalog not imported",
                f"Nothing was changed: {path.name} cannot be used as a catalog.\n\n{details}",
            )
            return
        self.reload()
        dialogs.show_information(
            self,
            "Catalog imported",
            f"Imported {result.programs} program offerings from {path.name}. "
            f"{result.findings} data-quality findings (Catalog ▸ Data-quality report)."
            + (
                f"\n\nCounselor edits: {result.edits_kept} kept, {result.edits_dropped} dropped "
                "because their programs are no longer in the catalog."
                if result.edits_kept or result.edits_dropped
                else ""
            ),
        )

    def show_quality_report(self) -> None:
        if self.db is None:
            return
        view = catalog_service.load_view(self.db)
        names = {p.id: f"{p.school} ({p.mode.value})" for p in view.programs}
        quality_dialog.show_quality_dialog(view.report, names, self)

    def show_about(self) -> None:
        dialogs.show_information(
            self,
            f"About {APP_NAME}",
            f"{APP_NAME} {__version__}\n\nOffline admissions counseling for Master's programs "
            "in machine learning, AI and data science. Works without a network connection; "
            f"your data stays in {self.db_path.parent}.",
        )

    # ---- window state

    def _restore_geometry(self) -> None:
        settings = QSettings()
        geometry = settings.value("main_window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        splitter = settings.value("main_window/catalog_splitter")
        if isinstance(splitter, QByteArray):
            self.catalog_page.splitter.restoreState(splitter)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        settings = QSettings()
        settings.setValue("main_window/geometry", self.saveGeometry())
        settings.setValue("main_window/catalog_splitter", self.catalog_page.splitter.saveState())
        settings.sync()
        if self.db is not None:
            self.db.close()
            self.db = None
        event.accept()
