"""Would the portal show a handler's page, and could it reach it at all?

Bitrix24 shows a widget's handler page in a frame of the portal's page; when the handler's
server sends ``X-Frame-Options`` or a ``Content-Security-Policy`` ``frame-ancestors`` that
forbids framing, the widget stays blank (api-reference/widgets/_includes/widget_data.md,
local-integrations/site-does-not-allow-connection.md). The handler address must be reachable
from the internet: localhost and local names are not (api-reference/widgets/placement-bind.md).

The rules are the browsers' (the HTML standard's X-Frame-Options processing, CSP Level 3 source
matching): an enforced ``frame-ancestors`` makes browsers ignore ``X-Frame-Options``; a
``Content-Security-Policy-Report-Only`` header enforces nothing; ``ALLOW-FROM`` is obsolete and
ignored.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from urllib.parse import urlsplit

from b24admin.core.handler_context import PortalIdentity
from b24admin.core.i18n import _
from b24admin.core.portal_urls import is_loopback_host

_LOCAL_SUFFIXES = (".local", ".localhost", ".internal", ".lan", ".home.arpa")
_DEFAULT_PORTS = {"http": 80, "https": 443}


@dataclass(frozen=True)
class Verdict:
    """One yes/no answer in words: what was found and what to change."""

    ok: bool
    code: str  # stable, for --json and tests: "frame_ok", "xfo_deny", "csp_excludes", ...
    summary: str
    advice: str = ""

    def to_json(self) -> dict[str, object]:
        return asdict(self)


def header_values(headers: Iterable[tuple[str, str]], name: str) -> list[str]:
    """Every value of header ``name`` (case-insensitive), in order."""
    return [value for key, value in headers if key.lower() == name.lower()]


def framing_verdict(
    headers: Sequence[tuple[str, str]], handler_url: str, portal: PortalIdentity
) -> Verdict:
    """Whether a browser would show the page (answered from ``handler_url``) in the portal."""
    origin = portal.origin
    handler = urlsplit(handler_url)
    # Browsers block a plain-http frame in an https page, except for loopback addresses,
    # which they count as potentially trustworthy (the Mixed Content standard).
    loopback = is_loopback_host(handler.hostname or "")
    if portal.https and handler.scheme.lower() == "http" and not loopback:
        return Verdict(
            False,
            "mixed_content",
            _("The portal is https but the handler page is plain http: browsers block it."),
            _("Serve the handler over https:// (bind the https address)."),
        )
    policies = _frame_ancestors_policies(header_values(headers, "Content-Security-Policy"))
    if policies:
        for sources in policies:
            if not _admits(sources, origin, handler_url):
                listed = " ".join(sources) or "'none'"
                return Verdict(
                    False,
                    "csp_excludes",
                    _(
                        "Content-Security-Policy frame-ancestors {sources} does not admit "
                        "the portal {origin}: the widget stays blank."
                    ).format(sources=listed, origin=origin),
                    _(
                        "Add the portal to the directive: Content-Security-Policy: "
                        "frame-ancestors 'self' {origin}"
                    ).format(origin=origin),
                )
        return Verdict(
            True,
            "csp_admits",
            _("Content-Security-Policy frame-ancestors admits the portal {origin}.").format(
                origin=origin
            ),
        )
    xfo = _x_frame_options(header_values(headers, "X-Frame-Options"))
    if xfo in ("deny", "sameorigin"):
        header = "X-Frame-Options: " + xfo.upper()
        same = xfo == "sameorigin" and _same_origin(origin, handler_url)
        if not same:
            return Verdict(
                False,
                "xfo_" + xfo,
                _("The handler sends {header}: browsers refuse to show it in the portal.").format(
                    header=header
                ),
                _(
                    "Stop sending X-Frame-Options for the handler pages and send "
                    "Content-Security-Policy: frame-ancestors 'self' {origin} instead."
                ).format(origin=origin),
            )
    return Verdict(True, "frame_ok", _("No header forbids showing the page in the portal's frame."))


def _frame_ancestors_policies(values: Sequence[str]) -> list[list[str]]:
    """The source list of each enforced policy that has frame-ancestors (first one wins)."""
    found: list[list[str]] = []
    for value in values:
        for policy in value.split(","):
            for directive in policy.split(";"):
                tokens = directive.split()
                if tokens and tokens[0].lower() == "frame-ancestors":
                    found.append(tokens[1:])
                    break
    return found


def _admits(sources: Sequence[str], origin: str, handler_url: str) -> bool:
    """CSP source-list matching of the portal's origin (paths do not count for origins)."""
    real = [s for s in sources if s.lower() != "'none'"]
    return any(_source_matches(source, origin, handler_url) for source in real)


