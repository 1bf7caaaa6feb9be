"""The bind form: every placement.bind parameter, validated as the user types, with a live
preview of the exact request and the Bind button.

The form holds no secret and makes no call: Bind emits ``bindRequested`` and the main window
runs the call in a worker (calling :meth:`BindForm.set_busy` meanwhile).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from b24admin.core.bind_request import BindRequest
from b24admin.core.catalogue import Catalogue
from b24admin.core.errors import B24Error
from b24admin.core.validation import Problem, validate
from b24admin.gui.accessibility import name_inner_widgets
from b24admin.gui.dialogs import Dialogs
from b24admin.gui.form.inline_problems import InlineProblems, bind_tooltip
from b24admin.gui.form.lang_table import LangTableEditor
from b24admin.gui.form.options_panel import OptionsPanel
from b24admin.gui.form.placement_combo import PlacementPicker
from b24admin.gui.form.preview import PreviewPane, bind_endpoint
from b24admin.gui.form.problem_label import ProblemLabel, set_base_tooltip
from b24admin.gui.form.user_search import UserSearchBox
from b24admin.gui.handler_try_panel import HandlerTryPanel, make_try_button
from b24admin.gui.wheel_guard import install_wheel_guard
from b24admin.gui.widget_builders import separator

# A pause in typing this long shows the field's problems (leaving the field shows them at
# once): a problem shown on the first keystroke, while the completer is still open, only scolds.
VALIDATION_DELAY_MS = 600
_MOVABLE_TEXTS = ("TITLE", "DESCRIPTION", "GROUP_NAME")  # top-level texts a language row has
_TEXT_FIELDS = ("HANDLER", "TITLE", "DESCRIPTION", "GROUP_NAME")
FIELDS_MAX_WIDTH = 760  # px: about 90 characters in the widest field


def compact(layout: QLayout) -> None:
    """Tighter margins inside the form's boxes: the form's height is its scarce room."""
    layout.setContentsMargins(8, 4, 8, 6)
    layout.setSpacing(4)


class BindForm(QWidget):
    """Edits one BindRequest.

    Signals:
        requestChanged(object): the BindRequest, on every edit.
        problemsChanged(list): list[Problem] after each validation.
        bindRequested(object): the BindRequest, when Bind / Ctrl+Return is used and it is valid.
        curlWithSecretsRequested(object): the BindRequest; the user confirmed they want a curl
            command WITH secrets (the main window reads them in a worker and copies it).
        tryHandlerRequested(str, str): the placement code and handler URL, when Try is pressed
            (the window runs the try and shows it in ``tryResult``).
    """

    requestChanged = Signal(object)
    problemsChanged = Signal(list)
    bindRequested = Signal(object)
    curlWithSecretsRequested = Signal(object)
    actionTextChanged = Signal(str)
    tryHandlerRequested = Signal(str, str)

    def __init__(
        self,
        catalogue: Catalogue,
        parent: QWidget | None = None,
        *,
        dialogs: Dialogs | None = None,
    ) -> None:
        super().__init__(parent)
        install_wheel_guard()
        self._catalogue = catalogue
        self.dialogs = dialogs if dialogs is not None else Dialogs(self)
        self._problems: list[Problem] = []
        self._granted_scopes: list[str] | None = None  # known after a connection check
        self._busy = False
        self._unavailable = ""  # why Bind cannot work now, whatever the form says
        self._updates = False  # the portal has this widget: the button says "Update widget"
        self._loading = False
        self._endpoint_url = ""  # the profile's portal ("" when no profile is chosen)
        self._labels: dict[str, ProblemLabel] = {}
        self._move_links: dict[str, QLabel] = {}

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(VALIDATION_DELAY_MS)
        self._timer.timeout.connect(self._publish_problems)

        self._build()
        self.inline = InlineProblems(
            self._labels, self.lang_editor, self.options_panel, self.form_problem
        )
        self._connect()
        self._on_code_changed(self.picker.code())
        self._update_user_search()
        self.preview.set_request(self.request())
        self._validate()
        self._timer.stop()
        self._publish_problems()

    # -- public API ---------------------------------------------------------------------

    def request(self) -> BindRequest:
        """The request as entered."""
        spec = self.picker.spec()
        user_id = self.user_id_spin.value() if spec is not None and spec.user_mode else 0
        # What the placement does not use is not sent (its field keeps the text for a switch back).
        uses_group = spec is None or spec.uses_group_name
        rows = self.lang_editor.model.rows()
        if not uses_group:
            rows = tuple(replace(row, group_name="") for row in rows)
        return BindRequest(
            placement=self.picker.code(),
            handler=self.handler_edit.text(),
            title=self.title_edit.text(),
            description=self.description_edit.text(),
            group_name=self.group_name_edit.text() if uses_group else "",
            lang_rows=rows,
            options=self.options_panel.values(),
            user_id=user_id or None,  # 0 and "not sent" both mean all users
        )

    def set_request(self, request: BindRequest) -> None:
        """Load a request (a draft, or one to edit); its problems all show at once."""
        self._loading = True
        try:
            self.picker.set_code(request.placement)
            self._on_code_changed(self.picker.code())
            self.handler_edit.setText(request.handler)
            self.title_edit.setText(request.title)
            self.description_edit.setText(request.description)
            self.group_name_edit.setText(request.group_name)
            self.lang_editor.model.set_rows(request.lang_rows)
            self.options_panel.set_values(request.options)
            self.user_id_spin.setValue(max(request.user_id or 0, 0))
        finally:
            self._loading = False
        self.inline.show_all = bool(request.to_wire().get("PLACEMENT") or request.handler)
        self._edited()
        self._timer.stop()
        self._publish_problems()

    def set_endpoint(self, url: str, auth: str) -> None:
        """Where placement.bind goes, for the preview's curl ("" when no profile); ``auth`` is
        "oauth" (the body gets ``"auth": "<redacted>"``) or "webhook" (URL already redacted)."""
        self.preview.set_endpoint(bind_endpoint(url, auth), auth)
        if url != self._endpoint_url:
            self.user_search.forget_answers()  # another portal: its own people
        self._endpoint_url = url
        self._update_user_search()

    def set_busy(self, busy: bool) -> None:
        """While a bind runs: the button shows progress and cannot be pressed again."""
        self._busy = busy
        self._update_bind_button()

    def detach_preview(self) -> PreviewPane:
        """Take the preview out of the form (the main window shows it in a tab beside the
        form); the fields then have the form's whole width."""
        self.preview.setParent(None)  # the caller gives it a new home at once
        self.preview_box.hide()  # a splitter leaves no room for a hidden part
        self.preview_box.deleteLater()
        return self.preview

    def set_unavailable(self, reason: str) -> None:
        """Disable Bind for a reason outside the form (the profile lacks its secrets), said in
        the button's tooltip; "" enables it again."""
        self._unavailable = reason
        self._update_bind_button()
        self._update_user_search()

    def set_updates_existing(self, updates: bool) -> None:
        """Say on the button whether Bind creates a widget ("Bind") or changes one the portal
        already has ("Update widget"); the objectName stays ``bindButton``."""
        if updates != self._updates:
            self._updates = updates
            self._update_bind_button()
            self.actionTextChanged.emit(self.action_text())

    def action_text(self) -> str:
        """What the primary button does now: "Bind" or "Update widget"."""
        return self.tr("Update widget") if self._updates else self.tr("Bind")

    def hand_shortcut_to_window(self) -> None:
        """The window's Bind action owns Ctrl+Return from now on, everywhere in the window (with
        two owners of one key Qt calls it ambiguous and neither fires)."""
        for shortcut in self._shortcuts:
            shortcut.setEnabled(False)

    def set_granted_scopes(self, scopes: list[str] | None) -> None:
        """The current profile's token scopes (None: not known); a placement whose scope is
        missing then gets a warning beside it, shown at once."""
        self._granted_scopes = None if scopes is None else list(scopes)
        self._validate()
        self._publish_problems()

    @property
    def granted_scopes(self) -> list[str] | None:
        return None if self._granted_scopes is None else list(self._granted_scopes)

    def explain_failure(self, error: B24Error, request: BindRequest) -> B24Error:
        """``error`` of binding ``request``; ERROR_PLACEMENT_NOT_FOUND names the scope the
        token lacks when the last connection check told the granted scopes."""
        from b24admin.core.scope_advice import explain_not_found

        spec = self._catalogue.get(request.placement)
        return explain_not_found(error, spec, self._granted_scopes)

    def problems_pending(self) -> bool:
        """True while an edit's problems wait to be shown (the pause after typing)."""
        return self._timer.isActive()

    def problems(self) -> list[Problem]:
        """The problems of the current request (always up to date, even mid-debounce)."""
        return list(self._problems)

    # -- construction -------------------------------------------------------------------

    def _build(self) -> None:
        self.picker = PlacementPicker(self._catalogue, self)
        self.handler_edit = self._line_edit(
            "handlerEdit",
            self.tr("Handler URL"),
            self.tr(
                "HANDLER: the page Bitrix24 opens for the widget. http or https, a host with "
                "a dot (not localhost), reachable from the internet."
            ),
            "https://example.com/widget/",
        )
        self.title_edit = self._line_edit(
            "titleEdit",
            self.tr("Title"),
            self.tr("TITLE: the name users see; empty shows the application's name."),
        )
        self.description_edit = self._line_edit(
            "descriptionEdit",
            self.tr("Description"),
            self.tr("DESCRIPTION: stored but, per the documentation, not used in practice."),
        )
        self.group_name_edit = self._line_edit(
            "groupNameEdit",
            self.tr("Group name"),
            self.tr(
                "GROUP_NAME: groups several handlers of one placement (CRM card toolbar, "
                "call analytics menu)."
            ),
        )
        self.lang_editor = LangTableEditor(self._catalogue.languages, self)
        # The icon names are read when an iconName editor first appears, not at start-up.
        self.options_panel = OptionsPanel(
            self._catalogue.palette, lambda: self._catalogue.fa4_icons, self
        )
        self.user_id_spin = QSpinBox(self)
        self.user_id_spin.setObjectName("userIdSpin")
        self.user_id_spin.setRange(0, 2_147_483_647)
        self.user_id_spin.setSpecialValueText(self.tr("All users"))
        self.user_id_spin.setAccessibleName(self.tr("Only for user id"))
        self.user_id_spin.setMinimumWidth(140)
        self.user_search = UserSearchBox(self.user_id_spin, self)
        self.preview = PreviewPane(self)
        self.bind_button = QPushButton(self.tr("Bind"), self)
        self.bind_button.setObjectName("bindButton")
        self.bind_button.setAccessibleName(self.tr("Bind"))
        self.bind_button.setDefault(True)
        self.bind_button.setMinimumWidth(120)
        self.bind_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.form_problem = ProblemLabel(None, self)
        self.form_problem.setObjectName("formProblem")
        self.try_handler_button = make_try_button(self)
        self.try_result = HandlerTryPanel(self)
        self._handler_row = QWidget(self)
        handler_row = QHBoxLayout(self._handler_row)
        handler_row.setContentsMargins(0, 0, 0, 0)
        handler_row.addWidget(self.handler_edit, 1)
        handler_row.addWidget(self.try_handler_button)

        placement_box = QGroupBox(self.tr("Where"), self)
        placement_form = self._form(placement_box)
        self._add_row(placement_form, self.tr("&Placement *:"), self.picker, "PLACEMENT")

        texts_box = QGroupBox(self.tr("Handler and texts"), self)
        texts_form = self._form(texts_box)
        self._add_row(texts_form, self.tr("&Handler URL *:"), self._handler_row, "HANDLER")
        self._add_row(texts_form, self.tr("&Title:"), self.title_edit, "TITLE")
        self._add_row(texts_form, self.tr("&Description:"), self.description_edit, "DESCRIPTION")
        self._add_row(texts_form, self.tr("&Group name:"), self.group_name_edit, "GROUP_NAME")

        lang_box = QGroupBox(self.tr("Languages (LANG_ALL)"), self)
        lang_layout = QVBoxLayout(lang_box)
        compact(lang_layout)
        lang_layout.addWidget(self.lang_editor)

        options_box = QGroupBox(self.tr("Options (OPTIONS)"), self)
        options_layout = QVBoxLayout(options_box)
        compact(options_layout)
        options_layout.addWidget(self.options_panel)
        options_layout.addWidget(separator(options_box))
        user_form = QFormLayout()
        user_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        user_form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        options_layout.addLayout(user_form)
        self._add_row(user_form, self.tr("Only for &user:"), self.user_search, "USER_ID")

        left = QWidget(self)
        left.setObjectName("formFields")
        # Fields wider than this are harder to read, not easier: a wide window gives its room
        # to the preview and lists beside the form instead.
        left.setMaximumWidth(FIELDS_MAX_WIDTH)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 6, 0)
        left_layout.setSpacing(3)
        for box in (placement_box, texts_box, lang_box, options_box):
            left_layout.addWidget(box)
        left_layout.addStretch(1)

        preview_box = self.preview_box = QGroupBox(self.tr("Request preview"), self)
        QVBoxLayout(preview_box).addWidget(self.preview)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("bindFormSplitter")
        self.splitter.setChildrenCollapsible(False)
        # Only the fields scroll: the preview and the Bind row stay in view on a small screen.
        fields = QScrollArea(self)
        fields.setObjectName("formFieldsScrollArea")
        fields.setWidgetResizable(True)
        fields.setFrameShape(QFrame.Shape.NoFrame)
        fields.setWidget(left)
        self.fields_area = fields
        self.splitter.addWidget(fields)
        right = QSplitter(Qt.Orientation.Vertical, self)  # the try result under the preview
        right.setChildrenCollapsible(False)
        right.addWidget(preview_box)
        right.addWidget(self.try_result)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)

        legend = QLabel(self.tr("* required"), self)
        legend.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        bottom = QHBoxLayout()
        bottom.addWidget(self.form_problem, 1)
        bottom.addWidget(legend)
        bottom.addWidget(self.bind_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(bottom)

        shortcut_keys = ("Ctrl+Return", "Ctrl+Enter")
        self._shortcuts = [QShortcut(QKeySequence(key), self) for key in shortcut_keys]
        for shortcut in self._shortcuts:
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.setFocusProxy(self.picker)
        self._update_tab_order()
        name_inner_widgets(self)

    def _line_edit(self, name: str, accessible: str, tip: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.setClearButtonEnabled(True)
        if placeholder:
            edit.setPlaceholderText(placeholder)
        set_base_tooltip(edit, tip)
        return edit

    @staticmethod
    def _form(box: QGroupBox) -> QFormLayout:
        form = QFormLayout(box)
        compact(form)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return form

    def _add_row(self, form: QFormLayout, text: str, field: QWidget, key: str) -> None:
        holder = QWidget(self)
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(field)
        inner = {
            self.picker: self.picker.combo,
            self._handler_row: self.handler_edit,
            self.user_search: self.user_id_spin,
        }
        target = inner.get(field, field)
        label = ProblemLabel(target, holder)
        if key != "USER_ID":  # a spin box holds only valid ids: no room kept for a problem
            label.reserve_line()
        if key in _MOVABLE_TEXTS:
            line = QHBoxLayout()
            line.setContentsMargins(0, 0, 0, 0)
            line.addWidget(label, 1)
            link = QLabel(
                '<a href="move">{}</a>'.format(self.tr("Move into the language rows")), holder
            )
            link.setObjectName(f"moveIntoLangRows_{key}")
            link.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
            link.setToolTip(
                self.tr(
                    "Put Title, Description and Group name into the first language row "
                    "(where it has no other text) and clear them here"
                )
            )
            link.setAccessibleName(self.tr("Move into the language rows"))
            link.linkActivated.connect(lambda _href: self.move_texts_into_language_rows())
            link.setFixedHeight(label.minimumHeight())  # the reserved line: no jump
            link.hide()
            self._move_links[key] = link
            line.addWidget(link, 0, Qt.AlignmentFlag.AlignTop)
            box.addLayout(line)
        else:
            box.addWidget(label)
        caption = QLabel(text, self)
        caption.setBuddy(target)
        form.addRow(caption, holder)
        self._labels[key] = label

    def _connect(self) -> None:
        self.picker.codeChanged.connect(self._on_code_changed)
        self.picker.codeChanged.connect(lambda: self._edited("PLACEMENT"))
        for key, edit in zip(_TEXT_FIELDS, self._text_edits(), strict=True):
            edit.textChanged.connect(lambda _text, k=key: self._edited(k))
        self.lang_editor.model.rowsEdited.connect(lambda: self._edited("LANG_ALL"))
        self.options_panel.optionEdited.connect(
            lambda key: self._edited(f"OPTIONS.{key}" if key else "OPTIONS")
        )
        self.user_id_spin.valueChanged.connect(lambda _v: self._edited("USER_ID"))
        self.lang_editor.newRowLeft.connect(self._publish_now)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
        self.preview.curlWithSecretsAsked.connect(
            lambda: self.preview.confirm_secrets(
                self.dialogs, self.request(), self.curlWithSecretsRequested.emit
            )
        )
        self.bind_button.clicked.connect(self.try_bind)
        self.try_handler_button.clicked.connect(
            lambda: self.tryHandlerRequested.emit(self.picker.code(), self.handler_edit.text())
        )
        self.handler_edit.textChanged.connect(
            lambda text: self.try_handler_button.setEnabled(bool(text.strip()))
        )
        self.try_handler_button.setEnabled(False)  # until there is an address to try
        for shortcut in self._shortcuts:
            shortcut.activated.connect(self.try_bind)

    def _text_edits(self) -> tuple[QLineEdit, ...]:
        return (self.handler_edit, self.title_edit, self.description_edit, self.group_name_edit)

    def _update_tab_order(self) -> None:
        chain: list[QWidget] = [
            self.picker.combo,
            self.picker.entity_combo,
            self.picker.type_id_spin,
            self.handler_edit,
            self.try_handler_button,
            *self._text_edits()[1:],
            self.lang_editor.table,
            self.lang_editor.add_button,
            self.lang_editor.remove_button,
            *self.options_panel.focus_chain(),
            self.user_id_spin,
            self.user_search.edit,
            self.preview.text,
            self.preview.copy_curl_button,
            self.bind_button,
        ]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    # -- reacting to edits --------------------------------------------------------------

    @Slot(str)
    def _on_code_changed(self, code: str) -> None:
        spec = self.picker.spec()
        self.options_panel.set_spec(spec, code)
        user_mode = spec is not None and spec.user_mode
        self.user_id_spin.setEnabled(user_mode)
        not_used = self.tr(
            "USER_ID: not sent. Only PAGE_BACKGROUND_WORKER can be bound for one user."
        )
        set_base_tooltip(
            self.user_id_spin,
            self.tr("USER_ID: load the worker only on this user's pages; All users = 0.")
            if user_mode
            else not_used,
        )
        self.user_search.set_not_used("" if user_mode else not_used)
        uses_group = spec is None or spec.uses_group_name
        self.group_name_edit.setEnabled(uses_group)
        self.group_name_edit.setPlaceholderText(
            "" if uses_group else self.tr("Not used by this placement")
        )
        group_tip = self.tr(
            "GROUP_NAME: groups several handlers of one placement (CRM card toolbar, "
            "call analytics menu)."
        )
        if not uses_group:
            group_tip += "\n" + self.tr(
                "Not sent: {placement} does not group its handlers."
            ).format(placement=code)
        set_base_tooltip(self.group_name_edit, group_tip)
        self.lang_editor.model.set_group_name_used(uses_group)
        self._update_tab_order()
        name_inner_widgets(self.options_panel)

    def _edited(self, field: str = "") -> None:
        if self._loading:
            return
        if field:
            self.inline.touch(field)
        request = self.request()
        self.preview.set_request(request)
        self.requestChanged.emit(request)
        self._validate()

    def _validate(self) -> None:
        # Validation is cheap, so Bind's state is always current; only the inline labels wait
        # for a pause in typing, so they do not flicker on every keystroke.
        self._problems = validate(self.request(), self._catalogue, self._granted_scopes)
        self._update_bind_button()
        self._timer.start()

    @Slot()
    def _publish_problems(self) -> None:
        self.inline.show(self._problems)
        shown = {p.field for p in self._problems if not p.is_error and self.inline.visible(p)}
        ignored = bool(self.lang_editor.model.rows())
        for key, link in self._move_links.items():
            link.setVisible(ignored and key in shown)
        self.problemsChanged.emit(list(self._problems))

    @Slot()
    def _publish_now(self) -> None:
        if self._timer.isActive():
            self._timer.stop()
        self._publish_problems()

    @Slot(QWidget, QWidget)
    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        # Leaving a field shows its problems at once instead of after the pause; moving
        # between the language table and its cell editor is not leaving.
        if not self._timer.isActive() or old is None or not self.isAncestorOf(old):
            return
        table = self.lang_editor.table
        if new is not None and {old, new} <= {table, *table.findChildren(QWidget)}:
            return
        self._publish_now()

    @Slot()
    def move_texts_into_language_rows(self) -> None:
        """Move Title, Description and Group name into the first language row (Bitrix24
        ignores them once there are rows) and clear them; a cell of that row that already has
        a different text keeps it, and so does the field above, so nothing is lost."""
        model = self.lang_editor.model
        if not model.rows():
            return
        spec = self.picker.spec()
        uses_group = spec is None or spec.uses_group_name
        edits = dict(zip(_TEXT_FIELDS, self._text_edits(), strict=True))
        for column, key in enumerate(_MOVABLE_TEXTS, start=1):
            edit = edits[key]
            text = edit.text()
            if not text or (key == "GROUP_NAME" and not uses_group):
                continue
            index = model.index(0, column)
            cell = str(index.data(Qt.ItemDataRole.EditRole) or "")
            if cell and cell != text:
                continue
            model.setData(index, text)
            edit.clear()
        self._publish_now()

    def _update_user_search(self) -> None:
        if not self._endpoint_url:
            reason = self.tr("Choose a connection profile to search its users, or type the id.")
        else:
            reason = self._unavailable  # the profile's secrets are missing: no call can work
        self.user_search.set_no_search(reason)

    def _update_bind_button(self) -> None:
        if self._busy:
            self.bind_button.setText(self.tr("Updating…") if self._updates else self.tr("Binding…"))
            self.bind_button.setEnabled(False)
            self.bind_button.setToolTip(self.tr("Talking to the portal…"))
            return
        self.bind_button.setText(self.action_text())
        self.bind_button.setAccessibleName(self.action_text())
        if self._unavailable:
            self.bind_button.setEnabled(False)
            self.bind_button.setToolTip(self._unavailable)
            return
        self.bind_button.setEnabled(not any(p.is_error for p in self._problems))
        self.bind_button.setToolTip(bind_tooltip(self._problems))

    # -- actions ------------------------------------------------------------------------

    @Slot()
    def try_bind(self) -> None:
        """What Bind and Ctrl+Return do: emit bindRequested, or show the problems and go to
        the first one."""
        self.lang_editor.commit_open_editor()
        problems = self.problems()
        self._timer.stop()
        self._publish_problems()
        if self._busy or self._unavailable:
            return
        if any(p.is_error for p in problems):
            self.inline.show_all = True
            self.lang_editor.forget_new_row()  # Bind refused: every problem shows, its too
            self.inline.show(problems)
            self._focus_first_error()
            return
        self.bindRequested.emit(self.request())

    def _focus_first_error(self) -> None:
        targets: dict[str, QWidget] = {
            "PLACEMENT": self.picker.combo,
            "HANDLER": self.handler_edit,
            "TITLE": self.title_edit,
            "DESCRIPTION": self.description_edit,
            "GROUP_NAME": self.group_name_edit,
            "LANG_ALL": self.lang_editor.table,
            "USER_ID": self.user_id_spin,
        }
        for problem in self._problems:
            if not problem.is_error:
                continue
            target = targets.get(problem.field)
            if target is None and problem.field.startswith("OPTIONS."):
                target = self.options_panel.editor(problem.field.partition(".")[2])
            if target is not None:
                target.setFocus(Qt.FocusReason.OtherFocusReason)
                return
