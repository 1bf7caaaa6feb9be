"""The sandbox portal over real HTTP: placement.get/unbind/list, languages, app.info, scope."""

from __future__ import annotations

from typing import Any

import pytest

from b24admin.sandbox import SandboxApp, SandboxPortal, TokenPair
from tests.integration.sandbox_http import HANDLER, bind, call, error_of

WORKER_OPTIONS = {"errorHandlerUrl": "https://widgets.example.com/err"}


def get(portal: SandboxPortal, tokens: TokenPair) -> list[dict[str, Any]]:
    response = call(portal, tokens.access_token, "placement.get")
    assert response.status_code == 200
    result: list[dict[str, Any]] = response.json()["result"]
    return result


def unbind(portal: SandboxPortal, tokens: TokenPair, **params: Any) -> Any:
    return call(portal, tokens.access_token, "placement.unbind", **params).json()


# --- placement.get (placement-get.md) ---------------------------------------------------------


def test_get_lists_the_apps_handlers_in_insertion_order_with_every_field(
    sandbox: SandboxPortal, sandbox_tokens: TokenPair
) -> None:
    bind(sandbox, sandbox_tokens, PLACEMENT="LEFT_MENU", TITLE="Menu", DESCRIPTION="About")
    bind(sandbox, sandbox_tokens, PLACEMENT="CRM_DEAL_DETAIL_TAB", TITLE="Tab")

    rows = get(sandbox, sandbox_tokens)

    assert [row["placement"] for row in rows] == ["LEFT_MENU", "CRM_DEAL_DETAIL_TAB"]
    assert rows[0] == {
        "placement": "LEFT_MENU",
        "userId": 0,
        "handler": HANDLER,
        "options": [],
        "title": "Menu",
        "description": "About",
        "langAll": {"en": {"TITLE": "Menu", "DESCRIPTION": "About", "GROUP_NAME": None}},
    }


def test_get_shows_only_the_calling_apps_handlers(
    sandbox: SandboxPortal, sandbox_tokens: TokenPair
) -> None:
    other_app = sandbox.register_app("local.other.1")
    other = sandbox.issue_tokens(other_app.client_id)
    bind(sandbox, other, PLACEMENT="LEFT_MENU")

    assert get(sandbox, sandbox_tokens) == []
    assert len(get(sandbox, other)) == 1


def test_get_is_empty_list_without_handlers(
    sandbox: SandboxPortal, sandbox_tokens: TokenPair
) -> None:
    assert get(sandbox, sandbox_tokens) == []


def test_bindings_helper_matches_placement_get(
    sandbox: SandboxPortal, sandbox_app: SandboxApp, sandbox_tokens: TokenPair
) -> None:
    bind(sandbox, sandbox_tokens, PLACEMENT="IM_SIDEBAR", OPTIONS={"iconName": "fa-rocket"})
    assert sandbox.bindings(sandbox_app.client_id) == get(sandbox, sandbox_tokens)


# --- titles and LANG_ALL (placement-bind.md) ------------------------------------------------


def test_without_any_title_the_app_name_is_stored_under_the_portal_language(
    sandbox: SandboxPortal, sandbox_app: SandboxApp, sandbox_tokens: TokenPair
) -> None:
    bind(sandbox, sandbox_tokens, PLACEMENT="LEFT_MENU")
    (row,) = get(sandbox, sandbox_tokens)
    assert row["title"] == ""
    assert row["langAll"]["en"]["TITLE"] == sandbox_app.name


def test_lang_all_wins_over_top_level_strings(
    sandbox: SandboxPortal, sandbox_tokens: TokenPair
) -> None:
    lang_all = {"de": {"TITLE": " Hallo "}, "en": {"TITLE": "Hello", "GROUP_NAME": "Tools"}}
    bind(sandbox, sandbox_tokens, PLACEMENT="LEFT_MENU", TITLE="Ignored", LANG_ALL=lang_all)

    (row,) = get(sandbox, sandbox_tokens)

    assert row["title"] == "Hello"  # the portal language's row
    assert row["langAll"] == {
        "de": {"TITLE": "Hallo", "DESCRIPTION": "", "GROUP_NAME": ""},
        "en": {"TITLE": "Hello", "DESCRIPTION": "", "GROUP_NAME": "Tools"},
    }


def test_top_level_title_over_255_is_ignored_when_lang_all_is_given(
    sandbox: SandboxPortal, sandbox_tokens: TokenPair
) -> None:
    response = bind(
        sandbox,
        sandbox_tokens,
        PLACEMENT="LEFT_MENU",
        TITLE="x" * 300,
        LANG_ALL={"en": {"TITLE": "Ok"}},
    )
    assert response.json()["result"] is True


