"""The sync dialog against the sandbox portal: import a manifest, see the plan as a diff before
anything is sent, apply it with progress and per-item outcomes, cancel mid-sync."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QCheckBox, QLabel, QProgressBar, QPushButton
from pytestqt.qtbot import QtBot

from b24admin.core.activity_log import ActivityEntry, default_activity_log
from b24admin.core.bind_request import BindRequest, LangRow
from b24admin.core.manifest import Manifest
from b24admin.core.sync import Outcome, SyncReport
from b24admin.gui.dialogs import RecordingDialogs
from b24admin.gui.error_dialog import ErrorDialog
from b24admin.gui.main_window import MainWindow
from b24admin.gui.manage.manifest_files import FixedManifestFiles
from b24admin.gui.manage.sync_dialog import SyncDialog
from b24admin.gui.manage.views import ManageViews
from b24admin.gui.translators import install_translators
from b24admin.sandbox import SandboxApp, SandboxPortal, TokenPair
from tests.gui.form_filling import child
from tests.gui.manage_support import (
    CALL_TIMEOUT_MS,
    button,
    handlers_on,
    refreshed,
    seed,
    settled_views,
    shown_widgets,
)
from tests.integration.sync_support import APP, menu_items

KEPT = BindRequest(placement="LEFT_MENU", handler=f"{APP}/same", title="Same")
OLD_TITLE = BindRequest(placement="LEFT_MENU", handler=f"{APP}/renamed", title="Old name")
NEW_TITLE = OLD_TITLE.with_changes(title="New name")
EXTRA = BindRequest(placement="LEFT_MENU", handler=f"{APP}/extra", title="Not in the manifest")
SIDEBAR = BindRequest(
    placement="IM_SIDEBAR",
    handler=f"{APP}/sidebar",
    lang_rows=(LangRow("en", "Tools"),),
    options={"iconName": "fa-rocket"},
)
ADDED = BindRequest(placement="LEFT_MENU", handler=f"{APP}/added", title="Added")


@pytest.fixture
def views(sandbox_window: MainWindow, qtbot: QtBot) -> ManageViews:
    return settled_views(sandbox_window, qtbot)


def _write(path: Path, bindings: list[BindRequest]) -> Path:
    Manifest(tuple(bindings)).save(path)
    return path


def _import(views: ManageViews, path: Path, qtbot: QtBot) -> SyncDialog:
    """Import ``path`` through the Import button and wait for the plan."""
    views.actions.files = FixedManifestFiles(path)
    button(views, "importButton").click()
    dialog = views.actions.sync_dialog
    assert isinstance(dialog, SyncDialog) and dialog.objectName() == "syncDialog"
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.state != "planning", timeout=CALL_TIMEOUT_MS)
    return dialog


def _apply(dialog: SyncDialog, views: ManageViews, qtbot: QtBot) -> SyncReport:
    with (
        qtbot.waitSignal(dialog.applied, timeout=CALL_TIMEOUT_MS) as blocker,
        refreshed(views, qtbot),
    ):
        child(dialog, QPushButton, "syncApplyButton").click()
    report = blocker.args[0]
    assert isinstance(report, SyncReport)
    return report


@pytest.fixture
def portal_with_three(
    sandbox: SandboxPortal, sandbox_app: SandboxApp, sandbox_tokens: TokenPair
) -> None:
    seed(sandbox, sandbox_app, sandbox_tokens, [KEPT, OLD_TITLE, EXTRA])


def test_import_shows_the_plan_as_a_diff_and_sends_nothing(
    views: ManageViews,
    sandbox: SandboxPortal,
    portal_with_three: None,
    tmp_path: Path,
    qtbot: QtBot,
) -> None:
    path = _write(tmp_path / "widgets.json", [KEPT, NEW_TITLE, SIDEBAR, ADDED])
    sent_before = [c.method for c in sandbox.received]

    dialog = _import(views, path, qtbot)

    assert [c.method for c in sandbox.received] == [*sent_before, "placement.get"]
    rows = dialog.plan_view.action_rows()
    assert [(action, label) for action, label, _outcome in rows] == [
        ("unchanged", f"LEFT_MENU → {APP}/same"),
        ("change", f"LEFT_MENU → {APP}/renamed"),
        ("add", f"IM_SIDEBAR → {APP}/sidebar"),
        ("add", f"LEFT_MENU → {APP}/added"),
        ("keep", f"LEFT_MENU → {APP}/extra"),
    ]
    changes = dialog.plan_view.change_lines(f"LEFT_MENU → {APP}/renamed")
    assert changes and all("TITLE" in line for line in changes)
    assert any('"Old name" → "New name"' in line for line in changes)
    summary = child(dialog, QLabel, "syncSummary").text()
    assert "2 to add, 1 to change, 0 to remove, 1 unchanged" in summary
    assert child(dialog, QPushButton, "syncApplyButton").isEnabled()
    assert not child(dialog, QProgressBar, "syncProgress").isVisible()
    assert "widgets.json" in dialog.windowTitle()
    headers = [label.text() for label in dialog.findChildren(QLabel)]
    assert any("”: 4 widgets. Target:" in text for text in headers)  # a plural, not "(s)"


def test_prune_turns_the_kept_widget_into_a_removal_without_another_call(
    views: ManageViews,
    sandbox: SandboxPortal,
    portal_with_three: None,
    tmp_path: Path,
    qtbot: QtBot,
) -> None:
    dialog = _import(views, _write(tmp_path / "m.json", [KEPT, NEW_TITLE]), qtbot)
    calls = len(sandbox.received)

    with qtbot.waitSignal(dialog.planned) as blocker:
        child(dialog, QCheckBox, "syncPruneCheck").setChecked(True)

    assert ("remove", f"LEFT_MENU → {APP}/extra", "") in dialog.plan_view.action_rows()
    assert "1 to remove" in blocker.args[0].summary()
    assert len(sandbox.received) == calls


def test_apply_reports_each_outcome_with_progress_and_refreshes_the_table(
    views: ManageViews,
    sandbox: SandboxPortal,
    sandbox_app: SandboxApp,
    portal_with_three: None,
    tmp_path: Path,
    qtbot: QtBot,
) -> None:
    dialog = _import(views, _write(tmp_path / "m.json", [KEPT, NEW_TITLE, SIDEBAR, ADDED]), qtbot)
    child(dialog, QCheckBox, "syncPruneCheck").setChecked(True)
    progress = child(dialog, QProgressBar, "syncProgress")

    report = _apply(dialog, views, qtbot)

    assert report.ok and report.count(Outcome.APPLIED) == 4  # 1 change, 2 adds, 1 removal
    assert progress.isVisible() and progress.value() == progress.maximum() == 4
    outcomes = {label: outcome for _action, label, outcome in dialog.plan_view.action_rows()}
    assert outcomes == {
        f"LEFT_MENU → {APP}/same": "",
        f"LEFT_MENU → {APP}/renamed": "applied",
        f"IM_SIDEBAR → {APP}/sidebar": "applied",
        f"LEFT_MENU → {APP}/added": "applied",
        f"LEFT_MENU → {APP}/extra": "applied",
    }
    assert "Result: 4 applied." in child(dialog, QLabel, "syncSummary").text()
    expected = sorted(f"{APP}/{name}" for name in ("same", "renamed", "sidebar", "added"))
    assert sorted(handlers_on(sandbox, sandbox_app)) == expected
    assert sorted(w.handler for w in shown_widgets(views)) == expected
    assert not child(dialog, QPushButton, "syncApplyButton").isEnabled()
    assert child(dialog, QPushButton, "syncCloseButton").isEnabled()


def test_syncing_the_same_manifest_again_has_nothing_to_send(
    views: ManageViews, sandbox: SandboxPortal, tmp_path: Path, qtbot: QtBot
) -> None:
    dialog = _import(views, _write(tmp_path / "m.json", [KEPT, SIDEBAR]), qtbot)
    assert _apply(dialog, views, qtbot).ok
    child(dialog, QPushButton, "syncCloseButton").click()
    assert not dialog.isVisible()
    batches = [c.method for c in sandbox.received].count("batch")

    button(views, "syncButton").click()  # the imported manifest, planned again
    again = views.actions.sync_dialog
    assert isinstance(again, SyncDialog) and again is not dialog
    qtbot.waitUntil(lambda: again.state == "ready", timeout=CALL_TIMEOUT_MS)

    assert {action for action, _label, _outcome in again.plan_view.action_rows()} == {"unchanged"}
    assert not child(again, QPushButton, "syncApplyButton").isEnabled()
    assert "Nothing to do" in child(again, QLabel, "syncSummary").text()
    assert [c.method for c in sandbox.received].count("batch") == batches


def test_cancel_mid_sync_leaves_every_item_applied_or_not_sent(
    views: ManageViews,
    sandbox: SandboxPortal,
    sandbox_app: SandboxApp,
    tmp_path: Path,
    qtbot: QtBot,
) -> None:
    dialog = _import(views, _write(tmp_path / "m.json", menu_items(120)), qtbot)
    first_batch_answered, released = threading.Event(), threading.Event()

    def hold_after_first_batch(entry: ActivityEntry) -> None:
        # Runs on the sync's worker thread: the first batch is done, the second not yet sent.
        if entry.method == "batch" and not first_batch_answered.is_set():
            first_batch_answered.set()
            released.wait(CALL_TIMEOUT_MS / 1000)

    unsubscribe = default_activity_log().subscribe(hold_after_first_batch)
    try:
        with (
            qtbot.waitSignal(dialog.applied, timeout=CALL_TIMEOUT_MS) as blocker,
            refreshed(views, qtbot),
        ):
            child(dialog, QPushButton, "syncApplyButton").click()
            qtbot.waitUntil(first_batch_answered.is_set, timeout=CALL_TIMEOUT_MS)
            cancel = child(dialog, QPushButton, "syncCancelButton")
            assert (
                cancel.isEnabled() and not child(dialog, QPushButton, "syncCloseButton").isEnabled()
            )
            cancel.click()
            assert not cancel.isEnabled() and cancel.text() == "Cancelling…"
            released.set()
    finally:
        released.set()
        unsubscribe()

    report = blocker.args[0]
    assert isinstance(report, SyncReport) and report.cancelled
    assert {r.outcome for r in report.results} == {Outcome.APPLIED, Outcome.NOT_SENT}
    assert report.count(Outcome.APPLIED) == 50 and report.count(Outcome.NOT_SENT) == 70
    applied = [r.item.key[1] for r in report.results if r.outcome is Outcome.APPLIED]
    assert handlers_on(sandbox, sandbox_app) == applied  # placement.get matches the report
    assert sorted(w.handler for w in shown_widgets(views)) == sorted(applied)
    outcomes = [outcome for _action, _label, outcome in dialog.plan_view.action_rows()]
    assert outcomes.count("applied") == 50 and outcomes.count("not sent") == 70
    assert "Cancelled" in child(dialog, QLabel, "syncSummary").text()
    assert child(dialog, QProgressBar, "syncProgress").value() == 50


def test_closing_while_a_sync_runs_cancels_instead(
    views: ManageViews, tmp_path: Path, qtbot: QtBot
) -> None:
    dialog = _import(views, _write(tmp_path / "m.json", menu_items(60)), qtbot)
    first_batch_answered, released = threading.Event(), threading.Event()

    def hold(entry: ActivityEntry) -> None:
        if entry.method == "batch" and not first_batch_answered.is_set():
            first_batch_answered.set()
            released.wait(CALL_TIMEOUT_MS / 1000)

    unsubscribe = default_activity_log().subscribe(hold)
    try:
        with qtbot.waitSignal(dialog.applied, timeout=CALL_TIMEOUT_MS) as blocker:
            child(dialog, QPushButton, "syncApplyButton").click()
            qtbot.waitUntil(first_batch_answered.is_set, timeout=CALL_TIMEOUT_MS)
            dialog.reject()  # Escape
            assert dialog.isVisible()
            released.set()
    finally:
        released.set()
        unsubscribe()
    assert blocker.args[0].cancelled and blocker.args[0].count(Outcome.NOT_SENT) == 10


def test_a_manifest_with_errors_shows_them_and_cannot_be_applied(
    views: ManageViews, sandbox: SandboxPortal, tmp_path: Path, qtbot: QtBot
) -> None:
    no_icon = BindRequest(placement="IM_SIDEBAR", handler=f"{APP}/sidebar", title="Tools")
    dialog = _import(views, _write(tmp_path / "bad.json", [no_icon, ADDED]), qtbot)

    problems = child(dialog, QLabel, "syncProblems")
    assert problems.isVisible() and "Binding 1 (IM_SIDEBAR)" in problems.text()
    assert "iconName" in problems.text()
    apply_button = child(dialog, QPushButton, "syncApplyButton")
    assert not apply_button.isEnabled() and "errors" in apply_button.toolTip()
    assert "batch" not in [c.method for c in sandbox.received]


def test_the_manifests_problems_read_in_the_chosen_language(
    views: ManageViews,
    tmp_path: Path,
    qtbot: QtBot,
    qapp: QApplication,
    language: Callable[[str], str],
) -> None:
    language("de")
    translators = install_translators(qapp, "de")
    try:
        no_icon = BindRequest(placement="IM_SIDEBAR", handler=f"{APP}/sidebar", title="Tools")
        dialog = _import(views, _write(tmp_path / "bad.json", [no_icon, ADDED]), qtbot)
        problems = child(dialog, QLabel, "syncProblems").text()
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    first = problems.splitlines()[0]
    assert first.startswith(
        "Eintrag 1 (IM_SIDEBAR): Fehler: OPTIONS.iconName: IM_SIDEBAR erfordert: Option iconName."
    ), first


def test_a_file_that_is_not_a_manifest_explains_why_and_opens_nothing(
    views: ManageViews, dialogs: RecordingDialogs, tmp_path: Path
) -> None:
    path = tmp_path / "other.json"
    path.write_text('{"bindings": []}', encoding="utf-8")
    views.actions.files = FixedManifestFiles(path)

    button(views, "importButton").click()

    (dialog,) = dialogs.of_type(ErrorDialog)
    assert isinstance(dialog, ErrorDialog) and dialog.error.code == "BAD_MANIFEST"
    assert "not a b24admin manifest" in dialog.error.summary
    assert views.actions.sync_dialog is None and views.actions.manifest is None
