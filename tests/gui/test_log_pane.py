"""The Activity pane: every call the window makes, as it happens, and never a secret."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QTableView
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from b24admin.core.activity_log import ActivityEntry, ActivityLog
from b24admin.core.profile_service import ProfileService
from b24admin.core.profiles import AuthKind, Profile
from b24admin.core.secrets import SecretKind
from b24admin.gui.main_window import MainWindow
from b24admin.gui.manage.log_pane import ActivityLogPane, ActivityModel
from b24admin.gui.manage.views import ManageViews
from b24admin.sandbox import Fault, SandboxApp, SandboxPortal, TokenPair
from tests.gui.form_filling import child
from tests.gui.manage_support import CALL_TIMEOUT_MS, refresh, views_of


@pytest.fixture
def views(sandbox_window: MainWindow) -> ManageViews:
    return views_of(sandbox_window)


def _rows(pane: ActivityLogPane) -> list[list[str]]:
    model = child(pane, QTableView, "activityLog").model()
    return [
        [str(model.index(row, column).data()) for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def _all_text(pane: ActivityLogPane) -> str:
    """Everything the pane can show: cells, tooltips, the file label."""
    model = pane.model
    parts = [pane.file_label.text()]
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            parts.append(str(index.data()))
            parts.append(str(index.data(Qt.ItemDataRole.ToolTipRole)))
    return "\n".join(parts)


def test_each_call_shows_its_method_outcome_status_and_duration(
    views: ManageViews, sandbox: SandboxPortal, qtbot: QtBot
) -> None:
    pane = views.log_pane
    refresh(views, qtbot)
    qtbot.waitUntil(lambda: pane.model.rowCount() == 1)
    sandbox.inject(Fault.error("ACCESS_DENIED", "Access denied", status=403))
    with qtbot.waitSignal(views.refreshFailed, timeout=CALL_TIMEOUT_MS):
        views.refresh()
    qtbot.waitUntil(lambda: pane.model.rowCount() == 2)

    (ok_row, failed_row) = _rows(pane)
    assert ok_row[1:4] == ["placement.get", "ok", "200"]
    assert failed_row[1:4] == ["placement.get", "ACCESS_DENIED", "403"]
    for row in (ok_row, failed_row):
        assert row[4].endswith(" ms") and row[5].startswith(sandbox.base_url)
    red = pane.model.index(1, 2).data(Qt.ItemDataRole.ForegroundRole)
    assert red is not None and pane.model.index(0, 2).data(Qt.ItemDataRole.ForegroundRole) is None
    assert "activity.log" in pane.file_label.text()

    child(pane, QPushButton, "clearActivityButton").click()
    assert pane.model.rowCount() == 0


def test_the_pane_never_shows_a_secret_after_a_session_with_every_kind(
    views: ManageViews,
    sandbox_window: MainWindow,
    sandbox: SandboxPortal,
    sandbox_app: SandboxApp,
    sandbox_tokens: TokenPair,
    sandbox_profile: Profile,
    service: ProfileService,
    config_dir: Path,
    qtbot: QtBot,
) -> None:
    pane = views.log_pane
    refresh(views, qtbot)  # the access token
    sandbox.expire_access_tokens()
    refresh(views, qtbot)  # expired: the client secret and refresh token renew it
    renewed = service.credentials(sandbox_profile)
    webhook_url = sandbox.add_webhook()
    hook = Profile(
        name="Webhook", auth=AuthKind.WEBHOOK, portal_url=sandbox.base_url, session_only=True
    )
    service.save(hook, {SecretKind.WEBHOOK_URL: webhook_url})
    with qtbot.waitSignal(views.refreshFailed, timeout=CALL_TIMEOUT_MS):
        sandbox_window.add_session_profile(hook)  # the list follows: read with the webhook

    methods = [row[1] for row in _rows(pane)]
    assert methods.count("placement.get") >= 4 and any("oauth" in m for m in methods)
    secrets = [
        sandbox_app.client_secret,
        sandbox_tokens.access_token,
        sandbox_tokens.refresh_token,
        getattr(renewed, "access_token"),  # noqa: B009 - OAuth credentials
        getattr(renewed, "refresh_token"),  # noqa: B009
        webhook_url,
        webhook_url.rstrip("/").rsplit("/", 1)[-1],  # the secret path segment alone
    ]
    shown = _all_text(pane)
    log_file = (config_dir / "logs" / "activity.log").read_text(encoding="utf-8")
    for secret in secrets:
        assert secret and secret not in shown and secret not in log_file


def test_entries_recorded_on_another_thread_arrive_in_order(
    qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    import threading

    pane = ActivityLogPane()
    qtbot.addWidget(pane)
    log = ActivityLog(None)
    pane.subscribe(log)

    def record_three() -> None:
        from b24admin.core.transport import CallRecord

        for number in range(3):
            log.record(CallRecord(f"method.{number}", 0.0, 0.25, "ok", 200, "http://x/"))

    worker = threading.Thread(target=record_three)
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: pane.model.rowCount() == 3)

    assert [row[1] for row in _rows(pane)] == ["method.0", "method.1", "method.2"]
    assert _rows(pane)[0][4] == "250 ms"
    qtmodeltester.check(pane.model)
    pane.unsubscribe()


def test_the_model_keeps_only_the_most_recent_entries() -> None:
    model = ActivityModel(limit=2)
    for number in range(3):
        model.append(ActivityEntry(0.0, f"m{number}", "ok", 0.1, 200, ""))
    assert [entry.method for entry in model.entries()] == ["m1", "m2"]
