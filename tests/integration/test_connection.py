"""open_client over real HTTP to the sandbox: secrets in, rotated tokens back to the store.

The refresh test runs against SessionSecretStore everywhere, and against the real keyring as
well under tests/secret-service-session.sh (B24ADMIN_SECRET_SERVICE=1).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import replace

import pytest

from b24admin.core.connection import open_client, portal_rate_limiter
from b24admin.core.errors import B24Error
from b24admin.core.oauth import TokenSet
from b24admin.core.profile_service import ProfileService
from b24admin.core.profiles import AuthKind, Profile, ProfileStore, RatePlan
from b24admin.core.secrets import KeyringSecretStore, SecretKind, SecretStore, SessionSecretStore
from b24admin.core.throttle import RateLimit
from b24admin.sandbox import SandboxApp, SandboxPortal, TokenPair

CS, AT, RT = SecretKind.CLIENT_SECRET, SecretKind.ACCESS_TOKEN, SecretKind.REFRESH_TOKEN


@pytest.fixture(params=["session", pytest.param("keyring", marks=pytest.mark.keyring)])
def secret_store(request: pytest.FixtureRequest) -> Iterator[SecretStore]:
    if request.param == "session":
        yield SessionSecretStore()
        return
    if os.environ.get("B24ADMIN_SECRET_SERVICE") != "1":
        reason = "needs a real Secret Service: run it under tests/secret-service-session.sh"
        if os.environ.get("B24ADMIN_REQUIRE_SECRET_SERVICE") == "1":
            pytest.fail("B24ADMIN_REQUIRE_SECRET_SERVICE=1 but this " + reason)
        pytest.skip(reason)
    yield KeyringSecretStore()


@pytest.fixture
def profile_name(secret_store: SecretStore) -> Iterator[str]:
    name = f"conn-{uuid.uuid4().hex[:10]}"
    yield name
    secret_store.delete_profile(name)


def sandbox_profile(name: str, sandbox: SandboxPortal, app: SandboxApp) -> Profile:
    return Profile(
        name=name,
        auth=AuthKind.OAUTH,
        portal_url=sandbox.base_url,
        client_id=app.client_id,
        oauth_server=sandbox.oauth_server_url,
    )


def test_expired_token_is_refreshed_and_the_new_refresh_token_is_stored_before_the_retry(
    sandbox: SandboxPortal,
    sandbox_app: SandboxApp,
    sandbox_tokens: TokenPair,
    secret_store: SecretStore,
    profile_name: str,
) -> None:
    service = ProfileService(ProfileStore(), secret_store, SessionSecretStore())
    profile = sandbox_profile(profile_name, sandbox, sandbox_app)
    secrets = {
        CS: sandbox_app.client_secret,
        AT: sandbox_tokens.access_token,
        RT: sandbox_tokens.refresh_token,
    }
    service.save(profile, secrets)
    sandbox.expire_access_tokens()
    # What the store held, and how many REST calls the portal had seen, when the caller heard of
    # the refresh: the rotated token must be stored before the call is repeated.
    at_refresh: list[tuple[str | None, int]] = []

    def heard(tokens: TokenSet) -> None:
        at_refresh.append((secret_store.get(profile_name, RT), len(sandbox.received)))

    client = open_client(profile, service, on_tokens_refreshed=heard)
    try:
        client.app_info()
    finally:
        client.close()

    new_refresh = secret_store.get(profile_name, RT)
    assert new_refresh not in (None, sandbox_tokens.refresh_token)
    assert secret_store.get(profile_name, AT) != sandbox_tokens.access_token
    assert at_refresh == [(new_refresh, 1)]  # stored, and only the expired call had been made
    assert [call.http_status for call in sandbox.received] == [401, 200]

    # The stored pair is the working one: a fresh client needs no refresh.
    again = open_client(profile, service)
    try:
        again.app_info()
    finally:
        again.close()
    assert [call.http_status for call in sandbox.received] == [401, 200, 200]


def test_webhook_profile_opens_a_webhook_client(sandbox: SandboxPortal) -> None:
    url = sandbox.add_webhook()
    service = ProfileService(ProfileStore(), SessionSecretStore(), SessionSecretStore())
    profile = Profile("hook", AuthKind.WEBHOOK, url)
    service.save(profile, {SecretKind.WEBHOOK_URL: url})
    client = open_client(profile, service)
    try:
        assert "placement" in client.scopes()
    finally:
        client.close()
    assert sandbox.received[-1].auth == "webhook"


def test_open_client_without_secrets_says_what_is_missing(
    sandbox: SandboxPortal, sandbox_app: SandboxApp
) -> None:
    service = ProfileService(ProfileStore(), SessionSecretStore(), SessionSecretStore())
    profile = sandbox_profile("empty", sandbox, sandbox_app)
    ProfileStore().save_profile(profile)
    with pytest.raises(B24Error) as caught:
        open_client(profile, service)
    assert caught.value.code == "SECRETS_MISSING"
    assert sandbox.received == []


def test_clients_of_one_portal_share_one_rate_limiter(
    sandbox: SandboxPortal, sandbox_app: SandboxApp
) -> None:
    first = sandbox_profile("a", sandbox, sandbox_app)
    second = sandbox_profile("b", sandbox, sandbox_app)
    elsewhere = replace(first, portal_url="https://other.bitrix24.com")
    assert portal_rate_limiter(first) is portal_rate_limiter(second)
    assert portal_rate_limiter(first) is not portal_rate_limiter(elsewhere)
    enterprise = portal_rate_limiter(replace(first, rate_plan=RatePlan.ENTERPRISE))
    assert enterprise is not portal_rate_limiter(first)
    assert enterprise.limit == RateLimit.of(RatePlan.ENTERPRISE)
