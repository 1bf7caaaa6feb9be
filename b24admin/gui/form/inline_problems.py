"""Which validation problems show inline, and where.

Problems of a field show once the user has edited that field, so an empty form does not open
in red (a language row just added waits until the user leaves it); after a request is loaded
or Bind is refused, every problem shows. Bind's state never waits for this: it follows all
errors, shown or not, and its tooltip lists them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QCoreApplication

from b24admin.core.validation import Problem
from b24admin.gui.form.lang_table import LangTableEditor
from b24admin.gui.form.options_panel import OPTIONS_FIELD, OptionsPanel
from b24admin.gui.form.problem_label import ProblemLabel

LANG_FIELD = "LANG_ALL"


def _tr(text: str) -> str:
    return QCoreApplication.translate("InlineProblems", text)


def problem_location(problem: Problem) -> str:
    """A short prefix saying where a problem is: "HANDLER: ", "Language row 2: ", "color: "."""
    if problem.field == LANG_FIELD and problem.row is not None:
        return _tr("Language row {row}: ").format(row=problem.row + 1)
    if problem.field.startswith(f"{OPTIONS_FIELD}."):
        return f"{problem.field.partition('.')[2]}: "
    return f"{problem.field}: " if problem.field else ""


def bind_tooltip(problems: Sequence[Problem]) -> str:
    """The Bind button's tooltip: why it is disabled, or what it does."""
    errors = [p for p in problems if p.is_error]
    if not errors:
        return _tr("Register the widget with placement.bind (Ctrl+Return)")
    lines = "\n".join(f"• {problem_location(p)}{p.message}" for p in errors)
    return _tr("Fix these first:\n{problems}").format(problems=lines)


class InlineProblems:
    """Routes problems to the labels beside their fields, the language rows, the options
    panel, or (for anything else) the form's general label."""

    def __init__(
        self,
        labels: Mapping[str, ProblemLabel],
        languages: LangTableEditor,
        options: OptionsPanel,
        general: ProblemLabel,
    ) -> None:
        self._labels = labels
        self._languages = languages
        self._options = options
        self._general = general
        self.touched: set[str] = set()
        self.show_all = False

    def touch(self, field: str) -> None:
        """The user edited ``field``: its problems show from now on."""
        self.touched.add(field)

    def visible(self, problem: Problem) -> bool:
        """Whether a problem is shown inline now."""
        if problem.field == LANG_FIELD and problem.row is not None:
            if problem.row == self._languages.new_row:
                return False  # the row just added: not red before the user has left it
        if self.show_all or problem.field in self.touched:
            return True
        if problem.field == OPTIONS_FIELD:
            return any(f.startswith(f"{OPTIONS_FIELD}.") for f in self.touched)
        return False

    def show(self, problems: Sequence[Problem]) -> None:
        """Put every visible problem in its place; clear the rest."""
        visible = [p for p in problems if self.visible(p)]
        for key, label in self._labels.items():
            label.show_problems(p for p in visible if p.field == key)
        self._languages.show_problems([p for p in visible if p.field == LANG_FIELD])
        self._options.show_problems([p for p in visible if p.field.startswith(OPTIONS_FIELD)])
        placed = {*self._labels, LANG_FIELD}
        self._general.show_problems(
            p for p in visible if p.field not in placed and not p.field.startswith(OPTIONS_FIELD)
        )
