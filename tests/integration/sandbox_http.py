"""Plain-``requests`` helpers for the sandbox tests (no b24admin client code involved)."""

from __future__ import annotations

from typing import Any

import requests

from b24admin.sandbox import SandboxApp, SandboxPortal, TokenPair

HANDLER = "https://widgets.example.com/h"
TIMEOUT = 5.0


def call(portal: SandboxPortal, token: str | None, method: str, **params: Any) -> requests.Response:
    """POST a JSON body to /rest/<method>.json with ``auth`` (when a token is given)."""
    body = dict(params)
    if token is not None:
        body["auth"] = token
    return requests.post(f"{portal.base_url}/rest/{method}.json", json=body, timeout=TIMEOUT)


def bind(portal: SandboxPortal, tokens: TokenPair, **params: Any) -> requests.Response:
    """placement.bind with HANDLER defaulting to a valid URL."""
    params.setdefault("HANDLER", HANDLER)
    return call(portal, tokens.access_token, "placement.bind", **params)


def error_of(response: requests.Response) -> tuple[int, str]:
    return response.status_code, response.json()["error"]


def token_request(portal: SandboxPortal, **params: str) -> requests.Response:
    return requests.get(f"{portal.oauth_server_url}/oauth/token/", params=params, timeout=TIMEOUT)


def exchange(portal: SandboxPortal, app: SandboxApp, code: str) -> requests.Response:
    return token_request(
        portal,
        grant_type="authorization_code",
        client_id=app.client_id,
        client_secret=app.client_secret,
        code=code,
    )


def refresh(portal: SandboxPortal, app: SandboxApp, refresh_token: str) -> requests.Response:
    return token_request(
        portal,
        grant_type="refresh_token",
        client_id=app.client_id,
        client_secret=app.client_secret,
        refresh_token=refresh_token,
    )
