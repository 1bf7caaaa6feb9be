"""Every keyring call has a deadline: a backend that never answers (an unlock prompt nobody sees)
ends in words that name the keyring and what to do, exit code 3, and nothing on disk.

The backend is a real keyring backend class, loaded by the keyring library from
PYTHON_KEYRING_BACKEND in a b24admin process of its own (its blocked call is abandoned there and
ends with that process).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from b24admin.core.config import DEFAULT_KEYRING_TIMEOUT, keyring_timeout

REPO = Path(__file__).resolve().parents[2]
NEVER_ANSWERS = "tests.keyring_backends.never_answers.NeverAnswers"
SECRET = "wh5ecret0000abcd"


def b24admin(config_dir: Path, *argv: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PYTHON_KEYRING_BACKEND": NEVER_ANSWERS,
        "B24ADMIN_KEYRING_TIMEOUT": "1",
        "B24ADMIN_CONFIG_DIR": str(config_dir),
    }
    return subprocess.run(
        [sys.executable, "-m", "b24admin", *argv],
        cwd=REPO,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_keyring_that_never_answers_ends_in_words_and_exit_3(config_dir: Path) -> None:
    secrets = json.dumps({"webhook_url": f"https://a.bitrix24.com/rest/1/{SECRET}/"})
    result = b24admin(config_dir, "profile", "add", "hook", "--auth", "webhook", stdin=secrets)
    assert result.returncode == 3
    assert "did not answer within 1 s" in result.stderr
    assert "NeverAnswers" in result.stderr  # the keyring is named
    assert "unlock" in result.stderr and "session-only" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (config_dir / "profiles.json").exists()
    for path in config_dir.rglob("*"):  # no plaintext fallback anywhere
        assert path.is_dir() or SECRET not in path.read_text("utf-8", errors="replace")


def test_a_read_that_never_answers_ends_the_same_way(config_dir: Path) -> None:
    profile = {"name": "hook", "auth": "webhook", "portal_url": "https://a.bitrix24.com"}
    (config_dir / "profiles.json").write_text(
        json.dumps({"schema_version": 1, "profiles": [profile]}), "utf-8"
    )
    result = b24admin(config_dir, "list", "--profile", "hook")
    assert result.returncode == 3
    assert "KEYRING_TIMEOUT" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("2.5", 2.5),
        ("", DEFAULT_KEYRING_TIMEOUT),
        ("0", DEFAULT_KEYRING_TIMEOUT),
        ("-1", DEFAULT_KEYRING_TIMEOUT),
        ("inf", DEFAULT_KEYRING_TIMEOUT),
        ("soon", DEFAULT_KEYRING_TIMEOUT),
    ],
)
def test_the_deadline_comes_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, value: str, seconds: float
) -> None:
    monkeypatch.setenv("B24ADMIN_KEYRING_TIMEOUT", value)
    assert keyring_timeout() == seconds
