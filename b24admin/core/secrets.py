"""Secrets behind a tiny interface: the system keyring, or memory for this session only.

CONTRACT (names fixed): :class:`SecretKind`, :class:`StoreStatus`, :class:`SecretStore`.
Implementations: :class:`KeyringSecretStore` (the OS keyring through the ``keyring`` package)
and :class:`SessionSecretStore` (memory, forgotten at exit; offered when the keyring fails).

There is deliberately no third store: b24admin never writes a secret to a file, not even as a
fallback. ``keyring`` is imported inside the methods because its backend discovery takes a D-Bus
round trip or more and must never run on the GUI start-up path.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any, Protocol, TypeVar

from b24admin.core.config import keyring_timeout
from b24admin.core.errors import B24Error, ErrorKind
from b24admin.core.i18n import N_, _

SERVICE_NAME = "b24admin"

SESSION_BACKEND_NAME = N_("Session only (memory; forgotten when b24admin quits)")
NO_KEYRING_BACKEND_NAME = N_("No system keyring")
UNRESPONSIVE_BACKEND_NAME = N_("the system keyring")  # when discovery itself never answered

# Two workers touching the keyring for the first time at once (the status line and a bind)
# would import keyring's backends concurrently and can hit an import deadlock: the first import
# and backend discovery happen under this lock; later calls find both cached.
_DISCOVERY_LOCK = threading.RLock()


def _import_keyring() -> Any:
    loaded = sys.modules.get("keyring")
    if loaded is not None and "keyring.errors" in sys.modules:
        # Without the lock once loaded: a keyring call abandoned at its deadline may hold the
        # lock forever (a discovery that never returns), and reporting that must not wait.
        return loaded
    with _DISCOVERY_LOCK:
        import keyring
        import keyring.errors  # noqa: F401 - loaded under the lock for the callers below

        return keyring


class _NoAnswer(Exception):
    """A keyring call did not return within its deadline (it goes on in an abandoned thread)."""


def _within(seconds: float, work: Callable[[], T]) -> T:
    """``work()``'s result or exception, or _NoAnswer after ``seconds``.

    A keyring backend may block without end (an unlock prompt nobody sees, a D-Bus service that
    never replies) and offers no way to cancel, so the call runs in a daemon thread that is
    left behind at the deadline; it ends with the process at the latest.
    """
    done = threading.Event()
    outcome: list[Any] = []

    def run() -> None:
        try:
            outcome.append((True, work()))
        except BaseException as exc:  # handed to the caller's thread below
            outcome.append((False, exc))
        finally:
            done.set()

    thread = threading.Thread(target=run, name="b24admin-keyring-call", daemon=True)
    thread.start()
    if not done.wait(seconds):
        raise _NoAnswer
    thread.join()
    ok, value = outcome[0]
    if ok:
        return value
    raise value


class SecretKind(str, Enum):
    """The secrets a profile may have; the value is the keyring entry's suffix."""

    CLIENT_SECRET = "client_secret"
    ACCESS_TOKEN = "access_token"
    REFRESH_TOKEN = "refresh_token"
    WEBHOOK_URL = "webhook_url"

    @property
    def label(self) -> str:
        """How the secret is called in messages: "client secret", "webhook URL"."""
        return self.value.replace("_", " ").replace("url", "URL")


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


# --- the system keyring ---------------------------------------------------------------------

# Readable names by the backend's module; anything else shows keyring's own name for it.
_BACKEND_NAMES = {
    "keyring.backends.SecretService": "Secret Service (GNOME Keyring / KWallet)",
    "keyring.backends.libsecret": "Secret Service (libsecret)",
    "keyring.backends.kwallet": "KWallet",
    "keyring.backends.macOS": "macOS Keychain",
    "keyring.backends.Windows": "Windows Credential Locker",
}

T = TypeVar("T")


