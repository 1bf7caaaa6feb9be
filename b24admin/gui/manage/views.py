"""ManageViews: the Installed widgets and Activity docks of the main window, and what their
buttons do (refresh, edit, duplicate, unbind, export, import, sync).

Every network call runs in the window's JobRunner. The list is read when the user asks
(Refresh) and, once the user has asked, again after every change: a bind, an edit, an unbind,
a sync, and a switch of profile. Until then nothing is sent on the user's behalf.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QDockWidget, QMenu

from b24admin.core.errors import B24Error, ErrorKind
from b24admin.core.profiles import Profile
from b24admin.gui.manage.bindings_model import (
    InstalledWidget,
    InstalledWidgetsModel,
    copy_handler,
    widgets_from_entries,
)
from b24admin.gui.manage.edit_session import EditSession, install_bind_interceptor
from b24admin.gui.manage.installed_panel import InstalledPanel
from b24admin.gui.manage.log_pane import ActivityLogPane
from b24admin.gui.manage.manifest_files import ManifestFiles

if TYPE_CHECKING:
    from b24admin.core.manifest import Manifest
    from b24admin.gui.bind_flow import ClientFactory
    from b24admin.gui.main_window import MainWindow
    from b24admin.gui.manage.sync_dialog import SyncDialog

# Errors after which a bind may have happened although it did not say so.
_MAY_HAVE_BOUND = (ErrorKind.NETWORK, ErrorKind.TIMEOUT, ErrorKind.PROTOCOL)


class ManageViews(QObject):
    """The docks, the View menu entries, and the actions on installed widgets.

    Signals:
        refreshed(): the list was read again and shows the portal's widgets.
        refreshFailed(object): the B24Error of a failed refresh.
        unbound(object): the unbind ended: (removed InstalledWidgets, B24Error or None).
        exported(object): the Path a manifest was written to.
    """

    refreshed = Signal()
    refreshFailed = Signal(object)
    unbound = Signal(object)
    exported = Signal(object)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("manageViews")
        self.window = window
        self.files = ManifestFiles(self)  # tests replace it (FixedManifestFiles)
        self.client_factory: ClientFactory | None = None  # None: the window's
        self.model = InstalledWidgetsModel(self)
        self.panel = InstalledPanel(self.model, window)
        self.log_pane = ActivityLogPane(window)
        self.installed_dock = self._dock("installedDock", self.tr("Installed widgets"), self.panel)
        self.activity_dock = self._dock("activityDock", self.tr("Activity"), self.log_pane)
        window.tabifyDockWidget(self.installed_dock, self.activity_dock)
        self.installed_dock.raise_()
        self._add_view_menu()

        self.edit_session = EditSession(window, self.model, self.factory)
        install_bind_interceptor(window.bind_flow, self.edit_session.intercept)
        self.manifest: Manifest | None = None
        self.manifest_source = ""
        self.sync_dialog: SyncDialog | None = None
        self.following = False  # the user has asked for the list: keep it current from now on
        self._generation = 0  # a refresh's answer counts only if no newer one was started
        self._profile_name = ""
        self._connect()
        self._profile_maybe_changed()
        # After the window is up: the activity log module and its file stay off start-up.
        QTimer.singleShot(0, self.log_pane.subscribe)

    def _dock(self, name: str, title: str, widget: Any) -> QDockWidget:
        dock = QDockWidget(title, self.window)
        dock.setObjectName(name)  # saveState/restoreState find docks by objectName
        dock.setWidget(widget)
        dock.setAllowedAreas(Qt.DockWidgetArea.AllDockWidgetAreas)
        self.window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        return dock

    def _add_view_menu(self) -> None:
        bar = self.window.menuBar()
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

    def _connect(self) -> None:
        panel, window = self.panel, self.window
        panel.refresh_button.clicked.connect(self.refresh_clicked)
        panel.edit_button.clicked.connect(self.edit_selected)
        panel.duplicate_button.clicked.connect(self.duplicate_selected)
        panel.unbind_button.clicked.connect(self.unbind_selected)
        panel.export_button.clicked.connect(self.export_widgets)
        panel.import_button.clicked.connect(self.import_manifest)
        panel.sync_button.clicked.connect(self.sync)
        panel.stop_edit_button.clicked.connect(self.edit_session.stop)
        self.edit_session.editingChanged.connect(panel.set_editing)
        self.edit_session.editFinished.connect(lambda _outcome: self.refresh())
        window.connection.profileSelected.connect(self._profile_maybe_changed)
        window.profilesReloaded.connect(self._profile_maybe_changed)
        window.bindFinished.connect(self._bind_finished)

    def factory(self) -> ClientFactory:
        """The client factory: this view's if set, else the window's (tests pass a fast one)."""
        if self.client_factory is not None:
            return self.client_factory
        factory = getattr(self.window, "client_factory", None)
        if factory is None:  # adapter until MainWindow exposes client_factory
            factory = getattr(self.window.bind_flow, "_client_factory", None)
        if factory is None:
            from b24admin.gui.bind_flow import open_portal_client

            factory = open_portal_client
        return factory

    # -- the list -------------------------------------------------------------------------

    @Slot()
    def _profile_maybe_changed(self, *_args: object) -> None:
        profile = self.window.current_profile()
        name = profile.name if profile is not None else ""
        self.panel.set_profile_available(profile is not None)
        if name == self._profile_name and self.model.profile_name == name:
            return
        self._profile_name = name
        self._generation += 1  # an answer for the previous profile no longer counts
        self.model.clear(name)
        self.edit_session.stop()
        self.panel.set_busy(False)
        if profile is None:
            self.panel.set_status(self.tr("Choose a connection profile to see its widgets."))
        elif self.following:
            self.refresh()
        else:
            self.panel.set_status(
                self.tr("Press Refresh to list the widgets registered on “{0}”.").format(name)
            )

    @Slot()
    def refresh_clicked(self) -> None:
        self.following = True
        self.refresh(user=True)

    def refresh(self, *, user: bool = False) -> None:
        """Read placement.get in a worker; errors go to the status line (and a dialog when the
        user asked)."""
        profile = self.window.current_profile()
        if profile is None:
            return
        self._generation += 1
        generation = self._generation
        factory, service = self.factory(), self.window.service
        self.panel.set_busy(True)
        self.panel.set_status(self.tr("Reading the widgets of “{0}”…").format(profile.name))

        def read() -> list[Mapping[str, Any]]:
            client = factory(profile, service)
            try:
                return list(client.get_bindings())
            finally:
                client.close()

        self.window.runner.submit(
            read,
            on_success=lambda entries: self._listed(generation, profile, entries),
            on_failure=lambda error: self._list_failed(generation, error, user),
        )

    def _listed(self, generation: int, profile: Profile, entries: list[Mapping[str, Any]]) -> None:
        if generation != self._generation:
            return
        selected = {w.key for w in self.panel.selected_widgets()}
        widgets = widgets_from_entries(entries, self.window.catalogue)
        self.model.set_widgets(widgets, profile.name)
        self.panel.select_keys(selected)
        self.panel.set_busy(False)
        count = len(widgets)
        self.panel.set_status(
            self.tr("{count} widget(s) registered on “{profile}”.").format(
                count=count, profile=profile.name
            )
            if count
            else self.tr("No widgets registered on “{0}” by this application.").format(profile.name)
        )
        self.refreshed.emit()

    def _list_failed(self, generation: int, error: B24Error, user: bool) -> None:
        if generation != self._generation:
            return
        self.panel.set_busy(False)
        self.panel.set_status(self.tr("Could not list the widgets: {0}").format(error.summary))
        if user:
            self.window.dialogs.error(self.window, error)
        self.refreshFailed.emit(error)

    @Slot(object)
    def _bind_finished(self, outcome: object) -> None:
        if not self.following:
            return
        if isinstance(outcome, B24Error) and outcome.kind not in _MAY_HAVE_BOUND:
            return  # refused: nothing changed
        self.refresh()

    # -- edit, duplicate, unbind ----------------------------------------------------------

    def _single_selection(self) -> InstalledWidget | None:
        selected = self.panel.selected_widgets()
        return selected[0] if len(selected) == 1 else None

    @Slot()
    def edit_selected(self) -> None:
        """Load the selected widget into the bind form; its Bind replaces it safely."""
        widget = self._single_selection()
        if widget is None:
            return
        self.following = True
        self.edit_session.begin(widget)
        self.window.statusBar().showMessage(
            self.tr("Editing {0}: change it in the form, then Bind to replace it.").format(
                widget.placement
            ),
            15000,
        )

    @Slot()
    def duplicate_selected(self) -> None:
        """Load a copy of the selected widget with a handler no widget of its placement uses."""
        widget = self._single_selection()
        if widget is None:
            return
        taken = [w.handler for w in self.model.widgets() if w.placement == widget.placement]
        request = widget.request().with_changes(handler=copy_handler(widget.handler, taken))
        self.edit_session.stop()  # a copy is a new widget, not an edit
        self.window.form.set_request(request)
        self.window.statusBar().showMessage(
            self.tr("Loaded a copy with the handler {0}: Bind adds it as a second widget.").format(
                request.handler
            ),
            15000,
        )

    @Slot()
    def unbind_selected(self) -> None:
        """Ask, naming exactly what goes; then unbind each one with its HANDLER and USER_ID."""
        widgets = self.panel.selected_widgets()
        profile = self.window.current_profile()
        if not widgets or profile is None:
            return
        described = "\n\n".join(w.describe() for w in widgets)
        text = self.tr(
            "Remove {count} widget(s) from “{profile}”?\n\n{described}\n\nplacement.unbind is "
            "sent with this HANDLER and USER_ID, so no other widget of the placement is touched."
        ).format(count=len(widgets), profile=profile.name, described=described)
        self.window.dialogs.confirm(
            self.window,
            self.tr("Unbind widgets"),
            text,
            lambda: self._unbind(profile, widgets),
            yes_text=self.tr("Unbind"),
            destructive=True,
        )

    def _unbind(self, profile: Profile, widgets: list[InstalledWidget]) -> None:
        factory, service = self.factory(), self.window.service
        self.following = True
        self.panel.set_busy(True)

        def unbind() -> tuple[list[InstalledWidget], B24Error | None]:
            removed: list[InstalledWidget] = []
            client = factory(profile, service)
            try:
                for widget in widgets:
                    # Always with HANDLER: without it every handler of the placement goes.
                    client.unbind(widget.placement, widget.handler, widget.user_id)
                    removed.append(widget)
            except B24Error as error:
                return removed, error
            finally:
                client.close()
            return removed, None

        self.window.runner.submit(
            unbind, on_success=self._unbind_done, on_failure=self._unbind_failed
        )

    def _unbind_done(self, result: tuple[list[InstalledWidget], B24Error | None]) -> None:
        removed, error = result
        self.window.statusBar().showMessage(
            self.tr("Unbound {0} widget(s).").format(len(removed)), 15000
        )
        if self.edit_session.original is not None and any(
            w.key == self.edit_session.original.key for w in removed
        ):
            self.edit_session.stop()
        if error is not None:
            self.window.dialogs.error(self.window, error)
        self.refresh()
        self.unbound.emit((removed, error))

    def _unbind_failed(self, error: B24Error) -> None:
        self.panel.set_busy(False)
        self.window.dialogs.error(self.window, error)
        self.unbound.emit(([], error))

    # -- manifests and sync ---------------------------------------------------------------

    @Slot()
    def export_widgets(self) -> None:
        """Write the selected widgets (all when none is selected) to a manifest file."""
        widgets = self.panel.selected_widgets() or self.model.widgets()
        profile = self.window.current_profile()
        if not widgets or profile is None:
            return
        suggested = f"{profile.name}-widgets.json".replace("/", "-").replace(" ", "-")
        self.files.choose_save(
            self.window,
            self.tr("Export {0} widget(s) to a manifest").format(len(widgets)),
            suggested,
            lambda path: self._export_to(path, widgets),
        )

    def _export_to(self, path: Path, widgets: list[InstalledWidget]) -> None:
        from b24admin.core.manifest import Manifest

        try:
            Manifest.from_portal([w.entry for w in widgets]).save(path)
        except B24Error as error:
            self.window.dialogs.error(self.window, error)
            return
        self.window.statusBar().showMessage(
            self.tr("Exported {count} widget(s) to {path}.").format(count=len(widgets), path=path),
            15000,
        )
        self.exported.emit(path)

    @Slot()
    def import_manifest(self) -> None:
        """Read a manifest and show it against the portal in the sync dialog (a dry run)."""
        self.files.choose_open(self.window, self.tr("Import a manifest"), self._import_from)

    def _import_from(self, path: Path) -> None:
        from b24admin.core.manifest import Manifest

        try:
            manifest = Manifest.load(path)
        except B24Error as error:
            self.window.dialogs.error(self.window, error)
            return
        self.manifest, self.manifest_source = manifest, path.name
        self.open_sync_dialog()

    @Slot()
    def sync(self) -> None:
        """The sync dialog for the imported manifest (asks for one first if there is none)."""
        if self.manifest is None:
            self.import_manifest()
        else:
            self.open_sync_dialog()

    def open_sync_dialog(self) -> SyncDialog | None:
        """Open the sync dialog for the imported manifest against the current profile."""
        from b24admin.gui.manage.sync_dialog import SyncDialog

        profile = self.window.current_profile()
        if self.manifest is None or profile is None:
            return None
        previous = self.sync_dialog
        if previous is not None and previous.state in ("ready", "done", "failed"):
            previous.deleteLater()  # no job of its own is running: nothing calls back into it
        self.following = True
        dialog = self.sync_dialog = SyncDialog(
            self.window,
            runner=self.window.runner,
            dialogs=self.window.dialogs,
            client_factory=self.factory(),
            service=self.window.service,
            profile=profile,
            manifest=self.manifest,
            source=self.manifest_source,
            catalogue=self.window.catalogue,
        )
        dialog.applied.connect(lambda _report: self.refresh())
        dialog.open()
        dialog.start()
        return dialog
