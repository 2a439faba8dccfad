"""The shortlist PDF a student takes home: cover, profile, shortlist table, a page per
program (reasons, cost breakdown with a bar chart, bridge timeline), then the article's
"how to choose" checklist, sources and caveats. A counselor's copy (asked for at each
export) adds the meeting log before the checklist and says so on the cover and on every
page. The report's voice (``report.voice``) says whom its words speak to: the counselor's
PDF speaks of "the student", the student edition's speaks to "you". reportlab platypus;
no Qt."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal
from typing import Any, BinaryIO

from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from gradmatch import __version__
from gradmatch.domain.catalog import format_year_month
from gradmatch.domain.costs import (
    TO_STUDENT_LABEL,
    TO_STUDENT_MEANING,
    TOTAL_LABEL,
    TOTAL_MEANING,
    CostEstimate,
    LineKind,
    breakdown,
    loan_sentence,
)
from gradmatch.domain.guidance import CAVEATS, HOW_TO_CHOOSE
from gradmatch.domain.matching import Bucket, Verdict, score_explained
from gradmatch.domain.money import format_dollars, format_estimate
from gradmatch.domain.profile import StudentProfile, scale_text
from gradmatch.domain.shortlist import retired_note
from gradmatch.domain.shortlist_report import ReportEntry, ShortlistReport
from gradmatch.domain.us_states import state_name
from gradmatch.domain.voice import Voice, cap
from gradmatch.reports.fonts import BOLD, REGULAR, markup, needs_shaping, register, runs
from gradmatch.reports.shaping import ShapedParagraph, Span, draw_text

INK = colors.HexColor("#1d2530")
MUTED = colors.HexColor("#5c6b7a")
ACCENT = colors.HexColor("#1a5fb4")
RULE = colors.HexColor("#d5dbe1")
BAND = colors.HexColor("#f2f5f8")
BUCKET_COLOURS = {
    Bucket.READY: colors.HexColor("#1e6b3a"),
    Bucket.AFTER_BRIDGE: colors.HexColor("#1a5fb4"),
    Bucket.STRETCH: colors.HexColor("#8a5300"),
    Bucket.NOT_A_FIT: colors.HexColor("#6b6f75"),
}
VERDICT_MARK = {Verdict.FITS: "✔", Verdict.CAUTION: "!", Verdict.DOES_NOT_FIT: "✘"}
PAGE_WIDTH, PAGE_HEIGHT = LETTER
MARGIN = 0.75 * inch
BODY_WIDTH = PAGE_WIDTH - 2 * MARGIN


def _styles() -> dict[str, ParagraphStyle]:
    register()
    base = ParagraphStyle("body", fontName=REGULAR, fontSize=9.5, leading=13, textColor=INK)
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=7.5, leading=9.2, textColor=MUTED),
        "cell": ParagraphStyle("cell", parent=base, fontSize=7.5, leading=9.2),
        "cell_right": ParagraphStyle(
            "cell_right", parent=base, fontSize=8, leading=10, alignment=TA_RIGHT
        ),
        "cell_bold": ParagraphStyle(
            "cell_bold", parent=base, fontName=BOLD, fontSize=8, leading=10
        ),
        "h1": ParagraphStyle(
            "h1", parent=base, fontName=BOLD, fontSize=22, leading=28, spaceAfter=6
        ),
        "h2": ParagraphStyle(
            "h2", parent=base, fontName=BOLD, fontSize=14, leading=18, spaceBefore=4, spaceAfter=6
        ),
        "h3": ParagraphStyle(
            "h3",
            parent=base,
            fontName=BOLD,
            fontSize=10.5,
            leading=14,
            spaceBefore=10,
            spaceAfter=4,
            textColor=ACCENT,
        ),
        "cover_name": ParagraphStyle(
            "cover_name", parent=base, fontName=BOLD, fontSize=18, leading=24
        ),
    }


Part = str | Span  # a Span(..., isolate=True) is text someone typed: a name, a note


def _typed(text: str) -> Span:
    """Text a counselor or student typed, in any script and direction: laid out on its own
    so that, say, an Arabic name does not reorder the English around it."""
    return Span(text, isolate=True)


def _span_markup(span: Span, style: ParagraphStyle) -> str:
    body = markup(span.text, bold=span.bold or style.fontName == BOLD)
    if span.bold:
        body = f"<b>{body}</b>"
    if span.color is not None:
        body = f'<font color="#{span.color.hexval()[2:]}">{body}</font>'
    return body


def _p(content: str | Sequence[Part], style: ParagraphStyle, *, bold: bool = False) -> Flowable:
    """A paragraph: reportlab's own, or for Arabic, Hebrew or Devanagari (shaped, ordered
    right to left where it should be) a :class:`ShapedParagraph`."""
    parts = [content] if isinstance(content, str) else list(content)
    spans = [
        replace(part, bold=part.bold or bold) if isinstance(part, Span) else Span(part, bold=bold)
        for part in parts
    ]
    bold_text = "".join(s.text for s in spans if s.bold or style.fontName == BOLD)
    if needs_shaping("".join(span.text for span in spans)) or needs_shaping(bold_text, bold=True):
        return ShapedParagraph(spans, style)  # (also: a bold Chinese name, drawn emboldened)
    return Paragraph("".join(_span_markup(span, style) for span in spans), style)


def _table(rows: list[list[Any]], widths: list[float], *, header: bool = True) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0)
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        commands += [
            ("BACKGROUND", (0, 0), (-1, 0), BAND),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
        ]
    table.setStyle(TableStyle(commands))
    return table


# ---------------------------------------------------------------- sections


def _cover(report: ShortlistReport, s: dict[str, ParagraphStyle]) -> list[Any]:
    profile, v = report.profile, report.voice
    # The counselor's PDF is prepared by the counselor; the student edition's by the student.
    prepared: list[Part] = ["Prepared by: ", _typed(report.counselor or "your counselor")]
    if v.is_student:
        prepared = ["Prepared by you with GradMatch"]
        if report.counselor:
            prepared += ["; your counselor: ", _typed(report.counselor)]
    parts: list[Any] = [
        Spacer(1, 1.4 * inch),
        _p(v.heading("graduate program shortlist"), s["h1"]),
        _p("Master's programs in machine learning, AI and data science", s["body"]),
        Spacer(1, 0.5 * inch),
        _p(profile.full_name, s["cover_name"]),
        _p(profile.email, s["body"]),
        Spacer(1, 0.3 * inch),
        _p(prepared, s["body"]),
        _p(f"Date: {report.prepared_on:%B %-d, %Y}", s["body"]),
    ]
    if report.entries:
        parts.append(_p(f"Programs in this report: {len(report.entries)}", s["body"]))
    parts.append(Spacer(1, 0.3 * inch))
    if report.log is not None:
        parts.append(_p(COUNSELOR_COPY, s["body"], bold=True))
        parts.append(Spacer(1, 0.15 * inch))
    if not report.entries:
        parts.append(_p(_nothing_to_list(report), s["body"], bold=True))
    elif not report.from_shortlist:
        parts.append(
            _p(
                (
                    f"Every program on {v.the} shortlist has left the catalog (see \u201cNo "
                    "longer in the catalog\u201d)"
                    if report.retired
                    else "No shortlist has been made yet"
                )
                + f": this report lists {v.the} best matches "
                "(ready, or ready after bridging), up to ten, in ranked order.",
                s["body"],
                bold=True,
            )
        )
    parts += [
        Spacer(1, 0.3 * inch),
        _p(
            "Every figure carries its source. Tuition comes from a 2026 ranking article "
            "(as of January 2026) and is not verified unless marked so; fees, housing and "
            "bridge costs are counselor estimates. See the last page for the checklist, "
            "sources and caveats.",
            s["small"],
        ),
        PageBreak(),
    ]
    return parts


def _nothing_to_list(report: ShortlistReport) -> str:
    """What the cover says when no program is in the report, and what to do about it."""
    v = report.voice
    return (
        (
            f"Every program on {v.the} shortlist has left the catalog (see \u201cNo longer in "
            "the catalog\u201d)"
            if report.retired
            else f"{cap(v.the)} shortlist is empty"
        )
        + ", and no program in the catalog is a match yet (ready, or ready after bridging), "
        f"so this report lists no program. To fill it: on {v.matches_tab} add programs with "
        "\u201cAdd to shortlist\u2026\u201d, or read what the closest programs still need "
        f"(prerequisites, budget, GRE, preferences) and update {v.the} profile; then export the "
        "PDF again."
    )


def _profile_section(profile: StudentProfile, v: Voice, s: dict[str, ParagraphStyle]) -> list[Any]:
    residence = (
        (
            state_name(profile.residency.state)
            if profile.residency.state
            else "United States (state not recorded)"
        )
        if profile.residency.is_us
        else f"{profile.residency.country}"
        + {
            True: " (international applicant)",
            False: "",
            None: " (international applicant: not answered)",
        }[profile.applies_as_international]
    )
    gre = "No GRE scores"
    if profile.gre is not None:
        scores = profile.gre
        writing = "" if scores.writing is None else f", writing {scores.writing}"
        gre = f"Verbal {scores.verbal}, quant {scores.quant}{writing} " + (
            "(test date not recorded: ask when it was taken)"
            if scores.taken_on is None
            else f"(taken {scores.taken_on:%B %Y}"
            + (", expired by the application date)" if profile.gre_expired() else ")")
        )
    if profile.gre is None or profile.gre_expired():
        gre += {
            True: "; willing to take it",
            False: "; does not want to take it",
            None: f"; whether {v.who} will take it is not answered",
        }[profile.will_take_gre]
    budget = profile.budget
    prefs = profile.preferences
    facts = [
        ("Residence", residence),
        (
            "Major, GPA",
            f"{profile.major or '—'}, "
            + (
                f"{profile.gpa.value} / {scale_text(profile.gpa.scale)}"
                if profile.gpa
                else "GPA not given"
            ),
        ),
        ("GRE", gre),
        (
            "English test",
            f"{profile.english_test.kind.upper()} {profile.english_test.score}"
            if profile.english_test
            else "—",
        ),
        (
            "Budget",
            (
                f"up to {format_dollars(budget.max_total_cost)}"
                if budget.max_total_cost is not None
                else "not set"
            )
            + (
                "; employer reimbursement "
                f"{format_dollars(budget.employer_reimbursement_per_year)} a year"
                if budget.employer_reimbursement_per_year
                else ""
            )
            + (
                f"; scholarships {format_dollars(budget.scholarships)}"
                if budget.scholarships
                else ""
            )
            + ("; willing to borrow" if budget.will_borrow else ""),
        ),
        (
            "Preferences",
            (
                f"{prefs.delivery.value} delivery"
                if prefs.delivery is not None
                else "delivery not answered"
            )
            + {True: "; part time", False: "; full time", None: ""}[prefs.part_time]
            + {
                True: "; can relocate",
                False: "; cannot relocate",
                None: "; relocation not answered",
            }[prefs.relocate]
            + (f"; states {', '.join(prefs.states)}" if prefs.states else "")
            + (
                f"; {', '.join(x.label for x in prefs.specializations)}"
                if prefs.specializations
                else ""
            )
            + (f"; target: {prefs.career_path.label}" if prefs.career_path else ""),
        ),
    ]
    rows = [[_p(label, s["cell_bold"]), _p(value, s["cell"])] for label, value in facts]
    prereq_rows = [[_p("Prerequisite", s["cell_bold"]), _p("Status", s["cell_bold"])]]
    for subject, status in profile.prerequisites.items():
        prereq_rows.append([_p(subject.label, s["cell"]), _p(status.label, s["cell"])])
    return [
        _p(v.heading("profile summary"), s["h2"]),
        _table(rows, [1.3 * inch, BODY_WIDTH - 1.3 * inch], header=False),
        _p(v.heading("prerequisites"), s["h3"]),
        _table(prereq_rows, [3.2 * inch, 1.6 * inch]),
    ]


def _shortlist_table(report: ShortlistReport, s: dict[str, ParagraphStyle]) -> list[Any]:
    head = [
        "#", "School and program", "Format", "GRE", "Tuition", TOTAL_LABEL, TO_STUDENT_LABEL,
        "Budget", "Ready in",
    ]  # fmt: skip
    rows: list[list[Any]] = [[_p(h, s["cell_bold"]) for h in head]]
    for rank, entry in enumerate(report.entries, start=1):
        match = entry.match
        program = match.program
        rows.append(
            [
                _p(str(rank), s["cell"]),
                _p([_typed(program.school), " — ", _typed(program.program)], s["cell"]),
                _p(program.mode.value.capitalize(), s["cell"]),
                _p(program.gre.policy.label if program.gre else "unknown", s["cell"]),
                _p(format_estimate(match.tuition), s["cell_right"]),
                _p(format_estimate(match.total), s["cell_right"]),
                _p(format_estimate(match.to_student), s["cell_right"]),
                _p({True: "within", False: "over", None: "—"}[match.within_budget], s["cell"]),
                _p(f"{match.gap.plan.months} mo" if match.gap.plan.steps else "now", s["cell"]),
            ]
        )
    widths = [0.22, 2.08, 0.56, 0.78, 0.7, 0.78, 0.78, 0.58, 0.52]
    the_shortlist = f"{cap(report.voice.the)} shortlist"
    if not report.entries:
        return [
            Spacer(1, 0.2 * inch),
            _p(the_shortlist, s["h2"]),
            _p("Empty, and no program is a match yet: see the cover for what to do.", s["body"]),
            *_retired_entries(report, s),
        ]
    return [
        Spacer(1, 0.2 * inch),
        _p(
            the_shortlist if report.from_shortlist else report.voice.heading("best matches"),
            s["h2"],
        ),
        _table(rows, [w * inch for w in widths]),
        _p(
            f"{TOTAL_LABEL}: {TOTAL_MEANING}. {TO_STUDENT_LABEL}: {TO_STUDENT_MEANING}. "
            "Estimates in whole dollars.",
            s["small"],
        ),
        *_retired_entries(report, s),
    ]


def _retired_entries(report: ShortlistReport, s: dict[str, ParagraphStyle]) -> list[Any]:
    """Shortlist entries whose program left the catalog: kept, with their note."""
    if not report.retired:
        return []
    parts: list[Any] = [Spacer(1, 0.15 * inch), _p("No longer in the catalog", s["h2"])]
    for entry in report.retired:
        if entry.retired_on is None:
            continue
        text: list[Part] = [_typed(entry.label), f": {retired_note(entry.retired_on)}."]
        if entry.note:
            text += [" Note: ", _typed(entry.note)]
        parts.append(_p(text, s["body"]))
    return parts


def _cost_chart(cost: CostEstimate) -> Drawing:
    lines = [line for line in cost.lines if line.amount]
    width, bar_height, gap = BODY_WIDTH, 8, 3
    label_width = 1.9 * inch
    height = len(lines) * (bar_height + gap) + 6
    drawing = Drawing(width, height)
    largest = max((line.amount or Decimal(0) for line in lines), default=Decimal(1))
    span = width - label_width - 1.1 * inch
    colour_of = {
        LineKind.ADD: ACCENT,
        LineKind.EXTRA: colors.HexColor("#8a5300"),
        LineKind.SUBTRACT: colors.HexColor("#1e6b3a"),
    }
    for index, line in enumerate(lines):
        y = height - (index + 1) * (bar_height + gap)
        amount = line.amount or Decimal(0)
        length = float(amount / largest) * span
        sign = "−" if line.kind is LineKind.SUBTRACT else ""
        drawing.add(String(0, y + 2, line.label, fontName=REGULAR, fontSize=7.5, fillColor=INK))
        drawing.add(
            Rect(
                label_width,
                y,
                max(length, 1),
                bar_height,
                fillColor=colour_of[line.kind],
                strokeColor=None,
            )
        )
        drawing.add(
            String(
                label_width + length + 4,
                y + 2,
                sign + format_dollars(amount),
                fontName=REGULAR,
                fontSize=7.5,
                fillColor=INK,
            )
        )
    return drawing


def _timeline(entry: ReportEntry) -> Drawing | None:
    plan = entry.match.gap.plan
    if not plan.steps:
        return None
    label_width = 1.9 * inch
    span = BODY_WIDTH - label_width - 2.4 * inch
    bar_height, gap = 8, 3
    height = len(plan.steps) * (bar_height + gap) + 14
    drawing = Drawing(BODY_WIDTH, height)
    scale = span / max(plan.weeks, 1)
    for index, step in enumerate(plan.steps):
        y = height - 14 - (index + 1) * (bar_height + gap) + gap
        drawing.add(
            String(0, y + 1, step.subject.label, fontName=REGULAR, fontSize=7.5, fillColor=INK)
        )
        x = label_width + step.start_week * scale
        drawing.add(
            Rect(x, y, max(step.weeks * scale, 2), bar_height, fillColor=ACCENT, strokeColor=None)
        )
        label = step.option.label if step.option else "no option on file"
        drawing.add(
            String(
                x + step.weeks * scale + 4,
                y + 1,
                f"wk {step.start_week}–{step.end_week}: {label}",
                fontName=REGULAR,
                fontSize=6.5,
                fillColor=MUTED,
            )
        )
    drawing.add(
        String(
            label_width,
            height - 10,
            f"0 to {plan.weeks} weeks",
            fontName=REGULAR,
            fontSize=7,
            fillColor=MUTED,
        )
    )
    return drawing


def _program_page(
    rank: int, entry: ReportEntry, report: ShortlistReport, s: dict[str, ParagraphStyle]
) -> list[Any]:
    match, cost, v = entry.match, entry.cost, report.voice
    program = match.program
    bucket = match.shown_bucket
    verdict: list[Part] = [
        Span(bucket.label, bold=True, color=BUCKET_COLOURS[bucket]),
        f" · score {match.score}/100",
    ]
    if match.override:
        verdict += [f" · set by {v.counselor}: ", _typed(match.override.reason)]
    parts: list[Any] = [
        PageBreak(),
        _p([f"{rank}. ", _typed(program.school)], s["h2"]),
        _p(
            [_typed(program.program), " · ", _typed(program.location), f" · {program.mode.value}"],
            s["body"],
        ),
        _p(verdict, s["body"]),
    ]
    if entry.note:
        parts.append(_p([f"{v.note_label}: ", _typed(entry.note)], s["body"]))
    parts.append(_p("Why", s["h3"]))
    reason_rows = [
        [
            _p(VERDICT_MARK[r.verdict], s["cell_bold"]),
            _p(r.criterion.label, s["cell_bold"]),
            _p(r.text, s["cell"]),
        ]
        for r in match.reasons
    ]
    parts.append(
        _table(reason_rows, [0.2 * inch, 1.1 * inch, BODY_WIDTH - 1.3 * inch], header=False)
    )
    cost_rows: list[list[Any]] = [
        [_p(h, s["cell_bold"]) for h in ("Cost", "Amount", "Where the number comes from")]
    ]
    for row in breakdown(cost):
        label_style = s["cell_bold"] if row.emphasis else s["cell"]
        cost_rows.append(
            [_p(row.label, label_style), _p(row.amount, s["cell_right"], bold=row.emphasis),
             _p(row.source, s["small"])]
        )  # fmt: skip
    parts.append(
        KeepTogether(
            [
                _p(f"{v.heading('cost estimate')} ({cost.years} years)", s["h3"]),
                _table(cost_rows, [1.6 * inch, 0.9 * inch, BODY_WIDTH - 2.5 * inch]),
            ]
        )
    )
    if cost.stated_total_note:
        parts.append(_p(cost.stated_total_note, s["small"]))
    parts.append(Spacer(1, 6))
    parts.append(_cost_chart(cost))
    if cost.loan is not None:
        parts.append(_p(loan_sentence(cost.loan), s["small"]))
    timeline = _timeline(entry)
    plan = match.gap.plan
    if timeline is not None:
        parts.append(
            KeepTogether(
                [
                    _p(
                        f"{v.heading('bridge plan')}: about {plan.months} months, "
                        f"{plan.pace.replace('_', ' ')}",
                        s["h3"],
                    ),
                    timeline,
                    _p(
                        "Durations and costs of bridge courses are counselor estimates: the "
                        "article names these kinds of bridge but gives no figures.",
                        s["small"],
                    ),
                ]
            )
        )
    else:
        parts.append(
            _p(
                f"{v.heading('bridge plan')}: nothing to bridge, every required subject is "
                "completed.",
                s["body"],
            )
        )
    return parts


COUNSELOR_COPY = (
    "Counselor's copy: this PDF includes the meeting log, which is counselor-only. "
    "Give the student the PDF exported without it."
)


def _meeting_log(report: ShortlistReport, s: dict[str, ParagraphStyle]) -> list[Any]:
    """The meeting log, newest first: only in a counselor's copy."""
    if report.log is None:
        return []
    parts: list[Any] = [
        PageBreak(),
        _p("Meeting log — counselor's copy", s["h2"]),
        _p(COUNSELOR_COPY, s["small"]),
        Spacer(1, 0.1 * inch),
    ]
    if not report.log:
        parts.append(_p("Nothing logged yet: no meetings, emails or calls.", s["body"]))
        return parts
    rows: list[list[Any]] = [[_p(h, s["cell_bold"]) for h in ("Date", "Kind", "What happened")]]
    for record in report.log:
        entry = record.entry
        text = "<br/>".join(markup(line) for line in entry.text.splitlines())
        rows.append(
            [
                _p(entry.on.isoformat(), s["cell"]),
                _p(entry.kind.label, s["cell"]),
                Paragraph(text, s["cell"]),
            ]
        )
    parts.append(_table(rows, [0.85 * inch, 0.65 * inch, BODY_WIDTH - 1.5 * inch]))
    return parts


