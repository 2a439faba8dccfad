"""The main window: menus, the caseload (or "My profile" in student mode), the catalog."""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QTabWidget, QWidget

from gradmatch import APP_NAME, __version__
from gradmatch.domain.caseload import StudentRecord
from gradmatch.domain.catalog import format_year_month
from gradmatch.domain.exchange import SUFFIX
from gradmatch.domain.profile import StudentProfile
from gradmatch.services import backups as backups_service
from gradmatch.services import catalog as catalog_service
from gradmatch.services import matching as matching_service
from gradmatch.services import recovery
from gradmatch.services import reports as reports_service
from gradmatch.services import students as student_service
from gradmatch.services.database import Database, open_database
from gradmatch.services.errors import (
    CatalogError,
    DatabaseError,
    DatabaseInUseError,
    DatabaseLock,
    NotFoundError,
)
from gradmatch.ui import (
    dialogs,
    program_editor,
    quality_dialog,
    restore_dialog,
    roster_dialog,
    settings_dialog,
)
from gradmatch.ui.caseload_page import CaseloadPage
from gradmatch.ui.catalog_page import CatalogPage
from gradmatch.ui.export_batch import BatchExport
from gradmatch.ui.matches_page import MatchesPage
from gradmatch.ui.profile_editor import ProfileEditor

_FILE_ERRORS = (
    student_service.RosterError,
    student_service.ExchangeError,
    student_service.DuplicateStudentError,
    NotFoundError,
    OSError,
    DatabaseError,
)


def _safe_file_name(name: str) -> str:
    cleaned = "".join(ch if ch.isalnum() or ch in " -_." else "_" for ch in name).strip()
    return cleaned or "profile"


