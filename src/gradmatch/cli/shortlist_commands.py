"""``gradmatch shortlist list|add|remove STUDENT [PROGRAM] [--note TEXT]``."""

from __future__ import annotations

import argparse
from typing import Any

from gradmatch.cli.output import print_json, print_table, safe
from gradmatch.domain.shortlist import retired_note
from gradmatch.services import catalog as catalog_service
from gradmatch.services import matching as matching_service
from gradmatch.services import students as student_service
from gradmatch.services.database import Database


def add_parser(subparsers: Any) -> None:
    shortlist = subparsers.add_parser("shortlist", help="a student's shortlist")
    commands = shortlist.add_subparsers(dest="shortlist_command", required=True, metavar="COMMAND")
    listing = commands.add_parser("list", help="the programs on a student's shortlist, in order")
    listing.add_argument("student", metavar="STUDENT", help="student ID, email or exact full name")
    listing.add_argument("--format", choices=("table", "json"), default="table")
    adding = commands.add_parser("add", help="put a program on the shortlist (or change its note)")
    adding.add_argument("student", metavar="STUDENT", help="student ID, email or exact full name")
    adding.add_argument("program_id", metavar="PROGRAM", help="the program's id")
    adding.add_argument("--note", default="", metavar="TEXT")
    removing = commands.add_parser("remove", help="take a program off the shortlist")
    removing.add_argument("student", metavar="STUDENT", help="student ID, email or exact full name")
    removing.add_argument("program_id", metavar="PROGRAM", help="the program's id")


def run(db: Database, args: argparse.Namespace) -> int:
    record = student_service.find_student(db, args.student)
    name = record.profile.full_name
    if args.shortlist_command == "add":
        on_it = {e.program_id for e in matching_service.get_shortlist(db, record.id)}
        retired = catalog_service.retired_on(db, args.program_id)
        if retired is not None and args.program_id not in on_it:
            from gradmatch.errors import InputError

            raise InputError(
                f"'{args.program_id}' was {retired_note(retired)}: it is not shortlisted anew "
                f"(`gradmatch program restore {args.program_id}` brings it back)"
            )
        matching_service.add_to_shortlist(db, record.id, args.program_id, args.note)
        print(safe(f"{args.program_id} is on {name}'s shortlist."))
        return 0
    if args.shortlist_command == "remove":
        if args.program_id not in {e.program_id for e in matching_service.get_shortlist(
            db, record.id
        )}:  # fmt: skip
            from gradmatch.services.errors import NotFoundError

            raise NotFoundError(f"'{args.program_id}' is not on {name}'s shortlist")
        matching_service.remove_from_shortlist(db, record.id, args.program_id)
        print(safe(f"{args.program_id} is off {name}'s shortlist."))
        return 0
    entries = matching_service.get_shortlist(db, record.id)
    if args.format == "json":
        print_json(
            [
                {
                    "program_id": e.program_id,
                    "program": e.label,
                    "note": e.note,
                    "added_on": e.added_on.isoformat(),
                    "retired": e.retired_on is not None,
                    "retired_on": e.retired_on.isoformat() if e.retired_on else None,
                }
                for e in entries
            ]
        )
        return 0
    print_table(
        ["#", "Program", "ID", "Status", "Note"],
        [
            [
                str(number),
                e.label,
                e.program_id,
                retired_note(e.retired_on) if e.retired_on else "in the catalog",
                e.note,
            ]
            for number, e in enumerate(entries, start=1)
        ],
        max_width=70,
    )
    print(safe(f"{len(entries)} programs on {name}'s shortlist"))
    return 0
