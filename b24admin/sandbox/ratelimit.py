"""The portal's REST rate limit (limits.md): a leaky bucket per portal."""

from __future__ import annotations

import threading
from collections.abc import Callable


class LeakyBucket:
    """Each request adds 1; the level drains ``rate_per_second``; a request that would take the
    level over ``burst`` is refused (and adds nothing). Time comes from the injectable clock."""

    def __init__(self, rate_per_second: float, burst: int, clock: Callable[[], float]) -> None:
        self.rate_per_second = rate_per_second
        self.burst = burst
        self._clock = clock
        self._lock = threading.Lock()
        self._level = 0.0
        self._last = clock()

    def try_acquire(self) -> bool:
        """Count one request; False when the portal would answer QUERY_LIMIT_EXCEEDED."""
        with self._lock:
            self._drain()
            if self._level + 1 > self.burst:
                return False
            self._level += 1
            return True

    def reset(self) -> None:
        with self._lock:
            self._level = 0.0
            self._last = self._clock()

    def _drain(self) -> None:
        now = self._clock()
        self._level = max(0.0, self._level - (now - self._last) * self.rate_per_second)
        self._last = now
