"""One HTTP exchange with a whole-call deadline and a size limit on the answer.

``requests`` only bounds each socket operation: an answer that trickles a byte every few seconds
never times out. :func:`exchange` bounds the whole exchange instead (connect, sending, headers and
every read of the body): a watchdog thread shuts the connection's socket down at the deadline,
which wakes the blocked read at once. The answer is read in chunks and refused as soon as it
grows past ``max_bytes``, so memory stays bounded whatever the server sends. A redirect (30x) is
never followed, because it would carry the credentials somewhere else; it is named instead.

Used for every call to the portal and to the OAuth server, and reusable for anything else
b24admin sends (a handler URL): ``exchange(session, "POST", url, limits=..., peer="handler")``.

The deadline comes from ``--timeout SECONDS`` (:func:`configure_deadline`), else the environment
variable ``B24ADMIN_TIMEOUT``, else 60 s: the cloud portal itself ends a request after 60 s
(limits.md of the Bitrix24 REST docs).
"""

from __future__ import annotations

import math
import os
import socket
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from b24admin.core.errors import B24Error, ErrorKind
from b24admin.core.i18n import _
from b24admin.core.redact import redact_url

if TYPE_CHECKING:
    import requests

DEADLINE_ENV = "B24ADMIN_TIMEOUT"
DEFAULT_DEADLINE = 60.0  # seconds for the whole exchange
CONNECT_TIMEOUT = 10.0  # at most this much of the deadline for the TCP (and TLS) connect
MIB = 1024 * 1024
DEFAULT_MAX_BYTES = 16 * MIB  # Bitrix24 answers are kilobytes; a 50-row page is well under 1 MiB
CHUNK_BYTES = 64 * 1024

# Who answers, for the words of the deadline message ("The portal did not finish answering").
Peer = Literal["portal", "oauth", "handler"]

_configured_deadline: float | None = None


def parse_deadline(text: str, *, source: str) -> float:
    """Seconds from ``text`` (a positive, finite number); INPUT B24Error naming ``source``."""
    try:
        seconds = float(text.strip())
    except ValueError:
        seconds = math.nan
    if not math.isfinite(seconds) or seconds <= 0:
        raise B24Error.explained(
            "BAD_TIMEOUT", kind=ErrorKind.INPUT, argument=source, values={"value": text}
        )
    return seconds


def configure_deadline(seconds: float | None) -> None:
    """Set the process-wide deadline (the CLI's ``--timeout``); None goes back to the default."""
    global _configured_deadline
    _configured_deadline = seconds


@dataclass(frozen=True)
class Limits:
    """Bounds of one exchange: ``deadline`` seconds in all, at most ``max_bytes`` of answer."""

    deadline: float = DEFAULT_DEADLINE
    max_bytes: int = DEFAULT_MAX_BYTES
    connect: float = CONNECT_TIMEOUT

    @classmethod
    def configured(cls) -> Limits:
        """The limits in force: ``--timeout``, else ``$B24ADMIN_TIMEOUT``, else 60 s."""
        if _configured_deadline is not None:
            return cls(deadline=_configured_deadline)
        text = os.environ.get(DEADLINE_ENV, "").strip()
        if text:
            return cls(deadline=parse_deadline(text, source=DEADLINE_ENV))
        return cls()


@dataclass(frozen=True)
class Answer:
    """A complete HTTP answer, read within the limits."""

    status: int
    headers: Mapping[str, str]
    content: bytes
    url: str = field(repr=False)

    @property
    def content_type(self) -> str:
        return self.headers.get("Content-Type", "")


class _Watchdog:
    """Shuts down the sockets of one exchange when its deadline passes.

    The pools of :class:`BoundedAdapter` register each connection they use on the watchdog of
    the calling thread. Shutting a socket down (not closing it: the reading thread still owns
    the file descriptor) makes its blocked read return at once.
    """

    _current = threading.local()

    def __init__(self, seconds: float) -> None:
        self.expired = False
        self._done = threading.Event()
        self._lock = threading.Lock()
        self._connections: list[Any] = []
        self._thread = threading.Thread(
            target=self._run, args=(seconds,), name="b24admin-deadline", daemon=True
        )

    @classmethod
    def watch(cls, connection: Any) -> None:
        watchdog: _Watchdog | None = getattr(cls._current, "watchdog", None)
        if watchdog is not None:
            watchdog._add(connection)

    def __enter__(self) -> _Watchdog:
        self._current.watchdog = self
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._current.watchdog = None
        self._done.set()
        self._thread.join()
        if self.expired:  # a shut-down socket must not go back into the pool as if it were fine
            for connection in self._connections:
                connection.close()

    def _add(self, connection: Any) -> None:
        with self._lock:
            self._connections.append(connection)
            if self.expired:
                _shut_down(connection)

    def _run(self, seconds: float) -> None:
        if self._done.wait(seconds):
            return
        with self._lock:
            self.expired = True
        # Repeat until the exchange ends: during the TLS handshake the connection's socket is
        # replaced by its TLS wrapper, which a first shutdown may have missed.
        while not self._done.is_set():
            with self._lock:
                for connection in self._connections:
                    _shut_down(connection)
            self._done.wait(0.05)


def _shut_down(connection: Any) -> None:
    sock = getattr(connection, "sock", None)
    if sock is None:
        return
    try:
        # The plain socket's shutdown, also for a TLS socket: it only touches the descriptor,
        # so it is safe while another thread is inside the TLS layer's read.
        socket.socket.shutdown(sock, socket.SHUT_RDWR)
    except OSError:
        pass  # already closed or not yet connected


