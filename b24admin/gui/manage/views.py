"""ManageViews: the Installed widgets and Activity docks of the main window, the View menu
entries that toggle them, and the installed-widgets list (placement.get) behind them.

The docks are added at once (so the window's saved state can place them), but filled after the
window's first paint: their widgets, models and modules are not needed to show the window, and
start-up stays fast. Anything that asks for them earlier (a test, an action) builds them then.

Every network call runs in the window's JobRunner. The list keeps itself current: it is read
when a profile is connected (just after the window's first frame at start-up, after adding or
switching a profile), after every bind, update, unbind and sync (selecting the row concerned),
and when the user asks (Refresh, F5). Nothing is read before the window is on screen.

The write flow (gui/manage/write_flow.py) decides whether the form's Bind creates a widget or
updates one, and reports every change in the status bar with "Show in list" and Undo.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QAbstractButton, QDockWidget, QMenu

from b24admin.core.errors import B24Error, ErrorKind
from b24admin.core.i18n import ngettext
from b24admin.core.profiles import Profile
from b24admin.gui.first_paint import call_after_first_paint
from b24admin.gui.manage.services import ManageServices
from b24admin.gui.outcome_notice import OutcomeNotice

if TYPE_CHECKING:
    from b24admin.core.bind_request import BindRequest
    from b24admin.core.profile_service import ProfileService
    from b24admin.gui.form.bind_form import BindForm
    from b24admin.gui.manage.bindings_model import InstalledWidgetsModel, WidgetKey
    from b24admin.gui.manage.edit_session import EditSession
    from b24admin.gui.manage.installed_panel import InstalledPanel
    from b24admin.gui.manage.log_pane import ActivityLogPane
    from b24admin.gui.manage.widget_actions import WidgetActions
    from b24admin.gui.manage.write_flow import WriteFlow

# Errors after which a bind may have happened although it did not say so.
_MAY_HAVE_BOUND = (ErrorKind.NETWORK, ErrorKind.TIMEOUT, ErrorKind.PROTOCOL)


@dataclass(frozen=True)
class _Parts:
    """What build() makes."""

    model: InstalledWidgetsModel
    panel: InstalledPanel
    log_pane: ActivityLogPane
    edit_session: EditSession
    actions: WidgetActions
    writes: WriteFlow


DEFAULT_DOCK_HEIGHT = 260  # px: about five rows of the installed-widgets table


class ManageViews(QObject):
    """The docks, the View menu entries, and the installed-widgets list.

    Signals:
        refreshed(): the list was read again and shows the portal's widgets.
        refreshFailed(object): the B24Error of a failed refresh.
    """

    refreshed = Signal()
    refreshFailed = Signal(object)

    def __init__(self, services: ManageServices) -> None:
        window = services.host
        super().__init__(window)
        self.setObjectName("manageViews")
        self.services = services
        self._generation = 0  # a refresh's answer counts only if no newer one was started
        self._profile_name = ""
        self._select_next: set[WidgetKey] | None = None  # rows the next answer selects
        self._reload_edited = False  # after a sync: the form takes the edited widget's new state
        self._reading = False  # a placement.get for the current profile is on its way
        self._parts: _Parts | None = None
        self._form: BindForm | None = None
        self.installed_dock = self._dock("installedDock", self.tr("Installed widgets"))
        self.activity_dock = self._dock("activityDock", self.tr("Activity"))
        window.tabifyDockWidget(self.installed_dock, self.activity_dock)
        self.installed_dock.raise_()
        # A modest default: the bind form is the main work; a saved layout overrides this.
        window.resizeDocks([self.installed_dock], [DEFAULT_DOCK_HEIGHT], Qt.Orientation.Vertical)
        self._add_view_menu()
        for signal in services.profile_changed:
            signal.connect(self._profile_maybe_changed)
        services.bind_finished.connect(self._bind_finished)
        # How each change went, in the status bar (with Show in list and Undo).
        self.notice = OutcomeNotice(window.statusBar())
        window.statusBar().addPermanentWidget(self.notice, 1)
        call_after_first_paint(window, self.build)  # not if the window went first
        app = QCoreApplication.instance()
        if app is not None:  # quitting mid-sync: stop after the batch in flight, lose nothing
            app.aboutToQuit.connect(self._cancel_running_sync)

    @Slot()
    def _cancel_running_sync(self) -> None:
        if self._parts is not None and self._parts.actions.sync_dialog is not None:
            self._parts.actions.sync_dialog.cancel()

    # -- the parts, built on first need ---------------------------------------------------

    def build(self) -> None:
        """Fill the docks (once): the table, the activity pane, the edit hook, the actions."""
        if self._parts is not None:
            return
        from b24admin.gui.manage.bindings_model import InstalledWidgetsModel
        from b24admin.gui.manage.edit_session import EditSession
        from b24admin.gui.manage.installed_panel import InstalledPanel
        from b24admin.gui.manage.log_pane import ActivityLogPane
        from b24admin.gui.manage.widget_actions import WidgetActions
        from b24admin.gui.manage.write_flow import WriteFlow

        services = self.services
        model = InstalledWidgetsModel(self)
        panel = InstalledPanel(model, self.installed_dock)
        log_pane = ActivityLogPane(self.activity_dock)
        self.installed_dock.setWidget(panel)
        self.activity_dock.setWidget(log_pane)
        edit_session = EditSession(services, model)
        actions = WidgetActions(self, services)
        writes = WriteFlow(
            services,
            model,
            edit_session,
            self.notice,
            refresh=lambda keys: self.refresh(select=keys),
            show_in_list=self.show_in_list,
        )
        self._parts = _Parts(model, panel, log_pane, edit_session, actions, writes)
        if self._form is not None:
            writes.watch(self._form)

        panel.refresh_button.clicked.connect(self.refresh_clicked)
        panel.edit_button.clicked.connect(actions.edit_selected)
        panel.duplicate_button.clicked.connect(actions.duplicate_selected)
        panel.try_button.clicked.connect(actions.try_selected)
        panel.unbind_button.clicked.connect(actions.unbind_selected)
        panel.export_button.clicked.connect(actions.export_widgets)
        panel.import_button.clicked.connect(actions.import_manifest)
        panel.sync_button.clicked.connect(actions.sync)
        panel.stop_edit_button.clicked.connect(edit_session.stop)
        edit_session.editingChanged.connect(panel.set_editing)
        edit_session.applied.connect(lambda done: writes.edited(*done))
        edit_session.editFinished.connect(self._edit_finished)
        actions.unbound.connect(lambda result: writes.unbound(result[0]))
        self._profile_maybe_changed()
        log_pane.subscribe()

    def _built(self) -> _Parts:
        self.build()
        assert self._parts is not None
        return self._parts

    @property
    def model(self) -> InstalledWidgetsModel:
        return self._built().model

    @property
    def panel(self) -> InstalledPanel:
        return self._built().panel

    @property
    def log_pane(self) -> ActivityLogPane:
        return self._built().log_pane

    @property
    def edit_session(self) -> EditSession:
        return self._built().edit_session

    @property
    def actions(self) -> WidgetActions:
        return self._built().actions

    @property
    def writes(self) -> WriteFlow:
        return self._built().writes

    def attach_form(self, form: BindForm) -> None:
        """The window built its bind form: its button follows the list ("Update widget")."""
        self._form = form
        if self._parts is not None:
            self._parts.writes.watch(form)

    def _dock(self, name: str, title: str) -> QDockWidget:
        dock = QDockWidget(title, self.services.host)
        dock.setObjectName(name)  # saveState/restoreState find docks by objectName
        dock.setAllowedAreas(Qt.DockWidgetArea.AllDockWidgetAreas)
        for inner in dock.findChildren(QAbstractButton):  # the title bar's float and close
            if not inner.accessibleName():
                float_button = inner.objectName() == "qt_dockwidget_floatbutton"
                what = self.tr("Float {0}") if float_button else self.tr("Close {0}")
                inner.setAccessibleName(what.format(title))
                inner.setToolTip(what.format(title))
        self.services.host.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        return dock

    def _add_view_menu(self) -> None:
        bar = self.services.host.menuBar()
        view = bar.findChild(QMenu, "viewMenu")  # View → Language (gui/language_menu.py)
        if view is not None:
            view.addSeparator()
        else:
            view = QMenu(self.tr("&View"), bar)
            view.setObjectName("viewMenu")
            menus = bar.actions()
            if len(menus) >= 2:  # File, View, Help: before the last (Help) menu
                bar.insertMenu(menus[-1], view)
            else:
                bar.addMenu(view)
        for dock, tip in (
            (self.installed_dock, self.tr("Show the widgets registered on the portal")),
            (self.activity_dock, self.tr("Show every call b24admin makes")),
        ):
            action = dock.toggleViewAction()
            action.setObjectName(f"{dock.objectName()}Action")
            action.setStatusTip(tip)
            action.setToolTip(tip)
            view.addAction(action)

    # -- the bind flow's decider ---------------------------------------------------------

    def decide(
        self,
        form: BindForm,
        profile: Profile,
        service: ProfileService,
        request: BindRequest,
        entries: list[Mapping[str, Any]],
    ) -> bool:
        """Create or update, from what placement.get answered (see write_flow.py). Before the
        docks are built nothing is listed or being edited: every bind is a plain one."""
        if self._parts is None:
            return False
        return self._parts.writes.decide(form, profile, service, request, entries)

    def replace(
        self, form: BindForm, profile: Profile, service: ProfileService, request: BindRequest
    ) -> None:
        """ "Replace with this form" after the portal said the handler is already bound."""
        self.writes.replace(form, profile, service, request)

    # -- the list -------------------------------------------------------------------------

    @Slot()
    def _profile_maybe_changed(self, *_args: object) -> None:
        if self._parts is None:
            return  # build() catches up
        profile = self.services.current_profile()
        name = profile.name if profile is not None else ""
        self.panel.set_profile_available(profile is not None)
        if name == self._profile_name and self.model.profile_name == name:
            return
        self._profile_name = name
        self._generation += 1  # an answer for the previous profile no longer counts
        self._reading = False
        self.model.clear(name)
        self.edit_session.stop()
        self.notice.clear()  # its Undo was for the previous portal
        self.panel.set_busy(False)
        if profile is None:
            self.panel.set_status(self.tr("Choose a connection profile to see its widgets."))
        else:
            # A turn of the event loop later: at start-up the form is built first.
            QTimer.singleShot(0, self, lambda: self._refresh_if_current(name))

    def _refresh_if_current(self, name: str) -> None:
        profile = self.services.current_profile()
        current = profile is not None and profile.name == name
        if current and not self.model.loaded and not self._reading:
            self.refresh()

    @Slot()
    def refresh_clicked(self) -> None:
        self.refresh(user=True)

    def refresh_after_sync(self) -> None:
        """Read the list after a sync; the form then shows the current version of the widget
        it edits (the sync may have changed or removed it)."""
        self._reload_edited = True
        self.refresh()

    def _reload_edited_widget(self) -> None:
        self._reload_edited = False
        original = self.edit_session.original
        if original is None:
            return
        current = self.model.find(original.key)
        if current is None:
            self.edit_session.stop()
            self.services.show_status(
                self.tr("The sync removed the {0} widget the form was editing.").format(
                    original.placement
                ),
                15000,
            )
        elif current.request() != original.request():
            self.edit_session.begin(current)
            self.services.show_status(
                self.tr("The form shows the {0} widget as the sync left it.").format(
                    current.placement
                ),
                15000,
            )

    def show_in_list(self, keys: set[WidgetKey]) -> None:
        """Show Installed widgets with these rows selected and the table focused."""
        self.installed_dock.show()
        self.installed_dock.raise_()
        self.panel.select_keys(keys)
        self.panel.table.setFocus()

    def refresh(self, *, user: bool = False, select: set[WidgetKey] | None = None) -> None:
        """Read placement.get in a worker; errors go to the status line (and a dialog when the
        user asked). ``select``: the rows to select in the answer (else the selection stays)."""
        profile = self.services.current_profile()
        if profile is None:
            return
        if select is not None:
            self._select_next = select
        self._generation += 1
        generation = self._generation
        self._reading = True
        factory, service = self.services.client_factory, self.services.service
        self.panel.set_busy(True)
        self.panel.set_status(self.tr("Reading the widgets of “{0}”…").format(profile.name))

        def read() -> list[Mapping[str, Any]]:
            with factory(profile, service) as client:
                return list(client.get_bindings())

        self.services.runner.submit(
            read,
            on_success=lambda entries: self._listed(generation, profile, entries),
            on_failure=lambda error: self._list_failed(generation, error, user),
        )

    def _listed(self, generation: int, profile: Profile, entries: list[Mapping[str, Any]]) -> None:
        if generation != self._generation:
            return
        self._reading = False
        selected = {w.key for w in self.panel.selected_widgets()}
        if self._select_next is not None:
            selected, self._select_next = self._select_next, None
        from b24admin.gui.manage.bindings_model import widgets_from_entries

        widgets = widgets_from_entries(entries, self.services.catalogue())
        self.model.set_widgets(widgets, profile.name)
        self.panel.select_keys(selected)
        self.panel.set_busy(False)
        if self._reload_edited:
            self._reload_edited_widget()
        count = len(widgets)
        self.panel.set_status(
            ngettext(
                "{count} widget registered on “{profile}”.",
                "{count} widgets registered on “{profile}”.",
                count,
            ).format(count=count, profile=profile.name)
            if count
            else self.tr("No widgets registered on “{0}” by this application.").format(profile.name)
        )
        self.refreshed.emit()

    def _list_failed(self, generation: int, error: B24Error, user: bool) -> None:
        if generation != self._generation:
            return
        self._reading = False
        self.panel.set_busy(False)
        self.panel.set_status(self.tr("Could not list the widgets: {0}").format(error.summary))
        if user:
            self.services.dialogs.error(self.services.host, error)
        self.refreshFailed.emit(error)

    @Slot(object)
    def _bind_finished(self, outcome: object) -> None:
        if self._parts is None:
            return
        from b24admin.gui.bind_outcome import BindOutcome

        if isinstance(outcome, BindOutcome):
            self._parts.writes.bound(outcome)  # says it, and reads the list selecting it
            return
        if isinstance(outcome, B24Error) and outcome.kind not in _MAY_HAVE_BOUND:
            return  # refused: nothing changed
        self.refresh()

    @Slot(object)
    def _edit_finished(self, outcome: object) -> None:
        if self._select_next is None:  # an applied edit already asked to select its row
            self.refresh()
