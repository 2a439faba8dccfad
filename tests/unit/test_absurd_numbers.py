"""Absurd numbers in the files GradMatch imports are refused naming where they are: a
catalog's tuition of 1e308, negative credits, NaN, a ranking place of 10**30 (it reached the
database, which cannot hold it: a traceback), a number of 5,000 digits (Python will not read
it: a traceback) — in a catalog or a profile file. The command line prints one line and
exits 1; the database is left as it was."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from gradmatch import locations
from gradmatch.app import main
from gradmatch.domain.exchange import dump_profile
from gradmatch.domain.profile import StudentProfile
from tests.sqlite_trouble import content

PROFILE = dump_profile(
    StudentProfile.model_validate({"full_name": "Ana Sent", "email": "ana@example.org"})
)


def _one_line_failure(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code = main(list(argv))
    err = capsys.readouterr().err
    assert code == 1, (argv, err)
    assert err.startswith("gradmatch: error: ") and "Traceback" not in err, err
    assert len(err.strip().splitlines()) == 1, err
    return err


def _shipped() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(locations.shipped_catalog().read_text(encoding="utf-8"))
    return document


NUMBER_CASES: list[tuple[str, Callable[[dict[str, Any]], None], str, str]] = [
    (
        "tuition 1e308",
        lambda d: d["programs"][0].__setitem__("cost_per_credit", {"flat": "E308"}),
        "record 1 (carnegie-mellon-campus), field 'cost_per_credit.flat'",
        "less than or equal",
    ),
    (
        "a stated total NaN",
        lambda d: d["programs"][1].__setitem__("stated_total", {"flat": "NAN"}),
        "record 2 (",
        "finite number",
    ),
    (
        "negative credits",
        lambda d: d["programs"][2].__setitem__("credits", -30),
        "record 3 (",
        "field 'credits': Input should be greater than 0",
    ),
    (
        "10**30 credits",
        lambda d: d["programs"][0].__setitem__("credits", 10**30),
        "record 1 (carnegie-mellon-campus), field 'credits'",
        "less than or equal to 200",
    ),
    (
        "a ranking position of 10**30",
        lambda d: d["rankings"][0]["entries"][0].__setitem__("position", 10**30),
        "ranking list 1 (2026 campus), entry 1 (Carnegie Mellon University), field 'position'",
        "less than or equal to 100000",
    ),
    (
        "a printed ranking number of -4",
        lambda d: d["rankings"][0]["entries"][1].__setitem__("printed_number", -4),
        "ranking list 1 (2026 campus), entry 2 (",
        "field 'printed_number'",
    ),
    (
        "a count of 10**30 programs",
        lambda d: d["summary_claims"][0].__setitem__("count_claimed", 10**30),
        "summary figure 1 (",
        "field 'count_claimed'",
    ),
    (
        "a number of 5,000 digits",
        lambda d: d["programs"][0].__setitem__("credits", "DIGITS"),
        "record 1 (carnegie-mellon-campus), field 'credits'",
        "finite number",
    ),
    (
        "a listing position of Infinity",
        lambda d: d["programs"][0]["listings"][0].__setitem__("position", "INF"),
        "record 1 (carnegie-mellon-campus), listing 1 (",
        "field 'position'",
    ),
]
_RAW = {'"E308"': "1e308", '"NAN"': "NaN", '"INF"': "Infinity", '"DIGITS"': "9" * 5000}


@pytest.mark.parametrize(
    ("change", "where", "words"),
    [case[1:] for case in NUMBER_CASES],
    ids=[case[0] for case in NUMBER_CASES],
)
def test_absurd_numbers_in_a_catalog_are_refused_naming_where(
    demo_db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    change: Callable[[dict[str, Any]], None],
    where: str,
    words: str,
) -> None:
    document = copy.deepcopy(_shipped())
    change(document)
    text = json.dumps(document)
    for placeholder, raw in _RAW.items():  # what json.dumps cannot write, as a file can
        text = text.replace(placeholder, raw)
    path = tmp_path / "absurd.json"
    path.write_text(text, encoding="utf-8")
    before = content(demo_db)
    for preview in ([], ["--preview"]):
        err = _one_line_failure(
            capsys, "--db", str(demo_db), "catalog", "import", str(path), *preview
        )
        assert f"absurd.json: {where}" in err and words in err, err
    assert content(demo_db) == before


def test_a_number_of_5000_digits_in_a_profile_file_names_its_field(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "ana.gradmatch.json"
    path.write_text(PROFILE.replace('"savings": 0', '"savings": ' + "9" * 5000), encoding="utf-8")
    before = content(demo_db)
    err = _one_line_failure(capsys, "--db", str(demo_db), "student", "import", str(path))
    assert "student.budget.savings" in err
    assert content(demo_db) == before
