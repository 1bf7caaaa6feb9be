"""The REST client: one portal, one ``requests.Session``, every failure a :class:`B24Error`.

Calls go as POST with a JSON body to ``<portal>/rest/<method>.json`` with ``auth`` in the body (a
local application's OAuth token) or to ``<webhook_url>/<method>.json``
(settings/how-to-call-rest-api/general-principles.md). Only ``QUERY_LIMIT_EXCEEDED`` is retried,
because the portal refuses such a request before running it; an expired access token is renewed
once, after the portal says ``expired_token``, and the new tokens reach ``on_tokens_refreshed`` (the
keyring) before the call is repeated.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Protocol

from b24admin.core.answer_shapes import bindings_from, count_from, items_of
from b24admin.core.batch import (
    BATCH_LIMIT,
    BatchCommand,
    BatchResult,
    encode_command,
    parse_batch_answer,
)
from b24admin.core.bind_request import BindRequest
from b24admin.core.credentials import Credentials, OAuthCredentials
from b24admin.core.error_catalogue import explain
from b24admin.core.errors import B24Error
from b24admin.core.http_exchange import Limits, exchange
from b24admin.core.oauth import OAuthServer, TokenSet
from b24admin.core.redact import redact_url
from b24admin.core.responses import json_excerpt, parse_response
from b24admin.core.transport import (
    WRITE_METHODS,
    CallRecord,
    input_error,
    new_session,
    recorded_call,
    require_https,
)

if TYPE_CHECKING:
    import requests
    from tenacity import RetryCallState

__all__ = [
    "BatchCommand",
    "BatchResult",
    "CallRecord",
    "PortalClient",
    "RateLimiter",
    "RetryPolicy",
]

log = logging.getLogger(__name__)


@dataclass
class RetryPolicy:
    """How often and how patiently QUERY_LIMIT_EXCEEDED is retried (exponential backoff).

    Waits are ``initial_wait * 2**n`` seconds, at most ``max_wait``; ``attempts`` counts the
    first try. ``sleep`` is injectable so tests can record the waits instead of sleeping.
    """

    attempts: int = 5
    initial_wait: float = 0.5
    max_wait: float = 8.0
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False)


# Holds a profile's token-renewal lock (across processes) for the ``with`` body and yields the
# credentials stored for it now, or None when nothing is stored (core.token_renewal).
RenewalGuard = Callable[[OAuthCredentials], AbstractContextManager[OAuthCredentials | None]]


class RateLimiter(Protocol):
    """Something that blocks until one more request fits (``core.throttle.LeakyBucket``)."""

    def acquire(self) -> float: ...


def _is_rate_limited(exc: BaseException) -> bool:
    return isinstance(exc, B24Error) and exc.code == "QUERY_LIMIT_EXCEEDED"


def _raise_with_attempts(state: RetryCallState) -> Any:
    """After the last attempt: raise the last error, saying how many attempts were made."""
    assert state.outcome is not None
    error = state.outcome.exception()
    assert isinstance(error, B24Error)
    error.extra["attempts"] = str(state.attempt_number)
    raise error


class PortalClient:
    """Calls one portal's REST API with a profile's credentials.

    Thread-safe enough for the GUI's worker pool: token renewal is serialized, so two calls
    that meet ``expired_token`` at once renew only once (the old refresh token dies on use).
    """

    def __init__(
        self,
        credentials: Credentials,
        *,
        session: requests.Session | None = None,
        limits: Limits | None = None,
        retry: RetryPolicy | None = None,
        on_tokens_refreshed: Callable[[TokenSet], None] | None = None,
        on_call: Callable[[CallRecord], None] | None = None,
        rate_limiter: RateLimiter | None = None,
        renewal_guard: RenewalGuard | None = None,
    ) -> None:
        # Refuse plain http before anything can be sent (loopback is allowed for the sandbox).
        if isinstance(credentials, OAuthCredentials):
            require_https(credentials.portal_url, what="portal")
            require_https(credentials.oauth_server, what="OAuth server")
        else:
            require_https(credentials.webhook_url, what="webhook")
        self._credentials: Credentials = credentials
        self._owns_session = session is None
        self._session = session if session is not None else new_session()
        # Read now, so one client keeps one deadline (``--timeout`` or B24ADMIN_TIMEOUT).
        self._limits = limits if limits is not None else Limits.configured()
        self._retry = retry or RetryPolicy()
        self._on_tokens_refreshed = on_tokens_refreshed
        self._on_call = on_call
        self._rate_limiter = rate_limiter
        self._refresh_lock = threading.Lock()
        self._renewal_guard = renewal_guard

    @property
    def credentials(self) -> Credentials:
        """The credentials in use now (after a renewal, with the new tokens)."""
        return self._credentials

    @property
    def is_webhook(self) -> bool:
        """True for an incoming webhook, which cannot manage widgets (WRONG_AUTH_TYPE)."""
        return not isinstance(self._credentials, OAuthCredentials)

    # --- the methods b24admin uses -----------------------------------------------------------

    def bind(self, request: BindRequest) -> bool:
        """Register a widget (placement.bind). Anything but ``true`` is BIND_NOT_CONFIRMED: the
        docs say ``false`` means the handler was not registered (placement-bind.md)."""
        result = self.call("placement.bind", request.to_wire())
        if result is not True:
            raise B24Error.explained(
                "BIND_NOT_CONFIRMED",
                description=f"placement.bind answered {json_excerpt(result)}",
                method="placement.bind",
                values={"answer": json_excerpt(result)[:40]},
            )
        return True

    def unbind(self, placement: str, handler: str | None = None, user_id: int | None = None) -> int:
        """Remove widgets (placement.unbind) and return the portal's ``count``.

        Without ``handler`` every handler of the placement (of this app) goes. The count is
        about twice the number removed (placement-unbind.md); 0 means nothing matched.
        """
        params: dict[str, Any] = {"PLACEMENT": placement}
        if handler:
            params["HANDLER"] = handler
        if user_id is not None:
            params["USER_ID"] = user_id
        return count_from(self.call("placement.unbind", params))

    def get_bindings(self) -> list[dict[str, Any]]:
        """This application's widgets (placement.get), each {placement, handler, userId, ...}."""
        return bindings_from(self.call("placement.get"))

    def list_placements(self, scope: str | None = None, full: bool = False) -> list[str]:
        """Placement codes available to the app (placement.list); ``full`` ignores scopes."""
        params: dict[str, Any] = {}
        if scope:
            params["SCOPE"] = scope
        elif full:
            params["FULL"] = True
        return [str(code) for code in items_of(self.call("placement.list", params))]

    def app_info(self) -> dict[str, Any]:
        """app.info: ID, CODE, STATUS, INSTALLED, ... of the calling application."""
        result = self.call("app.info")
        return dict(result) if isinstance(result, Mapping) else {}

    def user_admin(self) -> bool:
        """user.admin: whether the signed-in user may manage application settings."""
        return self.call("user.admin") is True

    def scopes(self, full: bool = False) -> list[str]:
        """scope: the application's scopes, or every scope of the portal with ``full``."""
        result = self.call("scope", {"full": True} if full else None)
        return [str(item) for item in items_of(result)]

    def batch(self, commands: Sequence[BatchCommand], *, halt: bool = False) -> BatchResult:
        """Run up to 50 commands in one request; each command's outcome is in the result.

        With ``halt`` the portal stops at the first failing command; the rest are ``not_run``.
        """
        if len(commands) > BATCH_LIMIT:
            raise input_error(
                "ERROR_BATCH_LENGTH_EXCEEDED",
                f"{len(commands)} commands given; a batch holds at most {BATCH_LIMIT}.",
            )
        keys = [command.key for command in commands]
        if len(set(keys)) != len(keys):
            raise input_error("BATCH_DUPLICATE_KEY", "Batch command keys must be unique.")
        if not commands:
            return BatchResult(results={}, errors={})
        cmd = {command.key: encode_command(command.method, command.params) for command in commands}
        answer = self.call("batch", {"halt": 1 if halt else 0, "cmd": cmd})
        return parse_batch_answer(answer, commands)

    # --- the plumbing --------------------------------------------------------------------------

    def call(self, method: str, params: Mapping[str, Any] | None = None) -> Any:
        """Call any REST method and return its ``result``; raise B24Error on any failure."""
        from tenacity import Retrying, retry_if_exception, stop_after_attempt, wait_exponential

        policy = self._retry
        retrying = Retrying(
            retry=retry_if_exception(_is_rate_limited),
            stop=stop_after_attempt(max(1, policy.attempts)),
            wait=wait_exponential(multiplier=policy.initial_wait, max=policy.max_wait),
            sleep=policy.sleep,
            retry_error_callback=_raise_with_attempts,
            before_sleep=lambda state: log.debug("%s: rate limited, retrying", method),
        )
        return retrying(self._call_renewing, method, dict(params or {}))

    def _call_renewing(self, method: str, params: dict[str, Any]) -> Any:
        used = self._credentials
        try:
            return self._send(method, params, used)
        except B24Error as error:
            if error.code != "expired_token" or not isinstance(used, OAuthCredentials):
                raise
        self._renew_tokens(used)
        try:
            return self._send(method, params, self._credentials)
        except B24Error as error:
            if error.code == "expired_token":  # fresh tokens refused too: only a sign-in helps
                error.advice = explain("invalid_grant")[1]
            raise

    def _renew_tokens(self, used: OAuthCredentials) -> None:
        with self._refresh_lock:
            current = self._credentials
            if not isinstance(current, OAuthCredentials):
                return
            if current.access_token != used.access_token:
                return  # another thread renewed meanwhile; the old refresh token is dead
            guard = self._renewal_guard(current) if self._renewal_guard else nullcontext(None)
            with guard as stored:
                if stored is not None and stored.access_token != current.access_token:
                    # Another client (thread or process) refreshed: its pair is the live one.
                    self._credentials = stored
                    return
                if stored is not None:
                    current = stored
                server = OAuthServer(
                    current.oauth_server,
                    self._session,
                    limits=self._limits,
                    on_call=self._on_call,
                )
                tokens = server.refresh(
                    current.client_id, current.client_secret, current.refresh_token
                )
                # Swap first: the old refresh token died with this refresh, so even if
                # persisting fails below, this session keeps the only working pair (in memory).
                self._credentials = replace(
                    current, access_token=tokens.access_token, refresh_token=tokens.refresh_token
                )
                if self._on_tokens_refreshed is not None:
                    self._on_tokens_refreshed(tokens)  # persists to the keyring; errors propagate

    def _endpoint(self, method: str, credentials: Credentials) -> str:
        if isinstance(credentials, OAuthCredentials):
            base = credentials.portal_url.strip().rstrip("/")
            base = base.removesuffix("/rest")
            return f"{base}/rest/{method}.json"
        return f"{credentials.webhook_url.strip().rstrip('/')}/{method}.json"

    def _secrets(self) -> list[str]:
        creds = self._credentials
        if isinstance(creds, OAuthCredentials):
            return [creds.access_token, creds.refresh_token, creds.client_secret]
        return [creds.webhook_url]

    def _send(self, method: str, params: dict[str, Any], credentials: Credentials) -> Any:

        url = self._endpoint(method, credentials)
        body = dict(params)
        if isinstance(credentials, OAuthCredentials):
            body["auth"] = credentials.access_token
        shown_url = redact_url(url)
        summary = f"POST {shown_url}\n{json_excerpt(params)}"  # params never hold ``auth``
        if self._rate_limiter is not None:
            self._rate_limiter.acquire()
        with recorded_call(
            method, url=shown_url, request=summary, secrets=self._secrets(), on_call=self._on_call
        ) as trace:
            answer = exchange(
                self._session,
                "POST",
                url,
                json=body,
                limits=self._limits,
                changes=method in WRITE_METHODS,
                label=method,
            )
            trace.http_status = answer.status
            return parse_response(answer.status, answer.content_type, answer.content, method=method)

    def close(self) -> None:
        """Close the HTTP session (only if this client created it)."""
        if self._owns_session:
            self._session.close()

    def __enter__(self) -> PortalClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"PortalClient({self._credentials!r})"  # the credentials' repr hides secrets
