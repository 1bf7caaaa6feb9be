"""GUI test set-up shared by every test in tests/gui: the offscreen-noise filter, and a main
window over a real sandbox portal (loopback HTTP) with a real profile service."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from keyring.backends.fail import Keyring as FailKeyring
from pytestqt.qtbot import QtBot

from b24admin.core.profile_service import ProfileService
from b24admin.core.profiles import AuthKind, Profile, ProfileStore
from b24admin.core.secrets import KeyringSecretStore, SecretKind, SessionSecretStore
from b24admin.gui.dialogs import RecordingDialogs
from b24admin.gui.main_window import MainWindow
from b24admin.sandbox import SandboxApp, SandboxPortal, TokenPair

# The offscreen platform plugin (QT_QPA_PLATFORM=offscreen) logs this warning whenever a shown
# top-level window updates its size constraints (every QMessageBox and resizable dialog does).
# It says nothing about our code; any other Qt warning still fails a test.
OFFSCREEN_NOISE = r"This plugin does not support propagateSizeHints\(\)"

SANDBOX_PROFILE = "Sandbox portal"
WindowFactory = Callable[..., MainWindow]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/gui/" in item.nodeid.replace("\\", "/"):
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


def fast_client_factory(
    *, attempts: int = 2, deadline: float = 10.0
) -> Callable[[Profile, ProfileService], Any]:
    """Real clients with a short retry policy and whole-call deadline (the window's client
    seam)."""

    def factory(profile: Profile, service: ProfileService) -> Any:
        from b24admin.core.client import RetryPolicy
        from b24admin.core.connection import open_client
        from b24admin.core.http_exchange import Limits

        retry = RetryPolicy(attempts=attempts, initial_wait=0.01, max_wait=0.02)
        return open_client(profile, service, retry=retry, limits=Limits(deadline=deadline))

    return factory


class NoKeyringStore(KeyringSecretStore):
    """The real keyring store on a machine without a keyring: keyring's own "no backend found"
    backend.

    keyring is imported here, at collection, not first in two workers at once: the status line
    and a bind both reach the store, and concurrent first imports of keyring's modules can fail
    with an import deadlock.
    """

    @staticmethod
    def _backend() -> Any:
        return FailKeyring()


@pytest.fixture
def keyring_stand_in() -> SessionSecretStore:
    """Where non-session profiles keep secrets in these tests (the real keyring is opt-in)."""
    return SessionSecretStore()


@pytest.fixture
def service(config_dir: Path, keyring_stand_in: SessionSecretStore) -> ProfileService:
    """A real ProfileService over the test's config dir and private in-memory stores."""
    return ProfileService(ProfileStore(config_dir), keyring_stand_in, SessionSecretStore())


@pytest.fixture
def sandbox_profile(
    service: ProfileService,
    sandbox: SandboxPortal,
    sandbox_app: SandboxApp,
    sandbox_tokens: TokenPair,
) -> Profile:
    """A session-only OAuth profile for the sandbox's demo app, with an administrator's tokens."""
    return save_sandbox_profile(service, sandbox, SANDBOX_PROFILE, sandbox_app, sandbox_tokens)


def save_sandbox_profile(
    service: ProfileService,
    sandbox: SandboxPortal,
    name: str,
    app: SandboxApp,
    tokens: TokenPair,
) -> Profile:
    """Save a session-only OAuth profile named ``name`` for ``app`` of ``sandbox``, with
    ``tokens``; tests with an app of their own scopes use it too."""
    profile = Profile(
        name=name,
        auth=AuthKind.OAUTH,
        portal_url=sandbox.base_url,
        client_id=app.client_id,
        oauth_server=sandbox.oauth_server_url,
        session_only=True,
    )
    service.save(
        profile,
        {
            SecretKind.CLIENT_SECRET: app.client_secret,
            SecretKind.ACCESS_TOKEN: tokens.access_token,
            SecretKind.REFRESH_TOKEN: tokens.refresh_token,
        },
    )
    return profile


@pytest.fixture
def dialogs() -> RecordingDialogs:
    return RecordingDialogs()


@pytest.fixture
def make_window(
    qtbot: QtBot, service: ProfileService, dialogs: RecordingDialogs
) -> Iterator[WindowFactory]:
    """Build shown MainWindows (keyword arguments override the defaults; ``show=False`` leaves
    it to the test); every job is joined and every window closed at teardown."""
    windows: list[MainWindow] = []

    def make(*, show: bool = True, **overrides: Any) -> MainWindow:
        arguments: dict[str, Any] = {
            "service": service,
            "dialogs": dialogs,
            "client_factory": fast_client_factory(),
        }
        arguments.update(overrides)
        window = MainWindow(**arguments)
        qtbot.addWidget(window)
        windows.append(window)
        if show:
            window.show()
            qtbot.waitExposed(window)
        return window

    yield make
    for window in windows:
        assert window.runner.wait_for_done(20_000), "a job outlived its test"
        window.close()


@pytest.fixture
def sandbox_window(sandbox_profile: Profile, make_window: WindowFactory) -> MainWindow:
    """The main window with the sandbox profile selected (the portal outlives the window)."""
    window = make_window()
    assert window.connection.current_profile_name() == sandbox_profile.name
    return window
