"""The sandbox portal over real HTTP with plain ``requests``: auth, placement.* and the neighbours.

Each test pins one behaviour the Bitrix24 docs describe (see docs/bitrix24-notes.md).
placement.get/unbind/list and languages are in test_sandbox_listing.py; OAuth, batch, the rate
limit, faults and the runner in test_sandbox_transport.py.
"""

from __future__ import annotations

from typing import Any

import pytest
import requests

from b24admin.sandbox import ManualClock, SandboxApp, SandboxPortal, TokenPair
from tests.integration.sandbox_http import HANDLER, TIMEOUT, bind, call, error_of

# --- authentication (widgets/index.md, settings/oauth) ---------------------------------------


def test_call_without_auth_is_no_auth_found(sandbox: SandboxPortal) -> None:
    assert error_of(call(sandbox, None, "placement.get")) == (401, "NO_AUTH_FOUND")


def test_unknown_token_is_no_auth_found(sandbox: SandboxPortal) -> None:
    assert error_of(call(sandbox, "not-a-token", "user.admin")) == (401, "NO_AUTH_FOUND")


def test_expired_tokens_answer_expired_token(
    sandbox: SandboxPortal, sandbox_tokens: TokenPair
) -> None:
    sandbox.expire_access_tokens()

    response = call(sandbox, sandbox_tokens.access_token, "placement.get")

    assert response.status_code == 401
    assert response.json() == {
        "error": "expired_token",
        "error_description": "The access token provided has expired.",
    }


def test_token_issued_after_expiring_the_others_works(
    sandbox: SandboxPortal, sandbox_app: SandboxApp
) -> None:
    sandbox.expire_access_tokens()
    fresh = sandbox.issue_tokens(sandbox_app.client_id)
    assert call(sandbox, fresh.access_token, "user.admin").json()["result"] is True


def test_access_token_expires_after_its_lifetime_on_the_clock() -> None:
    clock = ManualClock()
    with SandboxPortal(access_token_ttl=3600.0, clock=clock) as portal:
        tokens = portal.issue_tokens(portal.register_app().client_id)
        clock.advance(3599.0)
        assert call(portal, tokens.access_token, "user.admin").status_code == 200
        clock.advance(1.0)
        assert error_of(call(portal, tokens.access_token, "user.admin")) == (401, "expired_token")


def test_auth_is_accepted_in_query_form_and_json_and_suffix_is_optional(
    sandbox: SandboxPortal, sandbox_tokens: TokenPair
) -> None:
    token = sandbox_tokens.access_token
    url = f"{sandbox.base_url}/rest/user.admin"
    answers = [
        requests.get(url, params={"auth": token}, timeout=TIMEOUT),
        requests.post(url + ".json", data={"auth": token}, timeout=TIMEOUT),
        requests.post(url, json={"auth": token}, timeout=TIMEOUT),
    ]
    assert [a.json()["result"] for a in answers] == [True, True, True]


@pytest.mark.parametrize(
    "method", ["placement.bind", "placement.unbind", "placement.get", "placement.list"]
)
def test_webhook_placement_methods_are_wrong_auth_type(sandbox: SandboxPortal, method: str) -> None:
    url = sandbox.add_webhook() + f"{method}.json"

    response = requests.post(url, json={"PLACEMENT": "LEFT_MENU", "HANDLER": HANDLER}, timeout=5)

    assert response.status_code == 403
    assert response.json() == {
        "error": "WRONG_AUTH_TYPE",
        "error_description": (
            "Current authorization type is denied for this method Application context required"
        ),
    }


def test_webhook_with_a_wrong_secret_is_no_auth_found(sandbox: SandboxPortal) -> None:
    response = requests.post(f"{sandbox.base_url}/rest/1/nope/user.admin.json", timeout=TIMEOUT)
    assert error_of(response) == (401, "NO_AUTH_FOUND")


