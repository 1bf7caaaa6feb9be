"""Faults the sandbox can inject into REST answers, to test how a client copes with a bad network
or a misbehaving proxy in front of the portal."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Literal

from b24admin.sandbox.model import RestError

FaultKind = Literal[
    "delay", "html_502", "empty", "drop", "truncated", "error", "trickle", "redirect", "raw"
]

# Faults that answer in place of the portal: the method is NOT executed and the call is not
# counted by the rate limiter (a proxy answered). "drop" and "truncated" lose the answer on its
# way back, after the method ran, which is what makes a blind retry of placement.bind dangerous.
ANSWERED_BY_PROXY: frozenset[str] = frozenset({"html_502", "empty", "error", "redirect", "raw"})

HTML_502 = (
    b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    b"<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n"
    b"</body>\r\n</html>\r\n"
)


@dataclass
class Fault:
    """One injected fault.

    - ``delay``: wait ``seconds`` (interrupted by stop()), then answer normally.
    - ``html_502``: HTTP 502 with nginx's HTML page; the method is not executed.
    - ``empty``: HTTP ``status`` with an empty body; not executed.
    - ``error``: HTTP ``status`` with ``{"error": code, "error_description": description}``;
      not executed.
    - ``drop``: the method runs, then the socket is closed without any response.
    - ``truncated``: the method runs, then HTTP 200 with the JSON body cut in half (the
      Content-Length matches the cut body, so only JSON parsing fails).
    - ``trickle``: the method runs, then its answer goes out one byte every ``seconds``
      (a stalled proxy): only a whole-call deadline ends the wait.
    - ``redirect``: HTTP ``status`` (301) with ``Location: location``; not executed.
    - ``raw``: HTTP ``status`` with ``body`` as given (any bytes: deep JSON, 1e999, values of
      the wrong type); not executed.
    """

    kind: FaultKind
    seconds: float = 0.0
    code: str = ""
    description: str = ""
    status: int = 200
    location: str = ""
    body: bytes = b""

    @classmethod
    def delay(cls, seconds: float) -> Fault:
        return cls("delay", seconds=seconds)

    @classmethod
    def html_502(cls) -> Fault:
        return cls("html_502", status=502)

    @classmethod
    def empty(cls, status: int = 200) -> Fault:
        return cls("empty", status=status)

    @classmethod
    def drop(cls) -> Fault:
        return cls("drop")

    @classmethod
    def truncated(cls) -> Fault:
        return cls("truncated")

    @classmethod
    def trickle(cls, seconds_per_byte: float) -> Fault:
        return cls("trickle", seconds=seconds_per_byte)

    @classmethod
    def redirect(cls, location: str, status: int = 301) -> Fault:
        return cls("redirect", status=status, location=location)

    @classmethod
    def raw(cls, body: bytes, status: int = 200) -> Fault:
        return cls("raw", status=status, body=body)

    @classmethod
    def error(cls, code: str, description: str = "", status: int | None = None) -> Fault:
        """An error answer. Without ``status``/``description`` the system-error values for ``code``
        (_includes/system-errors.md) are used (QUERY_LIMIT_EXCEEDED → 503 "Too many requests"), else
        400 and the code itself."""
        answer = RestError(code, description, status=status)  # the one place defaults live
        return cls("error", code=code, description=answer.description, status=answer.status)


@dataclass
class _Armed:
    fault: Fault
    method: str | None
    remaining: int


class FaultQueue:
    """Injected faults in injection order; each REST call consumes at most one."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._armed: list[_Armed] = []

    def add(self, fault: Fault, method: str | None, times: int) -> None:
        if times < 1:
            raise ValueError("times must be at least 1")
        wanted = method.lower() if method else None
        with self._lock:
            self._armed.append(_Armed(fault, wanted, times))

    def take(self, method: str) -> Fault | None:
        """The first armed fault for ``method`` (or for any method), using one of its times."""
        with self._lock:
            for armed in self._armed:
                if armed.method is None or armed.method == method.lower():
                    armed.remaining -= 1
                    if armed.remaining == 0:
                        self._armed.remove(armed)
                    return armed.fault
        return None

    def pending(self) -> int:
        """How many calls the armed faults will still change (0: all used up), so a test
        can wait until a delayed call has reached the server."""
        with self._lock:
            return sum(armed.remaining for armed in self._armed)

    def clear(self) -> None:
        with self._lock:
            self._armed.clear()
