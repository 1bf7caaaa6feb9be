"""The OPTIONS area: rebuilt from the chosen placement's OptionSpecs, one editor per key.

Switching between placements that share keys (IM_SIDEBAR → IM_TEXTAREA) keeps what the user
entered for those keys; coming back to a placement gives back the options it had. Options
loaded with a request that have no editor here are kept, shown
in a note, and sent, so nothing the user had disappears without a word.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from b24admin.core.bind_request import OptionValue
from b24admin.core.catalogue import ImColor, OptionSpec, PlacementSpec
from b24admin.core.validation import Problem
from b24admin.gui.form.option_editors import (
    ColorOptionPicker,
    MultiTokenEditor,
    OptionEditor,
    create_option_editor,
    editor_value,
    option_label,
)
from b24admin.gui.form.problem_label import ProblemLabel

OPTIONS_FIELD = "OPTIONS"


class OptionsPanel(QWidget):
    """Editors for the OPTIONS of one placement.

    Signals:
        optionEdited(str): the key of the option the user just edited ("" for the extras).
    """

    optionEdited = Signal(str)

    def __init__(
        self,
        palette: Sequence[ImColor],
        icons: Callable[[], Sequence[str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._palette = palette
        self._icons = icons
        self._specs: tuple[OptionSpec, ...] = ()
        self._editors: dict[str, OptionEditor] = {}
        self._problem_labels: dict[str, ProblemLabel] = {}
        self._extras: dict[str, OptionValue] = {}
        self._code = ""
        # Each placement's options as the user left them, for this session: a round trip
        # IM_SIDEBAR → CRM_DEAL_DETAIL_TAB → IM_SIDEBAR gives back iconName, role, colour.
        self._remembered: dict[str, dict[str, OptionValue]] = {}

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.no_options_label = QLabel(self)
        self.no_options_label.setObjectName("noOptionsLabel")
        self.no_options_label.setWordWrap(True)
        self.no_options_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.extras_label = QLabel(self)
        self.extras_label.setObjectName("optionsExtrasLabel")
        self.extras_label.setWordWrap(True)
        self.extras_label.setTextFormat(Qt.TextFormat.RichText)
        self.extras_label.linkActivated.connect(self._drop_extras)
        self.extras_label.hide()
        self.problem_label = ProblemLabel(None, self)
        self.problem_label.setObjectName("optionsProblem")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.no_options_label)
        layout.addLayout(self.form)
        layout.addWidget(self.extras_label)
        layout.addWidget(self.problem_label)
        self.set_spec(None, "")

    # -- public -------------------------------------------------------------------------

    def editor(self, key: str) -> OptionEditor | None:
        """The editor of one key, or None."""
        return self._editors.get(key)

    def editors(self) -> dict[str, OptionEditor]:
        """The editors in form order."""
        return dict(self._editors)

    def set_spec(self, spec: PlacementSpec | None, code: str) -> None:
        """Show the editors of ``spec``'s options; keeps values of keys that stay."""
        specs = spec.options if spec is not None else ()
        if specs == self._specs and self._editors:
            self._code = code
            return
        if self._code:  # what the user gave the placement being left, for coming back
            self._remembered[self._code] = self.values()
        kept = {key: editor_value(e) for key, e in self._editors.items()}
        kept_types = {s.key: s.type for s in self._specs}
        while self.form.rowCount():
            self.form.removeRow(0)
        self._editors.clear()
        self._problem_labels.clear()
        self._extras.clear()
        self._specs = specs
        for option in specs:
            self._add_row(option)
            value = kept.get(option.key)
            if value is not None and kept_types.get(option.key) is option.type:
                self._editors[option.key].set_value(value)
        self._code = code
        remembered = self._remembered.get(code)
        if remembered is not None:  # back to a placement seen this session: its own options
            for key, editor in self._editors.items():
                editor.set_value(remembered.get(key))
        if spec is None and code:
            note = self.tr("Options are unknown for a code that is not in the catalogue.")
        elif spec is None:
            note = self.tr("Pick a placement to see its options.")
        else:
            note = self.tr("This placement has no options.")
        self.no_options_label.setText(note)
        self.no_options_label.setVisible(not specs)
        self._show_extras()

    def values(self) -> dict[str, OptionValue]:
        """The options to send: set editors in schema order, then kept extras."""
        values: dict[str, OptionValue] = {}
        for key, editor in self._editors.items():
            value = editor_value(editor)
            if value is not None:
                values[key] = value
        values.update(self._extras)
        return values

    def set_values(self, options: Mapping[str, OptionValue]) -> None:
        """Load option values; keys without an editor are kept as extras."""
        for key, editor in self._editors.items():
            editor.set_value(options.get(key))
        self._extras = {k: v for k, v in options.items() if k not in self._editors}
        self._show_extras()

    def show_problems(self, problems: Sequence[Problem]) -> None:
        """Put ``OPTIONS.<key>`` problems beside their editor, the rest under the panel."""
        by_key: dict[str, list[Problem]] = {key: [] for key in self._problem_labels}
        general: list[Problem] = []
        for problem in problems:
            key = problem.field.partition(".")[2]
            if key in by_key:
                by_key[key].append(problem)
            else:
                general.append(problem)
        for key, label in self._problem_labels.items():
            label.show_problems(by_key[key])
        self.problem_label.show_problems(general)

    def focus_chain(self) -> list[QWidget]:
        """Focusable widgets in form order, for the form's tab order."""
        chain: list[QWidget] = []
        for editor in self._editors.values():
            if isinstance(editor, MultiTokenEditor):
                chain.extend(editor.boxes.values())
            elif isinstance(editor, ColorOptionPicker):
                chain.extend(editor.swatch(n) for n in ["", *(c.name for c in self._palette)])
                chain.append(editor.custom_button)
            else:
                chain.append(editor)
        return chain

    # -- internals ----------------------------------------------------------------------

    def _add_row(self, option: OptionSpec) -> None:
        icons = self._icons() if option.key == "iconName" else ()
        editor = create_option_editor(option, self._palette, icons, self)
        editor.edited.connect(lambda key=option.key: self.optionEdited.emit(key))
        holder = QWidget(self)
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(editor)
        problem = ProblemLabel(editor, holder)
        box.addWidget(problem)
        text = option_label(option) + (" *" if option.required else "") + ":"
        label = QLabel(text, self)
        label.setBuddy(editor)
        label.setToolTip(editor.toolTip())
        self.form.addRow(label, holder)
        # Widgets added to a visible layout are shown by a queued call; show them now so the
        # panel is complete as soon as the placement changes.
        label.show()
        holder.show()
        self._editors[option.key] = editor
        self._problem_labels[option.key] = problem

    def _show_extras(self) -> None:
        if self._extras:
            listed = html.escape(", ".join(f"{k}={v!r}" for k, v in self._extras.items()))
            self.extras_label.setText(
                self.tr(
                    'Also sent, no editor for this placement: {options} — <a href="drop">'
                    "remove them</a>"
                ).format(options=listed)
            )
        self.extras_label.setVisible(bool(self._extras))

    def _drop_extras(self, _link: str = "") -> None:
        self._extras.clear()
        self._show_extras()
        self.optionEdited.emit("")
