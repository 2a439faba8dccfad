"""Text that a reportlab Paragraph cannot lay out: Arabic, Hebrew, Devanagari, and any line
that mixes them with the document's English.

reportlab 5 shapes with HarfBuzz (``uharfbuzz``) when asked, but only word by word in the
first font of the word, and reorders right-to-left text only through ``rlbidi`` (not on
PyPI) and then only in single-font paragraphs. So this module does the whole job itself:

1. the bidirectional algorithm (python-bidi's implementation of UAX #9) gives each
   character its embedding level (odd: right to left);
2. the text is cut into runs of one face, weight, colour and level, and HarfBuzz shapes
   each run (Arabic letters joined, Devanagari conjuncts and vowel signs in place, Hebrew
   and Arabic glyphs in visual order);
3. lines break at spaces, in logical order; then each line is put in visual order (rule L2:
   runs at odd levels reversed);
4. each glyph is drawn through a character of its font (:meth:`BundledFont.code_for`) whose
   ToUnicode entry gives back the characters it stands for, so that the PDF's text, copied
   or extracted, is the name as typed. For right-to-left text each glyph stands for one
   character, in reverse (extractors such as pypdf reverse right-to-left runs back), and a
   ligature such as lam-alef is followed by invisible zero-width glyphs for its other
   letters."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

import uharfbuzz as hb
from bidi import algorithm as bidi_algorithm
from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import getAscentDescent
from reportlab.pdfbase.ttfonts import ShapeData, ShapedStr
from reportlab.platypus import Flowable

from gradmatch.reports.fonts import BOLD, BundledFont, faces_of, register


@dataclass(frozen=True)
class Span:
    """A piece of a paragraph's text and how it looks."""

    text: str
    bold: bool = False
    color: Color | None = None
    # Typed by someone (a name, a note): ordered on its own, its direction taken from its
    # own first letter, and standing as one neutral character in the text around it (a
    # first-strong isolate, UAX #9), so an Arabic name does not pull the date after it
    # into its right-to-left run.
    isolate: bool = False


@dataclass(frozen=True)
class Glyph:
    gid: int  # 0: the font has no glyph (a box would be drawn)
    code: str  # the character of its font that draws it
    advance: float  # in thousandths of the font size
    x_offset: float
    y_offset: float
    width: float  # the glyph's own advance, as the PDF's font widths say


@dataclass(frozen=True)
class Cluster:
    """Glyphs that stand for a run of characters together (a letter and its marks, a
    conjunct, a ligature), the unit a line is broken and reordered by."""

    start: int  # characters start:end of the paragraph's text
    end: int
    text: str
    level: int  # bidirectional embedding level: odd is right to left
    font: str
    size: float
    color: Color
    glyphs: tuple[Glyph, ...]
    width: float  # in points
    space: bool  # whitespace: a line may break after it, and loses it at its end
    newline: bool
    emboldened: bool = False  # bold in a face with no bold font: drawn filled and stroked


# ---------------------------------------------------------------- the bidirectional algorithm


def levels(text: str, base: int | None = None) -> tuple[int, list[int]]:
    """The paragraph's base level (0 left to right, 1 right to left: unless given, its
    first letter decides, rules P2-P3) and each character's embedding level (X1-I2)."""
    if base is None:
        base = int(bidi_algorithm.get_base_level(text))
    storage = bidi_algorithm.get_empty_storage()
    storage["base_level"] = base
    storage["base_dir"] = ("L", "R")[base]
    bidi_algorithm.get_embedding_levels(text, storage)
    every = list(storage["chars"])  # explicit formatting characters are dropped next (X9)
    bidi_algorithm.explicit_embed_and_overrides(storage)
    bidi_algorithm.resolve_weak_types(storage)
    bidi_algorithm.resolve_neutral_types(storage, False)
    bidi_algorithm.resolve_implicit_levels(storage, False)
    kept = {id(char) for char in storage["chars"]}
    result: list[int] = []
    for char in every:
        # A dropped formatting character (a joiner) takes its neighbour's level.
        result.append(int(char["level"]) if id(char) in kept or not result else result[-1])
    return base, result


# A synthetic bold's outline, as a share of the font size: each stem a little wider, close
# to the bundled bold faces' weight.
EMBOLDEN = 0.04

_PLACEHOLDER = "\ufffc"  # an isolate, as the text around it sees it: a neutral character


def _outer(spans: Sequence[Span]) -> str:
    return "".join(_PLACEHOLDER * len(span.text) if span.isolate else span.text for span in spans)


