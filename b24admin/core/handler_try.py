"""Try a widget's handler: send it what the portal sends when a user opens the widget, and say
whether the widget would show.

The request comes from :mod:`b24admin.core.handler_context` (placeholders, never a token); it
goes through the same HTTP plumbing as every REST call (:func:`http_exchange.exchange`: the
whole-call deadline and the size limit; :func:`transport.recorded_call`: failures as
:class:`B24Error`, the activity log). Redirects
are followed here, hop by hop, as a browser follows them inside the portal's frame, so the chain
can be shown; TLS is always verified. :mod:`b24admin.core.framing` judges the final answer.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from http import HTTPStatus
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from b24admin.core.catalogue import Catalogue
from b24admin.core.error_catalogue import CATALOGUE, explain
from b24admin.core.errors import B24Error, ErrorKind
from b24admin.core.framing import Verdict, framing_verdict, reachability_verdict
from b24admin.core.handler_context import HandlerRequest, PortalIdentity, build_request
from b24admin.core.http_exchange import Answer, Limits, deadline_error, exchange
from b24admin.core.redact import redact_url
from b24admin.core.transport import CallRecord, new_session, recorded_call

if TYPE_CHECKING:
    import requests

MAX_REDIRECTS = 10
BODY_EXCERPT_CHARS = 4000
_REDIRECTS = (301, 302, 303, 307, 308)


@dataclass(frozen=True)
class Hop:
    """One answer of a redirect chain: where it came from, its status, where it pointed."""

    url: str
    status: int
    location: str


@dataclass
class HandlerTryResult:
    """Everything one try found out. ``error`` is set when the handler could not be reached."""

    request: HandlerRequest
    portal: PortalIdentity
    status: int | None = None
    reason: str = ""
    time_to_first_byte: float | None = None  # seconds, of the last hop
    total_time: float | None = None  # seconds, the whole chain with the body
    content_type: str = ""
    size: int = 0  # bytes of the final body
    final_url: str = ""
    redirects: list[Hop] = field(default_factory=list)
    tls: str = ""  # "verified", "not used (plain http)" or "failed"
    headers: list[tuple[str, str]] = field(default_factory=list)
    body_excerpt: str = ""
    framing: Verdict | None = None
    reachability: Verdict | None = None
    error: B24Error | None = None

    @property
    def answered_ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300

    @property
    def would_show(self) -> bool:
        """The handler answered 2xx with a page the portal may frame."""
        return self.answered_ok and self.framing is not None and self.framing.ok

    @property
    def exit_code(self) -> int:
        """0 it would show; 1 it answered but would not show; 3 it could not be reached."""
        if self.error is not None:
            return self.error.exit_code
        return 0 if self.would_show else 1

    def to_json(self) -> dict[str, Any]:
        """Plain data for ``--json`` (nothing in a try is secret: tokens are placeholders)."""
        error = self.error
        return {
            "placement": self.request.placement,
            "handler": redact_url(self.request.url),
            "method": self.request.method,
            "portal": self.portal.origin,
            "portal_known": self.portal.known,
            "sent": {"query": self.request.query, "form": self.request.form},
            "doc_page": self.request.context.doc_page if self.request.context else "",
            "status": self.status,
            "reason": self.reason,
            "time_to_first_byte": self.time_to_first_byte,
            "total_time": self.total_time,
            "content_type": self.content_type,
            "size": self.size,
            "final_url": redact_url(self.final_url),
            "redirects": [
                {"url": redact_url(h.url), "status": h.status, "location": redact_url(h.location)}
                for h in self.redirects
            ],
            "tls": self.tls,
            "headers": [[name, value] for name, value in self.headers],
            "body_excerpt": self.body_excerpt,
            "framing": self.framing.to_json() if self.framing else None,
            "reachability": self.reachability.to_json() if self.reachability else None,
            "would_show": self.would_show,
            "error": None
            if error is None
            else {"code": error.code, "summary": error.summary, "advice": error.advice},
            "exit_code": self.exit_code,
        }


def check_handler_url(url: str) -> str:
    """The stripped handler URL; raise INPUT unless it is an http(s) URL with a host."""
    value = url.strip()
    try:
        parts = urlsplit(value)
        host = parts.hostname or ""
        parts.port  # noqa: B018  (raises ValueError for a port that is not a number)
    except ValueError:
        host, parts = "", None
    if parts is None or parts.scheme.lower() not in ("http", "https") or not host:
        error = B24Error.explained(
            "INVALID_HANDLER_URL", kind=ErrorKind.INPUT, argument="handler", description=value
        )
        raise error
    return value


def try_handler(
    placement: str,
    handler: str,
    catalogue: Catalogue,
    *,
    portal: PortalIdentity | None = None,
    lang: str = "en",
    overrides: Mapping[str, str] | None = None,
    session: requests.Session | None = None,
    limits: Limits | None = None,
    deadline: float | None = None,
    on_call: Callable[[CallRecord], None] | None = None,
) -> HandlerTryResult:
    """Open ``handler`` as the portal would for a ``placement`` widget, and judge the answer.

    Raises B24Error (INPUT) only for an unusable URL; every failure of the exchange itself is
    in the result's ``error``.
    """
    portal = portal or PortalIdentity()
    request = build_request(
        placement,
        check_handler_url(handler),
        catalogue,
        portal=portal,
        lang=lang,
        overrides=overrides,
    )
    result = HandlerTryResult(request=request, portal=portal)
    limits = limits or Limits.configured()
    if deadline is not None:
        limits = replace(limits, deadline=deadline)
    own = session is None
    session = session or new_session()
    try:
        _run(session, result, limits, on_call)
    except B24Error as error:
        result.error = _as_handler_error(error)
        if error.kind is ErrorKind.TLS:
            result.tls = "failed"
    finally:
        if own:
            session.close()
    chain = [hop.url for hop in result.redirects] + [result.final_url or request.url]
    result.reachability = reachability_verdict(chain, portal)
    if result.status is not None:
        result.framing = framing_verdict(result.headers, result.final_url, portal)
    return result


def browser_headers(portal: PortalIdentity, method: str) -> dict[str, str]:
    """The headers a browser sends when the portal's page opens the handler in its frame."""
    headers = {
        "Accept": "text/html,application/xhtml+xml,*/*;q=0.8",
        "Referer": portal.origin + "/",
        "Sec-Fetch-Dest": "iframe",
    }
    if method == "POST":
        headers["Origin"] = portal.origin  # a cross-site form POST carries its origin
    return headers


