"""USER_ID chosen by name: the search field beside the id spin box asks the real sandbox portal
(user.search, user.get) in a worker after a pause in typing, lists the people in a popup, and
the person picked is what the form sends. Keys go where a keyboard sends them: to the open
popup while it is open, else to the focused widget."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from b24admin.core.bind_request import BindRequest
from b24admin.core.profile_service import ProfileService
from b24admin.gui.form import BindForm
from b24admin.gui.form.user_search import USER_ID_ROLE, UserSearchBox
from b24admin.gui.main_window import MainWindow
from b24admin.sandbox import SandboxPortal
from b24admin.sandbox.faults import Fault
from tests.gui.conftest import OFFSCREEN_NOISE, WindowFactory, save_sandbox_profile
from tests.gui.form_filling import choose_placement

PEOPLE = (
    (7, "Anna", "Petrova", "anna@example.com"),
    (8, "Boris", "Annenkov", "b@example.com"),
    (9, "Clara", "Schmidt", "c@example.com"),
)
# An open popup grabs the keyboard and raises itself, which the offscreen platform cannot do.
popup_noise = pytest.mark.qt_log_ignore(
    "This plugin does not support (raise|grabbing the keyboard)", OFFSCREEN_NOISE
)

ANNA = "Anna Petrova <anna@example.com> (7)"
BORIS = "Boris Annenkov <b@example.com> (8)"
CLARA = "Clara Schmidt <c@example.com> (9)"


def key_target() -> QWidget:
    """Where a key from the keyboard goes: the open popup, else the focused widget."""
    widget = QApplication.activePopupWidget() or QApplication.focusWidget()
    assert widget is not None, "nothing has focus"
    return widget


def press(qtbot: QtBot, key: Qt.Key | str) -> None:
    qtbot.keyClick(key_target(), key)
    QApplication.processEvents()


def type_text(qtbot: QtBot, text: str) -> None:
    for character in text:
        press(qtbot, character)


def searches(sandbox: SandboxPortal) -> list[tuple[str, dict[str, Any]]]:
    return [
        (call.method, call.params)
        for call in sandbox.received
        if call.method in ("user.search", "user.get")
    ]


def listed(box: UserSearchBox) -> list[str]:
    return [box.model.index(row, 0).data() for row in range(box.model.rowCount())]


def add_people(sandbox: SandboxPortal) -> None:
    for user_id, name, last_name, email in PEOPLE:
        sandbox.add_user(user_id, admin=False, name=name, last_name=last_name, email=email)


def search_box(window: MainWindow, qtbot: QtBot) -> UserSearchBox:
    """The form set for PAGE_BACKGROUND_WORKER (the placement with user mode), the focus in
    the search field, reached by Tab from the id spin box as a person would."""
    form = window.form
    choose_placement(form, "PAGE_BACKGROUND_WORKER")
    box = form.user_search
    form.user_id_spin.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(form.user_id_spin.hasFocus)
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is box.edit
    return box


def wait_idle(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=15_000)


@pytest.fixture
def window(sandbox: SandboxPortal, sandbox_window: MainWindow) -> MainWindow:
    add_people(sandbox)
    sandbox.received.clear()
    return sandbox_window


@popup_noise
def test_a_pause_in_typing_searches_once_and_the_person_picked_is_sent(
    window: MainWindow, sandbox: SandboxPortal, qtbot: QtBot
) -> None:
    box = search_box(window, qtbot)
    type_text(qtbot, "ann")
    qtbot.waitUntil(box.popup.isVisible, timeout=10_000)
    assert searches(sandbox) == [("user.search", {"FIND": "ann"})]  # one call, not one a key
    assert listed(box) == [ANNA, BORIS]
    assert box.popup.accessibleName() == "Users found"
    assert not box.popup.currentIndex().isValid()  # nothing is chosen until the user does
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Return)
    assert not box.popup.isVisible()
    form = window.form
    assert form.user_id_spin.value() == 8
    assert box.edit.text() == BORIS  # the row says who it is: name, e-mail and id
    assert form.request().to_wire()["USER_ID"] == 8
    assert '"USER_ID": 8' in form.preview.text.toPlainText()
    assert QApplication.focusWidget() is box.edit


@popup_noise
def test_an_answer_for_an_older_text_is_ignored(
    window: MainWindow, sandbox: SandboxPortal, qtbot: QtBot
) -> None:
    box = search_box(window, qtbot)
    sandbox.inject(Fault.delay(1.5), method="user.search", times=1)  # "an" answers last
    type_text(qtbot, "an")
    qtbot.waitUntil(lambda: sandbox.runtime.faults.pending() == 0, timeout=10_000)
    assert box.status.text() == "Searching…"  # the request for "an" is on its way
    type_text(qtbot, "na")
    wait_idle(window, qtbot)
    assert [params["FIND"] for _method, params in searches(sandbox)] == ["anna", "an"]
    assert listed(box) == [ANNA]  # not Anna and Boris, the answer for "an"
    assert box.popup.isVisible()
    assert box.status.isHidden()


@popup_noise
def test_down_searches_at_once_opens_the_list_and_escape_closes_it(
    window: MainWindow, sandbox: SandboxPortal, qtbot: QtBot
) -> None:
    box = search_box(window, qtbot)
    type_text(qtbot, "9")
    press(qtbot, Qt.Key.Key_Down)  # no need to wait for the pause
    assert box.status.text() == "Searching…"
    qtbot.waitUntil(box.popup.isVisible, timeout=10_000)
    assert searches(sandbox) == [("user.get", {"ID": 9})]
    assert listed(box) == [CLARA]
    press(qtbot, Qt.Key.Key_Escape)
    assert not box.popup.isVisible()
    assert box.edit.text() == "9"  # closing the list keeps what was typed
    press(qtbot, Qt.Key.Key_Down)  # opens the same list again, with no new call
    assert box.popup.isVisible()
    assert len(searches(sandbox)) == 1
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Return)
    assert window.form.user_id_spin.value() == 9


@popup_noise
def test_an_e_mail_is_looked_up_with_user_get_and_enter_takes_a_single_match(
    window: MainWindow, sandbox: SandboxPortal, qtbot: QtBot
) -> None:
    box = search_box(window, qtbot)
    type_text(qtbot, "anna@exa")
    qtbot.waitUntil(box.popup.isVisible, timeout=10_000)
    assert searches(sandbox) == [("user.get", {"FILTER": {"%EMAIL": "anna@exa"}})]
    press(qtbot, Qt.Key.Key_Escape)
    press(qtbot, Qt.Key.Key_Return)  # the list closed, one match: Enter takes it
    assert window.form.user_id_spin.value() == 7
    assert box.edit.text() == ANNA


def test_nobody_found_is_said_beside_the_field(
    window: MainWindow, sandbox: SandboxPortal, qtbot: QtBot
) -> None:
    box = search_box(window, qtbot)
    window.form.user_id_spin.setValue(7)
    qtbot.waitUntil(lambda: box.edit.text() == ANNA, timeout=10_000)  # who 7 is, looked up
    qtbot.keyClick(key_target(), "a", Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, "zed")
    qtbot.waitUntil(lambda: box.status.text().startswith("No user"), timeout=10_000)
    assert box.status.text() == "No user matches “zed”."
    assert box.status.isVisible() and not box.popup.isVisible()
    assert window.form.user_id_spin.value() == 7  # nothing changed by itself


@popup_noise
def test_all_users_stays_choosable_and_an_id_changed_by_hand_drops_the_name(
    window: MainWindow, sandbox: SandboxPortal, qtbot: QtBot
) -> None:
    box = search_box(window, qtbot)
    type_text(qtbot, "clara")
    qtbot.waitUntil(box.popup.isVisible, timeout=10_000)
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Return)
    spin = window.form.user_id_spin
    assert (spin.value(), box.edit.text()) == (9, CLARA)
    press(qtbot, Qt.Key.Key_Backtab)  # back to the spin box
    assert QApplication.focusWidget() in (spin, *spin.findChildren(QWidget))
    qtbot.keyClick(key_target(), "a", Qt.KeyboardModifier.ControlModifier)
    press(qtbot, "0")  # the minimum: "All users"
    assert spin.value() == 0
    press(qtbot, Qt.Key.Key_Tab)  # editing done: the spin box names the value
    assert spin.text() == "All users"
    assert box.edit.text() == ""  # it named a user who is no longer the value
    assert "USER_ID" not in window.form.request().to_wire()


def test_an_id_typed_into_the_spin_box_says_who_it_is(
    window: MainWindow, sandbox: SandboxPortal, qtbot: QtBot
) -> None:
    box = search_box(window, qtbot)
    spin = window.form.user_id_spin
    press(qtbot, Qt.Key.Key_Backtab)
    qtbot.keyClick(key_target(), "a", Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, "9")
    qtbot.waitUntil(lambda: box.edit.text() == CLARA, timeout=10_000)
    assert spin.value() == 9 and not box.popup.isVisible()  # said, not offered
    assert searches(sandbox) == [("user.get", {"ID": 9})]
    type_text(qtbot, "5")  # 95: nobody
    qtbot.waitUntil(lambda: box.status.text().startswith("No user has"), timeout=10_000)
    assert box.status.text() == "No user has the id 95 on this portal."
    assert box.edit.text() == "" and spin.value() == 95  # the id stays as typed
    assert len(searches(sandbox)) == 2  # one lookup a pause, not one a digit


def test_a_loaded_draft_says_who_its_user_is_and_another_portal_asks_again(
    window: MainWindow, sandbox: SandboxPortal, qtbot: QtBot
) -> None:
    form = window.form
    form.set_request(
        BindRequest(
            placement="PAGE_BACKGROUND_WORKER",
            handler="https://widgets.example.com/worker",
            user_id=8,
        )
    )
    box = form.user_search
    qtbot.waitUntil(lambda: box.edit.text() == BORIS, timeout=10_000)
    form.set_endpoint("http://127.0.0.1:9/elsewhere", "oauth")  # user 8 there is not Boris
    assert box.edit.text() == ""
    assert form.user_id_spin.value() == 8  # the value stays; only who it is is asked again


def test_a_token_without_a_user_scope_says_to_type_the_id(
    sandbox: SandboxPortal, service: ProfileService, make_window: WindowFactory, qtbot: QtBot
) -> None:
    add_people(sandbox)
    window = make_window_for(sandbox, service, make_window, ("placement",))
    box = search_box(window, qtbot)
    window.form.user_id_spin.setValue(5)
    qtbot.waitUntil(lambda: box.status.text().startswith("This token"), timeout=10_000)
    assert "user_brief" in box.status.text()  # who 5 is cannot be looked up either
    type_text(qtbot, "ann")
    qtbot.waitUntil(lambda: "Type the user id instead" in box.status.text(), timeout=10_000)
    assert box.status.text().startswith("This token")
    assert box.status.property("problem") is True
    assert box.edit.text() == "ann" and window.form.user_id_spin.value() == 5  # nothing lost
    [call] = [c for c in sandbox.received if c.method == "user.search"]  # and one user.get
    assert call.response is not None and call.response["error"] == "insufficient_scope"


@popup_noise
def test_the_user_brief_scope_is_enough_and_shows_names_without_e_mail(
    sandbox: SandboxPortal, service: ProfileService, make_window: WindowFactory, qtbot: QtBot
) -> None:
    add_people(sandbox)
    window = make_window_for(sandbox, service, make_window, ("placement", "user_brief"))
    box = search_box(window, qtbot)
    type_text(qtbot, "ann")
    qtbot.waitUntil(box.popup.isVisible, timeout=10_000)
    assert listed(box) == ["Anna Petrova (7)", "Boris Annenkov (8)"]
    assert [box.model.index(row, 0).data(USER_ID_ROLE) for row in range(2)] == [7, 8]


@popup_noise
def test_a_portal_that_does_not_answer_is_said_and_nothing_is_lost(
    window: MainWindow, sandbox: SandboxPortal, qtbot: QtBot
) -> None:
    box = search_box(window, qtbot)
    window.form.user_id_spin.setValue(3)
    qtbot.waitUntil(lambda: box.status.text().startswith("No user has"), timeout=10_000)
    sandbox.inject(Fault.drop(), method="user.search", times=5)  # every attempt
    type_text(qtbot, "ann")
    qtbot.waitUntil(lambda: box.status.text().endswith("type the id instead."), timeout=15_000)
    assert box.status.property("problem") is True
    assert box.status.text().endswith("You can type the id instead.")
    assert box.status.toolTip()  # what to do, from the error catalogue
    assert box.edit.text() == "ann" and window.form.user_id_spin.value() == 3
    assert box.edit.isEnabled()  # another try is one key away
    sandbox.runtime.faults.clear()  # the portal answers again
    press(qtbot, "a")
    qtbot.waitUntil(box.popup.isVisible, timeout=10_000)
    assert listed(box) == [ANNA]


def test_an_answer_that_arrives_after_the_portal_changed_is_dropped(
    window: MainWindow, sandbox: SandboxPortal, qtbot: QtBot
) -> None:
    box = search_box(window, qtbot)
    sandbox.inject(Fault.delay(1.0), method="user.search", times=1)
    type_text(qtbot, "ann")
    qtbot.waitUntil(lambda: sandbox.runtime.faults.pending() == 0, timeout=10_000)
    window.form.set_endpoint("https://other.example.com", "oauth")
    assert box.status.isHidden()
    wait_idle(window, qtbot)
    assert listed(box) == [] and not box.popup.isVisible()


def test_the_search_is_disabled_with_its_reason_when_it_cannot_run(
    window: MainWindow, qtbot: QtBot
) -> None:
    form = window.form
    box = form.user_search
    choose_placement(form, "IM_SIDEBAR")  # no user mode: USER_ID is not sent at all
    assert not box.edit.isEnabled() and not form.user_id_spin.isEnabled()
    assert "Only PAGE_BACKGROUND_WORKER" in box.edit.toolTip()
    choose_placement(form, "PAGE_BACKGROUND_WORKER")
    assert box.edit.isEnabled()
    assert "Down opens the list" in box.edit.toolTip()
    form.set_unavailable("The keyring has no access token for this profile.")
    assert not box.edit.isEnabled()
    assert box.edit.toolTip() == "The keyring has no access token for this profile."
    assert form.user_id_spin.isEnabled()  # the id can still be typed
    form.set_unavailable("")
    assert box.edit.isEnabled()


def test_without_a_profile_the_search_says_to_choose_one(qtbot: QtBot, catalogue: Any) -> None:
    form = BindForm(catalogue)
    qtbot.addWidget(form)
    form.show()
    choose_placement(form, "PAGE_BACKGROUND_WORKER")
    box = form.user_search
    assert not box.edit.isEnabled()
    assert box.edit.toolTip().startswith("Choose a connection profile")
    assert form.user_id_spin.isEnabled()
    form.set_endpoint("https://portal.example.com", "oauth")
    assert box.edit.isEnabled()


def make_window_for(
    sandbox: SandboxPortal,
    service: ProfileService,
    make_window: WindowFactory,
    scopes: tuple[str, ...],
) -> MainWindow:
    """A window whose profile is a sandbox application with only these scopes."""
    app = sandbox.register_app("local.scoped.1", scopes=scopes)
    tokens = sandbox.issue_tokens(app.client_id)
    save_sandbox_profile(service, sandbox, "Scoped app", app, tokens)
    window = make_window()
    assert window.connection.current_profile_name() == "Scoped app"
    sandbox.received.clear()
    return window


def test_the_status_line_keeps_its_room_where_the_search_works(
    window: MainWindow, qtbot: QtBot
) -> None:
    box = search_box(window, qtbot)
    quiet = box.sizeHint().height()
    type_text(qtbot, "zed")
    qtbot.waitUntil(lambda: box.status.text().startswith("No user"), timeout=10_000)
    assert box.sizeHint().height() == quiet  # the line was kept: nothing below jumps
    choose_placement(window.form, "IM_SIDEBAR")  # no search here: the form gets the room
    assert box.sizeHint().height() < quiet
