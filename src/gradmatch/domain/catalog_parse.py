"""Reading a catalog document into validated models, with messages a person can act on.

Every problem names the file, the record (number and id) and the field.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError

from gradmatch.domain.catalog import CATALOG_VERSION, CATALOG_VERSIONS, Catalog
from gradmatch.domain.json_input import load_json
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
        document = load_json(text)
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
    version = document.get("version")
    if isinstance(version, bool) or version not in CATALOG_VERSIONS:
        newer = isinstance(version, int) and not isinstance(version, bool) and version > 2
        raise CatalogError(
            [
                f"{name} is catalog version {version!r}; this GradMatch reads versions "
                f"{' and '.join(str(v) for v in CATALOG_VERSIONS)}"
                + (
                    " (a newer GradMatch wrote it: install that version to read it)"
                    if newer
                    else ""
                )
            ]
        )
    try:
        catalog = Catalog.model_validate(document)
    except ValidationError as error:
        raise CatalogError(
            [_describe(name, document, detail) for detail in error.errors()]
        ) from None
    return catalog.with_rankings_attached()


def export_document(catalog: Catalog) -> dict[str, Any]:
    """The catalog as a version-2 file: every field's provenance written out (the default
    one too: the reader need not know GradMatch's defaults)."""
    from gradmatch.domain.catalog import PROVENANCE_FIELDS
    from gradmatch.domain.program_fields import plain

    programs = []
    for program in catalog.programs:
        record = plain(program.model_dump(mode="python", exclude={"rankings", "retired_on",
                                                                 "retired_by"}))  # fmt: skip
        record["provenance"] = {
            name: program.provenance_of(name).model_dump(mode="json", exclude_none=True)
            for name in PROVENANCE_FIELDS
            if getattr(program, name) is not None
        }
        programs.append(record)
    document = plain(catalog.model_dump(mode="python", exclude={"programs"}))
    document.update(version=CATALOG_VERSION, programs=programs)
    return {"format": document.pop("format"), "version": document.pop("version"), **document}


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a catalog file (docs/catalog-format.schema.json)."""
    schema = Catalog.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "GradMatch catalog file"
    return schema


# What an item of each list in a catalog is called, and its keys that name it.
_ITEMS: dict[str, tuple[str, tuple[str, ...]]] = {
    "programs": ("record", ("id",)),
    "rankings": ("ranking list", ("year", "list")),
    "entries": ("entry", ("school",)),
    "listings": ("listing", ("section",)),
    "summary_claims": ("summary figure", ("scope", "statistic")),
}


def _describe(name: str, document: dict[str, Any], detail: Any) -> str:
    """``my.json: ranking list 2 (2025 online), entry 3 (Duke University), field 'position':
    Input should be less than or equal to 100000``: every list item on the way is named by
    its number and, when it has one, its name."""
    loc: tuple[Any, ...] = tuple(detail.get("loc", ()))
    message = str(detail.get("msg", "invalid value")).removeprefix("Value error, ")
    places: list[str] = []
    node: Any = document
    index = 0
    while index + 1 < len(loc) and loc[index] in _ITEMS and isinstance(loc[index + 1], int):
        item, keys = _ITEMS[loc[index]]
        position = loc[index + 1]
        items = node.get(loc[index]) if isinstance(node, dict) else None
        node = items[position] if isinstance(items, list) and position < len(items) else None
        names = [node.get(key) for key in keys] if isinstance(node, dict) else []
        label = " ".join(
            str(n) for n in names if isinstance(n, str | int) and not isinstance(n, bool)
        )
        places.append(f"{item} {position + 1}" + (f" ({label})" if label else ""))
        index += 2
    field = ".".join(str(part) for part in loc[index:])
    if not places:
        return f"{name}: field '{field or '(the document)'}': {message}"
    return f"{name}: {', '.join(places)}, field '{field or '(the whole record)'}': {message}"
