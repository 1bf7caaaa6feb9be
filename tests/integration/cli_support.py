"""Running b24admin's command line in-process against the sandbox portal (session secrets)."""

from __future__ import annotations

import io
import json
from pathlib import Path

from b24admin.cli import main
from b24admin.cli_context import CliContext
from b24admin.core.profile_service import ProfileService
from b24admin.core.profiles import ProfileStore
from b24admin.core.secrets import SessionSecretStore
from b24admin.sandbox import SandboxPortal


class Cli:
    """Runs the CLI with captured streams and one shared profile service; ``secrets`` stands in
    for the keyring."""

    def __init__(self, config_dir: Path) -> None:
        self.secrets = SessionSecretStore()
        self.service = ProfileService(ProfileStore(config_dir), secrets=self.secrets)
        self.stdout = self.stderr = ""

    def __call__(self, *argv: str, stdin: str | io.StringIO = "") -> int:
        out, err = io.StringIO(), io.StringIO()
        given = io.StringIO(stdin) if isinstance(stdin, str) else stdin
        ctx = CliContext(stdin=given, stdout=out, stderr=err, service=self.service)
        code = main(list(argv), ctx)
        self.stdout, self.stderr = out.getvalue(), err.getvalue()
        return code

    def add_profile(self, name: str, portal: SandboxPortal, secrets: dict[str, str]) -> str:
        """``profile add`` of an OAuth profile for ``portal``'s demo app, secrets piped in."""
        code = self(
            "profile",
            "add",
            name,
            "--auth",
            "oauth",
            "--portal",
            portal.base_url,
            "--client-id",
            portal.app().client_id,
            "--oauth-server",
            portal.oauth_server_url,
            stdin=json.dumps(secrets),
        )
        assert code == 0, self.stderr
        return name


def demo_app_secrets(portal: SandboxPortal) -> dict[str, str]:
    """The demo app's client secret and fresh tokens of user 1, as ``profile add`` reads them."""
    app = portal.app()
    tokens = portal.issue_tokens(app.client_id)
    return {
        "client_secret": app.client_secret,
        "access_token": tokens.access_token,
        "refresh_token": tokens.refresh_token,
    }
