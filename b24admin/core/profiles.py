"""Connection profiles: which portal, how b24admin signs in, and where the secrets are.

Profile metadata lives in ``<config_dir>/profiles.json`` (never a secret); the secrets live in a
:class:`~b24admin.core.secrets.SecretStore`. :class:`ProfileService` (in ``profile_service.py``,
importable from here too) is the one place that keeps the two in step.
"""

from __future__ import annotations

import shlex
import unicodedata
from contextlib import AbstractContextManager
from dataclasses import asdict, dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from b24admin.core.config import config_dir
from b24admin.core.credentials import (
    DEFAULT_OAUTH_SERVER,
)
from b24admin.core.errors import B24Error, ErrorKind
from b24admin.core.locks import PROFILES_LOCK_TIMEOUT, holding, profiles_lock_path
from b24admin.core.portal_urls import (
    normalise_oauth_server,
    normalise_portal_url,
    normalise_webhook_url,
    parse_webhook_url,
)
from b24admin.core.profiles_file import PROFILES_FILE, SCHEMA_VERSION, read_entries, write_entries
from b24admin.core.secrets import SecretKind

__all__ = [
    "PROFILES_FILE",
    "SCHEMA_VERSION",
    "AuthKind",
    "BrokenProfile",
    "ProfileInventory",
    "Profile",
    "ProfileStore",
    "RatePlan",
    "check_profile_name",
    "normalise_oauth_server",
    "normalise_portal_url",
    "normalise_webhook_url",
    "parse_webhook_url",
]


MAX_NAME_LENGTH = 64


class AuthKind(str, Enum):
    """How a profile signs in: an installed local application (OAuth) or an incoming webhook."""

    OAUTH = "oauth"
    WEBHOOK = "webhook"


class RatePlan(str, Enum):
    """The portal's plan, which sets its REST rate limit (limits.md)."""

    STANDARD = "standard"
    ENTERPRISE = "enterprise"

    @property
    def per_second(self) -> float:
        """How fast the leaky bucket drains."""
        return 5.0 if self is RatePlan.ENTERPRISE else 2.0

    @property
    def burst(self) -> int:
        """How many requests fit in the bucket before 503 QUERY_LIMIT_EXCEEDED."""
        return 250 if self is RatePlan.ENTERPRISE else 50


def check_profile_name(name: str) -> str:
    """The name without surrounding blanks; B24Error (INPUT, argument "name") if unusable."""
    cleaned = name.strip()
    if not cleaned:
        raise _input_error("INVALID_PROFILE_NAME", "name")
    if len(cleaned) > MAX_NAME_LENGTH:
        raise _input_error(
            "INVALID_PROFILE_NAME",
            "name",
            variant="INVALID_PROFILE_NAME/too_long",
            length=len(cleaned),
            limit=MAX_NAME_LENGTH,
        )
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") for ch in cleaned):
        raise _input_error("INVALID_PROFILE_NAME", "name", variant="INVALID_PROFILE_NAME/invisible")
    return cleaned


def _input_error(code: str, argument: str = "", *, variant: str = "", **values: object) -> B24Error:
    """A B24Error of kind INPUT worded by the error catalogue (``values`` fill its blanks)."""
    return B24Error.explained(
        code, kind=ErrorKind.INPUT, argument=argument, variant=variant, values=values
    )


def _as_enum(enum: type[AuthKind] | type[RatePlan], value: Any, argument: str) -> Any:
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(member.value for member in enum)
        raise _input_error(
            f"INVALID_{argument.upper()}",
            argument,
            variant="INVALID_CHOICE",
            value=value,
            allowed=allowed,
        ) from None