def test_webhook_may_call_user_admin_as_its_user(sandbox: SandboxPortal) -> None:
    sandbox.add_user(7, admin=False)
    admin = requests.post(sandbox.add_webhook(1) + "user.admin", timeout=TIMEOUT)
    employee = requests.post(sandbox.add_webhook(7) + "user.admin", timeout=TIMEOUT)
    assert (admin.json()["result"], employee.json()["result"]) == (True, False)


def test_app_info_over_webhook_is_access_denied(sandbox: SandboxPortal) -> None:
    response = requests.post(sandbox.add_webhook() + "app.info.json", timeout=TIMEOUT)
    assert error_of(response) == (403, "ACCESS_DENIED")
    assert response.json()["error_description"] == "Application context required"


@pytest.mark.parametrize("method", ["placement.bind", "placement.unbind", "placement.get"])
def test_non_admin_is_access_denied(
    sandbox: SandboxPortal, sandbox_app: SandboxApp, method: str
) -> None:
    sandbox.add_user(5, admin=False)
    tokens = sandbox.issue_tokens(sandbox_app.client_id, user_id=5)
    response = call(sandbox, tokens.access_token, method, PLACEMENT="LEFT_MENU", HANDLER=HANDLER)
    assert error_of(response) == (403, "ACCESS_DENIED")


def test_non_admin_may_list_placements(sandbox: SandboxPortal, sandbox_app: SandboxApp) -> None:
    sandbox.add_user(5, admin=False)
    tokens = sandbox.issue_tokens(sandbox_app.client_id, user_id=5)
    assert "LEFT_MENU" in call(sandbox, tokens.access_token, "placement.list").json()["result"]


def test_app_without_placement_scope_gets_insufficient_scope(sandbox: SandboxPortal) -> None:
    app = sandbox.register_app("local.noscope.1", scopes=("crm",))
    tokens = sandbox.issue_tokens(app.client_id)
    response = call(sandbox, tokens.access_token, "placement.get")
    assert error_of(response) == (403, "insufficient_scope")


def test_unknown_method_is_method_not_found(
    sandbox: SandboxPortal, sandbox_tokens: TokenPair
) -> None:
    response = call(sandbox, sandbox_tokens.access_token, "placement.frobnicate")
    assert error_of(response) == (404, "ERROR_METHOD_NOT_FOUND")


# --- placement.bind: arguments and handler URL (placement-bind.md) --------------------------


def test_bind_succeeds_with_result_true_and_a_time_block(
    sandbox: SandboxPortal, sandbox_tokens: TokenPair
) -> None:
    body = bind(sandbox, sandbox_tokens, PLACEMENT="LEFT_MENU").json()
    assert body["result"] is True
    assert {"start", "finish", "duration", "date_start", "operating"} <= set(body["time"])


def test_bind_without_placement_is_error_argument_naming_it(
    sandbox: SandboxPortal, sandbox_tokens: TokenPair
) -> None:
    response = bind(sandbox, sandbox_tokens)
    # DOC-CONFLICT: placement-bind.md says 200, another copy and unbind say 400; we answer 400.
    assert error_of(response) == (400, "ERROR_ARGUMENT")
    assert response.json()["argument"] == "PLACEMENT"


def test_bind_placement_that_is_not_a_string_is_error_argument(
    sandbox: SandboxPortal, sandbox_tokens: TokenPair
) -> None:
    response = bind(sandbox, sandbox_tokens, PLACEMENT=["LEFT_MENU"])
    assert error_of(response) == (400, "ERROR_ARGUMENT")
    assert "must be of type string" in response.json()["error_description"]


def test_bind_uppercases_the_placement_code(
    sandbox: SandboxPortal, sandbox_app: SandboxApp, sandbox_tokens: TokenPair
) -> None:
    assert bind(sandbox, sandbox_tokens, PLACEMENT="left_menu").json()["result"] is True
    assert sandbox.bindings(sandbox_app.client_id)[0]["placement"] == "LEFT_MENU"


