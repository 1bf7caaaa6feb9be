"""The activity log: every HTTP call b24admin makes, in a rotating file and in live subscribers.

PortalClient and OAuthServer report each exchange as a :class:`CallRecord` through their
``on_call`` hook; :meth:`ActivityLog.record` is that hook. Each call becomes one line in
``<config_dir>/logs/activity.log`` (rotated by size) and an :class:`ActivityEntry` for every
subscriber (the GUI's log pane re-emits it as a Qt signal: subscribers are called on the thread
that made the call, usually a worker).

Secrets: the record's URL is already redacted by the client; here every line goes once more
through :func:`~b24admin.core.redact.redact_text` with the secret values this log was told about
(:meth:`ActivityLog.add_secrets`), so even a bug upstream cannot put a known secret on disk.
"""

from __future__ import annotations

import logging
import logging.handlers
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from b24admin.core.config import config_dir
from b24admin.core.credentials import Credentials, OAuthCredentials
from b24admin.core.redact import redact_text, webhook_secret
from b24admin.core.transport import CallRecord

LOG_DIR = "logs"
LOG_FILE = "activity.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 3

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ActivityEntry:
    """One call as the log shows it; every text field is already redacted."""

    started_at: float  # unix time
    method: str
    outcome: str  # "ok" or the error code
    duration: float  # seconds
    http_status: int | None
    url: str

    @property
    def ok(self) -> bool:
        return self.outcome == "ok"

    def time_text(self) -> str:
        """The start time in UTC, ISO 8601 to the millisecond."""
        moment = datetime.fromtimestamp(self.started_at, tz=timezone.utc)
        return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")

    def line(self) -> str:
        """The log file's line: time, method, outcome, HTTP status, duration, URL."""
        status = str(self.http_status) if self.http_status is not None else "-"
        return (
            f"{self.time_text()} {self.method} {self.outcome} HTTP {status} "
            f"{self.duration * 1000:.0f} ms {self.url}"
        )


Subscriber = Callable[[ActivityEntry], None]


class ActivityLog:
    """A rotating log file of calls plus live subscribers. Thread-safe.

    ``path`` None means no file (subscribers only).
    """

    def __init__(
        self,
        path: Path | None,
        *,
        max_bytes: int = MAX_BYTES,
        backup_count: int = BACKUP_COUNT,
    ) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._subscribers: list[Subscriber] = []
        self._secrets: set[str] = set()
        self._handler: logging.handlers.RotatingFileHandler | None = None
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            handler = logging.handlers.RotatingFileHandler(
                path, maxBytes=max_bytes, backupCount=backup_count, encoding="utf-8", delay=True
            )
            handler.setFormatter(logging.Formatter("%(message)s"))
            self._handler = handler

    def __repr__(self) -> str:  # never the secrets it holds
        return f"ActivityLog(path={str(self.path)!r})"

    def add_secrets(self, values: Iterable[str | None]) -> None:
        """Secret values to scrub from every line from now on (kept in memory only)."""
        with self._lock:
            self._secrets.update(v for v in values if v)

    def add_credentials(self, credentials: Credentials) -> None:
        """Scrub every secret of ``credentials`` (tokens, client secret, webhook URL)."""
        self.add_secrets(secret_values(credentials))

    def subscribe(self, callback: Subscriber) -> Callable[[], None]:
        """Call ``callback`` with each new entry; returns a function that unsubscribes.

        The callback runs on the calling thread of the HTTP call (a worker in the GUI), so a
        widget must receive it through a queued signal.
        """
        with self._lock:
            self._subscribers.append(callback)

        def unsubscribe() -> None:
            with self._lock:
                if callback in self._subscribers:
                    self._subscribers.remove(callback)

        return unsubscribe

    def record(self, call: CallRecord) -> None:
        """The ``on_call`` hook of PortalClient and OAuthServer."""
        with self._lock:
            secrets = sorted(self._secrets)
            subscribers = list(self._subscribers)
        entry = ActivityEntry(
            started_at=call.started_at,
            method=redact_text(call.method, secrets),
            outcome=redact_text(call.outcome, secrets),
            duration=call.duration,
            http_status=call.http_status,
            url=redact_text(call.url, secrets),
        )
        if self._handler is not None:
            # handle(), not emit(): it holds the handler's lock, so lines from two workers
            # never interleave and rotation happens between lines.
            self._handler.handle(
                logging.LogRecord(
                    "b24admin.activity", logging.INFO, "", 0, entry.line(), None, None
                )
            )
        for subscriber in subscribers:
            try:
                subscriber(entry)
            except Exception:  # a broken log pane must not break the call it reports
                logger.exception("activity log subscriber %r failed", subscriber)

    def close(self) -> None:
        """Close the file (the next record would reopen it)."""
        if self._handler is not None:
            self._handler.close()


def secret_values(credentials: Credentials) -> list[str]:
    """Every secret value in ``credentials``, including a webhook URL's secret path segment."""
    if isinstance(credentials, OAuthCredentials):
        return [credentials.client_secret, credentials.access_token, credentials.refresh_token]
    segment = webhook_secret(credentials.webhook_url)
    return [credentials.webhook_url, *([segment] if segment else [])]


_default_lock = threading.Lock()
_default: tuple[Path, ActivityLog] | None = None  # the config-dir path it was opened for


def default_activity_log() -> ActivityLog:
    """The process's activity log, in ``<config_dir>/logs/activity.log``.

    A new one is opened when the config dir changes (tests point every test at its own). If the
    file cannot be created (a read-only config dir), the log still feeds its subscribers.
    """
    global _default
    path = config_dir() / LOG_DIR / LOG_FILE
    with _default_lock:
        if _default is None or _default[0] != path:
            if _default is not None:
                _default[1].close()
            try:
                log = ActivityLog(path)
            except OSError as exc:
                logger.warning("activity log file unavailable (%s): %s", path, exc.strerror)
                log = ActivityLog(None)
            _default = (path, log)
        return _default[1]
