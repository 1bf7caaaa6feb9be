"""Field problems speak the chosen language whole: the sentence, the field it names ("The handler
URL", "Option iconName") and the joining words of its lists, with only the codes and the values
the user typed left as they are."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from b24admin.core import i18n
from b24admin.core.bind_request import BindRequest, LangRow
from b24admin.core.catalogue import Catalogue, load_catalogue
from b24admin.core.validation import Problem, validate

HANDLER = "https://app.example.com/widget"
LONG = "x" * 256
ICON = {"iconName": "fa-rocket"}

# One request for every sentence validation can say (value_rules.py and validation.py).
CASES: dict[str, dict[str, Any]] = {
    "handler required": {"handler": ""},
    "handler not a URL": {"handler": "https://[::1/x"},
    "handler without scheme": {"handler": "app.example.com/w"},
    "handler ftp": {"handler": "ftp://app.example.com/w"},
    "handler without host": {"handler": "https:///path"},
    "handler invisible character": {"handler": "https://app.exa\u0007mple.com/"},
    "handler port": {"handler": "https://app.example.com:99999/"},
    "handler without dot": {"handler": "https://intranet/w"},
    "handler private": {"handler": "https://app.local/w"},
    "handler plain http": {"handler": "http://app.example.com/w"},
    "no placement": {"placement": ""},
    "DEFAULT": {"placement": "DEFAULT"},
    "unknown placement": {"placement": "NO_SUCH_WIDGET"},
    "bound by another method": {"placement": "SETTING_CONNECTOR"},
    "too long title": {"title": LONG},
    "texts ignored beside language rows": {
        "description": "Weekly",
        "lang_rows": (LangRow("en", "Reports"),),
    },
    "language rows": {
        "title": "",
        "lang_rows": (
            LangRow("", "A"),
            LangRow("eng", "B"),
            LangRow("de", "C", description=LONG),
            LangRow("DE", "D"),
            LangRow("EN", "E"),
            LangRow("qq", ""),
        ),
    },
    "negative user": {"user_id": -1},
    "user mode": {"user_id": 5},
    "options on a placement without options": {"options": {"color": "RED"}},
    "option key in the wrong case": {
        "placement": "IM_SIDEBAR",
        "options": {**ICON, "Color": "RED"},
    },
    "undefined option key": {"placement": "IM_SIDEBAR", "options": {**ICON, "size": "1"}},
    "required option": {"placement": "IM_SIDEBAR", "options": {}},
    "a list as a value": {"placement": "IM_SIDEBAR", "options": {**ICON, "role": ["USER"]}},
    "too long icon": {"placement": "IM_SIDEBAR", "options": {"iconName": "a" * 51}},
    "icon without letters": {"placement": "IM_SIDEBAR", "options": {"iconName": "123"}},
    "icon with a suggestion": {"placement": "IM_SIDEBAR", "options": {"iconName": "rocket"}},
    "icon without a suggestion": {"placement": "IM_SIDEBAR", "options": {"iconName": "zzqqzzq"}},
    "enum case": {"placement": "IM_SIDEBAR", "options": {**ICON, "role": "admin"}},
    "enum value": {"placement": "IM_SIDEBAR", "options": {**ICON, "extranet": "maybe"}},
    "list spelling": {"placement": "IM_SIDEBAR", "options": {**ICON, "context": " user;LINES"}},
    "list entries": {
        "placement": "IM_SIDEBAR",
        "options": {**ICON, "context": "USER;;lines ; BOGUS; OTHER"},
    },
    "list ALL": {"placement": "IM_SIDEBAR", "options": {**ICON, "context": "ALL;USER"}},
    "colour spelling": {"placement": "IM_SIDEBAR", "options": {**ICON, "color": "light_blue"}},
    "colour unknown": {"placement": "IM_SIDEBAR", "options": {**ICON, "color": "VIOLET"}},
    "number": {"placement": "IM_TEXTAREA", "options": {**ICON, "width": "wide"}},
    "minimum": {"placement": "IM_TEXTAREA", "options": {**ICON, "width": "-1"}},
    "id list with spaces": {"placement": "TASK_VIEW_TAB", "options": {"groupId": "1, 14"}},
    "id list": {"placement": "TASK_VIEW_TAB", "options": {"groupId": "a,b"}},
    "option URL": {
        "placement": "PAGE_BACKGROUND_WORKER",
        "options": {"errorHandlerUrl": "ftp://app.example.com/e"},
    },
    "missing scope": {"placement": "IM_SIDEBAR", "options": ICON, "granted": ("placement",)},
}


def _problems(catalogue: Catalogue, case: dict[str, Any]) -> list[Problem]:
    changes = dict(case)
    granted = changes.pop("granted", None)
    request = BindRequest(placement="LEFT_MENU", handler=HANDLER, title="Reports")
    return validate(request.with_changes(**changes), catalogue, granted)


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text))


def _data_words(catalogue: Catalogue, case: dict[str, Any]) -> set[str]:
    """What may stay as it is: the values of the request, and the codes Bitrix24 knows."""
    words = _words(repr(case))
    for spec in catalogue.placements:
        words |= _words(spec.code) | _words(spec.scope)
        for option in spec.options:
            words |= {option.key, *option.allowed}
    words |= {*catalogue.color_names, *catalogue.language_codes, *catalogue.fa4_icons}
    words |= {word for icon in catalogue.fa4_icons for word in _words(icon)}
    return words | {"U", "0007"}  # an invisible character is named by its code point


# Letters the pseudo-language leaves as they are (core/i18n.py _ACCENTED): a word made only of
# these cannot show whether it went through the catalogue.
_UNACCENTED = set("bfhkmpqtvxBFMPQVX")


def _plain_english(text: str, data: set[str]) -> list[str]:
    return [
        word
        for word in re.findall(r"\w+", text)
        if word.isascii()
        and not word.isdigit()
        and not set(word) <= _UNACCENTED | set("0123456789_")
        and word not in data
    ]


@pytest.fixture
def in_language(language: Callable[[str], str]) -> Iterator[Callable[[str], Catalogue]]:
    """Switch language and load the placement catalogue in it (its rules are part of problems)."""

    def switch(code: str) -> Catalogue:
        language(code)
        load_catalogue.cache_clear()
        return load_catalogue()

    yield switch
    i18n.use_language(i18n.SOURCE_LANGUAGE)
    load_catalogue.cache_clear()


@pytest.mark.parametrize("name", CASES)
def test_every_problem_goes_through_the_catalogue_whole(
    name: str, in_language: Callable[[str], Catalogue]
) -> None:
    catalogue = in_language(i18n.PSEUDO)
    problems = _problems(catalogue, CASES[name])
    assert problems
    data = _data_words(catalogue, CASES[name])
    leaks = {p.message: _plain_english(p.message, data) for p in problems}
    assert {message: words for message, words in leaks.items() if words} == {}


def test_the_check_finds_an_english_field_name() -> None:
    catalogue = load_catalogue()
    text = i18n.pseudo("{what} is required.").format(what="The handler URL")
    assert _plain_english(text, _data_words(catalogue, {})) == ["The", "handler", "URL"]


def test_a_german_problem_names_the_field_in_german(
    in_language: Callable[[str], Catalogue],
) -> None:
    catalogue = in_language("de")

    def message(case: str) -> str:
        [problem] = _problems(catalogue, CASES[case])
        return problem.message

    assert message("handler required") == "Die Handler-URL ist erforderlich."
    assert message("too long icon") == (
        "Option iconName hat 51 Zeichen; höchstens 50 sind erlaubt. Kürzen Sie um 1."
    )
    assert message("enum value") == "Option extranet muss N oder Y sein, nicht „maybe“."
    assert message("too long title").startswith("Der Titel hat 256 Zeichen; Bitrix24 speichert")


def test_a_russian_list_problem_joins_its_clauses_in_russian(
    in_language: Callable[[str], Catalogue],
) -> None:
    catalogue = in_language("ru")
    [problem] = _problems(catalogue, CASES["list entries"])
    data = _data_words(catalogue, CASES["list entries"])
    assert _plain_english(problem.message, data) == []
    assert problem.message.startswith("Параметр context")
