"""Shortlist exports: one student's PDF, or the whole caseload's, written whole or not at all."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

from gradmatch.domain.costs import estimate_cost
from gradmatch.domain.matching import Bucket
from gradmatch.domain.shortlist_report import BEST_MATCHES_LIMIT, ReportEntry, ShortlistReport
from gradmatch.services import matching as matching_service
from gradmatch.services import students as student_service
from gradmatch.services.database import Database
from gradmatch.store import catalog_repo, match_repo

COUNSELOR_KEY = "counselor_name"


class ExportError(OSError):
    """A PDF that could not be written; nothing partial is left behind."""


def counselor_name(db: Database) -> str:
    with db.unit_of_work() as session:
        return str(match_repo.get_setting(session, COUNSELOR_KEY) or "")


def set_counselor_name(db: Database, name: str) -> None:
    with db.unit_of_work() as session:
        match_repo.put_setting(session, COUNSELOR_KEY, name.strip())


def build_report(db: Database, student_id: int, *, today: date | None = None) -> ShortlistReport:
    """The report's content: the shortlist in its order, or the best matches without one."""
    result = matching_service.match_student(db, student_id, today=today)
    record = student_service.get_student(db, student_id)
    defaults = result.costs.defaults
    overrides = result.costs.overrides
    by_program = result.by_program()
    chosen = [
        (by_program[entry.program_id], entry.note)
        for entry in result.shortlist
        if entry.program_id in by_program
    ]
    from_shortlist = bool(chosen)
    if not chosen:
        best = [m for m in result.matches if m.shown_bucket in (Bucket.READY, Bucket.AFTER_BRIDGE)]
        chosen = [(m, "") for m in best[:BEST_MATCHES_LIMIT]]
    entries = tuple(
        ReportEntry(
            match,
            estimate_cost(
                match.program,
                record.profile,
                match.gap,
                defaults,
                overrides.get(match.program.id),
            ),
            note,
        )
        for match, note in chosen
    )
    with db.unit_of_work() as session:
        catalog = catalog_repo.load_catalog(session)
    return ShortlistReport(
        profile=record.profile,
        counselor=counselor_name(db),
        prepared_on=today or date.today(),
        entries=entries,
        from_shortlist=from_shortlist,
        source=catalog.source if catalog else None,
    )


def write_pdf(report: ShortlistReport, path: Path) -> Path:
    """Write the PDF whole or not at all: a temporary file beside it, then a rename."""
    from gradmatch.reports.shortlist_pdf import write_shortlist_pdf

    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".part", dir=path.parent
        )
    except FileNotFoundError:
        raise ExportError(f"The folder {path.parent} does not exist.") from None
    except PermissionError:
        raise ExportError(f"The folder {path.parent} cannot be written to.") from None
    except OSError as error:
        raise ExportError(f"{path.parent} cannot be written: {error.strerror}.") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            write_shortlist_pdf(report, stream)
            stream.flush()
            os.fsync(stream.fileno())
        Path(temporary).replace(path)
    except PermissionError:
        Path(temporary).unlink(missing_ok=True)
        raise ExportError(
            f"{path.name} cannot be written: it is read-only or open in another program."
        ) from None
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise ExportError(f"{path.name} cannot be written: {error.strerror or error}.") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def export_shortlist(db: Database, student_id: int, path: Path) -> Path:
    return write_pdf(build_report(db, student_id), path)


def file_name_for(name: str, student_id: int) -> str:
    cleaned = re.sub(r"[^\w .()-]+", "_", name, flags=re.UNICODE).strip(" ._") or "student"
    return f"{cleaned[:80]} ({student_id}).pdf"


def export_all(
    db: Database,
    folder: Path,
    *,
    progress: Callable[[int, int, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[Path]:
    """One PDF per active student into ``folder``. Stops between students when cancelled;
    every file written is a complete PDF."""
    if not folder.is_dir():
        raise ExportError(f"{folder} is not a folder.")
    if not os.access(folder, os.W_OK):
        raise ExportError(f"The folder {folder} cannot be written to.")
    summaries = [s for s in student_service.list_students(db) if not s.archived]
    written = []
    for done, summary in enumerate(summaries):
        if cancelled is not None and cancelled():
            break
        if progress is not None:
            progress(done, len(summaries), summary.full_name)
        written.append(
            export_shortlist(db, summary.id, folder / file_name_for(summary.full_name, summary.id))
        )
    if progress is not None:
        progress(len(written), len(summaries), "")
    return written
