"""Alembic migrations: the schema the code expects, upgrades that keep every row, refusals."""

from __future__ import annotations

import hashlib
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from gradmatch.services.database import open_database
from gradmatch.services.errors import (
    ForeignDatabaseError,
    MigrationError,
    NewerDatabaseError,
    NotADatabaseError,
)
from gradmatch.store import migrations
from gradmatch.store.engine import make_engine
from gradmatch.store.tables import Base

ROOT = Path(__file__).resolve().parents[2]


def _script() -> ScriptDirectory:
    return ScriptDirectory.from_config(migrations.alembic_config())


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_known_revisions_are_alembics_revisions_in_order() -> None:
    script = _script()
    ordered = [rev.revision for rev in reversed(list(script.walk_revisions()))]
    assert tuple(ordered) == migrations.KNOWN_REVISIONS
    assert script.get_current_head() == migrations.HEAD_REVISION


def test_migrated_schema_matches_the_orm(db_path: Path) -> None:
    engine = make_engine(db_path)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    engine.dispose()
    assert differences == []


def test_upgrade_from_the_first_revision_keeps_every_row(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    engine = make_engine(path)
    first = migrations.KNOWN_REVISIONS[0]
    migrations.run_alembic_upgrade(engine, first)
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO program (id, position, school, city, state, program, mode, delivery, "
            "credits, rate_flat_cents, total_flat_cents, control_basis, as_of, verified, notes, "
            "listings) VALUES ('old-school-campus', 0, 'Old School', 'Austin', 'TX', 'MS in ML', "
            "'campus', 'campus', 30, 100000, 3000000, '', '2025-09', 1, 'kept', '[]')"
        )
        connection.exec_driver_sql(
            "INSERT INTO catalog_source (id, source, summary_claims, file_name, imported_at) "
            "VALUES (1, '{\"title\": \"Old\", \"as_of\": \"2025-09\"}', '[]', 'old.json', '2025-09-01')"
        )
        connection.exec_driver_sql(
            "INSERT INTO program_edit (program_id, field, original, edited_at) "
            "VALUES ('old-school-campus', 'verified', '{\"value\": false}', '2025-09-02T10:00:00+00:00')"
        )
        connection.exec_driver_sql(
            "INSERT INTO ranking_entry (year, list, position, printed_number, school) "
            "VALUES (2025, 'campus', 1, 1, 'Old School')"
        )
    engine.dispose()

    db = open_database(path)
    with closing(sqlite3.connect(path)) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == (
            migrations.HEAD_REVISION,
        )
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    from gradmatch.services import catalog as catalog_service

    programs = catalog_service.list_programs(db)
    edits = catalog_service.program_edits(db, "old-school-campus")
    db.close()
    assert [p.id for p in programs] == ["old-school-campus"]  # not replaced by the shipped catalog
    assert programs[0].verified is True and programs[0].notes == "kept"
    assert programs[0].rankings[0].position == 1
    assert [e.field for e in edits] == ["verified"]


def test_a_newer_database_is_refused_and_left_untouched(db_path: Path) -> None:
    with closing(sqlite3.connect(db_path)) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
        connection.commit()
    before = _digest(db_path)
    with pytest.raises(NewerDatabaseError, match="newer version of GradMatch"):
        open_database(db_path)
    assert _digest(db_path) == before


def test_a_foreign_sqlite_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "photos.sqlite3"
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
        connection.execute("INSERT INTO photos (name) VALUES ('beach.jpg')")
        connection.commit()
    before = _digest(path)
    with pytest.raises(ForeignDatabaseError, match="not one GradMatch wrote"):
        open_database(path)
    assert _digest(path) == before


def test_a_renamed_pdf_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "gradmatch.sqlite3"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)
    before = _digest(path)
    with pytest.raises(NotADatabaseError, match="not an SQLite file"):
        open_database(path)
    assert _digest(path) == before


