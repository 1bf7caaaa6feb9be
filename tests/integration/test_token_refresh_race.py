"""One token refresh per profile: clients in one process and real b24admin processes meeting the
same expired access token all succeed, and the stored pair works afterwards.

The sandbox rotates refresh tokens as Bitrix24 does: each works once, a reused one answers
``invalid_grant``. Without the per-profile lock and the re-read of the stored pair, the second
client refreshes with the dead token and is told to sign in again.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import uuid
from pathlib import Path

import pytest

from b24admin.core.activity_log import ActivityLog
from b24admin.core.client import PortalClient
from b24admin.core.connection import open_client
from b24admin.core.profile_service import ProfileService
from b24admin.core.profiles import AuthKind, Profile, ProfileStore
from b24admin.core.secrets import SecretKind, SessionSecretStore
from b24admin.sandbox import SandboxPortal

REPO = Path(__file__).resolve().parents[2]


def sandbox_profile(sandbox: SandboxPortal, name: str, *, session_only: bool = False) -> Profile:
    return Profile(
        name=name,
        auth=AuthKind.OAUTH,
        portal_url=sandbox.base_url,
        client_id=sandbox.app().client_id,
        oauth_server=sandbox.oauth_server_url,
        session_only=session_only,
    )


def signed_in(service: ProfileService, sandbox: SandboxPortal, profile: Profile) -> None:
    tokens = sandbox.issue_tokens(profile.client_id)
    service.save(
        profile,
        {
            SecretKind.CLIENT_SECRET: sandbox.app().client_secret,
            SecretKind.ACCESS_TOKEN: tokens.access_token,
            SecretKind.REFRESH_TOKEN: tokens.refresh_token,
        },
    )


def refreshes(sandbox: SandboxPortal) -> list[str]:
    return [outcome for grant, outcome in sandbox.token_answers() if grant == "refresh_token"]


@pytest.fixture
def memory_service(config_dir: Path) -> ProfileService:
    secrets = SessionSecretStore()
    return ProfileService(ProfileStore(config_dir), secrets=secrets, session_secrets=secrets)


def test_a_second_client_with_the_old_pair_uses_the_stored_new_one(
    sandbox: SandboxPortal, memory_service: ProfileService, tmp_path: Path
) -> None:
    profile = sandbox_profile(sandbox, "main")
    signed_in(memory_service, sandbox, profile)
    activity = ActivityLog(tmp_path / "activity.log")
    first = open_client(profile, memory_service, activity=activity)
    second = open_client(profile, memory_service, activity=activity)  # same pair in memory
    sandbox.expire_access_tokens()

    assert isinstance(first.user_admin(), bool)
    assert isinstance(second.user_admin(), bool)  # its old refresh token is dead by now

    assert refreshes(sandbox) == ["ok"]  # one refresh; the second client took the stored pair
    assert second.credentials == first.credentials
    stored = memory_service.credentials(profile)
    assert stored == first.credentials
    with open_client(profile, memory_service, activity=activity) as third:
        third.get_bindings()
    assert refreshes(sandbox) == ["ok"]  # the stored pair works as it is
    first.close()
    second.close()


def test_clients_on_threads_meeting_one_expired_token_refresh_once(
    sandbox: SandboxPortal, memory_service: ProfileService, tmp_path: Path
) -> None:
    profile = sandbox_profile(sandbox, "threads")
    signed_in(memory_service, sandbox, profile)
    activity = ActivityLog(tmp_path / "activity.log")
    for round_number in range(1, 4):
        clients = [open_client(profile, memory_service, activity=activity) for _ in range(4)]
        sandbox.expire_access_tokens()
        failures = list_bindings_at_once(clients)
        for client in clients:
            client.close()
        assert failures == []
        assert refreshes(sandbox) == ["ok"] * round_number


def list_bindings_at_once(clients: list[PortalClient]) -> list[BaseException]:
    """Run placement.get on every client, all released together; the errors they raised."""
    start = threading.Barrier(len(clients))
    failures: list[BaseException] = []

    def call(client: PortalClient) -> None:
        start.wait()
        try:
            client.get_bindings()
        except BaseException as exc:  # reported by the caller's assertion
            failures.append(exc)

    threads = [threading.Thread(target=call, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return failures


# --- two real processes ---------------------------------------------------------------------


def run_cli(*argv: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "b24admin", *argv],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.keyring
@pytest.mark.slow
def test_two_b24admin_processes_meeting_one_expired_token_both_succeed(
    sandbox: SandboxPortal, keyring_service: ProfileService, tmp_path: Path
) -> None:
    name = "race-" + uuid.uuid4().hex[:8]
    profile = sandbox_profile(sandbox, name)
    signed_in(keyring_service, sandbox, profile)
    rounds = 3
    for round_number in range(1, rounds + 1):
        sandbox.expire_access_tokens()
        processes = [run_cli("list", "--profile", name, "--json") for _ in range(2)]
        outcomes = [(p.wait(timeout=60), *p.communicate()) for p in processes]
        for code, _stdout, stderr in outcomes:
            assert code == 0, stderr
            assert "sign in again" not in stderr.lower()
        assert refreshes(sandbox) == ["ok"] * round_number  # never a reused refresh token
    with open_client(profile, keyring_service, activity=ActivityLog(tmp_path / "a.log")) as client:
        assert client.get_bindings() == []
    assert refreshes(sandbox) == ["ok"] * rounds  # the stored pair works without a refresh
