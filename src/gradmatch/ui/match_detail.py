"""The detail of one match: every reason, the bridge plan as a timeline, the cost estimate."""

from __future__ import annotations

from gradmatch.domain.costs import breakdown, loan_sentence
from gradmatch.domain.matching import SCORE_EXPLAINED, Match, Verdict
from gradmatch.domain.money import format_dollars
from gradmatch.domain.voice import COUNSELOR, Voice
from gradmatch.ui.help import Topic, help_link
from gradmatch.ui.matches_model import BUCKET_COLOURS
from gradmatch.ui.palette import ACCENT, CAUTION, GOOD, HEADING, PROBLEM, muted, readable
from gradmatch.ui.text import esc

_VERDICT = {
    Verdict.FITS: ("✔", GOOD),
    Verdict.CAUTION: ("!", CAUTION),
    Verdict.DOES_NOT_FIT: ("✘", PROBLEM),
}
_TIMELINE_WIDTH = 160  # pixels for the longest plan


def match_html(match: Match, note: str | None, voice: Voice = COUNSELOR) -> str:
    """``voice``: whom the words speak to (the match's reasons are already in it)."""
    program = match.program
    foreground, background = BUCKET_COLOURS[match.shown_bucket]
    parts = [
        f"<h2 style='margin:0'>{esc(program.program)}</h2>",
        f"<div style='color:{readable(HEADING)}'>{esc(program.school)} · {esc(program.location)} · "
        f"{esc(program.mode.value)}</div>",
        f"<p><span style='background:{background};color:{foreground};font-weight:bold' "
        f"title='{esc(match.shown_bucket.meaning)}'>&nbsp;{esc(match.shown_bucket.label)}&nbsp;"
        f"</span> &nbsp;<span title='{esc(SCORE_EXPLAINED)}'>score <b>{match.score}</b>/100"
        f"</span> &nbsp;<a href='{help_link(Topic.BUCKETS)}'>What is this?</a>",
    ]
    if match.override:
        parts.append(
            f"<br><span style='color:{readable(ACCENT)}'>✎ Bucket set by {voice.counselor} on "
            f"{match.override.set_on:%Y-%m-%d}: {esc(match.override.reason)} "
            f"(computed: {esc(match.bucket.label)})</span>"
        )
    parts.append("</p>")
    if note is not None:
        parts.append(f"<p>★ <b>On the shortlist</b>{': ' + esc(note) if note else ''}</p>")
    parts.append("<h3>Why</h3><table cellspacing='0' cellpadding='3'>")
    for reason in match.reasons:
        mark, colour = _VERDICT[reason.verdict]
        colour = readable(colour)
        criterion = esc(reason.criterion.label)
        parts.append(
            f"<tr><td style='color:{colour};font-weight:bold' valign='top'>{mark}</td>"
            f"<td valign='top' style='color:{muted()}'>{criterion}"
            f"</td><td>{esc(reason.text)}</td></tr>"
        )
    parts.append("</table>")
    parts.append(_cost_html(match, voice))
    parts.append(_timeline_html(match))
    return "".join(parts)


def _cost_html(match: Match, voice: Voice) -> str:
    """The same lines, totals and labels as the PDF's program page (``costs.breakdown``)."""
    cost = match.cost
    body = "".join(
        f"<tr><td>{'<b>' if row.emphasis else ''}{esc(row.label)}{'</b>' if row.emphasis else ''}"
        f"</td><td align='right'>{'<b>' if row.emphasis else ''}{esc(row.amount)}"
        f"{'</b>' if row.emphasis else ''}</td>"
        f"<td style='color:{muted()}'>{esc(row.source)}</td></tr>"
        for row in breakdown(cost)
    )
    notes = []
    if cost.stated_total_note:
        notes.append(esc(cost.stated_total_note))
    if cost.loan is not None:
        notes.append(esc(loan_sentence(cost.loan)))
    notes.append(
        "Catalog figures are not verified; fees, housing and bridge costs are counselor "
        f"estimates{voice.in_settings(' (Settings)')}. Amounts in whole dollars."
    )
    return (
        f"<h3>Cost estimate ({cost.years} years) &nbsp;<a href='{help_link(Topic.COSTS)}' "
        "style='font-size:small;font-weight:normal'>What is this?</a></h3>"
        "<table cellspacing='0' cellpadding='3'>"
        f"{body}</table>" + "".join(f"<p style='color:{muted()}'>{n}</p>" for n in notes)
    )


def _timeline_html(match: Match) -> str:
    plan = match.gap.plan
    if not plan.steps:
        return "<h3>Bridge plan</h3><p>Nothing to bridge: every required subject is done.</p>"
    scale = _TIMELINE_WIDTH / max(plan.weeks, 1)
    rows = []
    for step in plan.steps:
        offset = int(step.start_week * scale)
        width = max(int(step.weeks * scale), 4)
        label = step.option.label if step.option else "no bridge option on file"
        cost = (
            "already under way"
            if step.partial
            else f"{format_dollars(step.cost_low)}–{format_dollars(step.cost_high)}"
        )
        # The subject and what it takes in one column that wraps, the bar beside it: the
        # pane stays as narrow as the window leaves it (no sideways scrolling).
        rows.append(
            f"<tr><td valign='top'>{esc(step.subject.label)}<br>"
            f"<span style='color:{muted()}'>weeks {step.start_week}–{step.end_week} · "
            f"{esc(label)} · {esc(cost)}</span></td>"
            f"<td valign='top'><table cellspacing='0' cellpadding='0'><tr>"
            f"<td width='{offset}'></td>"
            f"<td width='{width}' bgcolor='{ACCENT}' height='10'></td></tr></table></td></tr>"
        )
    return (
        f"<h3>Bridge plan: about {plan.months} months ({plan.pace.replace('_', '-')})</h3>"
        "<table cellspacing='0' cellpadding='3'>" + "".join(rows) + "</table>"
        f"<p style='color:{muted()}'>Durations and costs are counselor estimates (editable data "
        "shipped with GradMatch); the source article names these kinds of bridge but gives "
        "no figures.</p>"
    )
