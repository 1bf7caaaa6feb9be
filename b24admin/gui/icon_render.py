"""Render the application icon's SVG source into the files that ship and the bundle needs.

The PNGs in ``resources/icons`` are rendered from ``resources/icons/b24admin.svg`` with Qt's own
SVG renderer (QtSvg, part of pyside6-essentials) and committed, so the window loads small PNGs
at start-up and never needs the SVG plugins. The PyInstaller spec calls :func:`write_platform_icons`
at build time for the Windows ``.ico`` and the macOS ``.icns``.

    .venv/bin/python -m b24admin.gui.icon_render        # re-render the PNGs after editing the SVG
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from b24admin.gui.app_icon import ICON_SIZES, SVG_NAME, png_name

#: The .icns entry types that hold a PNG of each size (Apple's icns format, "ic07" onwards).
ICNS_TYPES = {
    16: b"icp4",
    32: b"icp5",
    64: b"icp6",
    128: b"ic07",
    256: b"ic08",
    512: b"ic09",
    1024: b"ic10",
}
#: Windows shows at most 256 px icons; an .ico entry stores 256 as 0.
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(svg: bytes, size: int) -> QImage:
    """The SVG drawn into a transparent square of ``size`` pixels."""
    renderer = QSvgRenderer(QByteArray(svg))
    if not renderer.isValid():
        raise ValueError("the icon's SVG source cannot be parsed")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]  # stubs: bytes; Qt: str
        raise OSError("Qt could not encode the icon as PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """A Windows .ico holding one PNG per size (PNG entries are valid since Windows Vista)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, payload = b"", b""
    for size in sizes:
        data = pngs[size]
        side = 0 if size >= 256 else size
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        payload += data
        offset += len(data)
    return header + entries + payload


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """A macOS .icns holding one PNG per size it has an entry type for."""
    body = b"".join(
        ICNS_TYPES[size] + struct.pack(">I", 8 + len(data)) + data
        for size, data in sorted(pngs.items())
        if size in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def write_pngs(icons_dir: Path) -> list[Path]:
    """Render every shipped size next to the SVG; returns the files written."""
    svg = (icons_dir / SVG_NAME).read_bytes()
    written = []
    for size in ICON_SIZES:
        path = icons_dir / png_name(size)
        path.write_bytes(png_bytes(render(svg, size)))
        written.append(path)
    return written


def write_platform_icons(svg_path: Path, out_dir: Path) -> tuple[Path, Path]:
    """Write ``b24admin.ico`` and ``b24admin.icns`` rendered from the SVG into ``out_dir``."""
    svg = svg_path.read_bytes()
    out_dir.mkdir(parents=True, exist_ok=True)
    ico = out_dir / "b24admin.ico"
    icns = out_dir / "b24admin.icns"
    ico.write_bytes(ico_bytes({size: png_bytes(render(svg, size)) for size in ICO_SIZES}))
    icns.write_bytes(icns_bytes({size: png_bytes(render(svg, size)) for size in ICNS_TYPES}))
    return ico, icns


def main() -> int:
    icons_dir = Path(__file__).resolve().parents[2] / "resources" / "icons"
    for path in write_pngs(icons_dir):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
