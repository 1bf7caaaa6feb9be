"""Run network and keyring calls off the GUI thread and hand the outcome back as signals.

Every call that can wait (HTTP, keyring unlock prompts) goes through :class:`JobRunner`. The job
function runs on a private QThreadPool; it must not touch widgets. Its result or its
:class:`~b24admin.core.errors.B24Error` comes back through a :class:`JobSignals` object that lives
in the GUI thread, so the connected slots run there.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from b24admin.core.errors import B24Error


class JobSignals(QObject):
    """Outcome of one job.

    Signals:
        succeeded(object): the job function's return value.
        failed(object): a B24Error (unexpected exceptions are wrapped with B24Error.unexpected).
        finished(): after either of the above.
    """

    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], signals: JobSignals) -> None:
        super().__init__()
        self._fn = fn
        self._signals = signals

    def run(self) -> None:  # runs in a pool thread: emit only, never touch widgets
        try:
            result = self._fn()
        except B24Error as error:
            self._signals.failed.emit(error)
        except Exception as exc:  # noqa: BLE001 - a worker must never die silently
            self._signals.failed.emit(B24Error.unexpected(exc))
        else:
            self._signals.succeeded.emit(result)
        finally:
            self._signals.finished.emit()


class JobRunner(QObject):
    """Submits jobs to a private thread pool and keeps their signal objects alive until done.

    Signals:
        busyChanged(bool): True while at least one job runs.
    """

    busyChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None, *, max_threads: int = 4) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._running: set[JobSignals] = set()

    def submit(
        self,
        fn: Callable[[], Any],
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[B24Error], None] | None = None,
        on_finished: Callable[[], None] | None = None,
    ) -> JobSignals:
        """Run ``fn`` in the pool; the callbacks run in the GUI thread afterwards."""
        signals = JobSignals(self)  # parented to the runner: lives in the GUI thread
        if on_success is not None:
            signals.succeeded.connect(on_success)
        if on_failure is not None:
            signals.failed.connect(on_failure)
        if on_finished is not None:
            signals.finished.connect(on_finished)
        signals.finished.connect(lambda: self._forget(signals))
        self._running.add(signals)
        if len(self._running) == 1:
            self.busyChanged.emit(True)
        self._pool.start(_Job(fn, signals))
        return signals

    @Slot()
    def _forget(self, signals: JobSignals) -> None:
        self._running.discard(signals)
        signals.deleteLater()
        if not self._running:
            self.busyChanged.emit(False)

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def wait_for_done(self, msecs: int = -1) -> bool:
        """Block until every job has finished (teardown and shutdown only, never in a slot)."""
        return self._pool.waitForDone(msecs)
