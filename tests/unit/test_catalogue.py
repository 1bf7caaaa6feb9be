"""The placement catalogue against api-reference/widgets/placements.md and the placement pages."""

from __future__ import annotations

import re

import pytest

from b24admin.core.catalogue import (
    Catalogue,
    OptionType,
    load_catalogue,
    load_fa4_icons,
)

FIXED_CODES = """
CRM_ANALYTICS_MENU CRM_ANALYTICS_TOOLBAR CRM_DETAIL_SEARCH CRM_REQUISITE_AUTOCOMPLETE
CRM_BANK_DETAIL_AUTOCOMPLETE BI_ANALYTICS_MENU IM_TEXTAREA IM_SIDEBAR IM_CONTEXT_MENU
IM_NAVIGATION IM_SMILES_SELECTOR IMMOBILE_CONTEXT_MENU TASK_VIEW_TAB TASK_VIEW_SIDEBAR
TASK_VIEW_TOP_PANEL TASK_LIST_CONTEXT_MENU TASK_USER_LIST_TOOLBAR TASK_GROUP_LIST_TOOLBAR
TASK_ROBOT_DESIGNER_TOOLBAR SONET_GROUP_DETAIL_TAB SONET_GROUP_TOOLBAR
SONET_GROUP_ROBOT_DESIGNER_TOOLBAR CALL_CARD TELEPHONY_ANALYTICS_MENU CALENDAR_GRIDVIEW
CONTACT_CENTER USER_PROFILE_MENU USER_PROFILE_TOOLBAR LEFT_MENU PAGE_BACKGROUND_WORKER
REST_APP_URI SETTING_CONNECTOR USERFIELD_TYPE LANDING_SETTINGS CRM_FUNNELS_TOOLBAR
CRM_SMART_INVOICE_FUNNELS_TOOLBAR
""".split()


@pytest.mark.parametrize("code", FIXED_CODES)
def test_every_fixed_code_of_the_reference_is_listed(catalogue: Catalogue, code: str) -> None:
    assert code in {spec.code for spec in catalogue.placements}


# placements.md: which entity types each CRM template allows (DYNAMIC is tested separately).
CRM_TEMPLATES = {
    "CRM_{ENTITY}_DETAIL_TAB": "LEAD DEAL CONTACT COMPANY QUOTE SMART_INVOICE ORDER",
    "CRM_{ENTITY}_LIST_MENU": "LEAD CONTACT COMPANY DEAL SMART_INVOICE QUOTE ACTIVITY",
    "CRM_{ENTITY}_LIST_TOOLBAR": "LEAD CONTACT COMPANY DEAL SMART_INVOICE ORDER QUOTE",
    "CRM_{ENTITY}_DETAIL_TOOLBAR": "LEAD DEAL CONTACT COMPANY QUOTE SMART_INVOICE",
    "CRM_{ENTITY}_DETAIL_ACTIVITY": "LEAD CONTACT COMPANY DEAL QUOTE SMART_INVOICE ORDER",
    "CRM_{ENTITY}_ACTIVITY_TIMELINE_MENU": "LEAD DEAL QUOTE SMART_INVOICE",
    "CRM_{ENTITY}_DOCUMENTGENERATOR_BUTTON": "LEAD CONTACT COMPANY DEAL SMART_INVOICE QUOTE",
    "CRM_{ENTITY}_ROBOT_DESIGNER_TOOLBAR": "LEAD DEAL SMART_INVOICE",
}


@pytest.mark.parametrize(("pattern", "entities"), CRM_TEMPLATES.items())
def test_crm_template_expands_to_exactly_the_allowed_entity_types(
    catalogue: Catalogue, pattern: str, entities: str
) -> None:
    listed = {s.entity_type for s in catalogue.placements if s.template == pattern}
    assert listed == set(entities.split())
    for entity in entities.split():
        assert catalogue.get(pattern.replace("{ENTITY}", entity)) is not None


