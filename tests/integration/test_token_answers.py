"""Token answers of odd shapes: the new pair is stored whatever else the answer holds, and an
answer that cannot be read never puts token text into the error.

The portal is the sandbox (it expires the access token); the token endpoint is a small server on
127.0.0.1 that hands out a real sandbox pair wrapped in the answer each test chooses.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from b24admin.core.activity_log import ActivityLog
from b24admin.core.connection import open_client
from b24admin.core.errors import B24Error
from b24admin.core.profile_service import ProfileService
from b24admin.core.profiles import AuthKind, Profile, ProfileStore
from b24admin.core.secrets import SecretKind, SessionSecretStore
from b24admin.sandbox import SandboxPortal, TokenPair

Answer = Callable[[TokenPair], bytes]


class TokenServer:
    """/oauth/token/ answering ``answer(new real pair)``; records the pairs it handed out."""

    def __init__(self, sandbox: SandboxPortal, answer: Answer) -> None:
        self.pairs: list[TokenPair] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                pair = sandbox.issue_tokens(sandbox.app().client_id)
                server.pairs.append(pair)
                body = answer(pair)
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._http.server_address[1]}"
        self._thread = threading.Thread(target=self._http.serve_forever, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._http.shutdown()
        self._http.server_close()
        self._thread.join()


@pytest.fixture
def token_server(sandbox: SandboxPortal) -> Iterator[Callable[[Answer], TokenServer]]:
    servers: list[TokenServer] = []

    def start(answer: Answer) -> TokenServer:
        servers.append(TokenServer(sandbox, answer))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


def signed_in_service(sandbox: SandboxPortal, oauth_server: str) -> tuple[ProfileService, Profile]:
    secrets = SessionSecretStore()
    service = ProfileService(ProfileStore(), secrets=secrets, session_secrets=secrets)
    profile = Profile(
        "odd",
        AuthKind.OAUTH,
        sandbox.base_url,
        client_id=sandbox.app().client_id,
        oauth_server=oauth_server,
    )
    pair = sandbox.issue_tokens(profile.client_id)
    service.save(
        profile,
        {
            SecretKind.CLIENT_SECRET: sandbox.app().client_secret,
            SecretKind.ACCESS_TOKEN: pair.access_token,
            SecretKind.REFRESH_TOKEN: pair.refresh_token,
        },
    )
    return service, profile


ODD_FIELDS: list[dict[str, Any]] = [
    {"expires_in": "1e999"},
    {"expires_in": 10**400},
    {"expires_in": -3600},
    {"expires_in": "soon"},
    {"expires_in": None, "user_id": 10**30, "scope": ["placement"], "member_id": {"a": 1}},
    {"expires_in": True, "domain": 5, "client_endpoint": [], "user_id": "1" * 500},
]


@pytest.mark.parametrize("fields", ODD_FIELDS)
def test_an_odd_token_answer_still_stores_and_uses_the_new_pair(
    sandbox: SandboxPortal,
    token_server: Callable[[Answer], TokenServer],
    tmp_path: Path,
    fields: dict[str, Any],
) -> None:
    def answer(pair: TokenPair) -> bytes:
        body = {"access_token": pair.access_token, "refresh_token": pair.refresh_token, **fields}
        return json.dumps(body).replace('"1e999"', "1e999").encode()

    server = token_server(answer)
    service, profile = signed_in_service(sandbox, server.url)
    sandbox.expire_access_tokens()
    with open_client(profile, service, activity=ActivityLog(tmp_path / "a.log")) as client:
        assert client.get_bindings() == []
    [pair] = server.pairs
    stored = service.credentials(profile)
    assert (stored.access_token, stored.refresh_token) == (  # type: ignore[union-attr]
        pair.access_token,
        pair.refresh_token,
    )


CUT_OFF: list[Callable[[TokenPair], bytes]] = [
    lambda p: f'{{"access_token": "{p.access_token}", "refresh_token": "{p.refresh_token}'.encode(),
    lambda p: f'{{"access_token": "{p.access_token[:40]}'.encode(),
    lambda p: f"access_token={p.access_token}&refresh_token={p.refresh_token}".encode(),
    lambda p: ("[" * 100_000 + f'"{p.access_token}"').encode(),
    lambda p: json.dumps([p.access_token, p.refresh_token]).encode(),
    lambda p: json.dumps({"access_token": p.access_token, "refresh_token": 5}).encode(),
]


@pytest.mark.parametrize("answer", CUT_OFF)
def test_an_unreadable_token_answer_keeps_token_text_out_of_the_error(
    sandbox: SandboxPortal,
    token_server: Callable[[Answer], TokenServer],
    tmp_path: Path,
    answer: Answer,
) -> None:
    server = token_server(answer)
    service, profile = signed_in_service(sandbox, server.url)
    sandbox.expire_access_tokens()
    log = tmp_path / "a.log"
    with open_client(profile, service, activity=ActivityLog(log)) as client:
        with pytest.raises(B24Error) as caught:
            client.get_bindings()
    error = caught.value
    assert error.code == "MALFORMED_RESPONSE"
    [pair] = server.pairs
    shown = " ".join(
        [str(error), error.advice, error.description, error.request, error.response, repr(error)]
        + list(error.extra.values())
    )
    for secret in (pair.access_token, pair.access_token[:40], pair.refresh_token):
        assert secret not in shown
        assert secret not in (log.read_text("utf-8") if log.exists() else "")
