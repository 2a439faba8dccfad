"""Reading a catalog document into validated models, with messages a person can act on.

Every problem names the file, the record (number and id) and the field.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError

from gradmatch.domain.catalog import Catalog
from gradmatch.errors import InputError

MAX_CATALOG_BYTES = 50 * 1024 * 1024


class CatalogError(InputError):
    """A catalog document that cannot be used; ``problems`` lists each one."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        first = self.problems[0] if self.problems else "the catalog could not be read"
        more = len(self.problems) - 1
        super().__init__(first + (f" (and {more} more problem{'s' * (more > 1)})" if more else ""))


def parse_catalog(data: bytes, name: str) -> Catalog:
    """Parse and validate catalog bytes; ``name`` is how messages call the file."""
    if len(data) > MAX_CATALOG_BYTES:
        raise CatalogError([f"{name} is too large to be a catalog ({len(data):,} bytes)"])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CatalogError([f"{name} is not UTF-8 text, so it cannot be a catalog file"]) from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise CatalogError(
            [f"{name} is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"]
        ) from None
    except RecursionError:
        raise CatalogError([f"{name} is nested too deeply to be a catalog"]) from None
    if not isinstance(document, dict) or document.get("format") != "gradmatch-catalog":
        raise CatalogError(
            [f'{name} is not a GradMatch catalog (its "format" is not "gradmatch-catalog")']
        )
    if document.get("version") != 1:
        raise CatalogError(
            [
                f"{name} is catalog version {document.get('version')!r}; "
                "this GradMatch reads version 1 (a newer GradMatch may have written it)"
            ]
        )
    try:
        catalog = Catalog.model_validate(document)
    except ValidationError as error:
        raise CatalogError(
            [_describe(name, document, detail) for detail in error.errors()]
        ) from None
    return catalog.with_rankings_attached()


def _describe(name: str, document: dict[str, Any], detail: Any) -> str:
    loc: tuple[Any, ...] = tuple(detail.get("loc", ()))
    message = str(detail.get("msg", "invalid value")).removeprefix("Value error, ")
    if len(loc) >= 2 and loc[0] == "programs" and isinstance(loc[1], int):
        index = loc[1]
        record = f"record {index + 1}"
        programs = document.get("programs")
        if isinstance(programs, list) and index < len(programs):
            entry = programs[index]
            if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                record += f" ({entry['id']})"
        field = ".".join(str(part) for part in loc[2:]) or "(the whole record)"
        return f"{name}: {record}, field '{field}': {message}"
    field = ".".join(str(part) for part in loc) or "(the document)"
    return f"{name}: field '{field}': {message}"