def test_a_failed_migration_restores_the_backup_taken_before_it(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = make_engine(db_path)

    def broken_upgrade(engine_: object, target: str = "head") -> None:
        with closing(sqlite3.connect(db_path)) as connection:
            connection.execute("DELETE FROM program")  # damage, as a half-done migration would
            connection.commit()
        raise RuntimeError("disk trouble in the middle of the migration")

    monkeypatch.setattr(migrations, "run_alembic_upgrade", broken_upgrade)
    with pytest.raises(MigrationError, match="restored from the backup"):
        migrations.upgrade(engine, db_path, migrations.SchemaState.OLD)
    with closing(sqlite3.connect(db_path)) as connection:
        assert connection.execute("SELECT count(*) FROM program").fetchone() == (17,)
    backups = list((db_path.parent / "backups").glob("*-pre-migration.sqlite3"))
    assert len(backups) == 1
    assert backups[0].stat().st_mode & 0o777 == 0o600


def test_the_alembic_command_line_environment_works(tmp_path: Path) -> None:
    config = migrations.alembic_config()
    path = tmp_path / "by-hand.sqlite3"
    config.cmd_opts = type("Opts", (), {"x": [f"db={path}"]})()  # type: ignore[attr-defined]
    command.upgrade(config, "head")  # type: ignore[arg-type]
    with closing(sqlite3.connect(path)) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == (
            migrations.HEAD_REVISION,
        )


def _definitions(sql: str) -> set[str]:
    """The column and constraint clauses of a CREATE TABLE, whatever their order."""
    body = sql[sql.index("(") + 1 : sql.rindex(")")]
    clauses, depth, current = set(), 0, ""
    for char in body:
        depth += (char == "(") - (char == ")")
        if char == "," and depth == 0:
            clauses.add(" ".join(current.split()))
            current = ""
        else:
            current += char
    clauses.add(" ".join(current.split()))
    return clauses


def test_migrations_build_exactly_the_tables_and_checks_of_the_orm(tmp_path: Path) -> None:
    from sqlalchemy import create_engine

    by_orm = tmp_path / "orm.sqlite3"
    engine = create_engine(f"sqlite:///{by_orm}")
    Base.metadata.create_all(engine)
    engine.dispose()
    by_migrations = tmp_path / "migrated.sqlite3"
    engine = make_engine(by_migrations)
    migrations.run_alembic_upgrade(engine)
    engine.dispose()

    def schema(path: Path) -> dict[str, tuple[set[str], bool]]:
        with closing(sqlite3.connect(path)) as connection:
            rows = connection.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name != 'alembic_version'"
            ).fetchall()
        return {name: (_definitions(sql), sql.rstrip().endswith("STRICT")) for name, sql in rows}

    assert schema(by_migrations) == schema(by_orm)


def test_the_search_keys_are_filled_in_for_students_saved_before_them(tmp_path: Path) -> None:
    from gradmatch.domain.caseload import CaseloadQuery, CaseloadSort
    from gradmatch.services import students as student_service

    path = tmp_path / "old.sqlite3"
    engine = make_engine(path)
    migrations.run_alembic_upgrade(engine, "0003_matching")
    engine.dispose()
    db = open_database(path)  # current schema: the keys are written with each save
    student_service.import_roster(
        db, ROOT / "resources" / "demo" / "students.csv", skip_invalid=False
    )
    db.close()
    config = migrations.alembic_config()  # back to 0003: students without the keys
    config.cmd_opts = type("Opts", (), {"x": [f"db={path}"]})()  # type: ignore[attr-defined]
    command.downgrade(config, "0003_matching")  # type: ignore[arg-type]
    with closing(sqlite3.connect(path)) as connection:
        columns = {row[1] for row in connection.execute("PRAGMA table_info(student)")}
    assert "search_key" not in columns

    db = open_database(path)  # runs 0004
    everyone = student_service.list_students(db)
    found = student_service.caseload_ids(db, CaseloadQuery(words=("zoe", "orsted")))
    by_name = student_service.caseload_ids(db, CaseloadQuery(sort=CaseloadSort.NAME))
    db.close()
    assert [s.full_name for s in everyone if s.id in found] == ["Zoë Ñúñez-Ørsted"]
    assert len(by_name) == len(everyone) == 6


def test_a_database_from_before_the_meeting_log_gets_one_and_keeps_every_row(
    tmp_path: Path,
) -> None:
    from datetime import date

    from gradmatch.domain.meeting_log import read_entry
    from gradmatch.services import matching
    from gradmatch.services import meeting_log as log_service
    from gradmatch.services import students as student_service

    path = tmp_path / "old.sqlite3"
    engine = make_engine(path)
    migrations.run_alembic_upgrade(engine, "0005_retired_programs")
    engine.dispose()
    with closing(sqlite3.connect(path)) as connection:
        assert connection.execute(
            "SELECT count(*) FROM sqlite_master WHERE name = 'meeting_log'"
        ).fetchone() == (0,)
    # Fill it as 0005 left it: the current schema's services, then the log table taken away.
    db = open_database(path)
    student_service.import_roster(
        db, ROOT / "resources" / "demo" / "students.csv", skip_invalid=False
    )
    zoe = student_service.find_student(db, "DEMO-001").id
    matching.add_to_shortlist(db, zoe, matching.match_student(db, zoe).ranking[0].program.id, "n")
    db.close()
    config = migrations.alembic_config()
    config.cmd_opts = type("Opts", (), {"x": [f"db={path}"]})()  # type: ignore[attr-defined]
    command.downgrade(config, "0005_retired_programs")  # type: ignore[arg-type]
    with closing(sqlite3.connect(path)) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == (
            "0005_retired_programs",
        )
        tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
    assert "meeting_log" not in tables
    backups = path.parent / "backups"
    before = set(backups.glob("*-pre-migration.sqlite3"))

    db = open_database(path)  # runs 0006, after a backup
    try:
        assert len(student_service.list_students(db)) == 6
        assert [e.note for e in matching.get_shortlist(db, zoe)] == ["n"]
        assert log_service.log_entries(db, zoe) == []
        log_service.add_log_entry(db, zoe, read_entry(date(2026, 1, 5), "call", "First call"))
        assert [r.entry.text for r in log_service.log_entries(db, zoe)] == ["First call"]
    finally:
        db.close()
    assert len(set(backups.glob("*-pre-migration.sqlite3")) - before) == 1
    with closing(sqlite3.connect(path)) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == (
            migrations.HEAD_REVISION,
        )
        keys = connection.execute("PRAGMA foreign_key_list(meeting_log)").fetchall()
        assert {(k[2], k[3], k[6]) for k in keys} == {("student", "student_id", "CASCADE")}
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []


