"""The ORM mapping: STRICT tables with CHECK constraints for ranges the domain also validates.

STRICT tables accept only INTEGER, REAL, TEXT, BLOB and ANY columns, so money is kept
as whole cents (INTEGER), booleans as 0/1 and structured values as JSON text.
"""

from __future__ import annotations

import json
from typing import Any, ClassVar

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
STRICT = {"sqlite_strict": True}


class IntBool(TypeDecorator[bool]):
    """A boolean stored as INTEGER 0/1 (STRICT tables have no BOOLEAN)."""

    impl = Integer
    cache_ok = True

    def process_bind_param(self, value: bool | None, dialect: Dialect) -> int | None:
        return None if value is None else int(bool(value))

    def process_result_value(self, value: int | None, dialect: Dialect) -> bool | None:
        return None if value is None else bool(value)


class JsonText(TypeDecorator[Any]):
    """A JSON document stored as TEXT (checked with ``json_valid``)."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)

    def process_result_value(self, value: str | None, dialect: Dialect) -> Any:
        return None if value is None else json.loads(value)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        str: Text(),
        int: Integer(),
        bool: IntBool(),
        Any: JsonText(),
    }


def _money(column: str) -> CheckConstraint:
    return CheckConstraint(
        f"{column} IS NULL OR ({column} >= 0 AND {column} <= 1000000000)", column
    )


FACT_SOURCES_SQL = "'article', 'school_page', 'counselor'"
_MONTH_GLOB = "[0-9][0-9][0-9][0-9]-[01][0-9]"
# The facts' ranges, checked again by SQLite (the domain checks them first).
PROGRAM_FACT_CHECKS = {
    "facts_json": "json_valid(facts) AND json_type(facts) = 'object'",
    "letters": "json_extract(facts, '$.letters') IS NULL OR "
    "json_extract(facts, '$.letters') BETWEEN 0 AND 10",
    "application_fee": "json_extract(facts, '$.application_fee') IS NULL OR "
    "CAST(json_extract(facts, '$.application_fee') AS REAL) BETWEEN 0 AND 10000",
}


class ProgramRow(Base):
    __tablename__ = "program"
    __table_args__ = (
        CheckConstraint("length(id) BETWEEN 1 AND 80", "id_length"),
        CheckConstraint("length(school) > 0 AND length(program) > 0", "names"),
        CheckConstraint("length(state) = 2", "state_code"),
        CheckConstraint("mode IN ('campus', 'online')", "mode"),
        CheckConstraint("delivery IN ('campus', 'online', 'both')", "delivery"),
        CheckConstraint("artiba IS NULL OR artiba IN (0, 1)", "artiba"),
        CheckConstraint("verified IN (0, 1)", "verified"),
        CheckConstraint("credits IS NULL OR (credits > 0 AND credits <= 200)", "credits"),
        CheckConstraint(
            "gre_policy IS NULL OR gre_policy IN "
            "('required', 'optional', 'not_required', 'conditional')",
            "gre_policy",
        ),
        CheckConstraint("control IS NULL OR control IN ('public', 'private')", "control"),
        CheckConstraint("as_of GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'", "as_of"),
        CheckConstraint("json_valid(listings)", "listings_json"),
        _money("rate_flat_cents"),
        _money("rate_in_state_cents"),
        _money("rate_out_of_state_cents"),
        _money("total_flat_cents"),
        _money("total_in_state_cents"),
        _money("total_out_of_state_cents"),
        *(CheckConstraint(sql, name) for name, sql in PROGRAM_FACT_CHECKS.items()),
        CheckConstraint("origin IN ('catalog', 'counselor')", "origin"),
        CheckConstraint(
            "retired_by IS NULL OR retired_by IN ('import', 'counselor')", "retired_by"
        ),
        STRICT,
    )

    id: Mapped[str] = mapped_column(primary_key=True)
    position: Mapped[int]
    school: Mapped[str]
    city: Mapped[str]
    state: Mapped[str]
    program: Mapped[str]
    mode: Mapped[str]
    delivery: Mapped[str]
    artiba: Mapped[bool | None]
    credits: Mapped[int | None]
    rate_flat_cents: Mapped[int | None]
    rate_in_state_cents: Mapped[int | None]
    rate_out_of_state_cents: Mapped[int | None]
    total_flat_cents: Mapped[int | None]
    total_in_state_cents: Mapped[int | None]
    total_out_of_state_cents: Mapped[int | None]
    gre_policy: Mapped[str | None]
    gre_text: Mapped[str | None]
    control: Mapped[str | None]
    control_basis: Mapped[str] = mapped_column(default="")
    url: Mapped[str | None]
    as_of: Mapped[str]
    verified: Mapped[bool] = mapped_column(default=False)
    notes: Mapped[str] = mapped_column(default="")
    listings: Mapped[Any] = mapped_column(default=list)
    # The day a catalog import left the program out (ISO date); None: in the catalog.
    # A retired program is not matched anew, but the students' work on it stays.
    retired_on: Mapped[str | None]
    # Issue 16's facts (deadlines, requirements...) as a JSON object by field name; a fact
    # not known is absent. See ``domain.program_facts``.
    facts: Mapped[Any] = mapped_column(server_default="{}")
    # "counselor": added by a counselor (never retired by a catalog import).
    origin: Mapped[str] = mapped_column(server_default="catalog")
    # Who retired it: "import" (a catalog import left it out; the next one that holds it
    # brings it back) or "counselor" (`gradmatch program retire`; only a restore undoes it).
    retired_by: Mapped[str | None]


class ProgramProvenanceRow(Base):
    """Where one field of a program comes from, as of when, and who verified it when.
    A field without a row comes from the catalog's document, unverified."""

    __tablename__ = "program_provenance"
    __table_args__ = (
        CheckConstraint(f"source IN ({FACT_SOURCES_SQL})", "source"),
        CheckConstraint(
            f"as_of GLOB '{_MONTH_GLOB}' OR as_of GLOB '{_MONTH_GLOB}-[0-3][0-9]'", "as_of"
        ),
        CheckConstraint("url IS NULL OR url GLOB 'http*://*'", "url"),
        CheckConstraint(
            "(verified_by IS NULL) = (verified_on IS NULL) AND (verified_on IS NULL OR "
            f"verified_on GLOB '{_MONTH_GLOB}-[0-3][0-9]')",
            "verified",
        ),
        CheckConstraint(
            "verified_by IS NULL OR length(verified_by) BETWEEN 1 AND 100", "verified_by"
        ),
        STRICT,
    )

    program_id: Mapped[str] = mapped_column(
        ForeignKey("program.id", ondelete="CASCADE"), primary_key=True
    )
    field: Mapped[str] = mapped_column(primary_key=True)
    source: Mapped[str]
    as_of: Mapped[str]
    url: Mapped[str | None]
    verified_by: Mapped[str | None]
    verified_on: Mapped[str | None]


