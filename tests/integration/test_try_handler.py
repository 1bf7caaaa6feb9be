"""Trying a widget's handler against real handler servers on 127.0.0.1: what they receive, field
by field, and what the try says about their answers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from b24admin.core.catalogue import load_catalogue
from b24admin.core.handler_context import (
    APPLICATION_TOKEN_PLACEHOLDER,
    AUTH_ID_PLACEHOLDER,
    REFRESH_ID_PLACEHOLDER,
    PortalIdentity,
)
from b24admin.core.handler_try import HandlerTryResult, try_handler
from b24admin.sandbox import SandboxApp, SandboxPortal, TokenPair
from tests.integration.handler_servers import Answer, HandlerServer

PORTAL = PortalIdentity.from_portal_url("https://acme.bitrix24.com", member_id="a1b2c3")


def run(placement: str, url: str, **kwargs: object) -> HandlerTryResult:
    return try_handler(placement, url, load_catalogue(), **{"portal": PORTAL, **kwargs})  # type: ignore[arg-type]


def test_im_sidebar_handler_receives_the_portal_fields_in_query_and_form() -> None:
    with HandlerServer() as server:
        server.answers = {"/widget/": Answer()}
        result = run("IM_SIDEBAR", server.url("/widget/?app=1"), lang="de")
    (got,) = server.received
    assert got.method == "POST"
    assert got.headers["content-type"] == "application/x-www-form-urlencoded"
    assert got.query["app"] == "1"  # the handler's own query survives
    assert got.query["DOMAIN"] == "acme.bitrix24.com"
    assert got.query["PROTOCOL"] == "1"
    assert got.query["LANG"] == "de"
    assert len(got.query["APP_SID"]) == 32
    assert got.form["AUTH_ID"] == AUTH_ID_PLACEHOLDER
    assert got.form["REFRESH_ID"] == REFRESH_ID_PLACEHOLDER
    assert got.form["APPLICATION_TOKEN"] == APPLICATION_TOKEN_PLACEHOLDER
    assert got.form["AUTH_EXPIRES"] == "3600"
    assert got.form["member_id"] == "a1b2c3"
    assert got.form["status"] == "L"
    assert got.form["PLACEMENT"] == "IM_SIDEBAR"
    assert got.form["APPLICATION_SCOPE"] == "im,placement"
    assert got.form["SERVER_ENDPOINT"] == "https://oauth.bitrix.info/rest/"
    assert json.loads(got.form["PLACEMENT_OPTIONS"]) == {"dialogId": "chat2", "URI": "/online/"}
    assert got.headers["origin"] == "https://acme.bitrix24.com"
    assert result.status == 200 and result.exit_code == 0


@pytest.mark.parametrize(
    ("placement", "expected"),
    [
        ("CRM_DEAL_DETAIL_TAB", {"ID": "8061"}),
        ("CRM_QUOTE_DETAIL_TOOLBAR", {"ENTITY_ID": "8061"}),
        ("TASK_VIEW_TAB", {"taskId": "31"}),
        ("IM_CONTEXT_MENU", {"messageId": "2431", "dialogId": "chat2"}),
        ("TASK_GROUP_LIST_TOOLBAR", {"GROUP_ID": "11"}),
        ("CALENDAR_GRIDVIEW", {"viewRangeFrom": "2026-07-26", "viewRangeTo": "2026-09-06"}),
    ],
)
def test_each_placement_sends_its_documented_context(
    placement: str, expected: dict[str, str]
) -> None:
    with HandlerServer() as server:
        run(placement, server.url())
    options = json.loads(server.received[0].form["PLACEMENT_OPTIONS"])
    assert server.received[0].form["PLACEMENT"] == placement
    assert {key: options[key] for key in expected} == expected
    assert "URI" in options


def test_a_smart_process_card_sends_its_own_address_in_uri() -> None:
    with HandlerServer() as server:
        run("CRM_DYNAMIC_183_DETAIL_TAB", server.url())
    options = json.loads(server.received[0].form["PLACEMENT_OPTIONS"])
    assert server.received[0].form["PLACEMENT"] == "CRM_DYNAMIC_183_DETAIL_TAB"
    assert options["URI"].startswith("/crm/type/183/details/8061/")


def test_context_overrides_set_and_replace_keys() -> None:
    with HandlerServer() as server:
        run("IM_SIDEBAR", server.url(), overrides={"dialogId": "chat42", "extra": "x"})
    options = json.loads(server.received[0].form["PLACEMENT_OPTIONS"])
    assert options == {"dialogId": "chat42", "URI": "/online/", "extra": "x"}


def test_bi_analytics_menu_is_opened_with_a_plain_get_and_nothing_else() -> None:
    with HandlerServer({"/report/": Answer()}) as server:
        result = run("BI_ANALYTICS_MENU", server.url("/report/?r=5"))
    (got,) = server.received
    assert got.method == "GET"
    assert got.query == {"r": "5"}
    assert got.raw_body == b""
    assert result.exit_code == 0


def test_a_500_answers_but_the_widget_would_not_show() -> None:
    with HandlerServer({"/": Answer(500, body=b"Fatal error")}) as server:
        result = run("IM_SIDEBAR", server.url())
    assert result.status == 500
    assert result.body_excerpt == "Fatal error"
    assert not result.would_show
    assert result.exit_code == 1


def test_x_frame_options_deny_makes_the_widget_blank() -> None:
    answer = Answer(headers=[("X-Frame-Options", "DENY")])
    with HandlerServer({"/": answer}) as server:
        result = run("IM_SIDEBAR", server.url())
    assert result.status == 200
    assert result.framing is not None and result.framing.code == "xfo_deny"
    assert "frame-ancestors 'self' https://acme.bitrix24.com" in result.framing.advice
    assert result.exit_code == 1


def test_frame_ancestors_that_excludes_the_portal_makes_the_widget_blank() -> None:
    policy = "default-src 'self'; frame-ancestors 'self' https://other.example.com"
    with HandlerServer({"/": Answer(headers=[("Content-Security-Policy", policy)])}) as server:
        result = run("IM_SIDEBAR", server.url())
    assert result.framing is not None and result.framing.code == "csp_excludes"
    assert "https://acme.bitrix24.com" in result.framing.advice
    assert result.exit_code == 1


def test_frame_ancestors_that_admits_the_portal_wins_over_x_frame_options() -> None:
    headers = [
        ("X-Frame-Options", "SAMEORIGIN"),  # ignored by browsers when frame-ancestors is sent
        ("Content-Security-Policy", "frame-ancestors 'self' https://*.bitrix24.com"),
    ]
    with HandlerServer({"/": Answer(headers=headers)}) as server:
        result = run("IM_SIDEBAR", server.url())
    assert result.framing is not None and result.framing.code == "csp_admits"
    assert result.exit_code == 0


def test_a_redirect_chain_is_followed_like_a_browser_and_shown() -> None:
    with HandlerServer() as server:
        server.answers = {
            "/start": Answer(307, headers=[("Location", "/step")]),
            "/step": Answer(302, headers=[("Location", server.url("/final"))]),
            "/final": Answer(body=b"<p>final</p>"),
        }
        result = run("IM_SIDEBAR", server.url("/start"))
    assert [(r.method, r.path) for r in server.received] == [
        ("POST", "/start"),
        ("POST", "/step"),  # 307 keeps the form POST
        ("GET", "/final"),  # 302 turns it into a GET
    ]
    assert server.received[1].form["PLACEMENT"] == "IM_SIDEBAR"
    assert [(hop.status, hop.location) for hop in result.redirects] == [
        (307, server.url("/step")),
        (302, server.url("/final")),
    ]
    assert result.final_url == server.url("/final")
    assert result.body_excerpt == "<p>final</p>"
    assert result.exit_code == 0


def test_a_slow_handler_past_the_deadline_could_not_be_reached() -> None:
    with HandlerServer({"/": Answer(slow=True)}) as server:
        result = run("IM_SIDEBAR", server.url(), deadline=0.3)
    assert result.error is not None and result.error.code == "TIMEOUT"
    assert "deadline" in result.error.summary
    assert result.status is None and result.framing is None
    assert result.exit_code == 3


def test_a_self_signed_certificate_is_a_clear_tls_failure(tmp_path: Path) -> None:
    with HandlerServer(tls_dir=tmp_path) as server:
        result = run("IM_SIDEBAR", server.url())
    assert server.received == []  # nothing was sent over the unverified connection
    assert result.error is not None and result.error.code == "TLS_ERROR"
    assert "certificate" in result.error.summary
    assert result.tls == "failed"
    assert result.exit_code == 3


def test_a_loopback_handler_is_fine_here_but_unreachable_for_a_public_portal() -> None:
    with HandlerServer() as server:
        public = run("IM_SIDEBAR", server.url())
        local = run(
            "IM_SIDEBAR", server.url(), portal=PortalIdentity.from_portal_url("http://127.0.0.1:1")
        )
    assert public.reachability is not None and public.reachability.code == "not_public"
    assert public.exit_code == 0  # it answered and may be framed: trying it here works
    assert local.reachability is not None and local.reachability.ok


def test_an_answer_over_the_size_limit_is_refused_like_every_other_call() -> None:
    from b24admin.core.http_exchange import Limits

    with HandlerServer({"/": Answer(body=b"x" * 5000)}) as server:
        result = run("IM_SIDEBAR", server.url(), limits=Limits(max_bytes=1000))
    assert result.error is not None and result.error.code == "ANSWER_TOO_LARGE"
    assert result.exit_code == 3


def test_the_deadline_covers_the_whole_redirect_chain() -> None:
    with HandlerServer() as server:
        server.answers = {
            "/start": Answer(302, headers=[("Location", "/slow")]),
            "/slow": Answer(slow=True),
        }
        result = run("IM_SIDEBAR", server.url("/start"), deadline=0.3)
    assert [r.path for r in server.received] == ["/start", "/slow"]
    assert result.error is not None and result.error.code == "TIMEOUT"
    assert "deadline 0.3 s" in result.error.description


def test_the_sandbox_portal_opens_a_widget_bound_to_it_the_same_way(
    sandbox: SandboxPortal, sandbox_app: SandboxApp, sandbox_tokens: TokenPair
) -> None:
    import requests

    from b24admin.core.bind_request import BindRequest
    from tests.integration.sync_support import portal_client

    with HandlerServer({"/sidebar": Answer()}) as server:
        handler = server.url("/sidebar")
        with portal_client(sandbox, sandbox_app, sandbox_tokens) as client:
            client.bind(
                BindRequest(placement="IM_SIDEBAR", handler=handler, options={"iconName": "fa-x"})
            )
        opened = requests.get(
            f"{sandbox.base_url}/widgets/open",
            params={"placement": "IM_SIDEBAR", "handler": handler, "lang": "de"},
            timeout=10,
        )
        missing = requests.get(
            f"{sandbox.base_url}/widgets/open",
            params={"placement": "IM_SIDEBAR", "handler": server.url("/other")},
            timeout=10,
        )
    assert opened.status_code == 200
    assert opened.json()["would_show"] is True
    (got,) = server.received
    assert got.query["DOMAIN"] == sandbox.base_url.split("://", 1)[1]
    assert got.query["LANG"] == "de"
    assert got.form["AUTH_ID"] == AUTH_ID_PLACEHOLDER  # never a sandbox token either
    assert sandbox_tokens.access_token not in got.raw_body.decode()
    assert missing.status_code == 404 and missing.json()["error"] == "WIDGET_NOT_FOUND"
