"""The sync dialog: a manifest against a profile's portal, shown as a diff before anything is
sent, then applied in batches with a progress bar, Cancel, and every item's outcome.

The plan is computed in a worker from placement.get (:func:`b24admin.core.sync.compute_plan`);
toggling prune recomputes it from the same answer without another call. Apply runs
:func:`b24admin.core.sync.apply_plan` in a worker: progress and per-item results cross into the
GUI thread through queued signals; Cancel sets a :class:`threading.Event` that the sync checks
between batches, so an unbind is never separated from its bind, and originals of failed changes
are still bound again (apply_plan does that).
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from b24admin.core.errors import B24Error
from b24admin.core.i18n import ngettext
from b24admin.core.profiles import Profile
from b24admin.gui.accessibility import name_view_parts
from b24admin.gui.dialogs import Dialogs
from b24admin.gui.manage.plan_view import SyncPlanView
from b24admin.gui.workers import JobRunner

if TYPE_CHECKING:
    from b24admin.core.catalogue import Catalogue
    from b24admin.core.manifest import Manifest
    from b24admin.core.profile_service import ProfileService
    from b24admin.core.sync import ItemResult, SyncPlan, SyncReport
    from b24admin.gui.portal_clients import ClientFactory


class _ApplySignals(QObject):
    """Emitted from the sync's worker thread; queued into the dialog.

    Signals:
        progressed(int, int): items done, items in total.
        itemFinished(object): one ItemResult.
    """

    progressed = Signal(int, int)
    itemFinished = Signal(object)


class SyncDialog(QDialog):
    """Plan, confirm by Apply, watch it run (objectName ``syncDialog``).

    Signals:
        planned(object): the SyncPlan shown (again after prune is toggled).
        applied(object): the SyncReport once Apply ended (completed, cancelled or stopped).
        failed(object): a B24Error that kept the plan from being computed or the sync started.
    """

    planned = Signal(object)
    applied = Signal(object)
    failed = Signal(object)

    def __init__(
        self,
        parent: QWidget,
        *,
        runner: JobRunner,
        dialogs: Dialogs,
        client_factory: ClientFactory,
        service: ProfileService,
        profile: Profile,
        manifest: Manifest,
        source: str,
        catalogue: Catalogue,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("syncDialog")
        self.setWindowTitle(self.tr("Sync a manifest — {0}").format(source))
        self._runner, self._dialogs = runner, dialogs
        self._factory, self._service, self.profile = client_factory, service, profile
        self.manifest, self._catalogue = manifest, catalogue
        self.plan: SyncPlan | None = None
        self.report: SyncReport | None = None
        self.state = "planning"  # planning, ready, applying, done, failed
        self._entries: list[dict[str, Any]] | None = None
        self._cancel = threading.Event()
        self._signals = _ApplySignals()
        self._signals.progressed.connect(self._progressed)
        self._signals.itemFinished.connect(self._item_finished)
        self._build(source)
        self._blocking_errors = self._show_problems()
        self.resize(820, 560)

    def _build(self, source: str) -> None:
        count = len(self.manifest.bindings)
        header = QLabel(
            ngettext(
                "“{source}”: {count} widget. Target: “{profile}” ({portal}). Nothing is sent "
                "until you press Apply.",
                "“{source}”: {count} widgets. Target: “{profile}” ({portal}). Nothing is sent "
                "until you press Apply.",
                count,
            ).format(
                source=source,
                count=count,
                profile=self.profile.name,
                portal=self.profile.portal_url,
            ),
            self,
        )
        header.setObjectName("syncHeader")
        header.setWordWrap(True)
        header.setTextFormat(Qt.TextFormat.PlainText)
        self.problems_label = QLabel(self)
        self.problems_label.setObjectName("syncProblems")
        self.problems_label.setWordWrap(True)
        self.problems_label.setTextFormat(Qt.TextFormat.PlainText)
        self.problems_label.hide()

        self.prune_check = QCheckBox(
            self.tr("Also &remove the widgets the manifest does not list (prune)"), self
        )
        self.prune_check.setObjectName("syncPruneCheck")
        self.prune_check.setToolTip(
            self.tr("Without it, widgets that are on the portal but not in the manifest stay")
        )
        self.prune_check.setAccessibleName(self.tr("Prune widgets not in the manifest"))
        self.prune_check.toggled.connect(self._on_prune_toggled)

        self.plan_view = SyncPlanView(self)
        name_view_parts(self.plan_view)

        self.summary_label = QLabel(self.tr("Reading the portal's widgets (placement.get)…"), self)
        self.summary_label.setObjectName("syncSummary")
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("syncProgress")
        self.progress.setAccessibleName(self.tr("Sync progress"))
        self.progress.setToolTip(self.tr("Items sent, in batches of up to 50 commands"))
        self.progress.setFormat(self.tr("%v of %m"))
        self.progress.hide()

        self.apply_button = self._button(
            "syncApplyButton", self.tr("&Apply"), self.tr("Send the plan to the portal")
        )
        self.cancel_button = self._button(
            "syncCancelButton",
            self.tr("&Cancel sync"),
            self.tr("Stop after the batch in flight; the rest is not sent"),
        )
        self.close_button = self._button(
            "syncCloseButton", self.tr("Close"), self.tr("Close this dialog")
        )
        self.apply_button.setEnabled(False)
        self.cancel_button.setEnabled(False)
        self.apply_button.clicked.connect(self.apply)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.reject)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.apply_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.prune_check)
        layout.addWidget(self.plan_view, 1)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.progress)
        layout.addLayout(buttons)

    def _button(self, name: str, text: str, tip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setToolTip(tip)
        button.setAccessibleName(text.replace("&", ""))
        button.setAutoDefault(False)
        return button

    def _show_problems(self) -> bool:
        """Validate every binding as the form would; True when an error blocks Apply."""
        from b24admin.core.manifest import manifest_problems

        problems = manifest_problems(self.manifest, self._catalogue)
        if not problems:
            return False
        lines = []
        for number, problem in problems:
            placement = self.manifest.bindings[number - 1].placement
            binding = self.tr("Binding {number} ({placement}):")
            if problem.is_error:
                issue = self.tr("error: {where}: {message}")
            else:
                issue = self.tr("warning: {where}: {message}")
            fields = {"where": problem.field, "message": problem.message}
            lines.append(
                binding.format(number=number, placement=placement) + " " + issue.format(**fields)
            )
        blocking = any(problem.is_error for _number, problem in problems)
        if blocking:
            lines.append(self.tr("Fix these in the file and import it again: nothing is sent."))
        self.problems_label.setText("\n".join(lines))
        self.problems_label.show()
        return blocking

    # -- planning -------------------------------------------------------------------------

    def start(self) -> None:
        """Read placement.get in a worker and show the plan."""
        self.state = "planning"
        self._update_buttons()
        factory, service, profile = self._factory, self._service, self.profile

        def read() -> list[dict[str, Any]]:
            with factory(profile, service) as client:
                return list(client.get_bindings())

        self._runner.submit(read, on_success=self._listed, on_failure=self._plan_failed)

    def _listed(self, entries: object) -> None:
        assert isinstance(entries, list)
        self._entries = entries
        self._show_plan()

    def _plan_failed(self, error: B24Error) -> None:
        self.state = "failed"
        self.summary_label.setText(
            self.tr("Could not read the portal's widgets: {0}").format(error.summary)
        )
        self._update_buttons()
        self._dialogs.error(self._dialog_parent(), error)
        self.failed.emit(error)

    def _dialog_parent(self) -> QWidget:
        """Where to show an error: here, or the window if this dialog was closed meanwhile."""
        parent = self.parentWidget()
        return self if self.isVisible() or parent is None else parent

    @Slot(bool)
    def _on_prune_toggled(self, _checked: bool) -> None:
        if self._entries is not None and self.state == "ready":
            self._show_plan()

    def _show_plan(self) -> None:
        from b24admin.core.sync import compute_plan

        assert self._entries is not None
        prune = self.prune_check.isChecked()
        plan = self.plan = compute_plan(self.manifest, self._entries, self._catalogue, prune=prune)
        self.plan_view.set_plan(plan)
        self.state = "ready"
        if plan.pending:
            self.summary_label.setText(self.tr("Plan: {0}.").format(plan.summary()))
        else:
            self.summary_label.setText(
                self.tr("Nothing to do: the portal already matches the manifest. ({0})").format(
                    plan.summary()
                )
            )
        self._update_buttons()
        self.planned.emit(plan)

    # -- applying -------------------------------------------------------------------------

    @Slot()
    def apply(self) -> None:
        """Send the plan's pending items (in a worker); Cancel stops between batches."""
        from b24admin.core.sync import apply_plan

        plan = self.plan
        if plan is None or not plan.pending or self.state != "ready" or self._blocking_errors:
            return
        self.state = "applying"
        self._cancel = cancel = threading.Event()
        self.progress.setRange(0, len(plan.pending))
        self.progress.setValue(0)
        self.progress.show()
        self.plan_view.mark_waiting(plan.pending)
        self.summary_label.setText(
            ngettext(
                "Sending {count} change…", "Sending {count} changes…", len(plan.pending)
            ).format(count=len(plan.pending))
        )
        self._update_buttons()
        factory, service, profile = self._factory, self._service, self.profile
        signals = self._signals

        def send() -> SyncReport:
            with factory(profile, service) as client:
                return apply_plan(
                    client,
                    plan,
                    progress=signals.progressed.emit,
                    on_result=signals.itemFinished.emit,
                    cancel=cancel,
                )

        self._runner.submit(send, on_success=self._applied, on_failure=self._apply_failed)

    @Slot()
    def cancel(self) -> None:
        """Stop after the batch in flight (what it carries still completes)."""
        if self.state != "applying":
            return
        self._cancel.set()
        self.cancel_button.setEnabled(False)
        self.cancel_button.setText(self.tr("Cancelling…"))
        self.summary_label.setText(
            self.tr("Cancelling: the batch in flight finishes first (an unbind keeps its bind).")
        )

    @Slot(int, int)
    def _progressed(self, done: int, total: int) -> None:
        self.progress.setMaximum(total)
        self.progress.setValue(done)

    @Slot(object)
    def _item_finished(self, result: object) -> None:
        self.plan_view.show_result(cast("ItemResult", result))

    def _applied(self, report: object) -> None:
        from b24admin.core.sync import Outcome, SyncReport

        assert isinstance(report, SyncReport)
        self.report = report
        self.state = "done"
        self.progress.setValue(len(report.results) - report.count(Outcome.NOT_SENT))
        text = self.tr("Result: {0}.").format(report.summary())
        if report.cancelled:
            text += " " + self.tr("Cancelled: the items marked “not sent” were not sent.")
        if report.count(Outcome.UNKNOWN):
            text += " " + self.tr(
                "Items marked “unknown” may or may not have been applied: sync again to see; "
                "its plan is computed from what the portal has then."
            )
        self.summary_label.setText(text)
        self._update_buttons()
        if report.stopped_by is not None:
            self._dialogs.error(self, report.stopped_by)
        self.applied.emit(report)

    def _apply_failed(self, error: B24Error) -> None:
        # Raised before apply_plan sent anything (no client: keyring, profile): nothing changed.
        self.state = "ready"
        self.progress.hide()
        self.plan_view.clear_outcomes()
        self.summary_label.setText(self.tr("Nothing was sent: {0}").format(error.summary))
        self._update_buttons()
        self._dialogs.error(self, error)
        self.failed.emit(error)

    # -- buttons and closing --------------------------------------------------------------

    def _update_buttons(self) -> None:
        applying = self.state == "applying"
        pending = self.plan is not None and bool(self.plan.pending)
        can_apply = self.state == "ready" and pending and not self._blocking_errors
        self.apply_button.setEnabled(can_apply)
        if self._blocking_errors:
            self.apply_button.setToolTip(self.tr("The manifest has errors (listed above)"))
        elif not pending and self.state == "ready":
            self.apply_button.setToolTip(self.tr("The portal already matches the manifest"))
        else:
            self.apply_button.setToolTip(self.tr("Send the plan to the portal"))
        self.cancel_button.setEnabled(applying and not self._cancel.is_set())
        if not applying:
            self.cancel_button.setText(self.tr("&Cancel sync"))
        self.close_button.setEnabled(not applying)
        self.prune_check.setEnabled(self.state == "ready")

    def reject(self) -> None:
        """Escape or Close: while a sync runs it cancels instead (the dialog stays to report)."""
        if self.state == "applying":
            self.cancel()
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if self.state == "applying":
            self.cancel()
            event.ignore()
            return
        super().closeEvent(event)
