"""The catalog: programs, ranking lists, the catalog's source and counselor edits.

Revision ID: 0001_catalog
Revises:
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_catalog"
down_revision = None
branch_labels = None
depends_on = None


def _money(column: str) -> sa.CheckConstraint:
    return sa.CheckConstraint(
        f"{column} IS NULL OR ({column} >= 0 AND {column} <= 1000000000)", name=column
    )


def upgrade() -> None:
    op.create_table(
        "program",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("school", sa.Text(), nullable=False),
        sa.Column("city", sa.Text(), nullable=False),
        sa.Column("state", sa.Text(), nullable=False),
        sa.Column("program", sa.Text(), nullable=False),
        sa.Column("mode", sa.Text(), nullable=False),
        sa.Column("delivery", sa.Text(), nullable=False),
        sa.Column("artiba", sa.Integer(), nullable=True),
        sa.Column("credits", sa.Integer(), nullable=True),
        sa.Column("rate_flat_cents", sa.Integer(), nullable=True),
        sa.Column("rate_in_state_cents", sa.Integer(), nullable=True),
        sa.Column("rate_out_of_state_cents", sa.Integer(), nullable=True),
        sa.Column("total_flat_cents", sa.Integer(), nullable=True),
        sa.Column("total_in_state_cents", sa.Integer(), nullable=True),
        sa.Column("total_out_of_state_cents", sa.Integer(), nullable=True),
        sa.Column("gre_policy", sa.Text(), nullable=True),
        sa.Column("gre_text", sa.Text(), nullable=True),
        sa.Column("control", sa.Text(), nullable=True),
        sa.Column("control_basis", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("as_of", sa.Text(), nullable=False),
        sa.Column("verified", sa.Integer(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("listings", sa.Text(), nullable=False),
        sa.CheckConstraint("length(id) BETWEEN 1 AND 80", name="id_length"),
        sa.CheckConstraint("length(school) > 0 AND length(program) > 0", name="names"),
        sa.CheckConstraint("length(state) = 2", name="state_code"),
        sa.CheckConstraint("mode IN ('campus', 'online')", name="mode"),
        sa.CheckConstraint("delivery IN ('campus', 'online', 'both')", name="delivery"),
        sa.CheckConstraint("artiba IS NULL OR artiba IN (0, 1)", name="artiba"),
        sa.CheckConstraint("verified IN (0, 1)", name="verified"),
        sa.CheckConstraint("credits IS NULL OR (credits > 0 AND credits <= 200)", name="credits"),
        sa.CheckConstraint(
            "gre_policy IS NULL OR gre_policy IN "
            "('required', 'optional', 'not_required', 'conditional')",
            name="gre_policy",
        ),
        sa.CheckConstraint("control IS NULL OR control IN ('public', 'private')", name="control"),
        sa.CheckConstraint("as_of GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'", name="as_of"),
        sa.CheckConstraint("json_valid(listings)", name="listings_json"),
        _money("rate_flat_cents"),
        _money("rate_in_state_cents"),
        _money("rate_out_of_state_cents"),
        _money("total_flat_cents"),
        _money("total_in_state_cents"),
        _money("total_out_of_state_cents"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_program")),
        sqlite_strict=True,
    )
    op.create_table(
        "ranking_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("list", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("printed_number", sa.Integer(), nullable=True),
        sa.Column("school", sa.Text(), nullable=False),
        sa.CheckConstraint("year BETWEEN 1990 AND 2100", name="year"),
        sa.CheckConstraint("list IN ('campus', 'online')", name="list"),
        sa.CheckConstraint("position >= 1", name="position"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ranking_entry")),
        sa.UniqueConstraint("year", "list", "position", name=op.f("uq_ranking_entry_year")),
        sqlite_strict=True,
    )
    op.create_table(
        "catalog_source",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("summary_claims", sa.Text(), nullable=False),
        sa.Column("file_name", sa.Text(), nullable=False),
        sa.Column("imported_at", sa.Text(), nullable=False),
        sa.CheckConstraint("id = 1", name="single_row"),
        sa.CheckConstraint("json_valid(source) AND json_valid(summary_claims)", name="json"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_catalog_source")),
        sqlite_strict=True,
    )
    op.create_table(
        "program_edit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("program_id", sa.Text(), nullable=False),
        sa.Column("field", sa.Text(), nullable=False),
        sa.Column("original", sa.Text(), nullable=False),
        sa.Column("edited_at", sa.Text(), nullable=False),
        sa.CheckConstraint("json_valid(original)", name="original_json"),
        sa.ForeignKeyConstraint(
            ["program_id"],
            ["program.id"],
            name=op.f("fk_program_edit_program_id_program"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_program_edit")),
        sa.UniqueConstraint("program_id", "field", name=op.f("uq_program_edit_program_id")),
        sqlite_strict=True,
    )


def downgrade() -> None:
    op.drop_table("program_edit")
    op.drop_table("catalog_source")
    op.drop_table("ranking_entry")
    op.drop_table("program")
