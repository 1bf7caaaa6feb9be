"""The one catalogue of words a user reads: gettext, Qt-free, shared by the CLI and the window.

Core and CLI code marks and translates text with :func:`_` (and :func:`ngettext` for counts);
text that lives in data is marked with :func:`N_` and translated where it is shown. Widgets keep
``self.tr()``: the window routes Qt's translation calls into this same catalogue, so a sentence
lives in one place whichever layer says it. Placeholders are named (``{placement}``) and filled
with ``str.format`` after translation, never by concatenating pieces of a sentence.
"""

from __future__ import annotations

import gettext

_catalogue: gettext.NullTranslations = gettext.NullTranslations()


def _(message: str) -> str:
    """Translate ``message`` into the chosen language (the English source when none is set)."""
    return _catalogue.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message with a count, choosing the language's plural form for ``n``."""
    return _catalogue.ngettext(singular, plural, n)


def N_(message: str) -> str:  # the conventional gettext no-op marker name
    """Mark ``message`` for translation without translating it here (text kept in data)."""
    return message
