"""What the main window shows when there is no connection profile yet: two ways to start."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget


class WelcomePanel(QWidget):
    """A friendly empty state: add a real connection, or try the local sandbox portal.

    Signals:
        addProfileRequested(): "Add a connection profile…" was clicked.
        sandboxRequested(): "Try the local sandbox portal" was clicked.
    """

    addProfileRequested = Signal()
    sandboxRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomePanel")

        heading = QLabel(self.tr("Register Bitrix24 widgets from your desktop"), self)
        heading.setObjectName("welcomeHeading")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        heading.setFont(font)
        heading.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        heading.setWordWrap(True)

        text = QLabel(
            self.tr(
                "b24admin needs a connection to a portal: a local application (client_id and "
                "client_secret) whose OAuth tokens belong to a portal administrator. Incoming "
                "webhooks cannot register widgets.\n\n"
                "No portal at hand? The sandbox portal runs on this computer, answers like "
                "Bitrix24, and forgets everything when you close the window."
            ),
            self,
        )
        text.setObjectName("welcomeText")
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        text.setMaximumWidth(560)

        self.add_button = QPushButton(self.tr("Add a connection profile…"), self)
        self.add_button.setObjectName("addFirstProfileButton")
        self.add_button.setToolTip(self.tr("Connect b24admin to your Bitrix24 portal"))
        self.add_button.setAccessibleName(self.tr("Add a connection profile"))
        self.add_button.setDefault(True)
        self.add_button.clicked.connect(self.addProfileRequested)

        self.sandbox_button = QPushButton(self.tr("Try the local sandbox portal"), self)
        self.sandbox_button.setObjectName("trySandboxButton")
        self.sandbox_button.setToolTip(
            self.tr("Start a Bitrix24 look-alike on this computer and connect to it")
        )
        self.sandbox_button.setAccessibleName(self.tr("Try the local sandbox portal"))
        self.sandbox_button.clicked.connect(self.sandboxRequested)

        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(heading)
        layout.addSpacing(12)
        layout.addWidget(text, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(20)
        for button in (self.add_button, self.sandbox_button):
            button.setMinimumWidth(260)
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)

    def set_sandbox_starting(self, starting: bool) -> None:
        """Show that the sandbox is starting; a second click would start a second one."""
        self.sandbox_button.setEnabled(not starting)
        self.sandbox_button.setText(
            self.tr("Starting the sandbox portal…")
            if starting
            else self.tr("Try the local sandbox portal")
        )
