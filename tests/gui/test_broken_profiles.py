"""One broken entry in the profiles file: the window still offers every good profile, lists the
broken one in the profile combo with its reason, and removes it on request."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from b24admin.core.profile_service import ProfileService
from b24admin.core.profiles import AuthKind, Profile
from b24admin.core.secrets import SecretKind
from b24admin.gui.dialogs import RecordingDialogs
from tests.gui.conftest import WindowFactory
from tests.gui.form_filling import child

BAD = {"name": "Old portal", "auth": "webhook", "portal_url": "ftp://old.example.com"}


def test_the_broken_profile_is_listed_with_its_reason_and_can_be_removed(
    make_window: WindowFactory, service: ProfileService, config_dir: Path, qtbot: QtBot
) -> None:
    good = Profile("Production", AuthKind.WEBHOOK, "https://a.bitrix24.com")
    service.save(good, {SecretKind.WEBHOOK_URL: "https://a.bitrix24.com/rest/1/abcdef123456/"})
    path = config_dir / "profiles.json"
    document = json.loads(path.read_text("utf-8"))
    document["profiles"].append(BAD)
    path.write_text(json.dumps(document), "utf-8")

    window = make_window(dialogs=RecordingDialogs(confirm_answer=True))
    combo = child(window, QComboBox, "profileCombo")
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "Production — incoming webhook",
        "Old portal (broken)",
    ]
    assert "not a valid web address" in str(combo.itemData(1, Qt.ItemDataRole.ToolTipRole))
    assert window.connection.current_profile_name() == "Production"  # the good one works

    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    status = child(window, QLabel, "connectionStatus")
    qtbot.waitUntil(lambda: "Old portal" in status.text())
    assert "profile remove" in status.text()
    assert not child(window, QPushButton, "editProfileButton").isEnabled()
    remove = child(window, QPushButton, "removeProfileButton")
    assert remove.isEnabled()

    with qtbot.waitSignal(window.profilesReloaded, timeout=10_000):
        remove.click()
    assert [combo.itemText(i) for i in range(combo.count())] == ["Production — incoming webhook"]
    entries = json.loads(path.read_text("utf-8"))["profiles"]
    assert [entry["name"] for entry in entries] == ["Production"]
