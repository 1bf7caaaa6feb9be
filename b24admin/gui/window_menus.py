"""The main window's menus, with every action's shortcut shown, and the About box.

File: profiles (add, edit, test the connection), the sandbox portal, manifests (import, export,
sync) and Quit. Edit: Undo the last change on the portal (Ctrl+Z outside text fields). Widget:
Bind / Update (Ctrl+Enter from anywhere in the window), Refresh list (F5) and what acts on the
selected installed widget (Enter edits it, Delete asks to unbind it; those two keys only while
the installed-widgets table has the focus, where they cannot take a key from a text field).
View: the docks (added by the manage views). Help: the documentation, the log folder, About.

Every action is added to the window, so its shortcut works wherever the focus is, not only while
its menu is open. An action that stands for a button (Refresh, Export, …) clicks that button, so
it does exactly what the button does and nothing while the button is disabled; its menu entry
shows the button's state each time the menu opens.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QMainWindow, QMenu, QToolButton, QWidget

from b24admin import __version__
from b24admin.core.secrets import SecretStore
from b24admin.gui.app_icon import app_icon
from b24admin.gui.dialogs import Dialogs
from b24admin.gui.workers import JobRunner

Command = Callable[[], Any]
#: Finds the button an action stands for when it runs (the docks' buttons are built late).
ButtonFinder = Callable[[], QAbstractButton | None]


@dataclass(frozen=True)
class MenuCommands:
    """What the menu entries do; the window supplies them."""

    add_profile: Command
    connect_sandbox: Command
    bind: Command
    documentation: Command
    open_log_folder: Command
    about: Command


@dataclass(frozen=True)
class WindowButtons:
    """The buttons that menu entries stand for (found when needed): the connection row's and
    the installed-widgets panel's."""

    edit_profile: ButtonFinder
    test_connection: ButtonFinder
    refresh: ButtonFinder
    edit: ButtonFinder
    duplicate: ButtonFinder
    unbind: ButtonFinder
    export: ButtonFinder
    import_: ButtonFinder
    sync: ButtonFinder
    undo: ButtonFinder


