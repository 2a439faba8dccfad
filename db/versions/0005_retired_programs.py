"""Programs missing from a new catalog are retired, never deleted; student work stays.

Adds ``program.retired_on`` (the date a catalog import left the program out) and turns
the shortlist's and the bucket overrides' foreign keys to programs from ``ON DELETE
CASCADE`` into ``ON DELETE RESTRICT``: deleting a program can never again take a
student's shortlist entries, notes or overrides with it. SQLite cannot change a foreign
key in place, so both tables are rebuilt (rows copied as they are).

Revision ID: 0005_retired_programs
Revises: 0004_student_search
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

BUCKETS_SQL = "'ready', 'after_bridge', 'stretch', 'not_a_fit'"

revision = "0005_retired_programs"
down_revision = "0004_student_search"
branch_labels = None
depends_on = None


def _student_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["student_id"], ["student.id"], name=op.f(f"fk_{table}_student_id_student"),
        ondelete="CASCADE",
    )  # fmt: skip


def _program_fk(table: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["program_id"], ["program.id"], name=op.f(f"fk_{table}_program_id_program"),
        ondelete=ondelete,
    )  # fmt: skip


def _create_tables(suffix: str, ondelete: str) -> None:
    op.create_table(
        f"match_override{suffix}",
        sa.Column("student_id", sa.Integer(), nullable=False),
        sa.Column("program_id", sa.Text(), nullable=False),
        sa.Column("bucket", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("set_at", sa.Text(), nullable=False),
        sa.CheckConstraint(f"bucket IN ({BUCKETS_SQL})", name=op.f("ck_match_override_bucket")),
        sa.CheckConstraint("length(trim(reason)) > 0", name=op.f("ck_match_override_reason")),
        _student_fk("match_override"),
        _program_fk("match_override", ondelete),
        sa.PrimaryKeyConstraint("student_id", "program_id", name=op.f("pk_match_override")),
        sqlite_strict=True,
    )
    op.create_table(
        f"shortlist_entry{suffix}",
        sa.Column("student_id", sa.Integer(), nullable=False),
        sa.Column("program_id", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("added_at", sa.Text(), nullable=False),
        sa.CheckConstraint("position >= 0", name=op.f("ck_shortlist_entry_position")),
        _student_fk("shortlist_entry"),
        _program_fk("shortlist_entry", ondelete),
        sa.PrimaryKeyConstraint("student_id", "program_id", name=op.f("pk_shortlist_entry")),
        sqlite_strict=True,
    )


def _rebuild(ondelete: str) -> None:
    _create_tables("_rebuilt", ondelete)
    for table in ("match_override", "shortlist_entry"):
        op.execute(f"INSERT INTO {table}_rebuilt SELECT * FROM {table}")
        op.drop_table(table)
        op.rename_table(f"{table}_rebuilt", table)


def upgrade() -> None:
    op.add_column("program", sa.Column("retired_on", sa.Text(), nullable=True))
    _rebuild("RESTRICT")


def downgrade() -> None:
    # SQLite's own DROP COLUMN, not a batch rebuild: rebuilding ``program`` would drop the
    # table, and a drop deletes its rows first (and, through CASCADE, the students' work).
    op.drop_column("program", "retired_on")
    _rebuild("CASCADE")