@pytest.mark.parametrize(
    "code",
    [
        "CRM_ORDER_LIST_MENU",
        "CRM_ACTIVITY_DETAIL_TAB",
        "CRM_ORDER_DETAIL_TOOLBAR",
        "CRM_CONTACT_ROBOT_DESIGNER_TOOLBAR",
        "CRM_DEAL_FUNNELS_TOOLBAR",
        "CRM_LEAD_FUNNELS_TOOLBAR",
    ],
)
def test_crm_codes_for_entity_types_the_template_does_not_allow_are_unknown(
    catalogue: Catalogue, code: str
) -> None:
    assert catalogue.get(code) is None


@pytest.mark.parametrize("pattern", [*CRM_TEMPLATES, "CRM_{ENTITY}_FUNNELS_TOOLBAR"])
def test_every_crm_template_allows_smart_processes(catalogue: Catalogue, pattern: str) -> None:
    spec = catalogue.get(pattern.replace("{ENTITY}", "DYNAMIC_183"))
    assert spec is not None
    assert (spec.entity_type, spec.template) == ("DYNAMIC_183", pattern)
    assert spec.code == pattern.replace("{ENTITY}", "DYNAMIC_183")


def test_smart_process_codes_are_expanded_on_demand_not_listed(catalogue: Catalogue) -> None:
    assert not any("DYNAMIC" in spec.code for spec in catalogue.placements)


def test_smart_process_expansion_names_the_type_id(catalogue: Catalogue) -> None:
    spec = catalogue.get("crm_dynamic_183_detail_tab")
    assert spec is not None and "183" in spec.title and "{" not in spec.where


@pytest.mark.parametrize(
    "code",
    [
        "CRM_DYNAMIC_0_DETAIL_TAB",
        "CRM_DYNAMIC_DETAIL_TAB",
        "CRM_DYNAMIC_X_DETAIL_TAB",
        "CRM_DYNAMIC_-1_DETAIL_TAB",
        "CRM_DYNAMIC_012_DETAIL_TAB",
        "CRM_DYNAMIC_1_NOPE",
    ],
)
def test_malformed_smart_process_codes_are_unknown(catalogue: Catalogue, code: str) -> None:
    assert catalogue.get(code) is None


def test_deal_funnels_toolbar_has_no_entity_in_its_code(catalogue: Catalogue) -> None:
    spec = catalogue.get("CRM_FUNNELS_TOOLBAR")
    assert spec is not None and spec.entity_type == "DEAL"
    invoice = catalogue.get("CRM_SMART_INVOICE_FUNNELS_TOOLBAR")
    assert invoice is not None and invoice.entity_type == "SMART_INVOICE"


def test_template_expand_builds_the_code_from_the_pattern(catalogue: Catalogue) -> None:
    template = next(t for t in catalogue.templates if t.pattern == "CRM_{ENTITY}_DETAIL_TAB")
    assert template.expand("deal").code == "CRM_DEAL_DETAIL_TAB"
    assert template.expand("DYNAMIC_7").entity_type == "DYNAMIC_7"


@pytest.mark.parametrize("entity", ["DYNAMIC", "ACTIVITY", "NOPE", "DYNAMIC_0"])
def test_template_expand_refuses_entity_types_it_does_not_allow(
    catalogue: Catalogue, entity: str
) -> None:
    template = next(t for t in catalogue.templates if t.pattern == "CRM_{ENTITY}_DETAIL_TAB")
    with pytest.raises(ValueError, match="CRM_\\{ENTITY\\}_DETAIL_TAB"):
        template.expand(entity)


@pytest.mark.parametrize("code", ["left_menu", " LEFT_MENU ", "Left_Menu"])
def test_get_is_case_insensitive_and_ignores_surrounding_spaces(
    catalogue: Catalogue, code: str
) -> None:
    spec = catalogue.get(code)
    assert spec is not None and spec.code == "LEFT_MENU"


@pytest.mark.parametrize("code", ["", "   ", "NOT_A_PLACEMENT", "IM_TEXTAREA_X", "DEFAULT"])
def test_get_returns_none_for_unknown_codes(catalogue: Catalogue, code: str) -> None:
    assert catalogue.get(code) is None


