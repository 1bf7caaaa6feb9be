"""Lists in messages read as sentences: "a client secret, an access token and a refresh token".

A list joined with commas only ("client secret, access token, refresh token") reads like a
form's field names; people write the last two with "and" and give each noun its article. The
joining words go through the catalogue, so a translation can use its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from b24admin.core.i18n import N_, _
from b24admin.core.secrets import SecretKind

#: Each secret as a noun with its article, for "… has no {secrets}" and the like.
SECRET_NOUNS: dict[SecretKind, str] = {
    SecretKind.CLIENT_SECRET: N_("a client secret"),
    SecretKind.ACCESS_TOKEN: N_("an access token"),
    SecretKind.REFRESH_TOKEN: N_("a refresh token"),
    SecretKind.WEBHOOK_URL: N_("a webhook URL"),
}


def spoken_list(items: Sequence[str]) -> str:
    """ "a", "a and b", "a, b and c" ("" for no items)."""
    return _last_joined(items, _("{items} and {last}"))


def alternatives(items: Sequence[str]) -> str:
    """ "a", "a or b", "a, b or c" ("" for no items): the choices of a value."""
    return _last_joined(items, _("{items} or {last}"))


def _last_joined(items: Sequence[str], joining: str) -> str:
    """``items`` with the language's comma, the last one joined by ``joining`` (a translated
    "{items} and {last}")."""
    if len(items) < 2:
        return "".join(items)
    return joining.format(items=_(", ").join(items[:-1]), last=items[-1])


def enumeration(items: Iterable[str]) -> str:
    """Codes listed for reference ("IM_SIDEBAR, IM_TEXTAREA"), joined by the language's comma:
    a list to pick from, not a phrase of a sentence, so no "and"."""
    return _(", ").join(items)


def paragraph(text: str, width: int) -> str:
    """``text`` wrapped to ``width`` for a terminal, at spaces only: a translation comes as one
    line, and codes such as fa-rocket, local.XXXX.XXXX or a URL are never split at a hyphen."""
    import textwrap

    return textwrap.fill(" ".join(text.split()), width, break_on_hyphens=False)


def secrets_list(kinds: Iterable[SecretKind]) -> str:
    """The secrets as a sentence's list: "a client secret and a refresh token"."""
    return spoken_list([_(SECRET_NOUNS[kind]) for kind in kinds])
