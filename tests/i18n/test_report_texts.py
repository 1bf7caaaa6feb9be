"""The connection report and a safe edit's outcome read in the chosen language, whole: no
English sentence around the codes, the scope names and the portal's own words."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from b24admin.core.diagnostics import ConnectionReport
from b24admin.core.errors import B24Error
from b24admin.core.i18n import _, pseudo
from b24admin.core.profiles import AuthKind
from b24admin.core.safe_edit import EditOutcome
from b24admin.core.sync import Outcome


def _report(**changes: object) -> ConnectionReport:
    fields: dict[str, object] = {
        "installed": True,
        "is_admin": True,
        "has_placement_scope": True,
        "scopes": ["crm", "im", "placement"],
        "app": {"VERSION": 3},
        "auth_kind": AuthKind.OAUTH,
        "unlocks": {"crm": {"CRM": 58}, "im": {"Messenger": 1}},
        "global_groups": {"Left menu": 2},
    }
    fields.update(changes)
    return ConnectionReport(**fields)  # type: ignore[arg-type]


def test_a_ready_report_reads_in_german(language: Callable[[str], str]) -> None:
    language("de")
    assert _report().lines() == [
        "✓ Die Anwendung ist installiert (Version 3).",
        "✓ Sie sind Portaladministrator.",
        "✓ Der Scope „placement“ ist gewährt.",
        "• Gewährte Scopes: crm, im, placement.",
        "• Der Scope „crm“ schaltet frei: CRM (58 Platzierungen).",
        "• Der Scope „im“ schaltet frei: Messenger (1 Platzierung).",
        f"• Allein mit „placement“ können Sie verwenden: {_('Left menu')} (2 Platzierungen).",
    ]


@pytest.mark.parametrize(
    "report",
    [
        _report(),
        _report(installed=False, is_admin=False, has_placement_scope=False, scopes=[]),
        _report(
            installed=None,
            is_admin=None,
            has_placement_scope=None,
            unanswered={"installed": "X", "admin": "X", "scopes": "X"},
        ),
        _report(is_webhook=True, installed=None, auth_kind=AuthKind.WEBHOOK),
    ],
)
def test_every_report_line_comes_from_the_catalogue(
    report: ConnectionReport, language: Callable[[str], str]
) -> None:
    opening = pseudo("x")[0]  # the pseudo language brackets every text it translates
    language("pseudo")
    for line in report.entries():
        assert line.text.startswith(opening), line.text


@pytest.mark.parametrize("outcome", list(Outcome))
def test_a_safe_edits_outcome_reads_in_russian(
    outcome: Outcome, language: Callable[[str], str]
) -> None:
    language("ru")
    refused = B24Error(code="ERROR_PLACEMENT_NOT_FOUND", summary="«X»")
    message = EditOutcome(outcome, error=refused, restore_error=refused).message()
    english = {"The", "widget", "change", "portal", "Nothing", "form"}
    assert not english & set(message.replace(".", " ").replace(":", " ").split()), message
    assert "  " not in message
