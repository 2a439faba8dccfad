"""The profile exchange file (``.gradmatch.json``): a student's profile between installs.

``{"format": "gradmatch-profile", "version": 1, "student": {...}}``. Keys a newer or
foreign writer added are reported and left out, never a crash; a newer version is
refused with a message. A question not answered is ``null`` (or absent), never ``false``:
export writes ``null`` and import reads both as "not answered".

The file is student-facing: counselor-only fields (``fields.COUNSELOR_ONLY``: the notes)
are never written to it and never read from it. Imported over a known student, it changes
only the keys it has (:func:`merge`).
"""

from __future__ import annotations

import copy
import json
import types
import typing
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ValidationError

from gradmatch.domain.fields import COUNSELOR_ONLY, model_error
from gradmatch.domain.json_input import load_json
from gradmatch.domain.profile import STORED, StudentProfile, Subject
from gradmatch.errors import InputError

FORMAT = "gradmatch-profile"
VERSION = 1
SUFFIX = ".gradmatch.json"
MAX_BYTES = 5 * 1024 * 1024


class ExchangeError(InputError):
    """A profile file that cannot be imported; ``problems`` names each field."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        more = len(problems) - 1
        super().__init__(problems[0] + (f" (and {more} more)" if more > 0 else ""))


@dataclass(frozen=True)
class ExchangeDocument:
    profile: StudentProfile  # the file alone, as a new student would be
    ignored_keys: list[str] = field(default_factory=list)
    # What the file states: its ``student`` object without unknown or counselor-only keys.
    stated: dict[str, Any] = field(default_factory=dict)
    # Counselor-only keys the file had (an older GradMatch wrote them): not imported.
    counselor_only: list[str] = field(default_factory=list)


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def student_document(profile: StudentProfile) -> dict[str, Any]:
    """The ``student`` object: plain JSON values, numbers as numbers."""
    document: dict[str, Any] = _plain(profile.model_dump(mode="python"))
    return document


def _without_counselor_only(student: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """A copy of ``student`` without the counselor-only keys, and the paths of those it had."""
    kept = copy.deepcopy(student)
    found = []
    for path in COUNSELOR_ONLY:
        *parents, last = path.split(".")
        target: Any = kept
        for part in parents:
            target = target.get(part) if isinstance(target, dict) else None
        if isinstance(target, dict) and last in target:
            del target[last]
            found.append(f"student.{path}")
    return kept, found


def dump_profile(profile: StudentProfile) -> str:
    """The exchange file of ``profile``: student-facing, so without counselor-only fields."""
    student, _ = _without_counselor_only(student_document(profile))
    document = {"format": FORMAT, "version": VERSION, "student": student}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def load_profile(data: bytes, name: str) -> ExchangeDocument:
    if len(data) > MAX_BYTES:
        raise ExchangeError([f"{name} is too large to be a profile file"])
    try:
        document = load_json(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ExchangeError([f"{name} is not UTF-8 text, so it is not a profile file"]) from None
    except json.JSONDecodeError as error:
        raise ExchangeError(
            [f"{name} is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"]
        ) from None
    except RecursionError:
        raise ExchangeError([f"{name} is nested too deeply to be a profile file"]) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ExchangeError([f'{name} is not a GradMatch profile file (no "format": "{FORMAT}")'])
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ExchangeError([f"{name} has no valid version number"])
    if version > VERSION:
        raise ExchangeError(
            [
                f"{name} was written by a newer GradMatch (profile file version {version}); "
                f"this GradMatch reads version {VERSION}. Update GradMatch to import it."
            ]
        )
    if version < 1:
        raise ExchangeError([f"{name} has an unknown version {version}"])
    student = document.get("student")
    if not isinstance(student, dict):
        raise ExchangeError([f'{name} has no "student" object'])
    ignored: list[str] = []
    cleaned = _drop_unknown(student, StudentProfile, "student", ignored)
    cleaned, counselor_only = _without_counselor_only(cleaned)
    ignored += [f"{key}" for key in document if key not in ("format", "version", "student")]
    try:
        profile = StudentProfile.model_validate(cleaned)
    except ValidationError as error:
        raise ExchangeError([describe_error(name, detail) for detail in error.errors()]) from None
    return ExchangeDocument(profile, ignored, cleaned, counselor_only)


def merge(stored: StudentProfile, document: ExchangeDocument, name: str) -> StudentProfile:
    """``stored`` updated by what the file states, and by nothing else.

    A key the file has replaces the stored value (``null`` included: "not answered"); a key
    it does not have leaves it as it is, inside objects too (a file with one prerequisite
    changes that one). Counselor-only fields were never read from the file. A missing or
    ``null`` ``student_id`` never takes a stored one away: it is how a student is found.
    """
    stated = dict(document.stated)
    if not stated.get("student_id"):
        stated.pop("student_id", None)
    merged = _deep_merge(stored.model_dump(mode="python"), stated)
    try:
        # What the file states was checked in full by load_profile; the stored rest is read
        # as stored (notes an older GradMatch let in are not the file's fault).
        return StudentProfile.model_validate(merged, context=STORED)
    except ValidationError as error:
        raise ExchangeError([describe_error(name, detail) for detail in error.errors()]) from None


def _deep_merge(base: dict[Any, Any], stated: dict[Any, Any]) -> dict[Any, Any]:
    merged = dict(base)
    for key, value in stated.items():
        # Stored dictionaries are keyed by enum members (``Subject.CALCULUS``), the file's
        # by their text: a StrEnum member equals its text, so both find the same entry.
        own = next((k for k in merged if k == key), key)
        if isinstance(value, dict) and isinstance(merged.get(own), dict):
            merged[own] = _deep_merge(merged[own], value)
        else:
            merged.pop(own, None)
            merged[key] = value
    return merged


def describe_error(name: str, detail: Any) -> str:
    """``zoe.gradmatch.json: student.gre.quant: GRE verbal and quant scores run from 130
    to 170``: where, by the file's own keys (a rule over several keys names the one the
    form shows it under: ``student.gpa.value`` for a GPA above its scale), and the words
    the form and the roster use."""
    path, message = model_error(detail)
    return f"{name}: student.{path}: {message}" if path else f"{name}: {message}"


def _model_of(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model inside ``X | None`` or ``X``, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        for argument in typing.get_args(annotation):
            found = _model_of(argument)
            if found is not None:
                return found
    return None


def _drop_unknown(
    data: dict[str, Any], model: type[BaseModel], path: str, ignored: list[str]
) -> dict[str, Any]:
    cleaned: dict[str, Any] = {}
    for key, value in data.items():
        info = model.model_fields.get(key)
        if info is None:
            ignored.append(f"{path}.{key}")
            continue
        nested = _model_of(info.annotation)
        if nested is not None and isinstance(value, dict):
            value = _drop_unknown(value, nested, f"{path}.{key}", ignored)
        elif key in ("prerequisites", "prerequisite_evidence") and isinstance(value, dict):
            known = {s.value for s in Subject}
            for subject in [k for k in value if k not in known]:
                ignored.append(f"{path}.{key}.{subject}")
            value = {k: v for k, v in value.items() if k in known}
        cleaned[key] = value
    return cleaned


def json_schema() -> dict[str, Any]:
    """The published JSON Schema of the exchange file, generated from the model."""
    student = StudentProfile.model_json_schema(mode="validation")
    definitions = student.pop("$defs", {})
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "GradMatch profile exchange file",
        "description": (
            "A student's profile as exported by GradMatch (“My profile” ▸ Send to my counselor). "
            "Readers ignore and report keys they do not know."
        ),
        "type": "object",
        "required": ["format", "version", "student"],
        "properties": {
            "format": {"const": FORMAT},
            "version": {"const": VERSION},
            "student": student,
        },
        "$defs": definitions,
    }