def test_bind_default_is_wrong_value(sandbox: SandboxPortal, sandbox_tokens: TokenPair) -> None:
    response = bind(sandbox, sandbox_tokens, PLACEMENT="default")
    assert error_of(response) == (400, "ERROR_ARGUMENT")
    assert response.json()["error_description"] == "Wrong value"
    assert response.json()["argument"] == "PLACEMENT"


@pytest.mark.parametrize(
    "code",
    [
        "NO_SUCH_PLACEMENT",
        "CRM_ACTIVITY_DETAIL_TAB",  # ACTIVITY is not an entity of DETAIL_TAB
        "CRM_DYNAMIC_183_NOPE",
        "SETTING_CONNECTOR",  # imconnector.register binds it
        "USERFIELD_TYPE",  # userfieldtype.add binds it
        "LANDING_SETTINGS",  # landing.repo.bind binds it
        "LANDING_BLOCK_MY_BLOCK",
    ],
)
def test_bind_unknown_or_private_code_is_placement_not_found(
    sandbox: SandboxPortal, code: str
) -> None:
    app = sandbox.register_app("local.all.1", scopes=("placement", "crm", "imopenlines", "landing"))
    tokens = sandbox.issue_tokens(app.client_id)
    assert error_of(bind(sandbox, tokens, PLACEMENT=code)) == (400, "ERROR_PLACEMENT_NOT_FOUND")


def test_bind_code_of_a_scope_the_app_lacks_is_placement_not_found(
    sandbox: SandboxPortal,
) -> None:
    app = sandbox.register_app("local.placementonly.1", scopes=("placement",))
    tokens = sandbox.issue_tokens(app.client_id)

    crm = bind(sandbox, tokens, PLACEMENT="CRM_DEAL_DETAIL_TAB")
    messenger = bind(sandbox, tokens, PLACEMENT="IM_CONTEXT_MENU")  # the im scope: not found
    menu = bind(sandbox, tokens, PLACEMENT="LEFT_MENU")  # global: placement suffices

    assert error_of(crm) == (400, "ERROR_PLACEMENT_NOT_FOUND")
    assert error_of(messenger) == (400, "ERROR_PLACEMENT_NOT_FOUND")
    assert menu.json()["result"] is True


def test_placement_list_leaves_out_the_messenger_codes_without_im(
    sandbox: SandboxPortal,
) -> None:
    app = sandbox.register_app("local.placementonly.2", scopes=("placement",))
    tokens = sandbox.issue_tokens(app.client_id)
    without = call(sandbox, tokens.access_token, "placement.list").json()["result"]
    demo = sandbox.issue_tokens(sandbox.app().client_id)
    with_im = call(sandbox, demo.access_token, "placement.list")
    assert "IM_SIDEBAR" not in without and "LEFT_MENU" in without
    assert "IM_SIDEBAR" in with_im.json()["result"]


@pytest.mark.parametrize(
    "code", ["CRM_DYNAMIC_183_DETAIL_TAB", "CRM_DYNAMIC_7_LIST_MENU", "CRM_DEAL_DETAIL_TAB"]
)
def test_bind_accepts_crm_codes_including_dynamic_types(
    sandbox: SandboxPortal, sandbox_tokens: TokenPair, code: str
) -> None:
    assert bind(sandbox, sandbox_tokens, PLACEMENT=code).json()["result"] is True


def test_bind_without_handler_is_error_argument_naming_it(
    sandbox: SandboxPortal, sandbox_tokens: TokenPair
) -> None:
    response = bind(sandbox, sandbox_tokens, PLACEMENT="LEFT_MENU", HANDLER="")
    assert error_of(response) == (400, "ERROR_ARGUMENT")
    assert response.json()["argument"] == "HANDLER"


