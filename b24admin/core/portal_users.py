"""Portal users by name, for choosing USER_ID: user.search (api-reference/user/user-search.md)
finds people by any part of their name or e-mail; an id typed as digits is looked up with
user.get (api-reference/user/user-get.md). Qt-free; the window runs it in a worker."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol


class _Caller(Protocol):
    def call(self, method: str, params: dict[str, Any] | None = None) -> Any: ...


@dataclass(frozen=True)
class PortalUser:
    user_id: int
    name: str
    last_name: str
    email: str

    def label(self) -> str:
        """What a picker lists: Anna Petrova <anna@example.com> (7)."""
        full = " ".join(part for part in (self.name, self.last_name) if part) or "—"
        mail = f" <{self.email}>" if self.email else ""
        return f"{full}{mail} ({self.user_id})"


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


def find_users(client: _Caller, text: str) -> list[PortalUser]:
    """The users whose name or e-mail contains ``text`` (digits: the user with that id)."""
    text = text.strip()
    if not text:
        return []
    if text.isdigit():
        answer = client.call("user.get", {"ID": int(text)})
    else:
        answer = client.call("user.search", {"FIND": text})
    users = [_user(item) for item in answer] if isinstance(answer, list) else []
    return [user for user in users if user is not None]
