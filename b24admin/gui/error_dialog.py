"""The error dialog: whatever went wrong, say it in plain words, say what to do, keep the detail.

Built from one :class:`~b24admin.core.errors.B24Error` (a portal error, a network or TLS failure,
a timeout, a keyring failure, a bug). The top shows the summary and the advice; below, the facts
an administrator or a support engineer asks for (code, the server's own description and argument,
HTTP status); a collapsible details section holds the redacted request and response with a
"Copy details" button. Opened with ``open()`` through :class:`b24admin.gui.dialogs.Dialogs`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from b24admin.core.errors import B24Error, ErrorKind
from b24admin.gui.app_icon import app_icon
from b24admin.gui.widget_builders import selectable_label

WRONG_AUTH_TYPE = "WRONG_AUTH_TYPE"


class ErrorDialog(QDialog):
    """Explains one B24Error. ``on_open_profile`` adds the profile-dialog button for
    WRONG_AUTH_TYPE (a webhook cannot bind; a local application profile can)."""

    def __init__(
        self,
        error: B24Error,
        parent: QWidget | None = None,
        *,
        on_open_profile: Callable[[], object] | None = None,
        action: tuple[str, Callable[[], object]] | None = None,
    ) -> None:
        """``action``: a button (``errorActionButton``) that closes the dialog and does it."""
        super().__init__(parent)
        self._action = action
        self.error = error
        # Response excerpts keep the server's CRLFs; one kind of line break reads and pastes well.
        self.details_text = error.details().replace("\r\n", "\n").replace("\r", "\n")
        self._on_open_profile = on_open_profile
        self.setObjectName("errorDialog")
        self.setWindowIcon(app_icon())  # the taskbar and title bar show whose dialog it is
        self.setWindowTitle(self._title_for(error.kind))
        self.setMinimumWidth(520)
        self.setSizeGripEnabled(True)

        layout = QVBoxLayout(self)
        layout.addLayout(self._build_header())
        facts = self._build_facts()
        if facts.rowCount():
            layout.addLayout(facts)
        layout.addWidget(self._build_details_toggle())
        layout.addWidget(self.details_edit, 1)
        layout.addLayout(self._build_buttons())
        self._set_details_visible(False)

    # --- construction -----------------------------------------------------------------------

    def _title_for(self, kind: ErrorKind) -> str:
        titles = {
            ErrorKind.PORTAL: self.tr("The portal refused the request"),
            ErrorKind.NETWORK: self.tr("Could not reach the portal"),
            ErrorKind.TIMEOUT: self.tr("The portal did not answer in time"),
            ErrorKind.TLS: self.tr("Secure connection failed"),
            ErrorKind.PROTOCOL: self.tr("Unexpected answer"),
            ErrorKind.KEYRING: self.tr("Keyring problem"),
            ErrorKind.INPUT: self.tr("Cannot send this request"),
            ErrorKind.INTERNAL: self.tr("Something went wrong in b24admin"),
        }
        return titles.get(kind, self.tr("Error"))

    def _build_header(self) -> QHBoxLayout:
        style = self.style()
        pixmap_kind = (
            QStyle.StandardPixmap.SP_MessageBoxCritical
            if self.error.kind in (ErrorKind.INTERNAL, ErrorKind.KEYRING, ErrorKind.TLS)
            else QStyle.StandardPixmap.SP_MessageBoxWarning
        )
        icon = QLabel(self)
        icon.setObjectName("errorIcon")
        size = style.pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize, None, self)
        icon.setPixmap(style.standardIcon(pixmap_kind, None, self).pixmap(size, size))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)

        self.summary_label = selectable_label(self, self.error.summary, object_name="errorSummary")
        font = self.summary_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.summary_label.setFont(font)

        self.advice_label = selectable_label(self, self.error.advice, object_name="errorAdvice")
        self.advice_label.setVisible(bool(self.error.advice))
        self.advice_label.setSizePolicy(
            QSizePolicy.Policy.Preferred, QSizePolicy.Policy.MinimumExpanding
        )

        text = QVBoxLayout()
        text.addWidget(self.summary_label)
        text.addWidget(self.advice_label)
        text.addStretch(1)
        header = QHBoxLayout()
        header.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        header.addSpacing(8)
        header.addLayout(text, 1)
        return header

    def _fact(self, object_name: str, value: str) -> QLabel:
        return selectable_label(self, value, object_name=object_name)

    def _build_facts(self) -> QFormLayout:
        error = self.error
        form = QFormLayout()
        form.setContentsMargins(0, 8, 0, 0)
        self.code_label = self._fact("errorCode", error.code)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.code_label.setFont(mono)
        form.addRow(self.tr("Error code:"), self.code_label)
        if error.description:
            form.addRow(
                self.tr("Server says:"), self._fact("errorServerDescription", error.description)
            )
        if error.argument:
            form.addRow(self.tr("Argument:"), self._fact("errorArgument", error.argument))
        if error.http_status is not None:
            form.addRow(
                self.tr("HTTP status:"), self._fact("errorHttpStatus", str(error.http_status))
            )
        if error.method:
            form.addRow(self.tr("Method:"), self._fact("errorMethod", error.method))
        return form

    def _build_details_toggle(self) -> QToolButton:
        self.details_toggle = QToolButton(self)
        self.details_toggle.setObjectName("detailsToggle")
        self.details_toggle.setText(self.tr("Details"))
        self.details_toggle.setCheckable(True)
        self.details_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.details_toggle.setAutoRaise(True)
        self.details_toggle.setToolTip(self.tr("Show the redacted request and response"))
        self.details_toggle.setAccessibleName(self.tr("Show details"))
        self.details_toggle.toggled.connect(self._set_details_visible)

        self.details_edit = QPlainTextEdit(self)
        self.details_edit.setObjectName("errorDetails")
        self.details_edit.setReadOnly(True)
        self.details_edit.setPlainText(self.details_text)
        self.details_edit.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.details_edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details_edit.setMinimumHeight(160)
        self.details_edit.setAccessibleName(self.tr("Error details"))
        self.details_edit.setToolTip(self.tr("Technical detail; secrets are already redacted"))
        return self.details_toggle

    def _build_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.copy_button = QPushButton(self.tr("Copy details"), self)
        self.copy_button.setObjectName("copyDetailsButton")
        self.copy_button.setToolTip(self.tr("Copy the error and its details to the clipboard"))
        self.copy_button.setAccessibleName(self.tr("Copy details"))
        self.copy_button.clicked.connect(self.copy_details)
        row.addWidget(self.copy_button)

        self.open_profile_button: QPushButton | None = None
        if self.error.code == WRONG_AUTH_TYPE and self._on_open_profile is not None:
            button = QPushButton(self.tr("Set up a local application profile…"), self)
            button.setObjectName("openProfileDialogButton")
            button.setToolTip(
                self.tr("Widgets can only be registered with a local application's OAuth tokens")
            )
            button.setAccessibleName(self.tr("Set up a local application profile"))
            button.clicked.connect(self._open_profile)
            row.addWidget(button)
            self.open_profile_button = button

        self.action_button: QPushButton | None = None
        if self._action is not None:
            text, _run = self._action
            button = QPushButton(text, self)
            button.setObjectName("errorActionButton")
            button.setAccessibleName(text)
            button.clicked.connect(self._run_action)
            row.addWidget(button)
            self.action_button = button

        row.addStretch(1)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close = box.button(QDialogButtonBox.StandardButton.Close)
        close.setObjectName("closeErrorButton")
        close.setAccessibleName(self.tr("Close"))
        close.setToolTip(self.tr("Close this message; the form keeps what you entered"))
        box.rejected.connect(self.reject)
        row.addWidget(box)
        close.setDefault(True)
        close.setFocus()
        return row

    # --- behaviour --------------------------------------------------------------------------

    @Slot(bool)
    def _set_details_visible(self, visible: bool) -> None:
        self.details_edit.setVisible(visible)
        self.details_toggle.setArrowType(
            Qt.ArrowType.DownArrow if visible else Qt.ArrowType.RightArrow
        )
        self.details_toggle.setChecked(visible)
        self.adjustSize()

    @Slot()
    def copy_details(self) -> None:
        """Put the summary, advice and details on the clipboard, ready for a support ticket."""
        parts = [self.error.summary]
        if self.error.advice:
            parts.append(self.error.advice)
        parts.append(self.details_text)
        QGuiApplication.clipboard().setText("\n\n".join(parts))
        self.copy_button.setText(self.tr("Copied"))

    @Slot()
    def _run_action(self) -> None:
        assert self._action is not None
        self.accept()
        self._action[1]()

    @Slot()
    def _open_profile(self) -> None:
        callback = self._on_open_profile
        self.accept()
        if callback is not None:
            callback()
