"""Attack: a catalog import that leaves programs out must not take students' work with them.

On the first main, the programs missing from a new catalog were deleted, and the foreign
keys' ``ON DELETE CASCADE`` took every shortlist entry, note and bucket override on them,
reported nowhere. Now they are retired: kept for the students who chose them, not matched
anew, shown "retired from the catalog on DATE", and un-retired when a catalog brings them
back.
"""

from __future__ import annotations

import json
import re
import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from gradmatch import locations
from gradmatch.app import main
from gradmatch.domain.matching import Bucket
from gradmatch.services import catalog as catalog_service
from gradmatch.services import matching, reports
from gradmatch.services import students as student_service
from gradmatch.services.database import Database
from gradmatch.store.tables import Base
from tests.conftest import ROOT

DUKE = "duke-campus"


@pytest.fixture
def demo(database: Database) -> Database:
    student_service.import_roster(
        database, ROOT / "resources" / "demo" / "students.csv", skip_invalid=False
    )
    return database


def _without(tmp_path: Path, *program_ids: str) -> Path:
    document = json.loads(locations.shipped_catalog().read_text(encoding="utf-8"))
    document["programs"] = [p for p in document["programs"] if p["id"] not in program_ids]
    path = tmp_path / "next-year.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def _shortlist_duke(db: Database) -> list[int]:
    ids = [s.id for s in student_service.list_students(db)][:3]
    for number, student_id in enumerate(ids):
        matching.add_to_shortlist(db, student_id, DUKE, f"visit in spring {number}")
    matching.set_override(db, ids[0], DUKE, Bucket.STRETCH, "talked to admissions")
    return ids


def test_a_catalog_without_duke_keeps_every_shortlist_entry_note_and_override(
    demo: Database, tmp_path: Path
) -> None:
    ids = _shortlist_duke(demo)
    result = catalog_service.import_catalog(demo, _without(tmp_path, DUKE))

    for number, student_id in enumerate(ids):
        (entry,) = [e for e in matching.get_shortlist(demo, student_id) if e.program_id == DUKE]
        assert entry.note == f"visit in spring {number}"
        assert entry.retired_on == date.today()
    with demo.unit_of_work() as session:
        from gradmatch.store import match_repo

        assert match_repo.overrides_for(session, ids[0])[DUKE].reason == "talked to admissions"
    # Not matched anew, not on the catalog page's default view.
    assert DUKE not in matching.match_student(demo, ids[1]).by_program()
    assert DUKE not in {p.id for p in catalog_service.load_view(demo).programs}
    # The import says what happened to each shortlist.
    (retired,) = result.retired
    assert retired.sentence().startswith("3 students have Duke University")
    assert "on their shortlist: kept, marked retired" in retired.sentence()


def test_the_preview_says_what_happens_to_each_shortlist_and_changes_nothing(
    demo: Database, tmp_path: Path
) -> None:
    _shortlist_duke(demo)
    preview = catalog_service.preview_import(demo, _without(tmp_path, DUKE))
    (line,) = preview.lines()
    assert line.startswith("3 students have Duke University")
    assert line.endswith(
        "on their shortlist: kept, marked retired (3 notes and 1 bucket override kept)"
    )
    assert DUKE in {p.id for p in catalog_service.list_programs(demo)}


