"""PortalClient over real HTTP against the sandbox portal (b24admin.sandbox)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from b24admin.core.bind_request import BindRequest, LangRow
from b24admin.core.client import BatchCommand, CallRecord, PortalClient, RetryPolicy
from b24admin.core.credentials import OAuthCredentials, WebhookCredentials
from b24admin.core.errors import B24Error, ErrorKind
from b24admin.core.http_exchange import Limits
from b24admin.core.oauth import OAuthServer, TokenSet
from b24admin.core.transport import USER_AGENT, new_session
from b24admin.sandbox import Fault, ManualClock, SandboxApp, SandboxPortal, TokenPair
from tests.integration.sync_support import credentials_for

HANDLER = "https://widgets.example.com/sidebar"


def _no_sleep(waits: list[float]) -> RetryPolicy:
    return RetryPolicy(attempts=3, initial_wait=0.5, max_wait=8.0, sleep=waits.append)


@pytest.fixture
def calls() -> list[CallRecord]:
    return []


@pytest.fixture
def client(
    sandbox: SandboxPortal,
    sandbox_app: SandboxApp,
    sandbox_tokens: TokenPair,
    calls: list[CallRecord],
) -> Iterator[PortalClient]:
    with PortalClient(
        credentials_for(sandbox, sandbox_app, sandbox_tokens),
        retry=_no_sleep([]),
        on_call=calls.append,
    ) as portal_client:
        yield portal_client


def _sidebar(handler: str = HANDLER) -> BindRequest:
    return BindRequest(
        placement="IM_SIDEBAR",
        handler=handler,
        lang_rows=(LangRow("en", "Sidebar"), LangRow("de", "Seitenleiste")),
        options={"iconName": "fa-rocket", "context": "USER;LINES", "role": "ADMIN"},
    )


# --- the placement methods ------------------------------------------------------------------


def test_bind_registers_and_get_shows_it_with_defaults(client: PortalClient) -> None:
    assert client.bind(_sidebar()) is True

    (binding,) = client.get_bindings()
    assert binding["placement"] == "IM_SIDEBAR"
    assert binding["handler"] == HANDLER
    assert binding["options"]["iconName"] == "fa-rocket"
    assert binding["options"]["extranet"] == "N"  # default filled in by the portal
    assert binding["langAll"]["de"]["TITLE"] == "Seitenleiste"


def test_bind_sends_json_body_with_auth_for_oauth(
    client: PortalClient, sandbox: SandboxPortal
) -> None:
    client.bind(_sidebar())

    received = sandbox.received[-1]
    assert received.method == "placement.bind"
    assert received.auth == "oauth"
    assert received.params["OPTIONS"]["context"] == "USER;LINES"


def test_duplicate_bind_is_error_core_explained_as_duplicate(client: PortalClient) -> None:
    client.bind(_sidebar())

    with pytest.raises(B24Error) as info:
        client.bind(_sidebar())

    error = info.value
    assert error.code == "ERROR_CORE"
    assert error.kind is ErrorKind.PORTAL
    assert "already binded" in error.description
    assert "already registered" in error.summary
    assert "unbind" in error.advice
    assert "placement.bind" in error.request


def test_error_argument_names_the_missing_option(client: PortalClient) -> None:
    request = BindRequest(placement="IM_SIDEBAR", handler=HANDLER)  # iconName is required

    with pytest.raises(B24Error) as info:
        client.bind(request)

    assert info.value.code == "ERROR_ARGUMENT"
    assert info.value.argument == "iconName"
    assert "iconName" in info.value.summary


def test_unbind_returns_the_portals_count(client: PortalClient) -> None:
    client.bind(_sidebar())
    client.bind(_sidebar(HANDLER + "?second"))

    assert client.unbind("IM_SIDEBAR", HANDLER) == 2  # one match + one delete (fact 5)
    assert [b["handler"] for b in client.get_bindings()] == [HANDLER + "?second"]
    assert client.unbind("IM_SIDEBAR", "https://nothing.example.com/") == 0
    assert client.unbind("IM_SIDEBAR") == 2
    assert client.get_bindings() == []


def test_list_placements_by_scope(client: PortalClient) -> None:
    everything = client.list_placements()
    crm = client.list_placements(scope="crm")

    assert "IM_SIDEBAR" in everything
    assert crm and all(code.startswith("CRM_") for code in crm)


def test_app_info_user_admin_and_scopes(client: PortalClient) -> None:
    assert client.app_info()["INSTALLED"] is True
    assert client.user_admin() is True
    assert "placement" in client.scopes()


def test_batch_returns_results_and_errors_per_key(
    client: PortalClient, sandbox: SandboxPortal, sandbox_app: SandboxApp
) -> None:
    commands = [
        BatchCommand("first", "placement.bind", _sidebar().to_wire()),
        BatchCommand("again", "placement.bind", _sidebar().to_wire()),
        BatchCommand("other", "placement.bind", _sidebar(HANDLER + "?a=1&b=2").to_wire()),
        BatchCommand("list", "placement.get", {}),
    ]

    result = client.batch(commands)

    assert result.results["first"] is True
    assert result.results["other"] is True
    assert result.errors["again"].code == "ERROR_CORE"
    assert result.errors["again"].method == "placement.bind"
    assert len(result.results["list"]) == 2
    stored = sandbox.bindings(sandbox_app.client_id)
    assert {b["handler"] for b in stored} == {HANDLER, HANDLER + "?a=1&b=2"}
    assert stored[0]["langAll"]["en"]["TITLE"] == "Sidebar"  # nested brackets survived


def test_batch_over_50_commands_is_refused_before_sending(
    client: PortalClient, sandbox: SandboxPortal
) -> None:
    before = sandbox.http_request_count
    commands = [BatchCommand(f"k{i}", "scope", {}) for i in range(51)]

    with pytest.raises(B24Error) as info:
        client.batch(commands)

    assert (info.value.code, info.value.kind) == ("ERROR_BATCH_LENGTH_EXCEEDED", ErrorKind.INPUT)
    assert sandbox.http_request_count == before


# --- OAuth renewal --------------------------------------------------------------------------


def test_expired_token_is_renewed_persisted_then_the_call_retried(
    sandbox: SandboxPortal, sandbox_app: SandboxApp, sandbox_tokens: TokenPair
) -> None:
    seen: list[tuple[TokenSet, int]] = []
    old = credentials_for(sandbox, sandbox_app, sandbox_tokens)
    client = PortalClient(
        old, on_tokens_refreshed=lambda t: seen.append((t, len(sandbox.received)))
    )
    sandbox.expire_access_tokens()
    received_before = len(sandbox.received)

    assert client.user_admin() is True

    ((tokens, received_at_callback),) = seen
    assert tokens.refresh_token != old.refresh_token
    assert received_at_callback == received_before + 1  # persisted before the retry was sent
    assert len(sandbox.received) == received_before + 2
    assert client.credentials == OAuthCredentials(
        old.portal_url,
        old.client_id,
        old.client_secret,
        tokens.access_token,
        tokens.refresh_token,
        old.oauth_server,
    )
    # Rotation: the old refresh token is dead now.
    with pytest.raises(B24Error) as info:
        OAuthServer(sandbox.oauth_server_url).refresh(
            old.client_id, old.client_secret, old.refresh_token
        )
    assert info.value.code == "invalid_grant"


def test_invalid_refresh_token_ends_in_invalid_grant_asking_to_sign_in(
    sandbox: SandboxPortal, sandbox_app: SandboxApp, sandbox_tokens: TokenPair
) -> None:
    seen: list[TokenSet] = []
    creds = credentials_for(sandbox, sandbox_app, sandbox_tokens)
    bad = OAuthCredentials(
        creds.portal_url,
        creds.client_id,
        creds.client_secret,
        creds.access_token,
        "not-a-refresh-token",
        creds.oauth_server,
    )
    client = PortalClient(bad, on_tokens_refreshed=seen.append)
    sandbox.expire_access_tokens()

    with pytest.raises(B24Error) as info:
        client.get_bindings()

    assert info.value.code == "invalid_grant"
    assert info.value.kind is ErrorKind.PORTAL
    assert "sign in again" in info.value.advice
    assert "not-a-refresh-token" not in info.value.details()
    assert creds.client_secret not in info.value.details()
    assert seen == []


def test_failure_to_persist_new_tokens_is_raised_and_not_retried(
    sandbox: SandboxPortal, sandbox_app: SandboxApp, sandbox_tokens: TokenPair
) -> None:
    def keyring_refuses(tokens: TokenSet) -> None:
        raise B24Error("KEYRING_WRITE_FAILED", "The keyring refused", kind=ErrorKind.KEYRING)

    client = PortalClient(
        credentials_for(sandbox, sandbox_app, sandbox_tokens), on_tokens_refreshed=keyring_refuses
    )
    sandbox.expire_access_tokens()
    before = len(sandbox.received)

    with pytest.raises(B24Error) as info:
        client.user_admin()

    assert info.value.code == "KEYRING_WRITE_FAILED"
    assert len(sandbox.received) == before + 1  # no retry after the failed persist


# --- rate limit -----------------------------------------------------------------------------


def test_query_limit_exceeded_is_retried_with_backoff_then_succeeds(
    client: PortalClient, sandbox: SandboxPortal, calls: list[CallRecord]
) -> None:
    sandbox.inject(Fault.error("QUERY_LIMIT_EXCEEDED", "Too many requests", status=503), times=2)

    assert client.user_admin() is True

    assert [c.outcome for c in calls] == ["QUERY_LIMIT_EXCEEDED", "QUERY_LIMIT_EXCEEDED", "ok"]
    assert [c.http_status for c in calls] == [503, 503, 200]


def test_exhausted_retries_raise_the_last_error_with_attempts(
    sandbox: SandboxPortal, sandbox_app: SandboxApp, sandbox_tokens: TokenPair
) -> None:
    waits: list[float] = []
    client = PortalClient(
        credentials_for(sandbox, sandbox_app, sandbox_tokens), retry=_no_sleep(waits)
    )
    sandbox.inject(Fault.error("QUERY_LIMIT_EXCEEDED", status=503), times=10)

    with pytest.raises(B24Error) as info:
        client.get_bindings()

    assert info.value.code == "QUERY_LIMIT_EXCEEDED"
    assert info.value.extra["attempts"] == "3"
    assert info.value.http_status == 503
    assert waits == [0.5, 1.0]  # exponential, two waits between three attempts


def test_backoff_is_capped_at_max_wait(
    sandbox: SandboxPortal, sandbox_app: SandboxApp, sandbox_tokens: TokenPair
) -> None:
    waits: list[float] = []
    policy = RetryPolicy(attempts=6, initial_wait=1.0, max_wait=3.0, sleep=waits.append)
    client = PortalClient(credentials_for(sandbox, sandbox_app, sandbox_tokens), retry=policy)
    sandbox.inject(Fault.error("QUERY_LIMIT_EXCEEDED", status=503), times=10)

    with pytest.raises(B24Error):
        client.scopes()

    assert waits == [1.0, 2.0, 3.0, 3.0, 3.0]


def test_real_leaky_bucket_backoff_lets_the_bucket_drain() -> None:
    clock = ManualClock()
    slept: list[float] = []

    def sleep(seconds: float) -> None:  # the backoff "sleeps" by moving the sandbox's clock
        slept.append(seconds)
        clock.advance(seconds)

    with SandboxPortal(rate_per_second=2.0, burst=3, clock=clock) as sandbox:
        app = sandbox.register_app()
        tokens = sandbox.issue_tokens(app.client_id)
        policy = RetryPolicy(attempts=5, initial_wait=0.5, max_wait=8.0, sleep=sleep)
        client = PortalClient(credentials_for(sandbox, app, tokens), retry=policy)

        results = [client.user_admin() for _ in range(6)]

    assert results == [True] * 6
    assert slept  # the bucket overflowed and the client waited until it drained


def test_other_errors_are_never_retried(client: PortalClient, calls: list[CallRecord]) -> None:
    client.bind(_sidebar())
    calls.clear()

    with pytest.raises(B24Error):
        client.bind(_sidebar())

    assert len(calls) == 1


# --- broken answers and networks ------------------------------------------------------------


def test_read_timeout_on_a_write_says_it_may_have_happened(
    sandbox: SandboxPortal, sandbox_app: SandboxApp, sandbox_tokens: TokenPair
) -> None:
    client = PortalClient(
        credentials_for(sandbox, sandbox_app, sandbox_tokens), limits=Limits(deadline=0.2)
    )
    sandbox.inject(Fault.delay(2.0), method="placement.bind")

    with pytest.raises(B24Error) as info:
        client.bind(_sidebar())

    assert (info.value.code, info.value.kind) == ("TIMEOUT", ErrorKind.TIMEOUT)
    assert "may" in info.value.summary
    assert "check" in info.value.advice.lower()
    assert "placement.bind" in info.value.request


def test_html_502_page_is_html_response(client: PortalClient, sandbox: SandboxPortal) -> None:
    sandbox.inject(Fault.html_502())

    with pytest.raises(B24Error) as info:
        client.get_bindings()

    assert (info.value.code, info.value.kind) == ("HTML_RESPONSE", ErrorKind.PROTOCOL)
    assert info.value.http_status == 502
    assert "502 Bad Gateway" in info.value.description


def test_empty_body_is_empty_response(client: PortalClient, sandbox: SandboxPortal) -> None:
    sandbox.inject(Fault.empty())

    with pytest.raises(B24Error) as info:
        client.get_bindings()

    assert info.value.code == "EMPTY_RESPONSE"


def test_truncated_json_is_malformed_response(client: PortalClient, sandbox: SandboxPortal) -> None:
    sandbox.inject(Fault.truncated())

    with pytest.raises(B24Error) as info:
        client.get_bindings()

    assert info.value.code == "MALFORMED_RESPONSE"


def test_dropped_connection_on_a_write_is_a_network_error_with_unknown_outcome(
    client: PortalClient, sandbox: SandboxPortal, calls: list[CallRecord]
) -> None:
    sandbox.inject(Fault.drop(), method="placement.bind")

    with pytest.raises(B24Error) as info:
        client.bind(_sidebar())

    assert (info.value.code, info.value.kind) == ("NETWORK_ERROR", ErrorKind.NETWORK)
    assert "may have been made" in info.value.summary
    assert calls[-1].outcome == "NETWORK_ERROR" and calls[-1].http_status is None
    assert len(calls) == 1  # a write is never retried blindly


# --- webhooks and transport rules -----------------------------------------------------------


def test_webhook_bind_is_wrong_auth_type_explaining_local_applications(
    sandbox: SandboxPortal, calls: list[CallRecord]
) -> None:
    webhook = sandbox.add_webhook()
    secret = webhook.rstrip("/").rsplit("/", 1)[-1]
    client = PortalClient(WebhookCredentials(webhook), on_call=calls.append)

    with pytest.raises(B24Error) as info:
        client.bind(_sidebar())

    error = info.value
    assert (error.code, error.http_status) == ("WRONG_AUTH_TYPE", 403)
    assert "installed application" in error.advice
    assert "Local application" in error.advice
    assert secret not in error.details()
    assert secret not in calls[-1].url
    assert sandbox.received[-1].auth == "webhook"


def test_webhook_can_still_call_scope(sandbox: SandboxPortal) -> None:
    client = PortalClient(WebhookCredentials(sandbox.add_webhook()))
    assert isinstance(client.scopes(), list)


@pytest.mark.parametrize(
    "credentials",
    [
        OAuthCredentials("http://portal.example.com", "id", "secret", "a", "r"),
        OAuthCredentials(
            "https://portal.example.com", "id", "secret", "a", "r", "http://oauth.example.com"
        ),
        WebhookCredentials("http://portal.example.com/rest/1/abcdef/"),
    ],
)
def test_plain_http_to_a_non_loopback_host_is_refused(credentials: object) -> None:
    with pytest.raises(B24Error) as info:
        PortalClient(credentials)  # type: ignore[arg-type]

    assert (info.value.code, info.value.kind) == ("HTTPS_REQUIRED", ErrorKind.INPUT)
    assert "abcdef" not in info.value.details()


@pytest.mark.parametrize("host", ["127.0.0.1", "127.8.9.10", "localhost", "LocalHost.", "[::1]"])
def test_plain_http_to_loopback_is_allowed(host: str) -> None:
    PortalClient(OAuthCredentials(f"http://{host}:8024", "id", "s", "a", "r", f"http://{host}"))


def test_session_names_b24admin_and_asks_for_json() -> None:
    session = new_session()
    assert session.headers["User-Agent"] == USER_AGENT
    assert USER_AGENT.startswith("b24admin/")
    assert session.headers["Accept"] == "application/json"
    assert session.verify is True


def test_call_records_are_redacted_and_timed(
    client: PortalClient, calls: list[CallRecord], sandbox_tokens: TokenPair
) -> None:
    client.scopes()

    (record,) = calls
    assert record.method == "scope"
    assert record.outcome == "ok" and record.http_status == 200
    assert record.url.endswith("/rest/scope.json")
    assert record.duration >= 0 and record.started_at > 0
    assert sandbox_tokens.access_token not in repr(record)