# im/*.md: the OPTIONS keys each messenger placement accepts.
IM_KEYS = {
    "IM_TEXTAREA": {"iconName", "extranet", "context", "role", "color", "width", "height"},
    "IM_SIDEBAR": {"iconName", "extranet", "context", "role", "color"},
    "IM_CONTEXT_MENU": {"extranet", "context", "role"},
    "IM_NAVIGATION": {"iconName", "extranet", "role"},
    "IM_SMILES_SELECTOR": {"extranet", "context", "role"},
    "IMMOBILE_CONTEXT_MENU": {"extranet", "context", "role"},
}


@pytest.mark.parametrize(("code", "keys"), IM_KEYS.items())
def test_messenger_placements_accept_exactly_their_documented_keys(
    catalogue: Catalogue, code: str, keys: set[str]
) -> None:
    spec = catalogue.get(code)
    assert spec is not None and {o.key for o in spec.options} == keys


@pytest.mark.parametrize("code", ["IM_TEXTAREA", "IM_SIDEBAR", "IM_NAVIGATION"])
def test_icon_name_is_required_where_the_reference_says(catalogue: Catalogue, code: str) -> None:
    spec = catalogue.get(code)
    icon = spec.option("iconName") if spec else None
    assert icon is not None and icon.required and icon.max_length == 50


def test_messenger_option_values_and_defaults(catalogue: Catalogue) -> None:
    spec = catalogue.get("IM_TEXTAREA")
    assert spec is not None
    options = {o.key: o for o in spec.options}
    assert (options["extranet"].allowed, options["extranet"].default) == (("N", "Y"), "N")
    assert (options["role"].allowed, options["role"].default) == (("USER", "ADMIN"), "USER")
    context = options["context"]
    assert context.allowed == ("ALL", "USER", "CHAT", "LINES", "CRM")
    assert (context.separator, context.default, context.type) == (";", "ALL", OptionType.MULTI)
    assert (options["color"].type, options["color"].default) == (OptionType.COLOR, "")
    for key in ("width", "height"):
        assert (options[key].default, options[key].minimum) == (100, 0)


def test_server_error_codes_of_messenger_options(catalogue: Catalogue) -> None:
    spec = catalogue.get("IM_TEXTAREA")
    assert spec is not None
    codes = {o.key: o.error_code for o in spec.options}
    assert codes == {
        "iconName": "INVALID_ERROR_ICON_NAME",
        "extranet": "INVALID_ERROR_EXTRANET",
        "context": "INVALID_ERROR_CONTEXT",
        "role": "INVALID_ERROR_ROLE",
        "color": "INVALID_ERROR_COLOR",
        "width": "INVALID_ERROR_WIDTH",
        "height": "INVALID_ERROR_HEIGHT",
    }


def test_every_option_has_a_label_a_rule_and_one_label_per_allowed_value(
    catalogue: Catalogue,
) -> None:
    for spec in catalogue.placements:
        for option in spec.options:
            assert option.label and option.rule and option.description, (spec.code, option.key)
            assert len(option.allowed_labels) == len(option.allowed), (spec.code, option.key)


def test_background_worker_needs_an_error_handler_url_and_allows_user_mode(
    catalogue: Catalogue,
) -> None:
    spec = catalogue.get("PAGE_BACKGROUND_WORKER")
    assert spec is not None and spec.user_mode and spec.max_handlers == 1
    url = spec.option("errorHandlerUrl")
    assert url is not None and url.required and url.type is OptionType.URL
    assert url.missing_error_code == "EMPTY_ERROR_HANDLER_URL"


def test_only_the_background_worker_has_user_mode(catalogue: Catalogue) -> None:
    assert [s.code for s in catalogue.placements if s.user_mode] == ["PAGE_BACKGROUND_WORKER"]


def test_rest_app_uri_allows_one_handler(catalogue: Catalogue) -> None:
    spec = catalogue.get("REST_APP_URI")
    assert spec is not None and spec.max_handlers == 1 and not spec.options


