"""The live preview: the exact JSON body placement.bind will get, and "Copy as curl".

The form never holds a secret: for OAuth the body shows ``"auth": "<redacted>"`` and the
webhook URL it is given is already redacted. "Copy as curl with secrets…" only asks (after a
confirmation) for the main window to build the real command in a worker.
"""

from __future__ import annotations

import json
import shlex
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QAction, QFontDatabase, QGuiApplication, QPalette, QTextOption
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from b24admin.core.bind_request import BindRequest
from b24admin.gui.dialogs import Dialogs
from b24admin.gui.widget_builders import selectable_label

REDACTED = "<redacted>"
PLACEHOLDER_URL = "https://<portal>/rest/placement.bind.json"


def request_body(request: BindRequest, auth: str, token: str = REDACTED) -> dict[str, Any]:
    """The JSON body: ``request.to_wire()``, plus ``auth`` for an OAuth profile."""
    body = request.to_wire()
    if auth == "oauth":
        body["auth"] = token
    return body


def body_json(body: dict[str, Any]) -> str:
    """Pretty-printed JSON, non-ASCII kept readable (LANG_ALL titles)."""
    return json.dumps(body, indent=2, ensure_ascii=False)


def curl_command(url: str, body: dict[str, Any]) -> str:
    """A POSIX-shell curl command that POSTs ``body`` as JSON to ``url``."""
    return " \\\n  ".join(
        [
            f"curl -sS -X POST {shlex.quote(url or PLACEHOLDER_URL)}",
            "-H 'Content-Type: application/json'",
            "-H 'Accept: application/json'",
            f"--data {shlex.quote(body_json(body))}",
        ]
    )


def bind_endpoint(url: str, auth: str) -> str:
    """The placement.bind URL for the preview's curl command.

    Accepts the full method URL, or a portal / webhook base URL and completes it.
    """
    url = url.strip()
    if not url or url.rstrip("/").endswith(("placement.bind", "placement.bind.json")):
        return url
    if "/rest/" in url:
        return url.rstrip("/") + "/placement.bind.json"
    if auth == "webhook":
        return url.rstrip("/") + "/rest/<user>/<redacted>/placement.bind.json"
    return url.rstrip("/") + "/rest/placement.bind.json"


class PreviewPane(QWidget):
    """Read-only JSON preview (``previewText``) and ``copyCurlButton``.

    Signals:
        curlWithSecretsAsked(): the user chose "Copy as curl with secrets…" (not yet confirmed).
    """

    curlWithSecretsAsked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._url = ""
        self._auth = ""
        self._request = BindRequest()

        self.endpoint_label = selectable_label(
            self, object_name="previewEndpointLabel", plain_text=False
        )
        self.endpoint_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self.text = QPlainTextEdit(self)
        self.text.setObjectName("previewText")
        self.text.setReadOnly(True)
        # Long lines (a handler URL with its query, a description) wrap at the pane's edge:
        # the pane is a tab beside the form, often narrower than the longest line.
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.text.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setAccessibleName(self.tr("Request preview"))
        self.text.setToolTip(
            self.tr("The exact JSON body placement.bind will receive; secrets are redacted.")
        )
        self.text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )

        self.copy_curl_button = QToolButton(self)
        self.copy_curl_button.setObjectName("copyCurlButton")
        self.copy_curl_button.setText(self.tr("Copy as curl"))
        self.copy_curl_button.setAccessibleName(self.tr("Copy as curl"))
        self.copy_curl_button.setToolTip(
            self.tr("Copy a curl command for this request, with secrets redacted")
        )
        self.copy_curl_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.copy_curl_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        menu = QMenu(self.copy_curl_button)
        self.copy_json_action = QAction(self.tr("Copy JSON body"), menu)
        self.copy_json_action.setObjectName("copyJsonAction")
        self.copy_secrets_action = QAction(self.tr("Copy as curl with secrets…"), menu)
        self.copy_secrets_action.setObjectName("copyCurlWithSecretsAction")
        self.copy_secrets_action.setToolTip(
            self.tr("Asks first: the command will contain the access token or webhook secret")
        )
        menu.addAction(self.copy_json_action)
        menu.addSeparator()
        menu.addAction(self.copy_secrets_action)
        self.copy_curl_button.setMenu(menu)
        self.copy_curl_button.clicked.connect(self.copy_curl)
        self.copy_json_action.triggered.connect(self.copy_json)
        self.copy_secrets_action.triggered.connect(self.curlWithSecretsAsked)

        self.status_label = QLabel(self)
        self.status_label.setObjectName("previewStatusLabel")
        self.status_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        buttons = QHBoxLayout()
        buttons.addWidget(self.status_label, 1)
        buttons.addWidget(self.copy_curl_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.endpoint_label)
        layout.addWidget(self.text, 1)
        layout.addLayout(buttons)
        self.set_endpoint("", "")

    def set_endpoint(self, url: str, auth: str) -> None:
        """Where the request goes ("" when no profile) and how it authenticates."""
        self._url, self._auth = url, auth
        if not url:
            self.endpoint_label.setText(
                self.tr("POST {url} (no profile connected)").format(url=PLACEHOLDER_URL)
            )
        else:
            self.endpoint_label.setText(f"POST {url}")
        self.copy_secrets_action.setEnabled(bool(url))
        self._render()

    def set_request(self, request: BindRequest) -> None:
        """Show the body for ``request``."""
        self._request = request
        self._render()

    def body(self) -> dict[str, Any]:
        """The body shown (redacted): the request's, with ``auth`` for an OAuth endpoint."""
        return request_body(self._request, self._auth)

    def curl(self) -> str:
        """The redacted curl command."""
        return curl_command(self._url, self.body())

    def confirm_secrets(
        self, dialogs: Dialogs, request: BindRequest, on_yes: Callable[[BindRequest], None]
    ) -> None:
        """Ask (through the dialog seam) before a curl command with secrets is made."""
        dialogs.confirm(
            self,
            self.tr("Copy with secrets?"),
            self.tr(
                "The command will contain the access token or the webhook's secret. Anyone "
                "who sees it can act on the portal as you until the token expires or the "
                "webhook is deleted. Paste it only where it stays private."
            ),
            lambda: on_yes(request),
            yes_text=self.tr("Copy with secrets"),
            destructive=True,
        )

    @Slot()
    def copy_curl(self) -> None:
        """Copy the redacted curl command to the clipboard."""
        QGuiApplication.clipboard().setText(self.curl())
        self.status_label.setText(self.tr("curl command copied (secrets redacted)"))

    @Slot()
    def copy_json(self) -> None:
        """Copy the JSON body to the clipboard."""
        QGuiApplication.clipboard().setText(body_json(self.body()))
        self.status_label.setText(self.tr("JSON body copied"))

    def _render(self) -> None:
        text = body_json(self.body())
        if self.text.toPlainText() != text:
            # Keep the reader's place while the body changes under them.
            bar = self.text.verticalScrollBar()
            position = bar.value()
            self.text.setPlainText(text)
            bar.setValue(position)
        self.status_label.clear()
