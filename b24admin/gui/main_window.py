"""The main window: the connection row, the bind form, and the desktop manners around them.

The window owns the services (profiles, worker runner, dialog seam, drafts) and wires the parts
together; the parts (ConnectionBar, BindForm, BindFlow, the profile dialog, the sandbox
session) know nothing of each other. It reads the config dir the core uses, so ``MainWindow()``
with no arguments is the real app.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from b24admin.core.bind_request import BindRequest
from b24admin.core.drafts import DraftStore
from b24admin.core.errors import B24Error
from b24admin.core.profiles import AuthKind, BrokenProfile, Profile
from b24admin.gui.app_icon import app_icon
from b24admin.gui.bind_flow import BindFlow
from b24admin.gui.connection_bar import ConnectionBar
from b24admin.gui.dialogs import Dialogs
from b24admin.gui.first_paint import call_after_first_paint
from b24admin.gui.handler_try_panel import attach_handler_try
from b24admin.gui.help_links import UrlOpener, desktop_opener, guide_path, log_folder
from b24admin.gui.language_menu import LanguageMenu
from b24admin.gui.portal_clients import ClientFactory, open_portal_client
from b24admin.gui.profile.profile_status import (
    describe_missing_secrets,
    describe_profile,
    missing_secrets,
)
from b24admin.gui.welcome_panel import WelcomePanel
from b24admin.gui.wheel_guard import install_wheel_guard
from b24admin.gui.window_layout import (
    add_connection_toolbar,
    add_preview_dock,
    arrange_side_tabs,
    fill_preview_dock,
    keep_form_width,
)
from b24admin.gui.window_menus import MenuCommands, WindowButtons, WindowMenus, show_about
from b24admin.gui.window_state import WindowState
from b24admin.gui.workers import JobRunner

if TYPE_CHECKING:
    from b24admin.core.catalogue import Catalogue
    from b24admin.core.diagnostics import ConnectionReport
    from b24admin.core.profile_service import ProfileService
    from b24admin.core.secrets import SecretKind
    from b24admin.gui.form.bind_form import BindForm
    from b24admin.gui.manage.installed_panel import InstalledPanel
    from b24admin.gui.manage.services import ManageServices
    from b24admin.gui.profile.profile_dialog import ProfileDialog
    from b24admin.gui.sandbox_session import SandboxSession

DRAFT_SAVE_DELAY_MS = 400
_WELCOME_PAGE, _FORM_PAGE = 0, 1


class MainWindow(QMainWindow):
    """b24admin's main window.

    Signals:
        profilesReloaded(): the profile list was read again (after load, add, edit, remove).
        sandboxConnected(str): the sandbox portal runs and its profile (the name) is selected.
        bindFinished(object): a bind ended, with a BindOutcome or the B24Error.
        formReady(): the bind form has been built (at start-up: just after the first frame).
    """

    profilesReloaded = Signal()
    sandboxConnected = Signal(str)
    bindFinished = Signal(object)
    formReady = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        service: ProfileService | None = None,
        runner: JobRunner | None = None,
        dialogs: Dialogs | None = None,
        drafts: DraftStore | None = None,
        catalogue: Catalogue | None = None,
        client_factory: ClientFactory | None = None,
        defer_form: bool = False,
    ) -> None:
        """``defer_form``: with a profile selected at start, build the bind form just after the
        window's first frame instead of before it (the app does; see gui/first_paint.py)."""
        super().__init__(parent)
        install_wheel_guard()  # the wheel scrolls; it changes only a box the user focused
        self.setObjectName("mainWindow")
        self.setWindowTitle("b24admin")
        self.setWindowIcon(app_icon())
        self.setMinimumSize(640, 480)
        if service is None:
            from b24admin.core.profile_service import ProfileService

            service = ProfileService()
        self.service = service
        self.runner = runner if runner is not None else JobRunner(self)
        self.dialogs = dialogs if dialogs is not None else Dialogs(self)
        self.drafts = drafts if drafts is not None else DraftStore()
        self.client_factory: ClientFactory = client_factory or open_portal_client
        self._catalogue = catalogue
        self._form: BindForm | None = None  # built when first shown (not on the welcome page)
        self.sandbox_session: SandboxSession | None = None
        self._session_profiles: dict[str, Profile] = {}  # metadata never written to disk
        self._profiles: dict[str, Profile] = {}
        self._broken: dict[str, BrokenProfile] = {}
        self._painted = not defer_form  # False until the first frame is on screen
        self._pending_profile: str | None = None  # selected before the form was built
        self._selected_profile = ""
        self._missing: list[SecretKind] = []  # the selected profile's secrets its store lacks
        # Per profile, the token scopes the last "Test connection" found (None: not known).
        self._granted_scopes: dict[str, list[str] | None] = {}
        self._secrets_generation = 0
        self._keyring_backend = ""  # learnt in a worker: naming the backend loads keyring
        self._asking_keyring = False

        self.connection = ConnectionBar(self)
        self.welcome = WelcomePanel(self)
        self._build_central()
        self.open_url: UrlOpener | None = None  # None: the desktop's (tests record instead)
        self.menus = self._build_menus()
        # View → Language first: the manage views add their docks' toggles to the same View menu.
        self.language_menu = LanguageMenu(self, self.dialogs, self.menus.help_menu.menuAction())
        from b24admin.gui.manage import attach_manage_views

        # Before the bind flow (which it decides for) and the state (it restores the docks).
        self.manage = attach_manage_views(self.manage_services())
        arrange_side_tabs(
            self, self.preview_dock, self.manage.installed_dock, self.manage.activity_dock
        )
        # After the manage views fill their docks (at the same first frame, registered later).
        call_after_first_paint(self, lambda: self.menus.attach_to_table(self.manage.panel.table))
        self.bind_flow = BindFlow(
            self,
            self.runner,
            self.dialogs,
            self.client_factory,
            self.open_profile_dialog,
            decider=self.manage,
        )
        self.bind_flow.finished.connect(self.bindFinished)

        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_SAVE_DELAY_MS)
        self._draft_timer.timeout.connect(self.save_draft)
        self._connect()

        if defer_form:
            call_after_first_paint(self, self._first_frame_shown)
        self._state = WindowState()
        self._state.restore(self)
        keep_form_width(self, self.preview_dock)
        self.reload_profiles(select=self._state.last_profile)

    def _build_menus(self) -> WindowMenus:
        def panel() -> InstalledPanel:
            return self.manage.panel

        commands = MenuCommands(
            add_profile=lambda: self.open_profile_dialog(None),
            connect_sandbox=self.connect_sandbox,
            bind=self._bind_from_menu,
            documentation=self._open_documentation,
            open_log_folder=self._open_log_folder,
            about=lambda: show_about(self, self.dialogs, self.runner, self.service.secrets),
        )
        buttons = WindowButtons(
            edit_profile=lambda: self.connection.edit_button,
            test_connection=lambda: self.connection.test_button,
            refresh=lambda: panel().refresh_button,
            edit=lambda: panel().edit_button,
            duplicate=lambda: panel().duplicate_button,
            unbind=lambda: panel().unbind_button,
            export=lambda: panel().export_button,
            import_=lambda: panel().import_button,
            sync=lambda: panel().sync_button,
            undo=lambda: self.manage.notice.undo_button,
        )
        return WindowMenus(self, commands, buttons)

    def _build_central(self) -> None:
        form_page = QWidget(self)  # the form scrolls its own fields
        form_page.setObjectName("formPage")
        self._form_page_layout = QVBoxLayout(form_page)
        self._form_page_layout.setContentsMargins(0, 0, 0, 0)
        self.pages = QStackedWidget(self)
        self.pages.setObjectName("centralPages")
        self.pages.insertWidget(_WELCOME_PAGE, self.welcome)
        self.pages.insertWidget(_FORM_PAGE, form_page)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.statusBar().setObjectName("statusBar")
        add_connection_toolbar(self, self.connection)
        self.preview_dock = add_preview_dock(self)

    def manage_services(self) -> ManageServices:
        """What the manage views (gui/manage) use of this window."""
        from b24admin.gui.manage.services import ManageServices

        return ManageServices(
            host=self,
            runner=self.runner,
            dialogs=self.dialogs,
            service=self.service,
            client_factory=self.client_factory,
            current_profile=self.current_profile,
            catalogue=lambda: self.catalogue,
            form=lambda: self.form,
            profile_changed=(self.connection.profileSelected, self.profilesReloaded),
            bind_finished=self.bindFinished,
        )

    @property
    def catalogue(self) -> Catalogue:
        """The placement catalogue (loaded with the form)."""
        if self._catalogue is None:
            from b24admin.core.catalogue import load_catalogue

            self._catalogue = load_catalogue()
        return self._catalogue

    @property
    def form(self) -> BindForm:
        """The bind form. Built on first use: a first start shows the welcome page instead,
        and should not pay for the form's widgets and the catalogue."""
        if self._form is None:
            from b24admin.gui.form.bind_form import BindForm
            from b24admin.gui.form.user_search import attach_user_search

            form = self._form = BindForm(self.catalogue, self, dialogs=self.dialogs)
            self._form_page_layout.addWidget(form)
            fill_preview_dock(self.preview_dock, form.detach_preview())
            # Tab order: the connection row, then into the form (which orders its own fields).
            QWidget.setTabOrder(self.connection.test_button, form.picker.combo)
            form.hand_shortcut_to_window()  # Widget → Bind has Ctrl+Return
            form.actionTextChanged.connect(self.menus.set_bind_text)
            self.manage.attach_form(form)  # its button says "Update widget" for a listed one
            form.requestChanged.connect(self._draft_timer.start)
            form.bindRequested.connect(self._on_bind_requested)
            form.curlWithSecretsRequested.connect(self._on_curl_with_secrets)
            self.handler_try = attach_handler_try(self, form)
            attach_user_search(
                form.user_search,
                self.runner,
                self.client_factory,
                self.service,
                self.current_profile,
            )
            # The form is the user's, whatever the profile: it comes back as it was left.
            draft = self.drafts.load_form(legacy_profile=self.connection.current_profile_name())
            if draft is not None:
                form.set_request(draft)
            pending, self._pending_profile = self._pending_profile, None
            if pending is not None:
                self._on_profile_selected(pending)  # its endpoint, now there is a form
            self.formReady.emit()
        return self._form

    @Slot()
    def _first_frame_shown(self) -> None:
        self._painted = True
        if self._pending_profile is not None:
            self.form  # noqa: B018 - builds the form for the profile selected at start-up
            # (and checks the profile's secrets, now that the window is on screen)

    def _connect(self) -> None:
        self.connection.profileSelected.connect(self._on_profile_selected)
        self.connection.addRequested.connect(lambda: self.open_profile_dialog(None))
        self.connection.editRequested.connect(self._edit_profile)
        self.connection.removeRequested.connect(self._remove_profile)
        self.connection.testRequested.connect(self._test_connection)
        self.welcome.addProfileRequested.connect(lambda: self.open_profile_dialog(None))
        self.welcome.sandboxRequested.connect(self.connect_sandbox)

    # --- profiles -----------------------------------------------------------------------------

    def reload_profiles(self, select: str | None = None) -> None:
        """Read the profiles again (the file, plus this session's) and show the right page."""
        try:
            inventory = self.service.store.inventory()
            stored, broken = inventory.profiles, inventory.broken
        except B24Error as error:
            stored, broken = [], []
            self.dialogs.error(self, error)
        stored_names = {p.name for p in stored}
        session = [p for name, p in self._session_profiles.items() if name not in stored_names]
        profiles = [*stored, *session]
        self._profiles = {p.name: p for p in profiles}
        # Listed, never hidden: one bad entry of the file must not look like a lost profile.
        self._broken = {f"#{b.number}": b for b in broken}
        shown_broken = [(key, b.label, b.reason) for key, b in self._broken.items()]
        self.connection.set_profiles(
            [p.name for p in profiles],
            select=select,
            broken=shown_broken,
            labels={p.name: self._profile_label(p) for p in profiles},
        )
        self._on_profile_selected(self.connection.current_profile_name())
        self.profilesReloaded.emit()

    def _profile_label(self, profile: Profile) -> str:
        """The profile selector's line: the name and what kind of connection it is."""
        kind = (
            self.tr("incoming webhook")
            if profile.auth is AuthKind.WEBHOOK
            else self.tr("local application")
        )
        return self.tr("{name} — {kind}").format(name=profile.name, kind=kind)

    def current_profile(self) -> Profile | None:
        """The profile selected in the connection row."""
        return self._profiles.get(self.connection.current_profile_name())

    def add_session_profile(self, profile: Profile) -> None:
        """Show a profile that lives for this run only (its secrets are already stored)."""
        self._session_profiles[profile.name] = profile
        self.reload_profiles(select=profile.name)

    @Slot(str)
    def _on_profile_selected(self, name: str) -> None:
        self.pages.setCurrentIndex(_FORM_PAGE if name else _WELCOME_PAGE)
        self.menus.bind.setEnabled(bool(name))
        if name != self._selected_profile:
            # What the status bar said was about the previous profile's portal.
            self.statusBar().clearMessage()
            self._selected_profile = name
        self._pending_profile = None
        self._missing = []
        if self._form is not None:
            self._form.set_granted_scopes(self._granted_scopes.get(name))
        self._secrets_generation += 1  # an answer about an earlier selection no longer counts
        self.connection.set_missing_secrets("")
        if name and self._form is None and not self._painted:
            # Start-up with a profile: the window's first frame first, the form right after
            # (see gui/first_paint.py); anything that asks for window.form earlier gets it now.
            self._pending_profile = name
            self._show_profile_status(self._profiles.get(name))
            return
        profile = self._profiles.get(name)
        self._show_profile_status(profile)
        if profile is None:
            if self._form is not None:
                self._form.set_endpoint("", "")
                self._form.set_unavailable("")
            return
        self._state.last_profile = profile.name
        self.form.set_endpoint(profile.portal_url, profile.auth.value)
        self.form.set_unavailable("")
        self._check_secrets(profile)
        if not profile.session_only and not self._keyring_backend and not self._asking_keyring:
            # After the window is up: naming the backend imports keyring and may talk to D-Bus.
            self._asking_keyring = True
            QTimer.singleShot(0, self._ask_keyring_backend)

    @Slot()
    def _ask_keyring_backend(self) -> None:
        secrets = self.service.secrets
        self.runner.submit(lambda: secrets.backend_name, on_success=self._keyring_learnt)

    def _keyring_learnt(self, name: object) -> None:
        self._keyring_backend = str(name)
        profile = self.current_profile()
        self._show_profile_status(profile)
        if profile is not None and self._missing:
            self._show_missing_secrets(profile)  # names the keyring now

    def _check_secrets(self, profile: Profile) -> None:
        """Learn in a worker whether the profile's store holds its secrets; say at once if not
        (the status line, and Bind disabled with the reason)."""
        generation = self._secrets_generation
        service = self.service
        self.runner.submit(
            lambda: missing_secrets(service, profile),
            on_success=lambda missing: self._secrets_checked(generation, profile, missing),
            on_failure=lambda _error: None,  # an unusable store is said when it is used
        )

    def _secrets_checked(
        self, generation: int, profile: Profile, missing: list[SecretKind]
    ) -> None:
        if generation != self._secrets_generation:
            return
        self._missing = list(missing)
        self._show_missing_secrets(profile)

    def _show_missing_secrets(self, profile: Profile) -> None:
        text = describe_missing_secrets(profile, self._missing, self._keyring_backend)
        self.connection.set_missing_secrets(text)
        if self._form is not None:
            self._form.set_unavailable(text)

    def _show_profile_status(self, profile: Profile | None) -> None:
        session = self.sandbox_session
        sandbox_url = ""
        if session is not None and profile is not None and profile.name == session.profile_name:
            sandbox_url = session.base_url
        text = describe_profile(profile, self._keyring_backend, sandbox_url=sandbox_url)
        broken = self._broken.get(self.connection.current_broken() or "")
        if profile is None and broken is not None:
            text = f"{broken.error.summary}\n{broken.error.advice}"
        self.connection.set_status(text)

    def open_profile_dialog(self, profile: Profile | None) -> ProfileDialog:
        """Open the profile dialog (new when ``profile`` is None) without blocking."""
        from b24admin.gui.profile.profile_dialog import ProfileDialog

        dialog = ProfileDialog.open_for(
            self, self.runner, self.service, profile=profile, dialogs=self.dialogs
        )
        dialog.profileSaved.connect(lambda saved: self._on_profile_saved(saved, dialog.use_now()))
        return dialog

    def _on_profile_saved(self, profile: Profile, use_now: bool = True) -> None:
        """Show the saved profile; switch to it only when the user chose so (a new profile
        does not take the window away from the one it shows)."""
        current = self.connection.current_profile_name() or None
        self.reload_profiles(select=profile.name if use_now else current)
        if not use_now:
            self.statusBar().showMessage(
                self.tr(
                    "Saved the profile “{name}”; choose it in the profile list to use it."
                ).format(name=profile.name)
            )

    @Slot()
    def _edit_profile(self) -> None:
        profile = self.current_profile()
        if profile is not None and profile.name not in self._session_profiles:
            self.open_profile_dialog(profile)
        elif profile is not None:
            self.dialogs.info(
                self,
                self.tr("Session profile"),
                self.tr("“{0}” exists for this session only and cannot be edited.").format(
                    profile.name
                ),
            )

    @Slot()
    def _remove_profile(self) -> None:
        profile = self.current_profile()
        broken = self._broken.get(self.connection.current_broken() or "")
        if profile is None and broken is not None:
            self._remove_broken(broken)
            return
        if profile is None:
            return
        where = self.tr("memory") if profile.session_only else self._keyring_backend
        text = self.tr(
            "Remove the profile “{name}” and its secrets from {where}? Widgets already "
            "registered on the portal stay there."
        ).format(name=profile.name, where=where or self.tr("the keyring"))
        self.dialogs.confirm(
            self,
            self.tr("Remove profile"),
            text,
            lambda: self._remove_confirmed(profile),
            yes_text=self.tr("Remove"),
            destructive=True,
        )

    def _remove_confirmed(self, profile: Profile) -> None:
        if profile.name in self._session_profiles:  # nothing on disk or in the keyring
            session = self.sandbox_session
            if session is not None and session.profile_name == profile.name:
                session.stop()
            self.service.session_secrets.delete_profile(profile.name)
            self._forget_profile(profile)
            return
        service = self.service
        self.runner.submit(
            lambda: service.remove(profile.name),
            on_success=lambda _result: self._forget_profile(profile),
            on_failure=self.show_error,
        )

    def _remove_broken(self, broken: BrokenProfile) -> None:
        if broken.name:
            text = self.tr(
                "Remove the broken profile {label} from the profiles file, with its secrets in "
                "the keyring? The other profiles stay as they are."
            )
        else:
            text = self.tr(
                "Remove the broken profile {label} from the profiles file? The other profiles "
                "stay as they are."
            )
        text = text.format(label=broken.label)
        service = self.service

        def remove() -> None:
            if broken.name:
                service.remove(broken.name)
            else:
                service.store.remove_entry(broken.number)

        def removed(_result: object) -> None:
            self.reload_profiles()
            self.statusBar().showMessage(
                self.tr("Removed the broken profile {label}.").format(label=broken.label), 8000
            )

        self.dialogs.confirm(
            self,
            self.tr("Remove broken profile"),
            text,
            lambda: self._submit_removal(remove, removed),
            yes_text=self.tr("Remove"),
            destructive=True,
        )

    def _submit_removal(
        self, remove: Callable[[], None], removed: Callable[[object], None]
    ) -> None:
        self.runner.submit(remove, on_success=removed, on_failure=self.show_error)

    def _forget_profile(self, profile: Profile) -> None:
        self._session_profiles.pop(profile.name, None)
        self.drafts.remove(profile.name)  # a per-profile draft of old; the form stays as it is
        self.reload_profiles()  # a switch of profile clears the status bar: say it after
        self.statusBar().showMessage(self.tr("Removed “{0}”.").format(profile.name), 8000)

    @Slot()
    def _test_connection(self) -> None:
        profile = self.current_profile()
        if profile is None:
            return
        from b24admin.gui.connection_check import run_connection_check

        self.connection.set_testing(True)
        run_connection_check(
            self,
            self.runner,
            self.client_factory,
            self.service,
            profile,
            self.dialogs,
            on_finished=lambda: self.connection.set_testing(False),
            on_report=lambda report: self._remember_scopes(profile.name, report),
        )

    def _remember_scopes(self, profile_name: str, report: ConnectionReport) -> None:
        """Keep the scopes the check found, so the form can say before sending that the
        placement's scope is missing. A webhook's scopes, or none found out, say nothing."""
        known = report.has_placement_scope is not None and not report.is_webhook
        self._granted_scopes[profile_name] = list(report.scopes) if known else None
        if self._form is not None and profile_name == self._selected_profile:
            self._form.set_granted_scopes(self._granted_scopes[profile_name])

    # --- sandbox ------------------------------------------------------------------------------

    @Slot()
    def connect_sandbox(self) -> None:
        """Start the in-process sandbox portal (once) and select its session profile."""
        from b24admin.gui.sandbox_session import SandboxSession

        session = self.sandbox_session
        if session is not None and session.profile is not None:
            self.add_session_profile(session.profile)
            self.sandboxConnected.emit(session.profile.name)
            return
        if session is None:
            session = self.sandbox_session = SandboxSession()
        self.welcome.set_sandbox_starting(True)
        self.menus.connect_sandbox.setEnabled(False)
        self.statusBar().showMessage(self.tr("Starting the sandbox portal…"))
        taken = [name for name in self._profiles if name not in self._session_profiles]
        secrets = self.service.session_secrets

        def started(profile: object) -> None:
            assert isinstance(profile, Profile) and session is not None
            self.add_session_profile(profile)
            self.statusBar().showMessage(
                self.tr("Connected to the local sandbox portal at {0}.").format(session.base_url),
                10000,
            )
            self.sandboxConnected.emit(profile.name)

        def done() -> None:
            self.welcome.set_sandbox_starting(False)
            self.menus.connect_sandbox.setEnabled(True)

        self.runner.submit(
            lambda: session.start(secrets, taken),
            on_success=started,
            on_failure=self.show_error,
            on_finished=done,
        )

    def show_error(self, error: B24Error) -> None:
        """Open the error dialog for ``error`` (the failure callback of background jobs)."""
        self.dialogs.error(self, error)

    # --- bind and curl ------------------------------------------------------------------------

    @Slot(object)
    def _on_bind_requested(self, request: object) -> None:
        assert isinstance(request, BindRequest)
        profile = self.current_profile()
        if profile is None:
            self.dialogs.info(
                self, self.tr("No connection"), self.tr("Add or choose a connection profile first.")
            )
            return
        self.save_draft()
        self.bind_flow.start(self.form, profile, self.service, request)

    @Slot(object)
    def _on_curl_with_secrets(self, request: object) -> None:
        profile = self.current_profile()
        if profile is None or not isinstance(request, BindRequest):
            return
        from b24admin.gui.curl_with_secrets import copy_curl_with_secrets

        copy_curl_with_secrets(
            self, self.runner, self.dialogs, self.client_factory, self.service, profile, request
        )

    @Slot()
    def _bind_from_menu(self) -> None:
        """Widget → Bind, Ctrl+Enter from anywhere in the window: what the form's button does,
        and with problems in the form it shows them and goes to the first."""
        if self.current_profile() is not None:
            self.form.try_bind()

    # --- help ---------------------------------------------------------------------------

    def _open(self, url: QUrl) -> bool:
        opener = self.open_url or desktop_opener()
        return opener(url)

    @Slot()
    def _open_documentation(self) -> None:
        path = guide_path()
        if path is None or not self._open(QUrl.fromLocalFile(str(path))):
            self.dialogs.info(
                self,
                self.tr("Documentation"),
                self.tr("No program on this computer opens the user guide ({0}).").format(
                    path or "README.md"
                ),
            )

    @Slot()
    def _open_log_folder(self) -> None:
        folder = log_folder()
        if not self._open(QUrl.fromLocalFile(str(folder))):
            self.dialogs.info(
                self,
                self.tr("Log folder"),
                self.tr("No file manager opened the log folder. It is {0}").format(folder),
            )

    # --- drafts and closing ------------------------------------------------------------

    @Slot()
    def save_draft(self) -> None:
        """Save the form's draft now (also runs debounced on change)."""
        self._draft_timer.stop()
        if self._form is not None:
            self.drafts.save_form(self._form.request())

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.save_draft()
        self._state.save(self)
        if self.sandbox_session is not None:
            self.sandbox_session.stop()
        super().closeEvent(event)
