"""The profile dialog: add or edit a connection profile, and store its secrets on Save.

Secrets go to the store WHEN THE PROFILE IS SAVED, before any call to the portal, through
:meth:`ProfileService.save` in a worker (the keyring may block on an unlock prompt). The dialog
says which keyring backend holds them; when none works it says so and offers "session only"
(secrets in memory until b24admin quits). It never writes a secret to disk. Editing shows no
stored secret: an empty secret field keeps the stored value.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from b24admin.core.credentials import DEFAULT_OAUTH_SERVER
from b24admin.core.errors import B24Error, ErrorKind
from b24admin.core.profiles import AuthKind, Profile, RatePlan, check_profile_name
from b24admin.core.secrets import SecretKind
from b24admin.gui.profile.oauth_panel import OAuthPanel
from b24admin.gui.profile.profile_fields import (
    FieldProblems,
    align_label_columns,
    error_text,
    problem_label,
    show_problem,
    track_touched,
)
from b24admin.gui.profile.profile_status import missing_secrets
from b24admin.gui.profile.store_notice import SecretStoreNotice
from b24admin.gui.profile.webhook_panel import WebhookPanel
from b24admin.gui.workers import JobRunner

if TYPE_CHECKING:
    from b24admin.core.profile_service import ProfileService
    from b24admin.gui.dialogs import Dialogs


# Problem lines the dialog keeps room for from the start (a field's problem is one or two lines).
RESERVED_PROBLEM_LINES = 6


class ProfileDialog(QDialog):
    """Add or edit one profile (objectName ``profileDialog``).

    Signals:
        profileSaved(object): the saved :class:`Profile`, after its secrets are stored.
    """

    profileSaved = Signal(object)

    def __init__(
        self,
        runner: JobRunner,
        service: ProfileService,
        profile: Profile | None = None,
        dialogs: Dialogs | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("profileDialog")
        self._runner = runner
        self._service = service
        self._original = profile
        self._dialogs = dialogs
        self._saving = False
        self._followed_server = ""
        self._taken_names = self._other_profile_names()
        self.setWindowTitle(self.tr("Edit profile") if profile else self.tr("Add profile"))
        self.setMinimumWidth(620)

        self.name_edit = self._line_edit(
            "nameEdit", self.tr("Profile name"), self.tr("A name you choose for this connection")
        )
        self.name_problem = problem_label(self, "nameProblem")
        self.auth_kind_combo = QComboBox(self)
        self.auth_kind_combo.setObjectName("authKindCombo")
        self.auth_kind_combo.addItem(self.tr("Local application (OAuth)"), AuthKind.OAUTH)
        self.auth_kind_combo.addItem(self.tr("Incoming webhook"), AuthKind.WEBHOOK)
        self.auth_kind_combo.setAccessibleName(self.tr("Kind of connection"))
        self.auth_kind_combo.setToolTip(
            self.tr("Only a local application can register widgets; a webhook cannot")
        )
        self.portal_edit = self._line_edit(
            "portalEdit",
            self.tr("Portal URL"),
            self.tr("Your portal's address, e.g. https://example.bitrix24.com"),
        )
        self.portal_edit.setPlaceholderText("https://example.bitrix24.com")
        self.portal_problem = problem_label(self, "portalProblem")
        self.rate_plan_combo = QComboBox(self)
        self.rate_plan_combo.setObjectName("ratePlanCombo")
        self.rate_plan_combo.addItem(self.tr("Standard (2 requests a second)"), RatePlan.STANDARD)
        self.rate_plan_combo.addItem(
            self.tr("Enterprise (5 requests a second)"), RatePlan.ENTERPRISE
        )
        self.rate_plan_combo.setAccessibleName(self.tr("Rate plan"))
        self.rate_plan_combo.setToolTip(
            self.tr("The portal's plan sets how fast b24admin may call it (REST rate limit)")
        )

        form = QFormLayout()
        for text, field, problem in (
            (self.tr("Profile &name:"), self.name_edit, self.name_problem),
            (self.tr("&Kind:"), self.auth_kind_combo, None),
            (self.tr("&Portal URL:"), self.portal_edit, self.portal_problem),
            (self.tr("&Rate plan:"), self.rate_plan_combo, None),
        ):
            label = QLabel(text, self)
            label.setBuddy(field)
            form.addRow(label, field)
            if problem is not None:
                form.addRow("", problem)

        self.oauth_panel = OAuthPanel(runner, self)
        self.oauth_panel.portal_url = lambda: self.portal_edit.text().strip()
        self.webhook_panel = WebhookPanel(self)
        self.panels = QStackedWidget(self)
        self.panels.addWidget(self.oauth_panel)
        self.panels.addWidget(self.webhook_panel)

        self.store_notice = SecretStoreNotice(self)
        self.store_label = self.store_notice.store_label
        self.keyring_box = self.store_notice.keyring_box
        self.keyring_problem = self.store_notice.keyring_problem
        self.session_only_button = self.store_notice.session_only_button

        # A new profile becomes the active one only when the user says so (the first one always).
        self.use_now_check = QCheckBox(self.tr("&Use it now (switch the window to this profile)"))
        self.use_now_check.setObjectName("useNowCheck")
        self.use_now_check.setAccessibleName(self.tr("Use the new profile now"))
        self.use_now_check.setToolTip(
            self.tr("Unchecked, the window stays on the profile it shows; choose the new one later")
        )
        self.use_now_check.setChecked(not self._taken_names)
        self.use_now_check.setVisible(profile is None and bool(self._taken_names))

        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(
            self.tr("&Save"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setObjectName("saveButton")
        self.save_button.setAccessibleName(self.tr("Save the profile"))
        self.save_button.setDefault(True)
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("cancelButton")
        cancel.setAccessibleName(self.tr("Cancel"))
        cancel.setToolTip(self.tr("Close without saving"))

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.panels, 1)
        layout.addWidget(self.store_notice)
        layout.addWidget(self.use_now_check)
        layout.addWidget(self.buttons)

        self._fill(profile)
        track_touched(self.name_edit, self.portal_edit)
        self.name_edit.textChanged.connect(self._revalidate)
        self.portal_edit.textChanged.connect(self._follow_loopback_portal)
        self.portal_edit.textChanged.connect(self._revalidate)
        self.auth_kind_combo.currentIndexChanged.connect(self._on_kind_changed)
        self.oauth_panel.changed.connect(self._revalidate)
        self.oauth_panel.failed.connect(self._show_error)
        self.webhook_panel.changed.connect(self._on_webhook_changed)
        self.store_notice.sessionOnlyRequested.connect(self._save_session_only)
        self.save_button.clicked.connect(self._save)
        cancel.clicked.connect(self.reject)
        self._on_kind_changed()
        self._check_store()
        align_label_columns(form, self.oauth_panel.form, self.webhook_panel.form)
        self._reserve_problem_space()

    @classmethod
    def open_for(
        cls,
        parent: QWidget | None,
        runner: JobRunner,
        service: ProfileService,
        profile: Profile | None = None,
        on_saved: Callable[[Profile], None] | None = None,
        dialogs: Dialogs | None = None,
    ) -> ProfileDialog:
        """Open the dialog with ``open()`` (no nested event loop) and return it at once."""
        dialog = cls(runner, service, profile, dialogs or getattr(parent, "dialogs", None), parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if on_saved is not None:
            dialog.profileSaved.connect(on_saved)
        dialog.open()
        return dialog

    # --- building -----------------------------------------------------------------------------

    def _line_edit(self, object_name: str, accessible: str, tooltip: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(object_name)
        edit.setAccessibleName(accessible)
        edit.setToolTip(tooltip)
        return edit

    def _other_profile_names(self) -> set[str]:
        try:  # a small local file: reading it here is fine; a broken one is reported on Save
            names = {p.name for p in self._service.store.load()}
        except B24Error:
            names = set()
        if self._original is not None:
            names.discard(self._original.name)
        return names

    def _fill(self, profile: Profile | None) -> None:
        if profile is None:
            return
        self.name_edit.setText(profile.name)
        self.auth_kind_combo.setCurrentIndex(self.auth_kind_combo.findData(profile.auth))
        self.portal_edit.setText(profile.portal_url)
        self.rate_plan_combo.setCurrentIndex(self.rate_plan_combo.findData(profile.rate_plan))
        if profile.auth is AuthKind.OAUTH:
            self.oauth_panel.set_editing(profile.client_id, profile.oauth_server)
        else:
            self.webhook_panel.set_editing()
        service, original = self._service, profile

        def stored_secret() -> str:  # runs in a worker: it reads the keyring
            store = service.secret_store_for(original)
            return store.get(original.name, SecretKind.CLIENT_SECRET) or ""

        self.oauth_panel.stored_secret = stored_secret
        self._runner.submit(
            lambda: missing_secrets(service, original),
            self._show_missing,
            lambda _error: None,  # an unusable store is said by the store notice and on Save
        )

    @Slot(object)
    def _show_missing(self, missing: list[SecretKind]) -> None:
        """Say "missing — enter it" in each secret field the store does not hold (a new
        computer, a reset keyring) instead of "kept in the store"."""
        fields = {
            SecretKind.CLIENT_SECRET: self.oauth_panel.client_secret,
            SecretKind.ACCESS_TOKEN: self.oauth_panel.access_token,
            SecretKind.REFRESH_TOKEN: self.oauth_panel.refresh_token,
            SecretKind.WEBHOOK_URL: self.webhook_panel.webhook,
        }
        for kind in missing:
            fields[kind].setPlaceholderText(self.tr("missing — enter it"))

    def _reserve_problem_space(self) -> None:
        """Start tall enough for a few problem lines, so a problem appearing while typing takes
        space from the token tabs instead of making the dialog jump (the dialog never shrinks)."""
        lines = self.fontMetrics().lineSpacing() * RESERVED_PROBLEM_LINES
        hint = self.sizeHint()
        self.resize(max(hint.width(), self.minimumWidth()), hint.height() + lines)

    def use_now(self) -> bool:
        """Whether the window should switch to the saved profile (always when editing)."""
        return self._original is not None or self.use_now_check.isChecked()

    # --- state --------------------------------------------------------------------------------

    def auth_kind(self) -> AuthKind:
        return AuthKind(self.auth_kind_combo.currentData())

    @property
    def editing(self) -> bool:
        """True when editing an existing profile of the same kind (empty secrets keep)."""
        return self._original is not None and self._original.auth is self.auth_kind()

    def _check_store(self) -> None:
        """Find out in a worker which store will hold the secrets, and whether it works."""
        service = self._service
        session = self._original is not None and self._original.session_only
        store = service.session_secrets if session else service.secrets
        self._runner.submit(store.status, self.store_notice.show_status, self._show_error)

    @Slot()
    def _on_kind_changed(self) -> None:
        webhook = self.auth_kind() is AuthKind.WEBHOOK
        self.panels.setCurrentWidget(self.webhook_panel if webhook else self.oauth_panel)
        # A webhook names its portal; the field then only shows what the URL says.
        self.portal_edit.setReadOnly(webhook)
        self.portal_edit.setToolTip(
            self.tr("Taken from the webhook URL")
            if webhook
            else self.tr("Your portal's address, e.g. https://example.bitrix24.com")
        )
        if webhook:
            self._on_webhook_changed()
        self._revalidate()

    @Slot(str)
    def _follow_loopback_portal(self, text: str) -> None:
        """A loopback portal (the sandbox, a portal on this computer) issues its own tokens: the
        OAuth server follows it while the user has not typed another server."""
        from b24admin.core.portal_urls import is_loopback_host, normalise_portal_url

        server = self.oauth_panel.oauth_server_edit
        if server.text().strip() not in (DEFAULT_OAUTH_SERVER, self._followed_server, ""):
            return  # the user's own choice stays
        try:
            portal = normalise_portal_url(text)
        except B24Error:
            return
        parts = urlsplit(portal)
        wanted = (
            f"{parts.scheme}://{parts.netloc}"
            if is_loopback_host(parts.hostname or "")
            else DEFAULT_OAUTH_SERVER
        )
        self._followed_server = wanted
        if server.text() != wanted:
            server.setText(wanted)

    @Slot()
    def _on_webhook_changed(self) -> None:
        portal = self.webhook_panel.portal_url()
        if portal:
            self.portal_edit.setText(portal)
        self._revalidate()

    @Slot()
    def _revalidate(self) -> list[str]:
        """Show every field's problem beside it; enable Save only when there is none."""
        from b24admin.core.portal_urls import normalise_portal_url

        found = FieldProblems()
        name = self.name_edit.text()
        try:
            if check_profile_name(name) in self._taken_names:
                found.add(self.name_problem, self.tr("A profile with this name already exists."))
        except B24Error as error:
            empty = self.name_edit if not name.strip() else None
            found.add(self.name_problem, error_text(error), empty=empty)
        # A webhook names its own portal: the webhook URL's check covers the address.
        if self.auth_kind() is AuthKind.OAUTH:
            portal = self.portal_edit.text()
            try:
                normalise_portal_url(portal)
            except B24Error as error:
                empty = self.portal_edit if not portal.strip() else None
                found.add(self.portal_problem, error_text(error), empty=empty)
        problems = found.show(self.name_problem, self.portal_problem)
        panel = self.oauth_panel if self.auth_kind() is AuthKind.OAUTH else self.webhook_panel
        problems += panel.check(self.editing)
        self.save_button.setEnabled(not problems and not self._saving)
        self.save_button.setToolTip(
            self.tr("Fix these first:\n• %1").replace("%1", "\n• ".join(problems))
            if problems
            else self.tr("Save the profile and store its secrets")
        )
        return problems

    # --- saving -------------------------------------------------------------------------------

    def _profile(self, session_only: bool) -> Profile:
        kind = self.auth_kind()
        fields: dict[str, Any] = {
            "name": self.name_edit.text(),
            "auth": kind,
            "portal_url": self.portal_edit.text(),
            "rate_plan": RatePlan(self.rate_plan_combo.currentData()),
            "session_only": session_only,
        }
        if kind is AuthKind.OAUTH:
            fields["client_id"] = self.oauth_panel.client_id_edit.text()
            fields["oauth_server"] = self.oauth_panel.oauth_server_edit.text()
        return Profile(**fields)

    def _secrets(self) -> dict[SecretKind, str]:
        if self.auth_kind() is AuthKind.WEBHOOK:
            return {SecretKind.WEBHOOK_URL: self.webhook_panel.webhook.text()}
        panel = self.oauth_panel
        values = {
            SecretKind.CLIENT_SECRET: panel.client_secret.text(),
            SecretKind.ACCESS_TOKEN: panel.access_token.text(),
            SecretKind.REFRESH_TOKEN: panel.refresh_token.text(),
        }
        return {kind: value for kind, value in values.items() if value}  # empty keeps

    @Slot()
    def _save(self) -> None:
        keep_session = self._original is not None and self._original.session_only
        self._start_save(session_only=keep_session)

    @Slot()
    def _save_session_only(self) -> None:
        self._start_save(session_only=True)

    def _start_save(self, session_only: bool) -> None:
        if self._saving or self._revalidate():
            return
        try:
            profile = self._profile(session_only)
        except B24Error as error:
            self._show_input_error(error)
            return
        secrets = self._secrets()
        service = self._service
        replacing = self._original.name if self._original is not None else None

        def save() -> Profile:  # runs in a worker: the keyring may block
            service.save(profile, secrets, replacing=replacing)
            return profile

        self._set_saving(True)
        self._runner.submit(save, self._on_saved, self._on_save_failed)

    def _set_saving(self, saving: bool) -> None:
        self._saving = saving
        self.session_only_button.setEnabled(not saving)
        self.save_button.setText(self.tr("Saving…") if saving else self.tr("&Save"))
        self._revalidate()

    @Slot(object)
    def _on_saved(self, profile: Profile) -> None:
        self._set_saving(False)
        self.profileSaved.emit(profile)
        self.accept()

    @Slot(object)
    def _on_save_failed(self, error: B24Error) -> None:
        self._set_saving(False)
        if error.kind is ErrorKind.KEYRING:
            self.store_notice.show_save_failure(error_text(error))
        elif error.kind is ErrorKind.INPUT and error.argument:
            self._show_input_error(error)
        else:
            self._show_error(error)

    def _show_input_error(self, error: B24Error) -> None:
        """Put a refused value's explanation beside its field (Profile names the argument)."""
        labels = {
            "name": self.name_problem,
            "portal_url": self.portal_problem,
            "client_id": self.oauth_panel.client_id_problem,
            "oauth_server": self.oauth_panel.oauth_server_problem,
            "webhook_url": self.webhook_panel.webhook_problem,
        }
        label = labels.get(error.argument)
        if label is None:
            self._show_error(error)
        else:
            show_problem(label, error_text(error))

    @Slot(object)
    def _show_error(self, error: B24Error) -> None:
        if self._dialogs is None:
            from b24admin.gui.dialogs import Dialogs

            self._dialogs = Dialogs(self)
        self._dialogs.error(self, error)

    def done(self, result: int) -> None:
        """Closing stops a sign-in that still waits for the browser (its worker then ends)."""
        self.oauth_panel.sign_in.cancel()
        super().done(result)
