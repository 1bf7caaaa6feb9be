"""The activity log after a real session over HTTP that used every kind of secret: the client
secret, access and refresh tokens (old and new, across a refresh) and an incoming webhook URL.
None of them may appear in the log file or in what the log pane receives."""

from __future__ import annotations

from pathlib import Path

import pytest

from b24admin.core.activity_log import ActivityEntry, default_activity_log
from b24admin.core.catalogue import load_catalogue
from b24admin.core.connection import open_client
from b24admin.core.errors import B24Error
from b24admin.core.profile_service import ProfileService
from b24admin.core.profiles import AuthKind, Profile, ProfileStore
from b24admin.core.secrets import SecretKind, SessionSecretStore
from b24admin.core.sync import apply_plan, compute_plan
from b24admin.sandbox import SandboxApp, SandboxPortal, TokenPair
from tests.integration.sync_support import manifest_of, menu_items

CS, AT, RT, HOOK = (
    SecretKind.CLIENT_SECRET,
    SecretKind.ACCESS_TOKEN,
    SecretKind.REFRESH_TOKEN,
    SecretKind.WEBHOOK_URL,
)


def test_a_session_with_every_kind_of_secret_leaves_none_in_the_log(
    sandbox: SandboxPortal,
    sandbox_app: SandboxApp,
    sandbox_tokens: TokenPair,
    config_dir: Path,
) -> None:
    store = SessionSecretStore()
    service = ProfileService(ProfileStore(config_dir), store, store)
    oauth = Profile(
        name="app",
        auth=AuthKind.OAUTH,
        portal_url=sandbox.base_url,
        client_id=sandbox_app.client_id,
        oauth_server=sandbox.oauth_server_url,
    )
    service.save(
        oauth,
        {
            CS: sandbox_app.client_secret,
            AT: sandbox_tokens.access_token,
            RT: sandbox_tokens.refresh_token,
        },
    )
    webhook_url = sandbox.add_webhook()
    hook = Profile(name="hook", auth=AuthKind.WEBHOOK, portal_url=sandbox.base_url)
    service.save(hook, {HOOK: webhook_url})
    pane: list[ActivityEntry] = []
    default_activity_log().subscribe(pane.append)

    with open_client(oauth, service) as client:
        client.get_bindings()
        sandbox.expire_access_tokens()  # the next call refreshes: client_secret + refresh token
        plan = compute_plan(manifest_of(menu_items(2)), client.get_bindings(), load_catalogue())
        assert apply_plan(client, plan).ok
    with open_client(hook, service) as webhook_client:
        with pytest.raises(B24Error) as refused:
            webhook_client.get_bindings()
        assert refused.value.code == "WRONG_AUTH_TYPE"

    secrets = [
        sandbox_app.client_secret,
        sandbox_tokens.access_token,
        sandbox_tokens.refresh_token,
        store.get("app", AT),  # the tokens the refresh handed out
        store.get("app", RT),
        webhook_url,
        webhook_url.rstrip("/").rsplit("/", 1)[-1],  # the webhook's secret path segment
    ]
    assert store.get("app", RT) != sandbox_tokens.refresh_token  # a refresh did happen
    log_text = "".join(
        path.read_text(encoding="utf-8") for path in (config_dir / "logs").glob("activity.log*")
    )
    pane_text = "\n".join(entry.line() for entry in pane)
    for secret in secrets:
        assert secret and secret not in log_text
        assert secret not in pane_text
    # The log did record the calls that carried those secrets.
    assert "oauth/token (refresh_token) ok HTTP 200" in log_text
    assert "placement.get expired_token HTTP 401" in log_text
    assert "batch ok HTTP 200" in log_text
    assert "placement.get WRONG_AUTH_TYPE HTTP 403" in log_text
    assert "/rest/1/<redacted>/placement.get.json" in log_text
    # get, get (expired_token), token refresh, get again, batch, the webhook's get.
    assert len(pane) == len(log_text.splitlines()) == 6