def _unusable_reason(backend: Any) -> str | None:
    """Why this keyring backend cannot hold secrets, or None when it can (as far as we can tell)."""
    module = type(backend).__module__
    if module == "keyring.backends.fail":
        return _("no recommended backend was found")
    if module == "keyring.backends.null":
        return _("the keyring is configured to discard secrets (null backend)")
    if module == "keyring.backends.chainer" and not list(getattr(backend, "backends", ())):
        return _("the chained keyring has no backends to chain")
    # keyrings.alt's file backends would write secrets to disk, which is exactly what we refuse.
    if module.startswith("keyrings.alt") or "plaintext" in type(backend).__name__.lower():
        return _("{backend} keeps secrets in a file, which b24admin does not allow").format(
            backend=type(backend).__name__
        )
    return None


def _describe_backend(backend: Any) -> str:
    module = type(backend).__module__
    if module == "keyring.backends.chainer":
        inner = [_describe_backend(b) for b in getattr(backend, "backends", ())]
        return " + ".join(inner) if inner else NO_KEYRING_BACKEND_NAME
    if _unusable_reason(backend) is not None:
        return NO_KEYRING_BACKEND_NAME
    for prefix, name in _BACKEND_NAMES.items():
        if module == prefix or module.startswith(prefix + "."):
            return name
    return str(getattr(backend, "name", type(backend).__name__))


class KeyringSecretStore:
    """Secrets in the operating system's keyring (Secret Service, Keychain, Credential Locker).

    One entry per profile and kind: service ``"b24admin"``, username ``"<profile>/<kind>"``.
    Every method may block (D-Bus, an unlock prompt): call them from a worker, never a slot.
    """

    def __init__(self, service_name: str = SERVICE_NAME, *, timeout: float | None = None) -> None:
        self.service_name = service_name
        self._timeout = timeout  # None: B24ADMIN_KEYRING_TIMEOUT or the default, read per call
        self._backend_seen = ""  # the last backend discovered, for the no-answer message

    def __repr__(self) -> str:
        return f"KeyringSecretStore(service_name={self.service_name!r})"

    @property
    def timeout(self) -> float:
        """Seconds a keyring call may take before it is given up (see config.keyring_timeout)."""
        return self._timeout if self._timeout is not None else keyring_timeout()

    def _backend(self) -> Any:
        with _DISCOVERY_LOCK:
            backend = _import_keyring().get_keyring()
        self._backend_seen = _describe_backend(backend)
        return backend

    @property
    def backend_name(self) -> str:
        """The active keyring backend in words ("macOS Keychain"); runs backend discovery."""
        try:
            return _within(self.timeout, lambda: _describe_backend(self._backend()))
        except _NoAnswer:
            return self._backend_seen or UNRESPONSIVE_BACKEND_NAME
        except Exception:  # discovery itself failed: there is no usable keyring
            return NO_KEYRING_BACKEND_NAME

    def status(self) -> StoreStatus:
        """Check that the keyring really answers (a read of a missing entry), in plain words."""
        try:
            self.get("", SecretKind.CLIENT_SECRET)  # a profile name can never be empty
        except B24Error as exc:
            if exc.code == "KEYRING_UNAVAILABLE":
                backend = NO_KEYRING_BACKEND_NAME
            else:
                backend = self._backend_seen or UNRESPONSIVE_BACKEND_NAME
            return StoreStatus(False, backend, f"{exc.summary} {exc.advice}".strip())
        return StoreStatus(True, self._backend_seen, "")

    def get(self, profile: str, kind: SecretKind) -> str | None:
        """The stored secret, or None when there is none."""
        username = _username(profile, kind)
        return self._run("read", lambda b: b.get_password(self.service_name, username))

    def set(self, profile: str, kind: SecretKind, value: str) -> None:
        """Store (or replace) one secret."""
        username = _username(profile, kind)
        self._run("write", lambda b: b.set_password(self.service_name, username, value), value)

    def delete(self, profile: str, kind: SecretKind) -> None:
        """Delete one secret; deleting one that is not there is fine."""
        username = _username(profile, kind)

        def delete(backend: Any) -> None:
            try:
                backend.delete_password(self.service_name, username)
            except _import_keyring().errors.PasswordDeleteError:
                # Backends say "not found" with this same error; only a survivor is a failure.
                if backend.get_password(self.service_name, username) is not None:
                    raise

        self._run("delete", delete)

    def delete_profile(self, profile: str) -> None:
        """Delete every secret of one profile."""
        for kind in SecretKind:
            self.delete(profile, kind)

    def _run(self, action: str, operation: Callable[[Any], T], value: str = "") -> T:
        """Run one operation on a usable backend within the deadline; every failure becomes a
        KEYRING B24Error. Nothing falls back to a file, whatever happens."""

        def work() -> T:
            keyring = _import_keyring()
            backend = self._backend()
            reason = _unusable_reason(backend)
            if reason is not None:
                raise keyring.errors.NoKeyringError(reason)
            return operation(backend)

        seconds = self.timeout
        try:
            return _within(seconds, work)
        except _NoAnswer:
            raise _no_answer_error(self._backend_seen, seconds) from None
        # Not only KeyringError: backends leak their own (secretstorage raises
        # SecretServiceNotAvailableException when there is no D-Bus session at all).
        except Exception as exc:
            raise _keyring_error(exc, action, value) from None


