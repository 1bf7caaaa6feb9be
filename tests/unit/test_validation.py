"""Client-side validation of placement.bind requests (placement-bind.md and the placement pages)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from b24admin.core.bind_request import BindRequest, LangRow
from b24admin.core.catalogue import load_catalogue
from b24admin.core.validation import Problem, Severity, has_errors, problems_for, validate

HANDLER = "https://app.example.com/widget"
FULL_TEXTAREA = {
    "iconName": "fa-rocket",
    "extranet": "Y",
    "context": "USER;LINES",
    "role": "ADMIN",
    "color": "LIGHT_BLUE",
    "width": 50,
    "height": "0",
}


def check(placement: str = "LEFT_MENU", **changes: Any) -> list[Problem]:
    request = BindRequest(placement=placement, handler=HANDLER, title="Reports")
    return validate(request.with_changes(**changes), load_catalogue())


def im(placement: str = "IM_SIDEBAR", **options: Any) -> list[Problem]:
    """Problems of a messenger request whose required iconName is already filled."""
    return check(placement, options={"iconName": "fa-rocket", **options})


def only(problems: list[Problem], field: str) -> Problem:
    """The single problem of a request, which must be at ``field``."""
    assert [p.field for p in problems] == [field], problems
    return problems[0]


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.is_error]


# --- valid requests -------------------------------------------------------------------------


def test_a_plain_request_has_no_problems() -> None:
    assert check() == []


def test_a_fully_optioned_textarea_has_no_problems() -> None:
    assert check("IM_TEXTAREA", options=FULL_TEXTAREA) == []


def test_a_smart_process_code_is_validated_like_its_template() -> None:
    assert check("crm_dynamic_183_detail_activity", options={"useBuiltInInterface": "Y"}) == []


# --- PLACEMENT ------------------------------------------------------------------------------


@pytest.mark.parametrize("placement", ["", "   "])
def test_placement_is_required(placement: str) -> None:
    assert only(check(placement), "PLACEMENT").is_error


@pytest.mark.parametrize("placement", ["DEFAULT", "default"])
def test_default_is_refused_like_the_server_does(placement: str) -> None:
    problem = only(check(placement), "PLACEMENT")
    assert problem.is_error and "Wrong value" in problem.message


def test_unknown_placement_is_only_a_warning_that_suggests_placement_list() -> None:
    problem = only(check("CRM_BRAND_NEW_THING"), "PLACEMENT")
    assert problem.severity is Severity.WARNING and "placement.list" in problem.message
    assert problem.code == "ERROR_PLACEMENT_NOT_FOUND"


def test_unknown_placement_gets_no_option_checks() -> None:
    assert (
        only(check("BRAND_NEW", options={"anything": "x"}), "PLACEMENT").severity
        is Severity.WARNING
    )


@pytest.mark.parametrize(
    ("placement", "method"),
    [
        ("SETTING_CONNECTOR", "imconnector.register"),
        ("USERFIELD_TYPE", "userfieldtype.add"),
        ("LANDING_SETTINGS", "landing.repo.bind"),
        ("LANDING_BLOCK_TEXT", "landing.repo.bind"),
    ],
)
def test_placements_bound_by_another_method_are_errors_naming_it(
    placement: str, method: str
) -> None:
    problem = only(check(placement, options={"height": "x"}), "PLACEMENT")
    assert problem.is_error and method in problem.message


def test_deprecated_smiles_selector_is_a_warning() -> None:
    problem = only(check("IM_SMILES_SELECTOR"), "PLACEMENT")
    assert problem.severity is Severity.WARNING and "never calls the handler" in problem.message


def test_placement_code_is_case_insensitive() -> None:
    assert check("left_menu") == []


# --- HANDLER --------------------------------------------------------------------------------


def test_handler_is_required() -> None:
    assert only(check(handler=" "), "HANDLER").is_error


@pytest.mark.parametrize(
    "handler",
    [
        "ftp://app.example.com/x",
        "app.example.com/widget",
        "javascript:alert(1)",
        "file:///etc/passwd",
    ],
)
def test_handler_must_be_http_or_https(handler: str) -> None:
    problem = only(check(handler=handler), "HANDLER")
    assert problem.is_error and problem.code == "ERROR_UNSUPPORTED_PROTOCOL"
    assert "https://" in problem.message


@pytest.mark.parametrize(
    "handler",
    ["https://localhost/x", "http://localhost:8080/", "https://intranet/app", "https://[::1]/x"],
)
def test_handler_host_must_contain_a_dot(handler: str) -> None:
    problem = only(check(handler=handler), "HANDLER")
    assert problem.is_error and problem.code == "ERROR_WRONG_HANDLER_URL"


@pytest.mark.parametrize("handler", ["https:///path", "https://[::1/x"])
def test_malformed_handler_is_an_error(handler: str) -> None:
    assert only(check(handler=handler), "HANDLER").is_error


@pytest.mark.parametrize("port", ["0", "99999", "65536", "-1", "8o80"])
def test_handler_port_outside_1_to_65535_is_an_error_naming_the_port(port: str) -> None:
    problem = only(check(handler=f"https://app.example.com:{port}/widget"), "HANDLER")
    assert problem.is_error
    assert f"port {port}" in problem.message and "65535" in problem.message


@pytest.mark.parametrize("port", ["1", "65535", "8443"])
def test_handler_ports_1_to_65535_are_fine(port: str) -> None:
    assert check(handler=f"https://app.example.com:{port}/widget") == []


@pytest.mark.parametrize(
    ("host", "named"),
    [
        ("app\u200b.example.com", "U+200B ZERO WIDTH SPACE"),
        ("app.exa\u0007mple.com", "U+0007"),
        ("\u200fapp.example.com", "U+200F RIGHT-TO-LEFT MARK"),
        ("app.example.com\u00a0", "U+00A0 NO-BREAK SPACE"),
    ],
)
def test_invisible_character_in_the_handler_host_is_an_error_naming_it(
    host: str, named: str
) -> None:
    problem = only(check(handler=f"https://{host}/widget"), "HANDLER")
    assert problem.is_error and named in problem.message and "invisible" in problem.message


def test_invisible_character_in_the_handler_path_is_not_a_host_problem() -> None:
    # Only the host is looked at: the path is the application's business and gets encoded.
    assert check(handler="https://app.example.com/w\u200bidget") == []


def test_error_handler_url_port_and_host_are_checked_too() -> None:
    def worker(url: str) -> list[str]:
        problems = check("PAGE_BACKGROUND_WORKER", options={"errorHandlerUrl": url})
        return [p.message for p in errors(problems) if p.field == "OPTIONS.errorHandlerUrl"]

    assert worker("https://app.example.com/e") == []
    assert "port 99999" in worker("https://app.example.com:99999/e")[0]
    assert "U+200B" in worker("https://app\u200b.example.com/e")[0]


@pytest.mark.parametrize(
    "host",
    [
        "127.0.0.1",
        "10.1.2.3",
        "192.168.0.5",
        "172.16.0.1",
        "169.254.1.1",
        "0.0.0.0",
        "app.local",
        "dev.localhost",
        "svc.internal",
        "localhost.",
    ],
)
def test_handler_on_a_private_host_warns_that_bitrix24_cannot_reach_it(host: str) -> None:
    problem = only(check(handler=f"https://{host}/widget"), "HANDLER")
    assert problem.severity is Severity.WARNING and "internet" in problem.message


@pytest.mark.parametrize("handler", [HANDLER, "https://8.8.8.8/x", "https://app.example.com:8443/"])
def test_public_https_handler_is_fine(handler: str) -> None:
    assert check(handler=handler) == []


def test_plain_http_handler_is_a_warning_to_use_https() -> None:
    problem = only(check(handler="http://app.example.com/w"), "HANDLER")
    assert problem.severity is Severity.WARNING and "https" in problem.message


def test_plain_http_to_a_private_host_gets_both_warnings() -> None:
    problems = check(handler="http://192.168.1.2/w")
    assert [p.severity for p in problems] == [Severity.WARNING, Severity.WARNING]


# --- TITLE, DESCRIPTION, GROUP_NAME ---------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "attr"),
    [("TITLE", "title"), ("DESCRIPTION", "description"), ("GROUP_NAME", "group_name")],
)
def test_texts_hold_at_most_255_characters(field: str, attr: str) -> None:
    assert check(**{attr: "x" * 255}) == []
    problem = only(check(**{attr: "x" * 256}), field)
    assert problem.is_error and "255" in problem.message


# --- LANG_ALL -------------------------------------------------------------------------------


def lang(*rows: LangRow, **changes: Any) -> list[Problem]:
    return check(**{"title": "", "lang_rows": rows, **changes})


def test_valid_language_rows_have_no_problems() -> None:
    assert lang(LangRow("en", "Reports", "d", "g"), LangRow("de", "Berichte")) == []


@pytest.mark.parametrize("code", ["", "e", "eng", "e1", "é", "en-US", "1 "])
def test_language_code_must_be_two_letters(code: str) -> None:
    problem = only(lang(LangRow(code, "T")), "LANG_ALL")
    assert problem.is_error and (problem.row, problem.column) == (0, "lang")


def test_language_code_may_have_surrounding_spaces() -> None:
    assert lang(LangRow(" en ", "T")) == []


def test_unknown_two_letter_language_is_a_warning() -> None:
    problem = only(lang(LangRow("xx", "T")), "LANG_ALL")
    assert problem.severity is Severity.WARNING and "en" in problem.message


def test_upper_case_language_code_warns_to_use_lower_case() -> None:
    problem = only(lang(LangRow("DE", "T")), "LANG_ALL")
    assert problem.severity is Severity.WARNING and '"de"' in problem.message


@pytest.mark.parametrize("second", ["en", "EN", " en"])
def test_duplicate_language_is_an_error_on_the_later_row(second: str) -> None:
    problem = only(lang(LangRow("en", "A"), LangRow(second, "B")), "LANG_ALL")
    assert problem.is_error and (problem.row, problem.column) == (1, "lang")
    assert "row 1" in problem.message


def test_every_repeat_of_a_language_is_flagged() -> None:
    problems = lang(LangRow("en", "A"), LangRow("de", "B"), LangRow("en", "C"), LangRow("en", "D"))
    assert [p.row for p in problems] == [2, 3]


@pytest.mark.parametrize("title", ["", "   "])
def test_each_language_row_needs_a_title(title: str) -> None:
    problem = only(lang(LangRow("en", "A"), LangRow("de", title)), "LANG_ALL")
    assert problem.is_error and (problem.row, problem.column) == (1, "TITLE")
    assert problem.code == "ERROR_CORE"


@pytest.mark.parametrize("column", ["TITLE", "DESCRIPTION", "GROUP_NAME"])
def test_language_cells_hold_at_most_255_characters(column: str) -> None:
    attr = {"TITLE": "title", "DESCRIPTION": "description", "GROUP_NAME": "group_name"}[column]
    assert lang(replace(LangRow("en", "T"), **{attr: "x" * 255})) == []
    problem = only(lang(replace(LangRow("en", "T"), **{attr: "x" * 256})), "LANG_ALL")
    assert problem.is_error and (problem.row, problem.column) == (0, column)


@pytest.mark.parametrize(
    ("field", "attr"),
    [("TITLE", "title"), ("DESCRIPTION", "description"), ("GROUP_NAME", "group_name")],
)
def test_top_level_texts_are_ignored_when_language_rows_are_given(field: str, attr: str) -> None:
    problem = only(lang(LangRow("en", "T"), **{attr: "Shown nowhere"}), field)
    assert problem.severity is Severity.WARNING and "ignored" in problem.message


def test_top_level_texts_are_fine_without_language_rows() -> None:
    assert check(title="T", description="D", group_name="G") == []


# --- USER_ID --------------------------------------------------------------------------------


def worker(**changes: Any) -> list[Problem]:
    options = {"errorHandlerUrl": "https://app.example.com/error"}
    return check("PAGE_BACKGROUND_WORKER", **{"options": options, **changes})


@pytest.mark.parametrize("user_id", [None, 0, 1, 42])
def test_background_worker_may_be_bound_for_one_user(user_id: int | None) -> None:
    assert worker(user_id=user_id) == []


@pytest.mark.parametrize("placement", ["LEFT_MENU", "IM_CONTEXT_MENU", "BRAND_NEW_CODE"])
def test_user_id_on_other_placements_is_a_user_mode_error(placement: str) -> None:
    problem = only(errors(check(placement, user_id=7)), "USER_ID")
    assert (
        problem.code == "ERROR_PLACEMENT_USER_MODE" and "PAGE_BACKGROUND_WORKER" in problem.message
    )


def test_user_id_zero_means_everyone_on_any_placement() -> None:
    assert check(user_id=0) == []


def test_negative_user_id_is_an_error() -> None:
    assert only(check(user_id=-1), "USER_ID").is_error
    assert only(worker(user_id=-1), "USER_ID").is_error


# --- PAGE_BACKGROUND_WORKER errorHandlerUrl -------------------------------------------------


@pytest.mark.parametrize("options", [{}, {"errorHandlerUrl": ""}])
def test_background_worker_requires_an_error_handler_url(options: dict[str, Any]) -> None:
    problem = only(worker(options=options), "OPTIONS.errorHandlerUrl")
    assert problem.is_error and problem.code == "EMPTY_ERROR_HANDLER_URL"


@pytest.mark.parametrize("url", ["ftp://app.example.com/e", "app.example.com/e", "https://"])
def test_error_handler_url_must_be_an_http_url(url: str) -> None:
    assert only(worker(options={"errorHandlerUrl": url}), "OPTIONS.errorHandlerUrl").is_error


@pytest.mark.parametrize("url", ["http://localhost/e", "https://10.0.0.1/e"])
def test_error_handler_url_on_a_private_host_is_a_warning(url: str) -> None:
    problems = worker(options={"errorHandlerUrl": url})
    assert problems and all(p.severity is Severity.WARNING for p in problems)
    assert {p.field for p in problems} == {"OPTIONS.errorHandlerUrl"}


# --- iconName -------------------------------------------------------------------------------


@pytest.mark.parametrize("placement", ["IM_TEXTAREA", "IM_SIDEBAR", "IM_NAVIGATION"])
@pytest.mark.parametrize("options", [{}, {"iconName": ""}])
def test_icon_name_is_required(placement: str, options: dict[str, Any]) -> None:
    problem = only(check(placement, options=options), "OPTIONS.iconName")
    assert problem.is_error and "iconName" in problem.message


def test_icon_name_is_not_required_in_the_message_menu() -> None:
    assert check("IM_CONTEXT_MENU") == []


def test_icon_name_of_50_characters_is_accepted_and_51_is_not() -> None:
    assert errors(im(iconName="a" * 50)) == []
    problem = only(im(iconName="a" * 51), "OPTIONS.iconName")
    assert (
        problem.is_error and problem.code == "INVALID_ERROR_ICON_NAME" and "50" in problem.message
    )


@pytest.mark.parametrize("name", ["123", "_", "...", "€"])
def test_icon_name_needs_a_latin_letter_space_or_hyphen(name: str) -> None:
    problem = only(im(iconName=name), "OPTIONS.iconName")
    assert problem.is_error and problem.code == "INVALID_ERROR_ICON_NAME"


@pytest.mark.parametrize("name", ["1 2", "9-9", "x1"])
def test_icon_name_check_is_unanchored_like_the_server(name: str) -> None:
    assert errors(im(iconName=name)) == []


def test_icon_name_outside_font_awesome_4_is_a_warning_with_a_suggestion() -> None:
    problem = only(im(iconName="rocket"), "OPTIONS.iconName")
    assert problem.severity is Severity.WARNING and "fa-rocket" in problem.message


def test_mobile_context_menu_drops_icon_name() -> None:
    problem = only(im("IMMOBILE_CONTEXT_MENU"), "OPTIONS.iconName")
    assert problem.severity is Severity.WARNING and "silently" in problem.message


# --- extranet, role, useBuiltInInterface (ENUM) ---------------------------------------------


@pytest.mark.parametrize(
    ("key", "value"), [("extranet", "N"), ("extranet", "Y"), ("role", "USER"), ("role", "ADMIN")]
)
def test_enum_values_accepted(key: str, value: str) -> None:
    assert im(**{key: value}) == []


@pytest.mark.parametrize(
    ("key", "value", "code"),
    [
        ("extranet", "y", "INVALID_ERROR_EXTRANET"),
        ("extranet", "yes", "INVALID_ERROR_EXTRANET"),
        ("extranet", " N", "INVALID_ERROR_EXTRANET"),
        ("extranet", True, "INVALID_ERROR_EXTRANET"),
        ("role", "admin", "INVALID_ERROR_ROLE"),
        ("role", "OWNER", "INVALID_ERROR_ROLE"),
    ],
)
def test_enum_values_are_exact_and_case_sensitive(key: str, value: Any, code: str) -> None:
    problem = only(im(**{key: value}), f"OPTIONS.{key}")
    assert problem.is_error and problem.code == code


def test_enum_error_suggests_the_upper_case_value() -> None:
    assert '"ADMIN"' in only(im(role="admin"), "OPTIONS.role").message


@pytest.mark.parametrize("value", ["true", "1", True])
def test_use_built_in_interface_is_n_or_y(value: Any) -> None:
    problems = check("CRM_DEAL_DETAIL_ACTIVITY", options={"useBuiltInInterface": value})
    assert only(problems, "OPTIONS.useBuiltInInterface").is_error


# --- context (MULTI) ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value", ["ALL", "USER", "CHAT", "LINES", "CRM", "USER;LINES", "USER;CHAT;LINES;CRM"]
)
def test_context_tokens_accepted(value: str) -> None:
    assert im(context=value) == []


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("USER; CHAT", "spaces"),
        ("user", "upper case"),
        ("Chat", "upper case"),
        ("USER;", "empty entry"),
        (";USER", "empty entry"),
        ("USER;;CHAT", "empty entry"),
        ("GROUP", "not an allowed value"),
        ("USER,CHAT", "not an allowed value"),
        ("ALL CHATS", "not an allowed value"),
    ],
)
def test_context_must_be_exact_tokens_joined_by_semicolons(value: str, why: str) -> None:
    problem = only(im(context=value), "OPTIONS.context")
    assert problem.is_error and problem.code == "INVALID_ERROR_CONTEXT" and why in problem.message


@pytest.mark.parametrize(
    ("value", "fix"), [("user; chat", "USER;CHAT"), ("USER,LINES", "USER;LINES"), ("USER;", "USER")]
)
def test_context_error_suggests_the_corrected_value(value: str, fix: str) -> None:
    assert f"Write it as {fix}." in only(im(context=value), "OPTIONS.context").message


def test_context_all_with_other_tokens_warns_that_only_all_applies() -> None:
    problem = only(im(context="ALL;USER"), "OPTIONS.context")
    assert problem.severity is Severity.WARNING and "ALL" in problem.message


def test_navigation_has_no_context() -> None:
    problem = only(im("IM_NAVIGATION", context="ALL"), "OPTIONS.context")
    assert problem.severity is Severity.WARNING


# --- color ----------------------------------------------------------------------------------


@pytest.mark.parametrize("color", [c.name for c in load_catalogue().palette])
def test_every_palette_colour_is_accepted(color: str) -> None:
    assert im(color=color) == []


def test_empty_colour_is_accepted() -> None:
    assert im(color="") == []


def test_orange_is_accepted_without_a_warning() -> None:
    # im/sidebar.md and im/textarea.md list ORANGE among the colours.
    assert im(color="ORANGE") == []
    assert im("IM_TEXTAREA", color="ORANGE") == []


@pytest.mark.parametrize("value", ["light_blue", "lightBlue", "Light blue", "LIGHTBLUE"])
def test_misspelled_colour_is_an_error_suggesting_the_wire_name(value: str) -> None:
    problem = only(im(color=value), "OPTIONS.color")
    assert problem.is_error and problem.code == "INVALID_ERROR_COLOR"
    assert "LIGHT_BLUE" in problem.message


def test_unknown_colour_lists_the_palette() -> None:
    problem = only(im(color="BLUE"), "OPTIONS.color")
    assert problem.is_error and "DARK_BLUE" in problem.message and "GRAPHITE" in problem.message


@pytest.mark.parametrize("placement", ["IM_CONTEXT_MENU", "IM_NAVIGATION"])
def test_colour_only_exists_in_textarea_and_sidebar(placement: str) -> None:
    [problem] = problems_for(im(placement, color="RED"), "OPTIONS.color")
    assert problem.severity is Severity.WARNING and "silently" in problem.message


# --- width, height (INT) --------------------------------------------------------------------


@pytest.mark.parametrize("key", ["width", "height"])
@pytest.mark.parametrize("value", [0, "0", 100, "100", 250])
def test_textarea_size_accepts_whole_numbers_from_zero(key: str, value: Any) -> None:
    assert im("IM_TEXTAREA", **{key: value}) == []


@pytest.mark.parametrize("key", ["width", "height"])
@pytest.mark.parametrize("value", [-1, "-1", "1.5", "50%", " 5", "abc"])
def test_textarea_size_rejects_anything_else(key: str, value: Any) -> None:
    problem = only(im("IM_TEXTAREA", **{key: value}), f"OPTIONS.{key}")
    assert problem.is_error and problem.code == f"INVALID_ERROR_{key.upper()}"


def test_negative_size_message_names_the_minimum() -> None:
    assert "0 or more" in only(im("IM_TEXTAREA", width=-1), "OPTIONS.width").message


def test_size_only_exists_in_the_textarea() -> None:
    assert only(im(width=50), "OPTIONS.width").severity is Severity.WARNING


# --- countries, groupId (ID_LIST) -----------------------------------------------------------


@pytest.mark.parametrize(
    ("placement", "key"),
    [
        ("CRM_REQUISITE_AUTOCOMPLETE", "countries"),
        ("CRM_BANK_DETAIL_AUTOCOMPLETE", "countries"),
        ("TASK_VIEW_TAB", "groupId"),
        ("TASK_VIEW_SIDEBAR", "groupId"),
    ],
)
@pytest.mark.parametrize("value", ["1", "11,12", "1,14,122", 11])
def test_id_lists_accept_comma_separated_positive_ids(placement: str, key: str, value: Any) -> None:
    assert check(placement, options={key: value}) == []


@pytest.mark.parametrize("value", ["0", "1,0", ",1", "1,", "a,b", "1;2", "-3", "01"])
def test_id_lists_reject_anything_else(value: str) -> None:
    problem = only(check("TASK_VIEW_TAB", options={"groupId": value}), "OPTIONS.groupId")
    assert problem.is_error and "11,12" in problem.message


def test_id_list_with_spaces_suggests_the_value_without_them() -> None:
    problems = check("CRM_REQUISITE_AUTOCOMPLETE", options={"countries": "1, 14"})
    assert "write it as 1,14" in only(problems, "OPTIONS.countries").message


# --- keys the placement does not define -----------------------------------------------------


def test_options_on_a_placement_without_options_warn_per_key() -> None:
    problems = check(options={"iconName": "fa-rocket", "color": "RED"})
    assert [p.field for p in problems] == ["OPTIONS.iconName", "OPTIONS.color"]
    assert all(p.severity is Severity.WARNING and "silently" in p.message for p in problems)


def test_undefined_key_lists_the_keys_the_placement_has() -> None:
    problem = only(check("TASK_VIEW_TAB", options={"projectId": "1"}), "OPTIONS.projectId")
    assert problem.severity is Severity.WARNING and "groupId" in problem.message


def test_wrongly_cased_key_suggests_the_right_one() -> None:
    problem = only(im(Role="USER"), "OPTIONS.Role")
    assert problem.severity is Severity.WARNING and '"role"' in problem.message


def test_a_list_as_an_option_value_is_an_error() -> None:
    assert only(im(role=["USER"]), "OPTIONS.role").is_error


# --- helpers and robustness -----------------------------------------------------------------


def test_has_errors_ignores_warnings() -> None:
    assert not has_errors(check(handler="http://app.example.com/"))
    assert has_errors(check(handler="localhost"))


def test_problems_for_selects_by_field_and_row() -> None:
    problems = lang(LangRow("en", ""), LangRow("e", "T"))
    assert [p.column for p in problems_for(problems, "LANG_ALL")] == ["TITLE", "lang"]
    assert [p.column for p in problems_for(problems, "LANG_ALL", row=1)] == ["lang"]
    assert problems_for(problems, "HANDLER") == []


ODD_OPTIONS: dict[str, Any] = {"iconName": None, "width": 1.5, "x": {}, "role": object()}


@pytest.mark.parametrize(
    "request_",
    [
        BindRequest(),
        BindRequest(placement="IM_TEXTAREA", handler="http://[", options=ODD_OPTIONS),
        BindRequest(placement="\x00", handler="https://exa mple.com", lang_rows=(LangRow(""),)),
        BindRequest(
            placement="PAGE_BACKGROUND_WORKER", handler=":", options={"errorHandlerUrl": 5}
        ),
    ],
)
def test_validate_never_raises(request_: BindRequest) -> None:
    assert isinstance(validate(request_, load_catalogue()), list)
