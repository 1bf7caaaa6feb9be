"""Snap an arbitrary colour to the IM palette.

Messenger OPTIONS accept only the palette names (api-reference/widgets/im/sidebar.md), so a colour
picked freely in a colour dialog has to become one of them. "Nearest" is measured in Oklab, a
perceptual colour space that keeps hues apart better than RGB or CIE Lab at large distances (pure
blue snaps to AZURE rather than PURPLE). Lightness counts half: the palette's colours are all
mid-tones, so a light or dark variant of a hue should still land on that hue. A neutral grey only
snaps to the palette's neutral colours, so white becomes GRAY and not the palest warm tone.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

from b24admin.core.catalogue import ImColor

_HEX = re.compile(r"^#?(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")

Rgb = tuple[int, int, int]
Oklab = tuple[float, float, float]

LIGHTNESS_WEIGHT = 0.5
NEUTRAL_CHROMA = 0.03  # Oklab chroma below which a colour reads as grey


def parse_hex(value: str) -> Rgb:
    """Parse ``#rrggbb`` / ``rrggbb`` / ``#rgb`` into 0-255 components.

    Raises ``ValueError`` with a plain message for anything else.
    """
    text = value.strip()
    if not _HEX.match(text):
        raise ValueError(f"not a colour in #rrggbb form: {value!r}")
    digits = text.lstrip("#")
    if len(digits) == 3:
        digits = "".join(ch * 2 for ch in digits)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def to_hex(rgb: Rgb) -> str:
    """Format components as lower-case ``#rrggbb``."""
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def _linear(channel: int) -> float:
    c = channel / 255.0
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def rgb_to_oklab(rgb: Rgb) -> Oklab:
    """sRGB to Oklab (Björn Ottosson, 2020): L in 0..1, a and b roughly -0.4..0.4."""
    r, g, b = (_linear(c) for c in rgb)
    lms = (
        0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b,
        0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b,
        0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b,
    )
    l_, m_, s_ = (math.copysign(abs(v) ** (1 / 3), v) for v in lms)
    return (
        0.2104542553 * l_ + 0.7936177850 * m_ - 0.0040720468 * s_,
        1.9779984951 * l_ - 2.4285922050 * m_ + 0.4505937099 * s_,
        0.0259040371 * l_ + 0.7827717662 * m_ - 0.8086757660 * s_,
    )


def chroma(lab: Oklab) -> float:
    """How colourful an Oklab colour is (0 for greys)."""
    return math.hypot(lab[1], lab[2])


def color_distance(first: str, second: str) -> float:
    """The distance :func:`nearest_im_color` minimises, between two hex colours."""
    return math.sqrt(_distance2(rgb_to_oklab(parse_hex(first)), rgb_to_oklab(parse_hex(second))))


def _distance2(p: Oklab, q: Oklab) -> float:
    return LIGHTNESS_WEIGHT * (p[0] - q[0]) ** 2 + (p[1] - q[1]) ** 2 + (p[2] - q[2]) ** 2


def nearest_im_color(hex: str, palette: Iterable[ImColor]) -> ImColor:
    """Return the palette colour nearest to ``hex``; ties go to the earlier palette entry.

    Raises ``ValueError`` for a malformed colour or an empty palette.
    """
    colors = [(color, rgb_to_oklab(parse_hex(color.hex))) for color in palette]
    if not colors:
        raise ValueError("the IM palette is empty")
    target = rgb_to_oklab(parse_hex(hex))
    if chroma(target) < NEUTRAL_CHROMA:
        neutral = [(color, lab) for color, lab in colors if chroma(lab) < NEUTRAL_CHROMA]
        colors = neutral or colors
    return min(colors, key=lambda entry: _distance2(target, entry[1]))[0]
