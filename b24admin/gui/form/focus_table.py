"""A table view that shows it has focus even with no rows.

An item view draws focus on its current cell; with no rows there is no cell, and the styles
used here draw no focus frame around the view itself, so a keyboard user who tabbed into an
empty language table could not see where the focus went. This view draws the style's own focus
rectangle around the empty viewport, and a line saying how to add a row.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFocusEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QStyle, QStyleOptionFocusRect, QTableView, QWidget


class FocusFrameTableView(QTableView):
    """A QTableView that draws a focus frame and ``empty_text`` while it has no rows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.empty_text = ""

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt naming
        super().focusInEvent(event)
        self.viewport().update()  # the frame comes with the focus

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt naming
        super().focusOutEvent(event)
        self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt naming
        super().paintEvent(event)
        model = self.model()
        if model is not None and model.rowCount() > 0:
            return
        painter = QPainter(self.viewport())
        rect = self.viewport().rect().adjusted(2, 2, -2, -2)
        if self.empty_text:
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.empty_text)
        if self.hasFocus():
            option = QStyleOptionFocusRect()
            option.initFrom(self)
            option.rect = rect
            option.backgroundColor = self.palette().color(QPalette.ColorRole.Base)
            self.style().drawPrimitive(
                QStyle.PrimitiveElement.PE_FrameFocusRect, option, painter, self
            )
            # The style's dotted rectangle is faint on some palettes: a highlight line as well.
            painter.setPen(self.palette().color(QPalette.ColorRole.Highlight))
            painter.drawRect(rect.adjusted(0, 0, -1, -1))
        painter.end()
