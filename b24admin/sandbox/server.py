"""SandboxPortal: a loopback HTTP server that behaves like a Bitrix24 portal and its OAuth server
for the methods b24admin uses. It is the test double of every integration test and the place to
try the tool without a portal. Behaviour follows the official Bitrix24 REST docs
(see docs/bitrix24-notes.md).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from types import TracebackType
from typing import Any

from b24admin.sandbox.batch import method_name
from b24admin.sandbox.faults import Fault
from b24admin.sandbox.handler import SandboxHTTPServer
from b24admin.sandbox.model import ReceivedCall, SandboxApp, TokenPair
from b24admin.sandbox.portal import DEFAULT_SCOPES
from b24admin.sandbox.runtime import SandboxRuntime

DEMO_CLIENT_ID = "local.sandbox00000000.00000000"


class SandboxPortal:
    """A Bitrix24 portal + OAuth server on ``host:port`` (port 0: any free port).

    The rate limit is the leaky bucket of limits.md (defaults: the non-Enterprise 2/s and 50).
    Access tokens live ``access_token_ttl`` seconds and codes 30 s, both on ``clock``, so tests move
    time instead of sleeping. User 1 exists and is an administrator.

    ``placement_error_status`` is the HTTP status of placement errors (ERROR_ARGUMENT,
    ERROR_PLACEMENT_*, INVALID_ERROR_*, ERROR_CORE, ...): 400 by default, set it to 200 to play the
    other side of the docs' disagreement (docs/bitrix24-notes.md). ``authorize_user_id`` is the user
    "signed in" in the browser that opens /oauth/authorize/.
    """

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        rate_per_second: float = 2.0,
        burst: int = 50,
        access_token_ttl: float = 3600.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._address = (host, port)
        self.runtime = SandboxRuntime(clock, access_token_ttl, rate_per_second, burst)
        self._state = self.runtime.state  # the portal's own shorthand
        self._server: SandboxHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.placement_error_status = 400
        self.authorize_user_id = 1

    # --- lifecycle ------------------------------------------------------------------------------

    def start(self) -> SandboxPortal:
        """Listen and serve in a daemon thread; returns self. Starting a running portal is a
        no-op (so ``with SandboxPortal() as p: p.start()`` is harmless)."""
        if self._server is not None:
            return self
        self.runtime.stopping.clear()
        self._server = SandboxHTTPServer(self._address, self)
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="b24admin-sandbox",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving (interrupting delay faults), close the socket and join the thread."""
        server, thread = self._server, self._thread
        if server is None or thread is None:
            return
        self.runtime.stopping.set()
        server.shutdown()
        server.server_close()
        thread.join()
        self._server = self._thread = None

    def __enter__(self) -> SandboxPortal:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT``: the portal; REST is under ``/rest/``."""
        if self._server is None:
            raise RuntimeError("start() the sandbox portal first")
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def oauth_server_url(self) -> str:
        """The OAuth server: the same server, ``/oauth/token/`` and ``/oauth/authorize/``."""
        return self.base_url

    # --- set-up -----------------------------------------------------------------------------

    def register_app(
        self,
        client_id: str = DEMO_CLIENT_ID,
        client_secret: str | None = None,
        *,
        installed: bool = True,
        scopes: Sequence[str] = DEFAULT_SCOPES,
        redirect_uri: str = "",
    ) -> SandboxApp:
        """Create a local application (a random client_secret when None)."""
        return self._state.register_app(client_id, client_secret, installed, scopes, redirect_uri)

    def issue_tokens(self, client_id: str, *, user_id: int = 1) -> TokenPair:
        """Tokens as if ``user_id`` had just authorized the app."""
        return self._state.issue_tokens(client_id, user_id)

    def create_authorization_code(self, client_id: str, *, user_id: int = 1) -> str:
        """A fresh authorization code (lives 30 s on the clock, single use)."""
        return self._state.create_authorization_code(client_id, user_id)

    def add_user(
        self, user_id: int, *, admin: bool, name: str = "", last_name: str = "", email: str = ""
    ) -> None:
        """A portal user; the names are what user.get and user.search find."""
        with self._state.lock:
            self._state.users[user_id] = admin
            self._state.user_names[user_id] = (name, last_name, email)

    def add_webhook(self, user_id: int = 1) -> str:
        """A new incoming webhook of ``user_id``: its URL ``base_url/rest/<user>/<secret>/``."""
        secret = self._state.add_webhook(user_id)
        return f"{self.base_url}/rest/{user_id}/{secret}/"

    def set_installed(self, client_id: str, installed: bool) -> None:
        with self._state.lock:
            self._state.app(client_id).installed = installed

    def set_redirect_uri(self, client_id: str, uri: str) -> None:
        """The app's handler path, where /oauth/authorize/ redirects."""
        with self._state.lock:
            self._state.app(client_id).redirect_uri = uri

    def expire_access_tokens(self) -> None:
        """Every access token issued so far now answers ``expired_token``."""
        self._state.expire_access_tokens()

    def inject(self, fault: Fault, *, method: str | None = None, times: int = 1) -> None:
        """Apply ``fault`` to the next ``times`` REST calls (of ``method`` only, if given)."""
        self.runtime.faults.add(fault, method_name(method) if method else None, times)

    def reset_rate_limit(self) -> None:
        self.runtime.bucket.reset()

    # --- inspection -----------------------------------------------------------------------------

    def bindings(self, client_id: str) -> list[dict[str, Any]]:
        """The app's handlers as placement.get would answer."""
        return [binding.as_api() for binding in self._state.bindings_of(client_id)]

    def app(self, client_id: str = DEMO_CLIENT_ID) -> SandboxApp:
        """A registered application (ValueError if there is none with that client_id)."""
        return self._state.app(client_id)

    def token_answers(self) -> list[tuple[str, str]]:
        """Every answer of /oauth/token/ so far: (grant_type, "ok" or the OAuth error code)."""
        with self._state.lock:
            return list(self._state.token_answers)

    @property
    def received(self) -> list[ReceivedCall]:
        """Every REST call received, in order, with its answer (tests may clear it)."""
        return self.runtime.received

    @property
    def http_request_count(self) -> int:
        """Every HTTP request received (REST and OAuth), counted when it arrives."""
        return self.runtime.http_request_count

    def wait_for_http_requests(self, count: int, timeout: float = 5.0) -> bool:
        """Block until ``count`` HTTP requests have arrived (answered or not); False on timeout.
        Lets a test know a delayed request is in flight without sleeping."""
        return self.runtime.wait_for_http_requests(count, timeout)
