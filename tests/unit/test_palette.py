"""Snapping free colours to the IM palette (b24admin.core.palette)."""

from __future__ import annotations

import pytest

from b24admin.core.catalogue import ImColor
from b24admin.core.palette import color_distance, nearest_im_color, parse_hex, to_hex

# The 17 IM colours as im/sidebar.md lists them (names and hex from im/lib/color.php).
REFERENCE_PALETTE = tuple(
    ImColor(name, hex_, name.replace("_", " ").capitalize())
    for name, hex_ in [
        ("RED", "#df532d"),
        ("GREEN", "#64a513"),
        ("MINT", "#4ba984"),
        ("LIGHT_BLUE", "#4ba5c3"),
        ("DARK_BLUE", "#3e99ce"),
        ("PURPLE", "#8474c8"),
        ("AQUA", "#1eb4aa"),
        ("PINK", "#f76187"),
        ("LIME", "#58cc47"),
        ("BROWN", "#ab7761"),
        ("AZURE", "#29619b"),
        ("KHAKI", "#728f7a"),
        ("SAND", "#ba9c7b"),
        ("ORANGE", "#e8a441"),
        ("MARENGO", "#556574"),
        ("GRAY", "#909090"),
        ("GRAPHITE", "#5e5f5e"),
    ]
)


@pytest.mark.parametrize("color", REFERENCE_PALETTE, ids=lambda c: c.name)
def test_every_palette_colour_snaps_to_itself(color: ImColor) -> None:
    assert nearest_im_color(color.hex, REFERENCE_PALETTE) is color


@pytest.mark.parametrize(
    ("picked", "expected"),
    [
        ("#123456", "AZURE"),  # dark steel blue
        ("#0000ff", "AZURE"),  # pure blue keeps its hue (CIE Lab would say PURPLE)
        ("#8800ff", "PURPLE"),
        ("#ff0000", "RED"),
        ("#00ff00", "LIME"),
        ("#ff8800", "ORANGE"),
        ("#ff00ff", "PINK"),
        ("#00ffff", "AQUA"),
        ("#996633", "BROWN"),
        ("#99ccff", "LIGHT_BLUE"),
        ("#3f9acf", "DARK_BLUE"),  # one step off DARK_BLUE, not LIGHT_BLUE next to it
        ("#4ca6c4", "LIGHT_BLUE"),
    ],
)
def test_free_colour_snaps_to_the_colour_of_the_same_hue(picked: str, expected: str) -> None:
    assert nearest_im_color(picked, REFERENCE_PALETTE).name == expected


@pytest.mark.parametrize(
    ("picked", "expected"),
    [("#ffffff", "GRAY"), ("#cccccc", "GRAY"), ("#000000", "GRAPHITE"), ("#404040", "GRAPHITE")],
)
def test_greys_snap_to_neutral_palette_colours(picked: str, expected: str) -> None:
    assert nearest_im_color(picked, REFERENCE_PALETTE).name == expected


def test_short_and_hashless_forms_are_accepted() -> None:
    assert nearest_im_color("f00", REFERENCE_PALETTE).name == "RED"
    assert parse_hex("#ABC") == (0xAA, 0xBB, 0xCC)
    assert parse_hex(" 29619b ") == (0x29, 0x61, 0x9B)
    assert to_hex((0x29, 0x61, 0x9B)) == "#29619b"


@pytest.mark.parametrize("bad", ["", "#12345", "blue", "#gggggg", "#1234567"])
def test_malformed_colour_is_a_value_error(bad: str) -> None:
    with pytest.raises(ValueError, match="#rrggbb"):
        nearest_im_color(bad, REFERENCE_PALETTE)


def test_empty_palette_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="empty"):
        nearest_im_color("#123456", [])


def test_ties_go_to_the_earlier_palette_entry() -> None:
    first = ImColor("FIRST", "#29619b", "First")
    second = ImColor("SECOND", "#29619b", "Second")
    assert nearest_im_color("#29619b", [first, second]) is first


def test_distance_is_symmetric_and_zero_for_equal_colours() -> None:
    assert color_distance("#29619b", "#29619b") == 0
    assert color_distance("#29619b", "#df532d") == pytest.approx(
        color_distance("#df532d", "#29619b")
    )
    assert color_distance("#3e99ce", "#4ba5c3") < color_distance("#3e99ce", "#df532d")
