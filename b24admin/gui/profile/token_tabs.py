"""Three ways to get an administrator's tokens, as the tabs of the OAuth panel.

1. Sign in with the browser: the loopback catcher (:class:`BrowserSignIn`) and the exact
   redirect URL to enter as the local application's handler path.
2. Paste the redirect URL (or the code) after signing in; it is exchanged at once.
3. Paste the access and refresh tokens.

Tokens from 1 and 2 land in the (hidden) token fields of 3, ready for Save.
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

from b24admin.core.errors import B24Error
from b24admin.gui.profile.oauth_sign_in import CANCELLED, BrowserSignIn, SignInRequest
from b24admin.gui.profile.profile_fields import SecretField
from b24admin.gui.widget_builders import selectable_label
from b24admin.gui.workers import JobRunner

# What the catcher's URL looks like before a sign-in binds the port (core/oauth.py's
# DEFAULT_REDIRECT_PORT and REDIRECT_PATH; repeated so opening the dialog imports no OAuth code).
DEFAULT_REDIRECT_URI = "http://127.0.0.1:51824/b24admin/oauth"

BROWSER_TAB, PASTE_REDIRECT_TAB, PASTE_TOKENS_TAB = range(3)


class TokenTabs(QTabWidget):
    """The three token sources (objectName ``tokenTabs``).

    ``request_if_ready(status_label)`` is set by the panel: it returns what a token request
    needs, or None after writing what is missing into ``status_label``.

    Signals:
        failed(object): a sign-in or exchange failed with a B24Error worth the error dialog.
    """

    failed = Signal(object)

    def __init__(self, runner: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tokenTabs")
        self.setAccessibleName(self.tr("How to get tokens"))
        self.setToolTip(self.tr("Three ways to get an administrator's tokens"))
        self.request_if_ready: Callable[[QLabel], SignInRequest | None] = lambda _label: None
        self.sign_in = BrowserSignIn(runner, self)
        self.addTab(self._browser_tab(), self.tr("Sign in with the browser"))
        self.addTab(self._paste_redirect_tab(), self.tr("Paste the redirect URL or the code"))
        self.addTab(self._paste_tokens_tab(), self.tr("Paste tokens"))
        # A tab widget does not pass its pages' height-for-width on, so wrapped intros would be
        # squeezed: leave room for the tallest page.
        self.setMinimumHeight(self.fontMetrics().lineSpacing() * 12)
        self.sign_in.listening.connect(self._on_listening)
        self.sign_in.browserOpened.connect(self._on_browser_opened)
        self.sign_in.tokensReceived.connect(self._on_tokens)
        self.sign_in.failed.connect(self._on_failed)
        self.sign_in.busyChanged.connect(self._on_busy)

    def _button(self, object_name: str, text: str, tooltip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(object_name)
        button.setToolTip(tooltip)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        return button

    def _status_label(self, object_name: str) -> QLabel:
        label = selectable_label(self, object_name=object_name)
        # Room for two lines from the start: a status arriving does not make the dialog jump.
        label.setMinimumHeight(label.fontMetrics().lineSpacing() * 2)
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
        self.redirect_url_label = selectable_label(
            tab,
            DEFAULT_REDIRECT_URI,
            object_name="redirectUrlLabel",
            word_wrap=False,
            keyboard=True,
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
        self.paste_redirect_edit.returnPressed.connect(self._exchange_pasted)
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

    def set_editing(self) -> None:
        """Editing: the stored tokens are not shown; empty token fields keep them."""
        keep = self.tr("(kept in the store; leave empty to keep)")
        for field in (self.access_token, self.refresh_token):
            field.setPlaceholderText(keep)

    # --- slots --------------------------------------------------------------------------------

    @Slot()
    def _copy_redirect(self) -> None:
        QGuiApplication.clipboard().setText(self.redirect_url_label.text())

    @Slot()
    def _start_sign_in(self) -> None:
        request = self.request_if_ready(self.sign_in_status)
        if request is not None:
            self.sign_in_status.setText(self.tr("Starting the sign-in…"))
            self.sign_in.start(request)

    @Slot()
    def _open_sign_in_page(self) -> None:
        request = self.request_if_ready(self.paste_status)
        if request is None:
            return
        try:
            url = self.sign_in.authorize_url(request.portal_url, request.client_id)
        except B24Error as error:
            self.paste_status.setText(error.summary)
            return
        opened = self.sign_in.open_browser(url)
        self.paste_status.setText(
            self.tr("The sign-in page is open in your browser.")
            if opened
            else self._no_browser_text(url)
        )

    @Slot()
    def _exchange_pasted(self) -> None:
        request = self.request_if_ready(self.paste_status)
        if request is not None:
            self.paste_status.setText(self.tr("Exchanging the code for tokens…"))
            self.sign_in.exchange_pasted(self.paste_redirect_edit.text(), request)

    @Slot(str)
    def _on_listening(self, redirect_uri: str) -> None:
        self.redirect_url_label.setText(redirect_uri)

    @Slot(str, bool)
    def _on_browser_opened(self, url: str, opened: bool) -> None:
        self.sign_in_status.setText(
            self.tr("Waiting for the browser: sign in as a portal administrator and allow access…")
            if opened
            else self._no_browser_text(url)
        )

    def _no_browser_text(self, url: str) -> str:
        return self.tr("No browser could be opened. Open this address yourself: %1").replace(
            "%1", url
        )

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
        status = self.sign_in_status if self.currentIndex() == BROWSER_TAB else self.paste_status
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
