"""The detail pane: every field of the selected program, its findings, as-of date and status."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QTextBrowser

from gradmatch.domain.catalog import (
    FieldEdit,
    Program,
    SourceInfo,
    describe_value,
    format_year_month,
)
from gradmatch.domain.quality import Finding, Severity
from gradmatch.ui.palette import ACCENT, CAUTION, GOOD, HEADING, MUTED, PROBLEM, readable
from gradmatch.ui.text import esc
from gradmatch.ui.widgets import show_focus

_SEVERITY_STYLE = {
    Severity.CONFLICT: (PROBLEM, "Conflict"),
    Severity.WARNING: (CAUTION, "Printing error"),
    Severity.INFO: (MUTED, "Note"),
}
_FIELD_LABELS = {
    "credits": "Credits",
    "cost_per_credit": "Cost per credit",
    "stated_total": "Stated total tuition",
    "gre": "GRE policy",
    "artiba": "ARTiBA accreditation",
    "delivery": "Delivery method",
    "control": "Public / private",
    "url": "Web address",
    "verified": "Verified",
    "notes": "Notes",
}
_DELIVERY = {"campus": "Campus", "online": "Online", "both": "Campus and online"}


def style() -> str:
    """The detail's style sheet, in the user's palette (the body in its text colour)."""
    heading, muted = readable(HEADING), readable(MUTED)
    return (
        "body { font-size: 10pt; }\n"
        "h2 { font-size: 14pt; margin: 0 0 2px 0; }\n"
        f".school {{ font-size: 11pt; color: {heading}; }}\n"
        f".muted {{ color: {muted}; }}\n"
        "table.fields td { padding: 3px 10px 3px 0; vertical-align: top; }\n"
        f"td.label {{ color: {muted}; white-space: nowrap; }}\n"
        "h3 { font-size: 10.5pt; margin-top: 14px; margin-bottom: 4px; "
        f"color: {heading}; }}\n"
        ".badge { font-weight: bold; }\n"
    )


class ProgramDetail(QTextBrowser):
    """Read-only rich text; links open nothing (the app never touches the network)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.document().setDefaultStyleSheet(style())
        self.setObjectName("programDetail")
        self.setAccessibleName("Program details")
        self.setAccessibleDescription("The selected program's figures, as the catalog has them")
        show_focus(self)
        self.show_empty()

    def show_empty(
        self, message: str = "Select a program to see every figure and its sources."
    ) -> None:
        self.setHtml(f"<p class='muted'>{esc(message)}</p>")

    def show_program(
        self,
        program: Program,
        findings: list[Finding],
        edits: list[FieldEdit],
        source: SourceInfo | None,
    ) -> None:
        self.setHtml(program_html(program, findings, edits, source))


def _row(label: str, value: str) -> str:
    return f"<tr><td class='label'>{esc(label)}</td><td>{value}</td></tr>"


def program_html(
    program: Program, findings: list[Finding], edits: list[FieldEdit], source: SourceInfo | None
) -> str:
    edited = {edit.field: edit for edit in edits}

    def mark(field: str, text: str) -> str:
        edit = edited.get(field)
        if edit is None:
            return text
        edited_on = f"✎ edited {edit.edited_at:%Y-%m-%d}"
        return f"{text} <span style='color:{readable(ACCENT)}'>{edited_on}</span>"

    rate = program.cost_per_credit
    total = program.stated_total
    computed = program.computed_tuition
    status_colour = readable(GOOD if program.verified else CAUTION)
    status = "Verified by the counselor" if program.verified else "Not verified"
    parts = [
        f"<h2>{esc(program.program)}</h2>",
        f"<div class='school'>{esc(program.school)} · {esc(program.location)}</div>",
        f"<p><span class='badge' style='color:{status_colour}'>{status}</span>"
        f" <span class='muted'>· figures as of {esc(format_year_month(program.as_of))}</span></p>",
        "<table class='fields'>",
        _row("Offering", esc(program.mode.value.capitalize())),
        _row("Delivery method", mark("delivery", esc(_DELIVERY[program.delivery.value]))),
        _row(
            "ARTiBA accreditation",
            mark("artiba", {True: "Yes", False: "No", None: "Unknown"}[program.artiba]),
        ),
        _row("Credits", mark("credits", esc(program.credits or "Unknown"))),
        _row(
            "Cost per credit", mark("cost_per_credit", esc(rate.display() if rate else "Unknown"))
        ),
        _row(
            "Stated total tuition",
            mark("stated_total", esc(total.display() if total else "Unknown")),
        ),
        _row(
            "Credits × cost per credit",
            esc(computed.display())
            if computed
            else "<span class='muted'>cannot be computed</span>",
        ),
        _row(
            "GRE policy",
            mark(
                "gre",
                f"<b>{esc(program.gre.policy.label)}</b> — “{esc(program.gre.text)}”"
                if program.gre
                else "Unknown",
            ),
        ),
        _row(
            "Public / private",
            mark(
                "control",
                esc(program.control.value.capitalize()) if program.control else "Unknown",
            )
            + (
                f" <span class='muted'>({esc(program.control_basis)})</span>"
                if program.control_basis
                else ""
            ),
        ),
        _row(
            "Rankings",
            esc(", ".join(r.label for r in program.rankings)) or "<span class='muted'>none</span>",
        ),
        _row(
            "Web address",
            mark(
                "url", esc(program.url) if program.url else "<span class='muted'>not given</span>"
            ),
        ),
        "</table>",
    ]
    if program.notes:
        parts.append(f"<h3>Notes</h3><p>{esc(program.notes)}</p>")
    parts.append(f"<h3>Data-quality findings ({len(findings)})</h3>")
    if findings:
        parts.append("<ul style='margin-left:-20px'>")
        for finding in findings:
            colour, label = _SEVERITY_STYLE[finding.severity]
            parts.append(
                f"<li><span class='badge' style='color:{readable(colour)}'>{label}:</span> "
                f"{esc(finding.message)}</li>"
            )
        parts.append("</ul>")
    else:
        parts.append(
            "<p class='muted'>None: the listings agree with each other and with "
            "credits × cost per credit.</p>"
        )
    if edits:
        parts.append("<h3>Counselor edits</h3><ul style='margin-left:-20px'>")
        for edit in edits:
            parts.append(
                f"<li>{esc(_FIELD_LABELS.get(edit.field, edit.field))} changed on "
                f"{edit.edited_at:%Y-%m-%d %H:%M} UTC; catalog value: "
                f"{esc(describe_value(edit.field, edit.original))}</li>"
            )
        parts.append("</ul>")
    if program.listings:
        parts.append("<h3>Where the source article lists it</h3><ul style='margin-left:-20px'>")
        for listing in program.listings:
            printed = listing.printed
            summary = "; ".join(
                f"{key.replace('_', ' ')}: {value}"
                for key, value in printed.items()
                if key in ("total_tuition", "cost_per_credit", "credits", "gre")
            )
            parts.append(f"<li><b>{esc(listing.label)}</b> — {esc(summary)}</li>")
        parts.append("</ul>")
    if source is not None:
        parts.append(
            f"<p class='muted'>Source: “{esc(source.title)}”"
            + (f", {esc(source.publisher)}" if source.publisher else "")
            + f"; tuition as of {esc(format_year_month(source.as_of))}. "
            f"{esc(source.caveat)}</p>"
        )
    return "".join(parts)
