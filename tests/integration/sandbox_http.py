"""Plain-``requests`` helpers for the sandbox tests (no b24admin client code involved)."""

from __future__ import annotations

from typing import Any

import requests

from b24admin.sandbox import SandboxPortal, TokenPair

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
