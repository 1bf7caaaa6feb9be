"""What the Installed widgets buttons do: edit, duplicate, try, unbind, export, import, sync.

Each network call runs in the window's JobRunner; after every change the list is read again.
Unbind always names what goes and always sends HANDLER and USER_ID (without HANDLER the portal
removes every handler of the placement, api-reference/widgets/placement-unbind.md).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot

from b24admin.core.errors import B24Error
from b24admin.core.i18n import ngettext
from b24admin.core.profiles import Profile
from b24admin.gui.manage.bindings_model import InstalledWidget, copy_handler
from b24admin.gui.manage.manifest_files import ManifestFiles

if TYPE_CHECKING:
    from b24admin.core.manifest import Manifest
    from b24admin.gui.manage.services import ManageServices
    from b24admin.gui.manage.sync_dialog import SyncDialog
    from b24admin.gui.manage.views import ManageViews


class WidgetActions(QObject):
    """The actions on installed widgets and manifests.

    Signals:
        unbound(object): the unbind ended: (removed InstalledWidgets, B24Error or None).
        exported(object): the Path a manifest was written to.
    """

    unbound = Signal(object)
    exported = Signal(object)

    def __init__(self, views: ManageViews, services: ManageServices) -> None:
        super().__init__(views)
        self._views = views
        self._services = services
        self.files = ManifestFiles(self)  # tests replace it (FixedManifestFiles)
        self.manifest: Manifest | None = None  # the one imported last
        self.manifest_source = ""
        self.sync_dialog: SyncDialog | None = None

    # -- edit, duplicate, unbind ----------------------------------------------------------

    def _single_selection(self) -> InstalledWidget | None:
        selected = self._views.panel.selected_widgets()
        return selected[0] if len(selected) == 1 else None

    @Slot()
    def edit_selected(self) -> None:
        """Load the selected widget into the bind form; its Bind replaces it safely."""
        widget = self._single_selection()
        if widget is None:
            return
        self._views.edit_session.begin(widget)
        self._services.show_status(
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
        taken = [w.handler for w in self._views.model.widgets() if w.placement == widget.placement]
        request = widget.request().with_changes(handler=copy_handler(widget.handler, taken))
        self._views.edit_session.stop()  # a copy is a new widget, not an edit
        self._services.form().set_request(request)
        self._services.show_status(
            self.tr("Loaded a copy with the handler {0}: Bind adds it as a second widget.").format(
                request.handler
            ),
            15000,
        )

    @Slot()
    def try_selected(self) -> None:
        """Try the selected widget's handler; the result shows in the form's try panel."""
        widget = self._single_selection()
        if widget is None:
            return
        # The form's Try signal runs the window's one try controller, as its own button does.
        self._services.form().tryHandlerRequested.emit(widget.placement, widget.handler)

    @Slot()
    def unbind_selected(self) -> None:
        """Ask, naming exactly what goes; then unbind each one with its HANDLER and USER_ID."""
        widgets = self._views.panel.selected_widgets()
        profile = self._services.current_profile()
        if not widgets or profile is None:
            return
        described = "\n\n".join(w.describe() for w in widgets)
        text = ngettext(
            "Remove {count} widget from “{profile}”?\n\n{described}\n\nplacement.unbind is "
            "sent with this HANDLER and USER_ID, so no other widget of the placement is touched.",
            "Remove {count} widgets from “{profile}”?\n\n{described}\n\nplacement.unbind is "
            "sent with their HANDLER and USER_ID, so no other widget of the placement is touched.",
            len(widgets),
        ).format(count=len(widgets), profile=profile.name, described=described)
        self._services.dialogs.confirm(
            self._services.host,
            self.tr("Unbind widgets"),
            text,
            lambda: self._unbind(profile, widgets),
            yes_text=self.tr("Unbind"),
            destructive=True,
        )

    def _unbind(self, profile: Profile, widgets: list[InstalledWidget]) -> None:
        factory, service = self._services.client_factory, self._services.service
        self._views.panel.set_busy(True)

        def unbind() -> tuple[list[InstalledWidget], B24Error | None]:
            removed: list[InstalledWidget] = []
            with factory(profile, service) as client:
                try:
                    for widget in widgets:
                        # Always with HANDLER: without it every handler of the placement goes.
                        client.unbind(widget.placement, widget.handler, widget.user_id)
                        removed.append(widget)
                except B24Error as error:
                    return removed, error
            return removed, None

        self._services.runner.submit(
            unbind, on_success=self._unbind_done, on_failure=self._unbind_failed
        )

    def _unbind_done(self, result: tuple[list[InstalledWidget], B24Error | None]) -> None:
        removed, error = result  # said in the window, with Undo (the write flow hears it)
        if self._views.edit_session.original is not None and any(
            w.key == self._views.edit_session.original.key for w in removed
        ):
            self._views.edit_session.stop()
        if error is not None:
            self._services.dialogs.error(self._services.host, error)
        self._views.refresh()
        self.unbound.emit((removed, error))

    def _unbind_failed(self, error: B24Error) -> None:
        self._views.panel.set_busy(False)
        self._services.dialogs.error(self._services.host, error)
        self.unbound.emit(([], error))

    # -- manifests and sync ---------------------------------------------------------------

    @Slot()
    def export_widgets(self) -> None:
        """Write the selected widgets (all when none is selected) to a manifest file."""
        widgets = self._views.panel.selected_widgets() or self._views.model.widgets()
        profile = self._services.current_profile()
        if not widgets or profile is None:
            return
        suggested = f"{profile.name}-widgets.json".replace("/", "-").replace(" ", "-")
        self.files.choose_save(
            self._services.host,
            ngettext(
                "Export {count} widget to a manifest",
                "Export {count} widgets to a manifest",
                len(widgets),
            ).format(count=len(widgets)),
            suggested,
            lambda path: self._export_to(path, widgets),
        )

    def _export_to(self, path: Path, widgets: list[InstalledWidget]) -> None:
        from b24admin.core.manifest import Manifest

        try:
            Manifest.from_portal([w.entry for w in widgets]).save(path)
        except B24Error as error:
            self._services.dialogs.error(self._services.host, error)
            return
        self._services.show_status(
            ngettext(
                "Exported {count} widget to {path}.",
                "Exported {count} widgets to {path}.",
                len(widgets),
            ).format(count=len(widgets), path=path),
            15000,
        )
        self.exported.emit(path)

    @Slot()
    def import_manifest(self) -> None:
        """Read a manifest and show it against the portal in the sync dialog (a dry run)."""
        self.files.choose_open(self._services.host, self.tr("Import a manifest"), self._import_from)

    def _import_from(self, path: Path) -> None:
        from b24admin.core.manifest import Manifest

        try:
            manifest = Manifest.load(path)
        except B24Error as error:
            self._services.dialogs.error(self._services.host, error)
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

        profile = self._services.current_profile()
        if self.manifest is None or profile is None:
            return None
        previous = self.sync_dialog
        if previous is not None and previous.state in ("ready", "done", "failed"):
            previous.deleteLater()  # no job of its own is running: nothing calls back into it
        dialog = self.sync_dialog = SyncDialog(
            self._services.host,
            runner=self._services.runner,
            dialogs=self._services.dialogs,
            client_factory=self._services.client_factory,
            service=self._services.service,
            profile=profile,
            manifest=self.manifest,
            source=self.manifest_source,
            catalogue=self._services.catalogue(),
        )
        dialog.applied.connect(lambda _report: self._views.refresh_after_sync())
        dialog.open()
        dialog.start()
        return dialog
