"""What the main window shows when there is no connection profile yet: two ways to start."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


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

        need = self._paragraph(
            "welcomeText",
            self.tr(
                "b24admin needs a connection to a portal: a local application (client_id and "
                "client_secret) whose OAuth tokens belong to a portal administrator. Incoming "
                "webhooks cannot register widgets."
            ),
        )
        sandbox = self._paragraph(
            "welcomeSandboxText",
            self.tr(
                "No portal at hand? The sandbox portal runs on this computer, answers like "
                "Bitrix24, and forgets everything when you close the window."
            ),
        )

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

        # A column of readable width in the middle. Word-wrapped labels get their full height
        # only when a layout, not an alignment flag, decides their width.
        column = QWidget(self)
        column.setMaximumWidth(580)
        column_layout = QVBoxLayout(column)
        column_layout.addWidget(heading)
        column_layout.addSpacing(12)
        column_layout.addWidget(need)
        column_layout.addSpacing(6)
        column_layout.addWidget(sandbox)
        column_layout.addSpacing(20)
        for button in (self.add_button, self.sandbox_button):
            button.setMinimumWidth(280)
            column_layout.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(column, 10)  # as wide as allowed (580), centred by the stretches
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)

    def _paragraph(self, object_name: str, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setObjectName(object_name)
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        return label

    def set_sandbox_starting(self, starting: bool) -> None:
        """Show that the sandbox is starting; a second click would start a second one."""
        self.sandbox_button.setEnabled(not starting)
        self.sandbox_button.setText(
            self.tr("Starting the sandbox portal…")
            if starting
            else self.tr("Try the local sandbox portal")
        )
