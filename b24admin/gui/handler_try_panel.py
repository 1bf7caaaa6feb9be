"""The handler workbench in the window: a Try button's worker and the panel with its verdicts.

:class:`HandlerTryController` runs :func:`b24admin.core.handler_try.try_handler` in the window's
worker pool (the GUI thread never waits on the handler) for the form's placement and handler,
pretending to be the selected profile's portal (its address only, never a secret).
:class:`HandlerTryPanel` (objectName ``handlerTryResult``) shows the outcome: one headline, the
status and times, the framing and reachability verdicts with what to change, the redirect
chain, the response headers and the first part of the body as plain text (no HTML engine).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QSize, Qt, Signal, Slot
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from b24admin.core.errors import B24Error

if TYPE_CHECKING:
    from b24admin.core.catalogue import Catalogue
    from b24admin.core.framing import Verdict
    from b24admin.core.handler_context import PortalIdentity
    from b24admin.core.handler_try import HandlerTryResult
    from b24admin.gui.workers import JobRunner

_GOOD, _BAD, _WARN = "#1e7b34", "#b3261e", "#8a5a00"


def make_try_button(parent: QWidget) -> QPushButton:
    """The Try button beside a handler URL (objectName ``tryHandlerButton``)."""
    button = QPushButton(parent.tr("Try"), parent)
    button.setObjectName("tryHandlerButton")
    button.setAccessibleName(parent.tr("Try the handler"))
    button.setToolTip(
        parent.tr(
            "Send the handler what the portal sends when a user opens the widget (placeholder "
            "tokens, never yours) and say whether the widget would show."
        )
    )
    return button


class HandlerTryPanel(QFrame):
    """The result of one try, in words; hidden until the first try."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("handlerTryResult")
        self.setAccessibleName(self.tr("Handler try result"))
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.headline = QLabel(self)
        self.headline.setObjectName("handlerTryHeadline")
        self.headline.setWordWrap(True)
        font = self.headline.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.headline.setFont(font)
        self.close_button = QToolButton(self)
        self.close_button.setObjectName("handlerTryCloseButton")
        self.close_button.setIcon(
            self.style().standardIcon(QStyle.StandardPixmap.SP_TitleBarCloseButton)
        )
        self.close_button.setToolTip(self.tr("Close"))
        self.close_button.setAccessibleName(self.tr("Close the try result"))
        self.close_button.clicked.connect(self.hide)
        self.summary = QLabel(self)
        self.summary.setObjectName("handlerTrySummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("handlerTryTabs")
        self.headers_text = self._text("handlerTryHeaders", self.tr("Response headers"))
        self.body_text = self._text("handlerTryBody", self.tr("Body (first part)"))
        self.sent_text = self._text("handlerTrySent", self.tr("What was sent"))
        for text in (self.headers_text, self.body_text, self.sent_text):
            self.tabs.addTab(text, text.accessibleName())

        top = QHBoxLayout()
        top.addWidget(self.headline, 1)
        top.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        self.result: HandlerTryResult | None = None
        self.hide()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        # Room for the verdicts and a few header lines when a splitter first shows the panel.
        return QSize(480, 420)

    def _text(self, name: str, title: str) -> QPlainTextEdit:
        text = QPlainTextEdit(self)
        text.setObjectName(name)
        text.setAccessibleName(title)
        text.setReadOnly(True)
        text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        return text

    # --- what the panel shows ------------------------------------------------------------------

    def show_running(self, placement: str, handler: str) -> None:
        self.result = None
        self._headline(
            self.tr("Trying {handler} as a {placement} widget…"), _WARN, handler, placement
        )
        self.summary.setText("")
        for text in (self.headers_text, self.body_text, self.sent_text):
            text.setPlainText("")
        self.show()

    def show_error(self, error: B24Error) -> None:
        """A try that could not start (an unusable address): say why, nothing was sent."""
        self.result = None
        self.headline.setText(error.summary)
        self._colour(_BAD)
        self.summary.setText(_escape(error.advice))
        self.show()

    def show_result(self, result: HandlerTryResult) -> None:
        from b24admin.core.redact import redact_url

        self.result = result
        if result.error is not None:
            self.headline.setText(
                self.tr("The widget would stay blank: the handler was not reached.")
            )
            self._colour(_BAD)
        elif result.would_show:
            self.headline.setText(self.tr("The widget would show."))
            self._colour(_GOOD)
        else:
            self.headline.setText(self.tr("The widget would NOT show."))
            self._colour(_BAD)
        self.summary.setText(self._summary_html(result))
        self.headers_text.setPlainText(
            "\n".join(f"{name}: {value}" for name, value in result.headers)
            or self.tr("(no answer)")
        )
        self.body_text.setPlainText(result.body_excerpt)
        request = result.request
        sent = [f"{request.method} {redact_url(request.url)}", ""]
        sent += [f"{key} = {value}" for key, value in request.form.items()]
        self.sent_text.setPlainText("\n".join(sent))
        self.show()

    def _summary_html(self, result: HandlerTryResult) -> str:
        rows: list[str] = []
        portal = result.portal.origin
        if not result.portal.known:
            portal += " " + self.tr("(an example portal: select a profile to use yours)")
        rows.append(self.tr("As the portal {portal} opens it.").format(portal=_escape(portal)))
        if result.request.context is not None and result.request.context.note:
            rows.append(_escape(result.request.context.note))
        for hop in result.redirects:
            rows.append(
                self.tr("Redirect {status} → {location}").format(
                    status=hop.status, location=_escape(hop.location)
                )
            )
        error = result.error
        if error is not None:
            rows.append(_verdict_html(False, error.summary, error.advice))
        else:
            rows.append(
                self.tr(
                    "Status {status} {reason} · first byte {ttfb} ms · total {total} ms"
                ).format(
                    status=result.status,
                    reason=_escape(result.reason),
                    ttfb=_ms(result.time_to_first_byte),
                    total=_ms(result.total_time),
                )
            )
            rows.append(
                self.tr("{type} · {size} bytes · TLS {tls}").format(
                    type=_escape(result.content_type or self.tr("no content type")),
                    size=result.size,
                    tls=_escape(result.tls),
                )
            )
            if not result.answered_ok:
                rows.append(
                    _verdict_html(
                        False,
                        self.tr("The handler answered {status}, not 2xx.").format(
                            status=result.status
                        ),
                        self.tr("Users would see this error page in the widget."),
                    )
                )
            if result.framing is not None:
                rows.append(_verdict_of(result.framing))
        if result.reachability is not None:
            rows.append(_verdict_of(result.reachability, warn=True))
        return "<br>".join(rows)

    def _headline(self, template: str, colour: str, handler: str, placement: str) -> None:
        self.headline.setText(template.format(handler=handler, placement=placement))
        self._colour(colour)

    def _colour(self, colour: str) -> None:
        self.headline.setStyleSheet(f"color: {colour};")


def _verdict_of(verdict: Verdict, *, warn: bool = False) -> str:
    return _verdict_html(verdict.ok, verdict.summary, verdict.advice, warn=warn)


def _verdict_html(ok: bool, summary: str, advice: str, *, warn: bool = False) -> str:
    colour = _GOOD if ok else (_WARN if warn else _BAD)
    mark = "✔" if ok else "✘"
    html = f'<span style="color:{colour}">{mark} {_escape(summary)}</span>'
    if advice:
        html += f"<br>&nbsp;&nbsp;&nbsp;→ {_escape(advice)}"
    return html


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _ms(seconds: float | None) -> str:
    return "—" if seconds is None else str(round(seconds * 1000))


class HandlerTryController(QObject):
    """Runs tries in the worker pool and feeds the panel.

    Signals:
        busyChanged(bool): a try started (True) or ended (False).
        finished(object): the HandlerTryResult, or the B24Error of a try that could not start.
    """

    busyChanged = Signal(bool)
    finished = Signal(object)

    def __init__(
        self,
        runner: JobRunner,
        catalogue: Catalogue,
        portal: Callable[[], PortalIdentity],
        panel: HandlerTryPanel,
        parent: QObject | None = None,
        *,
        deadline: float | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._catalogue = catalogue
        self._portal = portal
        self.panel = panel
        self._deadline = deadline
        self.busy = False

    def start(self, placement: str, handler: str) -> None:
        """Try ``handler`` for ``placement`` (ignored while a try runs)."""
        if self.busy:
            return
        from b24admin.core.handler_try import check_handler_url, try_handler

        try:
            check_handler_url(handler)  # before queueing: a bad address is said at once
        except B24Error as error:
            self.panel.show_error(error)
            self.finished.emit(error)
            return
        portal, catalogue = self._portal(), self._catalogue
        deadline = self._deadline  # None: the deadline of every call (B24ADMIN_TIMEOUT, 60 s)
        lang = _lang(catalogue)
        self._set_busy(True)
        self.panel.show_running(placement, handler)

        def job() -> Any:  # in a pool thread: no widget here
            return try_handler(
                placement, handler, catalogue, portal=portal, lang=lang, deadline=deadline
            )

        self._runner.submit(job, self._done, self._failed)

    @Slot(object)
    def _done(self, result: HandlerTryResult) -> None:
        self._set_busy(False)
        self.panel.show_result(result)
        self.finished.emit(result)

    @Slot(object)
    def _failed(self, error: B24Error) -> None:
        self._set_busy(False)
        self.panel.show_error(error)
        self.finished.emit(error)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.busyChanged.emit(busy)


def _lang(catalogue: Catalogue) -> str:
    from b24admin.core.handler_context import user_language

    return user_language(catalogue.language_codes)


def attach_handler_try(window: Any, form: Any) -> HandlerTryController:
    """Wire the form's Try button to a controller that pretends to be the window's selected
    profile's portal (an example portal when none is selected)."""

    def portal() -> PortalIdentity:
        from b24admin.core.handler_context import PortalIdentity

        profile = window.current_profile()
        return PortalIdentity.from_profile(profile) if profile is not None else PortalIdentity()

    controller = HandlerTryController(
        window.runner, window.catalogue, portal, form.try_result, window
    )
    form.tryHandlerRequested.connect(controller.start)
    controller.busyChanged.connect(
        lambda busy: form.try_handler_button.setText(form.tr("Trying…") if busy else form.tr("Try"))
    )
    return controller