@pytest.mark.parametrize(
    ("handler", "code"),
    [
        ("ftp://widgets.example.com/h", "ERROR_UNSUPPORTED_PROTOCOL"),
        ("http://localhost:8000/h", "ERROR_WRONG_HANDLER_URL"),
        ("ftp://localhost/h", "ERROR_WRONG_HANDLER_URL"),  # the host is checked first
        ("widgets.example.com/h", "ERROR_WRONG_HANDLER_URL"),  # no scheme, so no host
        ("https://.example/h", "ERROR_WRONG_HANDLER_URL"),  # the dot must not come first
    ],
)
def test_bind_rejects_bad_handler_urls(
    sandbox: SandboxPortal, sandbox_tokens: TokenPair, handler: str, code: str
) -> None:
    response = bind(sandbox, sandbox_tokens, PLACEMENT="LEFT_MENU", HANDLER=handler)
    assert error_of(response) == (400, code)


def test_placement_error_status_can_play_the_documented_200(
    sandbox: SandboxPortal, sandbox_tokens: TokenPair
) -> None:
    sandbox.placement_error_status = 200
    response = bind(sandbox, sandbox_tokens, PLACEMENT="LEFT_MENU", HANDLER="http://localhost/")
    assert error_of(response) == (200, "ERROR_WRONG_HANDLER_URL")


def test_bind_user_id_outside_background_worker_is_user_mode_error(
    sandbox: SandboxPortal, sandbox_tokens: TokenPair
) -> None:
    assert error_of(bind(sandbox, sandbox_tokens, PLACEMENT="LEFT_MENU", USER_ID=3)) == (
        400,
        "ERROR_PLACEMENT_USER_MODE",
    )
    assert bind(sandbox, sandbox_tokens, PLACEMENT="LEFT_MENU", USER_ID=0).json()["result"]


def test_background_worker_needs_error_handler_url(
    sandbox: SandboxPortal, sandbox_tokens: TokenPair
) -> None:
    response = bind(sandbox, sandbox_tokens, PLACEMENT="PAGE_BACKGROUND_WORKER")
    assert error_of(response) == (400, "EMPTY_ERROR_HANDLER_URL")


def test_background_worker_keeps_only_error_handler_url_and_the_user(
    sandbox: SandboxPortal, sandbox_app: SandboxApp, sandbox_tokens: TokenPair
) -> None:
    options = {"errorHandlerUrl": "https://widgets.example.com/err", "extra": "x"}
    bind(sandbox, sandbox_tokens, PLACEMENT="PAGE_BACKGROUND_WORKER", OPTIONS=options, USER_ID=4)
    (row,) = sandbox.bindings(sandbox_app.client_id)
    assert (row["options"], row["userId"]) == ({"errorHandlerUrl": options["errorHandlerUrl"]}, 4)


def test_second_rest_app_uri_is_max_count(
    sandbox: SandboxPortal, sandbox_tokens: TokenPair
) -> None:
    assert bind(sandbox, sandbox_tokens, PLACEMENT="REST_APP_URI").json()["result"] is True
    second = bind(sandbox, sandbox_tokens, PLACEMENT="REST_APP_URI", HANDLER=HANDLER + "?2")
    assert error_of(second) == (400, "ERROR_PLACEMENT_MAX_COUNT")


def test_background_worker_allows_one_general_and_one_per_user(
    sandbox: SandboxPortal, sandbox_tokens: TokenPair
) -> None:
    opts = {"errorHandlerUrl": "https://widgets.example.com/err"}

    def worker(handler: str, user_id: int) -> requests.Response:
        return bind(
            sandbox,
            sandbox_tokens,
            PLACEMENT="PAGE_BACKGROUND_WORKER",
            HANDLER=handler,
            USER_ID=user_id,
            OPTIONS=opts,
        )

    assert worker(HANDLER + "?general", 0).json()["result"] is True
    assert worker(HANDLER + "?user2", 2).json()["result"] is True
    assert worker(HANDLER + "?user3", 3).json()["result"] is True
    assert error_of(worker(HANDLER + "?again", 2)) == (400, "ERROR_PLACEMENT_MAX_COUNT")
    assert error_of(worker(HANDLER + "?again", 0)) == (400, "ERROR_PLACEMENT_MAX_COUNT")


