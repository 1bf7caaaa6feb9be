"""Portal users by name, for choosing USER_ID: user.search (api-reference/user/user-search.md)
finds people by any part of their name; an id typed as digits is looked up with user.get
(api-reference/user/user-get.md), and so is an e-mail: user.search's FIND does not look at
e-mail addresses, user.get's filter does (the ``%`` prefix matches a part of the value).
Qt-free; the window runs it in a worker."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from b24admin.core.errors import B24Error

# user.get and user.search work with any one of these scopes (api-reference/user/user-get.md).
USER_SCOPES = ("user", "user_basic", "user_brief")


class _Caller(Protocol):
    def call(self, method: str, params: dict[str, Any] | None = None) -> Any: ...


@dataclass(frozen=True)
class PortalUser:
    user_id: int
    name: str
    last_name: str
    email: str

    def full_name(self) -> str:
        return " ".join(part for part in (self.name, self.last_name) if part) or "—"

    def label(self) -> str:
        """What a picker lists: Anna Petrova <anna@example.com> (7)."""
        mail = f" <{self.email}>" if self.email else ""
        return f"{self.full_name()}{mail} ({self.user_id})"


def _user(item: Any) -> PortalUser | None:
    if not isinstance(item, dict):
        return None
    try:
        user_id = int(str(item.get("ID", "")))
    except ValueError:
        return None
    return PortalUser(
        user_id=user_id,
        name=str(item.get("NAME") or ""),
        last_name=str(item.get("LAST_NAME") or ""),
        email=str(item.get("EMAIL") or ""),
    )


def _ask(client: _Caller, text: str) -> Any:
    if text.isdigit():
        return client.call("user.get", {"ID": int(text)})
    if "@" in text:
        return client.call("user.get", {"FILTER": {"%EMAIL": text}})
    return client.call("user.search", {"FIND": text})


def find_users(client: _Caller, text: str) -> list[PortalUser]:
    """The users whose name (or e-mail, when ``text`` has an @) contains ``text``; digits: the
    user with that id. A token without a user scope raises the B24Error that says so and
    that the id can be typed instead."""
    text = text.strip()
    if not text:
        return []
    try:
        answer = _ask(client, text)
    except B24Error as error:
        if error.code != "insufficient_scope":
            raise
        raise B24Error.explained(
            error.code,
            variant="insufficient_scope/users",
            description=error.description,
            http_status=error.http_status,
            method=error.method,
            request=error.request,
            response=error.response,
        ) from error
    users = [_user(item) for item in answer] if isinstance(answer, list) else []
    return [user for user in users if user is not None]
