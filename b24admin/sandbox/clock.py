"""A clock that tests move by hand, for token lifetimes and the rate limit without sleeping."""

from __future__ import annotations

import threading


class ManualClock:
    """A callable clock (like ``time.monotonic``) that only moves when :meth:`advance` is called.

    ``SandboxPortal(clock=ManualClock())`` then expires tokens and codes, and drains the rate
    limiter, exactly when a test says so.
    """

    def __init__(self, start: float = 1000.0) -> None:
        self._now = start
        self._lock = threading.Lock()

    def __call__(self) -> float:
        with self._lock:
            return self._now

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("a clock does not go back")
        with self._lock:
            self._now += seconds
