"""Getting a local application's tokens: the browser sign-in and the pasted redirect.

The browser flow (settings/oauth/index.md): listen once on 127.0.0.1 (:class:`RedirectCatcher`),
send the system browser to ``<portal>/oauth/authorize/?client_id&state``, wait for the redirect,
check its ``state`` and trade the code for tokens AT ONCE, because the code lives 30 s. Everything
that waits (binding the port, the redirect, the token server, the keyring) runs in a
:class:`~b24admin.gui.workers.JobRunner` job; this object only re-emits outcomes as signals.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices

from b24admin.core.errors import B24Error
from b24admin.gui.workers import JobRunner

SIGN_IN_TIMEOUT_S = 300.0  # time for the administrator to sign in; the code itself lives 30 s
CANCELLED = "SIGN_IN_CANCELLED"


def open_in_system_browser(url: str) -> bool:
    """Open ``url`` in the user's browser; False when no browser could be started."""
    return QDesktopServices.openUrl(QUrl(url))


@dataclass(frozen=True)
class SignInRequest:
    """What one token request needs. ``client_secret`` runs in the worker (it may read the
    keyring when the secret field was left empty to keep the stored one)."""

    portal_url: str
    client_id: str
    oauth_server: str
    client_secret: Callable[[], str]


def _exchange(request: SignInRequest, code_source: Callable[[str], str]) -> Any:
    """Worker body: get the secret, then the code, then exchange it immediately."""
    from b24admin.core.oauth import OAuthServer

    secret = request.client_secret()  # before waiting: a keyring prompt must not eat the 30 s
    code = code_source(secret)
    server = OAuthServer(request.oauth_server)
    try:
        return server.exchange_code(request.client_id, secret, code)
    finally:
        server.close()


class BrowserSignIn(QObject):
    """Runs the browser sign-in and the pasted-redirect exchange off the GUI thread.

    Seams for tests: ``open_browser`` (called with the authorize URL; returns whether a browser
    opened) and ``port`` (None = the fixed DEFAULT_REDIRECT_PORT, 0 = any free port).

    Signals:
        listening(str): the catcher listens; the argument is its exact redirect URI.
        browserOpened(str, bool): the authorize URL, and whether a browser opened for it.
        tokensReceived(object): a ``TokenSet`` from the token server.
        failed(object): a B24Error (code SIGN_IN_CANCELLED after :meth:`cancel`).
        busyChanged(bool): a sign-in or exchange started (True) or ended (False).
    """

    listening = Signal(str)
    browserOpened = Signal(str, bool)
    tokensReceived = Signal(object)
    failed = Signal(object)
    busyChanged = Signal(bool)

    def __init__(self, runner: JobRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self.open_browser: Callable[[str], bool] = open_in_system_browser
        self.port: int | None = None
        self.timeout = SIGN_IN_TIMEOUT_S
        self.state = ""  # the state of the last sign-in started (checked on every redirect)
        self._catcher: Any = None
        self._request: SignInRequest | None = None
        self._busy = False
        self._cancelled = False

    @property
    def busy(self) -> bool:
        return self._busy

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.busyChanged.emit(busy)

    def new_state(self) -> str:
        """A fresh unguessable ``state`` for the next authorize URL."""
        self.state = secrets.token_urlsafe(24)
        return self.state

    def authorize_url(self, portal_url: str, client_id: str) -> str:
        """The sign-in page for a pasted-redirect flow, with a fresh state (B24Error if bad URL)."""
        from b24admin.core.oauth import authorize_url

        return authorize_url(portal_url, client_id, self.new_state())

    # --- browser ------------------------------------------------------------------------------

    def start(self, request: SignInRequest) -> None:
        """Listen on loopback, open the browser, and exchange the code when it comes."""
        if self._busy:
            return
        self._request = request
        self._cancelled = False
        state = self.new_state()
        port = self.port
        self._set_busy(True)

        def listen() -> Any:
            from b24admin.core.oauth import DEFAULT_REDIRECT_PORT, RedirectCatcher

            return RedirectCatcher(state, DEFAULT_REDIRECT_PORT if port is None else port)

        self._runner.submit(listen, self._on_catcher_ready, self._on_failed)

    @Slot(object)
    def _on_catcher_ready(self, catcher: Any) -> None:
        if self._cancelled or self._request is None:
            catcher.close()
            self._on_failed(_cancelled_error())
            return
        self._catcher = catcher
        request = self._request
        self.listening.emit(catcher.redirect_uri)
        try:
            from b24admin.core.oauth import authorize_url

            url = authorize_url(request.portal_url, request.client_id, self.state)
        except B24Error as error:
            catcher.close()
            self._catcher = None
            self._on_failed(error)
            return
        timeout = self.timeout
        # Start waiting before the browser opens, so even an instant redirect is caught.
        self._runner.submit(
            lambda: _exchange(request, lambda _secret: catcher.wait(timeout)),
            self._on_tokens,
            self._on_failed,
        )
        opened = bool(self.open_browser(url))
        self.browserOpened.emit(url, opened)

    def cancel(self) -> None:
        """Stop a running sign-in; its job ends with SIGN_IN_CANCELLED (safe to call any time)."""
        self._cancelled = True
        if self._catcher is not None:
            self._catcher.cancel()  # thread-safe: wakes the worker's wait()

    # --- pasted redirect URL or code ----------------------------------------------------------

    def exchange_pasted(self, text: str, request: SignInRequest) -> None:
        """Check a pasted redirect URL (its state) or a bare code, then exchange it in a worker.

        A wrong state or a missing code fails at once through ``failed``.
        """
        if self._busy:
            return
        from b24admin.core.oauth import parse_redirect

        try:
            code = parse_redirect(text, self.state)
        except B24Error as error:
            self.failed.emit(error)
            return
        self._cancelled = False
        self._set_busy(True)
        self._runner.submit(
            lambda: _exchange(request, lambda _secret: code), self._on_tokens, self._on_failed
        )

    # --- outcomes -----------------------------------------------------------------------------

    @Slot(object)
    def _on_tokens(self, tokens: Any) -> None:
        self._catcher = None
        self._set_busy(False)
        self.tokensReceived.emit(tokens)

    @Slot(object)
    def _on_failed(self, error: B24Error) -> None:
        self._catcher = None
        self._set_busy(False)
        self.failed.emit(error)


def _cancelled_error() -> B24Error:
    from b24admin.core.errors import ErrorKind

    return B24Error.explained(CANCELLED, kind=ErrorKind.INPUT)