class MainWindow(QMainWindow):
    ready = Signal()  # the database is open and its first rows are on screen

    def __init__(
        self, db_path: Path, *, student_mode: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self.student_mode = student_mode
        self.db: Database | None = None
        self.setWindowTitle(f"{APP_NAME} — My profile" if student_mode else APP_NAME)
        self.setMinimumSize(960, 600)
        self.resize(1400, 860)

        self.catalog_page = CatalogPage()
        self.catalog_page.edit_requested.connect(self.edit_program)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.caseload_page: CaseloadPage | None = None
        self.my_profile: ProfileEditor | None = None
        self.matches_page = MatchesPage()
        if student_mode:
            self.my_profile = ProfileEditor(self._save_my_profile)
            self.my_profile.saved.connect(lambda _record: self._sync_matches())
            self.tabs.addTab(self.my_profile, "My profile")
            self.tabs.addTab(self.matches_page, "My matches")
        else:
            self.caseload_page = CaseloadPage()
            self.caseload_page.students_changed.connect(self._update_status)
            self.caseload_page.students_changed.connect(self._sync_matches)
            self.caseload_page.current_changed.connect(self._sync_matches)
            self.tabs.addTab(self.caseload_page, "Caseload")
            self.tabs.addTab(self.matches_page, "Matches")
        self.tabs.addTab(self.catalog_page, "Program catalog")
        self.tabs.currentChanged.connect(lambda _index: self._sync_matches())
        self._matches_stale = True
        self.batch: BatchExport | None = None
        self.lock: DatabaseLock | None = None
        self.setCentralWidget(self.tabs)

        self.db_label = QLabel()
        self.db_label.setObjectName("databaseLabel")
        self.status_label = QLabel()
        self.status_label.setObjectName("catalogLabel")
        self.statusBar().addWidget(self.status_label, 1)
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
        self.export_roster_action = self._action("Export &roster…", self.export_roster)
        self.export_pdf_action = self._action(
            "Export my &shortlist…" if self.student_mode else "Export &shortlist PDF…",
            self.export_shortlist,
            "Ctrl+P",
        )
        self.export_all_action = self._action(
            "Export &all shortlists…", self.export_all_shortlists, "Ctrl+Shift+P"
        )
        self.import_action = self._action("Import &catalog…", self.import_catalog, "Ctrl+I")
        self.backup_action = self._action("&Back up now", self.backup_now)
        self.restore_action = self._action("&Restore from backup…", self.restore_backup)
        self.quit_action = self._action("&Quit", self.close, "Ctrl+Q")
        file_menu.addAction(self.import_students_action)
        file_menu.addAction(self.export_profile_action)
        if not self.student_mode:
            file_menu.addAction(self.export_roster_action)
        file_menu.addSeparator()
        file_menu.addAction(self.export_pdf_action)
        if not self.student_mode:
            file_menu.addAction(self.export_all_action)
        file_menu.addSeparator()
        file_menu.addAction(self.import_action)
        file_menu.addSeparator()
        file_menu.addAction(self.backup_action)
        file_menu.addAction(self.restore_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        self.find_action = self._action("&Find", self.focus_search, QKeySequence.StandardKey.Find)
        if self.caseload_page is not None:
            page = self.caseload_page
            student_menu = menu.addMenu("&Student")
            self.new_action = self._action("&New student", page.new_student, "Ctrl+N")
            self.duplicate_action = self._action(
                "D&uplicate student", page.duplicate_selected, "Ctrl+Shift+N"
            )
            self.archive_action = self._action(
                "&Archive / restore", page.toggle_archive_selected, "Ctrl+Shift+A"
            )
            self.delete_action = self._action("&Delete student…", page.delete_selected, "Delete")
            # Delete acts on the table only, so it never steals the key from a text field.
            self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            page.table.addAction(self.delete_action)
            for action in (self.new_action, self.duplicate_action, self.archive_action):
                student_menu.addAction(action)
            student_menu.addSeparator()
            student_menu.addAction(self.delete_action)
            student_menu.addSeparator()
            student_menu.addAction(self.find_action)

        catalog_menu = menu.addMenu("&Catalog")
        self.edit_action = self._action("&Edit program…", self.catalog_page.request_edit, "Ctrl+E")
        self.quality_action = self._action(
            "&Data-quality report…", self.show_quality_report, "Ctrl+D"
        )
        self.clear_action = self._action(
            "&Clear filters", self.catalog_page.clear_filters, "Ctrl+Shift+L"
        )
        for action in (self.clear_action, self.edit_action):
            catalog_menu.addAction(action)
        if self.student_mode:
            catalog_menu.addAction(self.find_action)
        catalog_menu.addSeparator()
        catalog_menu.addAction(self.quality_action)
        self.settings_action = self._action("Match &weights…", self.edit_settings, "Ctrl+,")
        self.counselor_action = self._action("&Counselor name…", self.edit_counselor_name)
        self.cost_defaults_action = self._action("&Cost defaults…", self.edit_cost_defaults)
        settings_menu = menu.addMenu("S&ettings")
        settings_menu.addAction(self.settings_action)
        settings_menu.addAction(self.cost_defaults_action)
        settings_menu.addAction(self.counselor_action)
        view_menu = menu.addMenu("&View")
        self.reload_action = self._action("&Reload", self.reload, QKeySequence.StandardKey.Refresh)
        view_menu.addAction(self.reload_action)
        help_menu = menu.addMenu("&Help")
        help_menu.addAction(self._action(f"&About {APP_NAME}", self.show_about))
        self._set_data_actions(False)

    def _set_data_actions(self, enabled: bool) -> None:
        for action in (
            self.import_action,
            self.quality_action,
            self.reload_action,
            self.import_students_action,
            self.export_profile_action,
            self.export_roster_action,
            self.export_pdf_action,
            self.export_all_action,
            self.settings_action,
            self.counselor_action,
            self.cost_defaults_action,
            self.backup_action,
            self.restore_action,
        ):
            action.setEnabled(enabled)
        for name in ("new_action", "duplicate_action", "archive_action", "delete_action"):
            student_action = getattr(self, name, None)
            if student_action is not None:
                student_action.setEnabled(enabled)

    # ---- the database

    def start(self) -> None:
        """Show first, then open the database once the event loop runs."""
        QTimer.singleShot(0, self.open_database)

    def open_database(self) -> None:
        """Open the database; when it cannot be used, offer to restore the latest backup,
        open another file or start anew (the bad file is always kept aside)."""
        while True:
            self.db_label.setText(f"Database: {self.db_path}")
            self.status_label.setText("Opening the database…")
            self.lock = DatabaseLock(self.db_path.expanduser().resolve())
            try:
                self.lock.acquire()
                db = open_database(self.db_path)
            except DatabaseInUseError as error:
                self._refuse(str(error))
                return
            except DatabaseError as error:
                self.lock.release()
                if not self._recover(error):
                    self._refuse(str(error), ask=False)
                    return
                continue
            break
        self._set_data_actions(True)
        self._use_database(db)
        self.ready.emit()
        try:
            backups_service.daily_backup(db)
        except OSError as error:
            self.statusBar().showMessage(f"The daily backup failed: {error}", 10000)

    def _refuse(self, message: str, *, ask: bool = True) -> None:
        self.status_label.setText("No database open")
        self.catalog_page.detail.show_empty(message)
        if ask:
            dialogs.show_error(self, "Cannot open the database", message)

    def _recover(self, error: DatabaseError) -> bool:
        """Ask what to do about an unusable database; True to try opening again."""
        path = self.db_path.expanduser().resolve()
        backup = recovery.latest_good_backup(path)
        label = f"{backup.taken_at:%Y-%m-%d %H:%M}" if backup is not None else None
        answer = dialogs.ask_database_problem(self, str(error), label)
        try:
            if answer == "restore":
                restored, aside = recovery.restore_latest_backup(path)
                self.statusBar().showMessage(
                    f"Restored the backup of {restored.taken_at:%Y-%m-%d %H:%M}; the unusable "
                    f"file is kept as {aside.name if aside else '—'}",
                    15000,
                )
                return True
            if answer == "new":
                recovery.set_aside(path)
                return True
            if answer == "open":
                chosen = dialogs.choose_open_file(
                    self,
                    "Open a GradMatch database",
                    "GradMatch database (*.sqlite3);;All files (*)",
                )
                if chosen is None:
                    return False
                self.db_path = chosen
                return True
        except OSError as problem:
            dialogs.show_error(self, "Nothing was changed", str(problem))
        return False

    def _use_database(self, db: Database) -> None:
        self.db = db
        self.matches_page.set_database(db)
        self.reload()

    def reload(self, select: str | None = None) -> None:
        if self.db is None:
            return
        self.catalog_page.set_view(catalog_service.load_view(self.db), select=select)
        if self.caseload_page is not None:
            self.caseload_page.set_database(self.db)
        if self.my_profile is not None and not self.my_profile.is_dirty():
            self.my_profile.show_record(self._my_record())
        self._update_status()
        self._sync_matches()

    def _current_student(self) -> tuple[int | None, str]:
        if self.caseload_page is not None:
            editor = self.caseload_page.editor
            student_id = self.caseload_page.current_id
        else:
            assert self.my_profile is not None
            editor = self.my_profile
            student_id = editor.record.id if editor.record else None
        name = editor.record.profile.full_name if editor.record else ""
        return student_id, name

    def _sync_matches(self) -> None:
        """Recompute the matches when they are on screen; otherwise when they next are."""
        self._matches_stale = True
        if self.tabs.currentWidget() is not self.matches_page:
            return
        student_id, name = self._current_student()
        self.matches_page.show_student(student_id, name)
        self._matches_stale = False

    def _update_status(self) -> None:
        if self.db is None:
            return
        view = self.catalog_page.view
        parts = []
        if self.caseload_page is not None:
            students = self.caseload_page.model.counts.total
            parts.append(f"{students} student{'s' * (students != 1)}")
        if view is not None and view.source is not None:
            verified = sum(1 for p in view.programs if p.verified)
            parts.append(
                f"{len(view.programs)} program offerings, tuition as of "
                f"{format_year_month(view.source.as_of)}, {verified} verified, "
                f"{len(view.report.findings)} data-quality findings"
            )
        self.status_label.setText(" · ".join(parts))

    # ---- student mode

    def _my_record(self) -> StudentRecord | None:
        if self.db is None:
            return None
        summaries = [s for s in student_service.list_students(self.db) if not s.archived]
        if not summaries:
            return None
        return student_service.get_student(self.db, summaries[0].id)

    def _save_my_profile(
        self, profile: StudentProfile, student_id: int | None
    ) -> StudentRecord | None:
        if self.db is None:
            return None
        try:
            return student_service.save_student(self.db, profile, student_id)
        except (student_service.DuplicateStudentError, NotFoundError, DatabaseError) as error:
            dialogs.show_error(self, "Your profile was not saved", str(error))
            return None

    # ---- actions

    def focus_search(self) -> None:
        if self.caseload_page is not None and self.tabs.currentWidget() is self.caseload_page:
            self.caseload_page.focus_search()
        else:
            self.tabs.setCurrentWidget(self.catalog_page)
            self.catalog_page.focus_search()

    def _editor(self) -> ProfileEditor | None:
        return self.caseload_page.editor if self.caseload_page is not None else self.my_profile

    def import_students(self) -> None:
        if self.db is None:
            return
        path = dialogs.choose_open_file(
            self,
            "Import a roster or a profile file",
            f"Rosters and profiles (*.csv *.json);;Roster (*.csv);;Profile (*{SUFFIX} *.json)",
        )
        if path is None:
            return
        editor = self._editor()
        if self.caseload_page is not None and not self.caseload_page.confirm_leave():
            return
        try:
            if path.suffix.casefold() == ".json":
                result = student_service.import_profile_file(self.db, path)
            else:
                roster = student_service.preview_roster(path)
                if not roster_dialog.ask_roster_import(roster, path.name, self):
                    return
                result = student_service.import_roster(self.db, roster, skip_invalid=True)
        except _FILE_ERRORS as error:
            dialogs.show_error(self, "Nothing was imported", str(error))
            return
        if self.caseload_page is not None:
            self.caseload_page.reload(select=result.ids[0] if result.ids else None)
        elif editor is not None:
            editor.show_record(self._my_record())
        self._update_status()
        message = f"{len(result.created)} new, {len(result.updated)} updated"
        if result.skipped_rows:
            message += f"; rows left out: {', '.join(map(str, result.skipped_rows))}"
        if result.ignored:
            message += f"\n\nNot imported (unknown to this GradMatch): {', '.join(result.ignored)}"
        dialogs.show_information(self, f"Imported {path.name}", message)

    def export_profile(self) -> None:
        if self.db is None:
            return
        editor = self._editor()
        if editor is None or editor.record is None:
            dialogs.show_information(
                self, "Nothing to export", "Save the profile first, then export it."
            )
            return
        if editor.is_dirty() and not editor.save():
            return
        record = editor.record
        assert record is not None
        path = dialogs.choose_save_file(
            self,
            "Export profile",
            _safe_file_name(record.profile.full_name) + SUFFIX,
            f"GradMatch profile (*{SUFFIX})",
        )
        if path is None:
            return
        if not path.name.endswith(SUFFIX):
            path = path.with_name(path.name.removesuffix(".json") + SUFFIX)
        try:
            student_service.export_profile_file(self.db, record.id, path)
        except _FILE_ERRORS as error:
            dialogs.show_error(self, "The profile was not exported", str(error))
            return
        self.statusBar().showMessage(f"Profile written to {path}", 8000)

    def export_roster(self) -> None:
        if self.db is None:
            return
        path = dialogs.choose_save_file(self, "Export roster", "roster.csv", "CSV roster (*.csv)")
        if path is None:
            return
        try:
            count = student_service.export_roster(self.db, path)
        except _FILE_ERRORS as error:
            dialogs.show_error(self, "The roster was not exported", str(error))
            return
        self.statusBar().showMessage(f"{count} students written to {path}", 8000)

    def edit_program(self, program_id: str) -> None:
        if self.db is None:
            return
        program = next((p for p in self.catalog_page.model.programs() if p.id == program_id), None)
        if program is None:
            return
        expectations = matching_service.program_expectations(self.db, program_id)
        costs = matching_service.load_cost_settings(self.db)
        changes = program_editor.edit_program_dialog(
            program, self, expectations, (costs.defaults, costs.overrides.get(program_id))
        )
        if not changes:
            return
        new_expectations = changes.pop("expectations", None)
        new_costs = changes.pop("cost_overrides", None)
        try:
            if changes:
                catalog_service.edit_program(self.db, program_id, changes)
            if new_expectations is not None:
                matching_service.set_program_expectations(self.db, program_id, new_expectations)
            if new_costs is not None:
                matching_service.set_cost_overrides(self.db, program_id, new_costs)
        except (NotFoundError, ValueError, DatabaseError) as error:
            dialogs.show_error(self, "The program was not changed", str(error))
            return
        self.catalog_page.set_view(catalog_service.load_view(self.db), select=program_id)
        self._sync_matches()
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

    def export_shortlist(self) -> None:
        if self.db is None:
            return
        student_id, name = self._current_student()
        if student_id is None:
            dialogs.show_information(
                self, "No student selected", "Select a student (and save the profile) first."
            )
            return
        editor = self._editor()
        if editor is not None and editor.is_dirty() and not editor.save():
            return
        path = dialogs.choose_save_file(
            self,
            "Export shortlist PDF",
            reports_service.file_name_for(name, student_id),
            "PDF (*.pdf)",
        )
        if path is None:
            return
        if path.suffix.casefold() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        try:
            reports_service.export_shortlist(self.db, student_id, path)
        except reports_service.ExportError as error:
            dialogs.show_error(self, "The PDF was not written", str(error))
            return
        self.statusBar().showMessage(f"Shortlist written to {path}", 8000)

    def export_all_shortlists(self) -> None:
        if self.db is None or self.batch is not None:
            return
        folder = dialogs.choose_folder(self, "Export every student's shortlist into…")
        if folder is None:
            return
        total = sum(1 for s in student_service.list_students(self.db) if not s.archived)
        progress = dialogs.progress_dialog(self, "Exporting shortlists", total)
        batch = BatchExport(self.db, folder, self)
        self.batch = batch

        def advance(done: int, count: int, name: str) -> None:
            progress.setMaximum(max(count, 1))
            progress.setValue(done)
            progress.setLabelText(f"{done} of {count}: {name}" if name else "Finishing…")

        batch.progress.connect(advance)
        progress.canceled.connect(batch.cancel)

        def finished(written: list[Path], cancelled: bool) -> None:
            progress.close()
            self.batch = None
            note = " (cancelled; every file written is complete)" if cancelled else ""
            dialogs.show_information(
                self, "Shortlists exported", f"{len(written)} PDFs written to {folder}{note}."
            )

        def failed(message: str) -> None:
            progress.close()
            self.batch = None
            dialogs.show_error(self, "The export stopped", message)

        batch.done.connect(finished)
        batch.failed.connect(failed)
        progress.show()
        batch.start()

    def backup_now(self) -> None:
        if self.db is None:
            return
        try:
            path = backups_service.backup_now(self.db)
        except OSError as error:
            dialogs.show_error(self, "No backup was made", str(error))
            return
        dialogs.show_information(self, "Backed up", f"A copy of the database is in {path}.")

    def restore_backup(self) -> None:
        if self.db is None:
            return
        editor = self._editor()
        if editor is not None and editor.is_dirty() and not editor.save():
            return
        backup = restore_dialog.choose_backup(backups_service.backups(self.db.path), self)
        if backup is None:
            return
        if not dialogs.confirm(
            self,
            "Restore from backup",
            f"Replace the database with the backup of {backup.taken_at:%Y-%m-%d %H:%M} "
            f"({backup.students} students)? The current state is backed up first.",
            "Restore",
        ):
            return
        try:
            reopened, undo = backups_service.restore(self.db, backup.path)
        except (DatabaseError, OSError) as error:
            dialogs.show_error(self, "Nothing was restored", str(error))
            return
        self._use_database(reopened)
        dialogs.show_information(
            self,
            "Restored",
            f"Restored the backup of {backup.taken_at:%Y-%m-%d %H:%M}. To undo, restore the "
            f"backup taken just before ({undo.name}).",
        )

    def edit_cost_defaults(self) -> None:
        if self.db is None:
            return
        current = matching_service.load_cost_settings(self.db).defaults
        defaults = settings_dialog.edit_cost_defaults(current, self)
        if defaults is None:
            return
        matching_service.save_cost_defaults(self.db, defaults)
        self._sync_matches()
        self.statusBar().showMessage("Cost defaults saved", 5000)

    def edit_counselor_name(self) -> None:
        if self.db is None:
            return
        name = dialogs.ask_text(
            self,
            "Counselor name",
            "Your name, as the cover of each shortlist PDF shows it:",
            reports_service.counselor_name(self.db),
        )
        if name is not None:
            reports_service.set_counselor_name(self.db, name)

    def edit_settings(self) -> None:
        if self.db is None:
            return
        weights = settings_dialog.edit_weights(matching_service.load_weights(self.db), self)
        if weights is None:
            return
        try:
            matching_service.save_weights(self.db, weights)
        except ValueError as error:
            dialogs.show_error(self, "Settings not saved", str(error))
            return
        self._sync_matches()
        self.statusBar().showMessage("Match weights saved", 5000)

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
        editor = self._editor()
        if editor is not None and editor.is_dirty() and self.db is not None:
            name = editor.form.full_name.text().strip() or "the new student"
            answer = dialogs.ask_unsaved_changes(self, name)
            if answer == "cancel" or (answer == "save" and not editor.save()):
                event.ignore()
                return
        settings = QSettings()
        settings.setValue("main_window/geometry", self.saveGeometry())
        settings.setValue("main_window/catalog_splitter", self.catalog_page.splitter.saveState())
        settings.sync()
        if self.db is not None:
            db, self.db = self.db, None
            db.close()
            # Closing must not fail over a backup; the next start makes the daily one.
            with contextlib.suppress(OSError):
                backups_service.backup_on_close(db)
        if self.lock is not None:
            self.lock.release()
        event.accept()
