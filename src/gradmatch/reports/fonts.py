"""The fonts bundled in resources/fonts/ and which of them draws each character, so that a
name or a note in any script prints on a machine with no fonts of its own.

DejaVu Sans draws Latin, Greek and Cyrillic (and the document's own words); Noto Sans
Arabic, Hebrew and Devanagari draw their scripts; GradMatch Hangul (NanumGothic cut down
to Hangul) draws Korean; Droid Sans Fallback draws Chinese and Japanese. reportlab has no
per-glyph fallback, so text is cut into runs, each with its face.

Arabic and Devanagari letters change shape with their neighbours and Arabic and Hebrew
run right to left: text in those scripts is laid out by :mod:`gradmatch.reports.shaping`,
which needs each font to draw glyphs that have no character of their own and to say which
characters they stand for (:meth:`BundledFont.code_for`)."""

from __future__ import annotations

import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import SUBSETN, TTFont

from gradmatch import locations

REGULAR = "GM-Sans"
BOLD = "GM-Sans-Bold"
FALLBACK = "GM-Fallback"

# Code points handed out for glyphs that have no character of their own (an Arabic letter's
# joined form, a Devanagari conjunct): plane 15, private use, which no bundled font maps.
_PRIVATE_FIRST, _PRIVATE_LAST = 0xF0000, 0xFFFFD


@dataclass(frozen=True)
class Face:
    """One typeface of the bundle: a regular and a bold font."""

    key: str
    regular: str  # the names reportlab knows the fonts by
    bold: str
    files: tuple[str, str | None]  # regular, bold (None: the regular one serves for both)
    blocks: tuple[tuple[int, int], ...]  # the scripts this face draws before DejaVu is asked
    shaped: bool  # its letters join, reorder or stack: laid out with HarfBuzz

    def font_name(self, bold: bool) -> str:
        return self.bold if bold else self.regular

    @property
    def synthetic_bold(self) -> bool:
        """No bold font of its own (Chinese and Japanese: a bold CJK face would be megabytes):
        its bold is drawn by stroking the regular glyphs' outlines as well as filling them
        (:mod:`gradmatch.reports.shaping`), so a bold name is bold in every script."""
        return self.files[1] is None


ARABIC_BLOCKS = (
    (0x0600, 0x06FF), (0x0750, 0x077F), (0x0870, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF),
)  # fmt: skip
HEBREW_BLOCKS = ((0x0590, 0x05FF), (0xFB1D, 0xFB4F))
DEVANAGARI_BLOCKS = ((0x0900, 0x097F), (0xA8E0, 0xA8FF), (0x1CD0, 0x1CFF))
HANGUL_BLOCKS = (
    (0x1100, 0x11FF), (0x3131, 0x318F), (0xA960, 0xA97F), (0xAC00, 0xD7AF), (0xD7B0, 0xD7FF),
    (0xFFA0, 0xFFDC),
)  # fmt: skip