def _as_handler_error(error: B24Error) -> B24Error:
    """Reword a transport failure for a handler: what it means is a blank widget."""
    if error.kind not in (ErrorKind.TIMEOUT, ErrorKind.TLS, ErrorKind.NETWORK):
        return error
    # The transport's description starts with the exception's name (ConnectTimeout, ...).
    connect = error.kind is ErrorKind.TIMEOUT and error.description.startswith("ConnectTimeout")
    variant = "TIMEOUT/connect/handler" if connect else f"{error.code}/handler"
    if variant in CATALOGUE:
        error.summary, error.advice = explain(variant, error.description)
    return error


def _run(
    session: requests.Session,
    result: HandlerTryResult,
    limits: Limits,
    on_call: Callable[[CallRecord], None] | None,
) -> None:
    request = result.request
    started = time.monotonic()
    method, url = request.method, request.url
    data: Mapping[str, str] | None = request.form if method == "POST" else None
    for _hop in range(MAX_REDIRECTS + 1):
        result.tls = "verified" if url.lower().startswith("https:") else "not used (plain http)"
        answer, ttfb = _exchange(
            session,
            method,
            url,
            data,
            browser_headers(result.portal, method),
            limits,
            started,
            on_call,
        )
        status = answer.status
        location = answer.headers.get("Location", "")
        if status in _REDIRECTS and location:
            target = urljoin(url, location)
            result.redirects.append(Hop(url, status, target))
            if status in (301, 302, 303):
                method, data = "GET", None  # browsers re-send a redirected form POST as GET
            url = target
            continue
        result.status, result.reason = status, _reason(status)
        result.time_to_first_byte = ttfb
        result.total_time = time.monotonic() - started
        result.final_url = url
        result.headers = list(answer.headers.items())
        result.content_type = answer.content_type
        result.size = len(answer.content)
        result.body_excerpt = _excerpt(answer.content, answer.headers)
        return
    raise B24Error.explained(
        "TOO_MANY_REDIRECTS", kind=ErrorKind.NETWORK, description=str(MAX_REDIRECTS)
    )


def _exchange(
    session: requests.Session,
    method: str,
    url: str,
    data: Mapping[str, str] | None,
    headers: Mapping[str, str],
    limits: Limits,
    started: float,
    on_call: Callable[[CallRecord], None] | None,
) -> tuple[Answer, float]:
    """One hop within what is left of the whole try's deadline, through the same bounded
    exchange as every REST call: the answer (redirects included) and its time to first byte."""
    shown = redact_url(url)
    remaining = started + limits.deadline - time.monotonic()
    with recorded_call(
        "handler", url=shown, request=f"{method} {shown}", secrets=(), on_call=on_call
    ) as trace:
        if remaining <= 0:
            raise deadline_error(limits, "handler", False, "handler", started)
        clock = time.monotonic()
        first_byte: list[float] = []

        def headers_arrived(response: object, *args: object, **kwargs: object) -> None:
            first_byte.append(time.monotonic() - clock)  # requests calls it before the body

        try:
            answer = exchange(
                session,
                method,
                url,
                limits=replace(limits, deadline=remaining),
                peer="handler",
                label="handler",
                redirects_as_answers=True,
                data=data,
                headers=dict(headers),
                hooks={"response": [headers_arrived]},
            )
        except B24Error as error:
            if error.code == "TIMEOUT":  # name the whole try's deadline, not this hop's rest
                raise deadline_error(limits, "handler", False, "handler", started) from None
            raise
        trace.http_status = answer.status
        return answer, first_byte[0] if first_byte else time.monotonic() - clock


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def _excerpt(body: bytes, headers: Mapping[str, str]) -> str:
    """The first part of the body as text, in the charset the answer names (else UTF-8)."""
    from requests.utils import get_encoding_from_headers

    content_type = headers.get("Content-Type", "")
    named = "charset=" in content_type.lower()
    encoding = get_encoding_from_headers({"content-type": content_type}) if named else None
    try:
        text = body.decode(encoding or "utf-8", errors="replace")
    except LookupError:
        text = body.decode("utf-8", errors="replace")
    return text[:BODY_EXCERPT_CHARS]
