"""``gradmatch catalog list|check|diff|import|export``."""

from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path
from typing import Any

from gradmatch.cli.output import print_json, print_table, safe
from gradmatch.domain.catalog import PROVENANCE_FIELDS, FieldEdit, Program
from gradmatch.domain.money import format_money
from gradmatch.domain.program_fields import BY_NAME
from gradmatch.domain.quality import QualityReport, format_range
from gradmatch.services import catalog as catalog_service
from gradmatch.services.database import Database


def add_parser(subparsers: Any) -> None:
    catalog = subparsers.add_parser("catalog", help="the program catalog")
    commands = catalog.add_subparsers(dest="catalog_command", required=True, metavar="COMMAND")
    listing = commands.add_parser("list", help="list every program offering")
    listing.add_argument("--format", choices=("table", "json"), default="table")
    listing.add_argument(
        "--include-retired",
        action="store_true",
        help="also list programs retired from the catalog (kept for the shortlists)",
    )
    listing.add_argument(
        "--unverified",
        action="store_true",
        help="only programs with a figure not verified in the last 12 months",
    )
    check = commands.add_parser("check", help="report the catalog's data-quality findings")
    check.add_argument("--format", choices=("table", "json"), default="table")
    importing = commands.add_parser(
        "import", help="replace the catalog with a file's, all or nothing"
    )
    importing.add_argument("file", type=Path, metavar="FILE")
    importing.add_argument(
        "--preview",
        action="store_true",
        help="say what the import would do (programs retired, shortlists kept), change nothing",
    )
    importing.add_argument(
        "--take",
        action="extend",
        nargs="+",
        type=_take,
        default=[],
        metavar="ID:FIELD",
        help="use the file's value of FIELD of program ID over the counselor's edit or "
        "verification (see `catalog diff`)",
    )
    importing.add_argument(
        "--take-all", action="store_true", help="use every value of the file over the counselor's"
    )
    diffing = commands.add_parser(
        "diff",
        help="what importing FILE would change: programs added, changed (field: old → new) "
        "and missing (retired); nothing is written",
    )
    diffing.add_argument("file", type=Path, metavar="FILE")
    diffing.add_argument("--format", choices=("table", "json"), default="table")
    exporting = commands.add_parser(
        "export",
        help="write the catalog with each field's provenance (catalog file version 2, "
        "docs/catalog-format.md)",
    )
    exporting.add_argument("--out", type=Path, required=True, metavar="FILE")


def _take(text: str) -> tuple[str, str]:
    program_id, colon, name = text.partition(":")
    if not colon or not program_id or not name:
        raise argparse.ArgumentTypeError(f"'{text}' is not ID:FIELD")
    if name not in BY_NAME:
        raise argparse.ArgumentTypeError(f"'{name}' is not a field of a program")
    return program_id, name


def usage_problem(args: argparse.Namespace) -> str | None:
    if getattr(args, "take_all", False) and getattr(args, "take", None):
        return "--take and --take-all do not go together"
    if getattr(args, "preview", False) and (args.take or args.take_all):
        return "--preview shows no merge choices: use `catalog diff FILE`"
    return None


def run(db: Database, args: argparse.Namespace) -> int:
    command = args.catalog_command
    if command == "list":
        view = (
            catalog_service.load_view(db, include_retired=True)
            if args.include_retired
            else catalog_service.load_view(db)
        )
        programs = view.programs
        if args.unverified:
            stale = {p.id for p in catalog_service.not_verified_since(db)}
            programs = [p for p in programs if p.id in stale]
        if args.format == "json":
            print_json([program_document(p, view.edits.get(p.id, [])) for p in programs])
        else:
            _print_program_table(programs)
        return 0
    if command == "diff":
        diff_report = catalog_service.diff_file(db, args.file)
        if args.format == "json":
            print_json(diff_document(diff_report))
        else:
            _print_diff(diff_report)
        return 0
    if command == "export":
        count = catalog_service.export_catalog(db, args.out)
        print(safe(f"Wrote {count} program offerings with their provenance to {args.out}"))
        return 0
    if command == "check":
        report = catalog_service.quality_report(db)
        if args.format == "json":
            print_json(report_document(report))
        else:
            _print_report(report)
        return 0
    if args.preview:
        preview = catalog_service.preview_import(db, args.file)
        print(
            f"{args.file.name} holds {preview.programs} program offerings "
            f"({preview.added} new). Nothing was changed (--preview)."
        )
        _print_lines(preview.lines())
        return 0
    take: Any = "all" if args.take_all else set(args.take)
    result = catalog_service.import_catalog(db, args.file, take=take)
    print(
        f"Imported {result.programs} program offerings and {result.rankings} ranking entries "
        f"from {args.file.name}; {result.findings} data-quality findings "
        "(see `gradmatch catalog check`)."
    )
    if result.edits_kept or result.edits_dropped:
        print(
            f"Counselor edits: {result.edits_kept} kept, "
            f"{result.edits_dropped} dropped (their programs are no longer in the catalog)."
        )
    _print_lines(result.lines())
    return 0


