"""Entry point: no command opens the window; a command runs the command line.

Kept light on purpose: heavy modules (Qt, SQLAlchemy, Alembic, reportlab) are imported
only once it is known which path runs.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from gradmatch import locations


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
    from gradmatch.cli.main import parse, run_command

    args = parse(argv)
    if args.command == "self-test":  # never touches the user's database
        from gradmatch import self_test

        return self_test.run()
    db_path = args.db if args.db is not None else locations.default_database()
    if args.command is None:
        from gradmatch.ui.application import run_gui

        return run_gui(db_path, student_mode=args.student_mode)
    try:
        return run_command(args, db_path)
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        sys.stderr.write("gradmatch: interrupted\n")
        return 130
