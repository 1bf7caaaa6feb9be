"""Advice that names the portal's menus uses the words the portal itself shows in that language
(the rest module's own interface texts; docs/bitrix24-notes.md names them)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from b24admin.core.error_catalogue import explain


@pytest.mark.parametrize(
    ("code", "path"),
    [
        ("es", "Recursos para desarrolladores > Otro > Aplicación local"),
        ("pl", "Zasoby programistów > Inne > Aplikacja lokalna"),
        ("pt_BR", "Recursos para desenvolvedores > Outro > Aplicativo local"),
    ],
)
def test_the_way_to_a_local_application_uses_the_portals_own_words(
    language: Callable[[str], str], code: str, path: str
) -> None:
    language(code)
    _summary, advice = explain("WRONG_AUTH_TYPE")
    assert path in " ".join(advice.split())  # the catalogue wraps long texts
