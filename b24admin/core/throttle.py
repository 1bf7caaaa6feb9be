"""A client-side leaky bucket that keeps b24admin under the portal's request rate.

Bitrix24 counts every request into a bucket that drains at Y per second and refuses requests
over X with 503 QUERY_LIMIT_EXCEEDED (limits.md: X=50, Y=2 on most plans; X=250, Y=5 on
Enterprise). Mirroring that bucket on our side means a sync never provokes the error; the
client's own retry still covers other apps that share the portal's bucket.

The plan numbers are defined once, on :class:`~b24admin.core.profiles.RatePlan` (the profile's
setting); :class:`RateLimit` is the same pair of numbers as a value, for plans and for tests
that want another limit.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from b24admin.core.profiles import RatePlan

# Slots left free for whatever else talks to the portal meanwhile (the GUI's refresh, another
# app on the same server IP): the portal's bucket is shared, ours only sees our own requests.
DEFAULT_HEADROOM = 2

# Draining is computed in floats: after a wait of exactly the computed delay the level can sit a
# rounding error above the slot, and a clock that cannot represent the remaining sliver (1e-13 s
# at a monotonic reading of 1000) would then never let the request through.
_LEVEL_TOLERANCE = 1e-9


@dataclass(frozen=True)
class RateLimit:
    """A leaky bucket's numbers: drained ``per_second``, refusing above ``burst`` queued."""

    per_second: float
    burst: int

    @classmethod
    def of(cls, plan: RatePlan) -> RateLimit:
        """The portal's limit for a profile's rate plan."""
        return cls(per_second=plan.per_second, burst=plan.burst)


STANDARD = RateLimit.of(RatePlan.STANDARD)
ENTERPRISE = RateLimit.of(RatePlan.ENTERPRISE)


class LeakyBucket:
    """Blocks ``acquire()`` until one more request fits under the limit. Thread-safe."""

    def __init__(
        self,
        limit: RateLimit,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        headroom: int = DEFAULT_HEADROOM,
    ) -> None:
        if limit.per_second <= 0 or limit.burst < 1:
            raise ValueError("a rate limit needs a positive rate and a burst of at least 1")
        self.limit = limit
        self._rate = limit.per_second
        self._capacity = max(1, limit.burst - headroom)
        self._clock = clock
        self._sleep = sleep
        self._level = 0.0
        self._updated = clock()
        self._lock = threading.Lock()

    def _drain(self) -> None:
        now = self._clock()
        self._level = max(0.0, self._level - (now - self._updated) * self._rate)
        self._updated = now

    def wait_time(self) -> float:
        """Seconds until one more request fits (0 when it fits now)."""
        with self._lock:
            self._drain()
            overflow = self._level + 1 - self._capacity
            return max(0.0, overflow / self._rate)

    def acquire(self) -> float:
        """Take one slot, waiting as long as needed; returns the seconds waited."""
        waited = 0.0
        while True:
            with self._lock:
                self._drain()
                if self._level + 1 <= self._capacity + _LEVEL_TOLERANCE:
                    self._level += 1
                    return waited
                delay = (self._level + 1 - self._capacity) / self._rate
            # Sleep outside the lock so other threads can see the level meanwhile.
            self._sleep(delay)
            waited += delay
