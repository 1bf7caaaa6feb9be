"""How ``profile add`` takes secrets: JSON on standard input, or hidden prompts on a terminal, in
the administrator's language, the secret never echoed and kept only in the keyring."""

from __future__ import annotations

import json
import os
import pty
import select
import sys
import time
from pathlib import Path

import pytest

from b24admin.core.profile_service import ProfileService
from b24admin.core.secrets import SecretKind
from tests.integration.cli_support import Cli

REPO = Path(__file__).resolve().parents[2]
WEBHOOK = "https://example.bitrix24.com/rest/1/q2w3e4r5t6y7u8i9/"


def test_missing_secrets_on_stdin_are_named_as_a_sentence(config_dir: Path) -> None:
    cli = Cli(config_dir)
    argv = ["profile", "add", "p", "--auth", "oauth", "--portal", "https://example.bitrix24.com"]
    code = cli(*argv, "--client-id", "local.1.2", stdin=json.dumps({"client_secret": "s"}))
    assert code == 2
    assert "standard input: access_token and refresh_token." in cli.stderr
    assert cli.service.store.load() == []


class Terminal:
    """``b24admin`` run on a pseudo-terminal of its own, as a person runs it in a shell."""

    def __init__(self, *argv: str, env: dict[str, str]) -> None:
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: its controlling terminal is the pty
            os.chdir(REPO)
            os.execve(sys.executable, [sys.executable, "-m", "b24admin", *argv], env)
        self.screen = ""

    def read_until(self, text: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        while text not in self.screen:
            left = deadline - time.monotonic()
            assert left > 0, f"{text!r} never appeared; the terminal shows {self.screen!r}"
            ready, _, _ = select.select([self.fd], [], [], left)
            if ready:
                try:
                    chunk = os.read(self.fd, 4096)
                except OSError:  # the child closed its side
                    chunk = b""
                if not chunk:
                    break
                self.screen += chunk.decode("utf-8", "replace")
        return self.screen

    def type(self, line: str) -> None:
        os.write(self.fd, (line + "\n").encode())

    def exit_code(self) -> int:
        _, status = os.waitpid(self.pid, 0)
        os.close(self.fd)
        return os.waitstatus_to_exitcode(status)


@pytest.mark.keyring
def test_the_hidden_prompt_asks_in_german_never_echoes_and_keeps_the_secret_in_the_keyring(
    keyring_service: ProfileService,
) -> None:
    env = {**os.environ, "B24ADMIN_LANGUAGE": "de"}
    terminal = Terminal("profile", "add", "hook-de", "--auth", "webhook", env=env)
    terminal.read_until("URL des eingehenden Webhooks (Eingabe verborgen): ")
    terminal.type(WEBHOOK)
    screen = terminal.read_until("Hinweis: Bitrix24 erlaubt eingehenden Webhooks nicht")
    assert terminal.exit_code() == 0
    assert "Profil „hook-de“ (https://example.bitrix24.com) gespeichert" in screen
    assert "q2w3e4r5t6y7u8i9" not in screen  # typed, never shown
    (profile,) = keyring_service.store.load()
    stored = keyring_service.secret_store_for(profile).get(profile.name, SecretKind.WEBHOOK_URL)
    assert stored == WEBHOOK
