"""Integration fixtures: a real sandbox portal on a loopback port, with the demo app registered."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from b24admin.sandbox import SandboxApp, SandboxPortal, TokenPair


@pytest.fixture
def sandbox() -> Iterator[SandboxPortal]:
    """A started SandboxPortal with ``register_app()`` done; stopped (thread joined) at teardown."""
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