def test_the_shortlist_pdf_and_the_command_line_name_the_retired_program(
    demo: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = _shortlist_duke(demo)
    catalog = _without(tmp_path, DUKE)
    code = main(["--db", str(demo.path), "catalog", "import", str(catalog), "--preview"])
    out = capsys.readouterr().out
    assert code == 0 and "3 students have Duke University" in out and "Nothing was changed" in out
    catalog_service.import_catalog(demo, catalog)
    report = reports.build_report(demo, ids[0])
    assert [entry.program_id for entry in report.retired] == [DUKE]
    assert report.retired[0].note == "visit in spring 0"


def test_a_program_back_in_a_later_catalog_is_no_longer_retired(
    demo: Database, tmp_path: Path
) -> None:
    ids = _shortlist_duke(demo)
    catalog_service.import_catalog(demo, _without(tmp_path, DUKE))
    result = catalog_service.import_catalog(demo, locations.shipped_catalog())
    assert result.restored and result.restored[0].startswith("Duke University")
    (entry,) = [e for e in matching.get_shortlist(demo, ids[0]) if e.program_id == DUKE]
    assert entry.retired_on is None
    assert DUKE in matching.match_student(demo, ids[0]).by_program()


def test_no_foreign_key_deletes_student_work_with_a_program(demo: Database) -> None:
    """Student work (shortlist entries, notes, overrides) never goes with a program: the
    schema itself refuses to delete a program that students' work points at."""
    for table in ("shortlist_entry", "match_override"):
        for key in Base.metadata.tables[table].foreign_keys:
            if key.column.table.name == "program":
                assert key.ondelete == "RESTRICT", table
    _shortlist_duke(demo)
    demo.close()
    with closing(sqlite3.connect(demo.path)) as connection:
        connection.execute("PRAGMA foreign_keys = ON")
        with pytest.raises(sqlite3.IntegrityError, match=re.compile("FOREIGN KEY", re.I)):
            connection.execute("DELETE FROM program WHERE id = ?", (DUKE,))


def test_a_database_from_before_retirement_keeps_its_shortlists_when_upgraded(
    tmp_path: Path,
) -> None:
    from gradmatch.services.database import open_database
    from gradmatch.store import migrations
    from gradmatch.store.engine import make_engine

    path = tmp_path / "old.sqlite3"
    engine = make_engine(path)
    migrations.run_alembic_upgrade(engine, "0004_student_search")
    engine.dispose()
    db = open_database(path)  # 0005 already: fill it, then take it back to 0004
    student_service.import_roster(
        db, ROOT / "resources" / "demo" / "students.csv", skip_invalid=False
    )
    ids = _shortlist_duke(db)
    db.close()
    from alembic import command

    config = migrations.alembic_config()
    config.cmd_opts = type("Opts", (), {"x": [f"db={path}"]})()  # type: ignore[attr-defined]
    command.downgrade(config, "0004_student_search")  # type: ignore[arg-type]
    db = open_database(path)  # runs 0005 again
    try:
        notes = [e.note for i in ids for e in matching.get_shortlist(db, i) if e.program_id == DUKE]
        assert notes == [f"visit in spring {n}" for n in range(3)]
    finally:
        db.close()
    with closing(sqlite3.connect(path)) as connection:
        keys = connection.execute("PRAGMA foreign_key_list(shortlist_entry)").fetchall()
    assert {(k[2], k[6]) for k in keys} == {("student", "CASCADE"), ("program", "RESTRICT")}


def test_a_shortlist_whose_programs_all_left_says_so_in_the_pdf(
    demo: Database, tmp_path: Path
) -> None:
    ids = _shortlist_duke(demo)
    catalog_service.import_catalog(demo, _without(tmp_path, DUKE))
    report = reports.build_report(demo, ids[1])
    assert not report.from_shortlist and report.retired  # best matches stand in
    path = reports.write_pdf(report, tmp_path / "shortlist.pdf")
    from pypdf import PdfReader

    text = " ".join(page.extract_text() for page in PdfReader(path).pages)
    assert "Every program on the shortlist has left the catalog" in " ".join(text.split())
    assert "retired from the catalog on" in " ".join(text.split())


def test_catalog_list_shows_retired_programs_only_when_asked(
    demo: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    catalog_service.import_catalog(demo, _without(tmp_path, DUKE))
    assert main(["--db", str(demo.path), "catalog", "list", "--format", "json"]) == 0
    assert DUKE not in {p["id"] for p in json.loads(capsys.readouterr().out)}
    argv = ["--db", str(demo.path), "catalog", "list", "--format", "json", "--include-retired"]
    assert main(argv) == 0
    listed = {p["id"]: p for p in json.loads(capsys.readouterr().out)}
    assert listed[DUKE]["retired_on"] == date.today().isoformat()
    assert main(["--db", str(demo.path), "catalog", "list", "--include-retired"]) == 0
    assert f"(retired {date.today().isoformat()})" in capsys.readouterr().out