def _username(profile: str, kind: SecretKind) -> str:
    return f"{profile}/{kind.value}"


def _no_answer_error(backend: str, seconds: float) -> B24Error:
    # When even discovery did not answer, the backend the user configured is the one to name.
    configured = os.environ.get("PYTHON_KEYRING_BACKEND", "").strip()
    name = backend or configured or UNRESPONSIVE_BACKEND_NAME
    return B24Error.explained(
        "KEYRING_TIMEOUT",
        kind=ErrorKind.KEYRING,
        values={"backend": name, "seconds": f"{seconds:g}"},
    )


def _keyring_error(exc: BaseException, action: str, value: str = "") -> B24Error:
    """Explain a keyring failure in plain words (never with the secret in it).

    ``action`` is "read", "write" or "delete": what b24admin was doing when it failed.
    """
    ke = _import_keyring().errors

    description = f"{type(exc).__name__}: {exc}"
    if value:
        description = description.replace(value, "<secret>")
    if isinstance(exc, ke.NoKeyringError):
        code, variant = "KEYRING_UNAVAILABLE", ""
    elif isinstance(exc, ke.KeyringLocked):
        code, variant = "KEYRING_LOCKED", ""
    elif isinstance(exc, ke.InitError):
        code, variant = "KEYRING_UNAVAILABLE", "KEYRING_UNAVAILABLE/init"
    elif isinstance(exc, ke.PasswordSetError) or action == "write":
        code, variant = "KEYRING_WRITE_FAILED", ""
    elif isinstance(exc, ke.PasswordDeleteError) or action == "delete":
        code, variant = "KEYRING_WRITE_FAILED", "KEYRING_WRITE_FAILED/delete"
    else:
        code, variant = "KEYRING_READ_FAILED", ""
    return B24Error.explained(
        code,
        kind=ErrorKind.KEYRING,
        variant=variant,
        description=description,
        values={"service": SERVICE_NAME},
    )


# --- memory for this session ----------------------------------------------------------------


class SessionSecretStore:
    """Secrets in memory for this run only: the explicit choice when the keyring fails.

    Thread-safe, because workers on a thread pool read and write it.
    """

    def __init__(self) -> None:
        self._values: dict[tuple[str, SecretKind], str] = {}
        self._lock = threading.Lock()

    def __repr__(self) -> str:  # the values are secrets: show only how many there are
        return f"SessionSecretStore({len(self._values)} secrets)"

    @property
    def backend_name(self) -> str:
        return SESSION_BACKEND_NAME

    def status(self) -> StoreStatus:
        return StoreStatus(True, SESSION_BACKEND_NAME, "")

    def get(self, profile: str, kind: SecretKind) -> str | None:
        with self._lock:
            return self._values.get((profile, kind))

    def set(self, profile: str, kind: SecretKind, value: str) -> None:
        with self._lock:
            self._values[(profile, kind)] = value

    def delete(self, profile: str, kind: SecretKind) -> None:
        with self._lock:
            self._values.pop((profile, kind), None)

    def delete_profile(self, profile: str) -> None:
        with self._lock:
            for key in [key for key in self._values if key[0] == profile]:
                del self._values[key]


_session_store = SessionSecretStore()


def session_secret_store() -> SessionSecretStore:
    """The process-wide session store: every session-only profile keeps its secrets here."""
    return _session_store
