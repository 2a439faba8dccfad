"""Matching: settings, per-program prerequisite overrides, bucket overrides, shortlists.

Revision ID: 0003_matching
Revises: 0002_students
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_matching"
down_revision = "0002_students"
branch_labels = None
depends_on = None

SUBJECTS_SQL = (
    "'programming', 'data_structures', 'algorithms', 'linear_algebra', 'calculus', "
    "'probability', 'statistics', 'discrete_math', 'computer_systems', 'databases'"
)
BUCKETS_SQL = "'ready', 'after_bridge', 'stretch', 'not_a_fit'"


def upgrade() -> None:
    op.create_table(
        "setting",
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.CheckConstraint("json_valid(value)", name="value_json"),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_setting")),
        sqlite_strict=True,
    )
    op.create_table(
        "program_expectation",
        sa.Column("program_id", sa.Text(), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("expectation", sa.Text(), nullable=False),
        sa.CheckConstraint(f"subject IN ({SUBJECTS_SQL})", name="subject"),
        sa.CheckConstraint(
            "expectation IN ('required', 'recommended', 'not_expected')", name="expectation"
        ),
        sa.ForeignKeyConstraint(
            ["program_id"],
            ["program.id"],
            name=op.f("fk_program_expectation_program_id_program"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("program_id", "subject", name=op.f("pk_program_expectation")),
        sqlite_strict=True,
    )
    op.create_table(
        "match_override",
        sa.Column("student_id", sa.Integer(), nullable=False),
        sa.Column("program_id", sa.Text(), nullable=False),
        sa.Column("bucket", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("set_at", sa.Text(), nullable=False),
        sa.CheckConstraint(f"bucket IN ({BUCKETS_SQL})", name="bucket"),
        sa.CheckConstraint("length(trim(reason)) > 0", name="reason"),
        sa.ForeignKeyConstraint(
            ["student_id"],
            ["student.id"],
            name=op.f("fk_match_override_student_id_student"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["program_id"],
            ["program.id"],
            name=op.f("fk_match_override_program_id_program"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("student_id", "program_id", name=op.f("pk_match_override")),
        sqlite_strict=True,
    )
    op.create_table(
        "shortlist_entry",
        sa.Column("student_id", sa.Integer(), nullable=False),
        sa.Column("program_id", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("added_at", sa.Text(), nullable=False),
        sa.CheckConstraint("position >= 0", name="position"),
        sa.ForeignKeyConstraint(
            ["student_id"],
            ["student.id"],
            name=op.f("fk_shortlist_entry_student_id_student"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["program_id"],
            ["program.id"],
            name=op.f("fk_shortlist_entry_program_id_program"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("student_id", "program_id", name=op.f("pk_shortlist_entry")),
        sqlite_strict=True,
    )


def downgrade() -> None:
    op.drop_table("shortlist_entry")
    op.drop_table("match_override")
    op.drop_table("program_expectation")
    op.drop_table("setting")
