"""ManageServices: everything the manage views use of the window that hosts them.

The views (the Installed widgets and Activity docks, safe edits, widget actions, sync) get this
small object instead of the main window, so they import nothing from ``main_window`` and a test
can host them in a bare QMainWindow. The main window builds it (``MainWindow.manage_services``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QMainWindow

if TYPE_CHECKING:
    from b24admin.core.catalogue import Catalogue
    from b24admin.core.profile_service import ProfileService
    from b24admin.core.profiles import Profile
    from b24admin.gui.dialogs import Dialogs
    from b24admin.gui.form.bind_form import BindForm
    from b24admin.gui.portal_clients import ClientFactory
    from b24admin.gui.workers import JobRunner


@dataclass(frozen=True)
class ManageServices:
    """What the manage views need, and nothing more.

    ``host`` carries the docks, the View menu and the status messages, and parents the dialogs.
    ``catalogue`` and ``form`` are getters because the window builds both on first use.
    ``profile_changed`` are the signals after which the current profile may be another one;
    ``bind_finished`` carries a BindOutcome or the B24Error of every plain bind.
    """

    host: QMainWindow
    runner: JobRunner
    dialogs: Dialogs
    service: ProfileService
    client_factory: ClientFactory
    current_profile: Callable[[], Profile | None]
    catalogue: Callable[[], Catalogue]
    form: Callable[[], BindForm]
    profile_changed: tuple[SignalInstance, ...]
    bind_finished: SignalInstance

    def show_status(self, text: str, timeout_ms: int = 0) -> None:
        """Say ``text`` in the host's status bar (for ``timeout_ms``; 0 until replaced)."""
        self.host.statusBar().showMessage(text, timeout_ms)
