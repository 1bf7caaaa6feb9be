"""Guards against Qt binding releases that break b24admin at run time."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    fired = Signal(object)


def test_emitting_signals_keeps_the_reference_count_of_true(qapp: object) -> None:
    # PySide6 6.12.0 dropped one reference to True per emit; after a few hundred emits (a
    # long session of jobs) CPython aborts with "bool_dealloc". The pin in pyproject.toml
    # excludes it; this test fails if such a release is installed anyway.
    emitter = _Emitter()
    received: list[object] = []
    emitter.fired.connect(received.append)
    before = sys.getrefcount(True)
    for n in range(200):
        emitter.fired.emit(n)
    assert len(received) == 200
    assert sys.getrefcount(True) - before > -10
