"""Profiles: checked values, the profiles.json file, and ProfileService keeping secrets in step.

Secrets go to SessionSecretStore instances here (a real store); the system keyring has its own
tests in tests/integration/test_keyring.py.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest

from b24admin.core.config import config_dir
from b24admin.core.credentials import OAuthCredentials, WebhookCredentials
from b24admin.core.errors import B24Error, ErrorKind
from b24admin.core.profile_service import ProfileService
from b24admin.core.profiles import (
    AuthKind,
    Profile,
    ProfileStore,
    RatePlan,
    normalise_portal_url,
    parse_webhook_url,
)
from b24admin.core.secrets import SecretKind, SessionSecretStore

CS, AT, RT = SecretKind.CLIENT_SECRET, SecretKind.ACCESS_TOKEN, SecretKind.REFRESH_TOKEN
OAUTH_SECRETS = {CS: "cs-value-1", AT: "at-value-1", RT: "rt-value-1"}
WEBHOOK = "https://example.bitrix24.com/rest/7/wh5ecret0000abcd/"


def oauth(name: str = "main", **changes: Any) -> Profile:
    values: dict[str, Any] = {
        "name": name,
        "auth": AuthKind.OAUTH,
        "portal_url": "https://example.bitrix24.com",
        "client_id": "local.1a2b3c.12345678",
    }
    return Profile(**{**values, **changes})


def webhook(name: str = "hook", **changes: Any) -> Profile:
    return Profile(**{"name": name, "auth": AuthKind.WEBHOOK, "portal_url": WEBHOOK, **changes})


def input_error(call: Any, *args: Any, **kwargs: Any) -> B24Error:
    with pytest.raises(B24Error) as caught:
        call(*args, **kwargs)
    assert caught.value.kind is ErrorKind.INPUT
    return caught.value


@pytest.fixture
def keyring() -> SessionSecretStore:
    """Stands in for the system keyring (a separate store from the session one)."""
    return SessionSecretStore()


@pytest.fixture
def session() -> SessionSecretStore:
    return SessionSecretStore()


@pytest.fixture
def service(keyring: SessionSecretStore, session: SessionSecretStore) -> ProfileService:
    return ProfileService(ProfileStore(), keyring, session)


# --- config dir ------------------------------------------------------------------------------


def test_config_dir_follows_the_environment(config_dir: Path) -> None:
    assert ProfileStore().path == config_dir / "profiles.json"


def test_config_dir_defaults_to_the_platform_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    from platformdirs import user_config_dir

    monkeypatch.delenv("B24ADMIN_CONFIG_DIR")
    assert config_dir() == Path(user_config_dir("b24admin", appauthor=False))


# --- checked values ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("https://example.bitrix24.com", "https://example.bitrix24.com"),
        ("https://Example.Bitrix24.com/", "https://example.bitrix24.com"),
        ("example.bitrix24.com", "https://example.bitrix24.com"),
        ("https://example.bitrix24.com/rest/", "https://example.bitrix24.com"),
        ("https://example.bitrix24.de/crm/deal/details/5/?x=1#t", "https://example.bitrix24.de"),
        ("https://b24.example.org:8443/portal/rest/1/abc/", "https://b24.example.org:8443/portal"),
        ("https://b24.example.org:443", "https://b24.example.org"),
        ("http://127.0.0.1:8024/", "http://127.0.0.1:8024"),
        ("http://localhost:8024/rest", "http://localhost:8024"),
        ("http://[::1]:8024", "http://[::1]:8024"),
    ],
)
def test_portal_url_is_normalised(typed: str, stored: str) -> None:
    assert normalise_portal_url(typed) == stored
    assert oauth(portal_url=typed).portal_url == stored


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("", "INVALID_PORTAL_URL"),
        ("https://", "INVALID_PORTAL_URL"),
        ("ftp://example.bitrix24.com", "INVALID_PORTAL_URL"),
        ("https://example.bitrix24.com:port", "INVALID_PORTAL_URL"),
        ("https://admin:pw@example.bitrix24.com", "INVALID_PORTAL_URL"),
        ("http://example.bitrix24.com", "HTTPS_REQUIRED"),
        ("http://10.0.0.5", "HTTPS_REQUIRED"),
    ],
)
def test_unusable_portal_url_is_refused_beside_its_field(typed: str, code: str) -> None:
    error = input_error(oauth, portal_url=typed)
    assert (error.code, error.argument) == (code, "portal_url")


def test_credentials_in_a_portal_url_never_reach_the_message() -> None:
    error = input_error(normalise_portal_url, "https://admin:pw0rd@example.bitrix24.com")
    assert "pw0rd" not in error.summary + error.advice + error.details()


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("  main ", "main"), ("Prod / EU", "Prod / EU"), ("x" * 64, "x" * 64), ("Портал", "Портал")],
)
def test_profile_name_is_trimmed(typed: str, stored: str) -> None:
    assert oauth(typed).name == stored


@pytest.mark.parametrize(
    "name", ["", "   ", "x" * 65, "tab\there", "line\nbreak", "zero\u200bwidth"]
)
def test_unusable_profile_name_is_refused(name: str) -> None:
    error = input_error(oauth, name)
    assert (error.code, error.argument) == ("INVALID_PROFILE_NAME", "name")


def test_oauth_profile_needs_a_client_id_but_a_webhook_does_not() -> None:
    assert input_error(oauth, client_id=" ").argument == "client_id"
    assert webhook().client_id == ""


def test_oauth_server_defaults_and_is_normalised() -> None:
    assert oauth().oauth_server == "https://oauth.bitrix.info"
    assert oauth(oauth_server="").oauth_server == "https://oauth.bitrix.info"
    assert oauth(oauth_server="https://oauth.bitrix.info/oauth/token/").oauth_server == (
        "https://oauth.bitrix.info"
    )
    assert oauth(oauth_server="http://127.0.0.1:9000/").oauth_server == "http://127.0.0.1:9000"
    assert input_error(oauth, oauth_server="http://oauth.example.com").code == "HTTPS_REQUIRED"


def test_plain_strings_become_the_enums() -> None:
    profile = oauth(auth="oauth", rate_plan="enterprise")
    assert (profile.auth, profile.rate_plan) == (AuthKind.OAUTH, RatePlan.ENTERPRISE)
    assert input_error(oauth, auth="saml").argument == "auth"


def test_rate_plans_carry_the_portal_limits() -> None:
    assert (RatePlan.STANDARD.per_second, RatePlan.STANDARD.burst) == (2.0, 50)
    assert (RatePlan.ENTERPRISE.per_second, RatePlan.ENTERPRISE.burst) == (5.0, 250)


def test_each_kind_of_profile_names_its_secrets() -> None:
    assert oauth().secret_kinds() == (CS, AT, RT)
    assert webhook().secret_kinds() == (SecretKind.WEBHOOK_URL,)


@pytest.mark.parametrize(
    ("url", "portal", "user_id"),
    [
        (WEBHOOK, "https://example.bitrix24.com", 7),
        ("https://example.bitrix24.com/rest/1/abc123", "https://example.bitrix24.com", 1),
        ("https://x.bitrix24.de/rest/12/abc/profile.json", "https://x.bitrix24.de", 12),
        ("http://127.0.0.1:8024/rest/1/s3cr3t-_x/", "http://127.0.0.1:8024", 1),
    ],
)
def test_webhook_url_gives_portal_and_user(url: str, portal: str, user_id: int) -> None:
    assert parse_webhook_url(url) == (portal, user_id)


@pytest.mark.parametrize(
    "url",
    [
        "https://example.bitrix24.com/",
        "https://example.bitrix24.com/rest/",
        "https://example.bitrix24.com/rest/1/",
        "https://example.bitrix24.com/rest/admin/topsecret77/",
        "https://example.bitrix24.com/rest/0/topsecret77/",
        "https://example.bitrix24.com/rest/1/top$ecret77/",
        "https://example.bitrix24.com/rest/1/topsecret77/crm/deal/list",
        "http://example.bitrix24.com/rest/1/topsecret77/",
    ],
)
def test_malformed_webhook_url_is_refused_without_repeating_it(url: str) -> None:
    error = input_error(parse_webhook_url, url)
    assert error.argument == "webhook_url"
    assert "ecret77" not in error.summary + error.advice + error.details()


# --- profiles.json -------------------------------------------------------------------------------


def test_profiles_round_trip_in_order() -> None:
    store = ProfileStore()
    profiles = [oauth("b", rate_plan=RatePlan.ENTERPRISE), webhook("a", session_only=True)]
    for profile in profiles:
        store.save_profile(profile)
    assert ProfileStore().load() == profiles
    assert ProfileStore().get("a") == profiles[1]
    assert ProfileStore().get("zzz") is None


def test_no_file_means_no_profiles(config_dir: Path) -> None:
    assert ProfileStore(config_dir / "not-yet").load() == []


def test_profiles_file_is_versioned_private_and_written_atomically(config_dir: Path) -> None:
    store = ProfileStore(config_dir / "new" / "dir")
    store.save_profile(oauth())
    data = json.loads(store.path.read_text(encoding="utf-8"))
    assert data["schema_version"] == 1
    assert data["profiles"][0]["auth"] == "oauth"
    if os.name == "posix":
        assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    left = sorted(p.name for p in store.path.parent.iterdir())
    assert left == ["profiles.json", "profiles.json.lock"]  # no temp file left, only the lock


def test_missing_keys_take_declared_defaults_and_unknown_keys_are_ignored(
    config_dir: Path,
) -> None:
    entry = {"name": "old", "auth": "webhook", "portal_url": WEBHOOK, "colour": "teal"}
    (config_dir / "profiles.json").write_text(
        json.dumps({"schema_version": 1, "profiles": [entry]}), encoding="utf-8"
    )
    (profile,) = ProfileStore().load()
    assert profile == webhook("old")
    assert (profile.rate_plan, profile.session_only) == (RatePlan.STANDARD, False)


def test_newer_file_is_refused_and_left_alone(config_dir: Path) -> None:
    path = config_dir / "profiles.json"
    original = json.dumps({"schema_version": 2, "profiles": [], "future": True})
    path.write_text(original, encoding="utf-8")
    assert input_error(ProfileStore().load).code == "PROFILES_FILE_TOO_NEW"
    assert input_error(ProfileStore().save_profile, oauth()).code == "PROFILES_FILE_TOO_NEW"
    assert path.read_text(encoding="utf-8") == original


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        "[]",
        '{"profiles": []}',
        '{"schema_version": 1, "profiles": {}}',
        '{"schema_version": true, "profiles": []}',
        "[" * 100_000,
        '{"schema_version": 1' + "0" * 5000 + ', "profiles": []}',
    ],
)
def test_corrupt_file_is_explained_with_its_path_and_kept(config_dir: Path, content: str) -> None:
    path = config_dir / "profiles.json"
    path.write_text(content, encoding="utf-8")
    error = input_error(ProfileStore().load)
    assert error.code == "PROFILES_FILE_CORRUPT"
    assert str(path) in error.summary
    input_error(ProfileStore().save_profile, webhook())
    assert path.read_text(encoding="utf-8") == content


def test_a_new_profile_never_overwrites_one_with_the_same_name() -> None:
    store = ProfileStore()
    store.save_profile(oauth("main"))
    assert input_error(store.save_profile, webhook("main")).code == "PROFILE_EXISTS"
    assert store.get("main") == oauth("main")


def test_rename_keeps_the_place_in_the_list_and_remove_forgets() -> None:
    store = ProfileStore()
    for name in ("a", "b", "c"):
        store.save_profile(oauth(name))
    store.save_profile(oauth("B2"), replacing="b")
    assert [p.name for p in store.load()] == ["a", "B2", "c"]
    assert input_error(store.save_profile, oauth("a"), replacing="c").code == "PROFILE_EXISTS"
    store.remove("a")
    store.remove("not-there")
    assert [p.name for p in store.load()] == ["B2", "c"]


# --- ProfileService ------------------------------------------------------------------------------


def test_save_puts_secrets_in_the_store_and_credentials_read_them(
    service: ProfileService, keyring: SessionSecretStore
) -> None:
    service.save(oauth(), OAUTH_SECRETS)
    assert keyring.get("main", RT) == "rt-value-1"
    assert service.credentials(oauth()) == OAuthCredentials(
        "https://example.bitrix24.com", "local.1a2b3c.12345678", *OAUTH_SECRETS.values()
    )


def test_editing_without_retyping_secrets_keeps_them(
    service: ProfileService, keyring: SessionSecretStore
) -> None:
    service.save(oauth(), OAUTH_SECRETS)
    service.save(oauth(rate_plan=RatePlan.ENTERPRISE), {CS: "", AT: "at-new"}, replacing="main")
    assert (keyring.get("main", CS), keyring.get("main", AT)) == ("cs-value-1", "at-new")
    assert service.store.get("main") == oauth(rate_plan=RatePlan.ENTERPRISE)


def test_rename_moves_secrets_and_deletes_the_old_entries(
    service: ProfileService, keyring: SessionSecretStore
) -> None:
    service.save(oauth("old"), OAUTH_SECRETS)
    service.save(oauth("new"), {AT: "at-typed"}, replacing="old")
    assert [keyring.get("new", k) for k in (CS, AT, RT)] == ["cs-value-1", "at-typed", "rt-value-1"]
    assert all(keyring.get("old", kind) is None for kind in SecretKind)
    assert [p.name for p in service.store.load()] == ["new"]


def test_rename_onto_a_taken_name_changes_nothing(
    service: ProfileService, keyring: SessionSecretStore
) -> None:
    service.save(oauth("a"), OAUTH_SECRETS)
    service.save(oauth("b"), {CS: "b-cs", AT: "b-at", RT: "b-rt"})
    assert input_error(service.save, oauth("b"), {}, replacing="a").code == "PROFILE_EXISTS"
    assert input_error(service.save, oauth("a"), OAUTH_SECRETS).code == "PROFILE_EXISTS"
    assert (keyring.get("a", CS), keyring.get("b", CS)) == ("cs-value-1", "b-cs")


def test_switching_to_session_only_moves_secrets_out_of_the_keyring(
    service: ProfileService, keyring: SessionSecretStore, session: SessionSecretStore
) -> None:
    service.save(oauth(), OAUTH_SECRETS)
    service.save(oauth(session_only=True), {}, replacing="main")
    assert session.get("main", RT) == "rt-value-1"
    assert all(keyring.get("main", kind) is None for kind in SecretKind)
    assert service.secret_store_for(oauth(session_only=True)) is session


def test_changing_oauth_to_webhook_drops_the_oauth_secrets(
    service: ProfileService, keyring: SessionSecretStore
) -> None:
    service.save(oauth("p"), OAUTH_SECRETS)
    service.save(webhook("p"), {SecretKind.WEBHOOK_URL: WEBHOOK}, replacing="p")
    assert all(keyring.get("p", kind) is None for kind in (CS, AT, RT))
    assert service.credentials(webhook("p")) == WebhookCredentials(WEBHOOK)


def test_webhook_url_is_stored_in_one_form_and_must_match_the_portal(
    service: ProfileService, keyring: SessionSecretStore
) -> None:
    service.save(webhook(), {SecretKind.WEBHOOK_URL: WEBHOOK + "profile.json"})
    assert keyring.get("hook", SecretKind.WEBHOOK_URL) == WEBHOOK
    other = "https://other.bitrix24.com/rest/1/abc123/"
    error = input_error(service.save, webhook("h2"), {SecretKind.WEBHOOK_URL: other})
    assert (error.code, error.argument) == ("WEBHOOK_PORTAL_MISMATCH", "webhook_url")
    assert "abc123" not in error.summary + error.advice
    assert service.store.get("h2") is None


def test_a_secret_the_profile_kind_does_not_have_is_refused(service: ProfileService) -> None:
    assert input_error(service.save, webhook(), {CS: "x"}).code == "UNEXPECTED_SECRET"
    assert service.store.load() == []


def test_missing_secrets_are_named_in_plain_words(service: ProfileService) -> None:
    service.save(oauth(), {CS: "cs"})
    error = input_error(service.credentials, oauth())
    assert error.code == "SECRETS_MISSING"
    assert "is missing an access token and a refresh token." in error.summary
    session_profile = oauth("s", session_only=True)
    service.store.save_profile(session_profile)
    advice = input_error(service.credentials, session_profile).advice
    assert "forgotten when b24admin quits" in advice


def test_remove_deletes_secrets_and_metadata(
    service: ProfileService, keyring: SessionSecretStore, session: SessionSecretStore
) -> None:
    service.save(oauth("k"), OAUTH_SECRETS)
    service.save(oauth("s", session_only=True), OAUTH_SECRETS)
    service.remove("k")
    service.remove("s")
    assert service.store.load() == []
    assert all(store.get(n, CS) is None for store in (keyring, session) for n in ("k", "s"))


def test_save_tokens_replaces_both_tokens(
    service: ProfileService, keyring: SessionSecretStore
) -> None:
    service.save(oauth(), OAUTH_SECRETS)
    service.save_tokens(oauth(), "at-2", "rt-2")
    assert (keyring.get("main", AT), keyring.get("main", RT)) == ("at-2", "rt-2")
    assert keyring.get("main", CS) == "cs-value-1"


def test_profile_file_never_holds_a_secret(service: ProfileService, config_dir: Path) -> None:
    service.save(oauth(), OAUTH_SECRETS)
    service.save(oauth("renamed"), {}, replacing="main")
    service.save(webhook(), {SecretKind.WEBHOOK_URL: WEBHOOK})
    text = (config_dir / "profiles.json").read_text(encoding="utf-8")
    for secret in [*OAUTH_SECRETS.values(), "wh5ecret0000abcd"]:
        assert secret not in text
