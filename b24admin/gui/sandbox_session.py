"""``b24admin --sandbox``: the sandbox portal in this process, connected as a session profile.

The sandbox (``b24admin.sandbox``) is a loopback Bitrix24 look-alike. A session starts it,
registers a demo local application, issues an administrator's tokens and builds a profile for
it whose secrets live in the process-wide session store and whose metadata is never written to
``profiles.json``. Everything is forgotten when the window closes. :meth:`SandboxSession.start`
does network-ish set-up and imports the sandbox, so it runs in a worker.
"""

from __future__ import annotations

import threading
from collections.abc import Collection
from typing import Any

from b24admin.core.profiles import AuthKind, Profile
from b24admin.core.secrets import SecretKind, SecretStore, session_secret_store

PROFILE_NAME = "Sandbox"


class SandboxSession:
    """One in-process sandbox portal and the session-only profile that connects to it."""

    def __init__(self) -> None:
        self.portal: Any = None  # b24admin.sandbox.SandboxPortal, imported on start
        self.profile: Profile | None = None
        self._secrets: SecretStore = session_secret_store()
        self._lock = threading.Lock()

    @property
    def profile_name(self) -> str:
        return self.profile.name if self.profile is not None else ""

    @property
    def base_url(self) -> str:
        return str(self.portal.base_url) if self.portal is not None else ""

    def start(
        self, session_secrets: SecretStore | None = None, taken_names: Collection[str] = ()
    ) -> Profile:
        """Start the portal (once), register the demo app, and return its session profile.

        The tokens go to ``session_secrets`` (the ProfileService's session store; by default
        the process-wide one). ``taken_names`` are the profile names already in use, so the
        sandbox profile never shadows a real one. Runs in a worker: it imports the sandbox
        and opens a socket.
        """
        with self._lock:
            if self.profile is not None:
                return self.profile
            from b24admin.sandbox import SandboxPortal

            portal = SandboxPortal()
            portal.start()
            try:
                app = portal.register_app()
                tokens = portal.issue_tokens(app.client_id)
                name = _free_name(PROFILE_NAME, taken_names)
                profile = Profile(
                    name=name,
                    auth=AuthKind.OAUTH,
                    portal_url=portal.base_url,
                    client_id=app.client_id,
                    oauth_server=portal.oauth_server_url,
                    session_only=True,
                )
                store = session_secrets if session_secrets is not None else session_secret_store()
                store.set(name, SecretKind.CLIENT_SECRET, app.client_secret)
                store.set(name, SecretKind.ACCESS_TOKEN, tokens.access_token)
                store.set(name, SecretKind.REFRESH_TOKEN, tokens.refresh_token)
            except BaseException:
                portal.stop()
                raise
            self.portal = portal
            self.profile = profile
            self._secrets = store
            return profile

    def stop(self) -> None:
        """Stop the portal and forget the profile's secrets; safe to call twice."""
        with self._lock:
            portal, self.portal = self.portal, None
            if self.profile is not None:
                self._secrets.delete_profile(self.profile.name)
            self.profile = None
        if portal is not None:
            portal.stop()


def _free_name(wanted: str, taken: Collection[str]) -> str:
    if wanted not in taken:
        return wanted
    number = 2
    while f"{wanted} {number}" in taken:
        number += 1
    return f"{wanted} {number}"
