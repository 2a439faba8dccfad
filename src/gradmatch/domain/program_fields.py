"""Every field of a program declared once: ``gradmatch program edit --set FIELD=VALUE``, the
catalog diff's field names, verification and the catalog export read these declarations.

A :class:`ProgramField` names a field of :class:`~gradmatch.domain.catalog.Program` (its
JSON key in a catalog file), its label, how a person writes it (``parse``: text to the
value a catalog file holds) and how it is shown (``format``). An empty text is "unknown"
(``None``), never no or zero. The bounds live with the model; :func:`read_changes` runs the
model's validation and gives its words with the field's name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from pydantic import TypeAdapter, ValidationError

from gradmatch.domain.catalog import (
    PROVENANCE_FIELDS,
    Control,
    Delivery,
    GrePolicy,
    GrePolicyKind,
    Program,
    Tuition,
)
from gradmatch.domain.money import format_money, parse_amount
from gradmatch.domain.program_facts import Deadline, EnglishMinimum, ProgramLength
from gradmatch.errors import InputError

UNKNOWN = "unknown"


class FieldValueError(InputError):
    """A value a person typed for a program field that cannot be used."""


def _words(text: str) -> list[str]:
    return [part.strip() for part in text.split(";") if part.strip()]


def _text(text: str) -> Any:
    return text.strip()


def _optional_text(text: str) -> Any:
    return text.strip() or None


def _whole(text: str) -> Any:
    if not re.fullmatch(r"\d{1,6}", text.strip()):
        raise ValueError("must be a whole number")
    return int(text)


def _yes_no(text: str) -> Any:
    word = text.strip().casefold()
    if word in ("yes", "y", "true", "1"):
        return True
    if word in ("no", "n", "false", "0"):
        return False
    raise ValueError("must be yes or no (or empty: unknown)")


def _amount(text: str) -> Decimal:
    value = parse_amount(text)
    if value is None:
        raise ValueError(f"'{text.strip()}' is not a dollar amount (e.g. 1,250.50)")
    return value


def _money(text: str) -> Any:
    return str(_amount(text))


def _tuition(text: str) -> Any:
    parts = [part.strip() for part in text.split("/")]
    if len(parts) == 1:
        return {"flat": str(_amount(parts[0]))}
    if len(parts) == 2:
        return {"in_state": str(_amount(parts[0])), "out_of_state": str(_amount(parts[1]))}
    raise ValueError("give one amount, or the in-state and out-of-state amounts as A/B")


def _choice(values: tuple[str, ...]) -> Callable[[str], Any]:
    def parse(text: str) -> Any:
        word = text.strip().casefold().replace(" ", "_").replace("-", "_")
        if word not in values:
            raise ValueError(f"must be one of: {', '.join(values)}")
        return word

    return parse


def _gre(text: str) -> Any:
    policy, _, words = text.partition(":")
    kind = _choice(tuple(k.value for k in GrePolicyKind))(policy)
    return {"policy": kind, "text": words.strip() or GrePolicyKind(kind).label}


def _deadlines(text: str) -> Any:
    found = []
    for item in _words(text):
        parts = [part.strip() for part in item.split(",")]
        if len(parts) != 3:
            raise ValueError(f"'{item}': write each round as TERM, ROUND, YYYY-MM-DD")
        term, round_, day = parts
        try:
            on = date.fromisoformat(day).isoformat()
        except ValueError:
            raise ValueError(f"'{day}' is not a date (YYYY-MM-DD)") from None
        found.append({"term": term, "round": round_, "on": on})
    return found


def _english(text: str) -> Any:
    found = []
    for item in _words(text):
        test, _, score = item.rpartition(" ")
        names = {"toefl": "TOEFL", "ielts": "IELTS", "duolingo": "Duolingo"}
        name = names.get(test.strip().casefold())
        if name is None:
            raise ValueError(f"'{item}': write TEST SCORE, the test one of TOEFL, IELTS, Duolingo")
        try:
            found.append({"test": name, "minimum": str(Decimal(score))})
        except InvalidOperation:
            raise ValueError(f"'{score}' is not a score") from None
    return found


def _length(text: str) -> Any:
    match = re.fullmatch(r"(\d{1,2}(?:\.\d)?)\s*(terms?|years?)", text.strip().casefold())
    if match is None:
        raise ValueError("write a number of terms or years, e.g. 4 terms or 1.5 years")
    unit = match.group(2) if match.group(2).endswith("s") else match.group(2) + "s"
    return {"count": match.group(1), "unit": unit}


def _list(text: str) -> Any:
    return _words(text)


def _yes_no_text(value: Any) -> str:
    return "yes" if value else "no"


def _tuition_text(value: Any) -> str:
    return Tuition.model_validate(value).display()


def _gre_text(value: Any) -> str:
    policy = GrePolicy.model_validate(value)
    return f"{policy.policy.label} ({policy.text})"


def _deadlines_text(value: Any) -> str:
    return "; ".join(Deadline.model_validate(item).display() for item in value)


def _english_text(value: Any) -> str:
    return "; ".join(EnglishMinimum.model_validate(item).display() for item in value)


def _length_text(value: Any) -> str:
    return ProgramLength.model_validate(value).display()


def _money_text(value: Any) -> str:
    return format_money(Decimal(str(value)))


def _list_text(value: Any) -> str:
    return "; ".join(str(item) for item in value)


@dataclass(frozen=True)
class ProgramField:
    """One field of a program: its name (the JSON key, ``--set NAME=...``, the diff's word),
    label, how it is typed and shown."""

    name: str
    label: str
    parse_text: Callable[[str], Any]
    format_value: Callable[[Any], str] = str
    example: str = ""
    # An empty text means unknown (None); a field that cannot be unknown refuses it.
    may_be_unknown: bool = True

    @property
    def has_provenance(self) -> bool:
        return self.name in PROVENANCE_FIELDS

    def parse(self, text: str) -> Any:
        """What a person typed, as the value a catalog file holds (JSON data)."""
        if not text.strip():
            if self.name in ("notes", "control_basis"):
                return ""
            if not self.may_be_unknown:
                raise FieldValueError(f"{self.name}: cannot be left empty")
            return None
        try:
            return self.parse_text(text)
        except ValueError as error:
            raise FieldValueError(f"{self.name}: {error}") from None

    def format(self, value: Any) -> str:
        """A value (JSON data, as :func:`json_value` gives it) in words; None is unknown."""
        if value is None or value == "":
            return UNKNOWN if value is None else "(empty)"
        return self.format_value(value)


_F = ProgramField
FIELDS: tuple[ProgramField, ...] = (
    _F("school", "School", _text, may_be_unknown=False, example="Duke University"),
    _F("program", "Program", _text, may_be_unknown=False, example="MS in ML"),
    _F("city", "City", _text, may_be_unknown=False, example="Durham"),
    _F("state", "State", lambda t: t.strip().upper(), may_be_unknown=False, example="NC"),
    _F("delivery", "Delivery", _choice(tuple(d.value for d in Delivery)), may_be_unknown=False,
       example="campus"),
    _F("artiba", "ARTiBA accredited", _yes_no, _yes_no_text, "yes"),
    _F("credits", "Credits", _whole, example="30"),
    _F("cost_per_credit", "Cost per credit", _tuition, _tuition_text, "1,250 or 412.27/817.27"),
    _F("stated_total", "Stated total tuition", _tuition, _tuition_text, "37,500"),
    _F("gre", "GRE policy", _gre, _gre_text, "optional: waived with a 3.5 GPA"),
    _F("control", "Public or private", _choice(tuple(c.value for c in Control)),
       example="public"),
    _F("control_basis", "Public/private basis", _text),
    _F("url", "Program page", _optional_text, example="https://example.edu/ms-ml"),
    _F("verified", "Verified (whole program)", _yes_no, _yes_no_text, "yes",
       may_be_unknown=False),
    _F("notes", "Notes", _text),
    _F("as_of", "As of (catalog month)", _text, may_be_unknown=False, example="2027-01"),
    _F("deadlines", "Application deadlines", _deadlines, _deadlines_text,
       "Fall 2027, priority, 2027-01-15; Fall 2027, regular, 2027-03-01"),
    _F("statement_of_purpose", "Statement of purpose", _yes_no, _yes_no_text, "yes"),
    _F("cv", "CV / résumé", _yes_no, _yes_no_text, "yes"),
    _F("letters", "Letters of recommendation", _whole, example="3"),
    _F("english_tests", "English test minimum", _english, _english_text, "TOEFL 90; IELTS 7"),
    _F("portfolio", "Portfolio", _yes_no, _yes_no_text, "no"),
    _F("transcripts", "Transcripts", _yes_no, _yes_no_text, "yes"),
    _F("application_fee", "Application fee", _money, _money_text, "75"),
    _F("interview", "Interview", _yes_no, _yes_no_text, "no"),
    _F("specializations", "Specializations", _list, _list_text, "NLP; computer vision"),
    _F("thesis_option", "Thesis option", _yes_no, _yes_no_text, "yes"),
    _F("length", "Program length", _length, _length_text, "4 terms"),
    _F("part_time", "Part-time study", _yes_no, _yes_no_text, "yes"),
    _F("official_urls", "Official pages", _list, _list_text,
       "https://example.edu/admissions; https://example.edu/tuition"),
)  # fmt: skip
BY_NAME: Mapping[str, ProgramField] = {f.name: f for f in FIELDS}
# What ``--set`` may change: every declared field but the program's identity of a catalog
# (the id, and the offering's mode, are never edited: an id change is a new catalog's).
EDITABLE: tuple[str, ...] = tuple(f.name for f in FIELDS)
# What a verification confirms: the fields with a provenance.
VERIFIABLE: tuple[str, ...] = tuple(f.name for f in FIELDS if f.has_provenance)


def field(name: str) -> ProgramField:
    found = BY_NAME.get(name)
    if found is None:
        raise FieldValueError(
            f"'{name}' is not a field of a program; the fields are: {', '.join(EDITABLE)}"
        )
    return found


def plain(value: Any) -> Any:
    """Model data as a catalog file writes it: amounts as JSON numbers (not strings),
    days as ``YYYY-MM-DD``, choices as their words."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return value


def json_value(program: Program, name: str) -> Any:
    """A field's value as a catalog file holds it (JSON data)."""
    return plain(getattr(program, name) if name not in _MODELS else
                 program.model_dump(mode="python", include={name})[name])  # fmt: skip


def normalized(name: str, value: Any) -> Any:
    """A stored value of field ``name`` (e.g. a counselor edit's catalog value, whose
    amounts may be written as strings) as :func:`json_value` would give it."""
    if value is None:
        return None
    adapter = _ADAPTERS.get(name)
    if adapter is None:
        annotation: Any = Program.model_fields[name].annotation
        adapter = _ADAPTERS[name] = TypeAdapter(annotation)
    try:
        return plain(adapter.validate_python(value))
    except ValidationError:
        return value


_ADAPTERS: dict[str, TypeAdapter[Any]] = {}


# Fields whose values are models: dumped to plain data first.
_MODELS = frozenset({"cost_per_credit", "stated_total", "gre", "deadlines", "english_tests",
                     "length"})  # fmt: skip


def describe(program: Program, name: str) -> str:
    return BY_NAME[name].format(json_value(program, name))


def read_assignments(assignments: list[tuple[str, str]]) -> dict[str, Any]:
    """``[("credits", "30"), ...]`` -> ``{"credits": 30, ...}``: every field known, every
    value parsed, a field given twice refused. Raises :class:`FieldValueError`."""
    changes: dict[str, Any] = {}
    for name, text in assignments:
        declared = field(name)
        if name in changes:
            raise FieldValueError(f"{name}: given twice")
        changes[name] = declared.parse(text)
    return changes


def apply_changes(program: Program, changes: Mapping[str, Any]) -> Program:
    """The program with ``changes`` (JSON data by field name), validated as a whole:
    a refused value is a :class:`FieldValueError` naming the field."""
    unknown = [name for name in changes if name not in BY_NAME]
    if unknown:
        field(unknown[0])
    data = {**program.model_dump(mode="json"), **changes, "rankings": ()}
    try:
        return Program.model_validate(data)
    except ValidationError as error:
        raise FieldValueError(model_error(error)) from None


def model_error(error: ValidationError) -> str:
    """Pydantic's errors in a person's words, each with its field."""
    problems = []
    for detail in error.errors():
        loc = ".".join(str(part) for part in detail["loc"]) or "program"
        problems.append(f"{loc}: " + str(detail["msg"]).removeprefix("Value error, "))
    return "; ".join(problems)
