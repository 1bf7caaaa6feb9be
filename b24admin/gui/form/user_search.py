"""USER_ID chosen by name: beside the id spin box, a field that searches the portal's users
(user.search by name, user.get by e-mail or id; see core/portal_users.py) and lists them in a
completer popup.

The search runs after a pause in typing (one call per pause, not per key), in a worker of the
window's JobRunner with a client from the window's ClientFactory (:func:`attach_user_search`).
An answer for an older text, or one that arrives after the profile changed, is dropped. The
picked person's id goes into the spin box, which is what the form sends; the field then says
who it is. Failures are said under the field and change nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent, QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from b24admin.core.errors import B24Error
from b24admin.core.validation import Severity
from b24admin.gui.form.problem_label import severity_color

if TYPE_CHECKING:
    from b24admin.core.portal_users import PortalUser
    from b24admin.core.profile_service import ProfileService
    from b24admin.core.profiles import Profile
    from b24admin.gui.portal_clients import ClientFactory
    from b24admin.gui.workers import JobRunner

# A pause in typing this long starts a search: a name is typed in bursts, and one call per
# burst keeps the portal's request budget (2 per second) for the calls that matter.
USER_SEARCH_DELAY_MS = 350
USER_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class UserSearchBox(QWidget):
    """The USER_ID row: the id spin box (what is sent) and the search field beside it, with
    a status line under them.

    Signals:
        searchRequested(int, str): a search is due for this text; the number is the box's
            generation, to hand back with the answer (:meth:`show_users`, :meth:`show_failure`).
        userPicked(int): the user id chosen from the list.
    """

    searchRequested = Signal(int, str)
    userPicked = Signal(int)

    def __init__(self, spin: QSpinBox, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("userSearch")
        self.spin = spin
        self._generation = 0
        self._asked = ""  # the text of the search in flight ("" when none)
        self._answered = ""  # the text the list shows the users of
        self._shown_id = 0  # the picked user the field names (0: it names nobody)
        self._picking = False
        self._not_used = ""  # why the placement does not use USER_ID ("" when it does)
        self._no_search = ""  # why no search can run now (no profile, secrets missing)

        self.edit = QLineEdit(self)
        self.edit.setObjectName("userSearchEdit")
        self.edit.setAccessibleName(self.tr("Find the user by name, e-mail or id"))
        self.edit.setPlaceholderText(self.tr("Find by name, e-mail or id…"))
        self.edit.setClearButtonEnabled(True)
        self.status = QLabel(self)
        self.status.setObjectName("userSearchStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.hide()

        self.model = QStandardItemModel(self)
        self.completer = QCompleter(self.model, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setWidget(self.edit)  # not setCompleter: the text is ours, not Qt's
        self.completer.setMaxVisibleItems(8)
        popup = self.completer.popup()
        assert popup is not None  # QCompleter makes its list view on first ask
        self.popup = popup
        popup.setObjectName("userSearchPopup")
        popup.setAccessibleName(self.tr("Users found"))
        # the QModelIndex overload: the row carries the id
        self.completer.activated[QModelIndex].connect(self._picked)  # type: ignore[index]

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(USER_SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search_now)

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(spin)
        row.addWidget(self.edit, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.status)

        self.edit.textEdited.connect(self._text_edited)
        self.edit.installEventFilter(self)
        spin.valueChanged.connect(self._spin_changed)
        self._apply_state()

    # -- what the form tells it -----------------------------------------------------------

    def set_not_used(self, reason: str) -> None:
        """The placement does not use USER_ID (``reason``, for the tooltip); "" it does."""
        self._not_used = reason
        self._apply_state()

    def set_no_search(self, reason: str) -> None:
        """No search can run now (``reason``: no profile, its secrets missing); "" one can.
        Any answer still on its way is about the old situation and is dropped."""
        if reason != self._no_search:
            self._no_search = reason
            self.forget_answers()
        self._apply_state()

    def forget_answers(self) -> None:
        """Drop the list and any search in flight (the profile changed: another portal)."""
        self._generation += 1
        self._timer.stop()
        self._asked = self._answered = ""
        self.model.clear()
        self.popup.hide()
        self._say("")

    @property
    def search_reason(self) -> str:
        """Why the field is disabled ("" while it searches)."""
        return self._not_used or self._no_search

    # -- searching ------------------------------------------------------------------------

    def text(self) -> str:
        return self.edit.text().strip()

    @Slot()
    def search_now(self) -> None:
        """Search the portal for the field's text at once (the pause ended, or Down)."""
        self._timer.stop()
        text = self.text()
        if not text or self.search_reason:
            return
        self._generation += 1
        self._asked = text
        self._say(self.tr("Searching…"))
        self.searchRequested.emit(self._generation, text)

    def show_users(self, generation: int, text: str, users: Sequence[PortalUser]) -> None:
        """The answer of the search ``generation`` for ``text``: listed, unless stale."""
        if not self._current(generation, text):
            return
        self._asked = ""
        self._answered = text
        self.model.clear()
        for user in users:
            item = QStandardItem(user.label())
            item.setData(user.user_id, USER_ID_ROLE)
            item.setEditable(False)
            self.model.appendRow(item)
        if not users:
            self._say(self.tr("No user matches “{text}”.").format(text=text))
            return
        self._say("")
        if self.edit.hasFocus():
            self.open_list()

    def show_failure(self, generation: int, text: str, error: B24Error) -> None:
        """The search failed: said under the field (with what to do in its tooltip)."""
        if not self._current(generation, text):
            return
        self._asked = ""
        if error.code == "insufficient_scope" and error.advice:
            # The catalogue's words for a token without a user scope already say "type the id".
            words = f"{error.summary} {error.advice}"
        else:
            words = self.tr("{problem} You can type the id instead.").format(problem=error.summary)
        self._say(words, problem=True, tip=error.advice)

    def open_list(self) -> None:
        """Show the users found for the current text (Down does this)."""
        if self.model.rowCount() and self._answered == self.text():
            self.completer.complete()
            self.popup.setCurrentIndex(QModelIndex())  # nothing chosen yet: Down goes first

    def _current(self, generation: int, text: str) -> bool:
        return generation == self._generation and text == self.text()

    # -- reacting to the user -------------------------------------------------------------

    @Slot(str)
    def _text_edited(self, _text: str) -> None:
        self._generation += 1  # whatever is on its way was for another text
        self._asked = self._answered = ""
        self.model.clear()
        if not self.text():
            self._timer.stop()
            self._say("")
            return
        self._timer.start()

    @Slot(QModelIndex)
    def _picked(self, index: QModelIndex) -> None:
        user_id = index.data(USER_ID_ROLE)
        if not isinstance(user_id, int):
            return
        label = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        self._picking = True
        try:
            self.spin.setValue(user_id)
        finally:
            self._picking = False
        self._shown_id = user_id
        self.edit.setText(label)
        self._answered = label.strip()  # Down shows the list again; typing searches anew
        self._say("")
        self.userPicked.emit(user_id)

    @Slot(int)
    def _spin_changed(self, value: int) -> None:
        if self._picking or not self._shown_id or value == self._shown_id:
            return
        # The id was changed by hand: the field no longer names the user that is sent.
        self._shown_id = 0
        self.edit.clear()
        self.forget_answers()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key == Qt.Key.Key_Down and not self.popup.isVisible():
                if self._answered == self.text() and self.model.rowCount():
                    self.open_list()
                elif self._timer.isActive() or (self.text() and not self._asked):
                    self.search_now()  # no need to wait for the pause
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.model.rowCount() == 1:
                if self._answered == self.text():
                    self._picked(self.model.index(0, 0))  # one match: Enter takes it
                    return True
        return super().eventFilter(watched, event)

    # -- showing --------------------------------------------------------------------------

    def _say(self, text: str, *, problem: bool = False, tip: str = "") -> None:
        self.status.setText(text)
        self.status.setToolTip(tip)
        self.status.setAccessibleName(text)
        if problem:
            colour = severity_color(Severity.WARNING, self.palette()).name()
            self.status.setStyleSheet(f"color: {colour};")
        else:
            self.status.setStyleSheet("")
            self.status.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.status.setProperty("problem", problem)
        self.status.setVisible(bool(text))

    def _apply_state(self) -> None:
        reason = self.search_reason
        self.edit.setEnabled(not reason)
        self.edit.setToolTip(
            reason
            or self.tr(
                "Type a part of the name, an e-mail or an id; Down opens the list, Enter "
                "picks, Esc closes it."
            )
        )
        if reason:
            self._timer.stop()
            self.popup.hide()


