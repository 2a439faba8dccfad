"""Caseload search and sort keys: folded name and search text, kept with each student.

With these, a 10,000-student caseload is searched and sorted by SQLite instead of
by loading every student into the window.

Revision ID: 0004_student_search
Revises: 0003_matching
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from gradmatch.domain.text import fold

revision = "0004_student_search"
down_revision = "0003_matching"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("student", sa.Column("name_key", sa.Text(), nullable=False, server_default=""))
    op.add_column("student", sa.Column("search_key", sa.Text(), nullable=False, server_default=""))
    connection = op.get_bind()
    rows = connection.execute(
        sa.text("SELECT id, full_name, email, student_code FROM student")
    ).all()
    if rows:
        connection.execute(
            sa.text(
                "UPDATE student SET name_key = :name_key, search_key = :search_key WHERE id = :id"
            ),
            [
                {
                    "id": row.id,
                    "name_key": fold(row.full_name),
                    "search_key": fold(f"{row.full_name} {row.email} {row.student_code or ''}"),
                }
                for row in rows
            ],
        )
    # Covers the list's usual query (by name, archived or not, searched): SQLite scans this
    # small index instead of the rows with their profiles.
    op.create_index(op.f("ix_student_name_key"), "student", ["name_key", "archived", "search_key"])


def downgrade() -> None:
    op.drop_index(op.f("ix_student_name_key"), table_name="student")
    with op.batch_alter_table("student") as batch:
        batch.drop_column("search_key")
        batch.drop_column("name_key")
