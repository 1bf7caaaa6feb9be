"""Keep secrets out of everything a person or a file may see.

Request previews, logs, error details and generated curl commands all pass through here. Three
kinds of secret exist in b24admin's traffic: parameter values (``auth``, tokens, the client
secret, an authorization ``code``), the secret path segment of an incoming webhook URL
(``/rest/<user_id>/<secret>/``), and secret query parameters inside URLs (the token endpoint takes
``client_secret`` and ``refresh_token`` in its query string). When the actual secret values are
known (the client holds them), :func:`redact_text` replaces them wherever they appear.

No ``requests`` import here: the GUI and the CLI use this module on their start-up path.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import quote, quote_plus

REDACTED = "<redacted>"

# Compared case-insensitively. ``code`` is the OAuth authorization code (30 s, but enough to
# obtain tokens); AUTH_ID/REFRESH_ID/APPLICATION_TOKEN are what Bitrix24 posts to app frames.
SECRET_KEYS: frozenset[str] = frozenset(
    {
        "auth",
        "access_token",
        "refresh_token",
        "client_secret",
        "code",
        "auth_id",
        "refresh_id",
        "application_token",
        "password",
        "secret",
        "webhook_url",
        "token",
    }
)

# /rest/<user id>/<secret>/: the secret is everything up to the next slash, quote or space.
_WEBHOOK_SECRET = re.compile(r"(/rest/\d+/)([^/\s?#\"'<>]+)")
_KEYS = "|".join(sorted(SECRET_KEYS))
# ?auth=...&client_secret=... inside URLs or query strings (also inside JSON or log text), and
# a bare query string or log text that starts with one (``access_token=...&expires=...``).
_SECRET_QUERY = re.compile(r"(?i)((?:^|[?&;\s])(?:" + _KEYS + r")=)([^&#\s\"'<>]*)")
# "access_token": "..." in text that is JSON-like but does not parse (a cut-off token answer,
# an error page quoting one, a Python repr): the value up to its closing quote, or to the end
# of a cut-off text. Quotes may be escaped (JSON inside a JSON string). Not ``code``: JSON
# answers use it for error codes, and the authorization code travels in URLs only.
_JSON_KEYS = "|".join(sorted(SECRET_KEYS - {"code"}))
_SECRET_JSON_VALUE = re.compile(
    r"""(?i)(\\?["'](?:""" + _JSON_KEYS + r""")\\?["']\s*:\s*\\?["'])([^"'\\]*)"""
)
# https://user:password@host
_URL_PASSWORD = re.compile(r"(?i)(\b[a-z][a-z0-9+.-]*://[^/\s:@]+:)([^/\s@]+)(@)")
# A redacted replacement must not itself look like something to redact again.
_QUERY_REDACTED = quote(REDACTED, safe="")

# Secrets shorter than this are not searched for in free text: replacing "1" everywhere would
# mangle the text without protecting anything real (tokens and secrets are long).
_MIN_SECRET_LENGTH = 4


def is_secret_key(key: object) -> bool:
    """True when a parameter of this name carries a secret value."""
    return isinstance(key, str) and key.lower() in SECRET_KEYS


def redact_url(url: str) -> str:
    """Hide the webhook secret segment, secret query parameters and URL passwords in ``url``.

    Works on any text that contains URLs, so it is also safe on log lines and messages.
    """
    text = _WEBHOOK_SECRET.sub(lambda m: m.group(1) + REDACTED, url)
    text = _SECRET_QUERY.sub(lambda m: m.group(1) + _QUERY_REDACTED, text)
    text = _SECRET_JSON_VALUE.sub(lambda m: m.group(1) + REDACTED, text)
    return _URL_PASSWORD.sub(lambda m: m.group(1) + REDACTED + m.group(3), text)


def webhook_secret(url: str) -> str | None:
    """The secret path segment of an incoming webhook URL (``/rest/<user_id>/<secret>/``)."""
    match = _WEBHOOK_SECRET.search(url)
    return match.group(2) if match else None


def redact_params(params: Mapping[str, Any]) -> dict[str, Any]:
    """Return a copy of ``params`` with every secret value replaced, recursively.

    Values under secret keys become ``<redacted>``; strings elsewhere keep their text but lose
    webhook secrets and secret query parameters (a handler URL may carry ``?auth=...``).
    """
    return _redact_mapping(params, 0)


# Deeper than any real request or answer; below Python's recursion limit with room to spare.
_MAX_DEPTH = 100


def _redact_mapping(params: Mapping[str, Any], depth: int) -> dict[str, Any]:
    return {str(key): _redact_value(key, value, depth + 1) for key, value in params.items()}


def _redact_value(key: object, value: Any, depth: int) -> Any:
    if is_secret_key(key) and value not in (None, ""):
        return REDACTED
    if depth > _MAX_DEPTH and isinstance(value, Mapping | list | tuple):
        return REDACTED  # nothing this deep is shown, and nothing is left to leak
    if isinstance(value, Mapping):
        return _redact_mapping(value, depth)
    if isinstance(value, list | tuple):
        return [_redact_value(None, item, depth + 1) for item in value]
    if isinstance(value, str):
        return redact_url(value)
    return value


def redact_text(text: str, secrets: Iterable[str | None] = ()) -> str:
    """Replace every known secret value in ``text``, then apply :func:`redact_url`.

    The URL-encoded spellings of each secret are replaced too, since secrets travel in query
    strings (``client_secret=...``) and exception messages quote those URLs.
    """
    variants: set[str] = set()
    for secret in secrets:
        if not secret or len(secret) < _MIN_SECRET_LENGTH:
            continue
        variants.update({secret, quote(secret, safe=""), quote_plus(secret, safe="")})
    # Longest first, so a secret that contains another is replaced whole.
    for variant in sorted(variants, key=len, reverse=True):
        text = text.replace(variant, REDACTED)
    return redact_url(text)
