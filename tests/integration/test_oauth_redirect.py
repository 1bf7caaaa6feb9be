"""OAuth: the loopback redirect catcher, the pasted redirect, and the token server (sandbox)."""

from __future__ import annotations

import threading
from urllib.parse import urlsplit

import pytest
import requests

from b24admin.core.client import CallRecord, PortalClient
from b24admin.core.credentials import OAuthCredentials
from b24admin.core.errors import B24Error, ErrorKind
from b24admin.core.oauth import (
    DEFAULT_REDIRECT_PORT,
    REDIRECT_PATH,
    OAuthServer,
    RedirectCatcher,
    TokenSet,
    authorize_url,
    parse_redirect,
)
from b24admin.sandbox import SandboxApp, SandboxPortal


def test_redirect_uri_is_fixed_loopback_path() -> None:
    with RedirectCatcher("s", port=0) as catcher:
        parts = urlsplit(catcher.redirect_uri)
        assert (parts.scheme, parts.hostname, parts.path) == ("http", "127.0.0.1", REDIRECT_PATH)
        assert parts.port == catcher.port != 0
    assert DEFAULT_REDIRECT_PORT == 51824


def test_catcher_returns_the_code_and_tells_the_browser_to_close_the_tab() -> None:
    catcher = RedirectCatcher("st4te", port=0)

    page = requests.get(catcher.redirect_uri, params={"code": "c0de", "state": "st4te"}, timeout=5)

    assert catcher.wait(timeout=5) == "c0de"
    assert page.status_code == 200
    assert "close this tab" in page.text


def test_catcher_rejects_a_state_mismatch() -> None:
    catcher = RedirectCatcher("expected", port=0)

    page = requests.get(catcher.redirect_uri, params={"code": "c", "state": "other"}, timeout=5)

    with pytest.raises(B24Error) as info:
        catcher.wait(timeout=5)
    assert info.value.code == "OAUTH_STATE_MISMATCH"
    assert page.status_code == 400


def test_catcher_reports_an_error_redirect() -> None:
    catcher = RedirectCatcher("s", port=0)
    requests.get(catcher.redirect_uri, params={"error": "access_denied", "state": "s"}, timeout=5)

    with pytest.raises(B24Error) as info:
        catcher.wait(timeout=5)
    assert info.value.code == "OAUTH_DENIED"


def test_catcher_ignores_other_paths_such_as_favicon() -> None:
    catcher = RedirectCatcher("s", port=0)
    base = catcher.redirect_uri.removesuffix(REDIRECT_PATH)

    assert requests.get(base + "/favicon.ico", timeout=5).status_code == 404
    requests.get(catcher.redirect_uri, params={"code": "k", "state": "s"}, timeout=5)

    assert catcher.wait(timeout=5) == "k"


def test_catcher_times_out_and_frees_the_port() -> None:
    catcher = RedirectCatcher("s", port=0)
    port = catcher.port

    with pytest.raises(B24Error) as info:
        catcher.wait(timeout=0.01)

    assert info.value.code == "SIGN_IN_TIMEOUT"
    assert info.value.kind is ErrorKind.TIMEOUT
    RedirectCatcher("s", port=port).close()  # the port is free again


def test_cancel_from_another_thread_ends_the_wait() -> None:
    catcher = RedirectCatcher("s", port=0)
    waiting = threading.Thread(target=catcher.cancel)
    waiting.start()

    with pytest.raises(B24Error) as info:
        catcher.wait(timeout=30)
    waiting.join()
    assert info.value.code == "SIGN_IN_CANCELLED"


def test_busy_port_is_a_clear_error() -> None:
    with RedirectCatcher("s", port=0) as first:
        with pytest.raises(B24Error) as info:
            RedirectCatcher("s", port=first.port)
    assert info.value.code == "REDIRECT_PORT_BUSY"
    assert str(first.port) in info.value.description


def test_parse_redirect_accepts_the_full_url() -> None:
    url = "http://127.0.0.1:51824/b24admin/oauth?code=abc123&state=xyz&domain=p.bitrix24.com"
    assert parse_redirect(url, "xyz") == "abc123"


def test_parse_redirect_accepts_a_bare_code_or_query() -> None:
    assert parse_redirect("  abc123 \n", "xyz") == "abc123"
    assert parse_redirect("code=abc123&state=xyz", "xyz") == "abc123"