def _closing(report: ShortlistReport, s: dict[str, ParagraphStyle]) -> list[Any]:
    v = report.voice
    parts: list[Any] = [
        PageBreak(),
        _p("How to choose", s["h2"]),
        _p(
            "The source article's checklist, to go through for each program before applying:",
            s["body"],
        ),
    ]
    for item in HOW_TO_CHOOSE:
        parts.append(_p(f"☐  {item}", s["body"]))
    if v.is_student:  # the student's next step: the counselor, who can answer what is open
        parts.append(
            _p(
                "Go through it with your counselor: send them your profile (File \u25b8 Send "
                "my profile to my counselor) and ask about every figure marked unknown or not "
                "verified, and every question your matches leave open.",
                s["body"],
            )
        )
    parts.append(_p("Sources and as-of dates", s["h3"]))
    source = report.source
    if source is not None:
        parts.append(
            _p(
                f"Program catalog: “{source.title}”, {source.publisher}; tuition as of "
                f"{format_year_month(source.as_of)}. {source.as_of_text}",
                s["body"],
            )
        )
    verified = sum(1 for entry in report.entries if entry.match.program.verified)
    if report.entries:
        parts.append(
            _p(
                f"Programs in this report verified by {v.counselor}: "
                f"{verified} of {len(report.entries)}.",
                s["body"],
            )
        )
    parts.append(_p("Median pay figures: the article's career table (BLS, 2024).", s["body"]))
    parts.append(_p("Reading the figures", s["h3"]))
    parts.append(_p(f"Score: {score_explained(v)}", s["body"]))
    parts.append(_p(f"{TOTAL_LABEL}: {TOTAL_MEANING}.", s["body"]))
    parts.append(_p(f"{TO_STUDENT_LABEL}: {TO_STUDENT_MEANING}.", s["body"]))
    parts.append(_p("Caveats", s["h3"]))
    for caveat in CAVEATS:
        parts.append(_p(f"•  {caveat}", s["body"]))
    return parts


