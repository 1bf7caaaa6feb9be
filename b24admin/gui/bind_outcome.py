"""A successful bind, and how the window says it (shared by the bind flow and the manage
views, which must not import each other)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from b24admin.core.bind_request import BindRequest


@dataclass(frozen=True)
class BindOutcome:
    """A successful bind. ``installed`` is None when app.info could not tell."""

    request: BindRequest
    profile_name: str
    installed: bool | None


def describe_bound(outcome: BindOutcome) -> str:
    """A successful bind in one or two sentences (with the not-installed reminder)."""

    def tr(text: str) -> str:
        return QCoreApplication.translate("BindFlow", text)

    text = tr("Registered the {placement} widget ({handler}).").format(
        placement=outcome.request.placement.strip().upper(),
        handler=outcome.request.handler.strip(),
    )
    if outcome.installed is False:
        text += " " + tr(
            "The application is not installed yet: the widget stays invisible to everyone until "
            "its installation is finished (the install page must call BX24.installFinish())."
        )
    return text
