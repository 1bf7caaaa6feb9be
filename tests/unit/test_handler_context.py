"""The documented handler context: every catalogue placement has one, taken from its docs page."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from b24admin.core.catalogue import Catalogue
from b24admin.core.errors import B24Error
from b24admin.core.handler_context import (
    STANDARD_DOC_PAGE,
    PortalIdentity,
    build_request,
    context_for,
    parse_context_overrides,
    portal_language,
    user_language,
)


def test_every_catalogue_placement_has_a_documented_context(catalogue: Catalogue) -> None:
    for spec in catalogue.placements:
        context = context_for(spec.code, catalogue)
        assert context.doc_page != STANDARD_DOC_PAGE, f"{spec.code} has no context entry"
        # The same page as the catalogue's, or (sites) a page of the same folder.
        folder = spec.doc_page.rsplit("/", 1)[0]
        assert context.doc_page.startswith(folder), spec.code
        extra = set(context.options) - set(context.keys) - {"URI"}
        assert not extra, f"{spec.code}: example keys {extra} are not documented"


def test_smart_process_and_block_families_are_found(catalogue: Catalogue) -> None:
    assert context_for("CRM_DYNAMIC_7_DETAIL_TOOLBAR", catalogue).options["ENTITY_ID"] == "8061"
    block = context_for("LANDING_BLOCK_TEXT", catalogue)
    assert block.doc_page == "api-reference/landing/embedding/block.md"
    assert set(block.options) == {"ID", "CODE", "LID"}


def test_detail_toolbar_key_depends_on_the_entity(catalogue: Catalogue) -> None:
    assert set(context_for("CRM_LEAD_DETAIL_TOOLBAR", catalogue).options) == {"ID", "URI"}
    assert set(context_for("CRM_QUOTE_DETAIL_TOOLBAR", catalogue).options) == {"ENTITY_ID", "URI"}


def test_a_plain_http_portal_sends_protocol_0_and_its_port(catalogue: Catalogue) -> None:
    portal = PortalIdentity.from_portal_url("http://127.0.0.1:8024")
    request = build_request("LEFT_MENU", "https://app.example.com/", catalogue, portal=portal)
    assert request.query["DOMAIN"] == "127.0.0.1:8024"
    assert request.query["PROTOCOL"] == "0"
    assert request.url.startswith("https://app.example.com/?DOMAIN=127.0.0.1%3A8024&")
    assert json.loads(request.form["PLACEMENT_OPTIONS"]) == {"URI": "/crm/lead/list/"}


def test_each_opening_gets_a_new_app_sid(catalogue: Catalogue) -> None:
    portal = PortalIdentity()
    first = build_request("IM_SIDEBAR", "https://a.example.com/", catalogue, portal=portal)
    second = build_request("IM_SIDEBAR", "https://a.example.com/", catalogue, portal=portal)
    assert first.query["APP_SID"] != second.query["APP_SID"]


def test_context_overrides_must_be_key_value() -> None:
    assert parse_context_overrides(["a=1", "b=x=y"]) == {"a": "1", "b": "x=y"}
    with pytest.raises(B24Error) as caught:
        parse_context_overrides(["novalue"])
    assert caught.value.exit_code == 2


@pytest.mark.parametrize(
    ("locale_name", "lang"),
    [
        ("de_DE.UTF-8", "de"),
        ("es_ES", "la"),
        ("pt_BR.UTF-8", "br"),
        ("uk_UA", "ua"),
        ("zh_TW.UTF-8", "tc"),
        ("zh_CN", "sc"),
        ("sv_SE", "en"),
        ("en_US", "en"),
    ],
)
def test_the_users_locale_becomes_a_portal_language(
    catalogue: Catalogue, locale_name: str, lang: str
) -> None:
    assert portal_language(locale_name, catalogue.language_codes) == lang


@pytest.mark.parametrize(("speaking", "lang"), [("de", "de"), ("pt_BR", "br"), ("es", "la")])
def test_the_handler_is_opened_in_the_language_b24admin_speaks(
    catalogue: Catalogue,
    language: Callable[[str], str],
    monkeypatch: pytest.MonkeyPatch,
    speaking: str,
    lang: str,
) -> None:
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")  # the chosen language wins over the locale
    language(speaking)
    assert user_language(catalogue.language_codes) == lang


def test_in_english_the_locale_may_name_a_portal_language_b24admin_lacks(
    catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert user_language(catalogue.language_codes) == "fr"
