"""Where the window's parts go: the connection row across the top, the bind form in the
middle, and beside it one set of tabs (the request preview, the installed widgets, the
activity log).

A form is read top to bottom, so it gets the whole height: on a 1024×768 screen, or at 200 %
scale on 1920×1080, the IM_SIDEBAR form fits in about two screens' height of scrolling, where
docks under it left a strip. Its fields stop growing at a readable width; a wider window gives
the extra room to the tabs, where the installed-widgets table and the preview's long lines
use it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QDockWidget,
    QMainWindow,
    QTabWidget,
    QToolBar,
    QToolButton,
    QWidget,
)

SIDE = Qt.DockWidgetArea.RightDockWidgetArea
SIDE_MIN_WIDTH = 340  # px: the preview's JSON stays readable, the form keeps the rest
FORM_WANTED_WIDTH = 800  # px: the form's fields at their widest, with margins and scroll bar


def add_connection_toolbar(window: QMainWindow, connection: QWidget) -> QToolBar:
    """The connection row as a fixed bar across the whole window, above the form and tabs."""
    bar = QToolBar(window.tr("Connection"), window)
    bar.setObjectName("connectionToolBar")
    bar.setMovable(False)
    bar.setFloatable(False)
    bar.toggleViewAction().setVisible(False)  # the profile row is not optional
    bar.addWidget(connection)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    for inner in bar.findChildren(QToolButton, "qt_toolbar_ext_button"):  # shown when narrow
        inner.setAccessibleName(window.tr("More connection buttons"))
        inner.setToolTip(window.tr("More connection buttons"))
    return bar


def add_preview_dock(window: QMainWindow) -> QDockWidget:
    """The "Request preview" dock (``previewDock``), empty until the form fills it."""
    dock = QDockWidget(window.tr("Request preview"), window)
    dock.setObjectName("previewDock")  # saveState/restoreState find docks by objectName
    dock.setAllowedAreas(Qt.DockWidgetArea.AllDockWidgetAreas)
    window.addDockWidget(SIDE, dock)
    window.setTabPosition(Qt.DockWidgetArea.AllDockWidgetAreas, QTabWidget.TabPosition.North)
    window.setDockOptions(
        QMainWindow.DockOption.AnimatedDocks
        | QMainWindow.DockOption.AllowTabbedDocks
        | QMainWindow.DockOption.AllowNestedDocks
    )
    return dock


def arrange_side_tabs(window: QMainWindow, first: QDockWidget, *others: QDockWidget) -> None:
    """Put ``others`` in tabs after ``first`` beside the form, ``first`` in front. The tabs
    name the docks, so their title bars (a second name under the tab) are hidden."""
    docks = (first, *others)
    for dock in others:
        window.removeDockWidget(dock)  # from wherever it was added, tab group and all
    for previous, dock in zip(docks, others, strict=False):
        window.addDockWidget(SIDE, dock)
        window.tabifyDockWidget(previous, dock)
        dock.show()
    for dock in docks:
        dock.setMinimumWidth(SIDE_MIN_WIDTH)
        _title_bar_only_when_floating(dock)
    first.raise_()


def _title_bar_only_when_floating(dock: QDockWidget) -> None:
    def follow(floating: bool) -> None:
        # None gives the standard title bar back (float and close) while floating.
        dock.setTitleBarWidget(None if floating else QWidget(dock))  # type: ignore[arg-type]

    dock.topLevelChanged.connect(follow)
    follow(dock.isFloating())


def fill_preview_dock(dock: QDockWidget, preview: QWidget) -> None:
    """Show the form's preview pane in its dock."""
    preview.setContentsMargins(6, 6, 6, 6)
    dock.setWidget(preview)


class _FormWidthKeeper(QObject):
    """When the window is resized, gives the form its wanted width and the tabs the rest
    (at least their minimum); a separator the user drags stays until the next resize."""

    def __init__(self, window: QMainWindow, side: QDockWidget) -> None:
        super().__init__(window)
        self._window = window
        self._side = side
        # After the window's own layout has taken the new size: one call per burst of resizes.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.apply)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self._window and event.type() == QEvent.Type.Resize:
            self._timer.start()
        return False

    def apply(self) -> None:
        side = self._side
        if side.isFloating() or self._window.dockWidgetArea(side) != SIDE:
            return
        width = max(SIDE_MIN_WIDTH, self._window.width() - FORM_WANTED_WIDTH)
        self._window.resizeDocks([side], [width], Qt.Orientation.Horizontal)


def keep_form_width(window: QMainWindow, side: QDockWidget) -> None:
    """Size the side tabs from the window's width now and on every window resize."""
    _FormWidthKeeper(window, side).apply()
