"""HTTP plumbing of the sandbox: routing, the REST pipeline (faults, rate limit, auth, methods),
and the OAuth endpoints. One request per connection (HTTP/1.0), one thread per request."""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any
from urllib.parse import SplitResult, urlsplit

from b24admin.sandbox import oauth
from b24admin.sandbox.batch import method_name, run_batch
from b24admin.sandbox.faults import ANSWERED_BY_PROXY, HTML_502, Fault
from b24admin.sandbox.methods import invoke
from b24admin.sandbox.model import ReceivedCall, RestError
from b24admin.sandbox.params import parse_body, parse_query
from b24admin.sandbox.portal import Caller

if TYPE_CHECKING:
    from b24admin.sandbox.server import SandboxPortal

logger = logging.getLogger(__name__)

JSON_TYPE = "application/json; charset=utf-8"
INDEX_PAGE = (
    b"<!DOCTYPE html><html><head><title>b24admin sandbox portal</title></head><body>"
    b"<h1>b24admin sandbox portal</h1><p>A local emulator of a Bitrix24 portal. REST is under "
    b"<code>/rest/</code>, OAuth under <code>/oauth/token/</code> and "
    b"<code>/oauth/authorize/</code>.</p></body></html>"
)


@dataclass(frozen=True)
class RestRoute:
    """Where a REST call went: the method, and for a webhook its user and secret."""

    method: str
    webhook_user: int | None = None
    webhook_secret: str = ""


def parse_rest_path(path: str) -> RestRoute:
    """``/rest/<method>[.json]`` (OAuth) or ``/rest/<user>/<secret>/<method>[.json]`` (webhook)."""
    parts = path[len("/rest/") :].strip("/").split("/")
    if len(parts) == 3 and parts[0].isdigit():
        return RestRoute(method_name(parts[2]), int(parts[0]), parts[1])
    if len(parts) == 1:
        return RestRoute(method_name(parts[0]))
    return RestRoute("")


def path_without_secret(path: str) -> str:
    """``path`` fit for a log: a webhook's secret (``/rest/<user>/<secret>/...``) masked."""
    route = parse_rest_path(path) if path.startswith("/rest/") else None
    if route is not None and route.webhook_user is not None:
        return path.replace(f"/{route.webhook_secret}/", "/***/", 1)
    return path


def time_block(started: float) -> dict[str, Any]:
    """The ``time`` block of an answer (api-reference/data-types.md): wall-clock times of this
    call."""
    finished = time.time()

    def iso(moment: float) -> str:
        return datetime.fromtimestamp(moment, tz=timezone.utc).isoformat(timespec="seconds")

    return {
        "start": started,
        "finish": finished,
        "duration": finished - started,
        "processing": finished - started,
        "date_start": iso(started),
        "date_finish": iso(finished),
        "operating_reset_at": int(started) + 600,
        "operating": 0,
    }


def proxy_answer(fault: Fault) -> tuple[bytes, str, dict[str, Any] | None]:
    """What a proxy in front of the portal sends for ``fault`` instead of the portal's answer:
    the body, its content type, and the JSON body (None when it is not JSON)."""
    if fault.kind == "html_502":
        return HTML_502, "text/html", None
    if fault.kind in ("empty", "redirect"):
        return b"", JSON_TYPE, None
    if fault.kind == "raw":
        return fault.body, JSON_TYPE, None
    body = {"error": fault.code, "error_description": fault.description}
    return json.dumps(body).encode(), JSON_TYPE, body


