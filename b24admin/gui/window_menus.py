"""The main window's menus and the About box.

File: add a profile, connect to the sandbox portal, Quit (Ctrl+Q, the platform's Quit key).
Help: About, which names the version and the keyring backend (learnt in a worker: naming the
backend loads the keyring library, which must stay off the start-up path).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QToolButton, QWidget

from b24admin import __version__
from b24admin.core.secrets import SecretStore
from b24admin.gui.app_icon import app_icon
from b24admin.gui.dialogs import Dialogs
from b24admin.gui.workers import JobRunner


class WindowMenus:
    """Builds the menu bar of ``window`` and keeps its actions (objectNames for tests)."""

    def __init__(
        self,
        window: QMainWindow,
        *,
        add_profile: Callable[[], Any],
        connect_sandbox: Callable[[], Any],
        about: Callable[[], Any],
    ) -> None:
        self._window = window
        tr = window.tr
        file_menu = window.menuBar().addMenu(tr("&File"))
        self.add_profile = self._action(
            "addProfileAction",
            tr("&Add connection profile…"),
            tr("Connect b24admin to a Bitrix24 portal"),
            add_profile,
        )
        self.connect_sandbox = self._action(
            "connectSandboxAction",
            tr("Connect to the &sandbox portal"),
            tr("Start a Bitrix24 look-alike on this computer and connect to it"),
            connect_sandbox,
        )
        self.quit = self._action("quitAction", tr("&Quit"), tr("Close b24admin"), window.close)
        # The platform's Quit key where it has one (Cmd+Q on macOS); Ctrl+Q everywhere, as
        # Windows and a bare X session define none.
        quit_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Quit)
        ctrl_q = QKeySequence("Ctrl+Q")
        self.quit.setShortcuts([ctrl_q, *(key for key in quit_keys if key != ctrl_q)])
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)
        file_menu.addAction(self.add_profile)
        file_menu.addAction(self.connect_sandbox)
        file_menu.addSeparator()
        file_menu.addAction(self.quit)

        help_menu = window.menuBar().addMenu(tr("&Help"))
        self.about = self._action(
            "aboutAction", tr("&About b24admin"), tr("Version and keyring in use"), about
        )
        self.about.setMenuRole(QAction.MenuRole.AboutRole)
        help_menu.addAction(self.about)
        # The » button Qt shows when the menu bar is too narrow for its menus.
        overflow = window.menuBar().findChild(QToolButton, "qt_menubar_ext_button")
        if overflow is not None:
            overflow.setAccessibleName(tr("More menus"))
            overflow.setToolTip(tr("More menus"))

    def _action(self, name: str, text: str, tip: str, slot: Callable[[], Any]) -> QAction:
        action = QAction(text, self._window)
        action.setObjectName(name)
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        self._window.addAction(action)  # the shortcut works wherever the focus is
        return action


def show_about(parent: QWidget, dialogs: Dialogs, runner: JobRunner, secrets: SecretStore) -> None:
    """Open the About box at once; fill in the keyring when a worker has asked it."""
    text = parent.tr(
        "b24admin {version}\n\nRegister, inspect and remove Bitrix24 widgets "
        "(placement.bind), with secrets in the system keyring.\n\nKeyring: {keyring}"
    )
    box = dialogs.info(
        parent,
        parent.tr("About b24admin"),
        text.format(version=__version__, keyring=parent.tr("checking…")),
    )
    box.setObjectName("aboutDialog")
    box.setIconPixmap(app_icon().pixmap(64, 64))

    def show(status: Any) -> None:
        keyring = status.backend if status.ok else f"{status.backend} ({status.message})"
        try:
            box.setText(text.format(version=__version__, keyring=keyring))
        except RuntimeError:
            pass  # the user closed the box before the keyring answered

    runner.submit(secrets.status, on_success=show)
