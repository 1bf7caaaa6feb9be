"""The connection report's decisions and words, without a portal.

The sandbox tests (tests/integration/test_diagnostics.py) cover the real calls; these pin the
answers a sandbox does not give (string booleans, other refusals) and the wording.
"""

from __future__ import annotations

from typing import Any

import pytest

from b24admin.core.catalogue import load_catalogue
from b24admin.core.diagnostics import ConnectionReport, check_connection, placements_unlocked
from b24admin.core.errors import B24Error, ErrorKind
from b24admin.core.profiles import AuthKind


class ScriptedClient:
    """Answers the three questions with fixed values, or raises the given B24Error."""

    def __init__(self, app: Any = None, admin: Any = True, scopes: Any = ("placement",)) -> None:
        self.answers = {
            "app": app if app is not None else {"INSTALLED": True},
            "admin": admin,
            "scopes": scopes,
        }
        self.asked: list[str] = []

    def _answer(self, key: str) -> Any:
        self.asked.append(key)
        value = self.answers[key]
        if isinstance(value, B24Error):
            raise value
        return value

    def app_info(self) -> Any:
        return self._answer("app")

    def user_admin(self) -> Any:
        return self._answer("admin")

    def scopes(self) -> Any:
        return self._answer("scopes")


def portal_error(code: str, description: str = "") -> B24Error:
    return B24Error(code=code, summary=f"The portal said {code}.", description=description)


def test_string_flags_from_older_portals_are_understood() -> None:
    client = ScriptedClient(app={"INSTALLED": "N"}, admin="Y", scopes="crm,placement")
    report = check_connection(client)
    assert (report.installed, report.is_admin, report.scopes) == (False, True, ["crm", "placement"])


@pytest.mark.parametrize(
    "error",
    [
        portal_error("ACCESS_DENIED", "Application context required"),
        portal_error("WRONG_AUTH_TYPE", "Current authorization type is denied for this method"),
    ],
)
def test_no_application_context_means_a_webhook(error: B24Error) -> None:
    report = check_connection(ScriptedClient(app=error))
    assert report.is_webhook and report.auth_kind is AuthKind.WEBHOOK
    assert "cannot register widgets" in report.problems[0]
    assert not any("placement” scope" in line for line in report.lines())


def test_access_denied_for_another_reason_is_not_taken_for_a_webhook() -> None:
    error = portal_error("ACCESS_DENIED", "REST is available only on commercial plans")
    report = check_connection(ScriptedClient(app=error))
    assert not report.is_webhook and report.installed is None
    assert report.lines()[0] == (
        "• Could not find out whether the application is installed: The portal said ACCESS_DENIED."
    )


@pytest.mark.parametrize(
    "error",
    [
        portal_error("NO_AUTH_FOUND"),
        portal_error("invalid_grant"),
        B24Error(code="NETWORK_ERROR", summary="No connection.", kind=ErrorKind.NETWORK),
    ],
)
def test_bad_credentials_or_no_connection_fail_the_whole_check(error: B24Error) -> None:
    client = ScriptedClient(app=error)
    with pytest.raises(B24Error) as raised:
        check_connection(client)
    assert raised.value is error and client.asked == ["app"]


def test_report_reads_in_plain_words_with_marks() -> None:
    report = ConnectionReport(
        installed=False,
        is_admin=True,
        has_placement_scope=True,
        scopes=["crm", "placement"],
        app={"VERSION": 3},
        auth_kind=AuthKind.OAUTH,
        problems=["not installed"],
        unlocks={"crm": {"CRM": 2}},
        global_groups={"Messenger": 1},
    )
    assert report.lines() == [
        "✗ The application is not installed yet: widgets you register stay invisible to "
        "everyone until its installation is finished (open the application in Bitrix24 so that "
        "its install page calls BX24.installFinish()).",
        "✓ You are a portal administrator.",
        "✓ The “placement” scope is granted.",
        "• Granted scopes: crm, placement.",
        "• Scope “crm” unlocks: CRM (2 placements).",
        "• With “placement” alone you can use: Messenger (1 placement).",
    ]
    assert not report.ready


def test_scopes_unlock_placement_groups_from_the_catalogue() -> None:
    catalogue = load_catalogue()
    unlocks, global_groups = placements_unlocked(["placement", "socialnetwork", "task"], catalogue)
    assert set(unlocks) == {"sonet_group", "task"}  # the alias counts as sonet_group
    assert set(unlocks["task"]) == {"Tasks"}
    assert "Messenger" in global_groups and "CRM" not in global_groups
    bindable_tasks = [
        p for p in catalogue.placements if p.scope == "task" and p.bindable and not p.deprecated
    ]
    assert unlocks["task"]["Tasks"] == len(bindable_tasks)
