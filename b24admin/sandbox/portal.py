"""The sandbox portal's state: users, local applications, tokens, webhooks and widget handlers,
and who a REST call comes from (settings/oauth/index.md,
local-integrations/local-webhooks.md)."""

from __future__ import annotations

import math
import secrets
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from b24admin.sandbox.model import AuthKind, RestError, SandboxApp, TokenPair
from b24admin.sandbox.params import php_array

AUTH_CODE_TTL = 30.0  # an authorization code lives 30 s (settings/oauth/index.md)
REFRESH_TOKEN_TTL = 180 * 86400.0  # 180 days (settings/oauth/auto-renewal.md)
LANGUAGE_FIELDS = ("TITLE", "DESCRIPTION", "GROUP_NAME")  # one PlacementLangTable row
DEFAULT_SCOPES: tuple[str, ...] = tuple(
    "placement crm im task user telephony calendar contact_center sonet_group basic".split()
)


@dataclass
class Grant:
    """What a token or an authorization code stands for."""

    client_id: str
    user_id: int
    expires_at: float


@dataclass(frozen=True)
class Caller:
    """Who makes a REST call: an app's user (OAuth), a webhook's user, or nobody."""

    auth: AuthKind
    client_id: str = ""
    user_id: int = 0
    scopes: tuple[str, ...] = ()


@dataclass
class Binding:
    """One widget handler as the portal stores it (a PlacementTable row with its languages)."""

    client_id: str
    placement: str
    handler: str
    user_id: int
    options: dict[str, Any]
    title: str = ""
    description: str = ""
    group_name: str = ""
    languages: dict[str, dict[str, str]] = field(default_factory=dict)

    def as_api(self) -> dict[str, Any]:
        """The placement.get element (placement-get.md): no id; ``[]`` for empty options/langAll as
        PHP does. A language row stored without DESCRIPTION or GROUP_NAME shows them as null."""
        lang_all = {
            lang: {name: row.get(name) for name in LANGUAGE_FIELDS}
            for lang, row in self.languages.items()
        }
        return {
            "placement": self.placement,
            "userId": self.user_id,
            "handler": self.handler,
            "options": dict(self.options) if self.options else [],
            "title": self.title,
            "description": self.description,
            "langAll": php_array(lang_all),
        }


class PortalState:
    """Everything the portal remembers. Callers hold ``lock`` around any read or change."""

    def __init__(self, clock: Callable[[], float], access_token_ttl: float) -> None:
        self.lock = threading.RLock()
        self.clock = clock
        self.access_token_ttl = access_token_ttl
        self.member_id = secrets.token_hex(16)
        self.users: dict[int, bool] = {1: True}  # user id → is administrator
        # user id → (NAME, LAST_NAME, EMAIL), what user.get and user.search answer (users.py)
        self.user_names: dict[int, tuple[str, str, str]] = {
            1: ("Sandbox", "Administrator", "admin@sandbox.invalid")
        }
        self.apps: dict[str, SandboxApp] = {}
        self.access_tokens: dict[str, Grant] = {}
        self.refresh_tokens: dict[str, Grant] = {}
        self.auth_codes: dict[str, Grant] = {}
        self.webhooks: dict[str, int] = {}  # secret → user id
        self.bindings: list[Binding] = []
        # Every answer of /oauth/token/: (grant_type, "ok" or the OAuth error code).
        self.token_answers: list[tuple[str, str]] = []

    # --- set-up -----------------------------------------------------------------------------

    def register_app(
        self,
        client_id: str,
        client_secret: str | None,
        installed: bool,
        scopes: Sequence[str],
        redirect_uri: str,
    ) -> SandboxApp:
        with self.lock:
            if client_id in self.apps:
                raise ValueError(f"an application with client_id {client_id!r} already exists")
            app = SandboxApp(
                client_id=client_id,
                client_secret=client_secret or secrets.token_hex(24),
                installed=installed,
                scopes=tuple(scopes),
                redirect_uri=redirect_uri,
                app_id=len(self.apps) + 1,
            )
            self.apps[client_id] = app
            return app

    def app(self, client_id: str) -> SandboxApp:
        with self.lock:
            try:
                return self.apps[client_id]
            except KeyError:
                raise ValueError(f"no application with client_id {client_id!r}") from None

    def require_user(self, user_id: int) -> None:
        with self.lock:
            if user_id not in self.users:
                raise ValueError(f"no user {user_id}; add it with add_user()")

    def issue_tokens(self, client_id: str, user_id: int) -> TokenPair:
        """A fresh access token (lives ``access_token_ttl`` on the clock) and refresh token."""
        with self.lock:
            self.app(client_id)
            self.require_user(user_id)
            now = self.clock()
            pair = TokenPair(secrets.token_hex(32), secrets.token_hex(32))
            self.access_tokens[pair.access_token] = Grant(
                client_id, user_id, now + self.access_token_ttl
            )
            self.refresh_tokens[pair.refresh_token] = Grant(
                client_id, user_id, now + REFRESH_TOKEN_TTL
            )
            return pair

    def create_authorization_code(self, client_id: str, user_id: int) -> str:
        with self.lock:
            self.app(client_id)
            self.require_user(user_id)
            code = secrets.token_hex(16)
            self.auth_codes[code] = Grant(client_id, user_id, self.clock() + AUTH_CODE_TTL)
            return code

    def add_webhook(self, user_id: int) -> str:
        """A new incoming-webhook secret for ``user_id``."""
        with self.lock:
            self.require_user(user_id)
            secret = secrets.token_hex(8)
            self.webhooks[secret] = user_id
            return secret

    def expire_access_tokens(self) -> None:
        with self.lock:
            for grant in self.access_tokens.values():
                grant.expires_at = -math.inf

    # --- who is calling ------------------------------------------------------------------------

    def authenticate(self, webhook_user: int | None, webhook_secret: str, token: Any) -> Caller:
        """The caller of a REST call, or RestError NO_AUTH_FOUND / expired_token."""
        caller, expires_at = self._lookup(webhook_user, webhook_secret, token)
        if caller.auth == "none":
            raise RestError("NO_AUTH_FOUND")
        if self.clock() >= expires_at:
            raise RestError("expired_token")
        return caller

    def identify(self, webhook_user: int | None, webhook_secret: str, token: Any) -> Caller:
        """Who a call claims to be, even with an expired token (for the record of calls)."""
        return self._lookup(webhook_user, webhook_secret, token)[0]

    def _lookup(
        self, webhook_user: int | None, webhook_secret: str, token: Any
    ) -> tuple[Caller, float]:
        """The caller behind ``/rest/<user>/<secret>/`` or an ``auth`` access token, and
        when that authorization expires; ``Caller("none")`` when nothing matches."""
        with self.lock:
            if webhook_user is not None:
                if self.webhooks.get(webhook_secret) == webhook_user:
                    return Caller("webhook", "", webhook_user, ()), math.inf
                return Caller("none"), math.inf
            grant = self.access_tokens.get(token) if isinstance(token, str) else None
            if grant is None:
                return Caller("none"), math.inf
            scopes = self.apps[grant.client_id].scopes
            return Caller("oauth", grant.client_id, grant.user_id, scopes), grant.expires_at

    def is_admin(self, user_id: int) -> bool:
        with self.lock:
            return self.users.get(user_id, False)

    def bindings_of(self, client_id: str) -> list[Binding]:
        """The app's handlers in insertion (ID ascending) order, as the server sorts."""
        with self.lock:
            return [b for b in self.bindings if b.client_id == client_id]