class _SearchOutcome(QObject):
    """Hands one search's answer to the box in the GUI thread; dies with the box (no late
    callback into a closed window)."""

    def __init__(self, box: UserSearchBox, generation: int, text: str) -> None:
        super().__init__(box)
        self._box, self._generation, self._text = box, generation, text

    @Slot(object)
    def succeeded(self, users: object) -> None:
        assert isinstance(users, list)
        self._box.show_users(self._generation, self._text, users)

    @Slot(object)
    def failed(self, error: B24Error) -> None:
        self._box.show_failure(self._generation, self._text, error)

    @Slot()
    def finished(self) -> None:
        self.deleteLater()


def attach_user_search(
    box: UserSearchBox,
    runner: JobRunner,
    client_factory: ClientFactory,
    service: ProfileService,
    current_profile: Callable[[], Profile | None],
) -> None:
    """Run the box's searches in ``runner``'s workers against the current profile's portal."""

    def search(generation: int, text: str) -> None:
        profile = current_profile()
        if profile is None:
            return

        def job() -> Any:  # a worker: keyring and network, no widget
            from b24admin.core.portal_users import find_users

            with client_factory(profile, service) as client:
                return find_users(client, text)

        outcome = _SearchOutcome(box, generation, text)
        signals = runner.submit(job, outcome.succeeded, outcome.failed)
        signals.finished.connect(outcome.finished)

    box.searchRequested.connect(search)
