"""Argument parsing and dispatch; errors become one line on stderr and a non-zero exit."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from gradmatch import __version__, locations

if TYPE_CHECKING:
    from argparse import _SubParsersAction


# argparse's convention: arguments that make no command (an unknown command or option, a
# missing argument, a bad value, options that do not go together) exit 2 with the usage; a
# command that ran and failed (no such file, a bad input, a refused database) exits 1.
USAGE_ERROR = 2


class _Parser(argparse.ArgumentParser):
    # The parser of each command by name ("export"), for its usage in an error.
    commands: dict[str, argparse.ArgumentParser]

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"gradmatch: error: {message}\n")
        raise SystemExit(USAGE_ERROR)


def _global_parser() -> _Parser:
    parser = _Parser(
        prog="gradmatch",
        description="Graduate-admissions counseling for ML/AI Master's programs. "
        "Without a command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"GradMatch {__version__}")
    parser.add_argument(
        "--db",
        type=Path,
        metavar="PATH",
        help="the database file (default: $GRADMATCH_DB, else the user's data folder)",
    )
    parser.add_argument(
        "--student-mode",
        action="store_true",
        default=locations.student_mode_default(),
        help="open the window on one student's own profile, without the caseload "
        "(the default of the student edition's installer)",
    )
    return parser


def build_parser() -> _Parser:
    from gradmatch.cli import (
        backup_commands,
        catalog_commands,
        export_commands,
        match_commands,
        program_commands,
        shortlist_commands,
        student_commands,
    )

    parser = _global_parser()
    subparsers: _SubParsersAction[_Parser] = parser.add_subparsers(
        dest="command", metavar="COMMAND"
    )
    catalog_commands.add_parser(subparsers)
    program_commands.add_parser(subparsers)
    student_commands.add_parser(subparsers)
    shortlist_commands.add_parser(subparsers)
    match_commands.add_parser(subparsers)
    export_commands.add_parser(subparsers)
    backup_commands.add_parser(subparsers)
    subparsers.add_parser(
        "self-test",
        help="check this installation end to end in a throw-away folder (prints "
        "'self-test: ok' and exits 0, or says what failed and exits 1)",
    )
    parser.commands = dict(subparsers.choices)
    return parser


# Commands that write to the database take its lock, as a window does: none writes while a
# window has the database open, and a restore never runs beside another writer. Another
# command holding the lock is waited for, up to LOCK_WAIT seconds.
WRITERS = frozenset(
    {"catalog import", "student import", "student add", "student edit", "backup restore",
     "program add", "program edit", "program duplicate", "program retire", "program restore",
     "program verify", "shortlist add", "shortlist remove"}
)  # fmt: skip
# Commands that write only with one of their options: ``student log STUDENT --add TEXT``.
WRITING_OPTIONS = {"student log": "add"}
LOCK_WAIT = 30.0


def _action(args: argparse.Namespace) -> str:
    sub = getattr(args, f"{args.command}_command", None)
    return f"{args.command} {sub}" if sub else str(args.command)


def writes(args: argparse.Namespace) -> bool:
    """Whether the command writes to the database (and so takes its lock)."""
    action = _action(args)
    option = WRITING_OPTIONS.get(action)
    return action in WRITERS or (option is not None and getattr(args, option, None) is not None)


def run_command(args: argparse.Namespace, db_path: Path) -> int:
    """Run one command. A user error (a bad value or file, a full disk, a database that is
    busy, in use, read-only or damaged) is one line on stderr and exit 1; any other
    exception is a bug and goes on with its traceback."""
    from gradmatch.services.database import database_path
    from gradmatch.services.errors import DatabaseLock, UserError

    lock = None
    if writes(args):
        try:
            lock = DatabaseLock(database_path(db_path), holder=_action(args))
            lock.acquire(wait=LOCK_WAIT)
        except UserError as error:
            return _fail(str(error))
    try:
        return _run_open(args, db_path)
    finally:
        if lock is not None:
            lock.release()


def _run_open(args: argparse.Namespace, db_path: Path) -> int:
    from gradmatch.cli import (
        backup_commands,
        catalog_commands,
        export_commands,
        match_commands,
        program_commands,
        shortlist_commands,
        student_commands,
    )
    from gradmatch.services.database import open_database
    from gradmatch.services.errors import UserError

    try:
        db = open_database(db_path)
    except UserError as error:
        return _fail(str(error))
    try:
        if args.command == "backup":
            return backup_commands.run(db, args)
        if args.command == "catalog":
            return catalog_commands.run(db, args)
        if args.command == "student":
            return student_commands.run(db, args)
        if args.command == "program":
            return program_commands.run(db, args)
        if args.command == "shortlist":
            return shortlist_commands.run(db, args)
        if args.command == "match":
            return match_commands.run(db, args)
        if args.command == "export":
            return export_commands.run(db, args)
        return _fail(f"unknown command {args.command!r}")  # pragma: no cover - argparse refuses
    except UserError as error:
        return _fail(str(error))
    finally:
        db.close()


def _fail(message: str) -> int:
    from gradmatch.cli.output import safe

    sys.stderr.write(f"gradmatch: error: {safe(message)}\n")
    return 1


def _opens_the_window(tokens: list[str]) -> bool:
    """Whether the arguments are window options only (no command, no help): then the
    command modules, and the services they import, need not be loaded at all."""
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token == "--db":
            index += 2
        elif token.startswith("--db=") or token == "--student-mode":
            index += 1
        else:
            return False
    return True


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    tokens = list(sys.argv[1:] if argv is None else argv)
    if _opens_the_window(tokens):
        args = _global_parser().parse_args(tokens)
        args.command = None
        return args
    parser = build_parser()
    args = parser.parse_args(tokens)
    _check_usage(parser, args)
    return args


def _check_usage(parser: _Parser, args: argparse.Namespace) -> None:
    """What argparse cannot see alone (options that do not go together, a field given
    twice) is a usage error too, found before any database is opened."""
    from gradmatch.cli import catalog_commands, export_commands, program_commands, student_commands

    checks = {
        "export": export_commands.usage_problem,
        "student": student_commands.usage_problem,
        "program": program_commands.usage_problem,
        "catalog": catalog_commands.usage_problem,
    }
    check = checks.get(args.command)
    problem = check(args) if check is not None else None
    if problem is not None:
        parser.commands[args.command].error(problem)
