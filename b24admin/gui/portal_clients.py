"""The one way the GUI gets a REST client for a profile.

Every part that talks to a portal — the bind flow, the manage views (list, edit, unbind, sync),
the connection check, "copy as curl with secrets" and the try-handler panel — takes a
:class:`ClientFactory` from the window instead of opening a client itself, so a test (or a
later feature) changes how clients are made in one place: ``MainWindow(client_factory=...)``.

A factory reads the profile's secrets, so call it in a worker, never in a slot. The client is
used in a ``with`` block, which closes it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from b24admin.core.client import PortalClient
    from b24admin.core.profile_service import ProfileService
    from b24admin.core.profiles import Profile


class ClientFactory(Protocol):
    """Builds the REST client for ``profile`` with the secrets ``service`` holds for it."""

    def __call__(self, profile: Profile, service: ProfileService, /) -> PortalClient: ...


def open_portal_client(profile: Profile, service: ProfileService) -> PortalClient:
    """The real client (the default factory); requests and friends are imported here, in the
    worker, so they stay off the window's start-up path."""
    from b24admin.core.connection import open_client

    return open_client(profile, service)
