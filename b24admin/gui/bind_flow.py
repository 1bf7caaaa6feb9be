"""Bind: decide from the portal whether the form creates a widget or changes one, then run
placement.bind in a worker and say how it went.

Before anything is sent, placement.get shows what the portal has (the list may be stale or not
loaded yet): a widget with the form's placement and handler is changed, not bound twice (a
second bind of the same pair fails, api-reference/widgets/placement-bind.md). The decider (the
manage views) takes over those: it says "nothing to change" or shows what changes and asks.
A new widget is bound here. The form is busy meanwhile (the button shows progress and cannot be
pressed twice); the window keeps turning. Success is said in the window, not in a message box
(the manage views add "Show in list" and Undo), and reminds when the application is not
installed: its widgets stay invisible to everyone until the installation is finished
(settings/app-installation/installation-finish.md). Failure opens the error dialog; the form
keeps everything the user typed. When the portal says the handler is already bound (someone
bound it meanwhile), the dialog offers "Replace with this form", the safe edit.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMainWindow

from b24admin.core.bind_request import BindRequest
from b24admin.core.errors import B24Error
from b24admin.core.profiles import Profile
from b24admin.gui.bind_outcome import BindOutcome, describe_bound
from b24admin.gui.dialogs import Dialogs
from b24admin.gui.portal_clients import ClientFactory, open_portal_client
from b24admin.gui.workers import JobRunner

if TYPE_CHECKING:
    from b24admin.core.profile_service import ProfileService
    from b24admin.gui.form.bind_form import BindForm


class BindDecider(Protocol):
    """Decides, from what placement.get answered, whether a bind is a change (the manage
    views); BindFlow binds what it does not take over."""

    def decide(
        self,
        form: BindForm,
        profile: Profile,
        service: ProfileService,
        request: BindRequest,
        entries: list[Mapping[str, Any]],
    ) -> bool:
        """Take the bind over (an unchanged or an existing widget) and return True, or False."""
        ...

    def replace(
        self, form: BindForm, profile: Profile, service: ProfileService, request: BindRequest
    ) -> None:
        """Replace the widget the portal has under the request's placement and handler."""
        ...


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
        decider: BindDecider | None = None,
    ) -> None:
        """``decider`` sees what the portal has before every bind (without one, every bind is
        sent as is); ``client_factory`` None means the real client."""
        super().__init__(window)
        self._window = window
        self._form: BindForm | None = None
        self._runner = runner
        self._dialogs = dialogs
        self.client_factory: ClientFactory = client_factory or open_portal_client
        self._open_profile_dialog = open_profile_dialog
        self._decider = decider
        self.running = False

    def start(
        self, form: BindForm, profile: Profile, service: ProfileService, request: BindRequest
    ) -> None:
        """Queue the bind of ``request`` (from ``form``, which is busy meanwhile); ignored while
        one runs (the form's button is disabled anyway)."""
        if self.running:
            return
        self.running = True
        self._form = form
        form.set_busy(True)
        decider = self._decider
        if decider is None:
            self._bind(profile, service, request)
            return
        self._window.statusBar().showMessage(
            self.tr("Reading the widgets of {portal} (placement.get)…").format(
                portal=profile.portal_url
            )
        )
        factory = self.client_factory

        def look() -> list[Mapping[str, Any]]:
            with factory(profile, service) as client:
                return list(client.get_bindings())

        def looked(entries: list[Mapping[str, Any]]) -> None:
            if decider.decide(form, profile, service, request, entries):
                self._done()  # the decider runs (or declined) the change itself
            else:
                self._bind(profile, service, request)

        self._runner.submit(look, on_success=looked, on_failure=self._failed_look)

    def _bind(self, profile: Profile, service: ProfileService, request: BindRequest) -> None:
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
            bind,
            on_success=self._succeeded,
            on_failure=lambda error: self._failed(error, profile, service, request),
            on_finished=self._done,
        )

    def _failed_look(self, error: B24Error) -> None:
        """placement.get failed: nothing was sent."""
        self._done()
        self._report_failure(error)

    def _done(self) -> None:
        """Release the form (also runs after the outcome handlers, in case one of them fails)."""
        self.running = False
        if self._form is not None:
            self._form.set_busy(False)

    def _succeeded(self, outcome: object) -> None:
        assert isinstance(outcome, BindOutcome)
        self._done()  # release the form before anyone hears the outcome
        self._window.statusBar().showMessage(describe_bound(outcome))
        self.finished.emit(outcome)

    def _failed(
        self, error: B24Error, profile: Profile, service: ProfileService, request: BindRequest
    ) -> None:
        self._done()
        from b24admin.core.error_catalogue import is_duplicate_handler

        decider, form = self._decider, self._form
        if form is not None:  # ERROR_PLACEMENT_NOT_FOUND names the scope when it can tell
            error = form.explain_failure(error, request)
        if decider is not None and form is not None and is_duplicate_handler(error):
            self._window.statusBar().showMessage(
                self.tr("Not registered: {0}").format(error.summary), 15000
            )
            self._dialogs.error(
                self._window,
                error,
                action=(
                    self.tr("Replace with this form"),
                    lambda: decider.replace(form, profile, service, request),
                ),
            )
            self.finished.emit(error)
            return
        self._report_failure(error)

    def _report_failure(self, error: B24Error) -> None:
        self._window.statusBar().showMessage(
            self.tr("Not registered: {0}").format(error.summary), 15000
        )
        # The error dialog offers the profile dialog only for WRONG_AUTH_TYPE (a webhook profile).
        self._dialogs.error(
            self._window, error, on_open_profile=lambda: self._open_profile_dialog(None)
        )
        self.finished.emit(error)


__all__ = ["BindDecider", "BindFlow", "BindOutcome", "describe_bound"]