@pytest.mark.parametrize(
    "code",
    ["CRM_LEAD_DETAIL_ACTIVITY", "CRM_ORDER_DETAIL_ACTIVITY", "CRM_DYNAMIC_183_DETAIL_ACTIVITY"],
)
def test_crm_detail_activity_options(catalogue: Catalogue, code: str) -> None:
    spec = catalogue.get(code)
    assert spec is not None
    assert [o.key for o in spec.options] == [
        "useBuiltInInterface",
        "newUserNotificationTitle",
        "newUserNotificationText",
    ]
    built_in = spec.option("useBuiltInInterface")
    assert built_in is not None
    assert (built_in.type, built_in.allowed, built_in.default) == (OptionType.ENUM, ("N", "Y"), "N")


@pytest.mark.parametrize(
    ("code", "key"),
    [
        ("CRM_REQUISITE_AUTOCOMPLETE", "countries"),
        ("CRM_BANK_DETAIL_AUTOCOMPLETE", "countries"),
        ("TASK_VIEW_TAB", "groupId"),
        ("TASK_VIEW_SIDEBAR", "groupId"),
    ],
)
def test_id_list_options(catalogue: Catalogue, code: str, key: str) -> None:
    spec = catalogue.get(code)
    assert spec is not None and [(o.key, o.type) for o in spec.options] == [
        (key, OptionType.ID_LIST)
    ]


def test_only_the_documented_placements_have_options(catalogue: Catalogue) -> None:
    with_options = {s.code for s in catalogue.placements if s.options and not s.template}
    assert with_options == {
        *IM_KEYS,
        "PAGE_BACKGROUND_WORKER",
        "CRM_REQUISITE_AUTOCOMPLETE",
        "CRM_BANK_DETAIL_AUTOCOMPLETE",
        "TASK_VIEW_TAB",
        "TASK_VIEW_SIDEBAR",
        "USERFIELD_TYPE",
    }


@pytest.mark.parametrize(
    "code", ["CRM_DEAL_DETAIL_TOOLBAR", "CRM_DYNAMIC_5_DETAIL_TOOLBAR", "TELEPHONY_ANALYTICS_MENU"]
)
def test_group_name_matters_in_detail_toolbars_and_call_analytics(
    catalogue: Catalogue, code: str
) -> None:
    spec = catalogue.get(code)
    assert spec is not None and spec.uses_group_name


def test_group_name_does_not_matter_in_a_detail_tab(catalogue: Catalogue) -> None:
    spec = catalogue.get("CRM_DEAL_DETAIL_TAB")
    assert spec is not None and not spec.uses_group_name


@pytest.mark.parametrize(
    ("code", "method"),
    [
        ("SETTING_CONNECTOR", "imconnector.register"),
        ("USERFIELD_TYPE", "userfieldtype.add"),
        ("LANDING_SETTINGS", "landing.repo.bind"),
        ("LANDING_BLOCK_*", "landing.repo.bind"),
        ("LANDING_BLOCK_ANYTHING", "landing.repo.bind"),
    ],
)
def test_placements_bound_by_other_methods_name_that_method(
    catalogue: Catalogue, code: str, method: str
) -> None:
    spec = catalogue.get(code)
    assert spec is not None and not spec.bindable and method in spec.reason


def test_any_landing_block_resolves_to_the_landing_block_family(catalogue: Catalogue) -> None:
    spec = catalogue.get("landing_block_anything")
    assert spec is not None and spec.code == "LANDING_BLOCK_*"


def test_smiles_selector_is_deprecated_since_im_25_1600(catalogue: Catalogue) -> None:
    spec = catalogue.get("IM_SMILES_SELECTOR")
    assert spec is not None and spec.deprecated and spec.bindable and "25.1600.0" in spec.reason
    assert sum(s.deprecated for s in catalogue.placements) == 1


