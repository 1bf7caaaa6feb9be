"""Whatever goes wrong during a bind, the error dialog explains it and the form keeps everything.

Each failure is real: the sandbox portal answers with the error (or a delay, or an HTML page),
or the keyring library's own "no keyring" backend refuses to hand out the secrets.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QPushButton
from pytestqt.qtbot import QtBot

from b24admin.core.errors import B24Error, ErrorKind
from b24admin.core.profile_service import ProfileService
from b24admin.core.profiles import AuthKind, Profile, ProfileStore
from b24admin.core.secrets import SecretKind, SessionSecretStore
from b24admin.gui.dialogs import RecordingDialogs
from b24admin.gui.error_dialog import ErrorDialog
from b24admin.gui.main_window import MainWindow
from b24admin.gui.profile.profile_dialog import ProfileDialog
from b24admin.sandbox import Fault, SandboxPortal
from tests.gui.conftest import NoKeyringStore, WindowFactory, fast_client_factory
from tests.gui.form_filling import bind, child, fill_full_sidebar, fill_minimal_sidebar


def _label(dialog: ErrorDialog, name: str) -> str:
    return child(dialog, QLabel, name).text()


def bind_expecting_error(
    window: MainWindow, qtbot: QtBot, dialogs: RecordingDialogs, code: str
) -> tuple[B24Error, ErrorDialog]:
    """Bind; check the error dialog shows the code and the explanation and the form is intact."""
    before = window.form.request()
    outcome = bind(window, qtbot)
    assert isinstance(outcome, B24Error), outcome
    assert outcome.code == code
    [dialog] = dialogs.of_type(ErrorDialog)
    assert isinstance(dialog, ErrorDialog)
    assert dialog.objectName() == "errorDialog" and dialog.isVisible()
    assert _label(dialog, "errorCode") == code
    assert _label(dialog, "errorSummary") == outcome.summary != ""
    assert _label(dialog, "errorAdvice") == outcome.advice != ""
    details = child(dialog, QPlainTextEdit, "errorDetails").toPlainText()
    assert details == outcome.details().replace("\r\n", "\n") == dialog.details_text
    assert window.form.request() == before
    assert window.form.findChild(QPushButton, "bindButton").isEnabled()  # type: ignore[union-attr]
    return outcome, dialog


def test_webhook_profile_bind_shows_wrong_auth_type_and_offers_the_profile_dialog(
    make_window: WindowFactory,
    service: ProfileService,
    sandbox: SandboxPortal,
    dialogs: RecordingDialogs,
    qtbot: QtBot,
) -> None:
    webhook = Profile(name="Webhook", auth=AuthKind.WEBHOOK, portal_url=sandbox.base_url)
    service.save(webhook, {SecretKind.WEBHOOK_URL: sandbox.add_webhook()})
    window = make_window()
    fill_full_sidebar(window.form, qtbot)

    error, dialog = bind_expecting_error(window, qtbot, dialogs, "WRONG_AUTH_TYPE")
    assert error.http_status == 403
    assert _label(dialog, "errorHttpStatus") == "403"
    advice = _label(dialog, "errorAdvice")
    assert "webhook" in advice.lower() and "local application" in advice.lower()

    child(dialog, QPushButton, "openProfileDialogButton").click()
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(ProfileDialog)))


def test_portal_error_argument_shows_the_code_and_what_to_do(
    sandbox_window: MainWindow, sandbox: SandboxPortal, dialogs: RecordingDialogs, qtbot: QtBot
) -> None:
    sandbox.inject(
        Fault.error("ERROR_ARGUMENT", "Argument 'iconName' is null or empty"),
        method="placement.bind",
    )
    fill_full_sidebar(sandbox_window.form, qtbot)
    error, dialog = bind_expecting_error(sandbox_window, qtbot, dialogs, "ERROR_ARGUMENT")
    assert _label(dialog, "errorServerDescription") == "Argument 'iconName' is null or empty"
    assert _label(dialog, "errorHttpStatus") == "400"


def test_a_handler_bound_meanwhile_explains_the_duplicate_and_offers_to_replace(
    sandbox_window: MainWindow, sandbox: SandboxPortal, dialogs: RecordingDialogs, qtbot: QtBot
) -> None:
    # Binding the same form twice is "nothing to change" now (placement.get decides first);
    # the portal says "already binded" only when another tool bound it in between.
    sandbox.inject(
        Fault.error("ERROR_CORE", "Handler already binded", status=400), method="placement.bind"
    )
    fill_full_sidebar(sandbox_window.form, qtbot)
    error, dialog = bind_expecting_error(sandbox_window, qtbot, dialogs, "ERROR_CORE")
    assert "already binded" in error.description
    assert "unbind" in _label(dialog, "errorAdvice")
    assert dialog.findChild(QPushButton, "errorActionButton") is not None


def test_rate_limit_after_the_retries_says_nothing_was_changed(
    make_window: WindowFactory,
    sandbox_profile: Profile,
    sandbox: SandboxPortal,
    dialogs: RecordingDialogs,
    qtbot: QtBot,
) -> None:
    window = make_window(client_factory=fast_client_factory(attempts=3))
    sandbox.inject(
        Fault.error("QUERY_LIMIT_EXCEEDED", status=503), method="placement.bind", times=5
    )
    fill_minimal_sidebar(window.form)
    error, dialog = bind_expecting_error(window, qtbot, dialogs, "QUERY_LIMIT_EXCEEDED")
    assert [c.method for c in sandbox.received].count("placement.bind") == 3  # all attempts
    assert _label(dialog, "errorHttpStatus") == "503"
    assert "nothing was changed" in _label(dialog, "errorAdvice")


def test_html_502_from_a_proxy_is_explained_as_a_web_page(
    sandbox_window: MainWindow, sandbox: SandboxPortal, dialogs: RecordingDialogs, qtbot: QtBot
) -> None:
    sandbox.inject(Fault.html_502(), method="placement.bind")
    fill_minimal_sidebar(sandbox_window.form)
    error, dialog = bind_expecting_error(sandbox_window, qtbot, dialogs, "HTML_RESPONSE")
    assert error.kind is ErrorKind.PROTOCOL
    assert _label(dialog, "errorHttpStatus") == "502"
    assert "502 Bad Gateway" in child(dialog, QPlainTextEdit, "errorDetails").toPlainText()


def test_timeout_says_the_bind_may_have_happened_anyway(
    make_window: WindowFactory,
    sandbox_profile: Profile,
    sandbox: SandboxPortal,
    dialogs: RecordingDialogs,
    qtbot: QtBot,
) -> None:
    window = make_window(client_factory=fast_client_factory(deadline=0.3))
    sandbox.inject(Fault.delay(5.0), method="placement.bind")
    fill_minimal_sidebar(window.form)
    error, dialog = bind_expecting_error(window, qtbot, dialogs, "TIMEOUT")
    assert error.kind is ErrorKind.TIMEOUT
    assert "before retrying" in _label(dialog, "errorAdvice")


def test_keyring_failure_gets_the_same_dialog(
    make_window: WindowFactory,
    config_dir: Path,
    sandbox: SandboxPortal,
    dialogs: RecordingDialogs,
    qtbot: QtBot,
) -> None:
    store = ProfileStore(config_dir)
    store.save_profile(
        Profile(
            name="Office",
            auth=AuthKind.OAUTH,
            portal_url=sandbox.base_url,
            client_id="local.sandbox00000000.00000000",
        )
    )
    service = ProfileService(store, NoKeyringStore(), SessionSecretStore())
    window = make_window(service=service)
    fill_minimal_sidebar(window.form)
    error, dialog = bind_expecting_error(window, qtbot, dialogs, "KEYRING_UNAVAILABLE")
    assert error.kind is ErrorKind.KEYRING
    assert "session" in _label(dialog, "errorAdvice")
    assert sandbox.received == []  # nothing was sent without credentials


@pytest.mark.parametrize("details_open", [False, True])
def test_copy_details_from_a_real_failure_has_no_token(
    sandbox_window: MainWindow,
    sandbox: SandboxPortal,
    service: ProfileService,
    sandbox_profile: Profile,
    dialogs: RecordingDialogs,
    qtbot: QtBot,
    details_open: bool,
) -> None:
    from PySide6.QtGui import QGuiApplication

    sandbox.inject(Fault.error("ERROR_ARGUMENT", "bad"), method="placement.bind")
    fill_minimal_sidebar(sandbox_window.form)
    _, dialog = bind_expecting_error(sandbox_window, qtbot, dialogs, "ERROR_ARGUMENT")
    if details_open:
        dialog.details_toggle.click()
    child(dialog, QPushButton, "copyDetailsButton").click()
    copied = QGuiApplication.clipboard().text()
    token = service.session_secrets.get(sandbox_profile.name, SecretKind.ACCESS_TOKEN)
    assert token and token not in copied
    assert "ERROR_ARGUMENT" in copied
