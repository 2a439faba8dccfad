"""A meeting log per student: dated contacts (meeting, email, call), counselor-only.

A new table; nothing else changes. Its rows go with their student (``ON DELETE CASCADE``,
like the shortlist and the bucket overrides).

Revision ID: 0006_meeting_log
Revises: 0005_retired_programs
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_meeting_log"
down_revision = "0005_retired_programs"
branch_labels = None
depends_on = None

LOG_KINDS_SQL = "'meeting', 'email', 'call'"


def upgrade() -> None:
    op.create_table(
        "meeting_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("student_id", sa.Integer(), nullable=False),
        sa.Column("on_date", sa.Text(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.Text(), nullable=False),
        sa.CheckConstraint(f"kind IN ({LOG_KINDS_SQL})", name=op.f("ck_meeting_log_kind")),
        sa.CheckConstraint(
            "length(trim(text)) > 0 AND length(text) <= 4000", name=op.f("ck_meeting_log_text")
        ),
        sa.CheckConstraint(
            "on_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'",
            name=op.f("ck_meeting_log_on_date"),
        ),
        sa.ForeignKeyConstraint(
            ["student_id"],
            ["student.id"],
            name=op.f("fk_meeting_log_student_id_student"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_log")),
        sqlite_strict=True,
    )
    op.create_index(op.f("ix_meeting_log_student_id"), "meeting_log", ["student_id", "on_date"])


def downgrade() -> None:
    op.drop_index(op.f("ix_meeting_log_student_id"), table_name="meeting_log")
    op.drop_table("meeting_log")
