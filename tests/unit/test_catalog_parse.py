"""A malformed catalog file fails with a message naming the file, the record and the field."""

from __future__ import annotations

import json
from typing import Any

import pytest

from gradmatch import locations
from gradmatch.domain.catalog_parse import CatalogError, parse_catalog


def _shipped() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(locations.shipped_catalog().read_text(encoding="utf-8"))
    return document


def _error(document: Any, name: str = "my-catalog.json") -> CatalogError:
    data = document if isinstance(document, bytes) else json.dumps(document).encode()
    with pytest.raises(CatalogError) as caught:
        parse_catalog(data, name)
    return caught.value


def test_a_bad_field_is_named_with_file_record_and_field() -> None:
    document = _shipped()
    document["programs"][3]["credits"] = 0
    error = _error(document)
    assert str(error).startswith("my-catalog.json: record 4 (duke-campus), field 'credits':")
    assert "greater than 0" in str(error)


def test_a_nested_field_is_named_by_its_path() -> None:
    document = _shipped()
    document["programs"][0]["cost_per_credit"] = {"flat": -5}
    error = _error(document)
    assert "record 1 (carnegie-mellon-campus), field 'cost_per_credit.flat'" in str(error)


def test_every_problem_is_listed() -> None:
    document = _shipped()
    document["programs"][0]["state"] = "Pennsylvania"
    document["programs"][5]["mode"] = "hybrid"
    error = _error(document)
    assert len(error.problems) == 2
    assert "record 1 (carnegie-mellon-campus), field 'state'" in error.problems[0]
    assert "record 6 (stevens-campus), field 'mode'" in error.problems[1]
    assert "(and 1 more problem)" in str(error)


def test_duplicate_ids_are_refused() -> None:
    document = _shipped()
    document["programs"][1]["id"] = document["programs"][0]["id"]
    assert "program id 'carnegie-mellon-campus' is used twice" in str(_error(document))


def test_a_mixed_tuition_shape_is_refused() -> None:
    document = _shipped()
    document["programs"][0]["stated_total"] = {"flat": 1, "in_state": 2, "out_of_state": 3}
    assert "not both" in str(_error(document))


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"{not json", "my-catalog.json is not valid JSON (line 1, column 2"),
        (b"\xff\xfe\x00garbage", "my-catalog.json is not UTF-8 text"),
        (b"%PDF-1.7 binary", "my-catalog.json is not valid JSON"),
        (b"[1, 2, 3]", "is not a GradMatch catalog"),
        (b'{"format": "gradmatch-profile", "version": 1}', "is not a GradMatch catalog"),
        (b'{"format": "gradmatch-catalog", "version": 7}', "catalog version 7"),
        (b"[" * 100000 + b"]" * 100000, "my-catalog.json"),
    ],
)
def test_a_foreign_or_broken_file_gets_a_message(data: bytes, expected: str) -> None:
    assert expected in str(_error(data))


def test_the_shipped_catalog_parses() -> None:
    catalog = parse_catalog(locations.shipped_catalog().read_bytes(), "programs.json")
    assert len(catalog.programs) == 17