def _watched_pool(base: type) -> type:
    class WatchedPool(base):
        def _make_request(self, conn: Any, *args: Any, **kwargs: Any) -> Any:
            _Watchdog.watch(conn)
            return super()._make_request(conn, *args, **kwargs)

    WatchedPool.__name__ = f"Watched{base.__name__}"
    return WatchedPool


def bounded_adapter() -> requests.adapters.HTTPAdapter:
    """An HTTPAdapter whose connections the deadline watchdog can cut (mount it on a session)."""
    from requests.adapters import HTTPAdapter
    from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

    pools = {"http": _watched_pool(HTTPConnectionPool), "https": _watched_pool(HTTPSConnectionPool)}

    class BoundedAdapter(HTTPAdapter):
        def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
            super().init_poolmanager(*args, **kwargs)
            self.poolmanager.pool_classes_by_scheme = pools

        def proxy_manager_for(self, *args: Any, **kwargs: Any) -> Any:
            manager = super().proxy_manager_for(*args, **kwargs)
            manager.pool_classes_by_scheme = pools
            return manager

    return BoundedAdapter()


def ensure_bounded(session: requests.Session) -> None:
    """Mount the bounded adapter on ``session`` unless it already has it (idempotent)."""
    adapter = session.get_adapter("https://")
    if type(adapter).__name__ != "BoundedAdapter":
        bounded = bounded_adapter()
        session.mount("https://", bounded)
        session.mount("http://", bounded)


def exchange(
    session: requests.Session,
    method: str,
    url: str,
    *,
    limits: Limits,
    peer: Peer = "portal",
    changes: bool = False,
    label: str = "",
    redirects_as_answers: bool = False,
    **request_kwargs: Any,
) -> Answer:
    """Send one request and read its whole answer within ``limits``; never follow a redirect.

    ``changes`` says the request may change something (placement.bind), so a deadline that
    passes after sending leaves its outcome unknown. ``label`` names the call in errors
    (``placement.bind``). ``redirects_as_answers`` returns a 30x as an answer, for a caller
    that follows redirects itself with nothing secret to carry (a widget's handler).
    Raises B24Error for the deadline (TIMEOUT, kind TIMEOUT), an answer
    over the size limit (ANSWER_TOO_LARGE) and a redirect (REDIRECT); other ``requests``
    failures propagate for :func:`b24admin.core.transport.recorded_call` to map.
    """
    import requests

    ensure_bounded(session)
    started = time.monotonic()
    timeout = (min(limits.connect, limits.deadline), limits.deadline)
    with _Watchdog(limits.deadline) as watchdog:
        try:
            response = session.request(
                method, url, timeout=timeout, allow_redirects=False, stream=True, **request_kwargs
            )
            with response:
                if 300 <= response.status_code < 400 and not redirects_as_answers:
                    raise redirect_error(response.status_code, url, response, label)
                content = _read_limited(response, limits, label)
        except requests.ConnectTimeout:
            raise
        except (requests.RequestException, OSError) as exc:
            if watchdog.expired or isinstance(exc, requests.Timeout):
                raise deadline_error(limits, peer, changes, label, started) from None
            raise
        if watchdog.expired:
            raise deadline_error(limits, peer, changes, label, started)
    return Answer(response.status_code, response.headers, content, url)


def _read_limited(response: requests.Response, limits: Limits, label: str) -> bytes:
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limits.max_bytes:
        raise too_large_error(limits, label, response.status_code)
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_content(CHUNK_BYTES):
        size += len(chunk)
        if size > limits.max_bytes:
            raise too_large_error(limits, label, response.status_code)
        chunks.append(chunk)
    return b"".join(chunks)


def deadline_error(
    limits: Limits, peer: Peer, changes: bool, label: str, started: float
) -> B24Error:
    """TIMEOUT: the whole exchange took longer than the deadline."""
    if peer == "portal":
        variant = "TIMEOUT/write" if changes else "TIMEOUT"
    else:
        variant = f"TIMEOUT/{peer}"
    elapsed = time.monotonic() - started
    return B24Error.explained(
        "TIMEOUT",
        kind=ErrorKind.TIMEOUT,
        variant=variant,
        description=_("No complete answer after {elapsed} s (deadline {deadline} s).").format(
            elapsed=f"{elapsed:.1f}", deadline=f"{limits.deadline:g}"
        ),
        method=label,
        values={"seconds": f"{limits.deadline:g}"},
    )


def too_large_error(limits: Limits, label: str, status: int) -> B24Error:
    """ANSWER_TOO_LARGE: b24admin stopped reading at the size limit."""
    return B24Error.explained(
        "ANSWER_TOO_LARGE",
        kind=ErrorKind.PROTOCOL,
        description=_("The answer exceeded {size} bytes; reading stopped there.").format(
            size=limits.max_bytes
        ),
        http_status=status,
        method=label,
        values={"limit": f"{limits.max_bytes / MIB:g} MiB"},
    )


def redirect_error(status: int, url: str, response: requests.Response, label: str) -> B24Error:
    """REDIRECT: where the answer points and why that usually happens."""
    from urllib.parse import urljoin, urlsplit

    location = response.headers.get("Location", "").strip()
    target = redact_url(urljoin(url, location)) if location else ""
    variant = "REDIRECT"
    if not target:
        variant = "REDIRECT/nowhere"
    else:
        old, new = urlsplit(url), urlsplit(target)
        if old.scheme == "http" and new.scheme == "https" and old.hostname == new.hostname:
            variant = "REDIRECT/https"
        elif old.hostname != new.hostname:
            variant = "REDIRECT/elsewhere"
    return B24Error.explained(
        "REDIRECT",
        kind=ErrorKind.PROTOCOL,
        variant=variant,
        description=f"HTTP {status} Location: {target or '(none)'}",
        http_status=status,
        method=label,
        values={"location": target, "status": str(status)},
    )
