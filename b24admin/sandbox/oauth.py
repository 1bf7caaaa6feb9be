"""The OAuth server of the sandbox (settings/oauth/index.md): ``/oauth/token/`` and
``/oauth/authorize/``.

In real life these are two hosts (oauth.bitrix.info and the portal); the sandbox serves both, so
``domain``/``server_domain`` name the sandbox itself. Errors are HTTP 400 with
``{"error", "error_description"}`` (the docs do not give the status).
"""

from __future__ import annotations

import html
import secrets
import time
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

from b24admin.sandbox.model import SandboxApp
from b24admin.sandbox.portal import Grant, PortalState

OAUTH_ERROR_STATUS = 400


class OAuthError(Exception):
    """An OAuth-server error answer (settings/oauth/error-codes.md)."""

    def __init__(self, code: str, description: str) -> None:
        super().__init__(f"{code}: {description}")
        self.code = code
        self.description = description

    def body(self) -> dict[str, str]:
        return {"error": self.code, "error_description": self.description}


def token_endpoint(state: PortalState, params: dict[str, Any], base_url: str) -> dict[str, Any]:
    """Exchange a code, or rotate a refresh token; raises OAuthError."""
    grant_type = str(params.get("grant_type") or "")
    if grant_type not in ("authorization_code", "refresh_token"):
        raise OAuthError("invalid_request", "Unsupported or missing grant_type")
    with state.lock:
        try:
            app = _authenticate_client(state, params)
            if grant_type == "authorization_code":
                grant = _use(state.auth_codes, params.get("code"), app, state.clock())
            else:
                # Rotation as Bitrix24 does it: the refresh token works once; a second use
                # (another client holding the same old pair) answers invalid_grant.
                grant = _use(state.refresh_tokens, params.get("refresh_token"), app, state.clock())
        except OAuthError as error:
            state.token_answers.append((grant_type, error.code))
            raise
        pair = state.issue_tokens(app.client_id, grant.user_id)
        state.token_answers.append((grant_type, "ok"))
    host = urlsplit(base_url).netloc
    return {
        "access_token": pair.access_token,
        "expires": int(time.time() + state.access_token_ttl),
        "expires_in": int(state.access_token_ttl),
        "scope": ",".join(app.scopes),
        "domain": host,
        "server_endpoint": f"{base_url}/rest/",
        "status": "L",
        "client_endpoint": f"{base_url}/rest/",
        "member_id": state.member_id,
        "user_id": grant.user_id,
        "refresh_token": pair.refresh_token,
    }


def _authenticate_client(state: PortalState, params: dict[str, Any]) -> SandboxApp:
    app = state.apps.get(str(params.get("client_id") or ""))
    secret = str(params.get("client_secret") or "")
    if app is None or not secrets.compare_digest(app.client_secret, secret):
        raise OAuthError("invalid_client", "Invalid client credentials")
    if not app.installed:  # "invalid_client (also when the app is not installed)" (error-codes.md)
        raise OAuthError("invalid_client", "Application is not installed")
    return app


def _use(store: dict[str, Grant], value: Any, app: SandboxApp, now: float) -> Grant:
    """Take a single-use code or refresh token: it stops working whatever the outcome."""
    grant = store.pop(value, None) if isinstance(value, str) and value else None
    if grant is None or grant.client_id != app.client_id or now >= grant.expires_at:
        raise OAuthError("invalid_grant", "Invalid grant")
    return grant


def authorize_redirect(
    state: PortalState, params: dict[str, Any], base_url: str, user_id: int = 1
) -> str:
    """The redirect of ``/oauth/authorize/`` for the signed-in ``user_id``: the app's own
    redirect_uri (from its settings, never from the request) with code, state, domain,
    member_id, scope and server_domain. Raises OAuthError when there is nowhere to go."""
    with state.lock:
        app = state.apps.get(str(params.get("client_id") or ""))
        if app is None:
            raise OAuthError("invalid_client", "Unknown client_id")
        if not app.redirect_uri:
            raise OAuthError("invalid_request", "The application has no redirect URI")
        code = state.create_authorization_code(app.client_id, user_id)
    host = urlsplit(base_url).netloc
    query = urlencode(
        {
            "code": code,
            "state": str(params.get("state") or ""),
            "domain": host,
            "member_id": state.member_id,
            "scope": ",".join(app.scopes),
            "server_domain": host,
        }
    )
    parts = urlsplit(app.redirect_uri)
    joined = f"{parts.query}&{query}" if parts.query else query
    return urlunsplit((parts.scheme, parts.netloc, parts.path, joined, parts.fragment))


def error_page(error: OAuthError) -> bytes:
    """The HTML page shown in the browser when authorization cannot redirect."""
    text = html.escape(error.description)
    return (
        "<!DOCTYPE html><html><head><title>Authorization error</title></head>"
        f"<body><h1>Authorization error</h1><p>{text}</p></body></html>"
    ).encode()