@dataclass(frozen=True)
class Profile:
    """One portal connection. Holds no secret; constructing one checks and normalises it.

    Raises B24Error (kind INPUT, ``argument`` naming the field) for an unusable value.
    """

    name: str
    auth: AuthKind
    portal_url: str
    client_id: str = ""
    oauth_server: str = DEFAULT_OAUTH_SERVER
    rate_plan: RatePlan = RatePlan.STANDARD
    session_only: bool = False  # its secrets are kept in memory for this run only

    def __post_init__(self) -> None:
        # Frozen: normalised values are written once, here, through object.__setattr__.
        def put(field: str, value: Any) -> None:
            object.__setattr__(self, field, value)

        put("name", check_profile_name(self.name))
        put("auth", _as_enum(AuthKind, self.auth, "auth"))
        put("portal_url", normalise_portal_url(self.portal_url))
        put("client_id", self.client_id.strip())
        if self.auth is AuthKind.OAUTH and not self.client_id:
            raise _input_error("MISSING_CLIENT_ID", "client_id")
        if any(ch.isspace() for ch in self.client_id):
            raise _input_error("INVALID_CLIENT_ID", "client_id")
        put("oauth_server", normalise_oauth_server(self.oauth_server or DEFAULT_OAUTH_SERVER))
        put("rate_plan", _as_enum(RatePlan, self.rate_plan, "rate_plan"))
        put("session_only", bool(self.session_only))

    def secret_kinds(self) -> tuple[SecretKind, ...]:
        """The secrets this kind of profile keeps in its store."""
        if self.auth is AuthKind.WEBHOOK:
            return (SecretKind.WEBHOOK_URL,)
        return (SecretKind.CLIENT_SECRET, SecretKind.ACCESS_TOKEN, SecretKind.REFRESH_TOKEN)

    def to_json(self) -> dict[str, Any]:
        """The profile as stored in profiles.json (plain values, no secret)."""
        data = asdict(self)
        data["auth"] = self.auth.value
        data["rate_plan"] = self.rate_plan.value
        return data


# Declared once: what an entry in profiles.json means when a key is missing.
PROFILE_DEFAULTS: dict[str, Any] = {
    "client_id": "",
    "oauth_server": DEFAULT_OAUTH_SERVER,
    "rate_plan": RatePlan.STANDARD.value,
    "session_only": False,
}
_REQUIRED_KEYS = ("name", "auth", "portal_url")
_KEY_TYPES: dict[str, type] = {
    "name": str,
    "auth": str,
    "portal_url": str,
    "client_id": str,
    "oauth_server": str,
    "rate_plan": str,
    "session_only": bool,
}


@dataclass(frozen=True)
class BrokenProfile:
    """An entry of the profiles file that cannot be used, kept in the file as it is.

    ``number`` is its place in the file (1 = first), ``name`` its name when it has a usable
    one ("" otherwise), ``error`` says what is wrong and what to do (code PROFILE_BROKEN).
    """

    number: int
    name: str
    error: B24Error = field(compare=False)

    @property
    def label(self) -> str:
        """How lists show it: its name, or ``#<number>`` when it has none."""
        return self.name or f"#{self.number}"

    @property
    def reason(self) -> str:
        """What is wrong, in one sentence."""
        return self.error.summary


@dataclass(frozen=True)
class ProfileInventory:
    """Everything in the profiles file: the usable profiles and the broken entries."""

    profiles: list[Profile]
    broken: list[BrokenProfile]


def _entry_name(entry: Any) -> str:
    name = entry.get("name") if isinstance(entry, dict) else None
    return name.strip() if isinstance(name, str) else ""


