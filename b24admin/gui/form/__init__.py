"""The bind form and its parts: placement picker, options editors, colour picker, language
table and live preview. The main window uses :class:`BindForm`."""

from b24admin.gui.form.bind_form import BindForm

__all__ = ["BindForm"]
