"""``b24admin sandbox`` / ``python -m b24admin.sandbox``: run the sandbox portal in the foreground
with a demo application, and print how to connect b24admin to it."""

from __future__ import annotations

import json
import shlex
import sys
import threading
from typing import TextIO

from b24admin.core.errors import B24Error, ErrorKind
from b24admin.core.i18n import _
from b24admin.core.wording import paragraph
from b24admin.sandbox.server import DEMO_CLIENT_ID, SandboxPortal

#: The width the instructions' paragraphs wrap to (the commands stay on one line each).
TEXT_WIDTH = 88


def connection_help(portal: SandboxPortal, client_id: str) -> str:
    """Register the demo app on a started ``portal``, issue tokens and a webhook, and say how to
    add profiles for them. Sandbox secrets are fake and only open this sandbox."""
    app = portal.register_app(client_id)
    tokens = portal.issue_tokens(app.client_id)
    webhook = portal.add_webhook()
    oauth_secrets = json.dumps(
        {
            "client_secret": app.client_secret,
            "access_token": tokens.access_token,
            "refresh_token": tokens.refresh_token,
        },
        separators=(",", ":"),
    )
    oauth_command = (
        f"printf '%s' {shlex.quote(oauth_secrets)} | b24admin profile add sandbox --auth oauth "
        f"--portal {portal.base_url} --client-id {app.client_id} "
        f"--oauth-server {portal.oauth_server_url}"
    )
    webhook_secret = json.dumps({"webhook_url": webhook}, separators=(",", ":"))
    webhook_command = (
        f"printf '%s' {shlex.quote(webhook_secret)} | b24admin profile add sandbox-webhook "
        "--auth webhook"
    )
    facts = [
        (_("Portal URL:"), portal.base_url),
        (_("OAuth server:"), portal.oauth_server_url),
        ("client_id:", app.client_id),
        (_("Webhook URL:"), webhook),
    ]
    width = max(len(label) for label, _value in facts) + 2
    return "\n".join(
        [
            _("b24admin sandbox portal: a Bitrix24 emulator on this computer (loopback only)."),
            *(f"  {label.ljust(width)}{value}" for label, value in facts),
            "",
            paragraph(
                _(
                    "The secrets below are fake and open nothing but this sandbox, so printing "
                    "them is harmless (never do this with a real portal's secrets)."
                ),
                TEXT_WIDTH,
            ),
            "",
            _("Add a local-application profile (it can bind, list and unbind widgets):"),
            f"  {oauth_command}",
            "",
            _("Add a webhook profile to see why webhooks cannot bind (WRONG_AUTH_TYPE):"),
            f"  {webhook_command}",
            "",
            paragraph(
                _(
                    "Everything lives in memory and is gone when the sandbox stops. "
                    "Press Ctrl+C to stop."
                ),
                TEXT_WIDTH,
            ),
        ]
    )


def run_forever(
    port: int = 8024,
    *,
    out: TextIO | None = None,
    stop_event: threading.Event | None = None,
) -> None:
    """Serve the sandbox on 127.0.0.1:``port`` until Ctrl+C (or until ``stop_event`` is set).

    Raises B24Error (kind NETWORK) when the port cannot be opened, e.g. it is in use."""
    stream = out or sys.stdout
    stop = stop_event or threading.Event()
    portal = SandboxPortal(port=port)
    try:
        portal.start()
    except OSError as exc:
        raise B24Error.explained(
            "SANDBOX_PORT_UNAVAILABLE",
            kind=ErrorKind.NETWORK,
            description=str(exc),
            values={"port": port},
        ) from exc
    with portal:
        print(connection_help(portal, DEMO_CLIENT_ID), file=stream, flush=True)
        try:
            # A timed wait, so Ctrl+C is delivered promptly on every platform.
            while not stop.wait(0.5):
                pass
        except KeyboardInterrupt:
            print(_("Sandbox portal stopped."), file=stream, flush=True)