def test_duplicate_handler_is_error_core_handler_already_binded(
    sandbox: SandboxPortal, sandbox_tokens: TokenPair
) -> None:
    bind(sandbox, sandbox_tokens, PLACEMENT="LEFT_MENU", TITLE="One")

    again = bind(sandbox, sandbox_tokens, PLACEMENT="LEFT_MENU", TITLE="Other title")
    other_url = bind(sandbox, sandbox_tokens, PLACEMENT="LEFT_MENU", HANDLER=HANDLER + "?v=2")

    assert again.status_code == 400
    assert again.json() == {
        "error": "ERROR_CORE",
        "error_description": "Unable to set placement handler: Handler already binded",
    }
    assert other_url.json()["result"] is True


@pytest.mark.parametrize("field", ["TITLE", "DESCRIPTION", "GROUP_NAME"])
def test_text_over_255_characters_is_error_argument(
    sandbox: SandboxPortal, sandbox_tokens: TokenPair, field: str
) -> None:
    strings = {"TITLE": "Title"}
    too_long = bind(sandbox, sandbox_tokens, PLACEMENT="LEFT_MENU", **{**strings, field: "x" * 256})
    at_limit = bind(sandbox, sandbox_tokens, PLACEMENT="LEFT_MENU", **{**strings, field: "x" * 255})
    assert error_of(too_long) == (400, "ERROR_ARGUMENT")
    assert too_long.json()["argument"] == field
    assert at_limit.json()["result"] is True


# --- OPTIONS (im/*.md, universal/*.md) --------------------------------------------------------


def bind_im(
    portal: SandboxPortal, tokens: TokenPair, code: str, **options: Any
) -> requests.Response:
    return bind(portal, tokens, PLACEMENT=code, OPTIONS=options)


@pytest.mark.parametrize("code", ["IM_TEXTAREA", "IM_SIDEBAR", "IM_NAVIGATION"])
def test_missing_icon_name_is_error_argument_naming_it(
    sandbox: SandboxPortal, sandbox_tokens: TokenPair, code: str
) -> None:
    response = bind_im(sandbox, sandbox_tokens, code, role="USER")
    assert error_of(response) == (400, "ERROR_ARGUMENT")
    assert response.json()["argument"] == "iconName"


@pytest.mark.parametrize(
    ("options", "code"),
    [
        ({"iconName": ""}, "EMPTY_ERROR_ICON_NAME"),
        ({"iconName": "f" * 51}, "INVALID_ERROR_ICON_NAME"),
        ({"iconName": "123"}, "INVALID_ERROR_ICON_NAME"),
        ({"iconName": "fa-rocket", "extranet": "y"}, "INVALID_ERROR_EXTRANET"),
        ({"iconName": "fa-rocket", "role": "admin"}, "INVALID_ERROR_ROLE"),
        ({"iconName": "fa-rocket", "context": "USER; CHAT"}, "INVALID_ERROR_CONTEXT"),
        ({"iconName": "fa-rocket", "context": "user"}, "INVALID_ERROR_CONTEXT"),
        ({"iconName": "fa-rocket", "color": "lightBlue"}, "INVALID_ERROR_COLOR"),
        ({"iconName": "fa-rocket", "width": -1}, "INVALID_ERROR_WIDTH"),
        ({"iconName": "fa-rocket", "height": "-5"}, "INVALID_ERROR_HEIGHT"),
    ],
)
def test_messenger_options_are_validated_strictly(
    sandbox: SandboxPortal, sandbox_tokens: TokenPair, options: dict[str, Any], code: str
) -> None:
    assert error_of(bind_im(sandbox, sandbox_tokens, "IM_TEXTAREA", **options)) == (400, code)


