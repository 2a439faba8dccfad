"""What the window's menus do, and the pages it shows once the database is open.

Imported after the window is on screen (``MainWindow`` defers to these functions), so that
the services, SQLAlchemy and pydantic do not stand between a start and a visible window.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, Qt

from gradmatch.domain.caseload import StudentRecord
from gradmatch.domain.catalog import format_year_month
from gradmatch.domain.exchange import SUFFIX
from gradmatch.domain.profile import StudentProfile
from gradmatch.domain.text import file_name_part
from gradmatch.domain.voice import COUNSELOR, STUDENT
from gradmatch.services import backups as backups_service
from gradmatch.services import catalog as catalog_service
from gradmatch.services import database as database_service
from gradmatch.services import matching as matching_service
from gradmatch.services import recovery
from gradmatch.services import reports as reports_service
from gradmatch.services import students as student_service
from gradmatch.services.database import Database
from gradmatch.services.drafts import Drafts
from gradmatch.services.errors import (
    CatalogError,
    DatabaseError,
    DatabaseInUseError,
    DatabaseLock,
    InputError,
    StorageError,
    UserError,
)
from gradmatch.ui import (
    dialogs,
    program_editor,
    quality_dialog,
    restore_dialog,
    roster_dialog,
    settings_dialog,
    undo,
    walkthrough,
)
from gradmatch.ui.accessible import name_inputs
from gradmatch.ui.caseload_page import CaseloadPage
from gradmatch.ui.catalog_page import CatalogPage
from gradmatch.ui.export_batch import BatchExport
from gradmatch.ui.matches_page import MatchesPage
from gradmatch.ui.profile_editor import ProfileEditor
from gradmatch.ui.widgets import showing_user_errors

if TYPE_CHECKING:
    from gradmatch.ui.main_window import MainWindow


def _safe_file_name(name: str) -> str:
    """The student's name as the start of a file name: every letter and mark of every
    script kept, only what a file system refuses replaced (see ``file_name_part``), cut
    (by bytes, at a character boundary) to leave room for " profile.gradmatch.json"."""
    limit = reports_service.NAME_BYTES - len(f" profile{SUFFIX}")
    cut = file_name_part(name).encode("utf-8")[:limit].decode("utf-8", "ignore").rstrip(" .")
    return cut or "profile"


def build_pages(window: MainWindow) -> None:
    """The tabs, in the window that is already on screen, and the menus' page actions
    (the student edition's pages have no counselor tool: see ``main_window.COUNSELOR_ONLY``)."""
    window.catalog_page = CatalogPage(editable=not window.student_mode)
    window.matches_page = MatchesPage(student_mode=window.student_mode)
    window.matches_page.change_requested.connect(lambda change: record_change(window, change))
    tabs = window.tabs
    if window.student_mode:
        window.my_profile = ProfileEditor(lambda profile, student_id: save_my_profile(
            window, profile, student_id), student_mode=True)  # fmt: skip
        window.my_profile.saved.connect(lambda _record: sync_matches(window))
        tabs.addTab(window.my_profile, "My profile")
        tabs.addTab(window.matches_page, "My matches")
    else:
        page = window.caseload_page = CaseloadPage()
        page.students_changed.connect(lambda: update_status(window))
        page.students_changed.connect(lambda: sync_matches(window))
        page.current_changed.connect(lambda: sync_matches(window))
        page.change_requested.connect(lambda change: record_change(window, change))
        tabs.addTab(page, "Caseload")
        tabs.addTab(window.matches_page, "Matches")
        window.new_action.triggered.connect(page.new_student)
        window.duplicate_action.triggered.connect(page.duplicate_selected)
        window.archive_action.triggered.connect(page.toggle_archive_selected)
        window.delete_action.triggered.connect(page.delete_selected)
        # Delete acts on the table only, so it never steals the key from a text field.
        window.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        page.table.addAction(window.delete_action)
        window.catalog_page.edit_requested.connect(window.edit_program)
        window.edit_action.triggered.connect(window.catalog_page.request_edit)
    tabs.addTab(window.catalog_page, "Program catalog")
    tabs.currentChanged.connect(lambda _index: sync_matches(window))
    tabs.currentChanged.connect(lambda _index: sync_catalog(window))
    window.clear_action.triggered.connect(window.catalog_page.clear_filters)
    splitter = QSettings().value("main_window/catalog_splitter")
    if isinstance(splitter, QByteArray):
        window.catalog_page.splitter.restoreState(splitter)
    name_inputs(window)  # every input's accessible name and description
    window.show_pages()


def record_change(window: MainWindow, change: undo.Change) -> None:
    """Make a page's change and keep it for Edit ▸ Undo; a deletion says so in the status
    bar, with an Undo button."""
    if undo.record(window, change) and isinstance(change, undo.DeleteStudent):
        undo.notice(window, f"Deleted {change.name}")


def close_database(window: MainWindow) -> None:
    """On the way out: the database closed, a backup if anything was written."""
    if window.db is None:
        return
    db, window.db = window.db, None
    undo.clear(window)
    editor = window.current_editor()
    if editor is not None:
        editor.write_draft()  # whatever is still unsaved stays on disk, not in a timer
        editor.set_drafts(None)
    db.close()
    # Closing must not fail over a backup; the next start makes the daily one.
    with contextlib.suppress(UserError, OSError):
        backups_service.backup_on_close(db)


def open_database(window: MainWindow) -> None:
    """Open the database; when it cannot be used, offer to restore the latest backup,
    open another file or start anew (the bad file is always kept aside)."""
    while True:
        window.db_label.setText(f"Database: {window.db_path}")
        window.status_label.setText("Opening the database…")
        window.lock = None
        try:
            window.lock = DatabaseLock(database_service.database_path(window.db_path))
            window.lock.acquire()
            db = database_service.open_database(window.db_path)
        except DatabaseInUseError as error:
            refuse(window, str(error))
            return
        except StorageError as error:
            # Read-only, in use by another program, a folder that may not be read or written,
            # a full disk: the file itself is fine, nothing is offered in its place.
            release_lock(window)
            refuse(window, str(error))
            return
        except DatabaseError as error:
            release_lock(window)
            if not recover(window, error):
                refuse(window, str(error), ask=False)
                return
            continue
        break
    window.set_data_actions(True)
    use_database(window, db)
    window.ready.emit()
    if window.student_mode:
        walkthrough.first_run(window)
    try:
        backups_service.daily_backup(db)
    except UserError as error:
        window.statusBar().showMessage(f"The daily backup failed: {error}", 10000)


def release_lock(window: MainWindow) -> None:
    if window.lock is not None:
        window.lock.release()
        window.lock = None


def refuse(window: MainWindow, message: str, *, ask: bool = True) -> None:
    window.status_label.setText("No database open")
    window.catalog_page.detail.show_empty(message)
    if ask:
        dialogs.show_error(window, "Cannot open the database", message)


def recover(window: MainWindow, error: DatabaseError) -> bool:
    """Ask what to do about an unusable database; True to try opening again."""
    path = window.db_path.expanduser().resolve()
    backup = recovery.latest_good_backup(path)
    label = f"{backup.taken_at:%Y-%m-%d %H:%M}" if backup is not None else None
    answer = dialogs.ask_database_problem(window, str(error), label)
    with showing_user_errors(window, "Nothing was changed"):
        if answer == "restore":
            restored, aside = recovery.restore_latest_backup(path)
            window.statusBar().showMessage(
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
                window,
                "Open a GradMatch database",
                "GradMatch database (*.sqlite3);;All files (*)",
            )
            if chosen is None:
                return False
            window.db_path = chosen
            return True
    return False


def use_database(window: MainWindow, db: Database) -> None:
    undo.clear(window)  # another database, or a restored backup: nothing left to undo
    window.db = db
    window.matches_page.set_database(db)
    window.reload()
    resume_drafts(window, Drafts(db.path))


def resume_drafts(window: MainWindow, drafts: Drafts) -> None:
    """Typing a crash or a kill left unsaved is offered back on its profile: a new
    student's on the blank form, else the most recent student's, selected."""
    editor = window.current_editor()
    if editor is None:
        return
    editor.set_drafts(drafts)
    page = window.caseload_page
    for student_id in drafts.pending() if page is not None else []:
        if editor.offered is not None:
            break
        if student_id is None:
            page.new_student()  # type: ignore[union-attr]
        else:
            page.select_student(student_id)  # type: ignore[union-attr]
    if editor.offered is not None:
        window.statusBar().showMessage(
            "Unsaved changes from the last session were kept: restore or discard them above "
            "the profile.",
            15000,
        )
        for button in (editor.restore_draft_button, editor.discard_draft_button):
            button.clicked.connect(window.statusBar().clearMessage)


def reload(window: MainWindow, select: str | None = None) -> None:
    if window.db is None:
        return
    # The catalog page reads (and checks) every program: with a large catalog that is the
    # slowest part of a start, so it happens when the page is first shown.
    window.catalog_stale = True
    window.catalog_select = select
    sync_catalog(window)
    if window.caseload_page is not None:
        window.caseload_page.set_database(window.db)
    if window.my_profile is not None and not window.my_profile.is_dirty():
        window.my_profile.show_record(my_record(window))
    update_status(window)
    sync_matches(window)


def current_student(window: MainWindow) -> tuple[int | None, str]:
    if window.caseload_page is not None:
        editor = window.caseload_page.editor
        student_id = window.caseload_page.current_id
    else:
        assert window.my_profile is not None
        editor = window.my_profile
        student_id = editor.record.id if editor.record else None
    name = editor.record.profile.full_name if editor.record else ""
    return student_id, name


def sync_matches(window: MainWindow) -> None:
    """Recompute the matches when they are on screen; otherwise when they next are."""
    window.matches_stale = True
    if window.tabs.currentWidget() is not window.matches_page:
        return
    student_id, name = current_student(window)
    window.matches_page.show_student(student_id, name)
    window.matches_stale = False


def sync_catalog(window: MainWindow) -> None:
    """Load the catalog page if it is stale and on screen."""
    if window.db is None or not window.catalog_stale:
        return
    if window.tabs.currentWidget() is not window.catalog_page:
        return
    load_catalog_page(window)


def load_catalog_page(window: MainWindow) -> None:
    if window.db is None:
        return
    window.catalog_page.set_view(catalog_service.load_view(window.db), select=window.catalog_select)
    window.catalog_stale = False
    window.catalog_select = None
    update_status(window)


def update_status(window: MainWindow) -> None:
    if window.db is None:
        return
    parts = []
    if window.caseload_page is not None:
        students = window.caseload_page.model.counts.total
        parts.append(f"{students} student{'s' * (students != 1)}")
    view = None if window.catalog_stale else window.catalog_page.view
    if view is not None and view.source is not None:
        verified = sum(1 for p in view.programs if p.verified)
        parts.append(
            f"{len(view.programs)} program offerings, tuition as of "
            f"{format_year_month(view.source.as_of)}, {verified} verified, "
            f"{len(view.report.findings)} data-quality findings"
        )
    elif view is None:
        summary = catalog_service.summary(window.db)
        if summary.as_of is not None:
            parts.append(
                f"{summary.programs} program offerings, tuition as of "
                f"{format_year_month(summary.as_of)}, {summary.verified} verified"
            )
    window.status_label.setText(" · ".join(parts))


def my_record(window: MainWindow) -> StudentRecord | None:
    if window.db is None:
        return None
    summaries = [s for s in student_service.list_students(window.db) if not s.archived]
    if not summaries:
        return None
    return student_service.get_student(window.db, summaries[0].id)


def save_my_profile(
    window: MainWindow, profile: StudentProfile, student_id: int | None
) -> StudentRecord | None:
    if window.db is None:
        return None
    with showing_user_errors(window, "Your profile was not saved"):
        return student_service.save_student(window.db, profile, student_id)
    return None


def import_students(window: MainWindow) -> None:
    if window.db is None:
        return
    if window.student_mode:  # a profile only: rosters are the counselor's
        path = dialogs.choose_open_file(
            window, "Import my profile", f"GradMatch profile (*{SUFFIX} *.json)"
        )
    else:
        path = dialogs.choose_open_file(
            window,
            "Import a roster or a profile file",
            f"Rosters and profiles (*.csv *.json);;Roster (*.csv);;Profile (*{SUFFIX} *.json)",
        )
    if path is None:
        return
    editor = window.current_editor()
    if window.caseload_page is not None and not window.caseload_page.confirm_leave():
        return
    with showing_user_errors(window, "Nothing was imported") as attempt:
        if path.suffix.casefold() == ".json":
            result = student_service.import_profile_file(window.db, path)
        elif window.student_mode:  # a roster is the counselor's
            raise InputError(f"{path.name} is not a profile file (a file ending in {SUFFIX}).")
        else:
            roster = student_service.preview_roster(path)
            if not roster_dialog.ask_roster_import(roster, path.name, window):
                return
            result = student_service.import_roster(window.db, roster, skip_invalid=True)
    if attempt.failed:
        return
    if window.caseload_page is not None:
        window.caseload_page.reload(select=result.ids[0] if result.ids else None)
    elif editor is not None:
        editor.show_record(my_record(window))
    update_status(window)
    message = f"{len(result.created)} new, {len(result.updated)} updated"
    if result.skipped_rows:
        message += f"; rows left out: {', '.join(map(str, result.skipped_rows))}"
    if result.ignored:
        message += f"\n\nNot imported (unknown to this GradMatch): {', '.join(result.ignored)}"
    if result.counselor_only:
        message += "\n\nNot imported (counselor-only, your own are kept): " + ", ".join(
            result.counselor_only
        )
    dialogs.show_information(window, f"Imported {path.name}", message)


def export_profile(window: MainWindow) -> None:
    if window.db is None:
        return
    editor = window.current_editor()
    if editor is None or editor.record is None:
        dialogs.show_information(
            window, "Nothing to export", "Save the profile first, then export it."
        )
        return
    if editor.is_dirty() and not editor.save():
        return
    record = editor.record
    assert record is not None
    name = _safe_file_name(record.profile.full_name)
    path = dialogs.choose_save_file(
        window,
        "Send my profile to my counselor" if window.student_mode else "Export profile",
        f"{name} profile{SUFFIX}" if window.student_mode else name + SUFFIX,
        f"GradMatch profile (*{SUFFIX})",
    )
    if path is None:
        return
    if not path.name.endswith(SUFFIX):
        path = path.with_name(path.name.removesuffix(".json") + SUFFIX)
    with showing_user_errors(window, "The profile was not exported") as attempt:
        student_service.export_profile_file(window.db, record.id, path)
    if attempt.failed:
        return
    window.statusBar().showMessage(f"Profile written to {path}", 8000)
    if window.student_mode:
        tell_what_to_send(window, path)


def tell_what_to_send(window: MainWindow, path: Path) -> None:
    """After the student's "Send my profile to my counselor": what to do with the file, and
    its folder on request."""
    message = (
        f"Email this file to your counselor as an attachment: {path.name}\n\n"
        "It holds your profile only, not your matches or your shortlist. It is in the folder "
        f"{path.parent}."
    )
    if dialogs.show_file_to_send(window, "Your profile is ready to send", message):
        dialogs.show_in_folder(window, path)


def export_roster(window: MainWindow) -> None:
    if window.db is None:
        return
    path = dialogs.choose_save_file(window, "Export roster", "roster.csv", "CSV roster (*.csv)")
    if path is None:
        return
    with showing_user_errors(window, "The roster was not exported") as attempt:
        count = student_service.export_roster(window.db, path)
    if attempt.failed:
        return
    window.statusBar().showMessage(f"{count} students written to {path}", 8000)


def edit_program(window: MainWindow, program_id: str) -> None:
    if window.db is None:
        return
    if window.catalog_stale:
        load_catalog_page(window)
    program = next((p for p in window.catalog_page.model.programs() if p.id == program_id), None)
    if program is None:
        return
    expectations = matching_service.program_expectations(window.db, program_id)
    costs = matching_service.load_cost_settings(window.db)
    changes = program_editor.edit_program_dialog(
        program, window, expectations, (costs.defaults, costs.overrides.get(program_id))
    )
    if not changes:
        return
    new_expectations = changes.pop("expectations", None)
    new_costs = changes.pop("cost_overrides", "unchanged")
    edit = undo.EditProgram(program, lambda db: catalog_service.edit_program(
        db, program_id, changes, expectations=new_expectations, cost_overrides=new_costs
    ))  # fmt: skip
    if undo.record(window, edit):
        window.statusBar().showMessage(f"Saved changes to {program.offering}", 5000)


def import_catalog(window: MainWindow) -> None:
    if window.db is None:
        return
    path = dialogs.choose_open_file(
        window, "Import a catalog", "GradMatch catalog (*.json);;All files (*)"
    )
    if path is None:
        return
    with showing_user_errors(window, "Catalog not imported") as attempt:
        try:
            preview = catalog_service.preview_import(window.db, path)
            if preview.retired and not dialogs.confirm(
                window,
                "Import the catalog?",
                f"{path.name} leaves out {len(preview.retired)} program offerings. They are "
                "retired, not deleted: every shortlist entry, note and override on them "
                "stays.\n\n" + "\n".join(f"• {line}" for line in preview.lines()[:20]),
                "Import",
            ):
                return
            result = catalog_service.import_catalog(window.db, path)
        except CatalogError as error:
            details = "\n".join(f"• {problem}" for problem in error.problems[:12])
            more = len(error.problems) - 12
            if more > 0:
                details += f"\n… and {more} more"
            raise InputError(
                f"Nothing was changed: {path.name} cannot be used as a catalog.\n\n{details}"
            ) from None
    if attempt.failed:
        return
    undo.clear(window)  # the programs the changes were about may be other ones now
    window.reload()
    dialogs.show_information(
        window,
        "Catalog imported",
        f"Imported {result.programs} program offerings from {path.name}. "
        f"{result.findings} data-quality findings (Catalog ▸ Data-quality report)."
        + (
            f"\n\nCounselor edits: {result.edits_kept} kept, {result.edits_dropped} dropped "
            "because their programs are no longer in the catalog."
            if result.edits_kept or result.edits_dropped
            else ""
        )
        + (
            "\n\n" + "\n".join(f"• {line}" for line in result.lines()[:20])
            if result.lines()
            else ""
        ),
    )


def export_shortlist(window: MainWindow, *, with_log: bool = False) -> None:
    """The selected student's PDF; ``with_log``: the counselor's copy, with the meeting log
    (its suggested file name says so, so that it is not the one sent to the student)."""
    if window.db is None or (with_log and window.student_mode):
        return
    student_id, name = current_student(window)
    if student_id is None:
        dialogs.show_information(
            window, "No student selected", "Select a student (and save the profile) first."
        )
        return
    editor = window.current_editor()
    if editor is not None and editor.is_dirty() and not editor.save():
        return
    suggested = reports_service.file_name_for(name)
    if with_log:
        suggested = suggested.removesuffix(".pdf") + " counselor copy.pdf"
    path = dialogs.choose_save_file(
        window,
        "Export shortlist PDF with meeting log" if with_log else "Export shortlist PDF",
        suggested,
        "PDF (*.pdf)",
    )
    if path is None:
        return
    if path.suffix.casefold() != ".pdf":
        path = path.with_name(path.name + ".pdf")
    with showing_user_errors(window, "The PDF was not written") as attempt:
        reports_service.export_shortlist(
            window.db, student_id, path, with_log=with_log,
            voice=STUDENT if window.student_mode else COUNSELOR,  # the student's PDF says "you"
        )  # fmt: skip
    if attempt.failed:
        return
    copy = " (counselor's copy, with the meeting log)" if with_log else ""
    window.statusBar().showMessage(f"Shortlist{copy} written to {path}", 8000)


def export_all_shortlists(window: MainWindow) -> None:
    if window.db is None or window.batch is not None:
        return
    folder = dialogs.choose_folder(window, "Export every student's shortlist into…")
    if folder is None:
        return
    total = sum(1 for s in student_service.list_students(window.db) if not s.archived)
    progress = dialogs.progress_dialog(window, "Exporting shortlists", total)
    batch = BatchExport(window.db, folder, window)
    window.batch = batch

    def advance(done: int, count: int, name: str) -> None:
        progress.setMaximum(max(count, 1))
        progress.setValue(done)
        progress.setLabelText(f"{done} of {count}: {name}" if name else "Finishing…")

    batch.progress.connect(advance)
    progress.canceled.connect(batch.cancel)

    def finished(result: reports_service.BatchResult, cancelled: bool) -> None:
        progress.close()
        window.batch = None
        note = " (cancelled; every file written is complete)" if cancelled else ""
        text = f"{len(result.written)} PDFs written to {folder}{note}."
        if not result.failures:
            dialogs.show_information(window, "Shortlists exported", text)
            return
        lines = result.failure_lines()
        more = f"\n… and {len(lines) - 12} more" if len(lines) > 12 else ""
        dialogs.show_error(
            window,
            "Some shortlists were not exported",
            f"{text}\n\n{len(lines)} could not be written; fix what is said and export "
            "again:\n" + "\n".join(f"• {line}" for line in lines[:12]) + more,
        )

    def failed(message: str) -> None:
        progress.close()
        window.batch = None
        dialogs.show_error(window, "The export stopped", message)

    batch.done.connect(finished)
    batch.failed.connect(failed)
    progress.show()
    batch.start()


def backup_now(window: MainWindow) -> None:
    if window.db is None:
        return
    with showing_user_errors(window, "No backup was made") as attempt:
        path = backups_service.backup_now(window.db)
    if attempt.failed:
        return
    dialogs.show_information(window, "Backed up", f"A copy of the database is in {path}.")


def restore_backup(window: MainWindow) -> None:
    if window.db is None:
        return
    editor = window.current_editor()
    if editor is not None and editor.is_dirty() and not editor.save():
        return
    with showing_user_errors(window, "Nothing was restored") as attempt:
        found = backups_service.backups(window.db.path)
    if attempt.failed:
        return
    backup = restore_dialog.choose_backup(found, window)
    if backup is None:
        return
    if not dialogs.confirm(
        window,
        "Restore from backup",
        f"Replace the database with the backup of {backup.taken_at:%Y-%m-%d %H:%M} "
        f"({backup.students} students)? The current state is backed up first.",
        "Restore",
    ):
        return
    with showing_user_errors(window, "Nothing was restored") as attempt:
        reopened, undo = backups_service.restore(window.db, backup.path)
    if attempt.failed:
        return
    use_database(window, reopened)
    dialogs.show_information(
        window,
        "Restored",
        f"Restored the backup of {backup.taken_at:%Y-%m-%d %H:%M}. To undo, restore the "
        f"backup taken just before ({undo.name}).",
    )


def edit_cost_defaults(window: MainWindow) -> None:
    if window.db is None:
        return
    current = matching_service.load_cost_settings(window.db).defaults
    defaults = settings_dialog.edit_cost_defaults(current, window)
    if defaults is None:
        return
    with showing_user_errors(window, "The cost defaults were not saved") as attempt:
        matching_service.save_cost_defaults(window.db, defaults)
    if attempt.failed:
        return
    sync_matches(window)
    window.statusBar().showMessage("Cost defaults saved", 5000)


def edit_counselor_name(window: MainWindow) -> None:
    if window.db is None:
        return
    name = dialogs.ask_text(
        window,
        "Counselor name",
        "Your name, as the cover of each shortlist PDF shows it:",
        reports_service.counselor_name(window.db),
    )
    if name is None:
        return
    with showing_user_errors(window, "The counselor name was not saved"):
        reports_service.set_counselor_name(window.db, name)


def edit_settings(window: MainWindow) -> None:
    if window.db is None:
        return
    weights = settings_dialog.edit_weights(matching_service.load_weights(window.db), window)
    if weights is None:
        return
    # also: services.matching refuses all-zero weights with a plain ValueError.
    with showing_user_errors(window, "Settings not saved") as attempt:
        matching_service.save_weights(window.db, weights)
    if attempt.failed:
        return
    sync_matches(window)
    window.statusBar().showMessage("Match weights saved", 5000)


def show_quality_report(window: MainWindow) -> None:
    if window.db is None:
        return
    view = catalog_service.load_view(window.db)
    names = {p.id: p.offering for p in view.programs}
    quality_dialog.show_quality_dialog(view.report, names, window)
