"""Connection profiles: which portal, how b24admin signs in, and where the secrets are.

Profile metadata lives in ``<config_dir>/profiles.json`` (never a secret); the secrets live in a
:class:`~b24admin.core.secrets.SecretStore`. :class:`ProfileService` (in ``profile_service.py``,
importable from here too) is the one place that keeps the two in step.
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
import unicodedata
from dataclasses import asdict, dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from b24admin.core.config import config_dir
from b24admin.core.credentials import (
    DEFAULT_OAUTH_SERVER,
)
from b24admin.core.errors import B24Error
from b24admin.core.portal_urls import (
    normalise_oauth_server,
    normalise_portal_url,
    normalise_webhook_url,
    parse_webhook_url,
)
from b24admin.core.secrets import SecretKind

__all__ = [
    "AuthKind",
    "Profile",
    "ProfileStore",
    "RatePlan",
    "check_profile_name",
    "normalise_oauth_server",
    "normalise_portal_url",
    "normalise_webhook_url",
    "parse_webhook_url",
]


PROFILES_FILE = "profiles.json"
SCHEMA_VERSION = 1
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
        raise B24Error.invalid_input(
            "INVALID_PROFILE_NAME", "Enter a name for the profile.", "", "name"
        )
    if len(cleaned) > MAX_NAME_LENGTH:
        raise B24Error.invalid_input(
            "INVALID_PROFILE_NAME",
            f"The profile name is too long ({len(cleaned)} characters).",
            f"Use at most {MAX_NAME_LENGTH} characters.",
            "name",
        )
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") for ch in cleaned):
        raise B24Error.invalid_input(
            "INVALID_PROFILE_NAME",
            "The profile name contains invisible control characters.",
            "Type the name again using letters, digits, spaces and punctuation.",
            "name",
        )
    return cleaned


def _as_enum(enum: type[AuthKind] | type[RatePlan], value: Any, argument: str) -> Any:
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(member.value for member in enum)
        raise B24Error.invalid_input(
            f"INVALID_{argument.upper()}",
            f"“{value}” is not a valid {argument.replace('_', ' ')}.",
            f"Use one of: {allowed}.",
            argument,
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
            raise B24Error.invalid_input(
                "MISSING_CLIENT_ID",
                "Enter the local application's client_id.",
                "It is shown on the local application's page in Bitrix24 "
                "(Developer resources), e.g. local.1a2b3c4d5e6f7.12345678.",
                "client_id",
            )
        if any(ch.isspace() for ch in self.client_id):
            raise B24Error.invalid_input(
                "INVALID_CLIENT_ID", "The client_id must not contain spaces.", "", "client_id"
            )
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


def _ensure_name_free(profiles: list[Profile], name: str, replacing: str | None) -> None:
    if name != replacing and any(p.name == name for p in profiles):
        raise B24Error.invalid_input(
            "PROFILE_EXISTS",
            f"A profile named “{name}” already exists.",
            "Choose another name, or edit that profile instead.",
            "name",
        )


# One process may run several workers; a read-modify-write of the file must not interleave.
_file_lock = threading.RLock()


class ProfileStore:
    """Profile metadata in ``<directory>/profiles.json`` (schema-versioned, written atomically)."""

    def __init__(self, directory: Path | None = None) -> None:
        self._directory = directory

    @property
    def directory(self) -> Path:
        """The config dir (resolved on use, so tests that point B24ADMIN_CONFIG_DIR win)."""
        return self._directory if self._directory is not None else config_dir()

    @property
    def path(self) -> Path:
        return self.directory / PROFILES_FILE

    def load(self) -> list[Profile]:
        """Every profile, in the saved order; [] when there is no file yet."""
        path = self.path
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return []
        except (OSError, UnicodeDecodeError) as exc:
            raise self._corrupt(f"it could not be read ({exc})") from None
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise self._corrupt(f"it is not valid JSON (line {exc.lineno}: {exc.msg})") from None
        if not isinstance(data, dict) or not isinstance(data.get("schema_version"), int):
            raise self._corrupt("it has no schema_version")
        version = data["schema_version"]
        if version > SCHEMA_VERSION:
            raise B24Error.invalid_input(
                "PROFILES_FILE_TOO_NEW",
                f"The profiles in {path} were saved by a newer b24admin "
                f"(format {version}; this version reads format {SCHEMA_VERSION}).",
                "Update b24admin. The file was left as it is.",
            )
        entries = data.get("profiles", [])
        if not isinstance(entries, list):
            raise self._corrupt("“profiles” is not a list")
        profiles = [self._profile_from(entry, number) for number, entry in enumerate(entries, 1)]
        names = [p.name for p in profiles]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise self._corrupt(f"the name “{duplicates[0]}” is used twice")
        return profiles

    def get(self, name: str) -> Profile | None:
        """The profile with this name, or None."""
        return next((p for p in self.load() if p.name == name), None)

    def save_profile(self, profile: Profile, *, replacing: str | None = None) -> None:
        """Add a profile, or replace the one named ``replacing`` (an edit or a rename).

        Without ``replacing`` an existing name is refused (B24Error PROFILE_EXISTS), so a new
        profile never silently overwrites another one.
        """
        with _file_lock:
            profiles = self.load()
            _ensure_name_free(profiles, profile.name, replacing)
            index = next((i for i, p in enumerate(profiles) if p.name == replacing), None)
            if index is None:
                profiles.append(profile)
            else:
                profiles[index] = profile
            self._write(profiles)

    def ensure_name_free(self, name: str, *, replacing: str | None = None) -> None:
        """Raise B24Error PROFILE_EXISTS when a profile other than ``replacing`` has ``name``."""
        _ensure_name_free(self.load(), name, replacing)

    def remove(self, name: str) -> None:
        """Remove a profile's metadata; removing a missing one is fine."""
        with _file_lock:
            profiles = self.load()
            kept = [p for p in profiles if p.name != name]
            if len(kept) != len(profiles):
                self._write(kept)

    def _profile_from(self, entry: Any, number: int) -> Profile:
        if not isinstance(entry, dict):
            raise self._corrupt(f"profile #{number} is not an object")
        missing = [key for key in _REQUIRED_KEYS if key not in entry]
        if missing:
            raise self._corrupt(f"profile #{number} has no {', '.join(missing)}")
        values = {**PROFILE_DEFAULTS, **{k: v for k, v in entry.items() if k in _KEY_TYPES}}
        for key, value in values.items():
            if not isinstance(value, _KEY_TYPES[key]):
                raise self._corrupt(f"profile #{number} has a wrong value for “{key}”")
        try:
            return Profile(**values)
        except B24Error as exc:
            raise self._corrupt(f"profile #{number}: {exc.summary}") from None

    def _corrupt(self, why: str) -> B24Error:
        return B24Error.invalid_input(
            "PROFILES_FILE_CORRUPT",
            f"The profiles file {self.path} cannot be used: {why}.",
            "Fix or move the file away and add the profiles again; b24admin left it as it is.",
        )

    def _write(self, profiles: list[Profile]) -> None:
        """Write the whole file atomically (temp file + os.replace), readable by the user only."""
        directory = self.directory
        document = {"schema_version": SCHEMA_VERSION, "profiles": [p.to_json() for p in profiles]}
        text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
        try:
            directory.mkdir(mode=0o700, parents=True, exist_ok=True)
            # mkstemp creates the file 0600, so it is never readable by others, not even briefly.
            fd, temp = tempfile.mkstemp(prefix=".profiles-", suffix=".tmp", dir=directory)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    handle.write(text)
                    handle.flush()
                    os.fsync(handle.fileno())
                os.chmod(temp, 0o600)
                os.replace(temp, self.path)
            except BaseException:
                Path(temp).unlink(missing_ok=True)
                raise
        except OSError as exc:
            raise B24Error.invalid_input(
                "PROFILES_WRITE_FAILED",
                f"The profiles could not be saved to {self.path}.",
                f"Check that the folder is writable and the disk is not full ({exc.strerror}).",
            ) from None