@pytest.mark.parametrize(
    ("pasted", "code"),
    [
        ("http://127.0.0.1/b24admin/oauth?code=abc&state=wrong", "OAUTH_STATE_MISMATCH"),
        ("http://127.0.0.1/b24admin/oauth?code=abc", "OAUTH_STATE_MISMATCH"),
        ("http://127.0.0.1/b24admin/oauth?state=xyz", "OAUTH_NO_CODE"),
        ("http://127.0.0.1/b24admin/oauth?error=access_denied&state=xyz", "OAUTH_DENIED"),
        ("", "OAUTH_NO_CODE"),
        ("two words", "OAUTH_NO_CODE"),
    ],
)
def test_parse_redirect_rejects(pasted: str, code: str) -> None:
    with pytest.raises(B24Error) as info:
        parse_redirect(pasted, "xyz")
    assert info.value.code == code


def test_authorize_url_carries_client_id_and_state() -> None:
    url = authorize_url("https://acme.bitrix24.com/", "local.1.2", "s t")
    assert url == "https://acme.bitrix24.com/oauth/authorize/?client_id=local.1.2&state=s+t"


def test_authorize_url_refuses_plain_http_to_a_remote_host() -> None:
    with pytest.raises(B24Error) as info:
        authorize_url("http://acme.bitrix24.com", "local.1.2", "s")
    assert (info.value.code, info.value.kind) == ("HTTPS_REQUIRED", ErrorKind.INPUT)


# --- the token server, against the sandbox ----------------------------------------------------


def test_browser_sign_in_end_to_end(sandbox: SandboxPortal, sandbox_app: SandboxApp) -> None:
    catcher = RedirectCatcher("st-1", port=0)
    sandbox.set_redirect_uri(sandbox_app.client_id, catcher.redirect_uri)

    # The "browser": follows the portal's 302 to the catcher's redirect_uri.
    page = requests.get(authorize_url(sandbox.base_url, sandbox_app.client_id, "st-1"), timeout=5)
    code = catcher.wait(timeout=5)
    tokens = OAuthServer(sandbox.oauth_server_url).exchange_code(
        sandbox_app.client_id, sandbox_app.client_secret, code
    )

    assert "close this tab" in page.text
    assert tokens.access_token and tokens.refresh_token
    assert tokens.client_endpoint.startswith(sandbox.base_url)
    credentials = OAuthCredentials(
        sandbox.base_url,
        sandbox_app.client_id,
        sandbox_app.client_secret,
        tokens.access_token,
        tokens.refresh_token,
        sandbox.oauth_server_url,
    )
    assert PortalClient(credentials).user_admin() is True


def test_a_code_works_once(sandbox: SandboxPortal, sandbox_app: SandboxApp) -> None:
    server = OAuthServer(sandbox.oauth_server_url)
    code = sandbox.create_authorization_code(sandbox_app.client_id)
    server.exchange_code(sandbox_app.client_id, sandbox_app.client_secret, code)

    with pytest.raises(B24Error) as info:
        server.exchange_code(sandbox_app.client_id, sandbox_app.client_secret, code)

    assert (info.value.code, info.value.kind) == ("invalid_grant", ErrorKind.PORTAL)
    assert code not in info.value.details()


def test_wrong_client_secret_is_invalid_client_and_never_shown(
    sandbox: SandboxPortal, sandbox_app: SandboxApp, calls: list[CallRecord]
) -> None:
    server = OAuthServer(sandbox.oauth_server_url, on_call=calls.append)
    code = sandbox.create_authorization_code(sandbox_app.client_id)

    with pytest.raises(B24Error) as info:
        server.exchange_code(sandbox_app.client_id, "wrong-secret-value", code)

    assert info.value.code == "invalid_client"
    assert "wrong-secret-value" not in info.value.details()
    assert "wrong-secret-value" not in calls[-1].url
    assert calls[-1].outcome == "invalid_client"


def test_token_server_unreachable_is_a_network_error_without_secrets() -> None:
    free = RedirectCatcher("s", port=0)
    port = free.port
    free.close()  # nothing listens there now
    server = OAuthServer(f"http://127.0.0.1:{port}")

    with pytest.raises(B24Error) as info:
        server.refresh("local.1", "client-secret-xyz", "refresh-token-xyz")

    assert (info.value.code, info.value.kind) == ("NETWORK_ERROR", ErrorKind.NETWORK)
    assert "client-secret-xyz" not in info.value.details()
    assert "refresh-token-xyz" not in info.value.details()


def test_token_set_repr_hides_tokens() -> None:
    tokens = TokenSet.from_response(
        {"access_token": "acc-123456", "refresh_token": "ref-123456", "user_id": "1"}
    )
    assert "acc-123456" not in repr(tokens) and "ref-123456" not in repr(tokens)
    assert tokens.user_id == 1 and tokens.expires_in == 3600


@pytest.fixture
def calls() -> list[CallRecord]:
    return []
