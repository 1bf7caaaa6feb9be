"""What the profile dialog tests share: a sandbox portal with one local application, a profile
service (a SessionSecretStore, or the real keyring when B24ADMIN_SECRET_SERVICE=1), a job
runner joined at teardown, a parent window, the recording dialog seam, and a scripted browser.

Each test module turns :func:`dialog_env` into its own ``env`` fixture.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

import requests
from PySide6.QtWidgets import QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from b24admin.core.profile_service import ProfileService
from b24admin.core.profiles import Profile, ProfileStore
from b24admin.core.secrets import KeyringSecretStore, SecretStore, SessionSecretStore
from b24admin.gui.dialogs import RecordingDialogs
from b24admin.gui.profile.profile_dialog import ProfileDialog
from b24admin.gui.workers import JobRunner
from b24admin.sandbox import SandboxApp, SandboxPortal, TokenPair

REAL_KEYRING = os.environ.get("B24ADMIN_SECRET_SERVICE") == "1"
PROFILE_NAMES = ("work", "renamed", "hook")  # what the tests save (cleaned from a real keyring)


@dataclass
class DialogEnv:
    qtbot: QtBot
    config_dir: Path
    portal: SandboxPortal
    app: SandboxApp
    service: ProfileService
    runner: JobRunner
    parent: QWidget
    dialogs: RecordingDialogs

    def open(self, profile: Profile | None = None) -> ProfileDialog:
        """Open the dialog the way the main window does; wait until it knows its store."""
        dialog = ProfileDialog.open_for(
            self.parent, self.runner, self.service, profile, dialogs=self.dialogs
        )
        self.qtbot.waitUntil(
            lambda: dialog.store_label.text().startswith(("Secrets are", "Secrets cannot"))
        )
        return dialog

    def fill_oauth(self, dialog: ProfileDialog) -> None:
        """Name, portal, client_id, client_secret and OAuth server of the sandbox app."""
        edit(dialog, "nameEdit").setText("work")
        edit(dialog, "portalEdit").setText(self.portal.base_url)
        edit(dialog, "clientIdEdit").setText(self.app.client_id)
        edit(dialog, "clientSecretEdit").setText(self.app.client_secret)
        edit(dialog, "oauthServerEdit").setText(self.portal.oauth_server_url)

    def tokens(self) -> TokenPair:
        return self.portal.issue_tokens(self.app.client_id)


def dialog_env(qtbot: QtBot, config_dir: Path) -> Iterator[DialogEnv]:
    """Set everything up, yield it, and tear it down (jobs joined, sandbox stopped)."""
    secrets: SecretStore = (
        KeyringSecretStore("b24admin-tests") if REAL_KEYRING else SessionSecretStore()
    )
    parent = QWidget()
    qtbot.addWidget(parent)
    runner = JobRunner()
    with SandboxPortal() as portal:
        yield DialogEnv(
            qtbot=qtbot,
            config_dir=config_dir,
            portal=portal,
            app=portal.register_app(),
            service=ProfileService(ProfileStore(config_dir), secrets, SessionSecretStore()),
            runner=runner,
            parent=parent,
            dialogs=RecordingDialogs(),
        )
        assert runner.wait_for_done(10_000), "a job outlived its test"
    if REAL_KEYRING:
        for name in PROFILE_NAMES:
            secrets.delete_profile(name)


class Browser:
    """Plays the system browser: GETs the authorize URL in a thread, following the sandbox's
    302 to the catcher. ``tamper_state`` forges the state the portal echoes back."""

    def __init__(self, env: DialogEnv, dialog: ProfileDialog) -> None:
        self.env, self.dialog = env, dialog
        self.tamper_state = False
        self.urls: list[str] = []
        self.threads: list[threading.Thread] = []

    def __call__(self, url: str) -> bool:
        self.urls.append(url)
        # The administrator entered the dialog's redirect URL as the app's handler path.
        redirect = self.dialog.oauth_panel.redirect_url_label.text()
        self.env.portal.set_redirect_uri(self.env.app.client_id, redirect)
        if self.tamper_state:
            parts = urlsplit(url)
            query = {k: v[0] for k, v in parse_qs(parts.query).items()}
            query["state"] = "forged-by-someone-else"
            url = urlunsplit(parts._replace(query=urlencode(query)))
        thread = threading.Thread(target=lambda: requests.get(url, timeout=10), daemon=True)
        self.threads.append(thread)
        thread.start()
        return True

    def join(self) -> None:
        for thread in self.threads:
            thread.join(10)


def edit(dialog: QWidget, name: str) -> QLineEdit:
    widget = dialog.findChild(QLineEdit, name)
    assert widget is not None, name
    return widget


def button(dialog: QWidget, name: str) -> QPushButton:
    widget = dialog.findChild(QPushButton, name)
    assert widget is not None, name
    return widget


def files_text(directory: Path) -> str:
    """Everything b24admin wrote into a directory, as one text to search for secrets."""
    return "\n".join(p.read_text("utf-8") for p in directory.rglob("*") if p.is_file())
