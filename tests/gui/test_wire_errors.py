"""The window when the wire misbehaves: a portal that trickles its answer past the deadline,
a redirect, an answer of the wrong shape. The error dialog says what happened; the form stays."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from b24admin.core.errors import ErrorKind
from b24admin.core.profile_service import ProfileService
from b24admin.core.profiles import Profile
from b24admin.gui.dialogs import RecordingDialogs
from b24admin.sandbox import Fault, SandboxPortal
from tests.gui.conftest import WindowFactory
from tests.gui.form_filling import child, fill_minimal_sidebar
from tests.gui.test_error_dialog import bind_expecting_error


def _configured_clients(profile: Profile, service: ProfileService) -> Any:
    """The window's clients as the app makes them: limits from the environment."""
    from b24admin.core.client import RetryPolicy
    from b24admin.core.connection import open_client

    return open_client(profile, service, retry=RetryPolicy(attempts=1))


def test_a_trickling_answer_ends_at_the_deadline_in_a_dialog_and_the_form_stays(
    make_window: WindowFactory,
    sandbox_profile: Profile,
    sandbox: SandboxPortal,
    dialogs: RecordingDialogs,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("B24ADMIN_TIMEOUT", "0.3")
    window = make_window(client_factory=_configured_clients)
    sandbox.inject(Fault.trickle(0.05), method="placement.bind")
    fill_minimal_sidebar(window.form)

    error, dialog = bind_expecting_error(window, qtbot, dialogs, "TIMEOUT")

    assert error.kind is ErrorKind.TIMEOUT
    summary = child(dialog, QLabel, "errorSummary").text()
    assert summary.startswith("The portal did not finish answering within 0.3 s")
    assert "may or may not have been made" in summary


def test_a_redirect_is_named_in_the_dialog(
    sandbox_window: Any, sandbox: SandboxPortal, dialogs: RecordingDialogs, qtbot: QtBot
) -> None:
    sandbox.inject(Fault.redirect("https://moved.bitrix24.com/"), method="placement.bind")
    fill_minimal_sidebar(sandbox_window.form)

    error, dialog = bind_expecting_error(sandbox_window, qtbot, dialogs, "REDIRECT")

    assert "https://moved.bitrix24.com/" in child(dialog, QLabel, "errorSummary").text()
    assert "portal moved" in child(dialog, QLabel, "errorAdvice").text()