class WindowMenus:
    """Builds the menu bar of ``window`` and keeps its actions (objectNames for tests)."""

    def __init__(self, window: QMainWindow, commands: MenuCommands, buttons: WindowButtons) -> None:
        self._window = window
        self._mirrors: list[tuple[QAction, ButtonFinder]] = []
        tr = window.tr
        bar = window.menuBar()

        file_menu = self._menu(bar.addMenu(tr("&File")), "fileMenu")
        self.add_profile = self._action(
            "addProfileAction",
            tr("&Add connection profile…"),
            tr("Connect b24admin to a Bitrix24 portal"),
            commands.add_profile,
            "Ctrl+Shift+N",
        )
        self.edit_profile = self._mirror(
            "editProfileAction",
            tr("&Edit connection profile…"),
            tr("Change the selected profile or enter its secrets again"),
            buttons.edit_profile,
            "Ctrl+Shift+P",
        )
        self.test_connection = self._mirror(
            "testConnectionAction",
            tr("&Test connection"),
            tr("Check the installation, the administrator and the placement scope"),
            buttons.test_connection,
            "Ctrl+T",
        )
        self.connect_sandbox = self._action(
            "connectSandboxAction",
            tr("Connect to the &sandbox portal"),
            tr("Start a Bitrix24 look-alike on this computer and connect to it"),
            commands.connect_sandbox,
        )
        self.import_manifest = self._mirror(
            "importManifestAction",
            tr("&Import manifest…"),
            tr("Read a manifest and compare it with the portal (nothing is sent)"),
            buttons.import_,
            QKeySequence.StandardKey.Open,
        )
        self.export_manifest = self._mirror(
            "exportManifestAction",
            tr("E&xport widgets to a manifest…"),
            tr("Write the selected widgets (all when none is selected) to a manifest file"),
            buttons.export,
            "Ctrl+S",
        )
        self.sync = self._mirror(
            "syncAction",
            tr("S&ync with the manifest…"),
            tr("Make the portal's widgets match the imported manifest (plan shown first)"),
            buttons.sync,
            "Ctrl+Shift+S",
        )
        self.quit = self._action("quitAction", tr("&Quit"), tr("Close b24admin"), window.close)
        # The platform's Quit key where it has one (Cmd+Q on macOS); Ctrl+Q everywhere, as
        # Windows and a bare X session define none.
        quit_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Quit)
        ctrl_q = QKeySequence("Ctrl+Q")
        self.quit.setShortcuts([ctrl_q, *(key for key in quit_keys if key != ctrl_q)])
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)
        for entry in (self.add_profile, self.edit_profile, self.test_connection):
            file_menu.addAction(entry)
        file_menu.addAction(self.connect_sandbox)
        file_menu.addSeparator()
        for entry in (self.import_manifest, self.export_manifest, self.sync):
            file_menu.addAction(entry)
        file_menu.addSeparator()
        file_menu.addAction(self.quit)

        edit_menu = self._menu(bar.addMenu(tr("&Edit")), "editMenu")
        # Text fields take Ctrl+Z first (their own undo); elsewhere it undoes the last change
        # on the portal, as the status bar's Undo does.
        self.undo = self._mirror(
            "undoAction",
            tr("&Undo the last change on the portal"),
            tr("Unbind what was bound, bind again what was unbound, or restore what was updated"),
            buttons.undo,
            QKeySequence.StandardKey.Undo,
        )
        edit_menu.addAction(self.undo)

        self.widget_menu = self._menu(bar.addMenu(tr("&Widget")), "widgetMenu")
        self.bind = self._action(
            "bindAction",
            tr("&Bind"),
            tr("Send the form to the portal (placement.bind)"),
            commands.bind,
        )
        # Return is the main keyboard's key, Enter the keypad's: either, with Ctrl.
        self.bind.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        self.refresh = self._mirror(
            "refreshListAction",
            tr("&Refresh list"),
            tr("List the widgets registered on the portal again (placement.get)"),
            buttons.refresh,
            QKeySequence.StandardKey.Refresh,
        )
        self.edit_selected = self._mirror(
            "editSelectedAction",
            tr("&Edit in the form"),
            tr("Load the selected installed widget into the form to change it"),
            buttons.edit,
        )
        self.duplicate_selected = self._mirror(
            "duplicateSelectedAction",
            tr("D&uplicate in the form"),
            tr("Load a copy of the selected widget into the form, with its own handler"),
            buttons.duplicate,
        )
        self.unbind_selected = self._mirror(
            "unbindSelectedAction",
            tr("U&nbind…"),
            tr("Remove the selected widgets from the portal (asks first)"),
            buttons.unbind,
        )
        # Enter and Delete only while the installed-widgets table has the focus (see
        # attach_to_table): anywhere else they belong to the focused field.
        for action, keys in (
            (self.edit_selected, ("Return", "Enter")),
            (self.unbind_selected, ("Delete",)),
        ):
            action.setShortcuts([QKeySequence(key) for key in keys])
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            window.removeAction(action)
        self.widget_menu.addAction(self.bind)
        self.widget_menu.addSeparator()
        for entry in (
            self.refresh,
            self.edit_selected,
            self.duplicate_selected,
            self.unbind_selected,
        ):
            self.widget_menu.addAction(entry)

        help_menu = self._menu(bar.addMenu(tr("&Help")), "helpMenu")
        self.help_menu = help_menu  # View (gui/language_menu.py) goes before it
        self.documentation = self._action(
            "documentationAction",
            tr("b24admin &documentation"),
            tr("Open the user guide"),
            commands.documentation,
            QKeySequence.StandardKey.HelpContents,
        )
        self.open_log_folder = self._action(
            "openLogFolderAction",
            tr("Open the &log folder"),
            tr("Show the folder of the activity log (every call, secrets removed)"),
            commands.open_log_folder,
        )
        self.about = self._action(
            "aboutAction", tr("&About b24admin"), tr("Version and keyring in use"), commands.about
        )
        self.about.setMenuRole(QAction.MenuRole.AboutRole)
        help_menu.addAction(self.documentation)
        help_menu.addAction(self.open_log_folder)
        help_menu.addSeparator()
        help_menu.addAction(self.about)
        # The » button Qt shows when the menu bar is too narrow for its menus.
        overflow = bar.findChild(QToolButton, "qt_menubar_ext_button")
        if overflow is not None:
            overflow.setAccessibleName(tr("More menus"))
            overflow.setToolTip(tr("More menus"))

    def attach_to_table(self, table: QWidget) -> None:
        """Enter edits the selected installed widget and Delete asks to unbind it, while
        ``table`` has the focus."""
        table.addAction(self.edit_selected)
        table.addAction(self.unbind_selected)

    def set_bind_text(self, text: str) -> None:
        """The Bind entry says what the form's button says ("Bind", "Update widget")."""
        self.bind.setText(text)

    # -- building -------------------------------------------------------------------------

    def _menu(self, menu: QMenu, name: str) -> QMenu:
        menu.setObjectName(name)
        menu.setToolTipsVisible(True)
        menu.aboutToShow.connect(self._show_button_states)
        menu.aboutToHide.connect(self._enable_mirrors)
        return menu

    def _action(
        self,
        name: str,
        text: str,
        tip: str,
        slot: Command,
        keys: str | QKeySequence.StandardKey | None = None,
    ) -> QAction:
        action = QAction(text, self._window)
        action.setObjectName(name)
        action.setStatusTip(tip)
        action.setToolTip(tip)
        if keys is not None:
            action.setShortcut(QKeySequence(keys))
        action.triggered.connect(lambda _checked=False: slot())
        self._window.addAction(action)  # the shortcut works wherever the focus is
        return action

    def _mirror(
        self,
        name: str,
        text: str,
        tip: str,
        button: ButtonFinder,
        keys: str | QKeySequence.StandardKey | None = None,
    ) -> QAction:
        """An action that clicks ``button`` (a disabled button does nothing)."""

        def click() -> None:
            found = button()
            if found is not None:
                found.click()

        action = self._action(name, text, tip, click, keys)
        self._mirrors.append((action, button))
        return action

    def _show_button_states(self) -> None:
        """While a menu is open its entries show whether their buttons would do anything."""
        for action, button in self._mirrors:
            found = button()
            action.setEnabled(found is not None and found.isEnabled())

    def _enable_mirrors(self) -> None:
        # Closed again: keep the shortcuts live (a click on a disabled button does nothing).
        for action, _button in self._mirrors:
            action.setEnabled(True)


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
