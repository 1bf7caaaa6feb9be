"""The form's Try button: the handler is tried in a worker as the selected profile's portal,
and the panel (handlerTryResult) says whether the widget would show and what to change."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from b24admin.gui.handler_try_panel import HandlerTryPanel
from b24admin.gui.main_window import MainWindow
from b24admin.sandbox import SandboxApp, SandboxPortal, TokenPair
from tests.gui.form_filling import child, choose_placement
from tests.gui.person import type_text
from tests.integration.handler_servers import Answer, HandlerServer


def try_in_window(window: MainWindow, qtbot: QtBot, url: str) -> HandlerTryPanel:
    form = window.form
    choose_placement(form, "TASK_VIEW_TAB")
    edit = child(form, QLineEdit, "handlerEdit")
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    type_text(qtbot, url)
    button = child(form, QPushButton, "tryHandlerButton")
    assert button.isEnabled()
    panel = child(form, HandlerTryPanel, "handlerTryResult")
    button.click()
    qtbot.waitUntil(lambda: panel.result is not None, timeout=10_000)
    return panel


def test_try_sends_the_profiles_portal_and_never_its_tokens(
    sandbox_window: MainWindow,
    sandbox: SandboxPortal,
    sandbox_app: SandboxApp,
    sandbox_tokens: TokenPair,
    qtbot: QtBot,
) -> None:
    with HandlerServer() as server:
        panel = try_in_window(sandbox_window, qtbot, server.url())
    (got,) = server.received
    assert got.form["PLACEMENT"] == "TASK_VIEW_TAB"
    assert got.query["DOMAIN"] == sandbox.base_url.split("://", 1)[1]
    seen = got.raw_body.decode() + str(got.query) + str(got.headers)
    for secret in (
        sandbox_tokens.access_token,
        sandbox_tokens.refresh_token,
        sandbox_app.client_secret,
    ):
        assert secret not in seen
    assert panel.isVisible()
    assert panel.headline.text() == "The widget would show."
    assert "Status 200 OK" in panel.summary.text()


def test_a_framing_header_is_named_with_the_header_to_send_instead(
    sandbox_window: MainWindow, qtbot: QtBot
) -> None:
    with HandlerServer({"/": Answer(headers=[("X-Frame-Options", "DENY")])}) as server:
        panel = try_in_window(sandbox_window, qtbot, server.url())
    assert panel.headline.text() == "The widget would NOT show."
    assert "X-Frame-Options: DENY" in panel.summary.text()
    assert "frame-ancestors" in panel.summary.text()
    assert "X-Frame-Options: DENY" in panel.headers_text.toPlainText()
    assert "<h1>Widget</h1>" in panel.body_text.toPlainText()  # the body as text, not rendered


def test_the_button_waits_for_an_address_and_a_bad_one_sends_nothing(
    sandbox_window: MainWindow, qtbot: QtBot
) -> None:
    form = sandbox_window.form
    button = child(form, QPushButton, "tryHandlerButton")
    edit = child(form, QLineEdit, "handlerEdit")
    edit.clear()
    assert not button.isEnabled()
    edit.setText("ftp://files.example.com/")
    button.click()
    panel = child(form, HandlerTryPanel, "handlerTryResult")
    qtbot.waitUntil(panel.isVisible)
    assert "not a web address" in panel.headline.text()
    assert panel.result is None
    assert not sandbox_window.handler_try.busy


def test_try_in_the_installed_widgets_list_opens_that_widgets_handler(
    sandbox_window: MainWindow,
    sandbox: SandboxPortal,
    sandbox_app: SandboxApp,
    sandbox_tokens: TokenPair,
    qtbot: QtBot,
) -> None:
    from b24admin.core.bind_request import BindRequest
    from tests.gui.manage_support import button, refresh, seed, select_handler, views_of

    with HandlerServer({"/task": Answer()}) as server:
        seed(
            sandbox,
            sandbox_app,
            sandbox_tokens,
            [BindRequest(placement="TASK_VIEW_TAB", handler=server.url("/task"), title="T")],
        )
        views = views_of(sandbox_window)
        refresh(views, qtbot)
        try_button = button(views, "tryWidgetButton")
        assert not try_button.isEnabled()  # nothing selected yet
        select_handler(views, server.url("/task"))
        assert try_button.isEnabled()
        panel = child(sandbox_window.form, HandlerTryPanel, "handlerTryResult")
        try_button.click()
        qtbot.waitUntil(lambda: panel.result is not None, timeout=10_000)
    (got,) = server.received
    assert got.form["PLACEMENT"] == "TASK_VIEW_TAB"
    assert panel.result is not None and panel.result.request.placement == "TASK_VIEW_TAB"
    assert panel.headline.text() == "The widget would show."
