"""A placement whose tool scope the token is known to lack: said before sending, and the
ERROR_PLACEMENT_NOT_FOUND explanation names the scope."""

from __future__ import annotations

import pytest

from b24admin.core.bind_request import BindRequest
from b24admin.core.catalogue import Catalogue, load_catalogue
from b24admin.core.errors import B24Error
from b24admin.core.problem import Severity
from b24admin.core.scope_advice import explain_not_found, missing_scope
from b24admin.core.validation import validate


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


def request(placement: str, **options: str) -> BindRequest:
    return BindRequest(
        placement=placement,
        handler="https://app.example.com/w",
        title="Tools",
        options=dict(options),
    )


IM = request("IM_SIDEBAR", iconName="fa-rocket")


@pytest.mark.parametrize(
    ("placement", "scope"),
    [
        ("IM_SIDEBAR", "im"),
        ("IM_TEXTAREA", "im"),
        ("IM_CONTEXT_MENU", "im"),
        ("IM_NAVIGATION", "im"),
        ("CRM_DEAL_DETAIL_TAB", "crm"),
        ("TASK_VIEW_TAB", "task"),
    ],
)
def test_the_missing_scope_is_the_placements_own(
    catalogue: Catalogue, placement: str, scope: str
) -> None:
    spec = catalogue.get(placement)
    assert spec is not None
    assert missing_scope(spec, ["placement"]) == scope
    assert missing_scope(spec, ["placement", scope.upper()]) is None
    assert missing_scope(spec, None) is None  # unknown scopes: no verdict


def test_a_global_placement_needs_no_tool_scope(catalogue: Catalogue) -> None:
    spec = catalogue.get("LEFT_MENU")
    assert spec is not None and missing_scope(spec, ["placement"]) is None


def test_lacking_im_is_a_warning_beside_the_placement_naming_scope_and_where(
    catalogue: Catalogue,
) -> None:
    [problem] = [p for p in validate(IM, catalogue, ["placement", "crm"]) if p.field == "PLACEMENT"]
    assert problem.severity is Severity.WARNING
    assert "“im”" in problem.message and "IM_SIDEBAR" in problem.message
    assert "Local application" in problem.message and "access permissions" in problem.message
    assert "ERROR_PLACEMENT_NOT_FOUND" in problem.message


@pytest.mark.parametrize("granted", [None, ["placement", "im"]])
def test_no_warning_when_the_scope_is_granted_or_not_known(
    catalogue: Catalogue, granted: list[str] | None
) -> None:
    assert validate(IM, catalogue, granted) == []


def test_not_found_names_the_missing_scope_when_it_can_tell(catalogue: Catalogue) -> None:
    spec = catalogue.get("IM_SIDEBAR")
    error = B24Error.explained("ERROR_PLACEMENT_NOT_FOUND", description="Placement not found")
    told = explain_not_found(error, spec, ["placement"])
    assert told.code == "ERROR_PLACEMENT_NOT_FOUND" and told.description == "Placement not found"
    assert "“im”" in told.summary and "IM_SIDEBAR" in told.summary
    assert "Local application" in told.advice
    # Scopes unknown or granted: the general explanation stays.
    assert explain_not_found(error, spec, None) is error
    assert explain_not_found(error, spec, ["placement", "im"]) is error
    other = B24Error.explained("ERROR_CORE")
    assert explain_not_found(other, spec, ["placement"]) is other
