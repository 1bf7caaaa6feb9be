"""The Installed widgets dock against the sandbox portal: the table model, refresh, filter and
sort, unbind with confirmation, safe edits through the bind form, duplicate, export."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDockWidget,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
)
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from b24admin.core.bind_request import BindRequest, LangRow
from b24admin.core.manifest import Manifest, request_from_portal
from b24admin.core.profile_service import ProfileService
from b24admin.core.profiles import AuthKind, Profile
from b24admin.core.safe_edit import EditOutcome
from b24admin.core.sync import Outcome
from b24admin.gui.dialogs import RecordingDialogs
from b24admin.gui.error_dialog import ErrorDialog
from b24admin.gui.main_window import MainWindow
from b24admin.gui.manage.bindings_model import InstalledWidgetsModel, copy_handler
from b24admin.gui.manage.manifest_files import FixedManifestFiles
from b24admin.gui.manage.views import ManageViews
from b24admin.sandbox import Fault, SandboxApp, SandboxPortal, TokenPair
from tests.gui.conftest import SANDBOX_PROFILE, WindowFactory
from tests.gui.form_filling import bind, child
from tests.gui.manage_support import (
    CALL_TIMEOUT_MS,
    button,
    handlers_on,
    refresh,
    refreshed,
    seed,
    select_handler,
    settled_views,
    shown_widgets,
    views_of,
)
from tests.integration.sync_support import APP, menu_items, varied_bindings

SIDEBAR = BindRequest(
    placement="IM_SIDEBAR",
    handler=f"{APP}/sidebar",
    lang_rows=(LangRow("en", "Tools"), LangRow("de", "Werkzeuge")),
    options={"iconName": "fa-rocket", "color": "AZURE"},
)


@pytest.fixture
def views(sandbox_window: MainWindow, qtbot: QtBot) -> ManageViews:
    return settled_views(sandbox_window, qtbot)


@pytest.fixture
def seeded(sandbox: SandboxPortal, sandbox_app: SandboxApp, sandbox_tokens: TokenPair) -> None:
    seed(sandbox, sandbox_app, sandbox_tokens, [SIDEBAR, *menu_items(2)])


def sidebar_entries(sandbox: SandboxPortal, app: SandboxApp) -> list[dict[str, Any]]:
    return [e for e in sandbox.bindings(app.client_id) if e["placement"] == "IM_SIDEBAR"]


def _texts(views: ManageViews, column: int) -> list[str]:
    proxy = views.panel.proxy
    return [str(proxy.index(row, column).data()) for row in range(proxy.rowCount())]


def test_the_docks_and_their_view_menu_toggles_are_on_the_window(
    views: ManageViews, sandbox_window: MainWindow
) -> None:
    for name in ("installedDock", "activityDock"):
        dock = child(sandbox_window, QDockWidget, name)
        assert dock.toggleViewAction().objectName() == f"{name}Action"
    menus = [a.text() for a in sandbox_window.menuBar().actions()]
    assert menus.index("&View") == menus.index("&Help") - 1
    child(views.panel, QTableView, "installedTable")
    child(views.panel, QLineEdit, "installedFilter")


def test_the_list_loads_itself_when_a_profile_is_connected_but_not_before_the_first_frame(
    make_window: WindowFactory,
    sandbox_profile: Profile,
    sandbox: SandboxPortal,
    seeded: None,
    qtbot: QtBot,
) -> None:
    window = make_window(show=False)
    QApplication.processEvents()
    assert not [c for c in sandbox.received if c.method == "placement.get"]  # not yet shown
    with qtbot.waitSignal(views_of(window).refreshed, timeout=CALL_TIMEOUT_MS):
        window.show()
    assert [c.method for c in sandbox.received].count("placement.get") == 1
    assert views_of(window).model.rowCount() == 3
    assert "3 widgets registered on" in views_of(window).panel.status_label.text()


def test_switching_to_another_profile_lists_its_widgets(
    make_window: WindowFactory,
    sandbox_profile: Profile,
    service: ProfileService,
    sandbox: SandboxPortal,
    seeded: None,
    qtbot: QtBot,
) -> None:
    service.store.save_profile(
        Profile(
            name="Other", auth=AuthKind.OAUTH, portal_url="https://x.bitrix24.com", client_id="l"
        )
    )
    window = make_window()
    views = settled_views(window, qtbot)
    window.connection.set_profiles(window.connection.profile_names(), select="Other")
    with qtbot.waitSignal(views.refreshFailed, timeout=CALL_TIMEOUT_MS):
        pass  # Other has no secrets: its list is tried and the failure said in the panel
    assert "Could not list the widgets" in views.panel.status_label.text()
    with qtbot.waitSignal(views.refreshed, timeout=CALL_TIMEOUT_MS):
        window.connection.set_profiles(window.connection.profile_names(), select=SANDBOX_PROFILE)
    assert views.model.rowCount() == 3


def test_the_table_model_passes_the_model_tester(
    views: ManageViews,
    sandbox: SandboxPortal,
    sandbox_app: SandboxApp,
    sandbox_tokens: TokenPair,
    qtbot: QtBot,
    qtmodeltester: ModelTester,
) -> None:
    seed(sandbox, sandbox_app, sandbox_tokens, varied_bindings())
    qtmodeltester.check(InstalledWidgetsModel())  # empty
    refresh(views, qtbot)

    assert views.model.rowCount() == len(varied_bindings())
    qtmodeltester.check(views.model)
    qtmodeltester.check(views.panel.proxy)


def test_rows_show_the_readable_placement_user_title_languages_and_options(
    views: ManageViews, sandbox: SandboxPortal, sandbox_app: SandboxApp, seeded: None, qtbot: QtBot
) -> None:
    refresh(views, qtbot)

    (sidebar,) = [w for w in shown_widgets(views) if w.placement == "IM_SIDEBAR"]
    row = shown_widgets(views).index(sidebar)
    texts = [views.panel.proxy.index(row, c).data() for c in range(6)]
    assert texts[:5] == [
        "IM_SIDEBAR — Chat: sidebar",
        f"{APP}/sidebar",
        "All users",
        "Tools",
        "en, de",
    ]
    assert "iconName=fa-rocket" in texts[5] and "color=AZURE" in texts[5]
    language_tip = views.panel.proxy.index(row, 4).data(Qt.ItemDataRole.ToolTipRole)
    assert language_tip == "en: Tools\nde: Werkzeuge"
    (entry,) = sidebar_entries(sandbox, sandbox_app)
    assert sidebar.request() == request_from_portal(entry)


def test_the_table_sorts_by_a_clicked_column_and_filters_on_every_column(
    views: ManageViews, seeded: None, qtbot: QtBot
) -> None:
    refresh(views, qtbot)
    table = views.panel.table

    table.sortByColumn(InstalledWidgetsModel.HANDLER, Qt.SortOrder.DescendingOrder)
    assert _texts(views, 1) == sorted(_texts(views, 1), reverse=True)
    table.sortByColumn(InstalledWidgetsModel.PLACEMENT, Qt.SortOrder.AscendingOrder)
    assert _texts(views, 0) == sorted(_texts(views, 0), key=str.casefold)

    child(views.panel, QLineEdit, "installedFilter").setText("menu?n=2")
    assert [w.handler for w in shown_widgets(views)] == [f"{APP}/menu?n=2"]
    views.panel.filter_edit.setText("chat: SIDEBAR")  # the readable name, any case
    assert [w.placement for w in shown_widgets(views)] == ["IM_SIDEBAR"]
    views.panel.filter_edit.clear()
    assert len(shown_widgets(views)) == 3


def test_buttons_follow_the_selection(views: ManageViews, seeded: None, qtbot: QtBot) -> None:
    refresh(views, qtbot)
    assert not button(views, "editWidgetButton").isEnabled()
    assert not button(views, "unbindWidgetButton").isEnabled()
    assert button(views, "exportButton").text() == "E&xport all…"

    select_handler(views, f"{APP}/sidebar")
    assert button(views, "editWidgetButton").isEnabled()
    assert button(views, "duplicateWidgetButton").isEnabled()
    assert button(views, "unbindWidgetButton").isEnabled()
    assert button(views, "exportButton").text() == "E&xport selected…"

    views.panel.table.selectAll()
    assert not button(views, "editWidgetButton").isEnabled()
    assert button(views, "unbindWidgetButton").isEnabled()


# -- unbind ----------------------------------------------------------------------------------


def _confirmation(dialogs: RecordingDialogs) -> QMessageBox:
    boxes = [d for d in dialogs.of_type(QMessageBox) if d.objectName() == "confirmDialog"]
    assert len(boxes) == 1
    box = boxes[0]
    assert isinstance(box, QMessageBox)
    return box


def test_unbind_asks_naming_exactly_the_widget_and_removes_only_it(
    views: ManageViews,
    sandbox: SandboxPortal,
    sandbox_app: SandboxApp,
    dialogs: RecordingDialogs,
    seeded: None,
    qtbot: QtBot,
) -> None:
    refresh(views, qtbot)
    select_handler(views, f"{APP}/menu?n=1")
    received = len(sandbox.received)

    button(views, "unbindWidgetButton").click()
    box = _confirmation(dialogs)
    text = box.text()
    assert "Placement: LEFT_MENU — Main menu item" in text
    assert f"Handler: {APP}/menu?n=1" in text and "User: All users (USER_ID 0)" in text
    assert f"{APP}/menu?n=2" not in text and "sidebar" not in text
    assert len(sandbox.received) == received  # nothing sent before the answer
    with qtbot.waitSignal(views.actions.unbound, timeout=CALL_TIMEOUT_MS), refreshed(views, qtbot):
        child(box, QPushButton, "confirmYesButton").click()

    unbinds = [c.params for c in sandbox.received if c.method == "placement.unbind"]
    assert unbinds == [{"PLACEMENT": "LEFT_MENU", "HANDLER": f"{APP}/menu?n=1", "USER_ID": 0}]
    assert sorted(handlers_on(sandbox, sandbox_app)) == [f"{APP}/menu?n=2", f"{APP}/sidebar"]
    assert sorted(w.handler for w in shown_widgets(views)) == [f"{APP}/menu?n=2", f"{APP}/sidebar"]


def test_a_declined_unbind_sends_nothing(
    views: ManageViews,
    sandbox: SandboxPortal,
    sandbox_app: SandboxApp,
    dialogs: RecordingDialogs,
    seeded: None,
    qtbot: QtBot,
) -> None:
    refresh(views, qtbot)
    views.panel.table.selectAll()
    button(views, "unbindWidgetButton").click()
    box = _confirmation(dialogs)
    assert "Remove 3 widgets from" in box.text()
    assert box.defaultButton() is child(box, QPushButton, "confirmNoButton")  # destructive

    child(box, QPushButton, "confirmNoButton").click()

    assert not [c for c in sandbox.received if c.method == "placement.unbind"]
    assert len(handlers_on(sandbox, sandbox_app)) == 3


# -- edit ------------------------------------------------------------------------------------


def _start_edit(views: ManageViews, window: MainWindow, qtbot: QtBot) -> None:
    refresh(views, qtbot)
    widget = select_handler(views, f"{APP}/sidebar")
    button(views, "editWidgetButton").click()
    assert window.form.request() == widget.request()
    assert views.panel.edit_banner.isVisibleTo(views.panel)
    assert "IM_SIDEBAR" in views.panel.edit_label.text()


def _set_first_language_title(window: MainWindow, title: str) -> None:
    model = child(window.form, QTableView, "langTable").model()
    model.setData(model.index(0, 1), title, Qt.ItemDataRole.EditRole)
    assert window.form.request().lang_rows[0].title == title


def _agree_to_update(window: MainWindow, qtbot: QtBot, press: Callable[[], object]) -> str:
    """Press, wait for the "Update widget" question, agree; return what it said would change."""
    dialogs = window.dialogs
    assert isinstance(dialogs, RecordingDialogs)
    with qtbot.waitSignal(dialogs.opened, timeout=CALL_TIMEOUT_MS) as opened:
        press()
    box = opened.args[0]
    assert isinstance(box, QMessageBox) and box.objectName() == "updateWidgetDialog"
    text = box.text()
    child(box, QPushButton, "confirmYesButton").click()
    return text


def _edit_outcome(views: ManageViews, window: MainWindow, qtbot: QtBot) -> object:
    bind_button = child(window.form, QPushButton, "bindButton")
    qtbot.waitUntil(bind_button.isEnabled)
    assert bind_button.text() == "Update widget"  # the list has it: this is a change
    with (
        qtbot.waitSignal(views.edit_session.editFinished, timeout=CALL_TIMEOUT_MS) as blocker,
        refreshed(views, qtbot),
    ):
        asked = _agree_to_update(window, qtbot, bind_button.click)
        assert "LANG_ALL[en].TITLE" in asked and "Toolbox" in asked  # what will change
    return blocker.args[0]


def test_an_edit_through_the_form_is_unbind_and_bind_and_the_table_shows_it(
    views: ManageViews,
    sandbox_window: MainWindow,
    sandbox: SandboxPortal,
    sandbox_app: SandboxApp,
    dialogs: RecordingDialogs,
    seeded: None,
    qtbot: QtBot,
) -> None:
    _start_edit(views, sandbox_window, qtbot)
    _set_first_language_title(sandbox_window, "Toolbox")
    received = len(sandbox.received)

    outcome = _edit_outcome(views, sandbox_window, qtbot)

    assert isinstance(outcome, EditOutcome) and outcome.applied
    batch = [c for c in sandbox.received[received:] if c.method != "placement.get"]
    assert [c.method for c in batch] == ["batch"]  # unbind + bind in one request, in order
    commands = list(batch[0].params["cmd"].values())
    assert commands[0].startswith("placement.unbind") and commands[1].startswith("placement.bind")
    (entry,) = sidebar_entries(sandbox, sandbox_app)
    assert entry["langAll"]["en"]["TITLE"] == "Toolbox"
    assert entry["options"]["color"] == "AZURE"
    assert [w.shown_title() for w in shown_widgets(views) if w.placement == "IM_SIDEBAR"] == [
        "Toolbox"
    ]
    assert not [d for d in dialogs.of_type(QMessageBox) if d.objectName() == "infoDialog"]
    notice = views.notice.text()
    assert notice.startswith("Updated the IM_SIDEBAR widget") and views.notice.can_undo
    assert not views.panel.edit_banner.isVisibleTo(views.panel)  # the edit is done


def test_a_refused_edit_binds_the_original_again_says_both_and_keeps_the_form(
    views: ManageViews,
    sandbox_window: MainWindow,
    sandbox: SandboxPortal,
    sandbox_app: SandboxApp,
    dialogs: RecordingDialogs,
    seeded: None,
    qtbot: QtBot,
) -> None:
    _start_edit(views, sandbox_window, qtbot)
    before = sandbox.bindings(sandbox_app.client_id)
    _set_first_language_title(sandbox_window, "Toolbox")
    in_form = sandbox_window.form.request()
    # A value the portal refuses but the form cannot produce: sent through the same bind path.
    refused = in_form.with_changes(options={**in_form.options, "role": "admin"})
    with (
        qtbot.waitSignal(views.edit_session.editFinished, timeout=CALL_TIMEOUT_MS) as blocker,
        refreshed(views, qtbot),
    ):
        _agree_to_update(
            sandbox_window, qtbot, lambda: sandbox_window.form.bindRequested.emit(refused)
        )

    outcome = blocker.args[0]
    assert isinstance(outcome, EditOutcome) and outcome.outcome is Outcome.RESTORED

    def by_handler(entries: list[dict[str, object]]) -> list[dict[str, object]]:
        return sorted(entries, key=lambda e: str(e["handler"]))

    assert by_handler(sandbox.bindings(sandbox_app.client_id)) == by_handler(before)
    (dialog,) = dialogs.of_type(ErrorDialog)
    assert isinstance(dialog, ErrorDialog)
    assert dialog.error.code == "INVALID_ERROR_ROLE"
    assert "refused" in dialog.error.summary
    assert "original widget was bound again" in dialog.error.summary
    assert dialog.error.advice.startswith("Correct what the portal refused")
    assert sandbox_window.form.request() == in_form  # the edit is still there
    assert views.edit_session.original is not None  # and Bind still replaces the widget


def test_an_edit_whose_answer_is_lost_says_so_and_the_refresh_shows_the_truth(
    views: ManageViews,
    sandbox_window: MainWindow,
    sandbox: SandboxPortal,
    sandbox_app: SandboxApp,
    dialogs: RecordingDialogs,
    seeded: None,
    qtbot: QtBot,
) -> None:
    _start_edit(views, sandbox_window, qtbot)
    _set_first_language_title(sandbox_window, "Toolbox")
    sandbox.inject(Fault.drop(), method="batch")  # the portal runs it; the answer is lost

    outcome = _edit_outcome(views, sandbox_window, qtbot)

    assert isinstance(outcome, EditOutcome) and outcome.outcome is Outcome.UNKNOWN
    (dialog,) = dialogs.of_type(ErrorDialog)
    assert isinstance(dialog, ErrorDialog) and "did not answer" in dialog.error.summary
    assert dialog.error.advice.startswith("Press Refresh in Installed widgets")
    assert sandbox_window.form.request().lang_rows[0].title == "Toolbox"
    titles = [w.shown_title() for w in shown_widgets(views) if w.placement == "IM_SIDEBAR"]
    assert titles == ["Toolbox"]  # the batch ran: the table shows what the portal has


def test_binding_a_new_handler_is_a_plain_bind(
    views: ManageViews, sandbox_window: MainWindow, sandbox: SandboxPortal, qtbot: QtBot
) -> None:
    refresh(views, qtbot)
    sandbox_window.form.set_request(SIDEBAR)

    with refreshed(views, qtbot):  # the list follows every change once it was read
        bind(sandbox_window, qtbot)

    assert [c.method for c in sandbox.received if c.method != "placement.get"][:1] == [
        "placement.bind"
    ]
    assert [w.handler for w in shown_widgets(views)] == [f"{APP}/sidebar"]


# -- duplicate and export ----------------------------------------------------------------------


def test_copy_handler_adds_a_free_copy_number_and_keeps_the_query_and_fragment() -> None:
    assert copy_handler("https://a.example/x", []) == "https://a.example/x?copy=1"
    assert copy_handler("https://a.example/x?n=1#top", []) == "https://a.example/x?n=1&copy=1#top"
    taken = ["https://a.example/x?copy=1", "https://a.example/x?copy=2"]
    assert copy_handler("https://a.example/x?copy=1", taken) == "https://a.example/x?copy=3"


def test_duplicate_loads_a_copy_that_binds_as_a_second_widget(
    views: ManageViews,
    sandbox_window: MainWindow,
    sandbox: SandboxPortal,
    sandbox_app: SandboxApp,
    seeded: None,
    qtbot: QtBot,
) -> None:
    refresh(views, qtbot)
    original = select_handler(views, f"{APP}/sidebar")

    button(views, "duplicateWidgetButton").click()

    request = sandbox_window.form.request()
    assert request == original.request().with_changes(handler=f"{APP}/sidebar?copy=1")
    assert not views.panel.edit_banner.isVisibleTo(views.panel)
    with refreshed(views, qtbot):
        bind(sandbox_window, qtbot)
    sidebars = sorted(w.handler for w in shown_widgets(views) if w.placement == "IM_SIDEBAR")
    assert sidebars == [f"{APP}/sidebar", f"{APP}/sidebar?copy=1"]
    assert len(handlers_on(sandbox, sandbox_app)) == 4


def test_export_writes_all_widgets_or_the_selected_ones_to_a_manifest(
    views: ManageViews,
    sandbox: SandboxPortal,
    sandbox_app: SandboxApp,
    seeded: None,
    tmp_path: Path,
    qtbot: QtBot,
) -> None:
    refresh(views, qtbot)
    views.actions.files = files = FixedManifestFiles(tmp_path / "all.json")
    with qtbot.waitSignal(views.actions.exported):
        button(views, "exportButton").click()
    assert Manifest.load(tmp_path / "all.json") == Manifest.from_portal(
        sandbox.bindings(sandbox_app.client_id)
    )

    select_handler(views, f"{APP}/sidebar")
    files.path = tmp_path / "one.json"
    with qtbot.waitSignal(views.actions.exported):
        button(views, "exportButton").click()
    (entry,) = sidebar_entries(sandbox, sandbox_app)
    assert Manifest.load(tmp_path / "one.json") == Manifest.from_portal([entry])
    assert files.asked == ["Export 3 widgets to a manifest", "Export 1 widget to a manifest"]


def test_choosing_another_profile_forgets_the_list_and_the_edit(
    views: ManageViews, sandbox_window: MainWindow, seeded: None, qtbot: QtBot
) -> None:
    _start_edit(views, sandbox_window, qtbot)
    sandbox_window.connection.profile_combo.setCurrentIndex(-1)

    assert views.model.rowCount() == 0 and views.edit_session.original is None
    assert not button(views, "refreshButton").isEnabled()


def test_stop_editing_makes_the_next_bind_a_plain_bind(
    views: ManageViews,
    sandbox_window: MainWindow,
    sandbox: SandboxPortal,
    dialogs: RecordingDialogs,
    seeded: None,
    qtbot: QtBot,
) -> None:
    _start_edit(views, sandbox_window, qtbot)
    sandbox_window.form.set_request(
        sandbox_window.form.request().with_changes(handler=f"{APP}/sidebar-two")
    )
    profile = sandbox_window.current_profile()
    assert profile is not None
    # While editing, a bind with a new handler moves the edited widget.
    moved = views.edit_session.original_for(profile, sandbox_window.form.request())
    assert moved is not None and moved == views.edit_session.original

    button(views, "stopEditButton").click()

    assert views.edit_session.original is None
    assert not views.panel.edit_banner.isVisibleTo(views.panel)
    with refreshed(views, qtbot):
        outcome = bind(sandbox_window, qtbot)
    assert not isinstance(outcome, Exception)
    handlers = sorted(w.handler for w in shown_widgets(views) if w.placement == "IM_SIDEBAR")
    assert handlers == [f"{APP}/sidebar", f"{APP}/sidebar-two"]  # the original stays


INTERACTIVE = (QAbstractButton, QComboBox, QLineEdit, QAbstractSpinBox, QAbstractItemView)


def test_every_interactive_part_of_the_docks_and_the_sync_dialog_has_a_name_and_tip(
    views: ManageViews, sandbox_window: MainWindow, tmp_path: Path, qtbot: QtBot
) -> None:
    refresh(views, qtbot)
    path = tmp_path / "m.json"
    Manifest((SIDEBAR,)).save(path)
    views.actions.files = FixedManifestFiles(path)
    button(views, "importButton").click()
    dialog = views.actions.sync_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.state == "ready", timeout=CALL_TIMEOUT_MS)

    roots = [views.installed_dock, views.activity_dock, dialog]
    parts = [w for root in roots for kind in INTERACTIVE for w in root.findChildren(kind)]
    assert parts and [p.objectName() for p in parts if not p.accessibleName()] == []
    named = [p for p in parts if p.objectName() and not p.objectName().startswith("qt_")]
    assert [p.objectName() for p in named if not p.toolTip()] == []
