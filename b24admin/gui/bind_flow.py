"""Bind: run placement.bind for the form's request in a worker, then say how it went.

The form is set busy while the call runs (the button shows progress and cannot be pressed
twice); the window keeps turning. Success gives a status-bar message and a confirmation that
also checks ``app.info``: a widget of an application whose installation is not finished stays
invisible to everyone (settings/app-installation/installation-finish.md). Failure
opens the error dialog; the form keeps everything the user typed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMainWindow

from b24admin.core.bind_request import BindRequest
from b24admin.core.errors import B24Error
from b24admin.core.profiles import Profile
from b24admin.gui.dialogs import Dialogs
from b24admin.gui.portal_clients import ClientFactory, open_portal_client
from b24admin.gui.workers import JobRunner

if TYPE_CHECKING:
    from b24admin.core.profile_service import ProfileService
    from b24admin.gui.form.bind_form import BindForm

#: Offered every bind first; returns True when it took the bind over (a safe edit, say).
BindInterceptor = Callable[["BindForm", Profile, "ProfileService", BindRequest], bool]


@dataclass(frozen=True)
class BindOutcome:
    """A successful bind. ``installed`` is None when app.info could not tell."""

    request: BindRequest
    profile_name: str
    installed: bool | None


def _installed(info: Any) -> bool | None:
    """app.info's INSTALLED as the connection check reads it; None when it does not say."""
    from b24admin.core.diagnostics import portal_flag  # runs in the worker, after the bind

    value = info.get("INSTALLED") if isinstance(info, Mapping) else getattr(info, "installed", None)
    return None if value is None else portal_flag(value)


class BindFlow(QObject):
    """Runs one bind at a time for the main window.

    Signals:
        finished(object): a BindOutcome on success, the B24Error on failure.
    """

    finished = Signal(object)

    def __init__(
        self,
        window: QMainWindow,
        runner: JobRunner,
        dialogs: Dialogs,
        client_factory: ClientFactory | None,
        open_profile_dialog: Callable[[Profile | None], object],
        interceptor: BindInterceptor | None = None,
    ) -> None:
        """``interceptor`` is offered every bind before it is sent (the manage views' safe
        edit); ``client_factory`` None means the real client."""
        super().__init__(window)
        self._window = window
        self._form: BindForm | None = None
        self._runner = runner
        self._dialogs = dialogs
        self.client_factory: ClientFactory = client_factory or open_portal_client
        self._open_profile_dialog = open_profile_dialog
        self._interceptor = interceptor
        self.running = False

    def start(
        self, form: BindForm, profile: Profile, service: ProfileService, request: BindRequest
    ) -> None:
        """Queue the bind of ``request`` (from ``form``, which is busy meanwhile); ignored while
        one runs (the form's button is disabled anyway)."""
        if self.running:
            return
        if self._interceptor is not None and self._interceptor(form, profile, service, request):
            return
        self.running = True
        self._form = form
        form.set_busy(True)
        self._window.statusBar().showMessage(
            self.tr("Registering {placement} on {portal}…").format(
                placement=request.placement.strip().upper(), portal=profile.portal_url
            )
        )
        factory = self.client_factory

        def bind() -> BindOutcome:
            with factory(profile, service) as client:
                client.bind(request)
                try:  # the bind worked; whether the widget shows depends on the installation
                    installed = _installed(client.app_info())
                except B24Error:
                    installed = None
            return BindOutcome(request, profile.name, installed)

        self._runner.submit(
            bind, on_success=self._succeeded, on_failure=self._failed, on_finished=self._done
        )

    def _done(self) -> None:
        """Release the form (also runs after the outcome handlers, in case one of them fails)."""
        self.running = False
        if self._form is not None:
            self._form.set_busy(False)

    def _succeeded(self, outcome: object) -> None:
        assert isinstance(outcome, BindOutcome)
        self._done()  # release the form before anyone hears the outcome
        placement = outcome.request.placement.strip().upper()
        handler = outcome.request.handler.strip()
        self._window.statusBar().showMessage(
            self.tr("Registered the {placement} widget ({handler}).").format(
                placement=placement, handler=handler
            ),
            15000,
        )
        text = self.tr(
            "The portal registered the {placement} widget with the handler\n{handler}"
        ).format(placement=placement, handler=handler)
        if outcome.installed is False:
            text += "\n\n" + self.tr(
                "The application is not installed yet: the widget stays invisible to everyone "
                "until its installation is finished (the install page must call "
                "BX24.installFinish())."
            )
        box = self._dialogs.info(self._window, self.tr("Widget registered"), text)
        box.setObjectName("bindSucceededDialog")
        self.finished.emit(outcome)

    def _failed(self, error: B24Error) -> None:
        self._done()
        self._window.statusBar().showMessage(
            self.tr("Not registered: {0}").format(error.summary), 15000
        )
        # The error dialog offers the profile dialog only for WRONG_AUTH_TYPE (a webhook profile).
        self._dialogs.error(
            self._window, error, on_open_profile=lambda: self._open_profile_dialog(None)
        )
        self.finished.emit(error)