@pytest.mark.parametrize(
    "options",
    [
        {"iconName": "f" * 50},
        {"iconName": "1a"},  # the server's regex is unanchored: one letter is enough
        {"iconName": "fa-rocket", "context": "USER;LINES;CRM"},
        {"iconName": "fa-rocket", "color": ""},
        {"iconName": "fa-rocket", "color": "ORANGE", "role": "ADMIN", "extranet": "Y"},
        {"iconName": "fa-rocket", "width": 0, "height": "0"},
    ],
)
def test_valid_messenger_options_are_accepted(
    sandbox: SandboxPortal, sandbox_tokens: TokenPair, options: dict[str, Any]
) -> None:
    assert bind_im(sandbox, sandbox_tokens, "IM_TEXTAREA", **options).json()["result"] is True


def test_options_the_placement_does_not_define_are_not_validated(
    sandbox: SandboxPortal, sandbox_app: SandboxApp, sandbox_tokens: TokenPair
) -> None:
    # IM_CONTEXT_MENU has no color or iconName: bad values are dropped, not refused
    # (im/context-menu.md).
    response = bind_im(sandbox, sandbox_tokens, "IM_CONTEXT_MENU", color="nope", iconName="")
    assert response.json()["result"] is True
    (row,) = sandbox.bindings(sandbox_app.client_id)
    assert row["options"] == {"extranet": "N", "context": "ALL", "role": "USER"}


def test_textarea_options_get_their_defaults_and_unknown_keys_dropped(
    sandbox: SandboxPortal, sandbox_app: SandboxApp, sandbox_tokens: TokenPair
) -> None:
    bind_im(sandbox, sandbox_tokens, "IM_TEXTAREA", iconName="fa-rocket", surprise="x")
    (row,) = sandbox.bindings(sandbox_app.client_id)
    assert row["options"] == {
        "iconName": "fa-rocket",
        "extranet": "N",
        "context": "ALL",
        "role": "USER",
        "color": "",
        "width": 100,
        "height": 100,
    }


def test_mobile_context_menu_does_not_keep_icon_name(
    sandbox: SandboxPortal, sandbox_app: SandboxApp, sandbox_tokens: TokenPair
) -> None:
    bind_im(sandbox, sandbox_tokens, "IMMOBILE_CONTEXT_MENU", iconName="fa-rocket", role="ADMIN")
    (row,) = sandbox.bindings(sandbox_app.client_id)
    assert row["options"] == {"extranet": "N", "context": "ALL", "role": "ADMIN"}


def test_detail_activity_defaults_use_built_in_interface_to_n(
    sandbox: SandboxPortal, sandbox_app: SandboxApp, sandbox_tokens: TokenPair
) -> None:
    bind(sandbox, sandbox_tokens, PLACEMENT="CRM_DYNAMIC_31_DETAIL_ACTIVITY")
    (row,) = sandbox.bindings(sandbox_app.client_id)
    assert row["options"]["useBuiltInInterface"] == "N"


def test_placement_without_options_stores_an_empty_list(
    sandbox: SandboxPortal, sandbox_app: SandboxApp, sandbox_tokens: TokenPair
) -> None:
    bind(sandbox, sandbox_tokens, PLACEMENT="LEFT_MENU", OPTIONS={"iconName": "fa-rocket"})
    assert sandbox.bindings(sandbox_app.client_id)[0]["options"] == []


def test_form_encoded_bind_with_nested_brackets(
    sandbox: SandboxPortal, sandbox_app: SandboxApp, sandbox_tokens: TokenPair
) -> None:
    form = {
        "auth": sandbox_tokens.access_token,
        "PLACEMENT": "IM_SIDEBAR",
        "HANDLER": HANDLER,
        "OPTIONS[iconName]": "fa-paperclip",
        "OPTIONS[color]": "MINT",
        "LANG_ALL[en][TITLE]": "Files",
        "LANG_ALL[de][TITLE]": "Dateien",
    }
    url = f"{sandbox.base_url}/rest/placement.bind"
    assert requests.post(url, data=form, timeout=TIMEOUT).json()["result"] is True
    (row,) = sandbox.bindings(sandbox_app.client_id)
    assert (row["options"]["iconName"], row["options"]["color"]) == ("fa-paperclip", "MINT")
    assert row["langAll"]["de"]["TITLE"] == "Dateien"
