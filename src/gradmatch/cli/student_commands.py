"""``gradmatch student list|import|export``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from gradmatch.cli.output import print_json, print_table
from gradmatch.domain.money import format_money
from gradmatch.services import students as student_service
from gradmatch.services.database import Database


def add_parser(subparsers: Any) -> None:
    student = subparsers.add_parser("student", help="the students of the caseload")
    commands = student.add_subparsers(dest="student_command", required=True, metavar="COMMAND")
    listing = commands.add_parser("list", help="list the students")
    listing.add_argument("--format", choices=("table", "json"), default="table")
    listing.add_argument("--archived", action="store_true", help="include archived students")
    importing = commands.add_parser(
        "import", help="import a CSV roster or a .gradmatch.json profile file"
    )
    importing.add_argument("file", type=Path, metavar="FILE")
    importing.add_argument(
        "--skip-invalid",
        action="store_true",
        help="import the valid rows of a roster that has invalid ones (default: import none)",
    )
    exporting = commands.add_parser(
        "export", help="write a student's profile file (or a roster with .csv)"
    )
    exporting.add_argument(
        "student", metavar="STUDENT", help="student ID, email or exact full name"
    )
    exporting.add_argument("--out", type=Path, required=True, metavar="FILE")


def run(db: Database, args: argparse.Namespace) -> int:
    if args.student_command == "list":
        summaries = student_service.list_students(db, include_archived=args.archived)
        if args.format == "json":
            print_json(
                [
                    {
                        "id": s.id,
                        "full_name": s.full_name,
                        "email": s.email,
                        "student_id": s.student_id,
                        "state": s.state,
                        "country": s.country,
                        "prerequisites_completed": s.completed,
                        "max_total_cost": s.max_total_cost,
                        "archived": s.archived,
                        "updated_at": s.updated_at.isoformat(timespec="seconds"),
                    }
                    for s in summaries
                ]
            )
        else:
            print_table(
                ["Name", "Email", "Student ID", "State", "Prerequisites", "Budget"],
                [
                    [
                        s.full_name + (" (archived)" if s.archived else ""),
                        s.email,
                        s.student_id or "",
                        s.state or s.country,
                        s.readiness,
                        format_money(s.max_total_cost),
                    ]
                    for s in summaries
                ],
            )
            print(f"{len(summaries)} students")
        return 0
    if args.student_command == "import":
        return _import(db, args)
    record = student_service.find_student(db, args.student)
    out: Path = args.out
    if out.suffix.casefold() == ".csv":
        student_service.export_roster(db, out, [record.id])
    else:
        student_service.export_profile_file(db, record.id, out)
    print(f"Wrote {record.profile.full_name}'s profile to {out}")
    return 0


def _import(db: Database, args: argparse.Namespace) -> int:
    try:
        result = student_service.import_file(db, args.file, skip_invalid=args.skip_invalid)
    except student_service.RosterImportError as error:
        import sys

        for row_error in error.roster.errors:
            sys.stderr.write(f"{args.file.name}: {row_error}\n")
        sys.stderr.write(
            f"gradmatch: error: {len(error.roster.invalid)} of {len(error.roster.rows)} rows have "
            "errors; nothing was imported (fix them, or use --skip-invalid to import the "
            f"{len(error.roster.valid)} valid rows)\n"
        )
        return 1
    print(
        f"Imported {args.file.name}: {len(result.created)} new, {len(result.updated)} updated"
        + (f", {len(result.skipped_rows)} invalid rows skipped" if result.skipped_rows else "")
        + "."
    )
    for key in result.ignored:
        print(f"note: unknown key {key} was not imported")
    return 0
