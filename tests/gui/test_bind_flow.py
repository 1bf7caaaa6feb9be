"""The bind flow end to end: fill the form, Bind, and what the sandbox portal received."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from b24admin.core.profiles import Profile
from b24admin.gui.bind_flow import BindOutcome
from b24admin.gui.dialogs import RecordingDialogs
from b24admin.gui.main_window import MainWindow
from b24admin.sandbox import SandboxApp, SandboxPortal
from tests.gui.form_filling import HANDLER, bind, child, fill_full_sidebar, fill_minimal_sidebar


def _bind_calls(sandbox: SandboxPortal) -> list[dict[str, object]]:
    return [call.params for call in sandbox.received if call.method == "placement.bind"]


def _reported(window: MainWindow, dialogs: RecordingDialogs) -> str:
    """What the window said about the bind: in the status bar, with no message box."""
    assert not dialogs.of_type(QMessageBox)
    notice = child(window, QWidget, "outcomeNotice")
    assert notice.isVisible()
    return child(notice, QLabel, "outcomeText").text()


def test_im_sidebar_with_languages_and_all_options_reaches_the_portal_as_entered(
    sandbox_window: MainWindow, sandbox: SandboxPortal, dialogs: RecordingDialogs, qtbot: QtBot
) -> None:
    fill_full_sidebar(sandbox_window.form, qtbot)
    outcome = bind(sandbox_window, qtbot)

    assert isinstance(outcome, BindOutcome), outcome
    assert _bind_calls(sandbox) == [
        {
            "PLACEMENT": "IM_SIDEBAR",
            "HANDLER": HANDLER,
            "TITLE": "Helper",
            "LANG_ALL": {
                "en": {"TITLE": "Helper", "DESCRIPTION": "Opens the helper"},
                "de": {"TITLE": "Helfer"},
            },
            "OPTIONS": {
                "iconName": "fa-rocket",
                "extranet": "Y",
                "context": "USER;CHAT",
                "role": "ADMIN",
                "color": "AQUA",
            },
        }
    ]
    text = _reported(sandbox_window, dialogs)
    assert text == f"Registered the IM_SIDEBAR widget ({HANDLER})."


def test_the_bound_widget_is_what_placement_get_reports(
    sandbox_window: MainWindow, sandbox: SandboxPortal, sandbox_app: SandboxApp, qtbot: QtBot
) -> None:
    fill_full_sidebar(sandbox_window.form, qtbot)
    bind(sandbox_window, qtbot)
    [binding] = sandbox.bindings(sandbox_app.client_id)
    assert binding["placement"] == "IM_SIDEBAR"
    assert binding["handler"] == HANDLER
    assert binding["options"]["color"] == "AQUA"
    assert set(binding["langAll"]) == {"en", "de"}


def test_bind_to_an_app_not_yet_installed_reminds_that_the_widget_stays_invisible(
    sandbox_window: MainWindow,
    sandbox: SandboxPortal,
    sandbox_app: SandboxApp,
    dialogs: RecordingDialogs,
    qtbot: QtBot,
) -> None:
    sandbox.set_installed(sandbox_app.client_id, False)
    fill_minimal_sidebar(sandbox_window.form)
    outcome = bind(sandbox_window, qtbot)
    assert isinstance(outcome, BindOutcome) and outcome.installed is False
    text = _reported(sandbox_window, dialogs)
    assert "not installed" in text and "invisible" in text


def test_bind_button_shows_progress_and_is_released_after(
    sandbox_window: MainWindow, qtbot: QtBot
) -> None:
    fill_minimal_sidebar(sandbox_window.form)
    button = child(sandbox_window.form, QPushButton, "bindButton")
    qtbot.waitUntil(button.isEnabled)
    with qtbot.waitSignal(sandbox_window.bindFinished, timeout=20_000):
        button.click()
        assert not button.isEnabled() and button.text() != "Bind"
        button.click()  # a second press while busy does nothing
    assert button.isEnabled()


def test_bind_sends_exactly_one_call_even_when_pressed_twice(
    sandbox_window: MainWindow, sandbox: SandboxPortal, qtbot: QtBot
) -> None:
    fill_minimal_sidebar(sandbox_window.form)
    sandbox_window.form.bindRequested.emit(sandbox_window.form.request())  # a racing second path
    with qtbot.waitSignal(sandbox_window.bindFinished, timeout=20_000):
        sandbox_window.form.bindRequested.emit(sandbox_window.form.request())
    assert len(_bind_calls(sandbox)) == 1


def test_form_keeps_the_request_after_a_successful_bind(
    sandbox_window: MainWindow, sandbox_profile: Profile, qtbot: QtBot
) -> None:
    fill_full_sidebar(sandbox_window.form, qtbot)
    before = sandbox_window.form.request()
    bind(sandbox_window, qtbot)
    assert sandbox_window.form.request() == before