def test_a_database_of_todays_release_gets_the_living_catalog_and_keeps_every_row(
    tmp_path: Path,
) -> None:
    """0007 on a database made by the release before it (0006): programs, edits, retired
    programs, shortlists, notes and overrides kept; the new facts unknown; a retirement by
    an import marked as such; the new CHECK constraints and STRICT in force."""
    from gradmatch.domain.matching import Bucket
    from gradmatch.services import catalog as catalog_service
    from gradmatch.services import matching
    from gradmatch.services import students as student_service

    path = tmp_path / "release.sqlite3"
    engine = make_engine(path)
    migrations.run_alembic_upgrade(engine, "0006_meeting_log")
    engine.dispose()
    with closing(sqlite3.connect(path)) as connection:  # as the shipped release fills it
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute(
            "INSERT INTO program (id, position, school, city, state, program, mode, delivery, "
            "credits, rate_flat_cents, control_basis, as_of, verified, notes, listings, "
            "retired_on) VALUES ('kept-campus', 0, 'Kept U', 'Austin', 'TX', 'MS in ML', "
            "'campus', 'campus', 30, 100000, '', '2026-01', 0, 'a note', '[]', NULL), "
            "('gone-online', 1, 'Gone U', 'Reno', 'NV', 'MS in AI', 'online', 'online', 36, "
            "90000, '', '2026-01', 0, '', '[]', '2026-11-30')"
        )
        connection.execute(
            "INSERT INTO catalog_source (id, source, summary_claims, file_name, imported_at) "
            'VALUES (1, \'{"title": "Old", "as_of": "2026-01"}\', \'[]\', \'a.json\', '
            "'2026-01-01')"
        )
        connection.execute(
            "INSERT INTO program_edit (program_id, field, original, edited_at) VALUES "
            "('kept-campus', 'credits', '{\"value\": 33}', '2026-02-01T10:00:00+00:00')"
        )
        connection.commit()
    db = open_database(path)
    student_service.import_roster(
        db, ROOT / "resources" / "demo" / "students.csv", skip_invalid=False
    )
    zoe = student_service.find_student(db, "DEMO-001").id
    db.close()
    # Student work written straight into the 0007 tables would not be a 0006 database:
    # take the schema back to 0006 with the rows in it, then upgrade again.
    config = migrations.alembic_config()
    config.cmd_opts = type("Opts", (), {"x": [f"db={path}"]})()  # type: ignore[attr-defined]
    db = open_database(path)
    matching.add_to_shortlist(db, zoe, "gone-online", "still interested")
    matching.set_override(db, zoe, "gone-online", Bucket.STRETCH, "asked admissions")
    db.close()
    command.downgrade(config, "0006_meeting_log")  # type: ignore[arg-type]
    with closing(sqlite3.connect(path)) as connection:
        columns = {row[1] for row in connection.execute("PRAGMA table_info(program)")}
        assert "facts" not in columns
        assert connection.execute("SELECT count(*) FROM shortlist_entry").fetchone() == (1,)

    db = open_database(path)  # runs 0007, after a backup
    try:
        programs = {p.id: p for p in catalog_service.load_view(db, include_retired=True).programs}
        assert programs["kept-campus"].notes == "a note"
        assert programs["kept-campus"].deadlines is None and programs["kept-campus"].letters is None
        assert programs["gone-online"].retired_by == "import"
        assert [e.field for e in catalog_service.program_edits(db, "kept-campus")] == ["credits"]
        entry = matching.get_shortlist(db, zoe)[0]
        assert (entry.program_id, entry.note, entry.retired_on is not None) == (
            "gone-online", "still interested", True,
        )  # fmt: skip
    finally:
        db.close()
    with closing(sqlite3.connect(path)) as connection:
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        assert connection.execute("SELECT count(*) FROM match_override").fetchone() == (1,)
        sql = connection.execute("SELECT sql FROM sqlite_master WHERE name = 'program'").fetchone()[
            0
        ]
        assert sql.rstrip().endswith("STRICT")
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            connection.execute(
                "UPDATE program SET facts = '{\"letters\": 99}' WHERE id = 'kept-campus'"
            )
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            connection.execute(
                "INSERT INTO program_provenance (program_id, field, source, as_of) "
                "VALUES ('kept-campus', 'credits', 'rumour', '2026-01')"
            )
