"""Every profile field declared once: the form, the roster and the command line read them.

A :class:`ProfileField` names a field of :class:`~gradmatch.domain.profile.StudentProfile`
by its dotted path (``"budget.max_total_cost"``, the keys of the profile exchange file), the
label the form shows, the roster column it is written in, its kind, how a person writes it
(``parse``) and how it is shown back (``format``), its bounds and its words. From these:

- the form builds its inputs, reads them and puts each message under its field;
- the roster's columns (names, order, descriptions in ``docs/roster-format.md``) are the
  fields that have a column, in the order declared here (a public contract: extend only);
- ``gradmatch student add/edit`` takes ``COLUMN=VALUE`` with the same parsers;
- :func:`model_error` turns pydantic's errors into the same words, for the form, the roster
  report, the command line and the profile file.

So the same bad value gets the same words everywhere: "GRE verbal and quant scores run from
130 to 170", wherever 171 was typed. The bounds themselves live with the model
(:class:`~gradmatch.domain.profile.Bounds`); the rules that span several fields (a GPA
above its scale, a US resident applying as international) are the model's validators.

A blank answer is never a "no": a yes/no question the matcher reads is ``None`` (not
answered) when its cell, field or key is blank.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from pydantic import ValidationError

from gradmatch.domain.money import editable_amount, parse_amount
from gradmatch.domain.profile import (
    AMOUNT,
    GPA_SCALE,
    GPA_VALUE,
    GRE_SECTION,
    GRE_WRITING,
    LOAN_AMOUNT,
    LOAN_RATE,
    LOAN_TERM,
    YEAR,
    Bounds,
    CareerPath,
    DeliveryPreference,
    Specialization,
    Status,
    StudentProfile,
    Subject,
    ThesisPreference,
    scale_text,
)


class Kind(StrEnum):
    TEXT = "text"
    YES_NO = "yes-no-unknown"
    CHOICE = "choice"
    WHOLE = "whole number"
    NUMBER = "number"
    MONEY = "money"
    DATE = "date"
    LIST = "list"
    STATUS = "prerequisite status"


@dataclass(frozen=True)
class Choice:
    """One answer of a choice: the ``word`` written in a roster cell or on the command line
    (``""``: a blank cell), the ``value`` stored, the ``label`` the form shows."""

    word: str
    value: Any
    label: str


NOT_ANSWERED = "Not answered"
YES_NO_UNKNOWN = (Choice("", None, NOT_ANSWERED), Choice("yes", True, "Yes"),
                  Choice("no", False, "No"))  # fmt: skip
_TRUE = frozenset({"yes", "y", "true", "1", "x", "oui", "sí", "si", "ja"})
_FALSE = frozenset({"no", "n", "false", "0", "non", "nein"})
_WHOLE = re.compile(r"\d{1,9}")
_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def _plain(value: Decimal) -> str:
    """``Decimal("3.70")`` -> ``"3.70"``, ``Decimal("4E+1")`` -> ``"40"``: as typed."""
    return format(value.normalize(), "f") if value == value.to_integral() else str(value)


@dataclass(frozen=True)
class ProfileField:
    path: str  # dotted, as the exchange file nests it: "budget.loan.amount"
    # As the form shows it, "&" before its keyboard mnemonic (Alt+letter): a letter no other
    # label or menu title of the window has, so only the most used fields get one.
    label: str
    kind: Kind
    description: str = ""  # for the roster's documentation
    column: str | None = None  # the roster column; None: the form only
    example: str = ""  # how a valid value looks, for placeholders and messages
    placeholder: str | None = None  # the form's hint inside the field (default: "e.g. …")
    choices: tuple[Choice, ...] = ()
    bounds: Bounds | None = None
    blank: Any = None  # what a blank answer means (None: not answered / not given)
    upper: bool = False  # codes, written in capitals whatever was typed
    separators: str = r"[/|,;]"  # between the items of a list
    number_format: Callable[[Decimal], str] | None = None  # a GPA scale shows as "4.0"
    messages: Mapping[str, str] = field(default_factory=dict)  # pydantic error type -> words
    # The counselor's own: never written to a student-facing file (the profile exchange
    # file), never overwritten by one (docs/profile-exchange.md). Rosters carry it.
    counselor_only: bool = False

    @property
    def parts(self) -> tuple[str, ...]:
        return tuple(self.path.split("."))

    @property
    def title(self) -> str:
        """The label without its mnemonic marker: ``"Maximum total cost ($)"``."""
        return self.label.replace("&", "")

    @property
    def hint(self) -> str:
        if self.placeholder is not None:
            return self.placeholder
        return f"e.g. {self.example}" if self.example else ""

    # ---- the words

    @property
    def kind_message(self) -> str:
        """What to write instead of a value this field cannot read."""
        if self.kind is Kind.WHOLE:
            return f"Enter a whole number, e.g. {self.example or '10'}"
        if self.kind is Kind.NUMBER:
            return f"Enter a number, e.g. {self.example or '3.5'}"
        if self.kind is Kind.MONEY:
            return f"Enter an amount in dollars, e.g. {self.example or '45,000'}"
        if self.kind is Kind.DATE:
            return "Enter a date as YYYY-MM-DD, e.g. 2025-06-14"
        if self.kind in (Kind.YES_NO, Kind.CHOICE, Kind.STATUS, Kind.LIST) and self.choices:
            return self._choice_message()
        return "Enter a valid value"

    def _choice_message(self) -> str:
        words = [choice.word for choice in self.choices if choice.word]
        listed = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]
        if self.kind is Kind.LIST:
            return f"Write any of {listed}, separated by /"
        blank = next((c for c in self.choices if c.word == ""), None)
        if self.kind is Kind.YES_NO:
            listed = "yes or no"
        if blank is not None and blank.value is None:
            return f"Write {listed}, or leave it blank ({blank.label.lower()})"
        if blank is not None:
            return f"Write {listed} (blank = {blank.label.lower()})"
        if self.blank is not None:
            return f"Write {listed} (blank = {self._word(self.blank)})"
        return f"Write {listed}"

    # ---- text to value and back

    def parse(self, text: str) -> Any:
        """The value ``text`` stands for, as a person types it; a blank text gives
        :attr:`blank`. Raises ``ValueError`` with the one message a person can act on."""
        text = text.strip()
        if self.upper:
            text = text.upper()
        if not text:
            return self.blank
        if self.kind is Kind.TEXT:
            return text
        if self.kind in (Kind.YES_NO, Kind.CHOICE, Kind.STATUS):
            return self._choose(text)
        if self.kind is Kind.LIST:
            items = [part.strip() for part in re.split(self.separators, text) if part.strip()]
            return tuple(self._choose(item) for item in items) if self.choices else tuple(items)
        value: Any
        if self.kind is Kind.WHOLE:
            if not _WHOLE.fullmatch(text):
                raise ValueError(self.kind_message)
            value = int(text)
        elif self.kind is Kind.NUMBER:
            value = _number(text, self.kind_message)
        elif self.kind is Kind.MONEY:
            value = parse_amount(text)
            if value is None:
                raise ValueError(self.kind_message)
        else:
            return _day(text, self.kind_message)
        return self.bounds.check(value) if self.bounds is not None else value

    def _choose(self, text: str) -> Any:
        folded = text.casefold().replace(" ", "_").replace("-", "_")
        if self.kind is Kind.YES_NO:
            if folded in _TRUE:
                return True
            if folded in _FALSE:
                return False
            raise ValueError(self.kind_message)
        for choice in self.choices:
            if choice.word and folded == choice.word.casefold():
                return choice.value
        raise ValueError(self.kind_message)

    def format(self, value: Any) -> str:
        """``value`` as a person would type it back into the field (``""``: blank)."""
        if value is None:
            return ""
        if self.kind in (Kind.YES_NO, Kind.CHOICE, Kind.STATUS):
            return self._word(value)
        if self.kind is Kind.LIST:
            return ", ".join(self._word(item) for item in value)
        if self.kind is Kind.MONEY:
            return editable_amount(value)
        if isinstance(value, Decimal):
            return self.number_format(value) if self.number_format else _plain(value)
        if isinstance(value, date):
            return value.isoformat()
        return str(value)

    def cell(self, value: Any) -> str:
        """``value`` as a roster cell: like :meth:`format`, but amounts as plain digits (a
        spreadsheet in any locale reads ``45000.5``) and lists separated by ``/``."""
        if value is None:
            return ""
        if self.kind is Kind.MONEY:
            return _plain(value)
        if self.kind is Kind.LIST:
            return "/".join(self._word(item) for item in value)
        return self.format(value)

    def _word(self, value: Any) -> str:
        index = self.choice_index(value)
        return self.choices[index].word if index >= 0 else str(getattr(value, "value", value))

    def choice_index(self, value: Any) -> int:
        """Which of :attr:`choices` ``value`` is (a form's combo box lists them in order);
        -1 when none. ``False`` is not ``0``, and ``None`` is only ``None``."""
        for index, choice in enumerate(self.choices):
            if choice.value is value or (
                choice.value is not None
                and not isinstance(value, bool | type(None))
                and choice.value == value
            ):
                return index
        return -1

    def get(self, profile: StudentProfile) -> Any:
        """This field's value in ``profile`` (``None`` when a group above it is absent)."""
        value: Any = profile
        for part in self.parts:
            if value is None:
                return None
            value = value.get(part) if isinstance(value, dict) else getattr(value, part)
        return value


def _number(text: str, message: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError(message) from None
    if not value.is_finite():
        raise ValueError(message)
    return value


def _day(text: str, message: str) -> date:
    written = _DAY.fullmatch(text)
    if written is not None:
        try:
            return date(*(int(part) for part in written.groups()))
        except ValueError:
            raise ValueError(
                f"There is no such day as {text}: {message[0].lower()}{message[1:]}"
            ) from None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(message) from None


# ---------------------------------------------------------------- the declarations


def _choices(enum: Iterable[Status | Specialization | CareerPath]) -> tuple[Choice, ...]:
    return tuple(Choice(member.value, member, member.label) for member in enum)


_YES_NO = "yes/no"
_UNANSWERED = "blank = not answered"


def _text(path: str, label: str, column: str | None, description: str, **more: Any) -> ProfileField:
    return ProfileField(path, label, Kind.TEXT, description, column, blank="", **more)


def _subject_fields(subject: Subject) -> list[ProfileField]:
    return [
        ProfileField(
            f"prerequisites.{subject.value}",
            subject.label,
            Kind.STATUS,
            f"{subject.label}: completed, in_progress, planned or missing (blank = missing)",
            subject.value,
            choices=_choices(Status),
            blank=Status.MISSING,
        )
    ]


def _evidence_fields(subject: Subject) -> list[ProfileField]:
    base = f"prerequisite_evidence.{subject.value}"
    return [
        _text(f"{base}.course", "Course", None, f"{subject.label}: course taken",
              messages={"string_too_long": "A course name is at most 200 characters"}),
        _text(f"{base}.institution", "Institution", None, f"{subject.label}: where",
              messages={"string_too_long": "An institution is at most 200 characters"}),
        _text(f"{base}.grade", "Grade", None, f"{subject.label}: grade",
              messages={"string_too_long": "A grade is at most 20 characters"}),
        ProfileField(f"{base}.year", "Year", Kind.WHOLE, f"{subject.label}: year",
                     example="2024", placeholder="", bounds=YEAR),
    ]  # fmt: skip


_DELIVERY = (
    Choice("", None, NOT_ANSWERED),
    Choice("either", DeliveryPreference.EITHER, "Campus or online"),
    Choice("campus", DeliveryPreference.CAMPUS, "Campus"),
    Choice("online", DeliveryPreference.ONLINE, "Online"),
)
_THESIS = (
    Choice("either", ThesisPreference.EITHER, "Either"),
    Choice("thesis", ThesisPreference.THESIS, "Thesis"),
    Choice("coursework", ThesisPreference.COURSEWORK, "Coursework"),
)
_ENGLISH = (Choice("", None, "None"), Choice("toefl", "toefl", "TOEFL"),
            Choice("ielts", "ielts", "IELTS"))  # fmt: skip

FIELDS: tuple[ProfileField, ...] = (
    # The roster's columns, in the roster's order (a public contract: extend only).
    _text("full_name", "Full &name", "full_name", "Full name, any script (required)",
          placeholder="e.g. Zoë Ñúñez-Ørsted",
          messages={"string_too_short": "Enter the full name",
                    "missing": "Enter the full name",
                    "string_too_long": "A name is at most 200 characters"}),
    _text("email", "E&mail", "email", "Email address (required)", placeholder="name@example.org",
          messages={"missing": "Enter an email address such as name@example.org",
                    "string_too_long": "An email address is at most 254 characters"}),
    ProfileField("student_id", "Student ID", Kind.TEXT, "School's student ID (optional)",
                 "student_id", placeholder="optional"),
    ProfileField("residency.country", "C&ountry", Kind.TEXT, "Two-letter country code; blank = US",
                 "country", placeholder="US", blank="US", upper=True,
                 messages={"string_pattern_mismatch":
                           "Use the two-letter country code, e.g. US, IN, CN"}),
    ProfileField("residency.state", "&US state", Kind.TEXT,
                 "US state code, e.g. TX (drives in-state tuition); blank = not recorded",
                 "state", upper=True,
                 messages={"string_pattern_mismatch": "Use the two-letter state code, e.g. TX"}),
    ProfileField("international", "International a&pplicant", Kind.YES_NO,
                 f"{_YES_NO}: international applicant ({_UNANSWERED})", "international",
                 choices=YES_NO_UNKNOWN),
    _text("major", "Undergraduate ma&jor", "major", "Undergraduate major",
          example="Mathematics", messages={"string_too_long": "A major is at most 200 characters"}),
    ProfileField("gpa.value", "&GPA", Kind.NUMBER, "GPA, e.g. 3.4", "gpa", example="3.4",
                 bounds=GPA_VALUE),
    ProfileField("gpa.scale", "GPA scale", Kind.NUMBER, "GPA scale; blank = 4.0", "gpa_scale",
                 example="4.0", placeholder="4.0", bounds=GPA_SCALE, blank=Decimal("4.0"),
                 number_format=scale_text),
    ProfileField("degree_year", "Degree year", Kind.WHOLE, "Year of the undergraduate degree",
                 "degree_year", example="2025", bounds=YEAR),
    ProfileField("gre.verbal", "GRE ver&bal", Kind.WHOLE, "GRE verbal, 130–170", "gre_verbal",
                 example="158", placeholder="130–170", bounds=GRE_SECTION),
    ProfileField("gre.quant", "GRE &quant", Kind.WHOLE, "GRE quantitative, 130–170",
                 "gre_quant", example="165", placeholder="130–170", bounds=GRE_SECTION),
    ProfileField("gre.writing", "Analytical &writing", Kind.NUMBER,
                 "GRE analytical writing, 0.0–6.0 in half points", "gre_writing", example="4.5",
                 placeholder="0.0–6.0", bounds=GRE_WRITING),
    ProfileField("gre.taken_on", "GRE test date", Kind.DATE, "GRE test date, YYYY-MM-DD",
                 "gre_date", example="2025-06-14", placeholder="YYYY-MM-DD"),
    ProfileField("will_take_gre", "Willing to ta&ke the GRE", Kind.YES_NO,
                 f"{_YES_NO}: willing to take the GRE ({_UNANSWERED})", "will_take_gre",
                 choices=YES_NO_UNKNOWN),
    ProfileField("english_test.kind", "Eng&lish test", Kind.CHOICE,
                 "toefl or ielts (blank = none)", "english_test", choices=_ENGLISH),
    ProfileField("english_test.score", "English test score", Kind.NUMBER,
                 "TOEFL 0–120 or IELTS 0–9", "english_score", example="104",
                 placeholder="TOEFL 0–120, IELTS 0–9"),
    *(f for subject in Subject for f in _subject_fields(subject)),
    ProfileField("languages", "Programming languages", Kind.LIST,
                 "Programming languages, separated by /", "languages",
                 placeholder="e.g. Python, SQL, C++", blank=()),
    ProfileField("budget.max_total_cost", "Ma&ximum total cost ($)", Kind.MONEY,
                 "Maximum total cost in dollars (blank = no limit given)", "max_total_cost",
                 example="45,000", bounds=AMOUNT),
    ProfileField("budget.employer_reimbursement_per_year", "Employer reimbursement ($/year)",
                 Kind.MONEY, "Employer tuition reimbursement per year (blank = 0)",
                 "employer_reimbursement_per_year", example="5,250", placeholder="0",
                 bounds=AMOUNT, blank=Decimal(0)),
    ProfileField("budget.scholarships", "Scholarships and grants ($)", Kind.MONEY,
                 "Scholarships and grants (blank = 0)", "scholarships", example="10,000",
                 placeholder="0", bounds=AMOUNT, blank=Decimal(0)),
    ProfileField("budget.savings", "Savings ($)", Kind.MONEY, "Savings set aside (blank = 0)",
                 "savings", example="12,000", placeholder="0", bounds=AMOUNT, blank=Decimal(0)),
    ProfileField("budget.will_borrow", "Willing to borrow", Kind.YES_NO,
                 f"{_YES_NO}: willing to borrow (blank = no)", "will_borrow",
                 choices=(Choice("", False, "No"), Choice("yes", True, "Yes"),
                          Choice("no", False, "No")), blank=False),
    ProfileField("budget.loan.amount", "Planned loan", Kind.MONEY, "Planned loan, in dollars",
                 "loan_amount", example="20,000", placeholder="amount, e.g. 20,000",
                 bounds=LOAN_AMOUNT),
    ProfileField("budget.loan.annual_rate_percent", "Loan rate (% a year)", Kind.NUMBER,
                 "Yearly interest rate of the loan, in percent", "loan_rate", example="6.5",
                 placeholder="rate %, e.g. 6.5", bounds=LOAN_RATE),
    ProfileField("budget.loan.term_years", "Loan term (years)", Kind.WHOLE,
                 "Loan term in years", "loan_years", example="10",
                 placeholder="years, e.g. 10", bounds=LOAN_TERM),
    ProfileField("preferences.delivery", "&Delivery", Kind.CHOICE,
                 f"campus, online or either ({_UNANSWERED})", "delivery", choices=_DELIVERY),
    ProfileField("preferences.part_time", "Needs pa&rt-time study", Kind.YES_NO,
                 f"{_YES_NO}: needs part-time study ({_UNANSWERED})", "part_time",
                 choices=YES_NO_UNKNOWN),
    ProfileField("preferences.relocate", "Willing to reloc&ate", Kind.YES_NO,
                 f"{_YES_NO}: willing to relocate ({_UNANSWERED})", "relocate",
                 choices=YES_NO_UNKNOWN),
    ProfileField("preferences.states", "Preferred states", Kind.LIST,
                 "State codes separated by / (blank = anywhere)", "preferred_states",
                 placeholder="e.g. TX, CA", blank=(), upper=True, separators=r"[/|,;\s]+",
                 messages={"string_pattern_mismatch": "Use two-letter state codes, e.g. TX/CA"}),
    ProfileField("preferences.specializations", "Specializations", Kind.LIST,
                 " / ".join(s.value for s in Specialization), "specializations",
                 choices=_choices(Specialization), blank=()),
    ProfileField("preferences.thesis", "Thesis", Kind.CHOICE, "thesis, coursework or either",
                 "thesis", choices=_THESIS, blank=ThesisPreference.EITHER),
    ProfileField("preferences.career_path", "Target career", Kind.CHOICE,
                 "Target career (see the list below)", "career_path",
                 choices=(Choice("", None, "Not decided"), *_choices(CareerPath))),
    ProfileField("employment.currently_working", "Currentl&y working", Kind.YES_NO,
                 f"{_YES_NO}: currently working ({_UNANSWERED})", "currently_working",
                 choices=YES_NO_UNKNOWN),
    ProfileField("employment.current_salary", "Current annual salary ($)", Kind.MONEY,
                 "Current annual salary", "current_salary", example="65,000", bounds=AMOUNT),
    ProfileField("employment.keep_working", "Keeps work&ing while studying", Kind.YES_NO,
                 f"{_YES_NO}: keeps working while studying ({_UNANSWERED})", "keep_working",
                 choices=YES_NO_UNKNOWN),
    _text("notes", "Counselor notes", "notes", "Counselor notes",
          messages={"string_too_long": "Notes are limited to 10,000 characters"},
          counselor_only=True),
    # The form's fields that have no roster column.
    ProfileField("application_date", "Application date", Kind.DATE,
                 "Application date, for the GRE's five-year validity", example="2026-12-01",
                 placeholder="YYYY-MM-DD"),
    *(f for subject in Subject for f in _evidence_fields(subject)),
)  # fmt: skip

BY_PATH: Mapping[str, ProfileField] = MappingProxyType({f.path: f for f in FIELDS})
BY_COLUMN: Mapping[str, ProfileField] = MappingProxyType(
    {f.column: f for f in FIELDS if f.column is not None}
)
COLUMN_FIELDS: tuple[ProfileField, ...] = tuple(f for f in FIELDS if f.column is not None)
COUNSELOR_ONLY: tuple[str, ...] = tuple(f.path for f in FIELDS if f.counselor_only)


@dataclass(frozen=True)
class Group:
    """Fields that make one thing together: given when any ``trigger`` is, and then
    incomplete without every ``required`` member."""

    path: str
    members: tuple[str, ...]
    triggers: tuple[str, ...]
    required: tuple[str, ...] = ()
    message: str = ""


def _evidence_group(subject: Subject) -> Group:
    members = tuple(f"prerequisite_evidence.{subject.value}.{name}"
                    for name in ("course", "institution", "grade", "year"))  # fmt: skip
    return Group(f"prerequisite_evidence.{subject.value}", members, members)


_GRE = ("gre.verbal", "gre.quant", "gre.writing", "gre.taken_on")
_LOAN = ("budget.loan.amount", "budget.loan.annual_rate_percent", "budget.loan.term_years")
_ENGLISH_TEST = ("english_test.kind", "english_test.score")
GROUPS: tuple[Group, ...] = (
    Group("gpa", ("gpa.value", "gpa.scale"), ("gpa.value",)),  # a scale alone says nothing
    # verbal and quant at least (many spreadsheets have only those); writing and the test
    # date when known (without the date, the reasons ask when the GRE was taken)
    Group("gre", _GRE, _GRE, _GRE[:2],
          "Give the GRE verbal and quant scores together (writing and test date if known)"),
    Group("english_test", _ENGLISH_TEST, _ENGLISH_TEST, _ENGLISH_TEST,
          "Give both the English test and its score"),
    Group("budget.loan", _LOAN, _LOAN, _LOAN, "Give the loan's amount, rate and years together"),
    *(_evidence_group(subject) for subject in Subject),
)  # fmt: skip
_GROUP_OF = MappingProxyType({member: group for group in GROUPS for member in group.members})


# ---------------------------------------------------------------- model errors in words

# Where pydantic points at a whole part, the field whose message it is.
_ALIASES = MappingProxyType(
    {
        "": "international",  # the profile's own check: a US resident is not international
        "gpa": "gpa.value",
        "residency": "residency.state",
        "english_test": "english_test.score",
        "gre": "gre.taken_on",
        "budget.loan": "budget.loan.amount",
    }
)
_RANGE = frozenset({"greater_than", "greater_than_equal", "less_than", "less_than_equal"})
_UNREADABLE: Mapping[Kind, frozenset[str]] = MappingProxyType(
    {
        Kind.WHOLE: frozenset({"int_parsing", "int_type", "int_from_float"}),
        Kind.NUMBER: frozenset({"decimal_parsing", "decimal_type", "finite_number"}),
        Kind.MONEY: frozenset({"decimal_parsing", "decimal_type", "finite_number"}),
        Kind.DATE: frozenset({"date_parsing", "date_type", "date_from_datetime_parsing",
                              "date_from_datetime_inexact", "date_future"}),
        Kind.YES_NO: frozenset({"bool_parsing", "bool_type"}),
        Kind.CHOICE: frozenset({"enum", "literal_error"}),
        Kind.STATUS: frozenset({"enum"}),
        Kind.LIST: frozenset({"enum", "tuple_type", "list_type"}),
    }
)  # fmt: skip


def error_path(loc: Iterable[Any]) -> str:
    """The declared field a pydantic error location points at (list positions dropped)."""
    parts = [str(part) for part in loc if not isinstance(part, int)]
    for length in range(len(parts), 0, -1):
        path = ".".join(parts[:length])
        if path in BY_PATH:
            return path
    joined = ".".join(parts)
    if joined in _ALIASES:
        return _ALIASES[joined]
    return _ALIASES.get(parts[0], joined) if parts else _ALIASES[""]


def model_error(detail: Mapping[str, Any]) -> tuple[str, str]:
    """``(path, words)`` for one of pydantic's errors: the words the field declares for
    its type, else its bounds' or its kind's message, else the model's own message."""
    path = error_path(detail.get("loc", ()))
    kind = str(detail.get("type", ""))
    message = str(detail.get("msg", "invalid value")).removeprefix("Value error, ")
    declared = BY_PATH.get(path)
    if declared is None:
        return path, message
    if kind in declared.messages:
        return path, declared.messages[kind]
    if declared.bounds is not None and kind in _RANGE:
        return path, declared.bounds.message
    if kind in _UNREADABLE.get(declared.kind, ()):
        written = detail.get("input")
        if isinstance(written, str):  # the words its parser has for that very text
            try:
                declared.parse(written)
            except ValueError as error:
                return path, str(error)
        return path, declared.kind_message
    if kind == "missing":
        return path, "Required"
    return path, message


# ---------------------------------------------------------------- reading a whole profile


@dataclass(frozen=True)
class Reading:
    """A profile read from fields, or the reasons it could not be, by path, one each."""

    profile: StudentProfile | None
    errors: Mapping[str, str]


def values_of(profile: StudentProfile) -> dict[str, Any]:
    """Every declared field's value in ``profile``, by path."""
    return {f.path: f.get(profile) for f in FIELDS}


def parse_texts(texts: Mapping[str, str]) -> tuple[dict[str, Any], dict[str, str]]:
    """Each path's text parsed by its field: the values, and the messages of those that
    could not be read."""
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for path, text in texts.items():
        try:
            values[path] = BY_PATH[path].parse(text)
        except ValueError as error:
            errors[path] = str(error)
    return values, errors


def _given(value: Any) -> bool:
    return value is not None and value != "" and value != ()


def build(
    values: Mapping[str, Any],
    *,
    base: StudentProfile | None = None,
    errors: Mapping[str, str] | None = None,
) -> Reading:
    """The profile made of ``values`` (by path; ``None``: not answered or not given), over
    ``base`` when given: the paths in ``values`` replace its values, the others stay.

    ``errors`` are the messages already found (a text that could not be read); they come
    first, one per path, and a path that has one is left out of the model's checks.
    """
    found: dict[str, str] = dict(errors or {})
    merged = values_of(base) if base is not None else {}
    merged.update(values)
    for path in found:
        merged.pop(path, None)
    data: dict[str, Any] = {}
    for group in GROUPS:
        present = {m: merged.pop(m) for m in group.members if m in merged}
        if not any(_given(present.get(m)) or m in found for m in group.triggers):
            continue  # nothing of it typed: the group is absent
        for member in group.required:
            if not _given(present.get(member)) and member not in found:
                found[member] = group.message
        for member, value in present.items():
            if value is not None:
                _put(data, member, value)
    for path, value in merged.items():
        if value is not None:
            _put(data, path, value)
    try:
        profile = StudentProfile.model_validate(data)
    except ValidationError as error:
        for detail in error.errors():
            path, message = model_error(detail)
            found.setdefault(path, message)  # a text that could not be read says more
        return Reading(None, _in_order(found))
    return Reading(None, _in_order(found)) if found else Reading(profile, {})


def read_texts(texts: Mapping[str, str], *, base: StudentProfile | None = None) -> Reading:
    """:func:`parse_texts`, then :func:`build`."""
    values, errors = parse_texts(texts)
    return build(values, base=base, errors=errors)


def _put(data: dict[str, Any], path: str, value: Any) -> None:
    *parents, last = path.split(".")
    target = data
    for part in parents:
        target = target.setdefault(part, {})
    target[last] = value


_ORDER = MappingProxyType({f.path: index for index, f in enumerate(FIELDS)})


def _in_order(errors: Mapping[str, str]) -> dict[str, str]:
    """The messages in the order the fields are declared (the form's, the roster's)."""
    return dict(sorted(errors.items(), key=lambda item: _ORDER.get(item[0], len(_ORDER))))
