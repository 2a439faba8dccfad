"""The catalog file format (docs/catalog-format.md): its published schema, versions 1 and 2."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from gradmatch import locations
from gradmatch.domain.catalog_parse import CatalogError, export_document, json_schema, parse_catalog
from gradmatch.services import catalog as catalog_service
from gradmatch.services.database import Database
from tests.conftest import ROOT


def test_the_published_schema_is_generated_from_the_model() -> None:
    published = ROOT / "docs" / "catalog-format.schema.json"
    assert published.exists(), "run `make docs-schema`"
    assert json.loads(published.read_text(encoding="utf-8")) == json_schema(), (
        "docs/catalog-format.schema.json is out of date: run `make docs-schema`"
    )


def test_the_shipped_version_1_file_and_an_export_fit_the_schema(
    database: Database, tmp_path: Path
) -> None:
    jsonschema.validate(json.loads(locations.shipped_catalog().read_bytes()), json_schema())
    out = tmp_path / "export.json"
    catalog_service.export_catalog(database, out)
    exported = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.validate(exported, json_schema())
    assert exported["version"] == 2


def test_an_export_reads_back_as_the_same_catalog(database: Database, tmp_path: Path) -> None:
    shipped = parse_catalog(locations.shipped_catalog().read_bytes(), "programs.json")
    again = parse_catalog(json.dumps(export_document(shipped)).encode(), "export.json")
    assert again.programs == tuple(
        p.model_copy(update={"provenance": again.programs[i].provenance})
        for i, p in enumerate(shipped.programs)
    )
    # Nothing invented: the article's figures only, from the article, none verified.
    for program in again.programs:
        assert program.deadlines is None and program.letters is None
        assert all(p.source == "article" and p.verified_on is None
                   for p in program.provenance.values())  # fmt: skip
        assert all(getattr(program, name) is not None for name in program.provenance)


@pytest.mark.parametrize("version", [0, 3, "2", True, None])
def test_an_unknown_version_is_refused_with_a_message(version: object) -> None:
    document = json.loads(locations.shipped_catalog().read_bytes())
    document["version"] = version
    with pytest.raises(CatalogError, match="this GradMatch reads versions 1 and 2"):
        parse_catalog(json.dumps(document).encode(), "x.json")
