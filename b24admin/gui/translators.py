"""Qt's side of the languages: ``tr()`` answered from the gettext catalogue, and Qt's own words.

Widgets say ``self.tr("...")``; :class:`CatalogueTranslator` routes every such call into
b24admin's one gettext catalogue (b24admin/core/i18n.py), so a sentence has one translation
whether the CLI or the window says it. Qt's own dialogs, standard buttons and the context menus
of text fields come from the ``qtbase_<lang>.qm`` files PySide6 ships. Both are installed before
the first widget is built, so nothing has to be re-translated afterwards.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from b24admin.core import i18n


class CatalogueTranslator(QTranslator):
    """A QTranslator whose answers come from the gettext catalogue in use.

    Qt asks the most recently installed translator first and takes its first non-null answer.
    A Python str never reaches Qt as a null string, so this one answers every text (the source
    when the catalogue has none) and is installed first: Qt's own translator, installed after
    it, is asked first and answers Qt's words.
    """

    def translate(
        self,
        context: str,
        source_text: str,
        disambiguation: str | None = None,
        n: int = -1,
    ) -> str:
        return i18n._(source_text) if source_text else source_text

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name; an empty translator is skipped
        return False


def qt_locale(code: str) -> QLocale:
    """The QLocale for a catalogue code (the pseudo-language formats like English)."""
    return QLocale("en_US" if code in (i18n.PSEUDO, i18n.SOURCE_LANGUAGE) else code)


def install_translators(app: QCoreApplication, code: str) -> list[QTranslator]:
    """Install the catalogue's translator and Qt's own for ``code``; returns them (keep them
    alive as long as the application: Qt does not own installed translators)."""
    QLocale.setDefault(qt_locale(code))  # dates and numbers follow the chosen language
    ours = CatalogueTranslator(app)
    app.installTranslator(ours)
    installed: list[QTranslator] = [ours]
    if code not in (i18n.PSEUDO, i18n.SOURCE_LANGUAGE):
        qt_own = QTranslator(app)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt_own.load(QLocale(code), "qtbase", "_", folder):
            app.installTranslator(qt_own)
            installed.append(qt_own)
    return installed


def setup_gui_language(app: QCoreApplication) -> list[QTranslator]:
    """Choose the language (the system's from Qt's ``uiLanguages``), load it, install both."""
    code = i18n.setup(system=QLocale.system().uiLanguages())
    return install_translators(app, code)


# Qt names the language of its default territory with the territory ("American English",
# "español de España"); a language menu says the language alone.
_PLAIN_NAMES = {"en": "English", "es": "Español"}


def language_name(code: str) -> str:
    """A language's name in its own words (Deutsch, Русский, Português (Brasil)), for
    View → Language; a code with a region names the region too."""
    if code == i18n.PSEUDO:
        return "Pseudo"
    locale = QLocale(code)
    name = _PLAIN_NAMES.get(code) or locale.nativeLanguageName()
    if "_" in code and locale.nativeTerritoryName() not in name:
        name = f"{name} ({locale.nativeTerritoryName()})"
    return name[:1].upper() + name[1:] if name else code
