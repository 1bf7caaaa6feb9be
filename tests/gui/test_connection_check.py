"""“Test connection” against the sandbox portal: the report dialog, and failures in the seam."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

from b24admin.core.errors import ErrorKind
from b24admin.core.profile_service import ProfileService
from b24admin.core.profiles import AuthKind, Profile, ProfileStore
from b24admin.core.secrets import SecretKind, SessionSecretStore
from b24admin.gui.connection_check import ConnectionReportDialog, run_connection_check
from b24admin.gui.dialogs import RecordingDialogs
from b24admin.gui.error_dialog import ErrorDialog
from b24admin.gui.portal_clients import open_portal_client
from b24admin.gui.workers import JobRunner
from b24admin.sandbox import Fault, SandboxPortal


@pytest.fixture
def portal() -> Iterator[SandboxPortal]:
    with SandboxPortal() as sandbox:
        yield sandbox


@pytest.fixture
def service(config_dir: Path) -> ProfileService:
    return ProfileService(ProfileStore(config_dir), SessionSecretStore(), SessionSecretStore())


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[JobRunner]:
    jobs = JobRunner()
    yield jobs
    assert jobs.wait_for_done(10_000), "a job outlived its test"


@pytest.fixture
def window(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.fixture
def dialogs() -> RecordingDialogs:
    return RecordingDialogs()


def oauth_profile(portal: SandboxPortal, service: ProfileService) -> Profile:
    app = portal.register_app()
    tokens = portal.issue_tokens(app.client_id)
    profile = Profile(
        "work", AuthKind.OAUTH, portal.base_url, app.client_id, portal.oauth_server_url
    )
    service.save(
        profile,
        {
            SecretKind.CLIENT_SECRET: app.client_secret,
            SecretKind.ACCESS_TOKEN: tokens.access_token,
            SecretKind.REFRESH_TOKEN: tokens.refresh_token,
        },
    )
    return profile


def check(
    qtbot: QtBot,
    window: QWidget,
    runner: JobRunner,
    service: ProfileService,
    profile: Profile,
    dialogs: RecordingDialogs,
) -> list[str]:
    """Run the check; return what the finished callback saw (one entry per call)."""
    finished: list[str] = []
    run_connection_check(
        window,
        runner,
        open_portal_client,
        service,
        profile,
        dialogs,
        lambda: finished.append("done"),
    )
    qtbot.waitUntil(lambda: bool(finished), timeout=10_000)
    return finished


def report_dialog(window: QWidget) -> ConnectionReportDialog:
    dialog = window.findChild(QDialog, "connectionReport")
    assert isinstance(dialog, ConnectionReportDialog)
    return dialog


def test_report_shows_installed_admin_and_placement_scope(
    qtbot: QtBot,
    window: QWidget,
    runner: JobRunner,
    service: ProfileService,
    dialogs: RecordingDialogs,
    portal: SandboxPortal,
) -> None:
    profile = oauth_profile(portal, service)
    assert check(qtbot, window, runner, service, profile, dialogs) == ["done"]

    dialog = report_dialog(window)
    assert dialog.isVisible() and not dialog.isModal()
    assert dialog.windowTitle() == "Connection: work"
    texts = [label.text() for label in dialog.line_labels]
    assert texts[:3] == [
        "The application is installed (version 1).",
        "You are a portal administrator.",
        "The “placement” scope is granted.",
    ]
    assert any(text.startswith("Granted scopes: ") and "crm" in text for text in texts)
    assert dialog.text().splitlines()[0] == "✓ The application is installed (version 1)."
    assert [c.method for c in portal.received] == ["app.info", "user.admin", "scope"]
    assert dialogs.shown == []


def test_uninstalled_app_report_says_widgets_stay_invisible(
    qtbot: QtBot,
    window: QWidget,
    runner: JobRunner,
    service: ProfileService,
    dialogs: RecordingDialogs,
    portal: SandboxPortal,
) -> None:
    profile = oauth_profile(portal, service)
    portal.set_installed(profile.client_id, False)
    check(qtbot, window, runner, service, profile, dialogs)

    first = report_dialog(window).text().splitlines()[0]
    assert first.startswith("✗ The application is not installed yet")
    assert "widgets you register stay invisible" in first


def test_webhook_report_says_it_cannot_register_widgets(
    qtbot: QtBot,
    window: QWidget,
    runner: JobRunner,
    service: ProfileService,
    dialogs: RecordingDialogs,
    portal: SandboxPortal,
) -> None:
    profile = Profile("hook", AuthKind.WEBHOOK, portal.base_url)
    service.save(profile, {SecretKind.WEBHOOK_URL: portal.add_webhook()})
    check(qtbot, window, runner, service, profile, dialogs)

    text = report_dialog(window).text()
    assert text.startswith("✗ This profile is an incoming webhook")
    assert "does not let webhooks register widgets" in text
    assert "• Granted scopes: " in text


def test_a_failed_check_goes_to_the_error_dialog(
    qtbot: QtBot,
    window: QWidget,
    runner: JobRunner,
    service: ProfileService,
    dialogs: RecordingDialogs,
    portal: SandboxPortal,
) -> None:
    profile = oauth_profile(portal, service)
    portal.inject(Fault.html_502(), method="app.info")
    assert check(qtbot, window, runner, service, profile, dialogs) == ["done"]

    errors = dialogs.of_type(ErrorDialog)
    assert len(errors) == 1 and isinstance(errors[0], ErrorDialog)
    assert (errors[0].error.kind, errors[0].error.http_status) == (ErrorKind.PROTOCOL, 502)
    assert window.findChild(QDialog, "connectionReport") is None


def test_a_new_check_replaces_the_previous_report(
    qtbot: QtBot,
    window: QWidget,
    runner: JobRunner,
    service: ProfileService,
    dialogs: RecordingDialogs,
    portal: SandboxPortal,
) -> None:
    profile = oauth_profile(portal, service)
    check(qtbot, window, runner, service, profile, dialogs)
    first = report_dialog(window)
    portal.set_installed(profile.client_id, False)
    check(qtbot, window, runner, service, profile, dialogs)

    visible = [d for d in window.findChildren(ConnectionReportDialog) if d.isVisible()]
    assert len(visible) == 1 and visible[0] is not first
    assert visible[0].text().startswith("✗ The application is not installed yet")
