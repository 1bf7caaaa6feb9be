"""Start the desktop app: QApplication, the system's light or dark palette, a crash dialog for
anything unexpected, and the main window.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QCoreApplication, Qt, QThread, QTimer
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from b24admin import APP_ID, __version__
from b24admin.core.errors import B24Error
from b24admin.gui.app_icon import app_icon
from b24admin.gui.dialogs import Dialogs
from b24admin.gui.theme import dark_palette, is_dark

#: When set, print this marker on stdout once the window is shown, then quit (start-up benchmark).
STARTUP_MARKER_ENV = "B24ADMIN_STARTUP_MARKER"  # the benchmark's hook: print it, then quit
STARTUP_MARKER_AT_ENV = "B24ADMIN_STARTUP_MARKER_AT"  # "form": when the form is built instead

__all__ = ["dark_palette", "follow_color_scheme", "palette_for_scheme", "run_gui"]

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def run_gui(argv: list[str], *, sandbox: bool = False) -> int:
    """Run the window until it closes; ``sandbox`` connects the in-process sandbox portal."""
    app = QApplication.instance() or QApplication(argv)
    assert isinstance(app, QApplication)
    configure_application(app)
    follow_color_scheme(app)
    # Before any widget: every tr() then answers in the chosen language from the start.
    from b24admin.gui.translators import setup_gui_language

    translators = setup_gui_language(app)

    from b24admin.gui.main_window import MainWindow

    window = MainWindow(defer_form=True)  # the window first, the form a frame later
    previous_hook = install_crash_handler(window, window.dialogs)
    window.show()
    if sandbox:
        QTimer.singleShot(0, window.connect_sandbox)
    marker = os.environ.get(STARTUP_MARKER_ENV)
    if marker and os.environ.get(STARTUP_MARKER_AT_ENV) == "form":
        window.formReady.connect(lambda: _announce_shown(app, marker))
    elif marker:
        QTimer.singleShot(0, lambda: _announce_shown(app, marker))
    try:
        return app.exec()
    finally:
        sys.excepthook = previous_hook
        window.runner.wait_for_done()
        for translator in translators:  # a second run_gui in the process installs its own
            app.removeTranslator(translator)


def configure_application(app: QApplication) -> None:
    """Name the app, its version and icon, and the desktop entry it belongs to (by its id: on
    Wayland the compositor finds the window's menu entry and icon through it)."""
    app.setApplicationName("b24admin")
    app.setApplicationDisplayName("b24admin")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(app_icon())


def _announce_shown(app: QApplication, marker: str) -> None:
    print(marker, flush=True)
    app.quit()


# --- light and dark ---------------------------------------------------------------------------


def follow_color_scheme(app: QApplication) -> None:
    """Follow the system's light or dark scheme.

    Qt 6 already does when the platform theme supplies a palette (GNOME, KDE, macOS, Windows).
    Without one (a bare X session, a tiling window manager) Qt falls back to the light
    "Windows" style; Fusion looks right everywhere and has a proper dark palette. When the
    scheme says dark but the palette stayed light, apply Fusion's dark palette ourselves.
    """
    if app.style().name().lower() == "windows":
        app.setStyle("Fusion")
    hints = QGuiApplication.styleHints()
    if not hasattr(hints, "colorScheme"):  # Qt < 6.5: nothing to follow
        return

    def apply(_scheme: object = None) -> None:
        dark = hints.colorScheme() == Qt.ColorScheme.Dark
        palette = palette_for_scheme(dark, app.palette(), app.style().standardPalette())
        if palette is not None:
            app.setPalette(palette)

    apply()
    hints.colorSchemeChanged.connect(apply)


def palette_for_scheme(dark: bool, current: QPalette, standard: QPalette) -> QPalette | None:
    """The palette to switch to so the window matches the scheme, or None if it already does.

    ``standard`` is the style's own (light) palette, used when the scheme turns light again.
    """
    window_is_dark = is_dark(current)
    if dark and not window_is_dark:
        return dark_palette()
    if not dark and window_is_dark:
        return standard
    return None


# --- crashes ----------------------------------------------------------------------------------


def install_crash_handler(window: QWidget, dialogs: Dialogs) -> ExceptHook:
    """Route uncaught exceptions in the GUI thread to the error dialog; returns the old hook.

    The traceback still goes to stderr. A B24Error that escaped a slot is shown as itself;
    anything else as "something unexpected" with the traceback in the copyable details.
    """
    previous = sys.excepthook
    showing = False

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        nonlocal showing
        traceback.print_exception(exc_type, exc, tb, file=sys.stderr)
        app = QCoreApplication.instance()
        in_gui_thread = app is not None and QThread.currentThread() is app.thread()
        if not in_gui_thread or showing or not isinstance(exc, Exception):
            return
        showing = True  # a failure while showing the dialog must not recurse
        try:
            error = exc if isinstance(exc, B24Error) else B24Error.unexpected(exc)
            dialogs.error(window, error)
        finally:
            showing = False

    sys.excepthook = hook
    return previous
