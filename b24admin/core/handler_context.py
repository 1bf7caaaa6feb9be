"""What Bitrix24 sends a widget's handler when a user opens the widget, built for a try.

The portal opens a handler with a POST: DOMAIN, PROTOCOL, LANG and APP_SID in the handler URL's
query string, the rest (tokens, member_id, status, PLACEMENT and PLACEMENT_OPTIONS, a JSON
string with the placement's context) in an ``application/x-www-form-urlencoded`` body
(api-reference/widgets/_includes/widget_data.md). BI_ANALYTICS_MENU is opened with a plain GET
and receives nothing (api-reference/widgets/crm/bi-analytics-menu.md). The per-placement keys
and example values are data: resources/handler_context.json, each entry with its docs page.

No token of any profile is ever put into a request built here: AUTH_ID, REFRESH_ID and
APPLICATION_TOKEN are placeholders that are visibly not tokens.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

from b24admin.core.catalogue import Catalogue, PlacementSpec
from b24admin.core.errors import B24Error
from b24admin.core.i18n import _
from b24admin.core.resources import read_json

AUTH_ID_PLACEHOLDER = "b24admin-try-not-an-access-token"
REFRESH_ID_PLACEHOLDER = "b24admin-try-not-a-refresh-token"
APPLICATION_TOKEN_PLACEHOLDER = "b24admin-try-not-an-application-token"
MEMBER_ID_PLACEHOLDER = "b24admin-try-member-id-unknown"
EXAMPLE_DOMAIN = "your-portal.bitrix24.com"
DEFAULT_OAUTH_SERVER = "https://oauth.bitrix.info"
STANDARD_DOC_PAGE = "api-reference/widgets/_includes/widget_data.md"


@dataclass(frozen=True)
class PortalIdentity:
    """The portal a try pretends to be: only what a handler may learn about it, no secret."""

    domain: str = EXAMPLE_DOMAIN  # host[:port], as DOMAIN carries it
    https: bool = True
    member_id: str = ""
    status: str = "L"  # the application's kind: L for a local application
    oauth_server: str = DEFAULT_OAUTH_SERVER
    known: bool = False  # False: an example portal (no --profile), the framing check says so

    @property
    def origin(self) -> str:
        """``https://portal.example`` : what a frame-ancestors source list must admit."""
        return f"{'https' if self.https else 'http'}://{self.domain}"

    @classmethod
    def from_portal_url(
        cls, portal_url: str, *, member_id: str = "", oauth_server: str = ""
    ) -> PortalIdentity:
        """The identity of the portal at ``portal_url`` (a profile's address)."""
        parts = urlsplit(portal_url.strip())
        return cls(
            domain=parts.netloc or parts.path.strip("/"),
            https=parts.scheme.lower() != "http",
            member_id=member_id,
            oauth_server=oauth_server or DEFAULT_OAUTH_SERVER,
            known=True,
        )

    @classmethod
    def from_profile(cls, profile: Any) -> PortalIdentity:
        """From a profile: its portal's host and kind, never its secrets."""
        return cls.from_portal_url(
            profile.portal_url,
            member_id=str(getattr(profile, "member_id", "") or ""),
            oauth_server=str(getattr(profile, "oauth_server", "") or ""),
        )


@dataclass(frozen=True)
class PlacementContext:
    """The documented context of one placement code."""

    code: str
    method: str  # "POST", or "GET" where the portal sends nothing
    options: Mapping[str, Any]  # the example PLACEMENT_OPTIONS
    keys: tuple[str, ...]  # every documented own key
    doc_page: str
    note: str = ""
    scope: str = "placement"  # APPLICATION_SCOPE as the docs page's example shows it


@dataclass(frozen=True)
class HandlerRequest:
    """One request as the portal would send it. Nothing here is secret."""

    placement: str
    method: str
    url: str  # the handler URL with the query fields added
    query: dict[str, str] = field(default_factory=dict)
    form: dict[str, str] = field(default_factory=dict)
    context: PlacementContext | None = None

    @property
    def options(self) -> dict[str, Any]:
        """PLACEMENT_OPTIONS decoded (empty for a GET)."""
        raw = self.form.get("PLACEMENT_OPTIONS", "")
        return dict(json.loads(raw)) if raw else {}


@cache
def _data() -> dict[str, Any]:
    return dict(read_json("handler_context.json"))


def context_for(code: str, catalogue: Catalogue) -> PlacementContext:
    """The documented context for ``code`` (any catalogue code, smart processes included).

    An unknown code gets only the universal URI key: its page is unknown, the try still runs.
    """
    spec = catalogue.get(code)
    wanted = code.strip().upper()
    data = _data()
    for entry in data["contexts"]:
        if not _matches(entry["match"], wanted, spec):
            continue
        options = _options_for(entry, spec, data["crm_entity_paths"])
        pages = entry.get("doc_pages", {})
        return PlacementContext(
            code=wanted,
            method=str(entry.get("method", "POST")),
            options=options,
            keys=tuple(entry["keys"]),
            doc_page=str(pages.get(wanted) or entry.get("doc_page") or ""),
            note=str(entry.get("note", "")),
            scope=str(entry.get("scope", "placement")),
        )
    return PlacementContext(wanted, "POST", {"URI": "/"}, ("URI",), STANDARD_DOC_PAGE)


