"""The sandbox's public value types and its one error type.

Facts are cited by the page of the official Bitrix24 REST docs they come from; the sandbox's
sources are described in docs/bitrix24-notes.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

AuthKind = Literal["oauth", "webhook", "none"]

# HTTP status of the system errors (_includes/system-errors.md), plus the auth/placement codes
# of placement-bind.md and placement-unbind.md.
SYSTEM_ERROR_STATUS: dict[str, int] = {
    "INTERNAL_SERVER_ERROR": 500,
    "ERROR_UNEXPECTED_ANSWER": 500,
    "PORTAL_DELETED": 500,
    "QUERY_LIMIT_EXCEEDED": 503,
    "OVERLOAD_LIMIT": 503,
    "ERROR_BATCH_METHOD_NOT_ALLOWED": 405,
    "ERROR_BATCH_LENGTH_EXCEEDED": 400,
    "NO_AUTH_FOUND": 401,
    "expired_token": 401,
    "INVALID_REQUEST": 400,
    "ACCESS_DENIED": 403,
    "INVALID_CREDENTIALS": 403,
    "ERROR_MANIFEST_IS_NOT_AVAILABLE": 404,
    "ERROR_METHOD_NOT_FOUND": 404,
    "insufficient_scope": 403,
    "user_access_error": 403,
    "WRONG_AUTH_TYPE": 403,
    "OPERATION_TIME_LIMIT": 429,
}

# The server's wording for the codes above (used when a fault or an error gives none).
SYSTEM_ERROR_DESCRIPTION: dict[str, str] = {
    "INTERNAL_SERVER_ERROR": "Internal server error",
    "ERROR_UNEXPECTED_ANSWER": "Server returned an unexpected response",
    "PORTAL_DELETED": "Portal was deleted",
    "QUERY_LIMIT_EXCEEDED": "Too many requests",
    "OVERLOAD_LIMIT": "REST API is blocked due to overload",
    "ERROR_BATCH_METHOD_NOT_ALLOWED": "Method is not allowed for batch usage",
    "ERROR_BATCH_LENGTH_EXCEEDED": "Max batch length exceeded",
    "NO_AUTH_FOUND": "Wrong authorization data",
    "expired_token": "The access token provided has expired.",
    "INVALID_REQUEST": "Https required.",
    "ACCESS_DENIED": "Access denied!",
    "INVALID_CREDENTIALS": "Invalid request credentials",
    "ERROR_METHOD_NOT_FOUND": "Method not found!",
    "insufficient_scope": (
        "The request requires higher privileges than provided by the access token"
    ),
    "user_access_error": "The user does not have access to the application.",
    "WRONG_AUTH_TYPE": (
        "Current authorization type is denied for this method Application context required"
    ),
    "OPERATION_TIME_LIMIT": "Method is blocked due to operation time limit.",
}


class RestError(Exception):
    """A Bitrix24 error answer: ``{"error": code, "error_description": ...[, "argument"]}``."""

    def __init__(
        self, code: str, description: str = "", *, status: int | None = None, argument: str = ""
    ) -> None:
        self.code = code
        self.description = description or SYSTEM_ERROR_DESCRIPTION.get(code, code)
        self.status = status if status is not None else SYSTEM_ERROR_STATUS.get(code, 400)
        self.argument = argument
        super().__init__(f"{code}: {self.description}")

    def body(self) -> dict[str, Any]:
        """The JSON error body; ``argument`` only when set (it comes with ERROR_ARGUMENT,
        placement-bind.md)."""
        body: dict[str, Any] = {"error": self.code, "error_description": self.description}
        if self.argument:
            body["argument"] = self.argument
        return body


@dataclass(frozen=True)
class TokenPair:
    """An access token and its refresh token, as the OAuth server would hand them out."""

    access_token: str = field(repr=False)
    refresh_token: str = field(repr=False)


@dataclass
class SandboxApp:
    """A local application registered on the sandbox portal (client_id ``local.X.Y``)."""

    client_id: str
    client_secret: str = field(repr=False)
    installed: bool = True
    scopes: tuple[str, ...] = ()
    redirect_uri: str = ""
    app_id: int = 1
    name: str = "Sandbox application"
    version: int = 1


@dataclass
class ReceivedCall:
    """One REST call as the sandbox received and answered it.

    ``params`` are the merged query/body parameters without ``auth``; ``http_path`` has a
    webhook's secret masked (``/rest/1/***/user.admin``). ``http_status`` is what was
    sent (0 when the connection was dropped); ``response`` is the JSON body sent, or None when the
    answer was not JSON (HTML, empty, truncated, dropped). A batch is one call (method "batch").
    """

    method: str
    params: dict[str, Any]
    auth: AuthKind
    client_id: str
    user_id: int
    http_path: str
    http_status: int
    response: dict[str, Any] | None
