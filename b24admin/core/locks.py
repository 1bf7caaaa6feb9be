"""Locks that hold across threads *and* processes: the window, a script and a second window may
all work on the same profiles at once.

Two kinds, both lock files in the config dir (``filelock``: ``flock`` on Unix, ``msvcrt`` on
Windows, released by the operating system when a process dies):

- the profiles file's lock, held around every read-modify-write of ``profiles.json`` and the
  keyring entries that go with it, so ten ``profile add`` runs started together keep ten
  profiles;
- one token-renewal lock per profile: Bitrix24 rotates the refresh token on every refresh and the
  old one stops working (api-reference/oauth/index.md), so only one client may refresh a
  profile's tokens at a time, and the next one must find the stored new pair instead.

Every wait is bounded: a lock that another b24admin holds for too long ends in a B24Error that
says so, never in a hang.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from b24admin.core.errors import B24Error, ErrorKind

if TYPE_CHECKING:
    from filelock import BaseFileLock

LOCKS_DIR = "locks"
PROFILES_LOCK_FILE = "profiles.json.lock"
# Long enough for another process's keyring write (its own deadline is 20 s by default).
PROFILES_LOCK_TIMEOUT = 60.0
# A refresh is one HTTP exchange plus a keyring write: both bounded by their own deadlines.
TOKEN_LOCK_TIMEOUT = 120.0

# One FileLock object per lock file in this process: a FileLock is re-entrant per thread only
# through the same object, while two objects on one file would exclude each other even in the
# same thread (flock treats each open file separately).
_locks: dict[str, BaseFileLock] = {}
_locks_guard = threading.Lock()


def _file_lock(path: Path) -> BaseFileLock:
    from filelock import FileLock  # imported on use: off the window's start-up path

    key = str(path)
    with _locks_guard:
        lock = _locks.get(key)
        if lock is None:
            # thread_local (the default): each thread holds its own claim, so threads of one
            # process exclude each other exactly as processes do.
            lock = _locks[key] = FileLock(key, mode=0o600)
        return lock


@contextmanager
def holding(
    path: Path, *, purpose: str, timeout: float, values: Mapping[str, object] | None = None
) -> Iterator[None]:
    """Hold the lock file ``path`` (created with its folder as needed) for the ``with`` body.

    When the lock is not had within ``timeout`` seconds: B24Error LOCK_TIMEOUT (kind TIMEOUT),
    worded by the catalogue entry ``LOCK_TIMEOUT/<purpose>`` ("profiles", "tokens") with
    ``values``; when the lock file cannot be created: LOCK_FAILED.
    """
    from filelock import Timeout

    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        lock = _file_lock(path)
        lock.acquire(timeout=timeout)
    except Timeout:
        raise B24Error.explained(
            "LOCK_TIMEOUT",
            variant=f"LOCK_TIMEOUT/{purpose}",
            kind=ErrorKind.TIMEOUT,
            description=str(path),
            values={**(values or {}), "seconds": f"{timeout:g}"},
        ) from None
    except OSError as exc:
        raise B24Error.explained(
            "LOCK_FAILED",
            kind=ErrorKind.INPUT,
            description=f"{path}: {exc.strerror or exc}",
            values={"folder": str(path.parent)},
        ) from None
    try:
        yield
    finally:
        lock.release()


def profiles_lock_path(config_directory: Path) -> Path:
    """The lock file guarding ``profiles.json`` in ``config_directory``."""
    return config_directory / PROFILES_LOCK_FILE


def token_lock_path(config_directory: Path, profile_name: str) -> Path:
    """The token-renewal lock file of one profile (named by a hash: names may hold any text)."""
    digest = hashlib.sha256(profile_name.encode("utf-8")).hexdigest()[:24]
    return config_directory / LOCKS_DIR / f"tokens-{digest}.lock"
