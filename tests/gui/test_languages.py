"""The window's languages: tr() answered from the gettext catalogue, Qt's own words from the
translations Qt ships, View → Language, and the activity log's clock and numbers."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from b24admin.core import i18n
from b24admin.core.activity_log import ActivityEntry
from b24admin.gui.dialogs import RecordingDialogs
from b24admin.gui.manage.log_pane import ActivityModel
from b24admin.gui.translators import install_translators
from tests.gui.conftest import WindowFactory
from tests.gui.profile_dialog_support import DialogEnv, button, dialog_env


@pytest.fixture
def speak(qapp: QApplication, language: Callable[[str], str]) -> Iterator[Callable[[str], None]]:
    """Switch the catalogue and install the window's translators; all undone afterwards."""
    installed = []

    def switch(code: str) -> None:
        language(code)
        installed.extend(install_translators(qapp, code))

    yield switch
    for translator in installed:
        qapp.removeTranslator(translator)
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))


def test_widget_tr_is_answered_from_the_gettext_catalogue(
    speak: Callable[[str], None], qtbot: QtBot
) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    assert widget.tr("&Quit") == "&Quit"
    speak("pseudo")
    assert widget.tr("&Quit") == i18n.pseudo("&Quit")
    assert QCoreApplication.translate("AnyContext", "&Quit") == i18n.pseudo("&Quit")


def test_qt_own_buttons_speak_german_from_the_translations_qt_ships(
    speak: Callable[[str], None], qtbot: QtBot
) -> None:
    speak("de")
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    button = box.button(QDialogButtonBox.StandardButton.Cancel)
    assert isinstance(button, QPushButton)
    assert button.text().replace("&", "") == "Abbrechen"


def _entry(started_at: float, duration: float) -> ActivityEntry:
    return ActivityEntry(
        started_at=started_at,
        method="placement.get",
        outcome="ok",
        http_status=200,
        duration=duration,
        url="http://x/",
    )


def test_activity_log_clock_and_numbers_follow_the_chosen_locale(
    speak: Callable[[str], None],
) -> None:
    entry = _entry(1_700_000_000.25, 1.5)
    english = ActivityModel.texts(entry)
    assert english[4] == "1,500 ms"
    assert english[0].endswith(("AM", "PM")) and ".250" in english[0]
    speak("de")
    german = ActivityModel.texts(entry)
    assert german[4] == "1.500 ms"
    assert "AM" not in german[0] and "PM" not in german[0] and ".250" in german[0]


def test_view_language_lists_every_shipped_language_and_saves_the_choice(
    make_window: WindowFactory, dialogs: RecordingDialogs, config_dir: Path
) -> None:
    window = make_window()
    menu = window.language_menu
    assert menu.menu.actions() == []  # filled when first opened, not at start-up
    menu.menu.aboutToShow.emit()
    assert len([a for a in menu.menu.actions() if not a.isSeparator()]) == len(menu.actions)
    assert set(menu.actions) == {"", *i18n.shipped_languages()}
    assert menu.actions[""].isChecked()  # nothing saved: the system's language
    assert menu.actions["de"].text() == "Deutsch"
    assert menu.actions["ru"].text() == "Русский"
    menu.actions["de"].trigger()
    assert i18n.saved_language() == "de"
    [box] = [d for d in dialogs.of_type(QMessageBox) if d.objectName() == "languageRestartDialog"]
    assert isinstance(box, QMessageBox)
    assert "starts again" in box.text()  # the window says when the choice applies
    menu.actions[""].trigger()
    assert i18n.saved_language() is None
    view = [a.text() for a in window.menuBar().actions()]
    assert view.index("&View") == view.index("&Help") - 1


def _headers(table: QTableView) -> list[str]:
    header = table.horizontalHeader()
    model = header.model()
    return [
        model.headerData(section, Qt.Orientation.Horizontal) for section in range(header.count())
    ]


def test_the_installed_and_activity_tables_have_german_column_headers(
    speak: Callable[[str], None], make_window: WindowFactory, qtbot: QtBot
) -> None:
    speak("de")
    window = make_window()
    window.manage.build()  # the docks fill after the first paint; do not wait for it
    installed = window.findChild(QTableView, "installedTable")
    activity = window.findChild(QTableView, "activityLog")
    assert isinstance(installed, QTableView) and isinstance(activity, QTableView)
    assert _headers(installed) == [
        "Platzierung",
        "Handler",
        "Nutzer",
        "Titel",
        "Sprachen",
        "Optionen",
    ]
    assert _headers(activity) == ["Zeit", "Methode", "Ergebnis", "HTTP", "Dauer", "Adresse"]


@pytest.fixture
def env(qtbot: QtBot, config_dir: Path) -> Iterator[DialogEnv]:
    yield from dialog_env(qtbot, config_dir)


def test_sign_in_names_what_is_missing_as_a_list_in_the_chosen_language(
    speak: Callable[[str], None], env: DialogEnv
) -> None:
    dialog = env.open()
    status = dialog.findChild(QLabel, "signInStatusLabel")
    assert isinstance(status, QLabel)
    sign_in = button(dialog, "signInButton")
    sign_in.click()
    assert status.text() == "Enter the portal URL, the client ID and the client secret first."
    speak("ru")
    sign_in.click()
    assert status.text() == "Сначала введите адрес портала, ID клиента и секрет клиента."


def test_the_sync_plan_and_its_outcomes_read_in_german(
    speak: Callable[[str], None], qtbot: QtBot
) -> None:
    from b24admin.core.errors import B24Error
    from b24admin.core.sync import Action, ItemResult, Outcome, PlanItem, SyncPlan
    from b24admin.gui.manage.plan_view import SyncPlanView

    speak("de")
    added = PlanItem(Action.ADD, ("LEFT_MENU", "https://app.example.com/a", 0))
    changed = PlanItem(Action.CHANGE, ("PAGE_BACKGROUND_WORKER", "https://app.example.com/w", 7))
    kept = PlanItem(Action.KEEP, ("LEFT_MENU", "https://app.example.com/old", 0))
    view = SyncPlanView()
    qtbot.addWidget(view)
    view.set_plan(SyncPlan((added, changed, kept)))
    refused = B24Error(code="ERROR_CORE", summary="Abgelehnt.")
    view.show_result(ItemResult(added, Outcome.APPLIED))
    view.show_result(ItemResult(changed, Outcome.RESTORED, error=refused))
    shown = [
        (row.text(0), row.text(1), row.text(2))
        for row in (view.topLevelItem(i) for i in range(view.topLevelItemCount()))
        if row is not None
    ]
    assert shown == [
        ("+ hinzufügen", "LEFT_MENU → https://app.example.com/a", "angewendet"),
        (
            "~ ändern",
            "PAGE_BACKGROUND_WORKER → https://app.example.com/w (Nutzer 7)",
            "wiederhergestellt: Abgelehnt. [ERROR_CORE]; das Original wurde erneut registriert",
        ),
        ("? nicht im Manifest, bleibt", "LEFT_MENU → https://app.example.com/old", ""),
    ]