def _source_matches(source: str, origin: str, handler_url: str) -> bool:
    portal = urlsplit(origin)
    scheme, host = portal.scheme, (portal.hostname or "").lower()
    port = portal.port or _DEFAULT_PORTS.get(scheme)
    lowered = source.lower()
    if lowered == "*":
        return scheme in ("http", "https")
    if lowered == "'self'":
        return _same_origin(origin, handler_url)
    if lowered.startswith("'"):
        return False  # other keywords ('unsafe-inline', nonces) say nothing about ancestors
    if lowered.endswith(":") and "/" not in lowered:
        return _scheme_matches(lowered[:-1], scheme)
    rest = lowered
    if "://" in rest:
        source_scheme, rest = rest.split("://", 1)
        if not _scheme_matches(source_scheme, scheme):
            return False
    else:
        protected = urlsplit(handler_url).scheme.lower()
        if not _scheme_matches(protected or "https", scheme):
            return False
    hostport = rest.split("/", 1)[0]
    source_host, _sep, source_port = hostport.partition(":")
    if source_host.startswith("*."):
        if not host.endswith(source_host[1:]):
            return False
    elif source_host != host:
        return False
    if source_port == "*":
        return True
    if source_port:
        return source_port.isdigit() and int(source_port) == port
    return port == _DEFAULT_PORTS.get(scheme)


def _scheme_matches(expected: str, actual: str) -> bool:
    # CSP lets a source written for http match https too (the secure upgrade), never backwards.
    return expected == actual or (expected == "http" and actual == "https")


def _x_frame_options(values: Sequence[str]) -> str:
    """The effective X-Frame-Options: "deny", "sameorigin" or "" (absent or ignored)."""
    tokens = {token.strip().lower() for value in values for token in value.split(",")}
    tokens.discard("")
    if "deny" in tokens:
        return "deny"
    if "sameorigin" in tokens:
        return "sameorigin"
    return ""  # ALLOW-FROM and other values are ignored by browsers


def _same_origin(origin: str, url: str) -> bool:
    a, b = urlsplit(origin), urlsplit(url)
    return (
        a.scheme.lower() == b.scheme.lower()
        and (a.hostname or "").lower() == (b.hostname or "").lower()
        and (a.port or _DEFAULT_PORTS.get(a.scheme)) == (b.port or _DEFAULT_PORTS.get(b.scheme))
    )


def local_reason(host: str, *, resolve: bool = True) -> str:
    """Why ``host`` is reachable only from this computer or its network ("" if it is not).

    With ``resolve`` a public-looking name that resolves only to private addresses counts too.
    """
    name = host.strip("[]").rstrip(".").lower()
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        address = None
    if address is not None:
        return _address_reason(address)
    if name == "localhost" or name.endswith(_LOCAL_SUFFIXES) or "." not in name:
        return _("{host} is a local name").format(host=name)
    if resolve:
        try:
            infos = socket.getaddrinfo(name, None)
        except OSError:
            return ""
        reasons = {_address_reason(ipaddress.ip_address(info[4][0])) for info in infos}
        if reasons and "" not in reasons:
            return _("{host} resolves only to addresses of your network").format(host=name)
    return ""


def _address_reason(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str:
    if address.is_loopback:
        return _("{host} is this computer (loopback)").format(host=address)
    if address.is_private or address.is_link_local or address.is_unspecified:
        return _("{host} is a private network address").format(host=address)
    return ""


def reachability_verdict(urls: Sequence[str], portal: PortalIdentity) -> Verdict:
    """Whether the portal's users could reach the handler (every address of a redirect chain)."""
    portal_host = urlsplit(portal.origin).hostname or ""
    portal_local = portal.known and bool(local_reason(portal_host, resolve=False))
    for url in urls:
        host = urlsplit(url).hostname or ""
        reason = local_reason(host)
        if reason and not portal_local:
            return Verdict(
                False,
                "not_public",
                _("Reachable from here, but not for the portal: {reason}.").format(reason=reason),
                _(
                    "Bitrix24 needs a handler address reachable from the internet: deploy it, "
                    "or expose it through a tunnel, and bind that https address."
                ),
            )
    if portal_local:
        return Verdict(
            True,
            "local_portal",
            _("The portal is on this computer or network too, so it can reach the handler."),
        )
    return Verdict(True, "public", _("The handler has a public address."))
