"""HTTP plumbing shared by the REST client and the OAuth server client.

One place decides which URLs b24admin may send credentials to (HTTPS, or plain http only to this
computer), how a ``requests.Session`` is set up (User-Agent, Accept, no proxy surprises with TLS),
how low-level failures (timeouts, TLS, dropped connections) become a :class:`B24Error`, and what
one HTTP exchange looks like in the activity log (:class:`CallRecord`).

``requests`` is imported inside the functions that need it, so the URL check can be used by
the profile dialog without pulling in the HTTP stack.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from b24admin import __version__
from b24admin.core.errors import B24Error, ErrorKind
from b24admin.core.portal_urls import is_loopback_host
from b24admin.core.redact import redact_text, redact_url

if TYPE_CHECKING:
    import requests

log = logging.getLogger(__name__)

USER_AGENT = f"b24admin/{__version__} (+python-requests)"

# Methods that change the portal. A read timeout on one of these leaves its outcome unknown.
WRITE_METHODS = frozenset({"placement.bind", "placement.unbind", "batch"})


@dataclass(frozen=True)
class CallRecord:
    """One HTTP exchange, for the activity log. ``url`` is redacted; nothing here is secret."""

    method: str  # REST method ("placement.bind") or "oauth/token (refresh_token)"
    started_at: float  # unix time
    duration: float  # seconds
    outcome: str  # "ok" or the error code
    http_status: int | None
    url: str


def require_https(url: str, *, what: str = "portal") -> None:
    """Raise HTTPS_REQUIRED (kind INPUT) unless ``url`` is https, or http to a loopback host.

    ``what`` names the address in the message ("portal", "OAuth server", "webhook").
    """
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname or ""
    except ValueError:
        parts, host = None, ""
    if parts is None or parts.scheme not in ("http", "https") or not host:
        raise input_error("INVALID_URL", f"The {what} address is not a web address.", url)
    if parts.scheme == "http" and not is_loopback_host(host):
        raise input_error(
            "HTTPS_REQUIRED", f"The {what} address uses http:// on a non-local host.", url
        )


def input_error(code: str, description: str, url: str = "") -> B24Error:
    """A B24Error of kind INPUT from the catalogue: nothing was sent."""
    # The catalogue picks its text from the bare description; the error shows the address too.
    error = B24Error.explained(code, kind=ErrorKind.INPUT, description=description)
    error.description = f"{description} ({redact_url(url)})" if url else description
    return error


def new_session() -> requests.Session:
    """A session with b24admin's headers whose connections the whole-call deadline can cut
    (:func:`b24admin.core.http_exchange.exchange`). TLS verification stays on, always."""
    import requests

    from b24admin.core.http_exchange import ensure_bounded

    session = requests.Session()
    session.headers.update({"User-Agent": USER_AGENT, "Accept": "application/json"})
    ensure_bounded(session)
    return session


def transport_error(
    exc: BaseException,
    *,
    method: str,
    request: str,
    secrets: Iterable[str | None] = (),
) -> B24Error:
    """Map a ``requests`` exception to TIMEOUT, TLS_ERROR or NETWORK_ERROR.

    A deadline that passed during :func:`~b24admin.core.http_exchange.exchange` arrives here
    already as a B24Error; a ``Timeout`` here is a connect timeout or a call made without it.

    Exception texts quote the URL (with its query string), so they are redacted with the
    secrets the caller knows before they go anywhere.
    """
    import requests

    description = redact_text(f"{type(exc).__name__}: {exc}", secrets)
    entry = code = "NETWORK_ERROR"
    kind = ErrorKind.NETWORK
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        code, kind, entry = "TIMEOUT", ErrorKind.TIMEOUT, "TIMEOUT/connect"
    elif isinstance(exc, requests.exceptions.Timeout):
        code, kind, entry = "TIMEOUT", ErrorKind.TIMEOUT, "TIMEOUT/read"
    elif isinstance(exc, requests.exceptions.SSLError):
        code, kind, entry = "TLS_ERROR", ErrorKind.TLS, "TLS_ERROR"
    elif method in WRITE_METHODS and not _never_connected(exc):
        entry = "NETWORK_ERROR/write"  # dropped after sending: the outcome is unknown
    return B24Error.explained(
        code, kind=kind, variant=entry, description=description, method=method, request=request
    )


def _never_connected(exc: BaseException) -> bool:
    """True when the connection was never made (DNS, refused), so nothing reached the server."""
    from urllib3.exceptions import MaxRetryError, NewConnectionError

    inner = exc.args[0] if exc.args else None
    if isinstance(inner, MaxRetryError):
        inner = inner.reason
    return isinstance(inner, NewConnectionError)


@dataclass
class CallTrace:
    """What the body of :func:`recorded_call` learnt about its exchange."""

    http_status: int | None = None


@contextmanager
def recorded_call(
    method: str,
    *,
    url: str,
    request: str,
    secrets: Sequence[str | None],
    on_call: Callable[[CallRecord], None] | None,
) -> Iterator[CallTrace]:
    """Wrap one HTTP exchange: ``requests`` failures become a B24Error, every B24Error gets the
    (redacted) request and loses any known secret the answer echoed, and the exchange is
    reported to ``on_call`` (the activity log) however it ended. ``url`` is already redacted.
    """
    import requests

    trace = CallTrace()
    started, clock = time.time(), time.monotonic()
    outcome = "ok"
    try:
        try:
            yield trace
        except requests.RequestException as exc:
            raise transport_error(exc, method=method, request=request, secrets=secrets) from None
    except B24Error as error:
        outcome = error.code
        error.request = request
        # The answer may echo a token (an error page quoting the request, a redirect's
        # Location): scrub the known ones from everything the error shows.
        error.response = redact_text(error.response, secrets)
        error.description = redact_text(error.description, secrets)
        error.summary = redact_text(error.summary, secrets)
        error.advice = redact_text(error.advice, secrets)
        raise
    finally:
        duration = time.monotonic() - clock
        log.debug("%s %s -> %s (%.2f s)", method, url, outcome, duration)
        if on_call is not None:
            on_call(CallRecord(method, started, duration, outcome, trace.http_status, url))