def _print_lines(lines: list[str]) -> None:
    """Programs retired or back, and what happens to each shortlist that holds them."""
    if lines:
        print("Programs not in the new catalog are retired, never deleted:")
    for line in lines:
        print(f"  - {line}")


def program_document(program: Program, edits: list[FieldEdit]) -> dict[str, Any]:
    document = program.model_dump(mode="python")
    document.update(
        provenance={
            name: program.provenance_of(name).model_dump(mode="json") for name in PROVENANCE_FIELDS
        },
        retired_by=program.retired_by,
        deadlines=program.model_dump(mode="json", include={"deadlines"})["deadlines"],
        mode=program.mode.value,
        delivery=program.delivery.value,
        state_name=program.state_name,
        gre=(
            {"policy": program.gre.policy.value, "text": program.gre.text} if program.gre else None
        ),
        control=program.control.value if program.control else None,
        retired_on=program.retired_on.isoformat() if program.retired_on else None,
        rankings=[
            {
                "year": r.year,
                "list": r.list.value,
                "position": r.position,
                "printed_number": r.printed_number,
            }
            for r in program.rankings
        ],
        estimated_tuition=(
            program.computed_tuition.model_dump() if program.computed_tuition else None
        ),
        edits=[
            {
                "field": e.field,
                "original": e.original,
                "edited_at": e.edited_at.isoformat(timespec="seconds"),
            }
            for e in edits
        ],
    )
    return document


def diff_document(report: catalog_service.DiffReport) -> dict[str, Any]:
    diff = report.diff
    work = {r.program_id: r for r in report.retired}
    return {
        "file": report.file_name,
        "added": [{"id": p.id, "program": p.full_name} for p in diff.added],
        "changed": [
            {
                "id": c.program_id,
                "program": c.label,
                "previous_id": c.previous_id,
                "restored": c.restored,
                "fields": [
                    {
                        "field": f.field,
                        "old": f.old,
                        "new": f.new,
                        "kept": None if f.applies else f.stands,
                    }
                    for f in c.changes
                ],
            }
            for c in diff.changed
        ],
        "missing": [
            {
                "id": p.id,
                "program": p.full_name,
                "students": work[p.id].students if p.id in work else 0,
                "notes": work[p.id].notes if p.id in work else 0,
                "overrides": work[p.id].overrides if p.id in work else 0,
            }
            for p in diff.missing
        ],
        "unchanged": diff.unchanged,
    }


def _print_diff(report: catalog_service.DiffReport) -> None:
    diff = report.diff
    print(safe(f"{report.file_name}: {len(diff.added)} added, {len(diff.changed)} changed, "
               f"{len(diff.missing)} missing (retired, never deleted), "
               f"{diff.unchanged} unchanged. Nothing was changed."))  # fmt: skip
    for program in diff.added:
        print(safe(f"+ {program.id}: {program.full_name}"))
    for change in diff.changed:
        extra = f" (was {change.previous_id}: its students' work follows it)" if (
            change.previous_id) else ""  # fmt: skip
        extra += " (back in the catalog)" if change.restored else ""
        print(safe(f"~ {change.program_id}: {change.label}{extra}"))
        for field_change in change.changes:
            print(safe(f"    {field_change.sentence()}"))
    for retired in report.retired:
        print(safe(f"- {retired.program_id}: {retired.sentence()}"))


def report_document(report: QualityReport) -> dict[str, Any]:
    return {
        "findings": [finding.model_dump(mode="json") for finding in report.findings],
        "statistics": [
            {**check.model_dump(mode="python"), "scope": check.scope.value}
            for check in report.statistics
        ],
    }


def _print_program_table(programs: list[Program]) -> None:
    rows = [
        [
            p.id,
            p.school
            + (f" (retired {p.retired_on.isoformat()})" if p.retired_on else "")
            + (" (added by the counselor)" if p.origin == "counselor" else ""),
            p.mode.value,
            p.state,
            str(p.credits or "—"),
            p.cost_per_credit.display() if p.cost_per_credit else "—",
            p.stated_total.display() if p.stated_total else "—",
            p.gre.policy.label if p.gre else "—",
        ]
        for p in programs
    ]
    print_table(
        ["ID", "School", "Mode", "State", "Credits", "Per credit", "Stated total", "GRE"],
        rows,
        max_width=60,
    )
    print(f"{len(programs)} program offerings")


def _print_report(report: QualityReport) -> None:
    print(f"{len(report.findings)} data-quality findings\n")
    for finding in report.findings:
        where = finding.program_id or "catalog"
        print(f"[{finding.severity.value}] {where} · {finding.field or ''}")
        print(textwrap.indent(textwrap.fill(finding.message, 96), "    "))
        for value in finding.values:
            print(f"      - {value.source}: {value.value}")
    print("\nSummary statistics printed by the source article, recomputed from the cards:")
    print_table(
        ["Statistic", "Article", "Recomputed", "Agrees"],
        [
            [
                check.label,
                format_money(check.claim),
                format_range(check.recomputed_low, check.recomputed_high),
                "yes" if check.agrees else "NO",
            ]
            for check in report.statistics
        ],
        max_width=60,
    )
    sys.stdout.flush()
