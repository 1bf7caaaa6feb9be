"""The "Local application (OAuth)" half of the profile dialog.

client_id, client_secret and the OAuth server, their inline checks, and the three ways to get an
administrator's tokens (:class:`~b24admin.gui.profile.token_tabs.TokenTabs`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from b24admin.core.credentials import DEFAULT_OAUTH_SERVER
from b24admin.core.errors import B24Error
from b24admin.gui.profile.oauth_sign_in import SignInRequest
from b24admin.gui.profile.profile_fields import (
    FieldProblems,
    SecretField,
    error_text,
    problem_label,
    track_touched,
)
from b24admin.gui.profile.token_tabs import TokenTabs
from b24admin.gui.workers import JobRunner


class OAuthPanel(QWidget):
    """Fields of a local-application profile, and the token flows.

    ``portal_url`` (a callable returning the dialog's portal field) and ``stored_secret`` (a job
    function reading the kept client_secret when editing) are set by the dialog.

    Signals:
        changed(): any field changed (the dialog re-validates).
        failed(object): a sign-in or exchange failed with a B24Error worth a dialog.
    """

    changed = Signal()
    failed = Signal(object)

    def __init__(self, runner: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("oauthPanel")
        self.portal_url: Callable[[], str] = lambda: ""
        self.stored_secret: Callable[[], str] | None = None

        self.client_id_edit = QLineEdit(self)
        self.client_id_edit.setObjectName("clientIdEdit")
        self.client_id_edit.setPlaceholderText("local.1a2b3c4d5e6f7.12345678")
        self.client_id_edit.setAccessibleName(self.tr("Client ID"))
        self.client_id_edit.setToolTip(
            self.tr("The local application's client_id, shown on its page in Bitrix24")
        )
        self.client_secret = SecretField(
            "clientSecretEdit",
            self.tr("Client secret"),
            self.tr("The local application's client_secret; it is kept in the keyring only"),
            self,
        )
        self.oauth_server_edit = QLineEdit(DEFAULT_OAUTH_SERVER, self)
        self.oauth_server_edit.setObjectName("oauthServerEdit")
        self.oauth_server_edit.setAccessibleName(self.tr("OAuth server"))
        self.oauth_server_edit.setToolTip(
            self.tr(
                "Where tokens are issued: https://oauth.bitrix.info for cloud portals; change it "
                "for an on-premise portal or the sandbox"
            )
        )
        self.client_id_problem = problem_label(self, "clientIdProblem")
        self.client_secret_problem = problem_label(self, "clientSecretProblem")
        self.oauth_server_problem = problem_label(self, "oauthServerProblem")
        self.tokens_problem = problem_label(self, "tokensProblem")

        self.form = form = QFormLayout()
        for text, field, focus, problem in (
            (
                self.tr("Client &ID:"),
                self.client_id_edit,
                self.client_id_edit,
                self.client_id_problem,
            ),
            (
                self.tr("Client &secret:"),
                self.client_secret,
                self.client_secret.edit,
                self.client_secret_problem,
            ),
            (
                self.tr("OAuth &server:"),
                self.oauth_server_edit,
                self.oauth_server_edit,
                self.oauth_server_problem,
            ),
        ):
            label = QLabel(text, self)
            label.setBuddy(focus)
            form.addRow(label, field)
            form.addRow("", problem)

        self.tabs = TokenTabs(runner, self)
        self.tabs.request_if_ready = self._request_if_ready
        self.sign_in = self.tabs.sign_in
        self.access_token = self.tabs.access_token
        self.refresh_token = self.tabs.refresh_token
        self.redirect_url_label = self.tabs.redirect_url_label

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.tabs)
        layout.addWidget(self.tokens_problem)

        track_touched(self.client_id_edit, self.client_secret.edit)
        for edit in (self.client_id_edit, self.oauth_server_edit):
            edit.textChanged.connect(self.changed)
        for field in (self.client_secret, self.access_token, self.refresh_token):
            field.textChanged.connect(self.changed)
        self.tabs.failed.connect(self.failed)

    # --- values -------------------------------------------------------------------------------

    def set_editing(self, client_id: str, oauth_server: str) -> None:
        """Show an existing profile: its public fields; its secrets stay in the store."""
        self.client_id_edit.setText(client_id)
        self.oauth_server_edit.setText(oauth_server)
        self.client_secret.setPlaceholderText(self.tr("(kept in the store; leave empty to keep)"))
        self.tabs.set_editing()

    def request(self) -> SignInRequest:
        """What a token request needs, from the fields (the secret is read in the worker).

        Raises B24Error (INPUT) when the portal or OAuth server address is not usable.
        """
        from b24admin.core.portal_urls import normalise_oauth_server, normalise_portal_url

        typed = self.client_secret.text()
        stored = self.stored_secret

        def secret() -> str:
            if typed:
                return typed
            value = stored() if stored is not None else ""
            if not value:
                raise _missing_secret_error()
            return value

        return SignInRequest(
            portal_url=normalise_portal_url(self.portal_url()),
            client_id=self.client_id_edit.text().strip(),
            oauth_server=normalise_oauth_server(
                self.oauth_server_edit.text().strip() or DEFAULT_OAUTH_SERVER
            ),
            client_secret=secret,
        )

    def _request_if_ready(self, status: QLabel) -> SignInRequest | None:
        """The token request, or None after saying in ``status`` what is missing."""
        from b24admin.core.wording import spoken_list  # it loads core.secrets: not at import

        missing = []
        if not self.portal_url().strip():
            missing.append(self.tr("the portal URL"))
        if not self.client_id_edit.text().strip():
            missing.append(self.tr("the client ID"))
        if not self.client_secret.text() and self.stored_secret is None:
            missing.append(self.tr("the client secret"))
        if missing:
            # "the portal URL, the client ID and the client secret": the list in the language's
            # own words, not joined with an English comma.
            status.setText(self.tr("Enter %1 first.").replace("%1", spoken_list(missing)))
            return None
        try:
            return self.request()
        except B24Error as error:
            status.setText(error_text(error))
            return None

    # --- validation ---------------------------------------------------------------------------

    def check(self, editing: bool) -> list[str]:
        """Show each field's problem beside it; return them all (empty when valid)."""
        from b24admin.core.portal_urls import normalise_oauth_server

        problems = FieldProblems()
        client_id = self.client_id_edit.text().strip()
        if not client_id:
            problems.add(
                self.client_id_problem,
                self.tr("Enter the local application's client_id."),
                empty=self.client_id_edit,
            )
        elif any(ch.isspace() for ch in client_id):
            problems.add(self.client_id_problem, self.tr("The client_id must not contain spaces."))
        if not editing and not self.client_secret.text():
            problems.add(
                self.client_secret_problem,
                self.tr("Enter the client_secret: b24admin needs it to renew the tokens."),
                empty=self.client_secret.edit,
            )
        try:
            normalise_oauth_server(self.oauth_server_edit.text() or DEFAULT_OAUTH_SERVER)
        except B24Error as error:
            problems.add(self.oauth_server_problem, error_text(error))
        access, refresh = self.access_token.text(), self.refresh_token.text()
        if bool(access) != bool(refresh):
            problems.add(
                self.tokens_problem,
                self.tr("Enter both the access token and the refresh token."),
            )
        elif not editing and not access:
            # Said in Save's tooltip only: the tabs right above explain how to get tokens.
            problems.add(
                self.tokens_problem,
                self.tr(
                    "Get tokens first: sign in with the browser, paste the redirect URL, or "
                    "paste the tokens."
                ),
                empty=self.access_token.edit,
            )
        return problems.show(
            self.client_id_problem,
            self.client_secret_problem,
            self.oauth_server_problem,
            self.tokens_problem,
        )


def _missing_secret_error() -> B24Error:
    from b24admin.core.errors import ErrorKind

    return B24Error.explained("MISSING_CLIENT_SECRET", kind=ErrorKind.INPUT)
