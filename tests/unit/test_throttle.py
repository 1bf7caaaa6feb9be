from __future__ import annotations

from b24admin.core.throttle import ENTERPRISE, STANDARD, LeakyBucket, RateLimit
from b24admin.sandbox.clock import ManualClock


class FakeClock:
    """A clock that only moves when the bucket sleeps, so the tests take no time."""

    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_burst_passes_without_waiting_then_requests_are_spaced_by_the_rate() -> None:
    clock = FakeClock()
    bucket = LeakyBucket(
        RateLimit(per_second=2.0, burst=10), clock=clock, sleep=clock.sleep, headroom=0
    )
    waits = [bucket.acquire() for _ in range(10)]
    assert waits == [0.0] * 10
    assert bucket.acquire() == 0.5  # the 11th waits until one slot has drained at 2/s
    assert bucket.acquire() == 0.5


def test_headroom_keeps_slots_free_for_others() -> None:
    clock = FakeClock()
    bucket = LeakyBucket(
        RateLimit(per_second=2.0, burst=5), clock=clock, sleep=clock.sleep, headroom=2
    )
    assert [bucket.acquire() for _ in range(3)] == [0.0, 0.0, 0.0]
    assert bucket.wait_time() == 0.5


def test_bucket_drains_while_idle() -> None:
    clock = FakeClock()
    bucket = LeakyBucket(
        RateLimit(per_second=5.0, burst=4), clock=clock, sleep=clock.sleep, headroom=0
    )
    for _ in range(4):
        bucket.acquire()
    clock.now += 10  # idle long enough to drain completely
    assert [bucket.acquire() for _ in range(4)] == [0.0] * 4
    assert clock.slept == []


def test_plans_match_the_portal_limits() -> None:
    assert (STANDARD.per_second, STANDARD.burst) == (2.0, 50)
    assert (ENTERPRISE.per_second, ENTERPRISE.burst) == (5.0, 250)


def test_a_sustained_stream_never_exceeds_the_portal_bucket() -> None:
    clock = FakeClock()
    bucket = LeakyBucket(STANDARD, clock=clock, sleep=clock.sleep)
    portal_level, last = 0.0, 0.0
    for _ in range(300):
        bucket.acquire()
        portal_level = max(0.0, portal_level - (clock.now - last) * STANDARD.per_second) + 1
        last = clock.now
        assert portal_level <= STANDARD.burst


def test_each_request_over_the_burst_waits_once_even_where_floats_round() -> None:
    # At a monotonic reading of 1000 s the drain after a 25 ms wait lands a rounding error above
    # the slot; the bucket must still let the request through instead of waiting for ever.
    clock = ManualClock(start=1000.0)
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        assert len(waits) < 50, "the bucket keeps waiting for a sliver no clock can show"
        clock.advance(seconds)

    bucket = LeakyBucket(RateLimit(per_second=40.0, burst=4), clock=clock, sleep=sleep)

    for _ in range(9):
        bucket.acquire()

    assert len(waits) == 7  # the first two fit under the burst less the headroom
