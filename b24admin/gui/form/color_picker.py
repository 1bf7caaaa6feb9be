"""The IM colour picker: the messenger palette as named swatches, "None", and "Custom…".

Messenger OPTIONS take only palette names (api-reference/widgets/im/sidebar.md), so "Custom…" opens
the standard colour dialog and snaps the choice to the nearest palette colour with
:func:`b24admin.core.palette.nearest_im_color`, saying which one it became.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal, Slot
from PySide6.QtGui import QColor, QIcon, QKeyEvent, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QColorDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from b24admin.core.catalogue import ImColor
from b24admin.core.palette import nearest_im_color

SWATCH = 22
COLUMNS = 9
ColorCallback = Callable[[QColor], None]
_TICK = (QPointF(-5, 0), QPointF(-1.5, 3.5), QPointF(5, -4))


def _swatch_icon(fill: QColor | None) -> QIcon:
    """A rounded swatch; the checked state adds a ring and a tick so it is not colour-only."""
    icon = QIcon()
    for checked in (False, True):
        pixmap = QPixmap(SWATCH, SWATCH)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(3, 3, SWATCH - 6, SWATCH - 6)
        painter.setPen(QPen(QColor(0, 0, 0, 90), 1))
        painter.setBrush(fill if fill is not None else QColor("white"))
        painter.drawRoundedRect(rect, 4, 4)
        if fill is None:  # "None": a red diagonal, the usual sign for "no colour"
            painter.setPen(QPen(QColor("#d32f2f"), 2))
            painter.drawLine(rect.bottomLeft(), rect.topRight())
        if checked:
            painter.setPen(QPen(QColor("white"), 2.4))
            painter.drawPolyline([rect.center() + d for d in _TICK])
            # A dark ring outside a light one: visible on light and dark backgrounds alike.
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(QColor(0, 0, 0, 210), 1.4))
            painter.drawRoundedRect(QRectF(0.7, 0.7, SWATCH - 1.4, SWATCH - 1.4), 5, 5)
            painter.setPen(QPen(QColor(255, 255, 255, 230), 1.2))
            painter.drawRoundedRect(QRectF(1.9, 1.9, SWATCH - 3.8, SWATCH - 3.8), 4, 4)
        painter.end()
        state = QIcon.State.On if checked else QIcon.State.Off
        icon.addPixmap(pixmap, QIcon.Mode.Normal, state)
    return icon


def open_color_dialog(parent: QWidget, initial: QColor, on_picked: ColorCallback) -> None:
    """Open the standard colour dialog without blocking; ``on_picked`` gets the chosen colour.

    The dialog is a child of ``parent`` (objectName ``customColorDialog``) so tests can find
    it, set a colour and accept it.
    """
    dialog = QColorDialog(initial, parent)
    dialog.setObjectName("customColorDialog")
    dialog.setWindowTitle(parent.tr("Pick a colour (it snaps to the messenger palette)"))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.colorSelected.connect(on_picked)
    dialog.open()


class _Swatch(QToolButton):
    """One flat, checkable swatch; arrow keys move through the grid."""

    navigate = Signal(int, int)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        moves = {
            Qt.Key.Key_Left: (-1, 0),
            Qt.Key.Key_Right: (1, 0),
            Qt.Key.Key_Up: (0, -1),
            Qt.Key.Key_Down: (0, 1),
        }
        move = moves.get(Qt.Key(event.key()))
        if move is None:
            super().keyPressEvent(event)
            return
        self.navigate.emit(*move)


class ImColorPicker(QWidget):
    """Chooses one messenger colour name, or none ("" is the server's default).

    Signals:
        colorChanged(str): the wire value ("LIGHT_BLUE", or "" for none).

    ``pick_color`` is the seam for the custom colour dialog: a callable
    ``(parent, initial QColor, on_picked)`` that must not block. Tests may replace it.
    """

    colorChanged = Signal(str)

    pick_color: Callable[[QWidget, QColor, ColorCallback], None] = staticmethod(open_color_dialog)

    def __init__(self, palette: Sequence[ImColor], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._palette = tuple(palette)
        self._by_name = {color.name: color for color in self._palette}
        self._value = ""
        self._group = QButtonGroup(self)
        self._group.setExclusive(False)  # exclusivity by hand: an unknown value checks none
        self._swatches: dict[str, _Swatch] = {}

        grid = QGridLayout()
        grid.setSpacing(2)
        grid.setColumnStretch(COLUMNS, 1)  # spare width goes right of the swatches
        entries: list[tuple[str, QColor | None, str, str]] = [
            ("", None, self.tr("None (default)"), self.tr("No colour: the server's default"))
        ]
        for color in self._palette:
            tip = f"{color.label} ({color.name}, {color.hex})"
            if color.note:
                tip += f"\n{color.note}"
            entries.append((color.name, QColor(color.hex), f"{color.label} ({color.name})", tip))
        for index, (name, fill, accessible, tip) in enumerate(entries):
            swatch = _Swatch(self)
            swatch.setObjectName(f"colorSwatch_{name or 'none'}")
            swatch.setCheckable(True)
            swatch.setAutoRaise(True)
            swatch.setIcon(_swatch_icon(fill))
            swatch.setIconSize(QSize(SWATCH, SWATCH))
            swatch.setToolTip(tip)
            swatch.setAccessibleName(accessible)
            swatch.setAccessibleDescription(tip)
            swatch.clicked.connect(lambda _=False, n=name: self._choose(n))
            swatch.navigate.connect(self._navigate)
            self._group.addButton(swatch)
            self._swatches[name] = swatch
            grid.addWidget(swatch, index // COLUMNS, index % COLUMNS)

        self.custom_button = QPushButton(self.tr("Custom…"), self)
        self.custom_button.setObjectName("customColorButton")
        self.custom_button.setAccessibleName(self.tr("Pick a custom colour"))
        self.custom_button.setToolTip(
            self.tr(
                "Pick any colour; it is replaced by the nearest of the messenger colours, "
                "because Bitrix24 accepts only those."
            )
        )
        self.custom_button.clicked.connect(self._open_custom)

        self.current_label = QLabel(self)
        self.current_label.setObjectName("colorCurrentLabel")
        self.snap_label = QLabel(self)
        self.snap_label.setObjectName("colorSnapLabel")
        self.snap_label.setWordWrap(True)
        self.snap_label.hide()

        row = QHBoxLayout()
        row.addWidget(self.custom_button)
        row.addWidget(self.current_label, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)
        layout.addLayout(row)
        layout.addWidget(self.snap_label)
        self._show_value()

    def color(self) -> str:
        """The wire value: a palette name, "" for none, or whatever unknown value was loaded."""
        return self._value

    def set_color(self, name: str) -> None:
        """Select a colour by wire name; an unknown name is kept (validation flags it)."""
        self.snap_label.hide()
        self._set(name)

    @Slot()
    def _open_custom(self) -> None:
        current = self._by_name.get(self._value)
        initial = QColor(current.hex) if current else QColor("#3e99ce")
        type(self).pick_color(self, initial, self._snap)

    @Slot(QColor)
    def _snap(self, picked: QColor) -> None:
        if not picked.isValid():
            return
        nearest = nearest_im_color(picked.name(), self._palette)
        self._set(nearest.name)
        self.snap_label.setText(
            self.tr("{picked} → nearest IM colour: {name}").format(
                picked=picked.name(), name=nearest.name
            )
        )
        self.snap_label.setToolTip(
            self.tr("Bitrix24 accepts only the messenger colours; {label} is {hex}.").format(
                label=nearest.label, hex=nearest.hex
            )
        )
        self.snap_label.show()

    def _choose(self, name: str) -> None:
        self.snap_label.hide()
        self._set(name)

    def _set(self, name: str) -> None:
        changed = name != self._value
        self._value = name
        self._show_value()
        if changed:
            self.colorChanged.emit(name)

    def _show_value(self) -> None:
        for name, swatch in self._swatches.items():
            swatch.setChecked(name == self._value)
            # One tab stop for the whole grid, like a radio group; arrows move inside it.
            selected = name == self._value or (self._value not in self._swatches and not name)
            swatch.setFocusPolicy(
                Qt.FocusPolicy.StrongFocus if selected else Qt.FocusPolicy.ClickFocus
            )
        color = self._by_name.get(self._value)
        if not self._value:
            text = self.tr("None: the server's default (no colour)")
        elif color is not None:
            text = f"{color.label} — {color.name}"
        else:
            text = self.tr("{value}: not a messenger colour").format(value=self._value)
        self.current_label.setText(text)
        self.setAccessibleDescription(text)

    @Slot(int, int)
    def _navigate(self, dx: int, dy: int) -> None:
        names = list(self._swatches)
        sender = self.sender()
        index = next((i for i, n in enumerate(names) if self._swatches[n] is sender), 0)
        target = index + dx + dy * COLUMNS
        if 0 <= target < len(names):
            self._choose(names[target])
            self._swatches[names[target]].setFocus(Qt.FocusReason.TabFocusReason)

    def swatch(self, name: str) -> QToolButton:
        """The swatch button for a wire name ("" for none)."""
        return self._swatches[name]
