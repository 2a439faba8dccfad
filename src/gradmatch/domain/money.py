"""Dollar amounts: parsed from and written as the source article prints them."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
_AMOUNT = re.compile(r"^\$?\s*(\d{1,3}(?:,\d{3})+|\d+)(\.\d{1,2})?$")


def parse_amount(text: str) -> Decimal | None:
    """``"$13,604.98"`` -> ``Decimal("13604.98")``; ``None`` when the text is no amount."""
    match = _AMOUNT.match(text.strip())
    if match is None:
        return None
    try:
        return Decimal(match.group(1).replace(",", "") + (match.group(2) or ""))
    except InvalidOperation:  # pragma: no cover - the pattern only admits digits
        return None


def round_cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def to_cents(value: Decimal) -> int:
    """An amount in whole cents (rounded half up), for exact sums and comparisons."""
    return int(round_cents(value) * 100)


# The one money-formatting rule: a figure copied from the source article is shown as the
# article prints it (``format_money``: ``$412.27`` per credit, ``$31,500``); every figure the
# app estimates — tuition for a student, each cost line, the totals, budgets, bridging,
# payments — is shown in whole dollars (``format_dollars``), in tables, summaries and
# breakdowns alike. Exact values (cents) travel in the JSON output.


def format_dollars(value: Decimal | None) -> str:
    """An estimate in whole dollars, rounded half up: ``$18,946``; an em dash for unknown."""
    if value is None:
        return "—"
    return f"${value.quantize(Decimal(1), rounding=ROUND_HALF_UP):,.0f}"


def format_estimate(value: Decimal | None) -> str:
    """An estimate as a table or a breakdown shows it: whole dollars, or "unknown" where
    the figure is missing (never $0)."""
    return "unknown" if value is None else format_dollars(value)


def format_money(value: Decimal | None, *, cents: bool | None = None) -> str:
    """A figure as the article prints it: ``$31,500`` for whole dollars, ``$1,437.33``
    otherwise; an em dash for unknown."""
    if value is None:
        return "—"
    value = round_cents(value)
    show_cents = cents if cents is not None else value != value.to_integral_value()
    if show_cents:
        return f"${value:,.2f}"
    return f"${value:,.0f}"


def editable_amount(value: Decimal | None) -> str:
    """An amount as a person would type it into a field: ``45,000`` or ``412.27``."""
    if value is None:
        return ""
    return f"{value:,.2f}".removesuffix(".00")
