"""Create or update, decided from the portal; every change reported in the window with Undo.

The bind flow reads placement.get before it sends anything and asks :meth:`WriteFlow.decide`:

- nothing on the portal has the form's placement and handler (nor is the form editing a widget
  that is still there): a new widget, bound by the bind flow;
- the portal's widget already is what the form says: "nothing to change", nothing is sent;
- otherwise an update: the dialog shows what will change, line by line like the sync plan, and
  only "Update widget" sends it (unbind + bind, with the original put back if the bind fails:
  :func:`b24admin.core.safe_edit.edit_binding`). Nothing is unbound without that agreement.

The primary button says which it will be ("Bind" or "Update widget") from the installed list,
which the manage views keep current. After a bind, an update or an unbind the outcome is said in
the status bar with "Show in list" and Undo, until the next change: Undo unbinds a bound widget,
binds again what was unbound, and puts an updated widget back as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal, Slot

from b24admin.core.bind_request import BindRequest
from b24admin.core.errors import B24Error
from b24admin.core.profiles import Profile
from b24admin.gui.manage.bindings_model import InstalledWidget, WidgetKey
from b24admin.gui.manage.services import ManageServices
from b24admin.gui.outcome_notice import OutcomeNotice

if TYPE_CHECKING:
    from b24admin.core.profile_service import ProfileService
    from b24admin.core.safe_edit import EditOutcome
    from b24admin.gui.bind_outcome import BindOutcome
    from b24admin.gui.form.bind_form import BindForm
    from b24admin.gui.manage.bindings_model import InstalledWidgetsModel
    from b24admin.gui.manage.edit_session import EditSession

#: Reads placement.get again and selects these rows (the manage views' refresh).
Refresh = Callable[[set[WidgetKey]], None]


def _key(request: BindRequest) -> WidgetKey:
    from b24admin.core.manifest import binding_key

    return binding_key(request)


class WriteFlow(QObject):
    """Decides create or update, and offers Undo after every change.

    Signals:
        unchanged(object): the BindRequest the portal already has (nothing was sent).
        undone(object): an Undo ended: None when it worked, else its B24Error.
    """

    unchanged = Signal(object)
    undone = Signal(object)

    def __init__(
        self,
        services: ManageServices,
        model: InstalledWidgetsModel,
        edit_session: EditSession,
        notice: OutcomeNotice,
        refresh: Refresh,
        show_in_list: Callable[[set[WidgetKey]], None],
    ) -> None:
        super().__init__(services.host)
        self._services = services
        self._model = model
        self._edit = edit_session
        self.notice = notice
        self._refresh = refresh
        self._show_in_list = show_in_list
        self._form: BindForm | None = None
        model.modelReset.connect(self.update_button)
        edit_session.editingChanged.connect(lambda _widget: self.update_button())

    # -- what the button says ---------------------------------------------------------------

    def watch(self, form: BindForm) -> None:
        """Keep ``form``'s button saying "Bind" or "Update widget"."""
        self._form = form
        form.requestChanged.connect(lambda _request: self.update_button())
        self.update_button()

    def existing(self, profile: Profile | None, request: BindRequest) -> InstalledWidget | None:
        """The listed widget a bind of ``request`` would change (None: a new one)."""
        model = self._model
        if profile is None or not model.loaded or model.profile_name != profile.name:
            return None
        found = model.find(_key(request))
        original = self._edit.original
        if found is None and original is not None and self._edit.profile_name == profile.name:
            found = model.find(original.key)  # the form moves the edited widget elsewhere
        return found

    @Slot()
    def update_button(self) -> None:
        form = self._form
        if form is not None:
            profile = self._services.current_profile()
            form.set_updates_existing(self.existing(profile, form.request()) is not None)

    # -- deciding (the bind flow's decider) -------------------------------------------------

    def decide(
        self,
        form: BindForm,
        profile: Profile,
        service: ProfileService,
        request: BindRequest,
        entries: list[Mapping[str, Any]],
    ) -> bool:
        from b24admin.core.manifest import differences, portal_key, portal_matches

        catalogue = self._services.catalogue()
        by_key = {portal_key(entry): entry for entry in entries}
        entry = by_key.get(_key(request))
        original = self._edit.original
        if entry is None and original is not None and self._edit.profile_name == profile.name:
            entry = by_key.get(original.key)
        if entry is None:
            return False  # a new widget: the bind flow binds it
        current = InstalledWidget.from_entry(entry, catalogue)
        if portal_matches(request, entry, catalogue):
            text = self.tr(
                "Nothing to change: the {placement} widget on “{profile}” already is what the "
                "form says. Nothing was sent."
            ).format(placement=current.placement, profile=profile.name)
            self._services.show_status("")
            self.notice.say(text, show_in_list=lambda: self._show_in_list({current.key}))
            self.unchanged.emit(request)
            return True
        changes = differences(request, entry, catalogue)
        if _key(request) != current.key:
            changes.insert(
                0,
                self.tr("HANDLER: {old} → {new}").format(
                    old=current.handler, new=request.handler.strip()
                ),
            )
        text = self.tr(
            "The {placement} widget with this handler is already on “{profile}”. Update it?\n\n"
            "{changes}\n\nb24admin unbinds it and binds the form; if the portal refuses the "
            "form, the original is bound again."
        ).format(
            placement=current.placement,
            profile=profile.name,
            changes="\n".join(f"• {line}" for line in changes),
        )
        self._services.show_status("")
        box = self._services.dialogs.confirm(
            self._services.host,
            self.tr("Update widget"),
            text,
            lambda: self._update(form, profile, service, current, request),
            yes_text=self.tr("Update widget"),
        )
        box.setObjectName("updateWidgetDialog")
        return True

    def replace(
        self, form: BindForm, profile: Profile, service: ProfileService, request: BindRequest
    ) -> None:
        """ "Replace with this form" (the duplicate-handler error): the user has agreed; read
        the widget the portal has, then update it."""
        factory = self._services.client_factory

        def look() -> list[Mapping[str, Any]]:
            with factory(profile, service) as client:
                return list(client.get_bindings())

        def looked(entries: list[Mapping[str, Any]]) -> None:
            from b24admin.core.manifest import portal_key

            catalogue = self._services.catalogue()
            for entry in entries:
                if portal_key(entry) == _key(request):
                    current = InstalledWidget.from_entry(entry, catalogue)
                    self._update(form, profile, service, current, request)
                    return
            self._services.form().try_bind()  # gone meanwhile: a plain bind again

        def failed(error: B24Error) -> None:
            self._services.dialogs.error(self._services.host, error)

        self._services.runner.submit(look, on_success=looked, on_failure=failed)

    def _update(
        self,
        form: BindForm,
        profile: Profile,
        service: ProfileService,
        current: InstalledWidget,
        request: BindRequest,
    ) -> None:
        self.notice.clear()  # a new change: the previous Undo no longer applies
        self._edit.run(form, profile, service, current, request)

    # -- outcomes ---------------------------------------------------------------------------

    def bound(self, outcome: BindOutcome) -> None:
        """A new widget is on the portal: say so, select it, offer to remove it again."""
        from b24admin.gui.bind_outcome import describe_bound

        key = _key(outcome.request)
        profile = self._services.current_profile()
        self._services.show_status("")
        self.notice.say(
            describe_bound(outcome),
            show_in_list=lambda: self._show_in_list({key}),
            undo=self._undo_with(profile, lambda client: client.unbind(*key)),
            undo_tip=self.tr("Remove the widget just registered (placement.unbind)"),
        )
        self._refresh({key})

    def edited(self, original: InstalledWidget, edited: BindRequest, outcome: EditOutcome) -> None:
        """An update applied: say so, select it, offer to put the original back."""
        key = _key(edited)
        profile = self._services.current_profile()
        before = original.request()

        def restore(client: Any) -> None:
            from b24admin.core.safe_edit import edit_binding

            result = edit_binding(client, edited, before, catalogue=self._services.catalogue())
            if not result.applied:
                from b24admin.gui.manage.edit_session import edit_error

                raise edit_error(result)

        self._services.show_status("")
        self.notice.say(
            self.tr("Updated the {placement} widget ({handler}). {outcome}").format(
                placement=original.placement, handler=key[1], outcome=outcome.message()
            ),
            show_in_list=lambda: self._show_in_list({key}),
            undo=self._undo_with(profile, restore, select={original.key}),
            undo_tip=self.tr("Put the widget back as it was before the update"),
        )
        self._refresh({key})

    def unbound(self, removed: list[InstalledWidget]) -> None:
        """Widgets were removed: say which, offer to bind them again."""
        if not removed:
            return
        profile = self._services.current_profile()
        requests = [widget.request() for widget in removed]

        def bind_again(client: Any) -> None:
            for request in requests:
                client.bind(request)

        from b24admin.core.i18n import ngettext

        text = ngettext(
            "Removed the {placement} widget ({handler}).",
            "Removed {count} widgets.",
            len(removed),
        ).format(placement=removed[0].placement, handler=removed[0].handler, count=len(removed))
        self._services.show_status("")
        self.notice.say(
            text,
            undo=self._undo_with(profile, bind_again, select={w.key for w in removed}),
            undo_tip=self.tr("Bind the removed widgets again, as they were"),
        )

    # -- undo -------------------------------------------------------------------------------

    def _undo_with(
        self,
        profile: Profile | None,
        step: Callable[[Any], None],
        *,
        select: set[WidgetKey] | None = None,
    ) -> Callable[[], None] | None:
        """An Undo that runs ``step`` with a client of ``profile`` in a worker."""
        if profile is None:
            return None
        services = self._services

        def undo() -> None:
            if services.current_profile() != profile:
                return  # another portal now: its notice was cleared anyway
            factory, service = services.client_factory, services.service
            services.show_status(self.tr("Undoing…"))

            def run() -> None:
                with factory(profile, service) as client:
                    step(client)

            services.runner.submit(
                run,
                on_success=lambda _result: self._undo_done(select or set()),
                on_failure=self._undo_failed,
            )

        return undo

    def _undo_done(self, select: set[WidgetKey]) -> None:
        self._services.show_status("")
        self.notice.say(self.tr("Undone: the portal is as it was before."))
        self._refresh(select)
        self.undone.emit(None)

    def _undo_failed(self, error: B24Error) -> None:
        self._services.show_status(self.tr("Could not undo: {0}").format(error.summary), 15000)
        self.notice.clear()
        self._services.dialogs.error(self._services.host, error)
        self._refresh(set())
        self.undone.emit(error)
