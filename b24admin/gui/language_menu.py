"""View → Language: pick the language of the window and the command line, or follow the system.

The choice is saved in the config dir (b24admin/core/i18n.py reads it at start-up) and applies
at the next start; the window says so at once, in the language chosen and in the current one,
so the person who picked a language they read reads the message too.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMainWindow, QMenu

from b24admin.core import i18n
from b24admin.gui.dialogs import Dialogs
from b24admin.gui.translators import language_name

SYSTEM = ""  # the action data of "System default"


class LanguageMenu:
    """The View menu with its Language submenu, inserted before ``before`` in the menu bar."""

    def __init__(self, window: QMainWindow, dialogs: Dialogs, before: QAction | None) -> None:
        self._window = window
        self._dialogs = dialogs
        tr = window.tr
        bar = window.menuBar()
        self.view_menu = QMenu(tr("&View"), bar)  # the docks' toggles join it (manage/views.py)
        self.view_menu.setObjectName("viewMenu")
        if before is not None:
            bar.insertMenu(before, self.view_menu)
        else:
            bar.addMenu(self.view_menu)
        self.menu = self.view_menu.addMenu(tr("&Language"))
        self.menu.setObjectName("languageMenu")
        self.group = QActionGroup(window)
        self.group.setExclusive(True)
        self.group.triggered.connect(self._chosen)
        self._actions: dict[str, QAction] = {}
        # Filled when first opened: naming the languages makes PySide build QLocale's large
        # enums (~35 ms), which the window's start-up should not pay for.
        self.menu.aboutToShow.connect(self._fill)

    @property
    def actions(self) -> dict[str, QAction]:
        """The choices by code ("" = System default), built on first use."""
        self._fill()
        return self._actions

    def _fill(self) -> None:
        if self._actions:
            return
        tr = self._window.tr
        saved = i18n.saved_language()
        choices = [(SYSTEM, tr("System default"))]
        choices += [(code, language_name(code)) for code in i18n.shipped_languages()]
        for code, text in choices:
            action = QAction(text, self._window)
            action.setObjectName(f"language_{code or 'system'}")
            action.setCheckable(True)
            action.setChecked(code == (saved or SYSTEM))
            action.setData(code)
            self.group.addAction(action)
            self.menu.addAction(action)
            self._actions[code] = action
            if code == SYSTEM:
                self.menu.addSeparator()

    def _chosen(self, action: QAction) -> None:
        code = str(action.data() or "")
        i18n.save_language(code or None)
        now = self._window.tr(
            "The language changes when b24admin starts again. Close it and open it again."
        )
        later = now
        if code and code != i18n.current_language():
            later = i18n.load_catalogue(code).gettext(
                "The language changes when b24admin starts again. Close it and open it again."
            )
        text = now if later == now else f"{later}\n\n{now}"
        box = self._dialogs.info(self._window, self._window.tr("Language"), text)
        box.setObjectName("languageRestartDialog")