def base_level(spans: Sequence[Span]) -> int:
    """0 for a left-to-right paragraph, 1 for a right-to-left one (its first letter outside
    isolates decides; an isolate alone decides for itself)."""
    outer = _outer(spans)
    if outer.strip(_PLACEHOLDER + " "):
        return int(bidi_algorithm.get_base_level(outer))
    return int(bidi_algorithm.get_base_level("".join(span.text for span in spans)))


def span_levels(spans: Sequence[Span]) -> tuple[int, list[int]]:
    """The base level and each character's level, isolates ordered on their own (their
    levels raised above the paragraph's, as rule X5c would)."""
    if len(spans) == 1:
        return levels(spans[0].text)  # an isolate alone is the paragraph
    base, result = levels(_outer(spans), base_level(spans))
    position = 0
    for span in spans:
        if span.isolate and span.text:
            inner_base, inner = levels(span.text)
            target = (base + 1) | 1 if inner_base % 2 else (base + 2) & ~1
            result[position : position + len(span.text)] = [
                level - inner_base + target for level in inner
            ]
        position += len(span.text)
    return base, result


def visual_order(line: Sequence[Cluster]) -> list[Cluster]:
    """Rule L2: from the highest level down to the lowest odd one, reverse every stretch of
    clusters at that level or above."""
    if not any(cluster.level % 2 for cluster in line):
        return list(line)
    order = list(line)
    highest = max(cluster.level for cluster in order)
    lowest_odd = min(cluster.level for cluster in order if cluster.level % 2)
    for level in range(highest, lowest_odd - 1, -1):
        index = 0
        while index < len(order):
            if order[index].level >= level:
                end = index
                while end < len(order) and order[end].level >= level:
                    end += 1
                order[index:end] = reversed(order[index:end])
                index = end
            else:
                index += 1
    return order


# ---------------------------------------------------------------- shaping


@lru_cache(maxsize=16)
def _hb_font(name: str) -> Any:
    font = register()[name]
    return hb.Font(hb.Face(hb.Blob.from_file_path(font.face.filename)))


@lru_cache(maxsize=8192)
def _shape(name: str, text: str, rtl: bool) -> tuple[tuple[int, int, int, int, int], ...]:
    """HarfBuzz's glyphs for ``text`` in visual order: (glyph id, cluster, advance,
    x offset, y offset), positions in font units."""
    buffer = hb.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    buffer.direction = "rtl" if rtl else "ltr"
    hb.shape(_hb_font(name), buffer, {})
    return tuple(
        (info.codepoint, info.cluster, position.x_advance, position.x_offset,
         position.y_offset)
        for info, position in zip(buffer.glyph_infos, buffer.glyph_positions, strict=True)
    )  # fmt: skip


def _glyph(font: BundledFont, gid: int, text: str, advance: float, dx: float, dy: float) -> Glyph:
    # A glyph moved left of its place (a vowel sign over its consonant) would have the PDF
    # move right again after it, which text extractors take for a space between words: its
    # code's width takes it straight to where the next glyph starts instead.
    code = font.code_for(gid, text, round(advance - dx) if dx < 0 else None)
    width = float(font.face.charWidths.get(ord(code), font.face.defaultWidth))
    return Glyph(gid, code, advance, dx, dy, width)


def _run_clusters(
    font: BundledFont, text: str, offset: int, level: int, size: float, color: Color
) -> list[Cluster]:
    """The clusters of one run (one face, weight, colour and level), in logical order."""
    rtl = bool(level % 2)
    scale = 1000 / font.face.unitsPerEm
    groups: list[tuple[int, list[tuple[int, int, int, int, int]]]] = []
    for glyph in _shape(font.fontName, text, rtl):
        if groups and groups[-1][0] == glyph[1]:
            groups[-1][1].append(glyph)
        else:
            groups.append((glyph[1], [glyph]))
    starts = sorted({start for start, _ in groups})
    ends = dict(zip(starts, [*starts[1:], len(text)], strict=True))
    space_gid = font.face.charToGlyph.get(0x20, 0)
    clusters: list[Cluster] = []
    for start, shaped in groups:
        chars = text[start : ends[start]]
        glyphs: list[Glyph] = []
        for index, (gid, _cluster, advance, dx, dy) in enumerate(shaped):
            # One character a glyph, in reading order (last first right to left: extractors
            # reverse right-to-left text back), whatever the glyphs look like: a text
            # extractor that meets several characters in one place takes them for a symbol.
            if index < len(chars):
                stands_for = chars[len(chars) - 1 - index] if rtl else chars[index]
            else:
                stands_for = ""
            glyphs.append(_glyph(font, gid, stands_for, advance * scale, dx * scale, dy * scale))
        # A ligature or conjunct has fewer glyphs than characters: invisible, zero-width
        # glyphs carry the others.
        rest = chars[: len(chars) - len(shaped)] if rtl else chars[len(shaped) :]
        for char in reversed(rest) if rtl else rest:
            glyphs.append(_glyph(font, space_gid, char, 0.0, 0.0, 0.0))
        clusters.append(
            Cluster(
                start=offset + start,
                end=offset + ends[start],
                text=chars,
                level=level,
                font=font.fontName,
                size=size,
                color=color,
                glyphs=tuple(glyphs),
                width=sum(glyph.advance for glyph in glyphs) * size / 1000,
                space=chars.isspace(),
                newline=False,
            )
        )
    clusters.sort(key=lambda cluster: cluster.start)
    return clusters