def test_lang_row_without_title_is_error_core_and_leaves_the_handler_bound(
    sandbox: SandboxPortal, sandbox_tokens: TokenPair
) -> None:
    lang_all = {"en": {"TITLE": "Hello"}, "de": {"DESCRIPTION": "Nur Text"}}

    response = bind(sandbox, sandbox_tokens, PLACEMENT="LEFT_MENU", LANG_ALL=lang_all)

    assert error_of(response) == (400, "ERROR_CORE")
    assert response.json()["error_description"].startswith("Unable to set placements language")
    # Server source: the handler row is inserted before its languages (not confirmed live).
    (row,) = get(sandbox, sandbox_tokens)
    assert list(row["langAll"]) == ["en"]


def test_description_without_title_fails_on_the_language_row(
    sandbox: SandboxPortal, sandbox_tokens: TokenPair
) -> None:
    # The top-level strings form the portal-language row, and a row needs a TITLE.
    response = bind(sandbox, sandbox_tokens, PLACEMENT="LEFT_MENU", DESCRIPTION="Only this")
    assert error_of(response) == (400, "ERROR_CORE")


# --- placement.unbind (placement-unbind.md) -------------------------------------------------


def test_unbind_counts_two_per_removed_handler(
    sandbox: SandboxPortal, sandbox_tokens: TokenPair
) -> None:
    bind(sandbox, sandbox_tokens, PLACEMENT="LEFT_MENU", HANDLER=HANDLER + "?a")
    bind(sandbox, sandbox_tokens, PLACEMENT="LEFT_MENU", HANDLER=HANDLER + "?b")
    bind(sandbox, sandbox_tokens, PLACEMENT="CRM_DEAL_DETAIL_TAB")

    answer = unbind(sandbox, sandbox_tokens, PLACEMENT="left_menu")

    assert answer["result"] == {"count": 4}
    assert [row["placement"] for row in get(sandbox, sandbox_tokens)] == ["CRM_DEAL_DETAIL_TAB"]


def test_unbind_with_handler_removes_only_that_handler(
    sandbox: SandboxPortal, sandbox_tokens: TokenPair
) -> None:
    bind(sandbox, sandbox_tokens, PLACEMENT="LEFT_MENU", HANDLER=HANDLER + "?a")
    bind(sandbox, sandbox_tokens, PLACEMENT="LEFT_MENU", HANDLER=HANDLER + "?b")

    answer = unbind(sandbox, sandbox_tokens, PLACEMENT="LEFT_MENU", HANDLER=HANDLER + "?a")

    assert answer["result"] == {"count": 2}
    assert [row["handler"] for row in get(sandbox, sandbox_tokens)] == [HANDLER + "?b"]


@pytest.mark.parametrize(("user_id", "left"), [(0, [5]), (5, [0]), ("5", [0])])
def test_unbind_user_id_filters_exactly(
    sandbox: SandboxPortal, sandbox_tokens: TokenPair, user_id: Any, left: list[int]
) -> None:
    for handler, user in ((HANDLER + "?all", 0), (HANDLER + "?five", 5)):
        bind(
            sandbox,
            sandbox_tokens,
            PLACEMENT="PAGE_BACKGROUND_WORKER",
            HANDLER=handler,
            USER_ID=user,
            OPTIONS=WORKER_OPTIONS,
        )

    answer = unbind(sandbox, sandbox_tokens, PLACEMENT="PAGE_BACKGROUND_WORKER", USER_ID=user_id)

    assert answer["result"] == {"count": 2}
    assert [row["userId"] for row in get(sandbox, sandbox_tokens)] == left


def test_unbind_without_a_match_is_count_zero_not_an_error(
    sandbox: SandboxPortal, sandbox_tokens: TokenPair
) -> None:
    assert unbind(sandbox, sandbox_tokens, PLACEMENT="LEFT_MENU")["result"] == {"count": 0}
    assert unbind(sandbox, sandbox_tokens, PLACEMENT="NOT_A_CODE")["result"] == {"count": 0}


def test_unbind_does_not_touch_other_apps(
    sandbox: SandboxPortal, sandbox_tokens: TokenPair
) -> None:
    other = sandbox.issue_tokens(sandbox.register_app("local.other.2").client_id)
    bind(sandbox, other, PLACEMENT="LEFT_MENU")
    assert unbind(sandbox, sandbox_tokens, PLACEMENT="LEFT_MENU")["result"] == {"count": 0}
    assert len(get(sandbox, other)) == 1


