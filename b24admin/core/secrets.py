"""Secrets behind a tiny interface: the system keyring, or memory for this session only.

CONTRACT (implemented by the profiles/secrets work; names are fixed).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Protocol

SERVICE_NAME = "b24admin"


class SecretKind(str, Enum):
    CLIENT_SECRET = "client_secret"
    ACCESS_TOKEN = "access_token"
    REFRESH_TOKEN = "refresh_token"
    WEBHOOK_URL = "webhook_url"


@dataclass(frozen=True)
class StoreStatus:
    """Whether the store works, and which backend it is, in words for the user."""

    ok: bool
    backend: str  # "GNOME Keyring (Secret Service)", "Session only (memory)"
    message: str  # "" when ok, else the plain reason ("No system keyring is available ...")


class SecretStore(Protocol):
    """Where secrets go. Every failure is a B24Error of kind KEYRING with a plain message."""

    @property
    def backend_name(self) -> str: ...

    def status(self) -> StoreStatus: ...

    def get(self, profile: str, kind: SecretKind) -> str | None: ...

    def set(self, profile: str, kind: SecretKind, value: str) -> None: ...

    def delete(self, profile: str, kind: SecretKind) -> None: ...

    def delete_profile(self, profile: str) -> None: ...
