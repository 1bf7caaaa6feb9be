"""The sandbox portal: a loopback emulator of a Bitrix24 portal and its OAuth server (no Qt).

Start one with ``SandboxPortal().start()`` (or as a context manager); ``run_forever`` serves
one in the foreground for ``b24admin sandbox``.
"""

from __future__ import annotations

from b24admin.sandbox.clock import ManualClock
from b24admin.sandbox.faults import Fault
from b24admin.sandbox.model import ReceivedCall, SandboxApp, TokenPair
from b24admin.sandbox.server import DEMO_CLIENT_ID, SandboxPortal
from b24admin.sandbox.standalone import run_forever

__all__ = [
    "DEMO_CLIENT_ID",
    "Fault",
    "ManualClock",
    "ReceivedCall",
    "SandboxApp",
    "SandboxPortal",
    "TokenPair",
    "run_forever",
]
