"""A keyring backend that never answers: every call blocks, as a Secret Service does while its
unlock prompt waits on a screen nobody looks at. Nothing is ever stored."""

from __future__ import annotations

import threading

from keyring.backend import KeyringBackend


class NeverAnswers(KeyringBackend):
    """Blocks every call until the process ends."""

    priority = 1

    _never = threading.Event()

    def get_password(self, service: str, username: str) -> str | None:
        self._never.wait()
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        self._never.wait()

    def delete_password(self, service: str, username: str) -> None:
        self._never.wait()
