"""``gradmatch export STUDENT --out FILE.pdf`` and ``gradmatch export --all --out-dir DIR``
(``--with-log``: the counselor's copy, with the meeting log)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from gradmatch.cli.match_commands import add_voice_argument, voice_of
from gradmatch.cli.output import safe
from gradmatch.services import reports
from gradmatch.services import students as student_service
from gradmatch.services.database import Database


def add_parser(subparsers: Any) -> None:
    export = subparsers.add_parser("export", help="write shortlist PDFs")
    export.add_argument(
        "student", nargs="?", metavar="STUDENT", help="student ID, email or exact full name"
    )
    export.add_argument("--out", type=Path, metavar="FILE.pdf", help="the PDF to write")
    export.add_argument("--all", action="store_true", help="every active student of the caseload")
    export.add_argument("--out-dir", type=Path, metavar="DIR", help="the folder for --all")
    export.add_argument(
        "--with-log",
        action="store_true",
        help="the counselor's copy: add the student's meeting log (counselor-only; give the "
        "student the PDF without it)",
    )
    add_voice_argument(export)


class _Bar:
    """A progress bar on a terminal; nothing when stderr is a file or a pipe."""

    def __init__(self) -> None:
        self.live = sys.stderr.isatty()

    def __call__(self, done: int, total: int, name: str) -> None:
        if not self.live or total == 0:
            return
        width = 30
        filled = int(width * done / total)
        sys.stderr.write(
            f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {safe(name)[:30]:30}"
        )
        if done == total:
            sys.stderr.write("\n")
        sys.stderr.flush()


def usage_problem(args: argparse.Namespace) -> str | None:
    """Options that do not go together (checked before the database is opened)."""
    if args.with_log and voice_of(args).is_student:
        return "--with-log is the counselor's copy: not with the student's voice (--voice student)"
    if args.all:
        if args.student or args.out:
            return "use either STUDENT --out FILE.pdf or --all --out-dir DIR"
        if args.out_dir is None:
            return "--all needs --out-dir DIR"
    elif not args.student or args.out is None:
        return "give STUDENT and --out FILE.pdf (or --all --out-dir DIR)"
    return None


def run(db: Database, args: argparse.Namespace) -> int:
    if args.all:
        result = reports.export_all(
            db, args.out_dir, progress=_Bar(), with_log=args.with_log, voice=voice_of(args)
        )
        print(f"Wrote {len(result.written)} shortlist PDFs to {args.out_dir}")
        if result.failures:
            print(
                f"{len(result.failures)} shortlists could not be written (the others were):",
                file=sys.stderr,
            )
            for line in result.failure_lines():
                print(f"  - {line}", file=sys.stderr)
            return 1
        return 0
    record = student_service.find_student(db, args.student)
    path = reports.export_shortlist(
        db, record.id, args.out, with_log=args.with_log, voice=voice_of(args)
    )
    copy = " (counselor's copy, with the meeting log)" if args.with_log else ""
    print(safe(f"Wrote {record.profile.full_name}'s shortlist{copy} to {path}"))
    return 0
