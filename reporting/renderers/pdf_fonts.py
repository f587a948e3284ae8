"""Fonts embedded in the PDF: Liberation Sans (metric-compatible with Arial, which government
templates name) and Liberation Sans Narrow for the wide table; DejaVu Sans (Condensed) where
Liberation is missing.  Debian packages fonts-liberation and fonts-dejavu-core (Makefile)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIRS = (
    Path("/usr/share/fonts/truetype/liberation"),
    Path("/usr/share/fonts/truetype/liberation2"),
    Path("/usr/share/fonts/truetype/dejavu"),
)
_VARIANTS = ("Regular", "Bold", "Italic", "BoldItalic")
# family -> candidate files per variant, first found wins
_CANDIDATES: dict[str, tuple[tuple[str, ...], ...]] = {
    "Sans": (
        tuple(f"LiberationSans-{v}.ttf" for v in _VARIANTS),
        ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf"),
    ),
    "Narrow": (
        tuple(f"LiberationSansNarrow-{v}.ttf" for v in _VARIANTS),
        (
            "DejaVuSansCondensed.ttf",
            "DejaVuSansCondensed-Bold.ttf",
            "DejaVuSansCondensed-Oblique.ttf",
            "DejaVuSansCondensed-BoldOblique.ttf",
        ),
    ),
}


class FontsMissing(RuntimeError):
    pass


def _find(name: str) -> Path | None:
    for folder in FONT_DIRS:
        path = folder / name
        if path.is_file():
            return path
    return None


@cache
def register() -> dict[str, str]:
    """Register both families once per process; return the names: "Sans", "Sans-Bold", "Narrow-Italic"..."""
    names: dict[str, str] = {}
    for family, candidates in _CANDIDATES.items():
        for files in candidates:
            paths = [_find(f) for f in files]
            if all(paths):
                break
        else:
            raise FontsMissing(
                f"Huruf {family} tidak ditemukan di {', '.join(map(str, FONT_DIRS))}: "
                "pasang paket Debian fonts-liberation (atau fonts-dejavu-core)."
            )
        registered = []
        for variant, path in zip(_VARIANTS, paths, strict=True):
            font = f"Kinerja{family}-{variant}"
            pdfmetrics.registerFont(TTFont(font, str(path)))
            registered.append(font)
            names[family if variant == "Regular" else f"{family}-{variant}"] = font
        regular, bold, italic, bold_italic = registered
        # <b> and <i> inside paragraphs pick the right face.
        addMapping(regular, 0, 0, regular)
        addMapping(regular, 1, 0, bold)
        addMapping(regular, 0, 1, italic)
        addMapping(regular, 1, 1, bold_italic)
    return names
