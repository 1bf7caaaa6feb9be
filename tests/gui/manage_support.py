"""Helpers for the installed-widgets, sync-dialog and activity-log GUI tests."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from b24admin.core.bind_request import BindRequest
from b24admin.gui.main_window import MainWindow
from b24admin.gui.manage import attach_manage_views
from b24admin.gui.manage.bindings_model import WIDGET_ROLE, InstalledWidget
from b24admin.gui.manage.views import ManageViews
from b24admin.sandbox import SandboxApp, SandboxPortal, TokenPair
from tests.gui.form_filling import child
from tests.integration.sync_support import portal_client

CALL_TIMEOUT_MS = 20_000


def seed(
    sandbox: SandboxPortal, app: SandboxApp, tokens: TokenPair, requests: Iterable[BindRequest]
) -> None:
    """Bind widgets on the sandbox directly (as another tool or an earlier session would)."""
    with portal_client(sandbox, app, tokens) as client:
        for request in requests:
            client.bind(request)


def views_of(window: MainWindow) -> ManageViews:
    """The window's manage views (attached by the window, or now)."""
    return attach_manage_views(window.manage_services())


def settled_views(window: MainWindow, qtbot: QtBot) -> ManageViews:
    """The manage views once the list has loaded itself for the selected profile (so a test
    that counts calls starts after it)."""
    views = views_of(window)
    qtbot.waitUntil(lambda: views.model.loaded, timeout=CALL_TIMEOUT_MS)
    return views


def button(views: ManageViews, name: str) -> QPushButton:
    return child(views.panel, QPushButton, name)


def refresh(views: ManageViews, qtbot: QtBot) -> None:
    """Press Refresh and wait until the table shows placement.get's answer."""
    with qtbot.waitSignal(views.refreshed, timeout=CALL_TIMEOUT_MS):
        button(views, "refreshButton").click()


@contextmanager
def refreshed(views: ManageViews, qtbot: QtBot) -> Iterator[None]:
    """Wait for the refresh that the action inside the block causes."""
    with qtbot.waitSignal(views.refreshed, timeout=CALL_TIMEOUT_MS):
        yield


def shown_widgets(views: ManageViews) -> list[InstalledWidget]:
    """The rows as the table shows them (through the sort/filter proxy), top to bottom."""
    proxy = views.panel.proxy
    widgets = [proxy.index(row, 0).data(WIDGET_ROLE) for row in range(proxy.rowCount())]
    assert all(isinstance(w, InstalledWidget) for w in widgets)
    return widgets


def select_handler(views: ManageViews, handler: str) -> InstalledWidget:
    """Select the one row whose handler is ``handler``."""
    views.panel.table.clearSelection()
    for row, widget in enumerate(shown_widgets(views)):
        if widget.handler == handler:
            views.panel.table.selectRow(row)
            assert views.panel.selected_widgets() == [widget]
            return widget
    raise AssertionError(f"no row with the handler {handler}")


def handlers_on(sandbox: SandboxPortal, app: SandboxApp) -> list[str]:
    return [b["handler"] for b in sandbox.bindings(app.client_id)]
