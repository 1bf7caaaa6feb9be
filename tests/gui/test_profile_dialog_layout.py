"""The profile dialog keeps still while typing, a loopback portal issues its own tokens, the
profile selector names each profile's kind, and a new profile is used only when chosen."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from b24admin.core.credentials import DEFAULT_OAUTH_SERVER
from b24admin.core.profile_service import ProfileService
from b24admin.core.profiles import AuthKind, Profile
from b24admin.gui.profile.profile_dialog import ProfileDialog
from tests.gui.conftest import WindowFactory
from tests.gui.form_filling import child
from tests.gui.profile_dialog_support import DialogEnv, dialog_env

HOOK = "https://example.bitrix24.com/rest/1/abcd1234efgh5678/"


@pytest.fixture
def env(qtbot: QtBot, config_dir: Path) -> Iterator[DialogEnv]:
    yield from dialog_env(qtbot, config_dir)


def _type(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Key by key into the focused widget, the event loop turning between keys."""
    widget.setFocus()
    for char in text:
        qtbot.keyClick(widget, char)
        QApplication.processEvents()


def _clear(qtbot: QtBot, edit: QLineEdit) -> None:
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    QApplication.processEvents()


def test_the_dialog_height_stays_while_a_problem_comes_and_goes(env: DialogEnv) -> None:
    dialog = env.open()
    env.qtbot.waitExposed(dialog)
    height = dialog.height()
    portal = child(dialog, QLineEdit, "portalEdit")
    problem = child(dialog, QLabel, "portalProblem")
    heights = []
    seen_problem = False
    for char in "http://example.com":  # plain http for a real host: refused
        _type(env.qtbot, portal, char)
        heights.append(dialog.height())
        seen_problem = seen_problem or problem.isVisible()
    assert seen_problem and problem.isVisible()
    _clear(env.qtbot, portal)
    for char in "https://example.bitrix24.com":
        _type(env.qtbot, portal, char)
        heights.append(dialog.height())
    assert not problem.isVisible()
    assert set(heights) == {height}


def test_a_loopback_portal_is_its_own_token_server_until_another_is_typed(
    env: DialogEnv,
) -> None:
    dialog = env.open()
    portal = child(dialog, QLineEdit, "portalEdit")
    server = child(dialog, QLineEdit, "oauthServerEdit")
    assert server.text() == DEFAULT_OAUTH_SERVER
    _type(env.qtbot, portal, env.portal.base_url)
    assert server.text() == env.portal.base_url
    _clear(env.qtbot, portal)
    _type(env.qtbot, portal, "https://example.bitrix24.com")
    assert server.text() == DEFAULT_OAUTH_SERVER  # a cloud portal: the cloud token server
    _clear(env.qtbot, server)
    _type(env.qtbot, server, "https://oauth.example.org")
    _clear(env.qtbot, portal)
    _type(env.qtbot, portal, env.portal.base_url)
    assert server.text() == "https://oauth.example.org"  # the user's own server stays


def _save_two(service: ProfileService) -> None:
    service.store.save_profile(
        Profile(
            name="production",
            auth=AuthKind.OAUTH,
            portal_url="https://x.bitrix24.com",
            client_id="local.1",
        )
    )
    service.store.save_profile(
        Profile(name="hook", auth=AuthKind.WEBHOOK, portal_url="https://example.bitrix24.com")
    )


def test_the_profile_selector_names_each_profile_s_kind(
    make_window: WindowFactory, service: ProfileService
) -> None:
    _save_two(service)
    window = make_window()
    combo = child(window, QComboBox, "profileCombo")
    shown = {combo.itemData(i): combo.itemText(i) for i in range(combo.count())}
    assert shown == {
        "production": "production — local application",
        "hook": "hook — incoming webhook",
    }
    assert window.runner.wait_for_done(5000)


def _add_webhook_profile(qtbot: QtBot, dialog: ProfileDialog, name: str, use_now: bool) -> None:
    _type(qtbot, child(dialog, QLineEdit, "nameEdit"), name)
    kind = child(dialog, QComboBox, "authKindCombo")
    kind.setFocus()
    qtbot.keyClick(kind, Qt.Key.Key_Down)
    _type(qtbot, child(dialog, QLineEdit, "webhookEdit"), HOOK)
    check = child(dialog, QCheckBox, "useNowCheck")
    assert check.isVisible() and not check.isChecked()  # another profile is in use
    if use_now:
        check.setFocus()
        qtbot.keyClick(check, Qt.Key.Key_Space)
    assert dialog.save_button.isEnabled(), dialog.save_button.toolTip()


@pytest.mark.parametrize("use_now", [False, True])
def test_a_new_profile_is_used_only_when_the_user_chooses_it(
    make_window: WindowFactory, service: ProfileService, qtbot: QtBot, use_now: bool
) -> None:
    _save_two(service)
    window = make_window()
    assert window.connection.current_profile_name() == "production"
    dialog = window.open_profile_dialog(None)
    _add_webhook_profile(qtbot, dialog, "third", use_now)
    with qtbot.waitSignal(window.profilesReloaded, timeout=10_000):
        dialog.save_button.setFocus()
        qtbot.keyClick(dialog.save_button, Qt.Key.Key_Space)
    assert "third" in window.connection.profile_names()
    assert window.connection.current_profile_name() == ("third" if use_now else "production")
    assert window.runner.wait_for_done(5000)
