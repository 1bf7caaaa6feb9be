""" "Copy as curl with secrets": the one place the real token or webhook URL reaches the clipboard.

The form only asks (after its own confirmation); the secrets are read in a worker (the keyring
may block) through the window's client factory, so the command carries exactly the credentials a
bind would use; it is built and copied in the GUI thread, and nothing of it is logged or kept.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow

from b24admin.core.bind_request import BindRequest
from b24admin.core.credentials import OAuthCredentials
from b24admin.core.errors import B24Error
from b24admin.core.profiles import Profile
from b24admin.gui.dialogs import Dialogs
from b24admin.gui.form.preview import bind_endpoint, curl_command, request_body
from b24admin.gui.workers import JobRunner

if TYPE_CHECKING:
    from b24admin.core.profile_service import ProfileService
    from b24admin.gui.portal_clients import ClientFactory


def curl_with_secrets(
    client_factory: ClientFactory, profile: Profile, service: ProfileService, request: BindRequest
) -> str:
    """The curl command with the real access token or webhook URL (call from a worker; nothing
    is sent: the client only hands over its credentials)."""
    with client_factory(profile, service) as client:
        credentials = client.credentials
    if isinstance(credentials, OAuthCredentials):
        url = bind_endpoint(credentials.portal_url, "oauth")
        return curl_command(url, request_body(request, "oauth", token=credentials.access_token))
    url = bind_endpoint(credentials.webhook_url, "webhook")
    return curl_command(url, request_body(request, "webhook"))


def copy_curl_with_secrets(
    window: QMainWindow,
    runner: JobRunner,
    dialogs: Dialogs,
    client_factory: ClientFactory,
    service: ProfileService,
    profile: Profile,
    request: BindRequest,
) -> None:
    """Read the secrets in a worker, then put the command on the clipboard and say so."""

    def copied(command: object) -> None:
        QGuiApplication.clipboard().setText(str(command))
        window.statusBar().showMessage(
            window.tr("curl command WITH secrets copied: paste it only where it stays private."),
            15000,
        )

    def failed(error: B24Error) -> None:
        dialogs.error(window, error)

    runner.submit(
        lambda: curl_with_secrets(client_factory, profile, service, request),
        on_success=copied,
        on_failure=failed,
    )
