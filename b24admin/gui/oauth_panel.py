"""The "Local application (OAuth)" half of the profile dialog.

client_id, client_secret, the OAuth server, and three ways to get an administrator's tokens:
sign in with the browser, paste the redirect URL (or the code), or paste the tokens. Tokens that
arrive from the first two land in the token fields (hidden), ready for Save.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from b24admin.core.credentials import DEFAULT_OAUTH_SERVER
from b24admin.core.errors import B24Error
from b24admin.gui.oauth_sign_in import CANCELLED, BrowserSignIn, SignInRequest
from b24admin.gui.profile_fields import SecretField, problem_label, show_problem
from b24admin.gui.workers import JobRunner

# What the catcher's URL looks like before a sign-in binds the port (core/oauth.py constants;
# repeated here so opening the dialog does not import the OAuth module).
_DEFAULT_REDIRECT_URI = "http://127.0.0.1:51824/b24admin/oauth"


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
        self.sign_in = BrowserSignIn(runner, self)

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

        form = QFormLayout()
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

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("tokenTabs")
        self.tabs.setAccessibleName(self.tr("How to get tokens"))
        self.tabs.setToolTip(self.tr("Three ways to get an administrator's tokens"))
        self.tabs.addTab(self._browser_tab(), self.tr("Sign in with the browser"))
        self.tabs.addTab(self._paste_redirect_tab(), self.tr("Paste the redirect URL or the code"))
        self.tabs.addTab(self._paste_tokens_tab(), self.tr("Paste tokens"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.tabs)
        layout.addWidget(self.tokens_problem)

        for edit in (self.client_id_edit, self.oauth_server_edit):
            edit.textChanged.connect(self.changed)
        for field in (self.client_secret, self.access_token, self.refresh_token):
            field.textChanged.connect(self.changed)
        self.sign_in.listening.connect(self._on_listening)
        self.sign_in.browserOpened.connect(self._on_browser_opened)
        self.sign_in.tokensReceived.connect(self._on_tokens)
        self.sign_in.failed.connect(self._on_failed)
        self.sign_in.busyChanged.connect(self._on_busy)

    # --- tabs ---------------------------------------------------------------------------------

    def _button(self, object_name: str, text: str, tooltip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(object_name)
        button.setToolTip(tooltip)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        return button

    def _status_label(self, object_name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(object_name)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _browser_tab(self) -> QWidget:
        tab = QWidget(self)
        intro = QLabel(
            self.tr(
                "Enter this address as the local application's handler path in Bitrix24, then "
                "sign in as a portal administrator. b24admin catches the answer on this computer "
                "and trades the code for tokens at once (the code is valid for 30 seconds)."
            ),
            tab,
        )
        intro.setWordWrap(True)
        self.redirect_url_label = QLabel(_DEFAULT_REDIRECT_URI, tab)
        self.redirect_url_label.setObjectName("redirectUrlLabel")
        self.redirect_url_label.setTextFormat(Qt.TextFormat.PlainText)
        self.redirect_url_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.redirect_url_label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.redirect_url_label.setAccessibleName(self.tr("Redirect URL (handler path)"))
        self.redirect_url_label.setToolTip(
            self.tr("The exact address to enter as the local application's handler path")
        )
        self.copy_redirect_button = self._button(
            "copyRedirectButton", self.tr("&Copy"), self.tr("Copy the redirect URL")
        )
        self.sign_in_button = self._button(
            "signInButton",
            self.tr("Sign &in with the browser"),
            self.tr("Open the portal's sign-in page in your browser and catch the answer"),
        )
        self.cancel_sign_in_button = self._button(
            "cancelSignInButton", self.tr("Cancel sign-in"), self.tr("Stop waiting for the browser")
        )
        self.cancel_sign_in_button.setEnabled(False)
        self.sign_in_status = self._status_label("signInStatusLabel")
        self.sign_in_status.setAccessibleName(self.tr("Sign-in status"))

        url_row = QHBoxLayout()
        url_row.addWidget(self.redirect_url_label, 1)
        url_row.addWidget(self.copy_redirect_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.sign_in_button)
        buttons.addWidget(self.cancel_sign_in_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(tab)
        layout.addWidget(intro)
        layout.addLayout(url_row)
        layout.addLayout(buttons)
        layout.addWidget(self.sign_in_status)
        layout.addStretch(1)
        self.copy_redirect_button.clicked.connect(self._copy_redirect)
        self.sign_in_button.clicked.connect(self._start_sign_in)
        self.cancel_sign_in_button.clicked.connect(self.sign_in.cancel)
        return tab

    def _paste_redirect_tab(self) -> QWidget:
        tab = QWidget(self)
        intro = QLabel(
            self.tr(
                "Open the sign-in page, sign in as an administrator, then paste the address the "
                "browser was sent back to (or just its code) and exchange it within 30 seconds."
            ),
            tab,
        )
        intro.setWordWrap(True)
        self.open_sign_in_page_button = self._button(
            "openSignInPageButton",
            self.tr("&Open the sign-in page"),
            self.tr("Open the portal's sign-in page in your browser"),
        )
        self.paste_redirect_edit = QLineEdit(tab)
        self.paste_redirect_edit.setObjectName("pasteRedirectEdit")
        self.paste_redirect_edit.setPlaceholderText(
            "https://…/?code=…&state=…   " + self.tr("or the code alone")
        )
        self.paste_redirect_edit.setAccessibleName(self.tr("Redirect URL or code"))
        self.paste_redirect_edit.setToolTip(
            self.tr("The whole address the browser came back to, or only its code parameter")
        )
        self.exchange_button = self._button(
            "exchangeButton",
            self.tr("E&xchange for tokens"),
            self.tr("Trade the code for tokens now"),
        )
        self.paste_status = self._status_label("pasteStatusLabel")
        self.paste_status.setAccessibleName(self.tr("Exchange status"))
        row = QHBoxLayout()
        row.addWidget(self.paste_redirect_edit, 1)
        row.addWidget(self.exchange_button)
        layout = QVBoxLayout(tab)
        layout.addWidget(intro)
        layout.addWidget(self.open_sign_in_page_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(row)
        layout.addWidget(self.paste_status)
        layout.addStretch(1)
        self.open_sign_in_page_button.clicked.connect(self._open_sign_in_page)
        self.exchange_button.clicked.connect(self._exchange_pasted)
        return tab

    def _paste_tokens_tab(self) -> QWidget:
        tab = QWidget(self)
        intro = QLabel(
            self.tr(
                "Paste an administrator's access and refresh tokens, for example the ones an "
                "“API only” application received when it was installed."
            ),
            tab,
        )
        intro.setWordWrap(True)
        self.access_token = SecretField(
            "accessTokenEdit",
            self.tr("Access token"),
            self.tr("The access token (valid for an hour; b24admin renews it)"),
            tab,
        )
        self.refresh_token = SecretField(
            "refreshTokenEdit",
            self.tr("Refresh token"),
            self.tr("The refresh token (valid for 180 days)"),
            tab,
        )
        form = QFormLayout()
        access_label = QLabel(self.tr("&Access token:"), tab)
        access_label.setBuddy(self.access_token.edit)
        refresh_label = QLabel(self.tr("&Refresh token:"), tab)
        refresh_label.setBuddy(self.refresh_token.edit)
        form.addRow(access_label, self.access_token)
        form.addRow(refresh_label, self.refresh_token)
        layout = QVBoxLayout(tab)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addStretch(1)
        return tab

    # --- values -------------------------------------------------------------------------------

    def set_editing(self, client_id: str, oauth_server: str) -> None:
        """Show an existing profile: its public fields; its secrets stay in the store."""
        self.client_id_edit.setText(client_id)
        self.oauth_server_edit.setText(oauth_server)
        keep = self.tr("(kept in the store; leave empty to keep)")
        for field in (self.client_secret, self.access_token, self.refresh_token):
            field.setPlaceholderText(keep)

    def request(self) -> SignInRequest:
        """What a token request needs, from the fields (the secret is read in the worker)."""
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
            portal_url=self.portal_url(),
            client_id=self.client_id_edit.text().strip(),
            oauth_server=self.oauth_server_edit.text().strip() or DEFAULT_OAUTH_SERVER,
            client_secret=secret,
        )

    def _can_request(self, status: QLabel) -> bool:
        missing = []
        if not self.portal_url().strip():
            missing.append(self.tr("the portal URL"))
        if not self.client_id_edit.text().strip():
            missing.append(self.tr("the client ID"))
        if not self.client_secret.text() and self.stored_secret is None:
            missing.append(self.tr("the client secret"))
        if missing:
            status.setText(self.tr("Enter %1 first.").replace("%1", ", ".join(missing)))
        return not missing

    # --- slots --------------------------------------------------------------------------------

    @Slot()
    def _copy_redirect(self) -> None:
        QGuiApplication.clipboard().setText(self.redirect_url_label.text())

    @Slot()
    def _start_sign_in(self) -> None:
        if self._can_request(self.sign_in_status):
            self.sign_in_status.setText(self.tr("Starting the sign-in…"))
            self.sign_in.start(self.request())

    @Slot()
    def _open_sign_in_page(self) -> None:
        if not self._can_request(self.paste_status):
            return
        try:
            url = self.sign_in.authorize_url(self.portal_url(), self.request().client_id)
        except B24Error as error:
            self.paste_status.setText(error.summary)
            return
        opened = self.sign_in.open_browser(url)
        self.paste_status.setText(
            self.tr("The sign-in page is open in your browser.")
            if opened
            else self.tr("No browser could be opened. Open this address yourself: %1").replace(
                "%1", url
            )
        )

    @Slot()
    def _exchange_pasted(self) -> None:
        if self._can_request(self.paste_status):
            self.paste_status.setText(self.tr("Exchanging the code for tokens…"))
            self.sign_in.exchange_pasted(self.paste_redirect_edit.text(), self.request())

    @Slot(str)
    def _on_listening(self, redirect_uri: str) -> None:
        self.redirect_url_label.setText(redirect_uri)

    @Slot(str, bool)
    def _on_browser_opened(self, url: str, opened: bool) -> None:
        if opened:
            text = self.tr(
                "Waiting for the browser: sign in as a portal administrator and allow access…"
            )
        else:
            text = self.tr("No browser could be opened. Open this address yourself: %1")
            text = text.replace("%1", url)
        self.sign_in_status.setText(text)

    @Slot(object)
    def _on_tokens(self, tokens: object) -> None:
        self.access_token.setText(getattr(tokens, "access_token", ""))
        self.refresh_token.setText(getattr(tokens, "refresh_token", ""))
        done = self.tr("✓ Signed in: tokens received. Press Save to keep them in the keyring.")
        self.sign_in_status.setText(done)
        self.paste_status.setText(done)
        self.paste_redirect_edit.clear()  # the code is used up; it must not be sent twice

    @Slot(object)
    def _on_failed(self, error: B24Error) -> None:
        status = self.sign_in_status if self.tabs.currentIndex() == 0 else self.paste_status
        if error.code == CANCELLED:
            status.setText(self.tr("Sign-in cancelled."))
            return
        status.setText(self.tr("✗ %1").replace("%1", error.summary))
        self.failed.emit(error)

    @Slot(bool)
    def _on_busy(self, busy: bool) -> None:
        for button in (self.sign_in_button, self.exchange_button, self.open_sign_in_page_button):
            button.setEnabled(not busy)
        self.cancel_sign_in_button.setEnabled(busy)

    # --- validation ---------------------------------------------------------------------------

    def check(self, editing: bool) -> list[str]:
        """Show each field's problem beside it; return them all (empty when valid)."""
        from b24admin.core.portal_urls import normalise_oauth_server

        problems: dict[QLabel, str] = {}
        client_id = self.client_id_edit.text().strip()
        if not client_id:
            problems[self.client_id_problem] = self.tr("Enter the local application's client_id.")
        elif any(ch.isspace() for ch in client_id):
            problems[self.client_id_problem] = self.tr("The client_id must not contain spaces.")
        if not editing and not self.client_secret.text():
            problems[self.client_secret_problem] = self.tr(
                "Enter the client_secret: b24admin needs it to renew the tokens."
            )
        try:
            normalise_oauth_server(self.oauth_server_edit.text() or DEFAULT_OAUTH_SERVER)
        except B24Error as error:
            problems[self.oauth_server_problem] = error.summary
        access, refresh = self.access_token.text(), self.refresh_token.text()
        if bool(access) != bool(refresh):
            problems[self.tokens_problem] = self.tr(
                "Enter both the access token and the refresh token."
            )
        elif not editing and not access:
            problems[self.tokens_problem] = self.tr(
                "Get tokens first: sign in with the browser, paste the redirect URL, or paste "
                "the tokens."
            )
        for label in (
            self.client_id_problem,
            self.client_secret_problem,
            self.oauth_server_problem,
            self.tokens_problem,
        ):
            show_problem(label, problems.get(label, ""))
        return list(problems.values())


def _missing_secret_error() -> B24Error:
    from b24admin.core.errors import ErrorKind

    return B24Error(
        code="MISSING_CLIENT_SECRET",
        summary="There is no client_secret for this profile.",
        advice="Enter the local application's client_secret in the profile dialog.",
        kind=ErrorKind.INPUT,
    )