def clusters(
    spans: Sequence[Span], size: float, color: Color, *, bold: bool = False
) -> list[Cluster]:
    """The paragraph's clusters in logical order, each shaped in its face."""
    text = "".join(span.text for span in spans)
    if not text:
        return []
    looks: list[tuple[bool, Color]] = []
    for span in spans:
        looks += [(span.bold or bold, span.color or color)] * len(span.text)
    _base, char_levels = span_levels(spans)
    faces = faces_of(text)
    fonts = register()
    result: list[Cluster] = []
    start = 0
    while start < len(text):
        if text[start] == "\n":
            result.append(
                Cluster(start, start + 1, "\n", char_levels[start], faces[start].regular, size,
                        looks[start][1], (), 0.0, space=True, newline=True)
            )  # fmt: skip
            start += 1
            continue
        key = (faces[start], looks[start], char_levels[start])
        end = start + 1
        while (
            end < len(text)
            and text[end] != "\n"
            and (faces[end], looks[end], char_levels[end]) == key
        ):
            end += 1
        face, (is_bold, run_color), level = key
        font = fonts[face.font_name(is_bold)]
        run = _run_clusters(font, text[start:end], start, level, size, run_color)
        if is_bold and face.synthetic_bold:
            run = [replace(cluster, emboldened=True) for cluster in run]
        result += run
        start = end
    return result


# ---------------------------------------------------------------- lines


def _words(items: Sequence[Cluster]) -> list[list[Cluster]]:
    """Clusters grouped into words, each with the spaces that follow it."""
    words: list[list[Cluster]] = []
    for cluster in items:
        if not words or (not cluster.space and words[-1][-1].space):
            words.append([cluster])
        else:
            words[-1].append(cluster)
    return words


def _trim(line: list[Cluster]) -> list[Cluster]:
    while line and line[-1].space:
        line = line[:-1]
    return line


def break_lines(items: Sequence[Cluster], width: float) -> list[list[Cluster]]:
    """Greedy lines no wider than ``width`` (a word wider than a line is cut between
    clusters), broken at spaces and newlines, in logical order, trailing spaces dropped."""
    lines: list[list[Cluster]] = []
    line: list[Cluster] = []
    used = 0.0
    for word in _words(items):
        letters = [cluster for cluster in word if not cluster.space]
        needed = sum(cluster.width for cluster in letters)
        if line and used + needed > width + 1e-6:
            lines.append(_trim(line))
            line, used = [], 0.0
        if needed > width and not line:
            for cluster in letters:
                if line and used + cluster.width > width + 1e-6:
                    lines.append(line)
                    line, used = [], 0.0
                line.append(cluster)
                used += cluster.width
            word = word[len(letters) :]
        for cluster in word:
            if cluster.newline:
                lines.append(_trim(line))
                line, used = [], 0.0
            else:
                line.append(cluster)
                used += cluster.width
    if line or not lines:
        lines.append(_trim(line))
    return lines


def line_width(line: Sequence[Cluster]) -> float:
    return sum(cluster.width for cluster in line)


