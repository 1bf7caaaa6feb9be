"""The one catalogue of words a user reads: gettext, Qt-free, shared by the CLI and the window.

Core and CLI code marks and translates text with :func:`_` (and :func:`ngettext` for counts);
text that lives in data is marked with :func:`N_` and translated where it is shown. Widgets keep
``self.tr()``: the window routes Qt's translation calls into this same catalogue
(gui/translators.py), so a sentence lives in one place whichever layer says it. Placeholders are
named (``{placement}``) and filled with ``str.format`` after translation, never by concatenating
pieces of a sentence.

One compiled catalogue per language: ``resources/locale/<code>/LC_MESSAGES/b24admin.mo``. A
language is shipped when its file is there, so adding one is one new file and no code. The
plural rule of each language comes from its catalogue's ``Plural-Forms`` header (Russian and
Polish have three forms). The language is chosen, first match wins, by:

1. ``B24ADMIN_LANGUAGE`` (``de``, ``pt_BR``, ``pseudo``; ``en`` for the source) — scripts, tests;
2. the choice saved from the window's View → Language (``<config_dir>/language``);
3. ``LANGUAGE`` (a colon-separated list), ``LC_ALL``, ``LC_MESSAGES``, ``LANG``, as gettext does;
4. the operating system's setting (the window passes Qt's ``QLocale.uiLanguages()``; without Qt,
   Windows' user interface language);
5. English.

An explicit choice in the window beats the desktop's locale: the person chose it in this app.
"""

from __future__ import annotations

import gettext
import os
import re
import sys
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path

LANGUAGE_ENV = "B24ADMIN_LANGUAGE"
DOMAIN = "b24admin"
SOURCE_LANGUAGE = "en"
PSEUDO = "pseudo"  # brackets and lengthens every string: shows text that bypassed the catalogue
LANGUAGE_FILE = "language"  # in the config dir: the View → Language choice, one code
_LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

_catalogue: gettext.NullTranslations = gettext.NullTranslations()
_language: str = SOURCE_LANGUAGE


def _(message: str) -> str:
    """Translate ``message`` into the chosen language (the English source when none is set)."""
    return _catalogue.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message with a count, choosing the language's plural form for ``n``."""
    return _catalogue.ngettext(singular, plural, n)


def N_(message: str) -> str:  # the conventional gettext no-op marker name
    """Mark ``message`` for translation without translating it here (text kept in data)."""
    return message


def current_language() -> str:
    """The code of the language in use (``en`` when nothing is translated)."""
    return _language


# --- which languages exist ----------------------------------------------------------------


@cache
def locale_dir() -> Path:
    """The folder holding ``<code>/LC_MESSAGES/b24admin.mo``: inside the installed package
    (b24admin/resources, see pyproject.toml) or beside it in a checkout. Found from this file's
    path, not importlib.resources, which costs ~40 ms on the window's start-up path."""
    package = Path(__file__).resolve().parents[1]
    for root in (package / "resources", package.parent / "resources"):
        if (root / "locale").is_dir():
            return root / "locale"
    return package / "resources" / "locale"


