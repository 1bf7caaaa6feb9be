"""What a REST client needs to authenticate: an installed local application's OAuth tokens, or an
incoming webhook URL. Values here are secrets; they come from the SecretStore and are never
written to disk, logged or shown (see ``core/redact.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_OAUTH_SERVER = "https://oauth.bitrix.info"


@dataclass(frozen=True)
class OAuthCredentials:
    """A local application's keys and an administrator's tokens for one portal."""

    portal_url: str  # https://example.bitrix24.com (no /rest suffix)
    client_id: str  # local.XXXX.XXXX
    client_secret: str
    access_token: str
    refresh_token: str
    oauth_server: str = DEFAULT_OAUTH_SERVER

    def __repr__(self) -> str:  # keep secrets out of tracebacks and logs
        return f"OAuthCredentials(portal_url={self.portal_url!r}, client_id={self.client_id!r})"


@dataclass(frozen=True)
class WebhookCredentials:
    """An incoming webhook: https://<portal>/rest/<user_id>/<secret>/."""

    webhook_url: str

    def __repr__(self) -> str:
        return "WebhookCredentials(webhook_url='<redacted>')"


Credentials = OAuthCredentials | WebhookCredentials
