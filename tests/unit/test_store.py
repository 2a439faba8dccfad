"""The SQLite store: safe pragmas, STRICT tables, all-or-nothing units of work, private files."""

from __future__ import annotations

import json
import sqlite3
import stat
from contextlib import closing
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from gradmatch.domain.catalog import Tuition
from gradmatch.services import catalog as catalog_service
from gradmatch.services.database import Database, open_database
from gradmatch.services.errors import CatalogError
from gradmatch.store.tables import ProgramRow


def _rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(path)) as connection:
        return connection.execute(sql).fetchall()


def test_every_connection_has_foreign_keys_wal_and_full_sync(database: Database) -> None:
    with database.engine.connect() as connection:
        assert connection.scalar(text("PRAGMA foreign_keys")) == 1
        assert connection.scalar(text("PRAGMA journal_mode")) == "wal"
        assert connection.scalar(text("PRAGMA synchronous")) == 2  # FULL


def test_tables_are_strict(db_path: Path) -> None:
    tables = dict(_rows(db_path, "SELECT name, sql FROM sqlite_master WHERE type = 'table'"))
    for name in ("program", "ranking_entry", "catalog_source", "program_edit"):
        assert str(tables[name]).rstrip().endswith("STRICT"), name


def test_check_constraints_refuse_what_the_domain_refuses(db_path: Path) -> None:
    with closing(sqlite3.connect(db_path)) as connection:
        for sql in (
            "UPDATE program SET credits = 0 WHERE id = 'carnegie-mellon-campus'",
            "UPDATE program SET mode = 'hybrid' WHERE id = 'carnegie-mellon-campus'",
            "UPDATE program SET total_flat_cents = -1 WHERE id = 'carnegie-mellon-campus'",
            "UPDATE program SET credits = 'thirty' WHERE id = 'carnegie-mellon-campus'",
        ):
            with pytest.raises(sqlite3.IntegrityError):
                connection.execute(sql)


def test_a_failed_unit_of_work_leaves_nothing_behind(database: Database) -> None:
    with pytest.raises(RuntimeError), database.unit_of_work() as session:
        session.execute(text("DELETE FROM ranking_entry"))
        session.get(ProgramRow, "duke-campus").credits = 99  # type: ignore[union-attr]
        session.flush()
        raise RuntimeError("the user's action failed half-way")
    assert _rows(database.path, "SELECT count(*) FROM ranking_entry")[0][0] > 0
    assert _rows(database.path, "SELECT credits FROM program WHERE id = 'duke-campus'") == [(30,)]


def test_ddl_is_rolled_back_with_its_transaction(database: Database) -> None:
    # The sqlite3 driver's legacy mode would autocommit the CREATE TABLE; SQLAlchemy emits BEGIN.
    with pytest.raises(RuntimeError), database.unit_of_work() as session:
        session.execute(text("CREATE TABLE scratch (x INTEGER)"))
        raise RuntimeError("abort")
    assert _rows(database.path, "SELECT name FROM sqlite_master WHERE name = 'scratch'") == []


def test_a_constraint_failure_rolls_back_the_whole_unit(database: Database) -> None:
    with pytest.raises(IntegrityError), database.unit_of_work() as session:
        session.get(ProgramRow, "duke-campus").notes = "first change"  # type: ignore[union-attr]
        session.flush()
        session.get(ProgramRow, "claremont-campus").credits = 0  # type: ignore[union-attr]
        session.flush()
    assert _rows(database.path, "SELECT notes FROM program WHERE id = 'duke-campus'") == [("",)]


def test_database_files_are_private(tmp_path: Path) -> None:
    path = tmp_path / "new-folder" / "gradmatch.sqlite3"
    db = open_database(path)
    with db.unit_of_work() as session:
        session.execute(text("SELECT 1"))
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    for file in path.parent.glob("gradmatch.sqlite3*"):
        assert stat.S_IMODE(file.stat().st_mode) == 0o600, file.name
    db.close()


