"""Shared test set-up: headless Qt, a private config dir for every test, and the fixtures more
than one test folder uses: a real sandbox portal on a loopback port with its demo application and
an administrator's tokens (integration and GUI tests), and the placement catalogue."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from b24admin.core.catalogue import Catalogue
    from b24admin.core.profile_service import ProfileService
    from b24admin.sandbox import SandboxApp, SandboxPortal, TokenPair

# Before any Qt import: every GUI test runs headless, whatever the developer's session has.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Tests read the English source whatever the developer's locale (a test of another language sets
# its own; subprocesses inherit this).
os.environ["B24ADMIN_LANGUAGE"] = "en"


@pytest.fixture
def language() -> Iterator[Callable[[str], str]]:
    """Switch the catalogue to a language for one test (``language("pseudo")``); English after."""
    from b24admin.core import i18n

    yield i18n.use_language
    i18n.use_language(i18n.SOURCE_LANGUAGE)


@pytest.fixture(autouse=True)
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point the config dir at a fresh temp folder: no test reads or writes the real one."""
    path = tmp_path / "config"
    path.mkdir()
    monkeypatch.setenv("B24ADMIN_CONFIG_DIR", str(path))
    yield path


# The imports below are inside the fixtures so that unit tests, which use none of them, collect
# without loading the sandbox.


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    """The placement catalogue shipped in resources/ (loaded once per process)."""
    from b24admin.core.catalogue import load_catalogue

    return load_catalogue()


@pytest.fixture
def sandbox() -> Iterator[SandboxPortal]:
    """A started SandboxPortal with ``register_app()`` done; stopped (thread joined) at teardown."""
    from b24admin.sandbox import SandboxPortal

    portal = SandboxPortal().start()
    try:
        portal.register_app()
        yield portal
    finally:
        portal.stop()


@pytest.fixture
def sandbox_app(sandbox: SandboxPortal) -> SandboxApp:
    """The demo application registered on ``sandbox`` (installed, the default scopes)."""
    return sandbox.app()


@pytest.fixture
def sandbox_tokens(sandbox: SandboxPortal, sandbox_app: SandboxApp) -> TokenPair:
    """Tokens of the demo application for user 1 (an administrator)."""
    return sandbox.issue_tokens(sandbox_app.client_id)


@pytest.fixture
def keyring_service(config_dir: Path) -> Iterator[ProfileService]:
    """Profiles whose secrets go to the real Secret Service (gnome-keyring on the private D-Bus
    session of tests/secret-service-session.sh); every profile made is removed afterwards, its
    keyring entries too. Skips without one, fails under B24ADMIN_REQUIRE_SECRET_SERVICE=1."""
    if os.environ.get("B24ADMIN_SECRET_SERVICE") != "1":
        if os.environ.get("B24ADMIN_REQUIRE_SECRET_SERVICE") == "1":
            pytest.fail("B24ADMIN_REQUIRE_SECRET_SERVICE=1 but there is no Secret Service")
        pytest.skip("needs a real Secret Service (tests/secret-service-session.sh)")
    from b24admin.core.profile_service import ProfileService
    from b24admin.core.profiles import ProfileStore
    from b24admin.core.secrets import KeyringSecretStore

    service = ProfileService(ProfileStore(config_dir), secrets=KeyringSecretStore())
    yield service
    for profile in service.store.load():
        service.remove(profile.name)