def test_codes_are_unique_upper_case_and_fully_described(catalogue: Catalogue) -> None:
    codes = [spec.code for spec in catalogue.placements]
    assert len(codes) == len(set(codes))
    for spec in catalogue.placements:
        assert re.fullmatch(r"[A-Z0-9_*]+", spec.code), spec.code
        assert spec.title and spec.where and spec.group and spec.doc_page.endswith(".md")
        assert "{" not in spec.title + spec.where, spec.code
        assert spec.bindable or spec.reason, spec.code


def test_scopes_are_the_documented_tool_scopes(catalogue: Catalogue) -> None:
    scopes = {spec.scope for spec in catalogue.placements}
    assert scopes == {
        "",
        "crm",
        "task",
        "sonet_group",
        "telephony",
        "calendar",
        "contact_center",
        "user",
        "im",
        "imopenlines",
        "landing",
    }
    crm = catalogue.get("CRM_DEAL_DETAIL_TAB")
    assert crm is not None and crm.scope == "crm"


def test_groups_are_in_catalogue_order_and_cover_every_placement(catalogue: Catalogue) -> None:
    assert catalogue.groups[:3] == ("CRM", "BI analytics", "Messenger")
    assert {
        "Tasks",
        "Workgroups",
        "Telephony",
        "Calendar",
        "Contact center",
        "User profile",
        "Universal",
        "Sites",
    } <= set(catalogue.groups)
    assert sum(len(catalogue.in_group(g)) for g in catalogue.groups) == len(catalogue.placements)


def test_palette_has_the_17_upper_case_messenger_colours(catalogue: Catalogue) -> None:
    assert len(catalogue.palette) == 17
    for color in catalogue.palette:
        assert re.fullmatch(r"[A-Z_]+", color.name) and re.fullmatch(r"#[0-9a-f]{6}", color.hex)
        assert color.label
    light_blue = catalogue.color("LIGHT_BLUE")
    assert light_blue is not None and light_blue.hex == "#4ba5c3"
    assert catalogue.color("light_blue") is None


def test_orange_is_a_plain_palette_colour(catalogue: Catalogue) -> None:
    # im/sidebar.md and im/textarea.md list ORANGE with the other sixteen: no note, no warning.
    assert [c.name for c in catalogue.palette if c.note] == []
    orange = catalogue.color("ORANGE")
    assert orange is not None and orange.hex == "#e8a441"


def test_the_21_interface_languages(catalogue: Catalogue) -> None:
    assert len(catalogue.language_codes) == 21 == len(set(catalogue.language_codes))
    names = {lang.code: lang.name for lang in catalogue.languages}
    assert names["la"] == "Spanish" and names["ua"] == "Ukrainian" and names["kz"] == "Kazakh"
    assert names["br"] == "Portuguese (Brazil)" and names["vn"] == "Vietnamese"
    assert "Simplified" in names["sc"] and "Traditional" in names["tc"]
    assert names["hi"] == "Hindi" and names["in"] == "English (India)"


def test_fa4_icon_names(catalogue: Catalogue) -> None:
    icons = catalogue.fa4_icons
    assert {"fa-rocket", "fa-paperclip", "fa-file-text-o"} <= set(icons)
    assert len(icons) == len(set(icons)) > 700
    assert all(re.fullmatch(r"fa-[a-z0-9-]+", name) for name in icons)


def test_loading_the_catalogue_does_not_read_the_icon_list() -> None:
    load_catalogue.cache_clear()
    load_fa4_icons.cache_clear()
    load_catalogue()
    assert load_fa4_icons.cache_info().currsize == 0


def test_load_catalogue_is_cached() -> None:
    assert load_catalogue() is load_catalogue()


def test_the_messenger_placements_need_the_im_scope(catalogue: Catalogue) -> None:
    # "Scope: placement, im" in the header of each page (api-reference/widgets/im/*.md).
    for code in ("IM_TEXTAREA", "IM_SIDEBAR", "IM_CONTEXT_MENU", "IM_NAVIGATION"):
        spec = catalogue.get(code)
        assert spec is not None and spec.scope == "im", code
    smiles = catalogue.get("IM_SMILES_SELECTOR")
    assert smiles is not None and smiles.scope == ""  # the one declared in the global scope
