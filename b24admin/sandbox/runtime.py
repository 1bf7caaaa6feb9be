"""SandboxRuntime: what the sandbox's request handler works with while it serves.

The portal's state (apps, tokens, widgets), its rate-limit bucket, the queue of injected faults,
the stop signal that ends delays early, and the record of received calls. SandboxPortal owns one
and hands it to its HTTP server, so the handler uses this public object instead of reaching into
the portal's private members; the portal's own settings (``base_url``,
``placement_error_status``, ``authorize_user_id``) are public attributes of the portal.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from b24admin.sandbox.faults import FaultQueue
from b24admin.sandbox.model import ReceivedCall
from b24admin.sandbox.portal import PortalState
from b24admin.sandbox.ratelimit import LeakyBucket


class SandboxRuntime:
    """The live parts of one sandbox portal, shared by the portal and its request handler."""

    def __init__(
        self,
        clock: Callable[[], float],
        access_token_ttl: float,
        rate_per_second: float,
        burst: int,
    ) -> None:
        self.state = PortalState(clock, access_token_ttl)
        self.bucket = LeakyBucket(rate_per_second, burst, clock)
        self.faults = FaultQueue()
        self.stopping = threading.Event()  # set by stop(): delay and trickle faults end at once
        self.received: list[ReceivedCall] = []
        self._counter = threading.Condition()
        self._http_request_count = 0

    def count_http_request(self) -> None:
        """Count one arriving HTTP request (REST or OAuth) and wake whoever waits for it."""
        with self._counter:
            self._http_request_count += 1
            self._counter.notify_all()

    def record(self, call: ReceivedCall) -> None:
        """Keep one REST call as the portal received and answered it."""
        with self._counter:
            self.received.append(call)

    @property
    def http_request_count(self) -> int:
        with self._counter:
            return self._http_request_count

    def wait_for_http_requests(self, count: int, timeout: float) -> bool:
        """Block until ``count`` HTTP requests have arrived; False on timeout."""
        with self._counter:
            return self._counter.wait_for(lambda: self._http_request_count >= count, timeout)
