"""Students: the counselor's caseload, one profile per row.

Revision ID: 0002_students
Revises: 0001_catalog
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_students"
down_revision = "0001_catalog"
branch_labels = None
depends_on = None

PROFILE_CHECKS = {
    "profile_json": "json_valid(profile)",
    "gre_verbal": "json_extract(profile, '$.gre.verbal') IS NULL OR "
    "json_extract(profile, '$.gre.verbal') BETWEEN 130 AND 170",
    "gre_quant": "json_extract(profile, '$.gre.quant') IS NULL OR "
    "json_extract(profile, '$.gre.quant') BETWEEN 130 AND 170",
    "gre_writing": "json_extract(profile, '$.gre.writing') IS NULL OR "
    "(json_extract(profile, '$.gre.writing') BETWEEN 0 AND 6 "
    "AND json_extract(profile, '$.gre.writing') * 2 = "
    "CAST(json_extract(profile, '$.gre.writing') * 2 AS INTEGER))",
    "gpa_scale": "json_extract(profile, '$.gpa.value') IS NULL OR "
    "(json_extract(profile, '$.gpa.value') >= 0 AND "
    "json_extract(profile, '$.gpa.value') <= json_extract(profile, '$.gpa.scale'))",
}


def upgrade() -> None:
    op.create_table(
        "student",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("full_name", sa.Text(), nullable=False),
        sa.Column("email", sa.Text(), nullable=False),
        sa.Column("email_key", sa.Text(), nullable=False),
        sa.Column("student_code", sa.Text(), nullable=True),
        sa.Column("state", sa.Text(), nullable=True),
        sa.Column("country", sa.Text(), nullable=False),
        sa.Column("completed", sa.Integer(), nullable=False),
        sa.Column("max_total_cost_cents", sa.Integer(), nullable=True),
        sa.Column("archived", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.Text(), nullable=False),
        sa.Column("profile", sa.Text(), nullable=False),
        sa.CheckConstraint("length(full_name) BETWEEN 1 AND 200", name="full_name"),
        sa.CheckConstraint("email LIKE '%_@_%'", name="email"),
        sa.CheckConstraint("archived IN (0, 1)", name="archived"),
        sa.CheckConstraint("completed BETWEEN 0 AND 10", name="completed"),
        sa.CheckConstraint(
            "max_total_cost_cents IS NULL OR max_total_cost_cents >= 0", name="max_total_cost"
        ),
        *(sa.CheckConstraint(sql, name=name) for name, sql in PROFILE_CHECKS.items()),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_student")),
        sa.UniqueConstraint("student_code", name=op.f("uq_student_student_code")),
        sqlite_strict=True,
    )
    op.create_index(op.f("ix_student_email_key"), "student", ["email_key"])


def downgrade() -> None:
    op.drop_index(op.f("ix_student_email_key"), table_name="student")
    op.drop_table("student")
