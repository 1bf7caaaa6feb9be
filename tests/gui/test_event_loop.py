"""The window keeps turning while a bind waits on a slow portal: the call runs in a worker."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from b24admin.gui.bind_flow import BindOutcome
from b24admin.gui.main_window import MainWindow
from b24admin.sandbox import Fault, SandboxPortal
from tests.gui.form_filling import child, fill_minimal_sidebar

PORTAL_DELAY_S = 2.0
# A bind run on the GUI thread would stall the loop for the whole portal delay; half of it tells
# the two apart on a loaded machine too, where the scheduler alone can hold a tick 100-300 ms.
MAX_GAP_S = PORTAL_DELAY_S / 2


def test_a_10ms_timer_keeps_ticking_while_bind_waits_2s(
    sandbox_window: MainWindow, sandbox: SandboxPortal, qtbot: QtBot
) -> None:
    sandbox.inject(Fault.delay(PORTAL_DELAY_S), method="placement.bind")
    fill_minimal_sidebar(sandbox_window.form)
    button = child(sandbox_window.form, QPushButton, "bindButton")
    qtbot.waitUntil(button.isEnabled)

    ticks: list[float] = []
    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()
    try:
        with qtbot.waitSignal(sandbox_window.bindFinished, timeout=20_000) as blocker:
            button.click()
    finally:
        timer.stop()

    assert isinstance(blocker.args[0], BindOutcome)  # the slow portal did answer in the end
    assert ticks[-1] - ticks[0] >= PORTAL_DELAY_S * 0.9  # the timer ran through the wait
    gaps = [later - earlier for earlier, later in zip(ticks, ticks[1:], strict=False)]
    assert max(gaps) < MAX_GAP_S, f"the event loop stalled for {max(gaps) * 1000:.0f} ms"
