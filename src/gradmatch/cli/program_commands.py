"""``gradmatch program add|edit|duplicate|retire|restore|verify``: one program of the catalog.

``edit --set FIELD=VALUE`` and ``verify --set`` read each value by its field's declaration
(``domain/program_fields.py``); an empty VALUE means unknown.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from gradmatch.cli.output import safe
from gradmatch.domain.program_facts import FactSource
from gradmatch.domain.program_fields import BY_NAME, EDITABLE, describe
from gradmatch.services import catalog as catalog_service
from gradmatch.services.database import Database


def assignment(text: str) -> tuple[str, str]:
    name, equals, value = text.partition("=")
    if not equals or not name.strip():
        raise argparse.ArgumentTypeError(f"'{text}' is not FIELD=VALUE")
    if name.strip() not in BY_NAME:
        raise argparse.ArgumentTypeError(
            f"'{name.strip()}' is not a field of a program (one of: {', '.join(EDITABLE)})"
        )
    return name.strip(), value


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (YYYY-MM-DD)") from None


def add_parser(subparsers: Any) -> None:
    program = subparsers.add_parser("program", help="add, change, retire or verify a program")
    commands = program.add_subparsers(dest="program_command", required=True, metavar="COMMAND")
    fields = "FIELD is one of: " + ", ".join(
        f"{name} (e.g. {BY_NAME[name].example})" if BY_NAME[name].example else name
        for name in EDITABLE
    )
    adding = commands.add_parser(
        "add",
        help="add a program from a JSON file (the shape `catalog list --format json` prints "
        "for one program)",
    )
    adding.add_argument("file", type=Path, metavar="FILE.json")
    editing = commands.add_parser(
        "edit", help="change fields of a program (an empty VALUE: unknown)", description=fields
    )
    editing.add_argument("program_id", metavar="ID")
    editing.add_argument(
        "--set", dest="values", nargs="+", type=assignment, required=True,
        metavar="FIELD=VALUE", action="extend",
    )  # fmt: skip
    editing.add_argument(
        "--source",
        choices=[s.value for s in FactSource],
        default=FactSource.COUNSELOR.value,
        help="where the new values come from (default: counselor)",
    )
    editing.add_argument("--url", help="the page the values were read from")
    duplicating = commands.add_parser("duplicate", help="copy a program under a new id")
    duplicating.add_argument("program_id", metavar="ID")
    duplicating.add_argument("new_id", metavar="NEW_ID")
    for name, text in (
        ("retire", "retire a program: kept, marked retired, for the students who shortlisted "
                   "it; not matched anew"),
        ("restore", "bring a retired program back into the catalog"),
    ):  # fmt: skip
        command = commands.add_parser(name, help=text)
        command.add_argument("program_id", metavar="ID")
    verifying = commands.add_parser(
        "verify",
        help="confirm a program's figures against the school's page (all with a value, or "
        "the FIELDs named), stamped with the date and who checked",
        description=fields,
    )
    verifying.add_argument("program_id", metavar="ID")
    verifying.add_argument("fields", nargs="*", metavar="FIELD")
    verifying.add_argument("--by", required=True, metavar="NAME", help="who verified it")
    verifying.add_argument(
        "--set", dest="values", nargs="+", type=assignment, default=[], action="extend",
        metavar="FIELD=VALUE", help="correct a figure the page says otherwise",
    )  # fmt: skip
    verifying.add_argument("--url", help="the school's page")
    verifying.add_argument("--on", type=_day, metavar="DATE", help="default: today")


def usage_problem(args: argparse.Namespace) -> str | None:
    seen: set[str] = set()
    for name, _value in getattr(args, "values", None) or ():
        if name in seen:
            return f"{name} is given twice"
        seen.add(name)
    for name in getattr(args, "fields", None) or ():
        if name not in BY_NAME:
            return f"'{name}' is not a field of a program (one of: {', '.join(EDITABLE)})"
    return None


def run(db: Database, args: argparse.Namespace) -> int:
    command = args.program_command
    if command == "add":
        program = catalog_service.add_program(db, args.file)
        print(safe(f"Added {program.full_name} (id {program.id})."))
        return 0
    if command == "duplicate":
        program = catalog_service.duplicate_program(db, args.program_id, args.new_id)
        print(safe(f"Added {program.full_name} (id {program.id}), a copy of {args.program_id}."))
        return 0
    if command == "edit":
        program = catalog_service.set_fields(
            db, args.program_id, args.values, source=FactSource(args.source), url=args.url
        )
        for name, _value in args.values:
            print(safe(f"{name}: {describe(program, name)}"))
        return 0
    if command in ("retire", "restore"):
        program = catalog_service.set_retired(db, args.program_id, command == "retire")
        if program.retired_on:
            print(safe(f"Retired {program.full_name} on {program.retired_on.isoformat()}: "
                       "kept on every shortlist, not matched anew."))  # fmt: skip
        else:
            print(safe(f"Restored {program.full_name} to the catalog."))
        return 0
    result = catalog_service.verify_program(
        db, args.program_id, by=args.by, fields=args.fields or None,
        corrections=args.values, url=args.url, on=args.on,
    )  # fmt: skip
    day = result.program.provenance_of(
        (result.confirmed + result.corrected or ("verified",))[0]
    ).verified_on
    print(safe(f"{result.program.full_name}: verified by {' '.join(args.by.split())} on "
               f"{day.isoformat() if day else ''}"))  # fmt: skip
    for name in result.confirmed:
        print(safe(f"  confirmed  {name}: {describe(result.program, name)}"))
    for name in result.corrected:
        print(safe(f"  corrected  {name}: {describe(result.program, name)}"))
    for name in result.unknown:
        print(safe(f"  unknown    {name}: nothing to confirm"))
    return 0