LATIN = Face("latin", REGULAR, BOLD, ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"), (), False)
FACES = (
    LATIN,
    Face(
        "arabic", "GM-Arabic", "GM-Arabic-Bold",
        ("NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf"), ARABIC_BLOCKS, True,
    ),
    Face(
        "hebrew", "GM-Hebrew", "GM-Hebrew-Bold",
        ("NotoSansHebrew-Regular.ttf", "NotoSansHebrew-Bold.ttf"), HEBREW_BLOCKS, True,
    ),
    Face(
        "devanagari", "GM-Devanagari", "GM-Devanagari-Bold",
        ("NotoSansDevanagari-Regular.ttf", "NotoSansDevanagari-Bold.ttf"), DEVANAGARI_BLOCKS,
        True,
    ),
    Face(
        "hangul", "GM-Hangul", "GM-Hangul-Bold",
        ("GradMatchHangul-Regular.ttf", "GradMatchHangul-Bold.ttf"), HANGUL_BLOCKS, False,
    ),
    # Chinese and Japanese, and whatever else the others lack. No bold weight: a synthetic
    # bold (see Face.synthetic_bold).
    Face("cjk", FALLBACK, FALLBACK, ("DroidSansFallbackFull.ttf", None), (), False),
)  # fmt: skip


class BundledFont(TTFont):  # type: ignore[misc]  # reportlab is untyped
    """A TrueType font that can also draw glyphs reached by shaping, not by a character.

    Such a glyph is given a private code point of its own, and the PDF's ToUnicode map says
    which characters it stands for, so that copying or extracting the text gives the name
    back as it was typed (reportlab's own shaping maps such glyphs to nothing readable)."""

    def __init__(self, name: str, path: Path) -> None:
        super().__init__(name, str(path))
        self.covered = frozenset(self.face.charToGlyph)
        self._upem = self.face.unitsPerEm
        self._lock = threading.Lock()
        self._codes: dict[tuple[int, str, int], str] = {}
        self._texts: dict[int, str] = {}
        self._next = _PRIVATE_FIRST

    def glyph_width(self, gid: int) -> float:
        """The glyph's advance in thousandths of the font size."""
        hmetrics = self.face.hmetrics
        advance = hmetrics[min(gid, len(hmetrics) - 1)][0]
        return float(advance * 1000 / self._upem)

    def code_for(self, gid: int, text: str, width: int | None = None) -> str:
        """The character that draws glyph ``gid`` and stands for ``text`` in the PDF's text;
        ``width`` (thousandths of the font size): how far the PDF moves on after it, when
        that is not the glyph's own advance."""
        own = round(self.glyph_width(gid))
        if width is None or width == own:
            width = own
            if len(text) == 1 and self.face.charToGlyph.get(ord(text)) == gid:
                return text
        key = (gid, text, width)
        with self._lock:
            code = self._codes.get(key)
            if code is None:
                char_to_glyph = self.face.charToGlyph
                while self._next in char_to_glyph:
                    self._next += 1
                if self._next > _PRIVATE_LAST:
                    raise RuntimeError(f"font {self.fontName}: no private code point left")
                number = self._next
                self._next += 1
                char_to_glyph[number] = gid
                self.face.charWidths[number] = width
                self._texts[number] = text
                code = self._codes[key] = chr(number)
            return code

    def addObjects(self, doc: object) -> None:  # noqa: N802  # reportlab's name
        """reportlab's font objects, with our code points' text in the ToUnicode maps."""
        state = self.state.get(doc)
        subsets = [list(subset) for subset in state.subsets] if state is not None else []
        super().addObjects(doc)  # forgets the document's state
        if not self._texts:
            return
        objects = doc.idToObject  # type: ignore[attr-defined]
        for number, subset in enumerate(subsets):
            if not any(code in self._texts for code in subset):
                continue
            base = b"".join((SUBSETN(number), b"+", self.face.name, self.face.subfontNameX)).decode(
                "pdfdoc"
            )
            objects["toUnicodeCMap:" + base].content = _to_unicode_cmap(base, subset, self._texts)


def _utf16_hex(text: str) -> str:
    return text.encode("utf-16-be").hex().upper()


def _to_unicode_cmap(name: str, subset: list[int], texts: dict[int, str]) -> str:
    """A ToUnicode CMap like reportlab's, where a code may stand for several characters
    (a conjunct) or none (the second glyph of a cluster)."""
    pairs = [
        f"<{index:02X}> <{_utf16_hex(texts[code] if code in texts else chr(code))}>"
        for index, code in enumerate(subset)
    ]
    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo",
            f"<< /Registry ({name})",
            f"/Ordering ({name})",
            "/Supplement 0",
            ">> def",
            f"/CMapName /{name} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            f"<00> <{len(subset) - 1:02X}>",
            "endcodespacerange",
            f"{len(pairs)} beginbfchar",
            *pairs,
            "endbfchar",
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


_registered: dict[str, BundledFont] | None = None
_registering = threading.Lock()


def register() -> dict[str, BundledFont]:
    """Register the bundled fonts with reportlab once; returns them by reportlab name.
    (Once even when the window's export and a batch export start together: a glyph's code
    is kept by the font object that handed it out.)"""
    global _registered
    with _registering:
        if _registered is None:
            _registered = _load()
        return _registered


def _load() -> dict[str, BundledFont]:
    folder = locations.resources_dir() / "fonts"
    fonts: dict[str, BundledFont] = {}
    for face in FACES:
        regular_file, bold_file = face.files
        fonts[face.regular] = BundledFont(face.regular, folder / regular_file)
        if bold_file is not None:
            fonts[face.bold] = BundledFont(face.bold, folder / bold_file)
    for font in fonts.values():
        pdfmetrics.registerFont(font)
    for face in FACES:
        pdfmetrics.registerFontFamily(
            face.regular, normal=face.regular, bold=face.bold, italic=face.regular,
            boldItalic=face.bold,
        )  # fmt: skip
    return fonts


@lru_cache(maxsize=8192)
def _claimed(code: int) -> Face | None:
    for face in FACES:
        if any(low <= code <= high for low, high in face.blocks):
            return face
    return None


def _strong(char: str) -> bool:
    """A letter of some script (not a space, digit, punctuation mark, accent or joiner)."""
    return unicodedata.bidirectional(char) in ("L", "R", "AL")


def faces_of(text: str) -> list[Face]:
    """The face that draws each character of ``text``.

    A script's own face first (Arabic letters in Noto Sans Arabic, even though DejaVu has
    some), else DejaVu Sans, else the first face that has the character. Spaces, digits and
    punctuation inside Arabic, Hebrew or Devanagari text stay in that text's face (so a
    name's comma is drawn like its letters), and accents and joiners stay with their letter.
    """
    fonts = register()
    if text.isascii():  # the most of any report: DejaVu draws every ASCII character
        return [LATIN] * len(text)
    result: list[Face] = []
    previous: Face | None = None
    for char in text:
        code = ord(char)
        claimed = _claimed(code)
        if claimed is not None and code in fonts[claimed.regular].covered:
            face = claimed
        elif (
            previous is not None
            and (previous.shaped or unicodedata.category(char).startswith("M") or code in (
                0x200C, 0x200D))
            and not _strong(char)
            and code in fonts[previous.regular].covered
        ):  # fmt: skip
            face = previous
        elif code in fonts[LATIN.regular].covered or char.isspace():
            face = LATIN
        else:
            face = next((f for f in FACES if code in fonts[f.regular].covered), LATIN)
        result.append(face)
        previous = face
    return result


def runs(text: str) -> list[tuple[str, Face]]:
    """``text`` cut into runs of one face each."""
    if text.isascii():
        return [(text, LATIN)] if text else []
    result: list[tuple[str, Face]] = []
    for char, face in zip(text, faces_of(text), strict=True):
        if result and result[-1][1] is face:
            result[-1] = (result[-1][0] + char, face)
        else:
            result.append((char, face))
    return result


def needs_shaping(text: str, *, bold: bool = False) -> bool:
    """Whether ``text`` needs HarfBuzz and the bidirectional algorithm (Arabic, Hebrew,
    Devanagari, any right-to-left letter) rather than a plain reportlab Paragraph; ``bold``:
    also when a face of it has no bold font (a Paragraph cannot draw a synthetic bold)."""
    if text.isascii():
        return False
    faces = faces_of(text)
    return (
        any(face.shaped for face in faces)
        or (bold and any(face.synthetic_bold for face in faces))
        or any(unicodedata.bidirectional(char) in ("R", "AL", "AN") for char in text)
    )


def missing(text: str) -> list[str]:
    """The characters of ``text`` that the face chosen for them cannot draw (a box would
    stand in for them): none for any script the bundle covers."""
    fonts = register()
    return [
        char
        for char, face in zip(text, faces_of(text), strict=True)
        if ord(char) not in fonts[face.regular].covered
        and not char.isspace()
        and unicodedata.category(char) not in ("Cc", "Cf")
    ]


def markup(text: str, *, bold: bool = False) -> str:
    """``text`` escaped for a Paragraph, each run in its face (``bold``: its bold weight,
    which a ``<font name>`` would otherwise lose in a bold style)."""
    return "".join(
        escape(run)
        if face is LATIN
        else f'<font name="{face.font_name(bold)}">{escape(run)}</font>'
        for run, face in runs(text)
    )
