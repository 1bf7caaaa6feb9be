"""Small field widgets of the profile dialog: a secret line edit, and a field's problem label."""

from __future__ import annotations

import weakref

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from b24admin.core.errors import B24Error

# One red that reads on light and dark palettes; Qt has no palette role for "error".
PROBLEM_STYLE = "color: #d0453a;"


class SecretField(QWidget):
    """A password-echo QLineEdit (``edit``) plus a checkable "Show" button (``show_button``).

    The edit carries the objectName the caller gives (e.g. ``clientSecretEdit``); the button is
    ``<name>ShowButton``. Nothing here stores or logs the value.

    Signals:
        textChanged(str): the edit's text changed.
    """

    textChanged = Signal(str)

    def __init__(
        self, object_name: str, accessible_name: str, tooltip: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setObjectName(object_name)
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.edit.setAccessibleName(accessible_name)
        self.edit.setToolTip(tooltip)
        # A hidden secret is never dragged out of its field (copy and cut are off in Password mode).
        self.edit.setDragEnabled(False)
        self.show_button = QToolButton(self)
        self.show_button.setObjectName(f"{object_name}ShowButton")
        self.show_button.setText(self.tr("Show"))
        self.show_button.setCheckable(True)
        self.show_button.setAccessibleName(self.tr("Show %1").replace("%1", accessible_name))
        self.show_button.setToolTip(self.tr("Show or hide what is typed in this field"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.show_button)
        self.setFocusProxy(self.edit)
        self.show_button.toggled.connect(self._on_show_toggled)
        self.edit.textChanged.connect(self.textChanged)

    @Slot(bool)
    def _on_show_toggled(self, shown: bool) -> None:
        self.edit.setEchoMode(QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password)
        self.show_button.setText(self.tr("Hide") if shown else self.tr("Show"))

    def text(self) -> str:
        """The secret as typed, stripped of surrounding whitespace (pasting often adds some)."""
        return self.edit.text().strip()

    def setText(self, text: str) -> None:  # noqa: N802 - Qt naming, like QLineEdit
        self.edit.setText(text)

    def setPlaceholderText(self, text: str) -> None:  # noqa: N802 - Qt naming
        self.edit.setPlaceholderText(text)

    def clear(self) -> None:
        self.edit.clear()


def problem_label(parent: QWidget, object_name: str) -> QLabel:
    """A hidden label that shows one field's problem right below the field."""
    label = QLabel(parent)
    label.setObjectName(object_name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setStyleSheet(PROBLEM_STYLE)
    label.hide()
    return label


def align_label_columns(*forms: QFormLayout) -> None:
    """Give every form's label column the widest label's width, so the fields of the dialog's
    separate forms (its own, the OAuth and webhook panels') start at one edge."""
    labels: list[QWidget] = []
    for form in forms:
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            label = item.widget() if item is not None else None
            if label is not None:
                labels.append(label)
    width = max((label.sizeHint().width() for label in labels), default=0)
    for label in labels:
        label.setMinimumWidth(width)


def error_text(error: B24Error) -> str:
    """A refused value's explanation for the label beside its field: what is wrong, what to do."""
    return f"{error.summary} {error.advice}".strip()


def show_problem(label: QLabel, text: str) -> None:
    """Show ``text`` in the problem label, or hide the label when there is no problem."""
    label.setText(text)
    label.setVisible(bool(text))


# Fields whose text has changed since they were built (weak: a closed dialog's fields go).
_touched: weakref.WeakSet[QLineEdit] = weakref.WeakSet()


def track_touched(*edits: QLineEdit) -> None:
    """Remember that a field was edited, so "please fill this in" waits until it was."""
    for edit in edits:
        edit.textChanged.connect(lambda _text, e=edit: _touched.add(e))


def is_touched(edit: QLineEdit) -> bool:
    """True once the field's text has changed since it was built."""
    return edit in _touched


class FieldProblems:
    """Collects one check's problems: every one counts (Save stays disabled and its tooltip
    lists them), but a "this is still empty" problem shows beside its field only once the user
    has edited the field, so a fresh form is not a wall of red."""

    def __init__(self) -> None:
        self.messages: list[str] = []
        self._shown: dict[QLabel, str] = {}

    def add(self, label: QLabel, text: str, *, empty: QLineEdit | None = None) -> None:
        """Add a problem; ``empty`` names the untouched-so-far field it is about."""
        self.messages.append(text)
        if empty is None or is_touched(empty):
            self._shown.setdefault(label, text)

    def show(self, *labels: QLabel) -> list[str]:
        """Update ``labels`` (hiding those without a problem); return every message."""
        for label in labels:
            show_problem(label, self._shown.get(label, ""))
        return self.messages