class RankingRow(Base):
    __tablename__ = "ranking_entry"
    __table_args__ = (
        UniqueConstraint("year", "list", "position"),
        CheckConstraint("year BETWEEN 1990 AND 2100", "year"),
        CheckConstraint("list IN ('campus', 'online')", "list"),
        CheckConstraint("position >= 1", "position"),
        STRICT,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int]
    list: Mapped[str]
    position: Mapped[int]
    printed_number: Mapped[int | None]
    school: Mapped[str]


class CatalogSourceRow(Base):
    """The one catalog the database holds: where it came from and the article's own claims."""

    __tablename__ = "catalog_source"
    __table_args__ = (
        CheckConstraint("id = 1", "single_row"),
        CheckConstraint("json_valid(source) AND json_valid(summary_claims)", "json"),
        STRICT,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[Any]
    summary_claims: Mapped[Any]
    file_name: Mapped[str]
    imported_at: Mapped[str]


class ProgramEditRow(Base):
    """A counselor's edit of one field: the catalog's original value and when it changed."""

    __tablename__ = "program_edit"
    __table_args__ = (
        UniqueConstraint("program_id", "field"),
        CheckConstraint("json_valid(original)", "original_json"),
        STRICT,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[str] = mapped_column(ForeignKey("program.id", ondelete="CASCADE"))
    field: Mapped[str]
    original: Mapped[Any]
    edited_at: Mapped[str]


# The profile's ranges, checked again by SQLite (the domain checks them first).
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


class StudentRow(Base):
    """A student. ``profile`` is the exchange file's ``student`` object; the other columns
    are copies of it for listing, sorting and finding without parsing every profile."""

    __tablename__ = "student"
    __table_args__ = (
        CheckConstraint("length(full_name) BETWEEN 1 AND 200", "full_name"),
        CheckConstraint("email LIKE '%_@_%'", "email"),
        CheckConstraint("archived IN (0, 1)", "archived"),
        CheckConstraint("completed BETWEEN 0 AND 10", "completed"),
        CheckConstraint(
            "max_total_cost_cents IS NULL OR max_total_cost_cents >= 0", "max_total_cost"
        ),
        *(CheckConstraint(sql, name) for name, sql in PROFILE_CHECKS.items()),
        UniqueConstraint("student_code"),
        Index(None, "email_key"),
        Index(None, "name_key", "archived", "search_key"),  # covers the caseload list
        STRICT,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    full_name: Mapped[str]
    email: Mapped[str]
    email_key: Mapped[str]
    # Folded copies (``domain.text.fold``) for sorting by name and searching in SQL.
    name_key: Mapped[str] = mapped_column(server_default="")
    search_key: Mapped[str] = mapped_column(server_default="")
    student_code: Mapped[str | None]
    state: Mapped[str | None]
    country: Mapped[str]
    completed: Mapped[int]
    max_total_cost_cents: Mapped[int | None]
    archived: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[str]
    updated_at: Mapped[str]
    profile: Mapped[Any]


SUBJECTS_SQL = (
    "'programming', 'data_structures', 'algorithms', 'linear_algebra', 'calculus', "
    "'probability', 'statistics', 'discrete_math', 'computer_systems', 'databases'"
)
BUCKETS_SQL = "'ready', 'after_bridge', 'stretch', 'not_a_fit'"


class SettingRow(Base):
    """A counselor setting (e.g. the matcher's weights) as JSON."""

    __tablename__ = "setting"
    __table_args__ = (CheckConstraint("json_valid(value)", "value_json"), STRICT)

    key: Mapped[str] = mapped_column(primary_key=True)
    value: Mapped[Any]


class ProgramExpectationRow(Base):
    """A counselor's override of what one program expects for one subject."""

    __tablename__ = "program_expectation"
    __table_args__ = (
        CheckConstraint(f"subject IN ({SUBJECTS_SQL})", "subject"),
        CheckConstraint(
            "expectation IN ('required', 'recommended', 'not_expected')", "expectation"
        ),
        STRICT,
    )

    program_id: Mapped[str] = mapped_column(
        ForeignKey("program.id", ondelete="CASCADE"), primary_key=True
    )
    subject: Mapped[str] = mapped_column(primary_key=True)
    expectation: Mapped[str]


class MatchOverrideRow(Base):
    """A counselor's bucket for one student and program, with the reason."""

    __tablename__ = "match_override"
    __table_args__ = (
        CheckConstraint(f"bucket IN ({BUCKETS_SQL})", "bucket"),
        CheckConstraint("length(trim(reason)) > 0", "reason"),
        STRICT,
    )

    student_id: Mapped[int] = mapped_column(
        ForeignKey("student.id", ondelete="CASCADE"), primary_key=True
    )
    program_id: Mapped[str] = mapped_column(
        ForeignKey("program.id", ondelete="RESTRICT"), primary_key=True
    )
    bucket: Mapped[str]
    reason: Mapped[str]
    set_at: Mapped[str]


class ShortlistRow(Base):
    """A program on a student's shortlist, in the counselor's order, with a note."""

    __tablename__ = "shortlist_entry"
    __table_args__ = (CheckConstraint("position >= 0", "position"), STRICT)

    student_id: Mapped[int] = mapped_column(
        ForeignKey("student.id", ondelete="CASCADE"), primary_key=True
    )
    program_id: Mapped[str] = mapped_column(
        ForeignKey("program.id", ondelete="RESTRICT"), primary_key=True
    )
    position: Mapped[int]
    note: Mapped[str] = mapped_column(default="")
    added_at: Mapped[str]


LOG_KINDS_SQL = "'meeting', 'email', 'call'"


class MeetingLogRow(Base):
    """One dated contact with a student (``domain.meeting_log``): counselor-only, deleted
    with the student. The date column is ``on_date``: ``ON`` is an SQL keyword."""

    __tablename__ = "meeting_log"
    __table_args__ = (
        CheckConstraint(f"kind IN ({LOG_KINDS_SQL})", "kind"),
        CheckConstraint("length(trim(text)) > 0 AND length(text) <= 4000", "text"),
        CheckConstraint("on_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'", "on_date"),
        Index(None, "student_id", "on_date"),  # one student's log, by date
        STRICT,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("student.id", ondelete="CASCADE"))
    on_date: Mapped[str]
    kind: Mapped[str]
    text: Mapped[str]
    created_at: Mapped[str]
