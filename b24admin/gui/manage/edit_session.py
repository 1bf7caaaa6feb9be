"""Safe edits from the bind form: changing an installed widget is unbind + bind.

Bitrix24 has no placement.update and refuses a second bind of the same (placement, handler)
(docs/bitrix24-notes.md), so "Edit" loads the widget into the bind form and remembers it. When
the user has agreed to an update (the write flow shows what changes and asks),
:func:`b24admin.core.safe_edit.edit_binding` does it: if the new bind fails the original is
bound again, and the user is told both. The form is never touched after the load, so the edit
survives every failure path (the next refresh shows the portal's truth).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from b24admin.core.bind_request import BindRequest
from b24admin.core.errors import B24Error
from b24admin.core.profiles import Profile
from b24admin.gui.manage.bindings_model import InstalledWidget, InstalledWidgetsModel

if TYPE_CHECKING:
    from b24admin.core.profile_service import ProfileService
    from b24admin.core.safe_edit import EditOutcome
    from b24admin.gui.form.bind_form import BindForm
    from b24admin.gui.manage.services import ManageServices


def edit_error(outcome: EditOutcome) -> B24Error:
    """The error dialog's content for an edit that did not apply: the outcome's words (what
    failed, and whether the original is back) over the portal's own error detail."""
    from b24admin.core.sync import Outcome

    situation = {
        Outcome.RESTORED: "EDIT_FAILED/restored",
        Outcome.UNKNOWN: "EDIT_FAILED/unknown",
        Outcome.LOST: "EDIT_FAILED/lost",
    }.get(outcome.outcome, "")
    words = B24Error.explained(
        "EDIT_FAILED", variant=situation, values={"outcome": outcome.message()}
    )
    base = outcome.error or outcome.restore_error
    if base is None:
        return words
    advice = f"{words.advice} {base.advice}" if base.advice else words.advice
    return replace(base, summary=words.summary, advice=advice)


class EditSession(QObject):
    """Remembers which installed widget the bind form edits and runs edits safely.

    Signals:
        editingChanged(object): the InstalledWidget being edited, or None.
        editFinished(object): an EditOutcome, or the B24Error that kept the edit from running.
        applied(object): (original InstalledWidget, edited BindRequest, EditOutcome) of an
            edit that is on the portal (emitted before editFinished).
    """

    editingChanged = Signal(object)
    editFinished = Signal(object)
    applied = Signal(object)

    def __init__(
        self,
        services: ManageServices,
        model: InstalledWidgetsModel,
    ) -> None:
        super().__init__(services.host)
        self._services = services
        self._model = model
        self.original: InstalledWidget | None = None
        self.profile_name = ""
        self.running = False

    def begin(self, widget: InstalledWidget) -> None:
        """Load ``widget`` into the bind form and remember it as the original."""
        self._services.form().set_request(widget.request())
        self.original = widget
        self.profile_name = self._model.profile_name
        self.editingChanged.emit(widget)

    def stop(self) -> None:
        """Forget the original: the form's next Bind is a plain bind again."""
        if self.original is not None:
            self.original = None
            self.editingChanged.emit(None)

    def original_for(self, profile: Profile, request: BindRequest) -> InstalledWidget | None:
        """The installed widget a bind of ``request`` replaces, or None for a plain bind."""
        if self._model.profile_name != profile.name or not self._model.loaded:
            return None
        from b24admin.core.manifest import binding_key

        existing = self._model.find(binding_key(request))
        if existing is not None:
            return existing
        original = self.original
        if original is not None and self.profile_name == profile.name:
            return self._model.find(original.key)  # a moved handler; gone if already removed
        return None

    def run(
        self,
        form: BindForm,
        profile: Profile,
        service: ProfileService,
        original: InstalledWidget,
        edited: BindRequest,
    ) -> None:
        """Replace ``original`` with ``edited`` safely, in a worker (the user has agreed)."""
        from b24admin.core.safe_edit import edit_binding

        self.running = True
        form.set_busy(True)
        self._services.show_status(
            self.tr("Changing the {placement} widget ({handler})…").format(
                placement=original.placement, handler=original.handler
            )
        )
        factory = self._services.client_factory
        catalogue = self._services.catalogue()
        before = original.request()

        def edit() -> Any:
            with factory(profile, service) as client:
                return edit_binding(client, before, edited, catalogue=catalogue)

        self._services.runner.submit(
            edit,
            on_success=lambda outcome: self._finished(original, edited, outcome),
            on_failure=self._failed,
            on_finished=self._release,
        )

    def _release(self) -> None:
        """Free the form: before anyone hears the outcome, and again after the outcome
        handlers in case one of them fails."""
        self.running = False
        self._services.form().set_busy(False)

    def _finished(
        self, original: InstalledWidget, edited: BindRequest, outcome: EditOutcome
    ) -> None:
        self._release()
        services = self._services
        if outcome.applied:
            self.stop()  # the original is gone; the edited widget is now what is installed
            self.applied.emit((original, edited, outcome))  # said in the window, with Undo
        else:
            services.show_status(self.tr("Not changed: {0}").format(outcome.message()), 15000)
            services.dialogs.error(services.host, edit_error(outcome))
        self.editFinished.emit(outcome)

    def _failed(self, error: B24Error) -> None:
        # The client could not be made (keyring, profile): nothing was sent.
        self._release()
        self._services.show_status(self.tr("Not changed: {0}").format(error.summary))
        self._services.dialogs.error(self._services.host, error)
        self.editFinished.emit(error)