# ---------------------------------------------------------------- the document


def write_shortlist_pdf(report: ShortlistReport, target: BinaryIO) -> None:
    """Write the report to ``target`` (an open binary file)."""
    styles = _styles()
    name = report.profile.full_name
    header_spans = [
        Span("GradMatch shortlist · "),
        _typed(name),
        Span(f" · {report.prepared_on:%Y-%m-%d}"),
    ]
    if report.log is not None:
        header_spans.append(Span(" · counselor's copy (with the meeting log)"))
    header = "".join(span.text for span in header_spans)
    shaped_header = needs_shaping(header)

    def decorate(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.line(
            MARGIN, PAGE_HEIGHT - 0.55 * inch, PAGE_WIDTH - MARGIN, PAGE_HEIGHT - 0.55 * inch
        )
        if shaped_header:
            draw_text(canvas, MARGIN, PAGE_HEIGHT - 0.48 * inch, header_spans, 7.5, MUTED)
        else:
            text = canvas.beginText(MARGIN, PAGE_HEIGHT - 0.48 * inch)
            text.setFillColor(MUTED)
            for chunk, face in runs(header):
                text.setFont(face.regular, 7.5)
                text.textOut(chunk)
            canvas.drawText(text)
        canvas.setFont(REGULAR, 7.5)
        canvas.setFillColor(MUTED)
        canvas.drawRightString(PAGE_WIDTH - MARGIN, 0.5 * inch, f"Page {doc.page}")
        canvas.drawString(
            MARGIN, 0.5 * inch, f"GradMatch {__version__} · figures unverified unless marked"
        )
        canvas.restoreState()

    doc = SimpleDocTemplate(
        target,
        pagesize=LETTER,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=0.8 * inch,
        bottomMargin=0.8 * inch,
        title=f"Graduate program shortlist — {name}",
        author=report.counselor or "GradMatch",
        subject="Master's programs in ML, AI and data science",
        creator=f"GradMatch {__version__}",
    )
    story: list[Any] = []
    story += _cover(report, styles)
    story += _profile_section(report.profile, report.voice, styles)
    story += _shortlist_table(report, styles)
    for rank, entry in enumerate(report.entries, start=1):
        story += _program_page(rank, entry, report, styles)
    story += _meeting_log(report, styles)
    story += _closing(report, styles)
    doc.build(story, onFirstPage=decorate, onLaterPages=decorate)
