"""One editor per OptionSpec type. Each keeps the wire value and says what "not set" means.

Every editor has ``value() -> str | int | None`` (None: not sent, the server applies its
default), ``set_value(value)`` and an ``edited`` signal. A value the editor cannot represent
(an unknown enum value from a draft, an unknown context token) is kept and sent as it is, so
validation can point at it instead of the form silently changing what the user had.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRegularExpression, Qt, Signal, Slot
from PySide6.QtGui import QPalette, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from b24admin.core.bind_request import OptionValue
from b24admin.core.catalogue import ImColor, OptionSpec, OptionType
from b24admin.gui.form.color_picker import ImColorPicker
from b24admin.gui.form.problem_label import set_base_tooltip

INT_MAXIMUM = 100_000


def option_label(spec: OptionSpec) -> str:
    """The readable label of an option, falling back to its key."""
    return spec.label or spec.key


def option_tooltip(spec: OptionSpec, tr_default: str) -> str:
    """Label and key, what it does, the rule, and the default."""
    lines = [f"{option_label(spec)} (OPTIONS.{spec.key})"]
    lines += [text for text in (spec.description, spec.rule) if text]
    if spec.default not in (None, ""):
        lines.append(tr_default.format(default=spec.default))
    return "\n".join(lines)


class TextOptionEdit(QLineEdit):
    """TEXT, URL and ID_LIST options: empty means not sent."""

    edited = Signal()

    def __init__(self, spec: OptionSpec, icons: Sequence[str] = (), parent: QWidget | None = None):
        super().__init__(parent)
        if spec.max_length:
            self.setMaxLength(spec.max_length)
        if spec.type is OptionType.URL:
            self.setPlaceholderText("https://")
            self.setInputMethodHints(Qt.InputMethodHint.ImhUrlCharactersOnly)
        elif spec.type is OptionType.ID_LIST:
            # Digits and commas only; whether the list is well formed is validation's job.
            self.setValidator(QRegularExpressionValidator(QRegularExpression(r"[0-9,]*"), self))
            self.setPlaceholderText(self.tr("Ids separated by commas, e.g. 11,12"))
        elif icons:
            completer = QCompleter(list(icons), self)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            popup = completer.popup()
            if popup is not None:
                popup.setAccessibleName(self.tr("Matching icon names"))
            self.setCompleter(completer)
            self.setPlaceholderText(self.tr("e.g. fa-rocket"))
        self.setClearButtonEnabled(True)
        self.textChanged.connect(self.edited)

    def value(self) -> OptionValue | None:
        return self.text() or None

    def set_value(self, value: OptionValue | None) -> None:
        self.setText("" if value is None else str(value))


class EnumOptionCombo(QComboBox):
    """ENUM options: item data is the wire value; the first item is the server's default."""

    edited = Signal()

    def __init__(self, spec: OptionSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        labels = dict(zip(spec.allowed, spec.allowed_labels, strict=False))
        if not spec.required:
            default = spec.default
            if default in labels:
                text = self.tr("Default ({value} — {label})").format(
                    value=default, label=labels[default]
                )
            else:
                text = self.tr("Default (not sent)")
            self.addItem(text, "")
        for value in spec.allowed:
            label = labels.get(value, "")
            self.addItem(f"{value} — {label}" if label else value, value)
        self.currentIndexChanged.connect(self.edited)

    def value(self) -> OptionValue | None:
        return self.currentData() or None

    def set_value(self, value: OptionValue | None) -> None:
        wire = "" if value is None else str(value)
        index = self.findData(wire)
        if index < 0:
            self.addItem(self.tr("{value} (not an allowed value)").format(value=wire), wire)
            index = self.count() - 1
        self.setCurrentIndex(index)


class MultiTokenEditor(QWidget):
    """MULTI options (context): a checkbox per token, joined with the separator.

    The first token (ALL) excludes the others, as the server treats it; none checked means
    not sent (the server's default).
    """

    edited = Signal()

    def __init__(self, spec: OptionSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._spec = spec
        self._separator = spec.separator or ";"
        self._extra: list[str] = []  # tokens loaded that are not allowed, kept for validation
        labels = dict(zip(spec.allowed, spec.allowed_labels, strict=False))
        self.boxes: dict[str, QCheckBox] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        row = QHBoxLayout()
        row.setSpacing(12)
        for token in spec.allowed:
            box = QCheckBox(token, self)
            box.setObjectName(f"{spec.key}Token_{token}")
            label = labels.get(token, token)
            box.setAccessibleName(f"{option_label(spec)}: {label}")
            box.setToolTip(f"{token}: {label}")
            box.toggled.connect(lambda checked, t=token: self._toggled(t, checked))
            self.boxes[token] = box
            row.addWidget(box)
        row.addStretch(1)
        layout.addLayout(row)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout.addWidget(self.hint)
        first = next(iter(self.boxes.values()), None)
        if first is not None:
            self.setFocusProxy(first)
        self._show_hint()

    def value(self) -> OptionValue | None:
        tokens = [t for t, box in self.boxes.items() if box.isChecked()] + self._extra
        return self._separator.join(tokens) or None

    def set_value(self, value: OptionValue | None) -> None:
        tokens = [] if value in (None, "") else str(value).split(self._separator)
        for token, box in self.boxes.items():
            box.blockSignals(True)
            box.setChecked(token in tokens)
            box.blockSignals(False)
        self._extra = [t for t in tokens if t not in self.boxes]
        self._show_hint()
        self.edited.emit()

    def _toggled(self, token: str, checked: bool) -> None:
        first = self._spec.allowed[0] if self._spec.allowed else ""
        if checked:
            exclusive = [t for t in self.boxes if t != first] if token == first else [first]
            for other in exclusive:
                box = self.boxes.get(other)
                if box is not None and box.isChecked():
                    box.blockSignals(True)
                    box.setChecked(False)
                    box.blockSignals(False)
        self._extra = []  # the user edited the set: what was not understood is dropped
        self._show_hint()
        self.edited.emit()

    def _show_hint(self) -> None:
        if self._extra:
            text = self.tr("Also loaded, not understood: {tokens}").format(
                tokens=", ".join(repr(t) for t in self._extra)
            )
        elif self.value() is None and self._spec.default not in (None, ""):
            text = self.tr("None checked: the server's default, {default}.").format(
                default=self._spec.default
            )
        else:
            text = self.tr("Sent as {value}").format(value=self.value())
        self.hint.setText(text)


class IntOptionSpin(QSpinBox):
    """INT options (width, height): starts at the default; the default itself is not sent."""

    edited = Signal()

    def __init__(self, spec: OptionSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._default = spec.default if isinstance(spec.default, int) else None
        self.setRange(spec.minimum if spec.minimum is not None else 0, INT_MAXIMUM)
        self.setValue(self._default if self._default is not None else self.minimum())
        self.setAccelerated(True)
        self.valueChanged.connect(self._changed)
        self._changed(self.value(), emit=False)

    def value_or_none(self) -> OptionValue | None:
        return None if self.value() == self._default else self.value()

    def set_value(self, value: OptionValue | None) -> None:
        if value is None or value == "":
            self.setValue(self._default if self._default is not None else self.minimum())
            return
        try:
            self.setValue(int(value))
        except (TypeError, ValueError):
            self.setValue(self.minimum())

    @Slot(int)
    def _changed(self, value: int, emit: bool = True) -> None:
        self.setSuffix(self.tr(" (default)") if value == self._default else "")
        if emit:
            self.edited.emit()


class ColorOptionPicker(ImColorPicker):
    """COLOR options: the IM colour picker; none ("") is not sent."""

    edited = Signal()

    def __init__(self, palette: Sequence[ImColor], parent: QWidget | None = None) -> None:
        super().__init__(palette, parent)
        self.colorChanged.connect(self.edited)

    def value(self) -> OptionValue | None:
        return self.color() or None

    def set_value(self, value: OptionValue | None) -> None:
        self.set_color("" if value is None else str(value))


OptionEditor = (
    TextOptionEdit | EnumOptionCombo | MultiTokenEditor | IntOptionSpin | ColorOptionPicker
)


def editor_value(editor: OptionEditor) -> OptionValue | None:
    """The wire value of any editor, None when it is not to be sent."""
    if isinstance(editor, IntOptionSpin):
        return editor.value_or_none()
    return editor.value()


def create_option_editor(
    spec: OptionSpec,
    palette: Sequence[ImColor],
    icons: Sequence[str],
    parent: QWidget | None = None,
) -> OptionEditor:
    """The editor for one option, named ``option_<key>`` with accessible name and tooltip."""
    editor: OptionEditor
    if spec.type is OptionType.ENUM:
        editor = EnumOptionCombo(spec, parent)
    elif spec.type is OptionType.MULTI:
        editor = MultiTokenEditor(spec, parent)
    elif spec.type is OptionType.INT:
        editor = IntOptionSpin(spec, parent)
    elif spec.type is OptionType.COLOR:
        editor = ColorOptionPicker(palette, parent)
    else:
        editor = TextOptionEdit(spec, icons if spec.type is OptionType.TEXT else (), parent)
    editor.setObjectName(f"option_{spec.key}")
    editor.setAccessibleName(option_label(spec))
    tooltip = option_tooltip(spec, editor.tr("Default: {default}"))
    set_base_tooltip(editor, tooltip)
    editor.setAccessibleDescription(tooltip)
    return editor
