"""What the main window remembers between runs: its geometry and the last profile used.

Kept in ``<config_dir>/window.ini`` (QSettings, INI format) beside profiles.json, so tests that
point the config dir at a temp folder get a fresh window, and nothing lands in the registry or
in ~/.config/<organisation>. Never a secret.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow

from b24admin.core.config import config_dir

# Big enough for the whole bind form (Bind button included) without scrolling; shrunk to fit
# smaller screens, where the form scrolls instead.
DEFAULT_SIZE = (1200, 960)
SCREEN_SHARE = 0.92


class WindowState:
    """Reads and writes ``window.ini``."""

    def __init__(self) -> None:
        self._settings = QSettings(str(config_dir() / "window.ini"), QSettings.Format.IniFormat)

    @property
    def last_profile(self) -> str | None:
        value = self._settings.value("last_profile", "")
        return str(value) if value else None

    @last_profile.setter
    def last_profile(self, name: str) -> None:
        self._settings.setValue("last_profile", name)

    def restore(self, window: QMainWindow) -> None:
        """Put the window where and how big it was; a sensible size the first time."""
        geometry = self._settings.value("geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            window.restoreGeometry(geometry)
        else:
            width, height = DEFAULT_SIZE
            screen = window.screen()
            if screen is not None:
                available = screen.availableGeometry()
                width = min(width, int(available.width() * SCREEN_SHARE))
                height = min(height, int(available.height() * SCREEN_SHARE))
            window.resize(width, height)
        state = self._settings.value("state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            window.restoreState(state)

    def save(self, window: QMainWindow) -> None:
        self._settings.setValue("geometry", window.saveGeometry())
        self._settings.setValue("state", window.saveState())
        self._settings.sync()
