"""OAuth 2 for a local application: tokens, the token server, and the browser sign-in.

Facts from settings/oauth/index.md: the browser goes to
``<portal>/oauth/authorize/?client_id&state`` and comes back to the ``redirect_uri`` *from the
application's settings* with ``code`` and ``state``; the code lives 30 s, so it is exchanged at once
with ``GET <oauth server>/oauth/token/?grant_type=authorization_code&client_id&client_secret&code``.
Refreshing (``grant_type=refresh_token``) returns a new refresh token that replaces the old one.

The sign-in catcher listens on a fixed loopback port and path (:data:`DEFAULT_REDIRECT_PORT`,
:data:`REDIRECT_PATH`) because the administrator enters its URL once as the application's
handler path.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlencode, urlsplit

from b24admin.core.errors import B24Error, ErrorKind
from b24admin.core.http_exchange import Limits, exchange
from b24admin.core.i18n import _
from b24admin.core.redact import redact_text, redact_url
from b24admin.core.responses import decode_body, protocol_error
from b24admin.core.transport import (
    CallRecord,
    new_session,
    recorded_call,
    require_https,
)

if TYPE_CHECKING:
    import requests

DEFAULT_REDIRECT_PORT = 51824
REDIRECT_PATH = "/b24admin/oauth"


@dataclass(frozen=True)
class TokenSet:
    """What the token endpoint answers (settings/oauth/index.md). The tokens never appear in
    ``repr``."""

    access_token: str = field(repr=False)
    refresh_token: str = field(repr=False)
    expires_in: int = 3600
    client_endpoint: str = ""
    server_endpoint: str = ""
    member_id: str = ""
    scope: str = ""
    domain: str = ""
    user_id: int | None = None

    @classmethod
    def from_response(cls, data: dict[str, Any]) -> TokenSet:
        """Build from the token endpoint's JSON; raise ValueError if the tokens are missing.

        Nothing else in the answer can make this fail: the tokens are what matters (the old
        refresh token died with the refresh), so every other field is read leniently.
        """
        access, refresh = data.get("access_token"), data.get("refresh_token")
        if not isinstance(access, str) or not isinstance(refresh, str) or not access:
            raise ValueError("the answer has no access_token/refresh_token")
        return cls(
            access_token=access,
            refresh_token=refresh,
            expires_in=read_expires_in(data.get("expires_in")),
            client_endpoint=_text(data.get("client_endpoint")),
            server_endpoint=_text(data.get("server_endpoint")),
            member_id=_text(data.get("member_id")),
            scope=_text(data.get("scope")),
            domain=_text(data.get("domain")),
            user_id=_user_id(data.get("user_id")),
        )


DEFAULT_EXPIRES_IN = 3600  # what Bitrix24 issues: an access token lives one hour
MAX_EXPIRES_IN = 86400  # no portal issues longer-lived tokens; anything above is clamped


def read_expires_in(value: object) -> int:
    """``expires_in`` as whole seconds in 0..MAX_EXPIRES_IN; DEFAULT_EXPIRES_IN when unknown.

    Infinite or huge values are clamped to the maximum, negative ones to 0 (already expired);
    a missing value, a boolean, NaN or text that is not a number means "assume an hour".
    """
    if isinstance(value, bool) or value is None:
        return DEFAULT_EXPIRES_IN
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            return DEFAULT_EXPIRES_IN
    if isinstance(value, int):  # compared as an int: float() of a huge int overflows
        return max(0, min(value, MAX_EXPIRES_IN))
    if isinstance(value, float):
        if math.isnan(value):
            return DEFAULT_EXPIRES_IN
        return int(max(0.0, min(value, float(MAX_EXPIRES_IN))))
    return DEFAULT_EXPIRES_IN


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _user_id(value: object) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value if 0 < value < 2**63 else None
    if isinstance(value, str) and value.isdigit() and len(value) < 19:
        return int(value)
    return None


def parse_token_answer(status: int, content_type: str, body: bytes, *, method: str) -> TokenSet:
    """The tokens of one token-endpoint answer, or a B24Error that holds no token text.

    An OAuth error answer (``{"error": "invalid_grant", ...}``) keeps its words. An answer that
    cannot be read (cut off, not JSON, nested too deeply, not an object, without tokens) may
    still hold the new tokens, so its excerpt never reaches the error's details.
    """
    try:
        data = decode_body(status, content_type, body, method=method, finite_numbers=False)
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
        return TokenSet.from_response(data)
    except B24Error as error:
        if error.kind is ErrorKind.PROTOCOL:
            error.response = _withheld(body)
        error.description = redact_text(error.description)
        raise
    except (ValueError, TypeError, RecursionError) as exc:
        description = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        unreadable = protocol_error("MALFORMED_RESPONSE", status=status, method=method)
        unreadable.description = description
        unreadable.response = _withheld(body)
        raise unreadable from None


def _withheld(body: bytes) -> str:
    # Not even a redacted excerpt: a cut-off token has no closing quote to find its end by.
    return _("({size} bytes withheld: a token answer may hold the new tokens)").format(
        size=len(body)
    )


class OAuthServer:
    """The token endpoint (``https://oauth.bitrix.info`` for the cloud, settable per profile)."""

    def __init__(
        self,
        base_url: str,
        session: requests.Session | None = None,
        *,
        limits: Limits | None = None,
        on_call: Callable[[CallRecord], None] | None = None,
    ) -> None:
        require_https(base_url, what="OAuth server")
        self._base_url = base_url.strip().rstrip("/")
        self._session = session
        self._owns_session = session is None
        self._limits = limits if limits is not None else Limits.configured()
        self._on_call = on_call

    def exchange_code(self, client_id: str, client_secret: str, code: str) -> TokenSet:
        """Trade an authorization code (valid 30 s, single use) for tokens."""
        return self._token("authorization_code", client_id, client_secret, code=code)

    def refresh(self, client_id: str, client_secret: str, refresh_token: str) -> TokenSet:
        """Get new tokens; the answer's refresh token replaces ``refresh_token``, which dies."""
        return self._token("refresh_token", client_id, client_secret, refresh_token=refresh_token)

    def close(self) -> None:
        """Close the HTTP session if this object created it."""
        if self._owns_session and self._session is not None:
            self._session.close()
            self._session = None

    def _token(self, grant: str, client_id: str, client_secret: str, **extra: str) -> TokenSet:

        if self._session is None:
            self._session = new_session()
        params = {"grant_type": grant, "client_id": client_id, "client_secret": client_secret}
        params.update(extra)
        secrets = [client_secret, *extra.values()]
        url = f"{self._base_url}/oauth/token/"
        label = f"oauth/token ({grant})"
        shown_url = redact_url(f"{url}?{urlencode(params)}")
        with recorded_call(
            label,
            url=shown_url,
            request=f"GET {shown_url}",
            secrets=secrets,
            on_call=self._on_call,
        ) as trace:
            answer = exchange(
                self._session,
                "GET",
                url,
                params=params,
                limits=self._limits,
                peer="oauth",
                label=label,
            )
            status = trace.http_status = answer.status
            return parse_token_answer(status, answer.content_type, answer.content, method=label)


def authorize_url(portal_url: str, client_id: str, state: str) -> str:
    """The page where the administrator signs in and allows the application
    (settings/oauth/index.md)."""
    require_https(portal_url)
    query = urlencode({"client_id": client_id, "state": state})
    return f"{portal_url.strip().rstrip('/')}/oauth/authorize/?{query}"


def _sign_in_error(code: str, description: str = "", kind: ErrorKind = ErrorKind.INPUT) -> B24Error:
    return B24Error.explained(code, kind=kind, description=description)


def parse_redirect(url_or_code: str, expected_state: str) -> str:
    """Return the authorization code from a pasted redirect URL (checking ``state``) or a code.

    A bare code is accepted as is: the administrator copied only that part.
    """
    text = url_or_code.strip()
    if not text:
        raise _sign_in_error("OAUTH_NO_CODE")
    if "=" not in text and "/" not in text and "?" not in text:
        if any(ch.isspace() for ch in text):
            raise _sign_in_error("OAUTH_NO_CODE")  # words with spaces: not a code
        return text
    query = urlsplit(text).query if "?" in text else text
    return _code_from_query(parse_qs(query), expected_state)


def _code_from_query(values: dict[str, list[str]], expected_state: str) -> str:
    """Check the redirect's parameters: an error, the state, then the code."""
    error = (values.get("error") or [""])[0]
    if error:
        description = (values.get("error_description") or [error])[0]
        raise _sign_in_error("OAUTH_DENIED", description, ErrorKind.PORTAL)
    state = (values.get("state") or [""])[0]
    if state != expected_state:
        raise _sign_in_error("OAUTH_STATE_MISMATCH")
    code = (values.get("code") or [""])[0].strip()
    if not code:
        raise _sign_in_error("OAUTH_NO_CODE")
    return code


_DONE_PAGE = (
    "<!doctype html><html><head><meta charset='utf-8'><title>b24admin</title></head>"
    "<body style='font-family:sans-serif;margin:3em'><h1>{title}</h1><p>{text}</p></body></html>"
)


class RedirectCatcher:
    """A one-shot loopback HTTP listener that receives the browser's OAuth redirect.

    Binds ``127.0.0.1:port`` at construction (so a busy port is reported before the browser
    opens) and serves in a daemon thread. Enter :attr:`redirect_uri` as the local application's
    handler path. Use ``port=0`` in tests for a free port.
    """

    def __init__(self, state: str, port: int = DEFAULT_REDIRECT_PORT) -> None:
        self._state = state
        self._done = threading.Event()
        self._code = ""
        self._error: B24Error | None = None
        catcher = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # http.server's naming
                catcher._handle(self)

            def log_message(self, format: str, *args: Any) -> None:
                pass  # the request line carries the code: never print it

        try:
            self._server = HTTPServer(("127.0.0.1", port), Handler)
        except OSError as exc:
            raise _sign_in_error(
                "REDIRECT_PORT_BUSY", f"127.0.0.1:{port}: {exc.strerror or exc}", ErrorKind.NETWORK
            ) from None
        self.port = int(self._server.server_address[1])
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()

    @property
    def redirect_uri(self) -> str:
        """The URL the browser is sent back to; the application's handler path must equal it."""
        return f"http://127.0.0.1:{self.port}{REDIRECT_PATH}"

    def wait(self, timeout: float) -> str:
        """Block until the redirect arrives and return its code; always stops listening.

        Raises B24Error on a state mismatch, an error from the portal, a timeout or cancel().
        """
        try:
            if not self._done.wait(timeout):
                raise _sign_in_error(
                    "SIGN_IN_TIMEOUT", f"No redirect within {timeout:g} s.", ErrorKind.TIMEOUT
                )
            if self._error is not None:
                raise self._error
            return self._code
        finally:
            self.close()

    def cancel(self) -> None:
        """Make a pending :meth:`wait` raise SIGN_IN_CANCELLED (callable from any thread)."""
        if not self._done.is_set():
            self._error = _sign_in_error("SIGN_IN_CANCELLED")
            self._done.set()

    def __enter__(self) -> RedirectCatcher:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop listening and free the port (idempotent)."""
        if self._thread.is_alive():
            self._server.shutdown()
            self._thread.join()
        self._server.server_close()

    def _handle(self, request: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(request.path)
        if parts.path.rstrip("/") != REDIRECT_PATH or self._done.is_set():
            # favicon.ico and the like, or a second hit after the outcome: not ours.
            self._answer(
                request, 404, _("Not found"), _("This address is used by b24admin's sign-in.")
            )
            return
        try:
            self._code = _code_from_query(parse_qs(parts.query), self._state)
        except B24Error as error:
            self._error = error
            self._answer(request, 400, _("Sign-in failed"), f"{error.summary} {error.advice}")
        else:
            self._answer(
                request,
                200,
                _("Signed in"),
                _("b24admin received the sign-in. You can close this tab."),
            )
        self._done.set()

    @staticmethod
    def _answer(request: BaseHTTPRequestHandler, status: int, title: str, text: str) -> None:
        import html

        body = _DONE_PAGE.format(title=html.escape(title), text=html.escape(text)).encode()
        request.send_response(status)
        request.send_header("Content-Type", "text/html; charset=utf-8")
        request.send_header("Content-Length", str(len(body)))
        request.send_header("Cache-Control", "no-store")
        request.end_headers()
        request.wfile.write(body)
