"""Inline problems: a small label under a field, and the colours that tell errors from warnings.

An error and a warning differ three ways, so neither colour vision nor the palette decides
alone: the colour (red / dark amber), the symbol (✖ / ⚠) and the words ("Error:" / "Warning:"
for screen readers, in the accessible name). Colours are picked for the palette in use, so
they stay readable on light and dark backgrounds.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from b24admin.core.validation import Problem, Severity
from b24admin.gui.theme import is_dark

# (light background, dark background): red and dark yellow that keep a 4.5:1 contrast.
_COLOURS = {
    Severity.ERROR: ("#b3261e", "#ff8a80"),
    Severity.WARNING: ("#8a5a00", "#ffd166"),
}
_SYMBOLS = {Severity.ERROR: "✖", Severity.WARNING: "⚠"}
BASE_TOOLTIP = "b24BaseToolTip"  # dynamic property keeping a field's own tooltip


def severity_color(severity: Severity, palette: QPalette) -> QColor:
    """The text colour for a problem of ``severity`` on ``palette``'s window background."""
    light, dark = _COLOURS[severity]
    return QColor(dark if is_dark(palette) else light)


def severity_tint(severity: Severity, palette: QPalette) -> QColor:
    """A translucent background for a table cell with a problem."""
    color = severity_color(severity, palette)
    color.setAlpha(70 if is_dark(palette) else 45)
    return color


def ordered(problems: Iterable[Problem]) -> list[Problem]:
    """Errors first, then warnings; otherwise in the validator's order."""
    return sorted(problems, key=lambda p: 0 if p.is_error else 1)


def problem_text(problem: Problem) -> str:
    """One line: symbol and message."""
    return f"{_SYMBOLS[problem.severity]} {problem.message}"


def set_base_tooltip(widget: QWidget, text: str) -> None:
    """Set a field's own tooltip; problems are appended to it while they last."""
    widget.setProperty(BASE_TOOLTIP, text)
    widget.setToolTip(text)


def show_problems_in_tooltip(widget: QWidget, problems: Iterable[Problem]) -> None:
    """Put the field's problems under its own tooltip (or restore the plain tooltip)."""
    base = widget.property(BASE_TOOLTIP)
    base = base if isinstance(base, str) else ""
    lines = [problem_text(p) for p in ordered(problems)]
    widget.setToolTip("\n\n".join(part for part in (base, "\n".join(lines)) if part))


class ProblemLabel(QLabel):
    """The problems of one field, shown under it; hidden while there are none.

    The dynamic property ``severity`` is "error", "warning" or "" so tests and style sheets can
    tell them apart.
    """

    def __init__(self, field: QWidget | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._field = field
        self._problems: list[Problem] = []
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.setProperty("severity", "")
        if field is not None and field.objectName():
            self.setObjectName(f"problem_{field.objectName()}")
        self.hide()

    def reserve_line(self) -> None:
        """Keep one line of room for a problem even while there is none, so the fields below
        do not jump down when one appears (a longer problem still takes the lines it needs)."""
        policy = self.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.setSizePolicy(policy)
        self.setText(f"{_SYMBOLS[Severity.ERROR]} {_SYMBOLS[Severity.WARNING]} Xg")
        self.setMinimumHeight(self.sizeHint().height())
        self.clear()

    def problems(self) -> list[Problem]:
        """What is shown now."""
        return list(self._problems)

    def show_problems(self, problems: Iterable[Problem]) -> None:
        """Show these problems (errors first) and mirror them into the field's tooltip."""
        self._problems = ordered(problems)
        if self._field is not None:
            show_problems_in_tooltip(self._field, self._problems)
        if not self._problems:
            self.setProperty("severity", "")
            self.clear()
            self.setAccessibleName("")
            self.hide()
            return
        worst = self._problems[0].severity
        self.setProperty("severity", worst.value)
        self.setText("\n".join(problem_text(p) for p in self._problems))
        self._apply_colour()
        words = {Severity.ERROR: self.tr("Error"), Severity.WARNING: self.tr("Warning")}
        self.setAccessibleName(
            "; ".join(f"{words[p.severity]}: {p.message}" for p in self._problems)
        )
        self.show()

    def changeEvent(self, event: object) -> None:  # noqa: N802 - Qt override
        # Follow the system switching between light and dark while the app runs.
        super().changeEvent(event)  # type: ignore[arg-type]
        if self._problems:
            self._apply_colour()

    def _apply_colour(self) -> None:
        color = severity_color(self._problems[0].severity, self.palette())
        # A style sheet (not setPalette) so the colour is not lost when the palette changes.
        sheet = f"color: {color.name()};"
        if self.styleSheet() != sheet:
            self.setStyleSheet(sheet)
