"""The form gets the room: the IM_SIDEBAR form within one scroll at 1024×768 and at 200 % on
1920×1080, readable field widths on a wide screen, the preview and lists as tabs beside it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QScrollArea
from pytestqt.qtbot import QtBot

from b24admin.core.bind_request import BindRequest, LangRow
from b24admin.gui.main_window import MainWindow
from tests.gui.form_filling import child

SIDEBAR = BindRequest(
    placement="IM_SIDEBAR",
    handler="https://widgets.example.com/im/sidebar",
    lang_rows=(LangRow("en", "Support helper", "Opens it"), LangRow("de", "Helfer", "Öffnet")),
    options={"iconName": "fa-life-ring", "extranet": "N", "context": "USER;CHAT", "color": "AQUA"},
)


def laid_out(window: MainWindow, qtbot: QtBot, width: int, height: int) -> QScrollArea:
    window.form.set_request(SIDEBAR)
    window.manage.build()
    window.resize(width, height)
    area = child(window, QScrollArea, "formFieldsScrollArea")
    qtbot.waitUntil(lambda: window.width() == width and area.viewport().height() > 0)
    for _ in range(3):  # the deferred dock sizing, then the layouts it triggers
        QApplication.processEvents()
    return area


@pytest.mark.parametrize(
    ("width", "height"),
    [(1024, 768), (960, 540)],  # 960×540: 1920×1080 at 200 %, in Qt's logical pixels
    ids=["1024x768", "200pct-1920x1080"],
)
def test_the_sidebar_form_is_usable_with_at_most_one_scroll(
    sandbox_window: MainWindow, qtbot: QtBot, width: int, height: int
) -> None:
    area = laid_out(sandbox_window, qtbot, width, height)
    fields = area.widget()
    assert fields is not None
    content, visible = fields.height(), area.viewport().height()
    assert content <= 2 * visible, f"{content} px of form, {visible} px in view"
    assert area.horizontalScrollBar().maximum() == 0  # nothing hides to the side


def test_a_wide_window_keeps_fields_readable_and_gives_the_rest_to_the_tabs(
    sandbox_window: MainWindow, qtbot: QtBot
) -> None:
    laid_out(sandbox_window, qtbot, 1920, 1080)
    handler = child(sandbox_window.form, QLineEdit, "handlerEdit")
    assert handler.width() < 800
    qtbot.waitUntil(lambda: sandbox_window.preview_dock.width() > 1000)


def test_preview_installed_widgets_and_activity_are_tabs_beside_the_form(
    sandbox_window: MainWindow, qtbot: QtBot
) -> None:
    laid_out(sandbox_window, qtbot, 1024, 768)
    window, manage = sandbox_window, sandbox_window.manage
    preview = window.preview_dock
    assert window.dockWidgetArea(preview) == Qt.DockWidgetArea.RightDockWidgetArea
    tabs = window.tabifiedDockWidgets(preview)
    assert manage.installed_dock in tabs and manage.activity_dock in tabs
    assert preview.isAncestorOf(window.form.preview.text)
    form_right = window.form.mapTo(window, window.form.rect().topRight()).x()
    assert preview.x() >= form_right
    assert not preview.visibleRegion().isEmpty()  # the preview is the tab in front
