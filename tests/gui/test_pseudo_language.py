"""The pseudo-language walk: with B24ADMIN_LANGUAGE=pseudo every text b24admin shows is bracketed
and accented, so a text still in plain English has bypassed the catalogue (built by
concatenation, an f-string inside tr(), or never marked)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from b24admin.core import i18n
from b24admin.core.catalogue import load_catalogue
from b24admin.core.profiles import Profile
from b24admin.gui.dialogs import RecordingDialogs
from b24admin.gui.main_window import MainWindow
from b24admin.gui.translators import install_translators
from tests.gui.conftest import WindowFactory

PSEUDO_END = "~]"  # every pseudo-translated text ends so (see core/i18n.py pseudo())
# Texts that are data, not words: codes, URLs, numbers, names the user typed, the app's name.
DATA = re.compile(
    r"^([A-Z0-9_{}<>;:.,\-\s]*|((GET|POST) )?https?://\S*|[\d\s.,:%/()—–-]*|b24admin.*"
    r"|fa-[a-z-]+|#[0-9a-f]{6})$"
)
# View → Language names each language in its own words, whatever the language in use.
OWN_NAMES = re.compile(r"QMenu#languageMenu/language_(?!system)")


@pytest.fixture
def pseudo_window(
    qapp: QApplication, make_window: WindowFactory, sandbox_profile: Profile, qtbot: QtBot
) -> Iterator[MainWindow]:
    i18n.use_language(i18n.PSEUDO)
    translators = install_translators(qapp, i18n.PSEUDO)
    load_catalogue.cache_clear()  # the placement titles are translated as the catalogue loads
    try:
        window = make_window(catalogue=load_catalogue())
        assert window.connection.current_profile_name() == sandbox_profile.name
        window.form  # noqa: B018 - builds the bind form (and its option editors)
        window.language_menu.actions  # noqa: B018 - fills View → Language
        yield window
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        i18n.use_language(i18n.SOURCE_LANGUAGE)
        load_catalogue.cache_clear()
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))


def _texts(root: QWidget, profile_name: str) -> Iterator[tuple[str, str]]:
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        name = f"{type(widget).__name__}#{widget.objectName()}"
        yield name + ".toolTip", widget.toolTip()
        yield name + ".accessibleName", widget.accessibleName()
        if isinstance(widget, (QLabel, QAbstractButton)):
            yield name + ".text", widget.text()
        if isinstance(widget, QLineEdit):
            yield name + ".placeholderText", widget.placeholderText()
        if isinstance(widget, QGroupBox):
            yield name + ".title", widget.title()
        if isinstance(widget, QMenu):
            yield name + ".title", widget.title()
            for action in widget.actions():
                yield f"{name}/{action.objectName()}.text", action.text()
                yield f"{name}/{action.objectName()}.toolTip", action.toolTip()
        if isinstance(widget, QComboBox) and widget.objectName() != "profileCombo":
            for row in range(widget.count()):
                yield f"{name}[{row}]", widget.itemText(row)
    yield "windowTitle", root.windowTitle()


def bypasses(root: QWidget, profile_name: str) -> list[str]:
    found = []
    for where, text in _texts(root, profile_name):
        if OWN_NAMES.match(where):
            continue
        plain = text.replace(profile_name, "").strip()
        if not plain or PSEUDO_END in plain or "[" in plain or DATA.fullmatch(plain):
            continue
        if re.fullmatch(r"[\w.@+-]+", plain) and not plain.isalpha():
            continue  # an identifier-like value (client id, handler file name)
        found.append(f"{where}: {text!r}")
    return sorted(set(found))


def test_no_text_in_the_window_and_its_menus_bypasses_the_catalogue(
    pseudo_window: QWidget, sandbox_profile: Profile
) -> None:
    found = bypasses(pseudo_window, sandbox_profile.name)
    assert found == [], "\n".join(found)


def test_no_text_in_the_profile_dialog_and_about_box_bypasses_the_catalogue(
    pseudo_window: MainWindow, sandbox_profile: Profile, dialogs: RecordingDialogs, qtbot: QtBot
) -> None:
    found = []
    profile_dialog = pseudo_window.open_profile_dialog(None)  # deletes itself when closed
    found += bypasses(profile_dialog, sandbox_profile.name)
    profile_dialog.close()
    pseudo_window.menus.about.trigger()
    for box in dialogs.of_type(QMessageBox):
        found += [b for b in bypasses(box, sandbox_profile.name) if "keyring" not in b.lower()]
    assert found == [], "\n".join(found)


def test_the_walk_sees_translated_texts_and_would_catch_a_bypass(
    pseudo_window: QWidget, sandbox_profile: Profile, qtbot: QtBot
) -> None:
    texts = [text for _where, text in _texts(pseudo_window, sandbox_profile.name)]
    assert sum(PSEUDO_END in t for t in texts) > 50  # the window really speaks pseudo
    planted = QLabel("Register a widget", pseudo_window)
    planted.setObjectName("plantedBypass")
    assert any("plantedBypass" in b for b in bypasses(pseudo_window, sandbox_profile.name))