class ProfileStore:
    """Profile metadata in ``<directory>/profiles.json`` (schema-versioned, written atomically).

    Every read-modify-write holds the profiles lock (:meth:`locked`), which also excludes other
    b24admin processes. Reads take no lock: the file is only ever replaced whole.
    """

    def __init__(self, directory: Path | None = None) -> None:
        self._directory = directory

    @property
    def directory(self) -> Path:
        """The config dir (resolved on use, so tests that point B24ADMIN_CONFIG_DIR win)."""
        return self._directory if self._directory is not None else config_dir()

    @property
    def path(self) -> Path:
        return self.directory / PROFILES_FILE

    def locked(self) -> AbstractContextManager[None]:
        """Hold the profiles lock (re-entrant in one thread) around a read-modify-write."""
        return holding(
            profiles_lock_path(self.directory), purpose="profiles", timeout=PROFILES_LOCK_TIMEOUT
        )

    def load(self) -> list[Profile]:
        """Every usable profile, in the saved order; [] when there is no file yet.

        Broken entries are left out here (see :meth:`inventory`); a file that cannot be read
        at all raises B24Error PROFILES_FILE_CORRUPT or PROFILES_FILE_TOO_NEW.
        """
        return self.inventory().profiles

    def inventory(self) -> ProfileInventory:
        """The usable profiles and the broken entries, each in the saved order."""
        profiles: list[Profile] = []
        broken: list[BrokenProfile] = []
        for item in self._parse(read_entries(self.path)):
            if isinstance(item, BrokenProfile):
                broken.append(item)
            else:
                profiles.append(item)
        return ProfileInventory(profiles, broken)

    def get(self, name: str) -> Profile | None:
        """The profile with this name, or None."""
        return next((p for p in self.load() if p.name == name), None)

    def broken(self, name: str) -> BrokenProfile | None:
        """The broken entry with this name, or None."""
        return next((b for b in self.inventory().broken if b.name == name), None)

    def save_profile(self, profile: Profile, *, replacing: str | None = None) -> None:
        """Add a profile, or replace the one named ``replacing`` (an edit or a rename).

        Without ``replacing`` an existing name is refused (B24Error PROFILE_EXISTS), so a new
        profile never silently overwrites another one. Broken entries stay where they are.
        """
        with self.locked():
            entries = read_entries(self.path)
            items = self._parse(entries)
            _ensure_name_free(items, profile.name, replacing)
            index = next(
                (i for i, p in enumerate(items) if isinstance(p, Profile) and p.name == replacing),
                None,
            )
            if index is None:
                entries.append(profile.to_json())
            else:
                entries[index] = profile.to_json()
            write_entries(self.path, entries)

    def ensure_name_free(self, name: str, *, replacing: str | None = None) -> None:
        """Raise B24Error PROFILE_EXISTS when an entry other than ``replacing`` has ``name``
        (a broken entry's name counts: its keyring entries may still be there)."""
        _ensure_name_free(self._parse(read_entries(self.path)), name, replacing)

    def remove(self, name: str) -> None:
        """Remove every entry named ``name``, usable or broken; removing a missing one is fine."""
        with self.locked():
            entries = read_entries(self.path)
            kept = [entry for entry in entries if _entry_name(entry) != name]
            if len(kept) != len(entries):
                write_entries(self.path, kept)

    def remove_entry(self, number: int) -> None:
        """Remove the entry at place ``number`` (1 = first): a broken entry without a name."""
        with self.locked():
            entries = read_entries(self.path)
            if 1 <= number <= len(entries):
                del entries[number - 1]
                write_entries(self.path, entries)

    def _parse(self, entries: list[Any]) -> list[Profile | BrokenProfile]:
        items: list[Profile | BrokenProfile] = []
        first_of: dict[str, int] = {}
        for number, entry in enumerate(entries, 1):
            item = self._profile_from(entry, number)
            name = item.name
            if isinstance(item, Profile) and name in first_of:
                item = self._broken(entry, number, "duplicate", first=first_of[name])
            elif isinstance(item, Profile):
                first_of[name] = number
            items.append(item)
        return items

    def _profile_from(self, entry: Any, number: int) -> Profile | BrokenProfile:
        if not isinstance(entry, dict):
            return self._broken(entry, number, "not_object")
        missing = [key for key in _REQUIRED_KEYS if key not in entry]
        if missing:
            return self._broken(entry, number, "missing", keys=", ".join(missing))
        values = {**PROFILE_DEFAULTS, **{k: v for k, v in entry.items() if k in _KEY_TYPES}}
        for key, value in values.items():
            if not isinstance(value, _KEY_TYPES[key]):
                return self._broken(entry, number, "wrong_type", key=key)
        try:
            return Profile(**values)
        except B24Error as exc:
            return self._broken(entry, number, "invalid", description=exc.summary)

    def _broken(self, entry: Any, number: int, why: str, **values: object) -> BrokenProfile:
        name = _entry_name(entry)
        description = str(values.pop("description", ""))
        remove = f"--entry {number}" if not name else shlex.quote(name)
        error = B24Error.explained(
            "PROFILE_BROKEN",
            kind=ErrorKind.INPUT,
            variant=f"PROFILE_BROKEN/{why}",
            description=description,
            values={
                "label": name or f"#{number}",
                "number": number,
                "path": str(self.path),
                "remove": remove,
                **values,
            },
        )
        return BrokenProfile(number, name, error)


def _ensure_name_free(
    items: list[Profile | BrokenProfile], name: str, replacing: str | None
) -> None:
    if name != replacing and any(item.name == name for item in items):
        raise _input_error("PROFILE_EXISTS", "name", name=name)
