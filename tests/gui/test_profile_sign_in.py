"""Getting tokens in the profile dialog against the sandbox: the browser sign-in end to end
(the "browser" GETs the authorize URL and follows the sandbox's 302 to the loopback catcher),
a forged state, the pasted redirect URL, cancelling, and closing the dialog mid-sign-in."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from b24admin.core.connection import open_client
from b24admin.gui.error_dialog import ErrorDialog
from b24admin.gui.profile.token_tabs import PASTE_REDIRECT_TAB
from tests.gui.profile_dialog_support import Browser, DialogEnv, button, dialog_env, edit


@pytest.fixture
def env(qtbot: QtBot, config_dir: Path) -> Iterator[DialogEnv]:
    yield from dialog_env(qtbot, config_dir)


def test_sign_in_with_the_browser_exchanges_the_code_and_save_stores_the_tokens(
    env: DialogEnv,
) -> None:
    dialog = env.open()
    env.fill_oauth(dialog)
    browser = Browser(env, dialog)
    sign_in = dialog.oauth_panel.sign_in
    sign_in.open_browser, sign_in.port = browser, 0
    assert not dialog.save_button.isEnabled()  # no tokens yet

    with env.qtbot.waitSignal(sign_in.tokensReceived, timeout=10_000):
        button(dialog, "signInButton").click()
    browser.join()

    assert browser.urls and browser.urls[0].startswith(f"{env.portal.base_url}/oauth/authorize/?")
    redirect = dialog.oauth_panel.redirect_url_label.text()
    assert redirect.startswith("http://127.0.0.1:") and redirect.endswith("/b24admin/oauth")
    status = dialog.findChild(QLabel, "signInStatusLabel")
    assert status is not None and "tokens received" in status.text()
    assert [c.method for c in env.portal.received] == []  # only the OAuth server was asked
    with env.qtbot.waitSignal(dialog.profileSaved, timeout=10_000) as saved:
        dialog.save_button.click()
    with open_client(saved.args[0], env.service) as client:
        assert client.app_info()["INSTALLED"] is True


def test_sign_in_rejects_a_redirect_with_a_forged_state(env: DialogEnv) -> None:
    dialog = env.open()
    env.fill_oauth(dialog)
    browser = Browser(env, dialog)
    browser.tamper_state = True
    sign_in = dialog.oauth_panel.sign_in
    sign_in.open_browser, sign_in.port = browser, 0

    with env.qtbot.waitSignal(sign_in.failed, timeout=10_000) as failed:
        button(dialog, "signInButton").click()
    browser.join()

    assert failed.args[0].code == "OAUTH_STATE_MISMATCH"
    shown = env.dialogs.of_type(ErrorDialog)
    assert len(shown) == 1 and isinstance(shown[0], ErrorDialog)
    assert shown[0].error.code == "OAUTH_STATE_MISMATCH"
    assert edit(dialog, "accessTokenEdit").text() == ""
    assert not dialog.save_button.isEnabled()


def test_pasted_redirect_url_is_checked_and_exchanged(env: DialogEnv) -> None:
    env.portal.set_redirect_uri(env.app.client_id, "https://app.example.com/installed")
    dialog = env.open()
    env.fill_oauth(dialog)
    opened: list[str] = []

    def browser(url: str) -> bool:
        opened.append(url)
        return True

    dialog.oauth_panel.sign_in.open_browser = browser
    dialog.oauth_panel.tabs.setCurrentIndex(PASTE_REDIRECT_TAB)
    button(dialog, "openSignInPageButton").click()
    # The administrator signs in; the browser lands on the app's page with code and state.
    answer = requests.get(opened[0], allow_redirects=False, timeout=10)
    assert answer.status_code == 302
    edit(dialog, "pasteRedirectEdit").setText(answer.headers["Location"])

    with env.qtbot.waitSignal(dialog.oauth_panel.sign_in.tokensReceived, timeout=10_000):
        button(dialog, "exchangeButton").click()
    assert edit(dialog, "accessTokenEdit").text() and edit(dialog, "refreshTokenEdit").text()
    assert dialog.save_button.isEnabled()


def test_cancel_sign_in_stops_waiting_without_an_error_dialog(env: DialogEnv) -> None:
    dialog = env.open()
    env.fill_oauth(dialog)
    sign_in = dialog.oauth_panel.sign_in
    sign_in.open_browser, sign_in.port = (lambda url: True), 0
    cancel = button(dialog, "cancelSignInButton")
    with env.qtbot.waitSignal(sign_in.browserOpened, timeout=10_000):
        button(dialog, "signInButton").click()
    assert cancel.isEnabled() and not button(dialog, "signInButton").isEnabled()
    with env.qtbot.waitSignal(sign_in.failed, timeout=10_000) as failed:
        cancel.click()
    assert failed.args[0].code == "SIGN_IN_CANCELLED"
    assert env.dialogs.of_type(ErrorDialog) == []
    assert button(dialog, "signInButton").isEnabled()


def test_closing_the_dialog_stops_a_waiting_sign_in(env: DialogEnv) -> None:
    dialog = env.open()
    env.fill_oauth(dialog)
    sign_in = dialog.oauth_panel.sign_in
    sign_in.open_browser, sign_in.port = (lambda url: True), 0
    with env.qtbot.waitSignal(sign_in.browserOpened, timeout=10_000):
        button(dialog, "signInButton").click()
    assert env.runner.busy  # the worker waits for the browser's redirect

    with env.qtbot.waitSignal(
        env.runner.busyChanged, timeout=10_000, check_params_cb=lambda b: not b
    ):
        dialog.reject()
    assert env.dialogs.of_type(ErrorDialog) == []
