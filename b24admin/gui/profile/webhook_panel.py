"""The "Incoming webhook" half of the profile dialog: the webhook URL and a plain warning.

Bitrix24 does not let incoming webhooks register widgets: placement.bind, placement.unbind and
placement.get need application context and answer WRONG_AUTH_TYPE (api-reference/widgets/index.md,
local-integrations/local-webhooks.md).
The dialog says so before anyone is surprised by the error.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from b24admin.core.errors import B24Error
from b24admin.gui.profile.profile_fields import (
    FieldProblems,
    SecretField,
    error_text,
    problem_label,
    track_touched,
)


class WebhookPanel(QWidget):
    """The webhook URL field (``webhookEdit``, hidden while typed) and the warning.

    Signals:
        changed(): the URL changed (the dialog re-validates and derives the portal URL).
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("webhookPanel")
        self.warning = QLabel(
            self.tr(
                "Bitrix24 does not let incoming webhooks register widgets: placement.bind, "
                "placement.unbind and placement.get answer WRONG_AUTH_TYPE (“application context "
                "required”). A webhook profile can test the connection, but to bind, list or "
                "remove widgets use a “Local application (OAuth)” profile: create a local "
                "application with the “placement” scope, install it, and sign in as an "
                "administrator."
            ),
            self,
        )
        self.warning.setObjectName("webhookWarning")
        self.warning.setWordWrap(True)
        self.warning.setTextFormat(Qt.TextFormat.PlainText)
        self.warning.setAccessibleName(self.tr("Webhooks cannot register widgets"))
        warning_box = QFrame(self)
        warning_box.setFrameShape(QFrame.Shape.StyledPanel)
        icon = QLabel(warning_box)
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize)
        warning_icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        icon.setPixmap(warning_icon.pixmap(size, size))
        self.warning.setParent(warning_box)
        box_row = QHBoxLayout(warning_box)
        box_row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        box_row.addWidget(self.warning, 1)

        self.webhook = SecretField(
            "webhookEdit",
            self.tr("Webhook URL"),
            self.tr(
                "The incoming webhook's whole URL, https://<portal>/rest/<user id>/<secret>/; "
                "it contains a secret, so it is kept in the keyring only"
            ),
            self,
        )
        self.webhook.setPlaceholderText("https://example.bitrix24.com/rest/1/abcd1234efgh5678/")
        self.webhook_problem = problem_label(self, "webhookProblem")
        label = QLabel(self.tr("&Webhook URL:"), self)
        label.setBuddy(self.webhook.edit)

        self.form = form = QFormLayout()
        form.addRow(label, self.webhook)
        form.addRow("", self.webhook_problem)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(warning_box)
        layout.addLayout(form)
        layout.addStretch(1)
        track_touched(self.webhook.edit)
        self.webhook.textChanged.connect(self.changed)

    def set_editing(self) -> None:
        """Editing: the stored URL is not shown; an empty field keeps it."""
        self.webhook.setPlaceholderText(self.tr("(kept in the store; leave empty to keep)"))

    def portal_url(self) -> str:
        """The portal the typed webhook belongs to, or "" while it is not a valid webhook URL."""
        from b24admin.core.portal_urls import parse_webhook_url

        try:
            return parse_webhook_url(self.webhook.text())[0]
        except B24Error:
            return ""

    def check(self, editing: bool) -> list[str]:
        """Show the URL's problem beside it; return the problems (empty when valid)."""
        from b24admin.core.portal_urls import parse_webhook_url

        problems = FieldProblems()
        text = self.webhook.text()
        if text:
            try:
                parse_webhook_url(text)
            except B24Error as error:
                problems.add(self.webhook_problem, error_text(error))
        elif not editing:
            problems.add(
                self.webhook_problem,
                self.tr("Paste the incoming webhook's URL."),
                empty=self.webhook.edit,
            )
        return problems.show(self.webhook_problem)
