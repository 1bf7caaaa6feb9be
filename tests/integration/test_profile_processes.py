"""The profiles file never loses a profile: real ``b24admin profile`` processes started together,
each with its secrets in the real Secret Service.

The file is replaced atomically, but a read-modify-write is only safe under the profiles lock,
which every process takes; without it, ten adds started at once leave fewer than ten profiles
and orphaned keyring entries.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest

from b24admin.core.profile_service import ProfileService
from b24admin.core.profiles import AuthKind, Profile
from b24admin.core.secrets import SecretKind

REPO = Path(__file__).resolve().parents[2]
PORTAL = "https://example.bitrix24.com"

pytestmark = [pytest.mark.keyring, pytest.mark.slow]


def secrets_of(name: str) -> dict[str, str]:
    return {kind.value: f"{kind.value}-{name}" for kind in _OAUTH_KINDS}


_OAUTH_KINDS = (SecretKind.CLIENT_SECRET, SecretKind.ACCESS_TOKEN, SecretKind.REFRESH_TOKEN)


def start(*argv: str, **popen: Any) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "b24admin", "profile", *argv],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **popen,
    )
    return process


def add(name: str, **popen: Any) -> subprocess.Popen[str]:
    process = start(
        "add",
        name,
        "--auth",
        "oauth",
        "--portal",
        PORTAL,
        "--client-id",
        "local.1a2b3c.12345678",
        **popen,
    )
    assert process.stdin is not None
    process.stdin.write(json.dumps(secrets_of(name)))
    process.stdin.close()
    return process


def finish(processes: list[subprocess.Popen[str]]) -> None:
    for process in processes:
        code = process.wait(timeout=120)
        assert process.stderr is not None
        assert code == 0, process.stderr.read()


def keyring_values(service: ProfileService, name: str) -> list[str | None]:
    return [service.secrets.get(name, kind) for kind in _OAUTH_KINDS]


def test_ten_parallel_adds_keep_ten_profiles_with_their_secrets(
    keyring_service: ProfileService,
) -> None:
    names = [f"p{i}-{uuid.uuid4().hex[:6]}" for i in range(10)]
    finish([add(name) for name in names])
    assert sorted(p.name for p in keyring_service.store.load()) == sorted(names)
    for name in names:
        assert keyring_values(keyring_service, name) == list(secrets_of(name).values())


def test_parallel_adds_and_removes_each_do_exactly_their_part(
    keyring_service: ProfileService,
) -> None:
    tag = uuid.uuid4().hex[:6]
    leaving = [f"old{i}-{tag}" for i in range(5)]
    for name in leaving:
        keyring_service.save(
            Profile(name, AuthKind.OAUTH, PORTAL, client_id="local.1a2b3c.12345678"),
            {SecretKind(k): v for k, v in secrets_of(name).items()},
        )
    arriving = [f"new{i}-{tag}" for i in range(5)]
    processes = []
    for old, new in zip(leaving, arriving, strict=True):
        processes += [start("remove", old), add(new)]
        processes[-2].stdin.close()  # type: ignore[union-attr]
    finish(processes)
    assert sorted(p.name for p in keyring_service.store.load()) == sorted(arriving)
    for name in leaving:
        assert keyring_values(keyring_service, name) == [None, None, None]
    for name in arriving:
        assert keyring_values(keyring_service, name) == list(secrets_of(name).values())


def _small_files_only() -> None:
    # A real write failure in the child only: files larger than 200 bytes cannot be written
    # (EFBIG instead of SIGXFSZ), as on a full disk. The keyring daemon is another process.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (200, 200))


@pytest.mark.skipif(not hasattr(signal, "SIGXFSZ"), reason="needs POSIX file size limits")
def test_a_failed_write_of_the_profile_removes_the_secrets_it_stored(
    keyring_service: ProfileService, config_dir: Path
) -> None:
    name = "unsaved-" + uuid.uuid4().hex[:6]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    process = add(name, preexec_fn=_small_files_only, env=env)
    code = process.wait(timeout=60)
    assert process.stderr is not None
    stderr = process.stderr.read()
    assert code != 0
    assert "could not be saved" in stderr
    assert keyring_values(keyring_service, name) == [None, None, None]  # no orphans
    assert keyring_service.store.load() == []
    assert [p.name for p in config_dir.iterdir() if p.suffix == ".tmp"] == []
