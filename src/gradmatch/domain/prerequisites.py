"""What programs expect before admission, and the bridges that close a gap.

Both are editable data in ``resources/prerequisites/``; every figure carries its source
(most are counselor estimates: the article names the kinds of bridge, not their cost).
"""

from __future__ import annotations

import json
from decimal import Decimal
from enum import StrEnum
from typing import Literal, Self, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from gradmatch.domain.profile import Subject


class Expectation(StrEnum):
    REQUIRED = "required"
    RECOMMENDED = "recommended"
    NOT_EXPECTED = "not_expected"


class BridgeKind(StrEnum):
    COMMUNITY_COLLEGE = "community_college"
    MOOC = "mooc"
    POST_BACC = "post_bacc"
    GRADUATE_CERTIFICATE = "graduate_certificate"
    BRIDGE_PROGRAM = "bridge_program"
    SELF_STUDY = "self_study"


Pace = Literal["part_time", "full_time"]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class SubjectRule(_Model):
    subject: Subject
    label: str
    after: tuple[Subject, ...] = ()
    default_expectation: Expectation = Expectation.REQUIRED


class PrerequisiteModel(_Model):
    """Subjects, their order, and what each program expects (default plus overrides)."""

    format: Literal["gradmatch-prerequisites"] = "gradmatch-prerequisites"
    version: Literal[1] = 1
    source: str = ""
    dependency_note: str = ""
    subjects: tuple[SubjectRule, ...]
    program_overrides: dict[str, dict[Subject, Expectation]] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _complete_and_acyclic(self) -> Self:
        named = [rule.subject for rule in self.subjects]
        missing = set(Subject) - set(named)
        if missing:
            raise ValueError(f"no rule for {', '.join(sorted(missing))}")
        if len(named) != len(set(named)):
            raise ValueError("a subject is listed twice")
        self.order()  # raises on a cycle
        return self

    def rule(self, subject: Subject) -> SubjectRule:
        return next(rule for rule in self.subjects if rule.subject == subject)

    def expectations(self, program_id: str) -> dict[Subject, Expectation]:
        overrides = self.program_overrides.get(program_id, {})
        return {
            rule.subject: overrides.get(rule.subject, rule.default_expectation)
            for rule in self.subjects
        }

    def order(self) -> list[Subject]:
        """Every subject after the ones it depends on (stable: file order otherwise)."""
        done: list[Subject] = []
        visiting: set[Subject] = set()

        def visit(subject: Subject) -> None:
            if subject in done:
                return
            if subject in visiting:
                raise ValueError(f"the subjects' order has a cycle through {subject.value}")
            visiting.add(subject)
            for before in self.rule(subject).after:
                visit(before)
            visiting.discard(subject)
            done.append(subject)

        for rule in self.subjects:
            visit(rule.subject)
        return done

    def with_overrides(self, overrides: dict[str, dict[Subject, Expectation]]) -> PrerequisiteModel:
        return self.model_copy(update={"program_overrides": overrides})


class BridgeOption(_Model):
    subject: Subject
    kind: BridgeKind
    label: str
    weeks: int = Field(gt=0, le=260)
    cost_low: Decimal = Field(ge=0)
    cost_high: Decimal = Field(ge=0)
    pace: Pace
    source: str

    @model_validator(mode="after")
    def _range(self) -> Self:
        if self.cost_low > self.cost_high:
            raise ValueError("cost_low is above cost_high")
        return self


class BridgeCatalog(_Model):
    format: Literal["gradmatch-bridge-options"] = "gradmatch-bridge-options"
    version: Literal[1] = 1
    source: str = ""
    options: tuple[BridgeOption, ...]

    def for_subject(self, subject: Subject) -> list[BridgeOption]:
        return [option for option in self.options if option.subject == subject]


class PrerequisiteDataError(ValueError):
    pass


_T = TypeVar("_T", bound=BaseModel)


def _parse(model: type[_T], data: bytes, name: str) -> _T:
    try:
        return model.model_validate(json.loads(data.decode("utf-8-sig")))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise PrerequisiteDataError(f"{name} is not a readable JSON file ({error})") from None
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first.get("loc", ()))
        raise PrerequisiteDataError(
            f"{name}: field '{where}': {first.get('msg', 'invalid')}"
        ) from None


def parse_prerequisites(data: bytes, name: str) -> PrerequisiteModel:
    return _parse(PrerequisiteModel, data, name)


def parse_bridge_options(data: bytes, name: str) -> BridgeCatalog:
    return _parse(BridgeCatalog, data, name)