def test_unbind_without_placement_is_error_argument(
    sandbox: SandboxPortal, sandbox_tokens: TokenPair
) -> None:
    response = call(sandbox, sandbox_tokens.access_token, "placement.unbind", HANDLER=HANDLER)
    assert error_of(response) == (400, "ERROR_ARGUMENT")
    assert response.json()["argument"] == "PLACEMENT"


# --- placement.list (placement-list.md) -------------------------------------------------------


def listing(portal: SandboxPortal, tokens: TokenPair, **params: Any) -> list[str]:
    result: list[str] = call(portal, tokens.access_token, "placement.list", **params).json()[
        "result"
    ]
    return result


def test_list_default_is_the_apps_scopes_plus_global(sandbox: SandboxPortal) -> None:
    app = sandbox.register_app("local.tasks.1", scopes=("placement", "task"))
    codes = listing(sandbox, sandbox.issue_tokens(app.client_id))
    assert {"TASK_VIEW_TAB", "LEFT_MENU"} <= set(codes)
    assert "CRM_DEAL_DETAIL_TAB" not in codes
    assert "IM_SIDEBAR" not in codes  # a messenger placement needs the im scope


def test_list_scope_filter_and_full(sandbox: SandboxPortal) -> None:
    app = sandbox.register_app("local.tasks.2", scopes=("placement", "task"))
    tokens = sandbox.issue_tokens(app.client_id)

    crm = listing(sandbox, tokens, SCOPE="crm")
    full = listing(sandbox, tokens, FULL="true")

    assert "CRM_DEAL_DETAIL_TAB" in crm and "TASK_VIEW_TAB" not in crm
    assert {"CRM_DEAL_DETAIL_TAB", "CALL_CARD", "TASK_VIEW_TAB", "LEFT_MENU"} <= set(full)


def test_list_with_an_empty_scope_is_as_if_scope_were_absent(sandbox: SandboxPortal) -> None:
    app = sandbox.register_app("local.tasks.3", scopes=("placement", "task"))
    tokens = sandbox.issue_tokens(app.client_id)
    assert listing(sandbox, tokens, SCOPE="") == listing(sandbox, tokens)
    assert listing(sandbox, tokens, SCOPE="", FULL="Y") == listing(sandbox, tokens, FULL="Y")
    assert "TASK_VIEW_TAB" in listing(sandbox, tokens, SCOPE="")


def test_list_never_shows_placements_bound_by_other_methods(
    sandbox: SandboxPortal, sandbox_tokens: TokenPair
) -> None:
    codes = listing(sandbox, sandbox_tokens, FULL=True)
    assert not {"SETTING_CONNECTOR", "USERFIELD_TYPE", "LANDING_SETTINGS"} & set(codes)


# --- app.info, user.admin, scope (api-reference/common/) ------------------------------------


def test_app_info_reports_code_status_and_installed(
    sandbox: SandboxPortal, sandbox_app: SandboxApp, sandbox_tokens: TokenPair
) -> None:
    info = call(sandbox, sandbox_tokens.access_token, "app.info").json()["result"]
    assert (info["CODE"], info["STATUS"], info["INSTALLED"]) == (sandbox_app.client_id, "L", True)

    sandbox.set_installed(sandbox_app.client_id, False)

    info = call(sandbox, sandbox_tokens.access_token, "app.info").json()["result"]
    assert info["INSTALLED"] is False


def test_bind_still_succeeds_while_the_app_is_not_installed(
    sandbox: SandboxPortal, sandbox_app: SandboxApp, sandbox_tokens: TokenPair
) -> None:
    # accepted, but invisible (installation-finish.md)
    sandbox.set_installed(sandbox_app.client_id, False)
    assert bind(sandbox, sandbox_tokens, PLACEMENT="LEFT_MENU").json()["result"] is True


def test_user_admin_answers_for_the_tokens_user(
    sandbox: SandboxPortal, sandbox_app: SandboxApp, sandbox_tokens: TokenPair
) -> None:
    sandbox.add_user(9, admin=False)
    employee = sandbox.issue_tokens(sandbox_app.client_id, user_id=9)
    assert call(sandbox, sandbox_tokens.access_token, "user.admin").json()["result"] is True
    assert call(sandbox, employee.access_token, "user.admin").json()["result"] is False


def test_scope_lists_the_apps_scopes(sandbox: SandboxPortal) -> None:
    app = sandbox.register_app("local.scopes.1", scopes=("placement", "crm"))
    tokens = sandbox.issue_tokens(app.client_id)
    assert call(sandbox, tokens.access_token, "scope").json()["result"] == ["placement", "crm"]
    full = call(sandbox, tokens.access_token, "scope", full="true").json()["result"]
    assert {"placement", "crm", "task", "im"} <= set(full)
