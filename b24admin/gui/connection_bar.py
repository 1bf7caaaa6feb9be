"""The connection row at the top of the main window: which profile, and what it can do.

A profile selector (``profileCombo``: item text and item data are the profile name), buttons to
add, edit and remove profiles and to test the connection, and a status line that says which
portal, which kind of credentials, and where the secrets are kept. The row only shows and
announces; the main window decides what happens.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from b24admin.gui.widget_builders import selectable_label

PROFILE_COMBO_MAX_WIDTH = 420


@dataclass(frozen=True)
class BrokenEntry:
    """The item data of a broken profile in the combo: never a str, so it is never taken for a
    profile name."""

    key: str


class ConnectionBar(QWidget):
    """Profile selector, profile buttons and the connection status line.

    Signals:
        profileSelected(str): the chosen profile name ("" when there is none).
        addRequested(), editRequested(), removeRequested(), testRequested(): button clicks.
    """

    profileSelected = Signal(str)
    addRequested = Signal()
    editRequested = Signal()
    removeRequested = Signal()
    testRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("connectionBar")

        label = QLabel(self.tr("&Profile:"), self)
        self.profile_combo = QComboBox(self)
        self.profile_combo.setObjectName("profileCombo")
        self.profile_combo.setMinimumContentsLength(18)
        self.profile_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.profile_combo.setToolTip(self.tr("The portal connection used for binding widgets"))
        self.profile_combo.setAccessibleName(self.tr("Connection profile"))
        self.profile_combo.view().setAccessibleName(self.tr("Connection profiles"))
        self.profile_combo.setPlaceholderText(self.tr("No profiles yet"))
        label.setBuddy(self.profile_combo)
        self.profile_combo.currentIndexChanged.connect(self._on_index_changed)

        self.add_button = self._button(
            "addProfileButton", self.tr("&Add…"), self.tr("Add a connection profile")
        )
        self.edit_button = self._button(
            "editProfileButton", self.tr("&Edit…"), self.tr("Edit the selected profile")
        )
        self.remove_button = self._button(
            "removeProfileButton",
            self.tr("Remo&ve"),
            self.tr("Remove the selected profile and its secrets from the keyring"),
        )
        self.test_button = self._button(
            "testConnectionButton",
            self.tr("&Test connection"),
            self.tr(
                "Check that the application is installed, the user is an administrator and "
                "the placement scope is granted"
            ),
        )
        self.add_button.clicked.connect(self.addRequested)
        self.edit_button.clicked.connect(self.editRequested)
        self.remove_button.clicked.connect(self.removeRequested)
        self.test_button.clicked.connect(self.testRequested)

        self.status_label = selectable_label(self, object_name="connectionStatus")
        self.status_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.status_label.setAccessibleName(self.tr("Connection status"))

        # Said at once when the selected profile's secrets are not in its store (a new computer,
        # a reset keyring), with the way to fix it beside it.
        self.missing_secrets = QFrame(self)
        self.missing_secrets.setObjectName("missingSecretsBar")
        self.missing_secrets.setFrameShape(QFrame.Shape.StyledPanel)
        self.missing_secrets_label = selectable_label(
            self.missing_secrets, object_name="missingSecretsLabel"
        )
        self.missing_secrets_label.setSizePolicy(
            QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred
        )
        self.fix_secrets_button = QPushButton(self.tr("Edit profile…"), self.missing_secrets)
        self.fix_secrets_button.setObjectName("fixSecretsButton")
        self.fix_secrets_button.setToolTip(self.tr("Enter the missing secrets in the profile"))
        self.fix_secrets_button.setAccessibleName(self.tr("Edit profile to enter the secrets"))
        self.fix_secrets_button.clicked.connect(self.editRequested)
        notice = QHBoxLayout(self.missing_secrets)
        notice.setContentsMargins(6, 4, 6, 4)
        notice.addWidget(self.missing_secrets_label, 1)
        notice.addWidget(self.fix_secrets_button)
        self.missing_secrets.hide()

        row = QHBoxLayout()
        row.addWidget(label)
        # The row spans the window: a profile name needs no 1,500 px, the buttons stay by it.
        self.profile_combo.setMaximumWidth(PROFILE_COMBO_MAX_WIDTH)
        row.addWidget(self.profile_combo, 1)
        for button in (self.add_button, self.edit_button, self.remove_button):
            row.addWidget(button)
        row.addSpacing(12)
        row.addWidget(self.test_button)
        row.addStretch(0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.status_label)
        layout.addWidget(self.missing_secrets)
        self._update_enabled()

    def _button(self, object_name: str, text: str, tooltip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(object_name)
        button.setToolTip(tooltip)
        button.setAccessibleName(tooltip)
        return button

    # --- profiles -----------------------------------------------------------------------------

    def set_profiles(
        self,
        names: Iterable[str],
        select: str | None = None,
        broken: Iterable[tuple[str, str, str]] = (),
        labels: Mapping[str, str] | None = None,
    ) -> None:
        """Replace the list; select ``select`` if present, else keep the current one, else the
        first. Emits profileSelected once if the selection changed.

        ``broken`` lists the entries of the profiles file that cannot be used, as (key, label,
        reason): shown after the others, marked broken, with the reason as tooltip. Selecting
        one selects no profile (``current_profile_name()`` is "") but :meth:`current_broken`
        gives its key, so it can be removed.
        """
        before = self.current_profile_name()
        wanted = select if select is not None else before
        self.profile_combo.blockSignals(True)
        try:
            self.profile_combo.clear()
            for name in names:
                # The text may say the kind; the item's data stays the profile's name.
                self.profile_combo.addItem((labels or {}).get(name, name), name)
            warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
            for key, label, reason in broken:
                text = self.tr("{label} (broken)").format(label=label)
                self.profile_combo.addItem(warning, text, BrokenEntry(key))
                index = self.profile_combo.count() - 1
                self.profile_combo.setItemData(index, reason, Qt.ItemDataRole.ToolTipRole)
            index = self.profile_combo.findData(wanted) if wanted else -1
            self.profile_combo.setCurrentIndex(index if index >= 0 else 0)
        finally:
            self.profile_combo.blockSignals(False)
        self._update_enabled()
        after = self.current_profile_name()
        if after != before:
            self.profileSelected.emit(after)

    def current_broken(self) -> str | None:
        """The key of the selected broken entry, or None when a usable profile (or none) is."""
        data = self.profile_combo.currentData()
        return data.key if isinstance(data, BrokenEntry) else None

    def current_profile_name(self) -> str:
        """The selected profile's name, or "" when there are no profiles."""
        data = self.profile_combo.currentData()
        return data if isinstance(data, str) else ""

    def profile_names(self) -> list[str]:
        return [self.profile_combo.itemData(i) for i in range(self.profile_combo.count())]

    def set_status(self, text: str) -> None:
        self.status_label.setText(text)

    def set_missing_secrets(self, text: str) -> None:
        """Say which secrets the profile lacks, with "Edit profile…" ("" hides the notice)."""
        self.missing_secrets_label.setText(text)
        self.missing_secrets.setVisible(bool(text))

    def set_testing(self, testing: bool) -> None:
        """Show that a connection test runs; the button cannot start a second one."""
        self.test_button.setEnabled(not testing and bool(self.current_profile_name()))
        self.test_button.setText(self.tr("Testing…") if testing else self.tr("&Test connection"))

    @Slot(int)
    def _on_index_changed(self, _index: int) -> None:
        self._update_enabled()
        self.profileSelected.emit(self.current_profile_name())

    def _update_enabled(self) -> None:
        has_profile = bool(self.current_profile_name())
        for button in (self.edit_button, self.remove_button, self.test_button):
            button.setEnabled(has_profile)
        if self.current_broken() is not None:
            self.remove_button.setEnabled(True)  # the one thing a broken entry allows
