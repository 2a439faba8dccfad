"""The shipped catalog says what the source article says, figure for figure."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from gradmatch import locations
from gradmatch.domain.catalog import Catalog, Delivery, GrePolicyKind, Mode
from gradmatch.domain.catalog_parse import parse_catalog
from gradmatch.domain.quality import parse_printed_credits, parse_printed_tuition
from tests.conftest import ARTICLE, SHARED_ARTICLE

SECTION_HEADINGS = {
    "2026 campus ranking": (
        "Best Campus Master’s in Machine Learning Programs for 2026",
        "2025 Campus Rankings",
    ),
    "2026 online ranking": (
        "Best Online Master’s in Machine Learning Programs for 2026",
        "2025 Online Rankings",
    ),
    "campus school listing": ("Campus Programs", "Online Programs"),
    "online school listing": ("\nOnline Programs\n", "Expert Advice"),
}
PRINTED_LABELS = {
    "total_tuition": "Total tuition: ",
    "credits": "Credits: ",
    "program": "Program: ",
}


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return parse_catalog(locations.shipped_catalog().read_bytes(), "programs.json")


def _section(article: str, section: str) -> str:
    start, end = SECTION_HEADINGS[section]
    begin = article.index(
        start, article.index("Best Campus Master’s in Machine Learning Programs for 2026")
    )
    if section == "campus school listing":
        begin = article.index(start, article.index("Machine Learning Master’s School Listings"))
    return article[begin : article.index(end, begin + len(start))]


def _card(section_text: str, position: int, school: str) -> str:
    """The text of the numbered card for ``school`` in a section."""
    match = re.search(
        rf"^\s*{position}\. {re.escape(school)}\n(.*?)(?=^\s*\d+\. |\Z)", section_text, re.S | re.M
    )
    assert match, f"no card #{position} for {school}"
    return match.group(1)


def test_the_test_copy_of_the_article_is_the_shared_original(article: str) -> None:
    if SHARED_ARTICLE.exists():
        assert SHARED_ARTICLE.read_text(encoding="utf-8") == article
    assert ARTICLE.exists()


def test_every_offering_of_both_listings_is_in_the_catalog(catalog: Catalog) -> None:
    campus = [p for p in catalog.programs if p.mode is Mode.CAMPUS]
    online = [p for p in catalog.programs if p.mode is Mode.ONLINE]
    # The article: "summarized below across 11 options" and "highlighted by these stats from 6 programs".
    assert len(campus) == 11
    assert len(online) == 6
    assert {p.school for p in online} == {
        "Drexel University", "Mercer University", "Stevens Institute of Technology",
        "University of Arizona", "Colorado State University Global", "Columbia University",
    }  # fmt: skip
    assert len({p.id for p in catalog.programs}) == 17


def test_every_printed_figure_stands_in_its_card_in_the_article(
    catalog: Catalog, article: str
) -> None:
    checked = 0
    for program in catalog.programs:
        for listing in program.listings:
            card = _card(_section(article, listing.section), listing.position, program.school)
            for field, text in listing.printed.items():
                if field in PRINTED_LABELS:
                    assert f"{PRINTED_LABELS[field]}{text}\n" in card, (
                        program.id,
                        listing.label,
                        field,
                    )
                else:
                    assert text in card, (program.id, listing.label, field, text)
                checked += 1
    assert checked > 200


def test_catalog_figures_are_those_of_the_first_listing(catalog: Catalog) -> None:
    for program in catalog.programs:
        first = program.listings[0].printed
        assert parse_printed_tuition(first["total_tuition"])[0] == program.stated_total, program.id
        assert parse_printed_tuition(first["cost_per_credit"])[0] == program.cost_per_credit, (
            program.id
        )
        assert parse_printed_credits(first["credits"])[0] == program.credits, program.id
        gre_texts = {
            listing.printed["gre"] for listing in program.listings if "gre" in listing.printed
        }
        assert program.gre is not None and gre_texts == {program.gre.text}, program.id


@pytest.mark.parametrize(
    ("program_id", "credits", "rate", "total"),
    [
        ("carnegie-mellon-campus", 30, {"flat": "1050"}, {"flat": "31500"}),
        ("north-texas-campus", 33, {"in_state": "412.27", "out_of_state": "817.27"},
         {"in_state": "13604.98", "out_of_state": "26969.98"}),
        ("northwestern-campus", 30, {"flat": "8173"}, {"flat": "245190"}),
        ("umass-lowell-campus", 30, {"in_state": "946.44", "out_of_state": "1627.67"},
         {"in_state": "28393.20", "out_of_state": "48830.10"}),
        ("drexel-online", 45, {"flat": "1481"}, {"flat": "66645"}),
        ("csu-global-online", 30, {"flat": "675"}, {"flat": "20250"}),
        ("columbia-online", 30, {"flat": "2700"}, {"flat": "81000"}),
    ],
)  # fmt: skip
def test_sample_figures_match_the_article(
    catalog: Catalog,
    article: str,
    program_id: str,
    credits: int,
    rate: dict[str, str],
    total: dict[str, str],
) -> None:
    program = next(p for p in catalog.programs if p.id == program_id)
    assert program.credits == credits
    assert program.cost_per_credit is not None and program.stated_total is not None
    for key, value in rate.items():
        assert getattr(program.cost_per_credit, key) == Decimal(value)
        assert f"${Decimal(value):,}".replace(".00", "") in article
    for key, value in total.items():
        assert getattr(program.stated_total, key) == Decimal(value)


def test_gre_policies_follow_the_article_wording(catalog: Catalog) -> None:
    by_id = {p.id: p for p in catalog.programs}
    assert by_id["carnegie-mellon-campus"].gre.policy is GrePolicyKind.REQUIRED  # type: ignore[union-attr]
    assert by_id["claremont-campus"].gre.policy is GrePolicyKind.OPTIONAL  # type: ignore[union-attr]
    assert by_id["duke-campus"].gre.policy is GrePolicyKind.NOT_REQUIRED  # type: ignore[union-attr]
    drexel = by_id["drexel-online"].gre
    assert drexel is not None and drexel.policy is GrePolicyKind.CONDITIONAL
    assert drexel.text.startswith("Recommended for international students")
    assert by_id["columbia-online"].gre.text == "Optional, but not required"  # type: ignore[union-attr]


def test_every_card_is_unverified_and_dated_january_2026(catalog: Catalog) -> None:
    assert catalog.source.as_of == "2026-01"
    assert all(p.as_of == "2026-01" and p.verified is False for p in catalog.programs)


def test_delivery_and_accreditation(catalog: Catalog) -> None:
    by_id = {p.id: p for p in catalog.programs}
    assert by_id["stevens-campus"].delivery is Delivery.BOTH
    assert by_id["mercer-online"].delivery is Delivery.ONLINE
    assert by_id["carnegie-mellon-campus"].artiba is True
    assert by_id["columbia-online"].artiba is True
    assert by_id["north-texas-campus"].artiba is False


def test_rankings_include_every_year_and_list(catalog: Catalog) -> None:
    lists = {(r.year, r.list.value): r for r in catalog.rankings}
    assert set(lists) == {
        (2026, "campus"),
        (2025, "campus"),
        (2024, "campus"),
        (2026, "online"),
        (2025, "online"),
    }
    assert len(lists[(2025, "campus")].entries) == 15
    assert len(lists[(2024, "campus")].entries) == 11
    # Schools that appear only in a ranking list are kept too.
    ranked_only = {e.school for e in lists[(2025, "campus")].entries}
    assert {"FAIRFAX UNIVERSITY OF AMERICA", "MILWAUKEE SCHOOL OF ENGINEERING"} <= ranked_only
    cmu = next(p for p in catalog.programs if p.id == "carnegie-mellon-campus")
    assert [(r.year, r.position) for r in cmu.rankings] == [(2026, 1), (2025, 1), (2024, 1)]
    unt = next(p for p in catalog.programs if p.id == "north-texas-campus")
    # 2025 campus list: printed "12." after "show more", but 15th in the list.
    assert [(r.year, r.position) for r in unt.rankings] == [(2026, 2), (2025, 15), (2024, 10)]
