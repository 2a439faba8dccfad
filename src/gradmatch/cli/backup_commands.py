"""`gradmatch backup now|list|restore`: the window's File ▸ Back up now and Restore, through
the same services. A restore asks nothing, but backs up the database as it is first and
says which file it restored and where the state before went."""

from __future__ import annotations

import argparse
from typing import Any

from gradmatch.cli.output import print_json, print_table
from gradmatch.services import backups
from gradmatch.services.database import Database


def add_parser(subparsers: Any) -> None:
    backup = subparsers.add_parser(
        "backup", help="back up the database, list its backups, restore one"
    )
    commands = backup.add_subparsers(dest="backup_command", required=True, metavar="COMMAND")
    commands.add_parser("now", help="take a backup now and print where it went")
    listing = commands.add_parser("list", help="this database's backups, newest first")
    listing.add_argument("--format", choices=("table", "json"), default="table")
    restoring = commands.add_parser(
        "restore",
        help="put a backup in place of the database (asks nothing: the database as it is "
        "now is backed up first, so the restore can be undone the same way)",
    )
    restoring.add_argument(
        "backup", metavar="BACKUP", help="a file name from `gradmatch backup list`, or its path"
    )


def run(db: Database, args: argparse.Namespace) -> int:
    if args.backup_command == "now":
        made = backups.backup_now(db)
        print(f"Backed up {db.path.name} to {made}")
        return 0
    if args.backup_command == "list":
        found = backups.backups(db.path)
        if args.format == "json":
            print_json(
                [
                    {
                        "file": str(b.path),
                        "taken_at": b.taken_at.isoformat(timespec="seconds"),
                        "reason": b.reason,
                        "size": b.size,
                        "students": b.students,
                    }
                    for b in found
                ]
            )
            return 0
        rows = [
            (
                f"{b.taken_at:%Y-%m-%d %H:%M}",
                backups.REASONS.get(b.reason, b.reason),
                f"{b.size / 1024:,.0f} KB",
                "unreadable" if b.students is None else str(b.students),
                b.path.name,
            )
            for b in found
        ]
        print_table(("Taken", "Why", "Size", "Students", "File"), rows, max_width=120)
        return 0
    chosen = backups.find_backup(db.path, args.backup)
    reopened, undo = backups.restore(db, chosen.path)
    reopened.close()
    print(
        f"Restored {chosen.path.name} (taken {chosen.taken_at:%Y-%m-%d %H:%M}) in place of "
        f"{db.path.name}. The database as it was is kept as {undo.name}."
    )
    return 0
