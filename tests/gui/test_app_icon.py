"""The application icon: PNGs rendered from the SVG source, on the app, its windows and dialogs,
and the .ico / .icns the Windows and macOS bundles are built with."""

from __future__ import annotations

import struct
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
from PySide6.QtGui import QIcon, QImage, QImageReader
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from b24admin import APP_ID, desktop_entry
from b24admin.core.errors import B24Error
from b24admin.gui.app import configure_application
from b24admin.gui.app_icon import ICON_SIZES, SVG_NAME, app_icon, png_name
from b24admin.gui.dialogs import RecordingDialogs
from b24admin.gui.error_dialog import ErrorDialog
from b24admin.gui.icon_render import ICNS_TYPES, ICO_SIZES, render, write_platform_icons
from tests.gui.conftest import WindowFactory

ICONS = Path(__file__).resolve().parents[2] / "resources" / "icons"


def _mean_difference(a: QImage, b: QImage) -> float:
    """The mean difference per channel (0..255) of two images of one size."""
    first = bytes(a.convertToFormat(QImage.Format.Format_RGBA8888).constBits())
    second = bytes(b.convertToFormat(QImage.Format.Format_RGBA8888).constBits())
    assert len(first) == len(second)
    return sum(abs(x - y) for x, y in zip(first, second, strict=True)) / len(first)


@pytest.mark.parametrize("size", ICON_SIZES)
def test_each_shipped_png_is_the_svg_rendered_at_its_size(size: int) -> None:
    shipped = QImage(str(ICONS / png_name(size)))
    assert shipped.size() == QSize(size, size)
    fresh = render((ICONS / SVG_NAME).read_bytes(), size)
    # Re-render with `python -m b24admin.gui.icon_render` after editing the SVG.
    assert _mean_difference(shipped, fresh) < 1.0, "the PNG is stale: re-render it from the SVG"


def test_the_sizes_run_from_16_to_512_and_the_desktop_installer_ships_the_same() -> None:
    assert ICON_SIZES[0] == 16 and ICON_SIZES[-1] == 512
    assert desktop_entry.ICON_SIZES == ICON_SIZES
    assert sorted(path.name for path in ICONS.glob("*.png")) == sorted(
        png_name(size) for size in ICON_SIZES
    )


def test_the_16_px_icon_is_legible_not_a_blur(qtbot: QtBot) -> None:
    """At 16 px the page (white), the widget (orange) and the frame (blue) stay apart."""
    image = QImage(str(ICONS / png_name(16)))
    colours = {image.pixelColor(x, y).name() for x in range(16) for y in range(16)}
    assert {"#ffffff", "#ff9800", "#1565c0"} <= colours


def test_the_icon_offers_every_size(qtbot: QtBot) -> None:
    sizes = app_icon().availableSizes()
    assert [size.width() for size in sizes] == list(ICON_SIZES)
    assert not app_icon().pixmap(32, 32).isNull()


@pytest.fixture
def bare_application(qtbot: QtBot) -> Iterator[QApplication]:
    """The test app without an app-wide icon (restored afterwards), so a window shows only
    the icon it set itself."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = (app.windowIcon(), app.desktopFileName(), app.applicationName())
    app.setWindowIcon(QIcon())
    yield app
    app.setWindowIcon(before[0])
    app.setDesktopFileName(before[1])
    app.setApplicationName(before[2])


def test_the_application_carries_the_icon_and_the_desktop_entry_id(
    bare_application: QApplication,
) -> None:
    configure_application(bare_application)
    assert bare_application.windowIcon().cacheKey() == app_icon().cacheKey()
    assert bare_application.desktopFileName() == APP_ID


def test_the_main_window_has_the_icon(
    bare_application: QApplication, make_window: WindowFactory
) -> None:
    window = make_window()
    assert not window.windowIcon().isNull()
    assert window.windowIcon().cacheKey() == app_icon().cacheKey()


def test_the_error_dialog_has_the_icon(bare_application: QApplication, qtbot: QtBot) -> None:
    dialog = ErrorDialog(B24Error.explained("WRONG_AUTH_TYPE"))
    qtbot.addWidget(dialog)
    assert dialog.windowIcon().cacheKey() == app_icon().cacheKey()


def test_the_about_box_shows_the_icon(
    make_window: WindowFactory, dialogs: RecordingDialogs
) -> None:
    window = make_window()
    window.menus.about.trigger()
    [box] = [d for d in dialogs.of_type(QMessageBox) if d.objectName() == "aboutDialog"]
    assert isinstance(box, QMessageBox)
    expected = app_icon().pixmap(64, 64).toImage()
    assert box.iconPixmap().toImage() == expected


def _decode(data: bytes) -> QImage:
    image = QImage.fromData(data)
    assert not image.isNull()
    return image


def test_the_windows_ico_holds_every_size_up_to_256(tmp_path: Path, qtbot: QtBot) -> None:
    ico, _ = write_platform_icons(ICONS / SVG_NAME, tmp_path)
    data = ico.read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind, count) == (0, 1, len(ICO_SIZES))
    sizes = []
    for index in range(count):
        side, _, _, _, _, _, length, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * index)
        image = _decode(data[offset : offset + length])
        assert image.width() == (side or 256)
        sizes.append(image.width())
    assert sizes == list(ICO_SIZES)
    raw = QByteArray(data)
    buffer = QBuffer(raw)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer, QByteArray(b"ico"))
    if reader.canRead():  # Qt's own ico plugin, where installed, reads it too
        assert reader.imageCount() == len(ICO_SIZES)


def test_the_macos_icns_holds_every_size_up_to_1024(tmp_path: Path, qtbot: QtBot) -> None:
    _, icns = write_platform_icons(ICONS / SVG_NAME, tmp_path)
    data = icns.read_bytes()
    assert data[:4] == b"icns" and struct.unpack_from(">I", data, 4)[0] == len(data)
    found = {}
    offset = 8
    while offset < len(data):
        kind, length = data[offset : offset + 4], struct.unpack_from(">I", data, offset + 4)[0]
        found[kind] = _decode(data[offset + 8 : offset + length]).width()
        offset += length
    assert found == {kind: size for size, kind in ICNS_TYPES.items()}


def test_png_bytes_survive_a_round_trip(qtbot: QtBot) -> None:
    image = render((ICONS / SVG_NAME).read_bytes(), 48)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.ReadWrite)
    assert image.save(buffer, "PNG")  # type: ignore[call-overload]  # stubs: bytes; Qt: str
    assert _decode(bytes(buffer.data().data())).size() == QSize(48, 48)


def test_the_icons_are_found_where_the_checkout_keeps_them() -> None:
    from b24admin.gui.app_icon import icons_dir

    assert icons_dir() == ICONS


def test_the_window_starts_without_importlib_resources() -> None:
    """Finding the icon must not pull importlib.resources onto the start-up path."""
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from b24admin.gui.app import configure_application\n"
        "configure_application(QApplication([]))\n"
        "print('importlib.resources' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
