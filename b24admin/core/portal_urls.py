"""Portal, OAuth server and incoming-webhook addresses: checked and written one way.

A portal address is ``https://<host>[:port]`` with no trailing slash and no ``/rest`` suffix
(settings/how-to-call-rest-api/general-principles.md: REST lives under ``<portal>/rest/``). Plain
http is accepted only for loopback hosts (the sandbox). An incoming webhook is
``https://<portal>/rest/<user_id>/<secret>/``. Error messages never repeat a webhook URL: its path
holds the secret.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import SplitResult, urlsplit

from b24admin.core.errors import B24Error, ErrorKind
from b24admin.core.i18n import _
from b24admin.core.url_checks import bad_host_character, bad_port

_WEBHOOK_SECRET = re.compile(r"[A-Za-z0-9_-]+")
_WEBHOOK_EXAMPLE = "https://example.bitrix24.com/rest/1/abcd1234efgh5678/"


def is_loopback_host(host: str) -> bool:
    """True for localhost, 127.0.0.0/8 and ::1: the only hosts allowed over plain http."""
    host = host.strip("[]").lower()
    if host in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _invalid(
    code: str, situation: str, what: str, example: str, argument: str, **more: str
) -> B24Error:
    """An INPUT error whose words come from the error catalogue's ``INVALID_URL/<situation>``."""
    return B24Error.explained(
        code,
        kind=ErrorKind.INPUT,
        argument=argument,
        variant=f"INVALID_URL/{situation}",
        values={"what": what, "example": example, **more},
    )


def _split(url: str, what: str, example: str, code: str, argument: str) -> SplitResult:
    """Parse an http(s) URL with a host, adding ``https://`` when the scheme was left out.

    ``what`` is the (translated) name of the address in the messages: "portal address"."""
    text = url.strip()
    if not text:
        raise _invalid(code, "empty", what, example, argument)
    if "://" not in text:
        text = "https://" + text
    # Looked for in the text as written: the parser drops tabs and line breaks without a word.
    character = bad_host_character(text)
    if character:
        raise _invalid(code, "invisible", what, example, argument, character=character)
    port = bad_port(text)
    if port is not None:
        raise _invalid(code, "port", what, example, argument, port=port)
    invalid = _invalid(code, "malformed", what, example, argument)
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018  (raises ValueError for a port that is not a number)
    except ValueError:
        raise invalid from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise invalid
    if parts.username is not None or parts.password is not None:
        # user:password@host would put a credential into the (non-secret) profile file.
        raise _invalid(code, "credentials", what, example, argument)
    if parts.scheme.lower() == "http" and not is_loopback_host(parts.hostname):
        raise B24Error.explained(
            "HTTPS_REQUIRED",
            kind=ErrorKind.INPUT,
            argument=argument,
            variant="HTTPS_REQUIRED/address",
            values={"what": what},
        )
    return parts


def _origin(parts: SplitResult) -> str:
    scheme = parts.scheme.lower()
    host = parts.hostname or ""
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    port = parts.port
    default = 443 if scheme == "https" else 80
    return f"{scheme}://{host}" + (f":{port}" if port is not None and port != default else "")


def _path_before(path: str, segment: str) -> str:
    """The path up to (not including) ``/<segment>``; without trailing slashes."""
    parts = [p for p in path.split("/") if p]
    if segment in parts:
        parts = parts[: parts.index(segment)]
    return "".join("/" + p for p in parts)


def normalise_portal_url(url: str) -> str:
    """``https://Example.bitrix24.com/rest/`` → ``https://example.bitrix24.com``; or B24Error.

    Cloud portals (``*.bitrix24.*``) always live at the root, so any pasted page path is
    dropped; an on-premise portal keeps its path up to ``/rest``.
    """
    parts = _split(
        url, _("portal address"), "https://example.bitrix24.com", "INVALID_PORTAL_URL", "portal_url"
    )
    host = parts.hostname or ""
    path = "" if ".bitrix24." in f"{host}." else _path_before(parts.path, "rest")
    return _origin(parts) + path


def normalise_oauth_server(url: str) -> str:
    """``https://oauth.bitrix.info/oauth/token/`` → ``https://oauth.bitrix.info``; or B24Error."""
    parts = _split(
        url,
        _("OAuth server address"),
        "https://oauth.bitrix.info",
        "INVALID_OAUTH_SERVER",
        "oauth_server",
    )
    return _origin(parts) + _path_before(parts.path, "oauth")


def _webhook_parts(url: str) -> tuple[str, int, str]:
    """(portal_url, user_id, secret) of an incoming webhook URL, or B24Error."""
    argument = "webhook_url"
    parts = _split(url, _("webhook URL"), _WEBHOOK_EXAMPLE, "INVALID_WEBHOOK_URL", argument)
    segments = [p for p in parts.path.split("/") if p]
    malformed = _invalid(
        "INVALID_WEBHOOK_URL", "not_webhook", _("webhook URL"), _WEBHOOK_EXAMPLE, argument
    )
    if "rest" not in segments:
        raise malformed
    at = segments.index("rest")
    # rest/<user_id>/<secret>/ and, when pasted from an example call, one method segment after it.
    tail = segments[at + 1 :]
    if len(tail) not in (2, 3) or not tail[0].isdigit() or not _WEBHOOK_SECRET.fullmatch(tail[1]):
        raise malformed
    user_id = int(tail[0])
    if user_id <= 0:
        raise malformed
    prefix = "".join("/" + p for p in segments[:at])
    portal = normalise_portal_url(_origin(parts) + prefix)
    return portal, user_id, tail[1]


def parse_webhook_url(url: str) -> tuple[str, int]:
    """The portal address and user id of an incoming webhook URL; B24Error (INPUT) if malformed.

    ``https://example.bitrix24.com/rest/1/abc123/`` → ``("https://example.bitrix24.com", 1)``.
    """
    portal, user_id, _secret = _webhook_parts(url)
    return portal, user_id


def normalise_webhook_url(url: str) -> str:
    """The webhook URL in one form, ``<portal>/rest/<user_id>/<secret>/`` (a method is dropped)."""
    portal, user_id, secret = _webhook_parts(url)
    return f"{portal}/rest/{user_id}/{secret}/"