@cache
def shipped_languages() -> tuple[str, ...]:
    """The codes with a compiled catalogue, plus the English source; sorted, ``en`` first."""
    root = locale_dir()
    found = sorted(
        entry.name
        for entry in (root.iterdir() if root.is_dir() else ())
        if (entry / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file()
    )
    return (SOURCE_LANGUAGE, *(code for code in found if code != SOURCE_LANGUAGE))


def match_language(tag: str, available: Iterable[str]) -> str | None:
    """The shipped code a locale tag means, or None: ``de_DE.UTF-8`` → ``de``, ``pt-BR`` →
    ``pt_BR``, ``pt`` → ``pt_BR`` (the one Portuguese shipped), ``C``/``POSIX`` → ``en``."""
    available = tuple(available)
    tag = tag.strip().split(".")[0].split("@")[0].replace("-", "_")
    if not tag:
        return None
    if tag in ("C", "POSIX") or tag == PSEUDO:
        return SOURCE_LANGUAGE if tag != PSEUDO else PSEUDO
    language, _sep, region = tag.partition("_")
    exact = f"{language.lower()}_{region.upper()}" if region else language.lower()
    for candidate in (exact, language.lower()):
        if candidate in available:
            return candidate
    # A region the catalogue does not have still beats English (pt_PT reads pt_BR well).
    same_language = [code for code in available if code.split("_")[0] == language.lower()]
    return same_language[0] if same_language else None


# --- choosing -----------------------------------------------------------------------------


def saved_language(folder: Path | None = None) -> str | None:
    """The code saved from View → Language, or None (no file, empty, unreadable)."""
    if folder is None:
        from b24admin.core.config import config_dir

        folder = config_dir()
    try:
        code = (folder / LANGUAGE_FILE).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return code or None


def save_language(code: str | None, folder: Path | None = None) -> None:
    """Persist the View → Language choice; ``None`` forgets it (follow the system again)."""
    if folder is None:
        from b24admin.core.config import config_dir

        folder = config_dir()
    path = folder / LANGUAGE_FILE
    if code is None:
        path.unlink(missing_ok=True)
        return
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(code + "\n", encoding="utf-8")


def system_languages() -> list[str]:
    """The operating system's interface languages without Qt (Windows); else nothing."""
    if sys.platform == "win32":  # pragma: no cover - Windows only
        import ctypes
        import locale

        try:
            lcid = ctypes.windll.kernel32.GetUserDefaultUILanguage()  # type: ignore[attr-defined]
        except (AttributeError, OSError):
            return []
        name = locale.windows_locale.get(lcid)
        return [name] if name else []
    return []


def choose_language(
    environ: Mapping[str, str] | None = None,
    *,
    saved: str | None = None,
    system: Iterable[str] = (),
    available: Iterable[str] | None = None,
) -> str:
    """The language to speak, by the order in the module's docstring."""
    env = os.environ if environ is None else environ
    codes = tuple(shipped_languages() if available is None else available)
    override = env.get(LANGUAGE_ENV, "").strip()
    if override:
        return match_language(override, codes) or SOURCE_LANGUAGE
    if saved:
        found = match_language(saved, codes)
        if found:
            return found
    for variable in _LOCALE_VARIABLES:
        value = env.get(variable, "")
        if not value:
            continue
        tags = value.split(":") if variable == "LANGUAGE" else [value]
        for tag in tags:
            found = match_language(tag, codes)
            if found and found != PSEUDO:
                return found
        if variable != "LANGUAGE":
            # gettext stops at the first of LC_ALL/LC_MESSAGES/LANG that is set.
            return SOURCE_LANGUAGE
    for tag in system:
        found = match_language(tag, codes)
        if found and found != PSEUDO:
            return found
    return SOURCE_LANGUAGE


# --- loading ------------------------------------------------------------------------------


def load_catalogue(code: str) -> gettext.NullTranslations:
    """The catalogue for ``code``: its compiled file, the pseudo-language, or the source."""
    if code == PSEUDO:
        return PseudoTranslations()
    path = locale_dir() / code / "LC_MESSAGES" / f"{DOMAIN}.mo"
    if code == SOURCE_LANGUAGE or not path.is_file():
        return gettext.NullTranslations()
    with path.open("rb") as handle:
        return gettext.GNUTranslations(handle)


def use_language(code: str) -> str:
    """Speak ``code`` from now on (English when it is not shipped); returns the code in use."""
    global _catalogue, _language
    _catalogue = load_catalogue(code)
    _language = SOURCE_LANGUAGE if type(_catalogue) is gettext.NullTranslations else code
    _patch_argparse()
    return _language


def setup(
    environ: Mapping[str, str] | None = None,
    *,
    system: Iterable[str] = (),
    config_folder: Path | None = None,
) -> str:
    """Choose the language as the module's docstring says and load it; returns its code."""
    env = os.environ if environ is None else environ
    if env.get(LANGUAGE_ENV, "").strip():  # the override: nothing else needs asking
        return use_language(choose_language(env))
    saved = saved_language(config_folder)
    system = [*system] or system_languages()
    return use_language(choose_language(env, saved=saved, system=system))


def _patch_argparse() -> None:
    """argparse says its own words ("usage:", "options", "show this help message and exit")
    through gettext's global functions; point them at this catalogue so ``--help`` and its
    errors speak the chosen language too (the texts are listed in b24admin/argparse_words.py)."""
    argparse = sys.modules.get("argparse")
    if argparse is not None:
        argparse._ = _  # type: ignore[attr-defined]
        argparse.ngettext = ngettext  # type: ignore[attr-defined]


# --- the pseudo-language ------------------------------------------------------------------

_PLACEHOLDER = re.compile(r"(\{[^{}]*\}|%\([a-z_]+\)[sdr]|%[sdr]|&(?=\w)|\n)")
_ACCENTED = str.maketrans(
    "AaCcDEeGgHIiJjKLlNnOoRrSsTUuWwYyZz",
    "ÅåÇçĐÉéĜĝĤÎîĴĵĶĹĺÑñÖöŔŕŠšŢÛûŴŵÝýŽž",
)


def pseudo(text: str) -> str:
    """``Bind {placement}`` → ``[Ƀîñđ {placement}~~]``: accented, a third longer, bracketed.

    Placeholders (``{name}``, ``%(name)s``, ``%s``), accelerator marks and line breaks stay as
    they are, so formatting still works and a screenshot shows which texts grew and which did not.
    """
    if not text:
        return text
    parts = _PLACEHOLDER.split(text)
    out = "".join(part if i % 2 else part.translate(_ACCENTED) for i, part in enumerate(parts))
    return "[" + out + "~" * max(2, len(text) // 3) + "]"


class PseudoTranslations(gettext.NullTranslations):
    """Every message through :func:`pseudo`; English plural rule."""

    def gettext(self, message: str) -> str:
        return pseudo(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo(msgid1 if n == 1 else msgid2)

    def pgettext(self, context: str, message: str) -> str:
        return pseudo(message)
