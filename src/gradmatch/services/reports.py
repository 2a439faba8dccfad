"""Shortlist exports: one student's PDF, or the whole caseload's, written whole or not at all."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from gradmatch.domain.caseload import StudentSummary
from gradmatch.domain.matching import Bucket
from gradmatch.domain.shortlist_report import BEST_MATCHES_LIMIT, ReportEntry, ShortlistReport
from gradmatch.domain.text import file_name_part
from gradmatch.domain.voice import COUNSELOR, Voice
from gradmatch.errors import InputError, UserError
from gradmatch.services import matching as matching_service
from gradmatch.services import students as student_service
from gradmatch.services.database import Database
from gradmatch.services.files import WriteError, check_output_folder, write_atomically
from gradmatch.store import catalog_repo, match_repo, meeting_log_repo

log = logging.getLogger("gradmatch.services")

COUNSELOR_KEY = "counselor_name"


class ExportError(WriteError):
    """A PDF that could not be written; nothing partial is left behind."""


def counselor_name(db: Database) -> str:
    with db.unit_of_work() as session:
        return str(match_repo.get_setting(session, COUNSELOR_KEY) or "")


def set_counselor_name(db: Database, name: str) -> None:
    with db.unit_of_work() as session:
        match_repo.put_setting(session, COUNSELOR_KEY, name.strip())


def build_report(
    db: Database,
    student_id: int,
    *,
    today: date | None = None,
    with_log: bool = False,
    voice: Voice = COUNSELOR,
) -> ShortlistReport:
    """The report's content: the shortlist in its order, or the best matches without one.
    ``with_log``: a counselor's copy, with the meeting log (never the default: the PDF is
    what a student takes home, and the log is counselor-only). ``voice``: whom its words
    speak to (the student edition's PDF says "you")."""
    if with_log and voice.is_student:
        raise InputError("The meeting log is counselor-only: not in a PDF written to the student")
    result = matching_service.match_student(db, student_id, today=today, voice=voice)
    chosen = [
        (match, entry.note)
        for entry in result.shortlist
        if entry.retired_on is None and (match := result.explain_program(entry.program_id))
    ]
    retired = tuple(entry for entry in result.shortlist if entry.retired_on is not None)
    from_shortlist = bool(chosen)
    if not chosen:
        ranking = result.ranking
        good = (Bucket.READY, Bucket.AFTER_BRIDGE)
        best = [i for i in range(len(ranking)) if ranking.bucket(i) in good][:BEST_MATCHES_LIMIT]
        chosen = [(ranking[i], "") for i in best]
    entries = tuple(ReportEntry(match, note) for match, note in chosen)
    with db.unit_of_work() as session:
        catalog = catalog_repo.load_catalog(session)
        log = tuple(meeting_log_repo.entries(session, student_id)) if with_log else None
    return ShortlistReport(
        profile=result.profile,
        counselor=counselor_name(db),
        prepared_on=today or date.today(),
        entries=entries,
        from_shortlist=from_shortlist,
        source=catalog.source if catalog else None,
        retired=retired,
        log=log,
        voice=voice,
    )


def write_pdf(report: ShortlistReport, path: Path) -> Path:
    """Write the PDF whole or not at all (see :func:`write_atomically`)."""
    from gradmatch.reports.shortlist_pdf import write_shortlist_pdf

    try:
        return write_atomically(path, lambda stream: write_shortlist_pdf(report, stream))
    except WriteError as error:
        raise ExportError(str(error)) from None


def export_shortlist(
    db: Database,
    student_id: int,
    path: Path,
    *,
    with_log: bool = False,
    voice: Voice = COUNSELOR,
) -> Path:
    """One student's PDF; ``with_log``: the counselor's copy, with the meeting log;
    ``voice``: whom it speaks to."""
    return write_pdf(build_report(db, student_id, with_log=with_log, voice=voice), path)


NAME_BYTES = 180  # of a PDF's file name: the limit is 255 bytes, the temporary name is longer


def file_name_for(name: str, also: str = "") -> str:
    """``Name shortlist.pdf`` (``Name also shortlist.pdf`` to tell two students of one name
    apart), cut to :data:`NAME_BYTES` bytes of UTF-8 (not characters: 80 Chinese characters
    are 240 bytes) at a character boundary. No internal number: the name is the student's,
    every letter and mark of it kept (:func:`~gradmatch.domain.text.file_name_part`)."""

    extra = file_name_part(also)
    suffix = (f" {extra}" if extra else "") + " shortlist.pdf"
    budget = NAME_BYTES - len(suffix.encode("utf-8"))
    cut = file_name_part(name).encode("utf-8")[:budget].decode("utf-8", "ignore").rstrip(" .")
    return f"{cut or 'student'}{suffix}"


def batch_file_names(summaries: list[StudentSummary]) -> dict[int, str]:
    """Each student's file name in a batch export: the name alone, or for students who share
    a name, the name and their student ID ((2), (3)… without one), so no file overwrites
    another."""
    names: dict[int, str] = {}
    taken: set[str] = set()
    for summary in summaries:
        plain = file_name_for(summary.full_name)
        candidates = [plain]
        if summary.student_id:
            candidates.append(file_name_for(summary.full_name, f"({summary.student_id})"))
        candidates.extend(file_name_for(summary.full_name, f"({n})") for n in range(2, 10_000))
        chosen = next(c for c in candidates if c.casefold() not in taken)
        taken.add(chosen.casefold())
        names[summary.id] = chosen
    return names


@dataclass(frozen=True)
class ExportFailure:
    """One student whose PDF could not be written, and why."""

    student_id: int
    name: str
    message: str


@dataclass(frozen=True)
class BatchResult:
    written: list[Path]
    failures: list[ExportFailure] = field(default_factory=list)

    def failure_lines(self) -> list[str]:
        return [f"{f.name} (number {f.student_id}): {f.message}" for f in self.failures]


def export_all(
    db: Database,
    folder: Path,
    *,
    progress: Callable[[int, int, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    with_log: bool = False,
    voice: Voice = COUNSELOR,
) -> BatchResult:
    """One PDF per active student into ``folder``. Stops between students when cancelled;
    every file written is a complete PDF. A student whose PDF cannot be written does not
    stop the others: the failures are returned with the files written."""
    try:
        check_output_folder(folder)
    except WriteError as error:
        raise ExportError(str(error)) from None
    summaries = [s for s in student_service.list_students(db) if not s.archived]
    names = batch_file_names(summaries)
    result = BatchResult([])
    for done, summary in enumerate(summaries):
        if cancelled is not None and cancelled():
            break
        if progress is not None:
            progress(done, len(summaries), summary.full_name)
        target = folder / names[summary.id]
        try:
            result.written.append(
                export_shortlist(db, summary.id, target, with_log=with_log, voice=voice)
            )
        except UserError as error:
            result.failures.append(ExportFailure(summary.id, summary.full_name, str(error)))
        except Exception:  # a bug for one student: logged, reported, the others go on
            log.exception("the shortlist of student %s could not be exported", summary.id)
            result.failures.append(
                ExportFailure(
                    summary.id, summary.full_name, "an unexpected error (details in the log)"
                )
            )
    if progress is not None:
        progress(len(result.written) + len(result.failures), len(summaries), "")
    return result
