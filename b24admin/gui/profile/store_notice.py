"""Where the profile's secrets will go, and the session-only offer when no keyring works.

The house rule (secrets.py): b24admin never writes a secret to a file, not even as a fallback.
When the keyring is missing, locked or refuses, the user is told so in plain words and may
choose to keep the secrets in memory for this session only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from b24admin.gui.profile.profile_fields import PROBLEM_STYLE

if TYPE_CHECKING:
    from b24admin.core.secrets import StoreStatus


class SecretStoreNotice(QWidget):
    """``storeLabel`` (which backend holds the secrets) and, when needed, the keyring problem
    with ``sessionOnlyButton``.

    Signals:
        sessionOnlyRequested(): the user chose "Use for this session only".
    """

    sessionOnlyRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store_label = QLabel(self.tr("Checking where secrets will be stored…"), self)
        self.store_label.setObjectName("storeLabel")
        self.store_label.setWordWrap(True)
        self.store_label.setTextFormat(Qt.TextFormat.PlainText)

        self.keyring_box = QFrame(self)
        self.keyring_box.setObjectName("keyringProblemBox")
        self.keyring_box.setFrameShape(QFrame.Shape.StyledPanel)
        self.keyring_problem = QLabel(self.keyring_box)
        self.keyring_problem.setObjectName("keyringProblemLabel")
        self.keyring_problem.setWordWrap(True)
        self.keyring_problem.setTextFormat(Qt.TextFormat.PlainText)
        self.keyring_problem.setStyleSheet(PROBLEM_STYLE)
        self.session_only_button = QPushButton(
            self.tr("Use for this session &only"), self.keyring_box
        )
        self.session_only_button.setObjectName("sessionOnlyButton")
        self.session_only_button.setAccessibleName(self.tr("Use for this session only"))
        self.session_only_button.setToolTip(
            self.tr("Keep the secrets in memory until b24admin quits; nothing is written to disk")
        )
        self.session_only_button.clicked.connect(self.sessionOnlyRequested)
        self.session_only_note = QLabel(
            self.tr(
                "“Use for this session only” keeps the secrets in memory until b24admin quits. "
                "b24admin never writes a secret to disk."
            ),
            self.keyring_box,
        )
        self.session_only_note.setObjectName("sessionOnlyNote")
        self.session_only_note.setWordWrap(True)
        self.session_only_note.setTextFormat(Qt.TextFormat.PlainText)
        row = QHBoxLayout()
        row.addWidget(self.keyring_problem, 1)
        row.addWidget(self.session_only_button, 0, Qt.AlignmentFlag.AlignTop)
        box_layout = QVBoxLayout(self.keyring_box)
        box_layout.addLayout(row)
        box_layout.addWidget(self.session_only_note)
        self.keyring_box.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.store_label)
        layout.addWidget(self.keyring_box)

    def show_status(self, status: StoreStatus) -> None:
        """Say which store will hold the secrets, or that none works."""
        if status.ok:
            self.store_label.setText(
                self.tr("Secrets are stored in: %1").replace("%1", status.backend)
            )
        else:
            self.store_label.setText(self.tr("Secrets cannot be stored in a keyring."))
            self.offer_session_only(status.message)

    def show_save_failure(self, reason: str) -> None:
        """The keyring refused the secrets on Save: explain, and offer session-only use."""
        self.store_label.setText(self.tr("The secrets could not be stored in the keyring."))
        self.offer_session_only(reason)

    def offer_session_only(self, reason: str) -> None:
        """Show the keyring's problem in its own words, with the session-only button."""
        self.keyring_problem.setText(reason)
        self.keyring_box.show()