class SandboxHTTPServer(ThreadingHTTPServer):
    """The listening server; knows its portal (public settings) and the portal's runtime."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], portal: SandboxPortal) -> None:
        super().__init__(address, SandboxRequestHandler)
        self.portal = portal
        self.runtime = portal.runtime


class SandboxRequestHandler(BaseHTTPRequestHandler):
    """Routes one request to the REST pipeline, the OAuth server or the index page."""

    server: SandboxHTTPServer
    protocol_version = "HTTP/1.0"
    server_version = "b24admin-sandbox"
    sys_version = ""

    def do_GET(self) -> None:
        self._dispatch()

    def do_POST(self) -> None:
        self._dispatch()

    def log_message(self, format: str, *args: Any) -> None:
        # The default writes the whole request line to stderr: its query may carry a token and a
        # webhook path carries the webhook's secret. Log neither.
        logger.debug("%s %s", self.command, path_without_secret(urlsplit(self.path).path))

    def _dispatch(self) -> None:
        self.server.runtime.count_http_request()
        url = urlsplit(self.path)
        try:
            if url.path.startswith("/rest/"):
                self._rest(url)
            elif url.path.rstrip("/") == "/oauth/token":
                self._token(url)
            elif url.path.rstrip("/") == "/oauth/authorize":
                self._authorize(url)
            elif url.path.rstrip("/") == "/widgets/open":
                self._open_widget(url)
            elif url.path == "/":
                self._send(200, INDEX_PAGE, "text/html; charset=utf-8")
            else:
                self._send(404, b"Not found", "text/plain; charset=utf-8")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (e.g. its timeout during a delay fault)

    # --- REST ---------------------------------------------------------------------------------

    def _params(self, url: SplitResult) -> dict[str, Any]:
        """Query parameters, overridden by the body's (PHP's $_REQUEST order)."""
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length > 0 else b""
        params = parse_query(url.query)
        params.update(parse_body(body, self.headers.get("Content-Type", "")))
        return params

    def _rest(self, url: SplitResult) -> None:
        runtime = self.server.runtime
        route = parse_rest_path(url.path)
        params = self._params(url)
        token = params.pop("auth", None)
        fault = runtime.faults.take(route.method)
        if fault is not None and fault.kind == "delay":
            if runtime.stopping.wait(fault.seconds):
                return  # stop() interrupted the delay: close without an answer
            fault = None
        caller = runtime.state.identify(route.webhook_user, route.webhook_secret, token)

        def record(status: int, response: dict[str, Any] | None) -> None:
            runtime.record(
                ReceivedCall(
                    method=route.method,
                    params=params,
                    auth=caller.auth,
                    client_id=caller.client_id,
                    user_id=caller.user_id,
                    http_path=path_without_secret(url.path),
                    http_status=status,
                    response=response,
                )
            )

        if fault is not None and fault.kind in ANSWERED_BY_PROXY:
            payload, content_type, response = proxy_answer(fault)
            record(fault.status, response)
            moved = [("Location", fault.location)] if fault.location else []
            self._send(fault.status, payload, content_type, moved)
            return
        status, body = self._execute(route, token, params)
        if fault is not None and fault.kind == "drop":
            record(0, None)
            self.close_connection = True
            return  # nothing written: the client sees the connection closed
        payload = json.dumps(body).encode()
        if fault is not None and fault.kind == "truncated":
            record(200, None)
            self._send(200, payload[: len(payload) // 2], JSON_TYPE)
            return
        record(status, body)  # before answering, so a test sees it once the answer arrives
        if fault is not None and fault.kind == "trickle":
            self._trickle(status, payload, fault.seconds)
            return
        self._send(status, payload, JSON_TYPE)

    def _execute(
        self, route: RestRoute, token: Any, params: dict[str, Any]
    ) -> tuple[int, dict[str, Any]]:
        portal, runtime = self.server.portal, self.server.runtime
        started = time.time()
        if not runtime.bucket.try_acquire():
            error = RestError("QUERY_LIMIT_EXCEEDED")
            return error.status, error.body()
        status_of_placement_errors = portal.placement_error_status

        def call(caller: Caller, method: str, call_params: dict[str, Any]) -> Any:
            return invoke(runtime.state, caller, method, call_params, status_of_placement_errors)

        try:
            if not route.method:
                raise RestError("ERROR_METHOD_NOT_FOUND")
            caller = runtime.state.authenticate(route.webhook_user, route.webhook_secret, token)
            if route.method == "batch":
                result = run_batch(caller, params, call, lambda: time_block(time.time()))
            else:
                result = call(caller, route.method, params)
        except RestError as error:
            return error.status, error.body()
        return 200, {"result": result, "time": time_block(started)}

    def _open_widget(self, url: SplitResult) -> None:
        from b24admin.sandbox.widget_open import open_widget

        query = parse_query(url.query)
        status, body = open_widget(
            self.server.runtime.state,
            self.server.portal.base_url,
            str(query.get("placement", "")),
            str(query.get("handler", "")),
            str(query.get("lang", "en")),
        )
        self._send(status, json.dumps(body).encode(), JSON_TYPE)

    # --- OAuth --------------------------------------------------------------------------------

    def _token(self, url: SplitResult) -> None:
        portal, runtime = self.server.portal, self.server.runtime
        try:
            body = oauth.token_endpoint(runtime.state, self._params(url), portal.base_url)
        except oauth.OAuthError as error:
            self._send(oauth.OAUTH_ERROR_STATUS, json.dumps(error.body()).encode(), JSON_TYPE)
            return
        self._send(200, json.dumps(body).encode(), JSON_TYPE)

    def _authorize(self, url: SplitResult) -> None:
        portal, runtime = self.server.portal, self.server.runtime
        try:
            location = oauth.authorize_redirect(
                runtime.state, self._params(url), portal.base_url, portal.authorize_user_id
            )
        except oauth.OAuthError as error:
            self._send(400, oauth.error_page(error), "text/html; charset=utf-8")
            return
        self._send(302, b"", "text/html; charset=utf-8", [("Location", location)])

    def _trickle(self, status: int, body: bytes, seconds_per_byte: float) -> None:
        """Headers at once, then the body one byte at a time; stop() or a hang-up ends it."""
        self.send_response(status)
        self.send_header("Content-Type", JSON_TYPE)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.flush()
        for byte in body:
            if self.server.runtime.stopping.wait(seconds_per_byte):
                return
            self.wfile.write(bytes([byte]))
            self.wfile.flush()

    def _send(
        self,
        status: int,
        body: bytes,
        content_type: str,
        headers: list[tuple[str, str]] | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers or []:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)