def test_a_new_database_gets_the_shipped_catalog(tmp_path: Path) -> None:
    db = open_database(tmp_path / "fresh.sqlite3")
    view = catalog_service.load_view(db)
    db.close()
    assert len(view.programs) == 17
    assert view.file_name == "programs.json"
    assert view.source is not None and view.source.as_of == "2026-01"


def test_an_edit_remembers_the_original_value_and_date(database: Database) -> None:
    before = catalog_service.list_programs(database)
    edited = catalog_service.edit_program(
        database,
        "csu-global-online",
        {"stated_total": Tuition(flat=Decimal("24300")), "verified": True},
    )
    assert edited.stated_total == Tuition(flat=Decimal("24300"))
    edits = {e.field: e for e in catalog_service.program_edits(database, "csu-global-online")}
    assert set(edits) == {"stated_total", "verified"}
    assert edits["stated_total"].original == {
        "flat": "20250",
        "in_state": None,
        "out_of_state": None,
    }
    assert edits["verified"].original is False
    # A second edit keeps the catalog's original, not the first edit's value.
    catalog_service.edit_program(
        database, "csu-global-online", {"stated_total": Tuition(flat=Decimal("24000"))}
    )
    again = {e.field: e for e in catalog_service.program_edits(database, "csu-global-online")}
    assert again["stated_total"].original["flat"] == "20250"
    # Editing back to the catalog value is no longer an edit.
    catalog_service.edit_program(
        database, "csu-global-online", {"stated_total": Tuition(flat=Decimal("20250"))}
    )
    assert {e.field for e in catalog_service.program_edits(database, "csu-global-online")} == {
        "verified"
    }
    assert len(catalog_service.list_programs(database)) == len(before)


def test_an_invalid_edit_changes_nothing(database: Database) -> None:
    with pytest.raises(ValueError, match="credits"):
        catalog_service.edit_program(database, "duke-campus", {"credits": 0})
    assert _rows(database.path, "SELECT credits FROM program WHERE id = 'duke-campus'") == [(30,)]
    assert _rows(database.path, "SELECT count(*) FROM program_edit") == [(0,)]


def test_catalog_import_is_all_or_nothing(database: Database, tmp_path: Path) -> None:
    from gradmatch import locations

    document = json.loads(locations.shipped_catalog().read_text(encoding="utf-8"))
    document["programs"][16]["credits"] = -3
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    before = _rows(database.path, "SELECT * FROM program ORDER BY id")
    with pytest.raises(CatalogError, match="record 17 \\(columbia-online\\), field 'credits'"):
        catalog_service.import_catalog(database, bad)
    assert _rows(database.path, "SELECT * FROM program ORDER BY id") == before


def test_reimport_replaces_figures_and_keeps_counselor_edits(
    database: Database, tmp_path: Path
) -> None:
    from gradmatch import locations

    catalog_service.edit_program(database, "duke-campus", {"verified": True})
    catalog_service.edit_program(database, "mercer-online", {"notes": "called the office"})
    document = json.loads(locations.shipped_catalog().read_text(encoding="utf-8"))
    document["programs"] = [p for p in document["programs"] if p["id"] != "mercer-online"]
    document["programs"][0]["credits"] = 31
    update = tmp_path / "update.json"
    update.write_text(json.dumps(document), encoding="utf-8")
    result = catalog_service.import_catalog(database, update)
    # Mercer's edit stays with Mercer, retired (never deleted): none is dropped.
    assert (result.programs, result.edits_kept, result.edits_dropped) == (16, 1, 0)
    programs = {p.id: p for p in catalog_service.list_programs(database)}
    assert "mercer-online" not in programs
    assert [r.program_id for r in result.retired] == ["mercer-online"]
    assert programs["carnegie-mellon-campus"].credits == 31
    assert programs["duke-campus"].verified is True
