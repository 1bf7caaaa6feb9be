"""The session-only secret store, and what the secrets module promises without a keyring."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

from b24admin.core.credentials import OAuthCredentials, WebhookCredentials
from b24admin.core.profile_service import ProfileService
from b24admin.core.profiles import AuthKind, Profile
from b24admin.core.secrets import (
    SESSION_BACKEND_NAME,
    KeyringSecretStore,
    SecretKind,
    SessionSecretStore,
    session_secret_store,
)


def test_session_store_round_trip() -> None:
    store = SessionSecretStore()
    assert store.get("main", SecretKind.ACCESS_TOKEN) is None
    store.set("main", SecretKind.ACCESS_TOKEN, "token-1")
    store.set("main", SecretKind.ACCESS_TOKEN, "token-2")
    assert store.get("main", SecretKind.ACCESS_TOKEN) == "token-2"
    store.delete("main", SecretKind.ACCESS_TOKEN)
    assert store.get("main", SecretKind.ACCESS_TOKEN) is None


def test_session_store_deleting_a_missing_secret_is_fine() -> None:
    SessionSecretStore().delete("nobody", SecretKind.WEBHOOK_URL)


def test_session_store_delete_profile_keeps_other_profiles() -> None:
    store = SessionSecretStore()
    for kind in SecretKind:
        store.set("a", kind, f"a-{kind.value}")
    store.set("b", SecretKind.CLIENT_SECRET, "b-secret")
    store.delete_profile("a")
    assert all(store.get("a", kind) is None for kind in SecretKind)
    assert store.get("b", SecretKind.CLIENT_SECRET) == "b-secret"


def test_session_store_says_it_is_memory_only_and_works() -> None:
    store = SessionSecretStore()
    status = store.status()
    assert store.backend_name == SESSION_BACKEND_NAME
    assert "forgotten when b24admin quits" in store.backend_name
    assert (status.ok, status.backend, status.message) == (True, SESSION_BACKEND_NAME, "")


def test_session_store_repr_shows_no_secret() -> None:
    store = SessionSecretStore()
    store.set("main", SecretKind.CLIENT_SECRET, "hunter2-secret")
    assert "hunter2-secret" not in repr(store)


def test_session_store_keeps_every_write_from_many_threads() -> None:
    store = SessionSecretStore()

    def write(worker: int) -> None:
        for i in range(200):
            store.set(f"p{worker}-{i}", SecretKind.ACCESS_TOKEN, str(i))

    threads = [threading.Thread(target=write, args=(w,)) for w in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(
        store.get(f"p{w}-{i}", SecretKind.ACCESS_TOKEN) == str(i)
        for w in range(4)
        for i in range(200)
    )


def test_session_only_profiles_share_the_process_wide_store() -> None:
    session = Profile("s", AuthKind.WEBHOOK, "https://x.bitrix24.com", session_only=True)
    kept = Profile("k", AuthKind.WEBHOOK, "https://x.bitrix24.com")
    service = ProfileService()
    assert service.secret_store_for(session) is session_secret_store()
    assert ProfileService().secret_store_for(session) is service.secret_store_for(session)
    assert isinstance(service.secret_store_for(kept), KeyringSecretStore)


def test_secret_kind_labels_read_as_words() -> None:
    assert SecretKind.CLIENT_SECRET.label == "client secret"
    assert SecretKind.WEBHOOK_URL.label == "webhook URL"


def test_credentials_repr_shows_no_secret() -> None:
    oauth = OAuthCredentials("https://x.bitrix24.com", "local.1", "cs-123", "at-456", "rt-789")
    webhook = WebhookCredentials("https://x.bitrix24.com/rest/1/wh-secret/")
    text = repr(oauth) + repr(webhook)
    assert not any(secret in text for secret in ("cs-123", "at-456", "rt-789", "wh-secret"))


def test_core_profile_modules_do_not_import_keyring() -> None:
    # keyring's backend discovery is slow; the GUI imports these modules on its start-up path.
    code = (
        "import sys, b24admin.core.profiles, b24admin.core.profile_service, "
        "b24admin.core.connection, b24admin.core.secrets\n"
        "from b24admin.core.profile_service import ProfileService\n"
        "ProfileService()\n"
        "heavy = sorted(m for m in ('keyring', 'requests', 'platformdirs') if m in sys.modules)\n"
        "print(','.join(heavy))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
        env={**os.environ, "B24ADMIN_CONFIG_DIR": "/nonexistent-b24admin-test"},
    )
    assert result.stdout.strip() == ""