def draw_line(canvas: Any, x: float, y: float, line: Sequence[Cluster]) -> float:
    """Draw one line (clusters in logical order) with its left end at ``x`` on the baseline
    ``y``; returns its width."""
    pieces: list[list[Cluster]] = []
    for cluster in visual_order(line):
        last = pieces[-1][-1] if pieces else None
        if last is not None and (last.font, last.size, last.color, last.emboldened) == (
            cluster.font, cluster.size, cluster.color, cluster.emboldened):  # fmt: skip
            pieces[-1].append(cluster)
        else:
            pieces.append([cluster])
    # One text object for the line, as a PDF reader expects a line to be: each piece moves
    # the pen by exactly its shaped width (the glyph positions say so).
    emboldened = [piece[0].size for piece in pieces if piece[0].emboldened]
    if emboldened:  # the outline's width, for this line only
        canvas.saveState()
        canvas.setLineWidth(max(emboldened) * EMBOLDEN)
    text = canvas.beginText(x, y)
    for piece in pieces:
        first = piece[0]
        glyphs = [glyph for cluster in piece for glyph in cluster.glyphs]
        if glyphs:
            data = [
                ShapeData(index, glyph.advance, 0, glyph.x_offset, glyph.y_offset, glyph.width)
                for index, glyph in enumerate(glyphs)
            ]
            text.setFont(first.font, first.size)
            text.setFillColor(first.color)
            if emboldened:
                text.setStrokeColor(first.color)
                text.setTextRenderMode(2 if first.emboldened else 0)  # 2: fill, then stroke
            text.textOut(ShapedStr("".join(glyph.code for glyph in glyphs), shapeData=data))
    canvas.drawText(text)
    if emboldened:
        canvas.restoreState()
    return line_width(line)


def draw_text(canvas: Any, x: float, y: float, spans: Sequence[Span], size: float,
              color: Color) -> float:  # fmt: skip
    """Draw ``spans`` as one line (no wrapping) starting at ``x``; returns its width."""
    items = [cluster for cluster in clusters(spans, size, color) if not cluster.newline]
    return draw_line(canvas, x, y, _trim(items))


class ShapedParagraph(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """A paragraph laid out by this module, styled by a ParagraphStyle (font size, leading,
    colour, alignment, spacing; a bold style font makes every face bold)."""

    def __init__(
        self,
        spans: Sequence[Span],
        style: ParagraphStyle,
        *,
        _items: list[Cluster] | None = None,
        _lines: list[list[Cluster]] | None = None,
    ) -> None:
        super().__init__()
        self.spans = tuple(spans)
        self.style = style
        self._items = (
            _items
            if _items is not None
            else clusters(spans, style.fontSize, style.textColor, bold=style.fontName == BOLD)
        )
        self._fixed = _lines
        self._lines: list[list[Cluster]] = _lines or []
        self._rtl = base_level(self.spans) == 1

    @property
    def text(self) -> str:
        return "".join(span.text for span in self.spans)

    @property
    def lines(self) -> list[list[Cluster]]:
        """The lines of the last :meth:`wrap`, each in logical order."""
        return self._lines

    def _available(self, width: float) -> float:
        return float(width - self.style.leftIndent - self.style.rightIndent)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        if self._fixed is None:
            self._lines = break_lines(self._items, self._available(availWidth))
        self.width = availWidth
        self.height = len(self._lines) * self.style.leading
        return self.width, self.height

    def minWidth(self) -> float:  # noqa: N802  # reportlab's name
        widest = max(
            (sum(c.width for c in word if not c.space) for word in _words(self._items)),
            default=0.0,
        )
        return float(widest + self.style.leftIndent + self.style.rightIndent)

    def split(self, availWidth: float, availHeight: float) -> list[ShapedParagraph]:  # noqa: N803
        self.wrap(availWidth, availHeight)
        fit = int((availHeight + 1e-6) // self.style.leading)
        if fit <= 0 or fit >= len(self._lines):
            return [] if fit <= 0 else [self]
        return [
            ShapedParagraph(self.spans, self.style, _items=self._items, _lines=lines)
            for lines in (self._lines[:fit], self._lines[fit:])
        ]

    def draw(self) -> None:
        style = self.style
        ascent, _descent = getAscentDescent(style.fontName, style.fontSize)
        y = self.height - ascent
        available = self._available(self.width)
        alignment = style.alignment
        if self._rtl and len(self._lines) > 1 and alignment in (TA_LEFT, TA_RIGHT, TA_JUSTIFY):
            # Right-to-left lines start at the right. (A one-line name keeps the style's
            # alignment, so that it lines up with the English around it.)
            alignment = TA_LEFT if alignment == TA_RIGHT else TA_RIGHT
        for line in self._lines:
            spare = available - line_width(line)
            x = style.leftIndent + {TA_RIGHT: spare, TA_CENTER: spare / 2}.get(alignment, 0)
            draw_line(self.canv, x, y, line)
            y -= style.leading
