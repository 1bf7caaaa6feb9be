"""Secrets in a real Secret Service, and plain words when there is no keyring.

The ``keyring``-marked tests need a real, unlocked Secret Service; run them with
``tests/secret-service-session.sh .venv/bin/python -m pytest tests/integration/test_keyring.py``
(it starts a private D-Bus session and GNOME Keyring and sets B24ADMIN_SECRET_SERVICE=1). Without
one they skip, unless B24ADMIN_REQUIRE_SECRET_SERVICE=1 (CI) makes them fail.

The no-keyring tests use keyring's own ``fail`` backend and run everywhere.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import keyring.backends.fail
import keyring.backends.null
import pytest

from b24admin.core.credentials import OAuthCredentials
from b24admin.core.errors import B24Error, ErrorKind
from b24admin.core.profile_service import ProfileService
from b24admin.core.profiles import AuthKind, Profile, ProfileStore
from b24admin.core.secrets import SERVICE_NAME, KeyringSecretStore, SecretKind

HARNESS = (
    "tests/secret-service-session.sh .venv/bin/python -m pytest tests/integration/test_keyring.py"
)

OAUTH_SECRETS = {
    SecretKind.CLIENT_SECRET: "cs-" + uuid.uuid4().hex,
    SecretKind.ACCESS_TOKEN: "at-" + uuid.uuid4().hex,
    SecretKind.REFRESH_TOKEN: "rt-" + uuid.uuid4().hex,
}


@pytest.fixture
def keyring_backend() -> Iterator[None]:
    """Restore whatever keyring backend was active before the test."""
    previous = keyring.get_keyring()
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def secret_service(keyring_backend: None) -> Iterator[None]:
    """A real Secret Service, or a skip (a failure when B24ADMIN_REQUIRE_SECRET_SERVICE=1)."""
    if os.environ.get("B24ADMIN_SECRET_SERVICE") != "1":
        reason = f"needs a real Secret Service: run `{HARNESS}`"
        if os.environ.get("B24ADMIN_REQUIRE_SECRET_SERVICE") == "1":
            pytest.fail("B24ADMIN_REQUIRE_SECRET_SERVICE=1 but " + reason)
        pytest.skip(reason)
    yield


@pytest.fixture
def no_keyring(keyring_backend: None) -> None:
    keyring.set_keyring(keyring.backends.fail.Keyring())


@pytest.fixture
def profile_name() -> Iterator[str]:
    """A unique profile name; its keyring entries are deleted afterwards, whatever happened."""
    names = [f"test-{uuid.uuid4().hex[:12]}"]
    yield names[0]
    if os.environ.get("B24ADMIN_SECRET_SERVICE") == "1":
        for suffix in ("", "-renamed"):
            for kind in SecretKind:
                try:
                    keyring.delete_password(SERVICE_NAME, f"{names[0]}{suffix}/{kind.value}")
                except keyring.errors.PasswordDeleteError:
                    pass


def oauth_profile(name: str, **changes: Any) -> Profile:
    values: dict[str, Any] = {
        "name": name,
        "auth": AuthKind.OAUTH,
        "portal_url": "https://example.bitrix24.com",
        "client_id": "local.1a2b3c.12345678",
    }
    return Profile(**{**values, **changes})


def in_keyring(name: str, kind: SecretKind) -> str | None:
    return keyring.get_password(SERVICE_NAME, f"{name}/{kind.value}")


# --- a real Secret Service --------------------------------------------------------------------


@pytest.mark.keyring
def test_secret_round_trips_through_the_secret_service(
    secret_service: None, profile_name: str
) -> None:
    store = KeyringSecretStore()
    store.set(profile_name, SecretKind.CLIENT_SECRET, "s3cret-value")
    assert in_keyring(profile_name, SecretKind.CLIENT_SECRET) == "s3cret-value"
    assert store.get(profile_name, SecretKind.CLIENT_SECRET) == "s3cret-value"
    store.delete(profile_name, SecretKind.CLIENT_SECRET)
    assert in_keyring(profile_name, SecretKind.CLIENT_SECRET) is None
    assert store.get(profile_name, SecretKind.CLIENT_SECRET) is None


@pytest.mark.keyring
def test_deleting_a_missing_secret_is_not_an_error(secret_service: None, profile_name: str) -> None:
    KeyringSecretStore().delete(profile_name, SecretKind.REFRESH_TOKEN)
    KeyringSecretStore().delete_profile(profile_name)


@pytest.mark.keyring
def test_backend_name_and_status_say_secret_service_works(secret_service: None) -> None:
    store = KeyringSecretStore()
    assert store.backend_name == "Secret Service (GNOME Keyring / KWallet)"
    status = store.status()
    assert status.ok, status.message
    assert status.backend == store.backend_name
    assert status.message == ""


@pytest.mark.keyring
def test_saved_profile_has_every_secret_in_the_keyring(
    secret_service: None, profile_name: str
) -> None:
    service = ProfileService()
    profile = oauth_profile(profile_name)
    service.save(profile, OAUTH_SECRETS)
    for kind, value in OAUTH_SECRETS.items():
        assert in_keyring(profile_name, kind) == value
    assert service.store.get(profile_name) == profile
    credentials = service.credentials(profile)
    assert isinstance(credentials, OAuthCredentials)
    assert credentials.refresh_token == OAUTH_SECRETS[SecretKind.REFRESH_TOKEN]


@pytest.mark.keyring
def test_rename_moves_keyring_entries_to_the_new_name(
    secret_service: None, profile_name: str
) -> None:
    service = ProfileService()
    service.save(oauth_profile(profile_name), OAUTH_SECRETS)
    new_name = profile_name + "-renamed"
    service.save(oauth_profile(new_name), {}, replacing=profile_name)
    for kind, value in OAUTH_SECRETS.items():
        assert in_keyring(new_name, kind) == value
        assert in_keyring(profile_name, kind) is None
    assert [p.name for p in service.store.load()] == [new_name]


@pytest.mark.keyring
def test_remove_deletes_keyring_entries_and_metadata(
    secret_service: None, profile_name: str
) -> None:
    service = ProfileService()
    service.save(oauth_profile(profile_name), OAUTH_SECRETS)
    service.remove(profile_name)
    assert all(in_keyring(profile_name, kind) is None for kind in SecretKind)
    assert service.store.load() == []


@pytest.mark.keyring
def test_no_secret_lands_in_the_config_dir(
    secret_service: None, profile_name: str, config_dir: Path
) -> None:
    service = ProfileService()
    webhook = f"https://example.bitrix24.com/rest/7/wh{uuid.uuid4().hex[:16]}/"
    webhook_profile = Profile(f"{profile_name}-renamed", AuthKind.WEBHOOK, webhook)
    service.save(oauth_profile(profile_name), OAUTH_SECRETS)
    service.save(oauth_profile(profile_name, client_id="local.other.1"), {}, replacing=profile_name)
    service.save(webhook_profile, {SecretKind.WEBHOOK_URL: webhook})
    files = [path for path in config_dir.rglob("*") if path.is_file()]
    assert files, "the profiles file should be there"
    secrets = [*OAUTH_SECRETS.values(), webhook.rstrip("/").rsplit("/", 1)[1]]
    for path in files:
        content = path.read_bytes()
        for secret in secrets:
            assert secret.encode() not in content, f"a secret leaked into {path}"
    service.remove(webhook_profile.name)


@pytest.fixture
def locked_collection(secret_service: None) -> Iterator[None]:
    """Point keyring at a new collection of the real daemon, and lock it.

    The default collection stays unlocked for the other tests: gnome-keyring's own (unprompted)
    interface creates this one with a known password, so it can be unlocked and deleted after.
    """
    import secretstorage
    from keyring.backends import SecretService
    from secretstorage.util import DBusAddressWrapper, format_secret, open_session

    connection = secretstorage.dbus_init()
    session = open_session(connection)
    internal = DBusAddressWrapper(
        "/org/freedesktop/secrets",
        "org.gnome.keyring.InternalUnsupportedGuiltRiddenInterface",
        connection,
    )
    label = {"org.freedesktop.Secret.Collection.Label": ("s", "b24admin locked test")}
    password = format_secret(session, uuid.uuid4().hex.encode(), "text/plain")
    (path,) = internal.call("CreateWithMasterPassword", "a{sv}(oayays)", label, password)
    collection = secretstorage.Collection(connection, path)
    collection.lock()
    backend = SecretService.Keyring()
    backend.preferred_collection = path  # type: ignore[attr-defined]
    keyring.set_keyring(backend)
    yield
    internal.call("UnlockWithMasterPassword", "o(oayays)", path, password)
    collection.delete()
    connection.close()


@pytest.mark.keyring
def test_locked_keyring_is_reported_in_plain_words(locked_collection: None) -> None:
    store = KeyringSecretStore()
    status = store.status()
    assert not status.ok
    assert status.message.startswith("The system keyring is locked; unlock it and try again")
    with pytest.raises(B24Error) as caught:
        store.set("locked-test", SecretKind.CLIENT_SECRET, "never-stored")
    assert caught.value.code == "KEYRING_LOCKED"
    assert caught.value.kind is ErrorKind.KEYRING
    assert "never-stored" not in caught.value.details()


# --- no keyring at all (keyring's fail backend) -----------------------------------------------


def test_no_keyring_is_keyring_unavailable_in_plain_words(no_keyring: None) -> None:
    with pytest.raises(B24Error) as caught:
        KeyringSecretStore().set("main", SecretKind.CLIENT_SECRET, "value")
    error = caught.value
    assert (error.code, error.kind) == ("KEYRING_UNAVAILABLE", ErrorKind.KEYRING)
    assert error.summary.startswith("No system keyring is available")
    assert "session only" in error.advice
    assert error.exit_code == 3


@pytest.mark.parametrize("operation", ["get", "delete", "delete_profile"])
def test_no_keyring_fails_every_operation_the_same_way(no_keyring: None, operation: str) -> None:
    store = KeyringSecretStore()
    with pytest.raises(B24Error) as caught:
        if operation == "delete_profile":
            store.delete_profile("main")
        else:
            getattr(store, operation)("main", SecretKind.ACCESS_TOKEN)
    assert caught.value.code == "KEYRING_UNAVAILABLE"


def test_no_keyring_status_is_not_ok(no_keyring: None) -> None:
    status = KeyringSecretStore().status()
    assert not status.ok
    assert status.message.startswith("No system keyring is available")
    assert status.backend == KeyringSecretStore().backend_name == "No system keyring"


def test_null_backend_that_discards_secrets_counts_as_no_keyring(keyring_backend: None) -> None:
    keyring.set_keyring(keyring.backends.null.Keyring())
    assert not KeyringSecretStore().status().ok
    with pytest.raises(B24Error) as caught:
        KeyringSecretStore().set("main", SecretKind.CLIENT_SECRET, "would vanish")
    assert caught.value.code == "KEYRING_UNAVAILABLE"


def test_save_without_keyring_leaves_no_profile_behind(no_keyring: None, config_dir: Path) -> None:
    service = ProfileService()
    with pytest.raises(B24Error) as caught:
        service.save(oauth_profile("main"), OAUTH_SECRETS)
    assert caught.value.code == "KEYRING_UNAVAILABLE"
    assert service.store.load() == []
    assert not (config_dir / "profiles.json").exists()


def test_session_only_profile_saves_when_there_is_no_keyring(no_keyring: None) -> None:
    service = ProfileService()
    profile = oauth_profile(f"session-{uuid.uuid4().hex[:8]}", session_only=True)
    service.save(profile, OAUTH_SECRETS)
    assert service.store.get(profile.name) == profile
    credentials = service.credentials(profile)
    assert isinstance(credentials, OAuthCredentials)
    assert credentials.access_token == OAUTH_SECRETS[SecretKind.ACCESS_TOKEN]
    service.remove(profile.name)
    assert service.session_secrets.get(profile.name, SecretKind.ACCESS_TOKEN) is None


def test_remove_without_keyring_still_removes_the_metadata(
    keyring_backend: None, config_dir: Path
) -> None:
    ProfileStore().save_profile(oauth_profile("stale"))
    keyring.set_keyring(keyring.backends.fail.Keyring())
    ProfileService().remove("stale")
    assert ProfileStore().load() == []
