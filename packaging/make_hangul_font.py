"""Builds resources/fonts/GradMatchHangul-{Regular,Bold}.ttf: NanumGothic (SIL OFL 1.1, from
Debian's fonts-nanum) cut down to Hangul, about 1.3 MB each instead of 4.7 MB. Run once when
the font changes; the result is committed.

    apt-get download fonts-nanum && dpkg-deb -x fonts-nanum_*.deb nanum
    pip install fonttools   # not a GradMatch dependency: only this script needs it
    python packaging/make_hangul_font.py nanum/usr/share/fonts/truetype/nanum

Kept: every precomposed Hangul syllable (U+AC00-D7A3, the 11,172 of modern Korean), the
conjoining jamo (U+1100-11FF, A960-A97F, D7B0-D7FF), the compatibility jamo (U+3131-318E),
the halfwidth jamo (U+FFA0-FFDC) and the space, with their OpenType layout tables. Hanja
come from Droid Sans Fallback and Latin from DejaVu Sans, so they are left out here.

NanumGothic has Reserved Font Names; the OFL lets a modified version (this subset) be
shipped only under another name, hence "GradMatch Hangul"."""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

TARGET = Path(__file__).resolve().parents[1] / "resources" / "fonts"
UNICODES = (
    [0x20]
    + list(range(0x1100, 0x1200))
    + list(range(0x3131, 0x318F))
    + list(range(0xA960, 0xA980))
    + list(range(0xAC00, 0xD7A4))
    + list(range(0xD7B0, 0xD800))
    + list(range(0xFFA0, 0xFFDD))
)
FAMILY = "GradMatch Hangul"


def build(source: Path, style: str) -> Path:
    options = subset.Options()
    options.layout_features = ["*"]
    options.hinting = False
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]
    options.notdef_outline = True
    font = TTFont(source)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=UNICODES)
    subsetter.subset(font)
    names = font["name"]
    postscript = f"{FAMILY.replace(' ', '')}-{style}"
    for record in list(names.names):
        if record.nameID in (1, 3, 4, 6, 16, 17):
            names.removeNames(nameID=record.nameID)
    for name_id, value in (
        (1, FAMILY),
        (2, style),
        (3, f"{postscript}; subset of NanumGothic"),
        (4, f"{FAMILY} {style}" if style != "Regular" else FAMILY),
        (6, postscript),
    ):
        names.setName(value, name_id, 3, 1, 0x409)
        names.setName(value, name_id, 1, 0, 0)
    target = TARGET / f"{postscript}.ttf"
    font.save(target)
    return target


def main() -> None:
    folder = Path(sys.argv[1])
    for file, style in (("NanumGothic.ttf", "Regular"), ("NanumGothicBold.ttf", "Bold")):
        target = build(folder / file, style)
        print(f"{target}: {target.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
