"""A living catalog: a program's deadlines, admission requirements and other facts, where
each field comes from, who verified it when, counselor-added and counselor-retired programs.

Adds to ``program``: ``facts`` (a JSON object of the new facts by field name, ``{}``: all
unknown), ``origin`` (``catalog`` or ``counselor``), ``retired_by`` (``import`` or
``counselor``; programs retired by an import before this revision are marked ``import``),
with their CHECK constraints; and a new STRICT table ``program_provenance`` (one row per
field whose provenance is not the default: the catalog's document, unverified). The
program table is rebuilt in batch mode with foreign keys off (see ``run_alembic_upgrade``):
rows, and the students' shortlist entries and overrides that point at them, are kept as
they are.

Revision ID: 0007_living_catalog
Revises: 0006_meeting_log
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_living_catalog"
down_revision = "0006_meeting_log"
branch_labels = None
depends_on = None

FACT_SOURCES_SQL = "'article', 'school_page', 'counselor'"
MONTH_GLOB = "[0-9][0-9][0-9][0-9]-[01][0-9]"
PROGRAM_CHECKS = {
    "facts_json": "json_valid(facts) AND json_type(facts) = 'object'",
    "letters": "json_extract(facts, '$.letters') IS NULL OR "
    "json_extract(facts, '$.letters') BETWEEN 0 AND 10",
    "application_fee": "json_extract(facts, '$.application_fee') IS NULL OR "
    "CAST(json_extract(facts, '$.application_fee') AS REAL) BETWEEN 0 AND 10000",
    "origin": "origin IN ('catalog', 'counselor')",
    "retired_by": "retired_by IS NULL OR retired_by IN ('import', 'counselor')",
}


def upgrade() -> None:
    with op.batch_alter_table(
        "program", recreate="always", table_kwargs={"sqlite_strict": True}
    ) as batch:
        batch.add_column(sa.Column("facts", sa.Text(), nullable=False, server_default="{}"))
        batch.add_column(sa.Column("origin", sa.Text(), nullable=False, server_default="catalog"))
        batch.add_column(sa.Column("retired_by", sa.Text(), nullable=True))
        for name, sql in PROGRAM_CHECKS.items():
            batch.create_check_constraint(op.f(f"ck_program_{name}"), sql)
    op.execute("UPDATE program SET retired_by = 'import' WHERE retired_on IS NOT NULL")
    op.create_table(
        "program_provenance",
        sa.Column("program_id", sa.Text(), nullable=False),
        sa.Column("field", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("as_of", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("verified_by", sa.Text(), nullable=True),
        sa.Column("verified_on", sa.Text(), nullable=True),
        sa.CheckConstraint(
            f"source IN ({FACT_SOURCES_SQL})", name=op.f("ck_program_provenance_source")
        ),
        sa.CheckConstraint(
            f"as_of GLOB '{MONTH_GLOB}' OR as_of GLOB '{MONTH_GLOB}-[0-3][0-9]'",
            name=op.f("ck_program_provenance_as_of"),
        ),
        sa.CheckConstraint(
            "url IS NULL OR url GLOB 'http*://*'", name=op.f("ck_program_provenance_url")
        ),
        sa.CheckConstraint(
            "(verified_by IS NULL) = (verified_on IS NULL) AND (verified_on IS NULL OR "
            f"verified_on GLOB '{MONTH_GLOB}-[0-3][0-9]')",
            name=op.f("ck_program_provenance_verified"),
        ),
        sa.CheckConstraint(
            "verified_by IS NULL OR length(verified_by) BETWEEN 1 AND 100",
            name=op.f("ck_program_provenance_verified_by"),
        ),
        sa.ForeignKeyConstraint(
            ["program_id"],
            ["program.id"],
            name=op.f("fk_program_provenance_program_id_program"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("program_id", "field", name=op.f("pk_program_provenance")),
        sqlite_strict=True,
    )


def downgrade() -> None:
    op.drop_table("program_provenance")
    with op.batch_alter_table(
        "program", recreate="always", table_kwargs={"sqlite_strict": True}
    ) as batch:
        for name in PROGRAM_CHECKS:
            batch.drop_constraint(op.f(f"ck_program_{name}"), type_="check")
        batch.drop_column("retired_by")
        batch.drop_column("origin")
        batch.drop_column("facts")