def _matches(patterns: list[str], code: str, spec: PlacementSpec | None) -> bool:
    names = {code}
    if spec is not None:
        names |= {spec.code, spec.template}
    return any(pattern in names for pattern in patterns)


def _options_for(
    entry: Mapping[str, Any], spec: PlacementSpec | None, paths: Mapping[str, str]
) -> dict[str, Any]:
    entity = spec.entity_type if spec is not None else ""
    base, _sep, type_id = (
        entity.partition("_") if entity.startswith("DYNAMIC_") else (entity, "", "")
    )
    by_entity = entry.get("options_by_entity", {})
    options = dict(by_entity.get(base) or entry["options"])
    path = paths.get(base, base.lower()).replace("{type_id}", type_id)
    return {
        key: value.replace("{entity_path}", path) if isinstance(value, str) else value
        for key, value in options.items()
    }


def parse_context_overrides(specs: list[str]) -> dict[str, str]:
    """``KEY=VALUE`` strings (``--context``) as a dict; raise INPUT for a malformed one."""
    overrides: dict[str, str] = {}
    for spec in specs:
        key, sep, value = spec.partition("=")
        if not sep or not key.strip():
            raise B24Error.invalid_input(
                "BAD_CONTEXT",
                _("--context {spec} is not KEY=VALUE.").format(spec=repr(spec)),
                _("Example: --context dialogId=chat42"),
                "context",
            )
        overrides[key.strip()] = value
    return overrides


def build_request(
    placement: str,
    handler: str,
    catalogue: Catalogue,
    *,
    portal: PortalIdentity,
    lang: str = "en",
    overrides: Mapping[str, str] | None = None,
) -> HandlerRequest:
    """The request the portal sends ``handler`` when a user opens a ``placement`` widget.

    ``overrides`` set or replace PLACEMENT_OPTIONS keys. The handler URL keeps its own query;
    the portal's query fields are added after it.
    """
    context = context_for(placement, catalogue)
    if context.method == "GET":  # the portal opens the address as it is and sends nothing
        return HandlerRequest(context.code, "GET", handler.strip(), context=context)
    standard = _data()["standard"]
    options = {**context.options, **dict(overrides or {})}
    query = {
        "DOMAIN": portal.domain,
        "PROTOCOL": "1" if portal.https else "0",
        "LANG": lang,
        "APP_SID": secrets.token_hex(16),  # a new one per opening; not a secret
    }
    form = {
        "AUTH_ID": AUTH_ID_PLACEHOLDER,
        "AUTH_EXPIRES": str(standard["auth_expires"]),
        "REFRESH_ID": REFRESH_ID_PLACEHOLDER,
        "SERVER_ENDPOINT": portal.oauth_server.rstrip("/") + "/rest/",
        "APPLICATION_TOKEN": APPLICATION_TOKEN_PLACEHOLDER,
        "APPLICATION_SCOPE": context.scope,
        "member_id": portal.member_id or MEMBER_ID_PLACEHOLDER,
        "status": portal.status,
        "PLACEMENT": context.code,
        "PLACEMENT_OPTIONS": json.dumps(options, ensure_ascii=False, separators=(",", ":")),
    }
    return HandlerRequest(
        context.code, "POST", _with_query(handler.strip(), query), query, form, context
    )


def _with_query(url: str, query: Mapping[str, str]) -> str:
    parts = urlsplit(url)
    extra = urlencode(query)
    joined = f"{parts.query}&{extra}" if parts.query else extra
    return urlunsplit((parts.scheme, parts.netloc, parts.path, joined, parts.fragment))


# Locale language -> Bitrix24 interface language code, where the two differ.
_LOCALE_TO_PORTAL = {
    "es": "la",
    "pt": "br",
    "uk": "ua",
    "kk": "kz",
    "vi": "vn",
    "zh_tw": "tc",
    "zh_hk": "tc",
    "zh": "sc",
}


def portal_language(locale_name: str, known: tuple[str, ...]) -> str:
    """The portal language code (LANG) for a locale such as ``de_DE.UTF-8``; ``en`` when the
    portal has no such language. ``known`` are the catalogue's language codes."""
    name = locale_name.split(".")[0].split("@")[0].lower().replace("-", "_")
    for candidate in (name, name[:5], name[:2]):
        code = _LOCALE_TO_PORTAL.get(candidate, candidate)
        if code in known:
            return code
    return "en"


def user_language(known: tuple[str, ...]) -> str:
    """The user's language as a portal language code: the one b24admin speaks (chosen with
    B24ADMIN_LANGUAGE, View → Language or the system), else LANGUAGE, LC_ALL, LC_MESSAGES or
    LANG, which may name a language the portal has and b24admin does not (fr, it, ja)."""
    import os

    from b24admin.core.i18n import SOURCE_LANGUAGE, current_language

    speaking = current_language()
    if speaking not in (SOURCE_LANGUAGE, "pseudo"):
        return portal_language(speaking, known)
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "").split(":")[0]
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            return portal_language(value, known)
    return "en"
