"""The tool scope a placement needs, checked against the scopes the token is known to have.

The portal looks a placement code up only among the placements of the application's scopes
plus the global ones, so a code whose scope the application lacks is refused with
ERROR_PLACEMENT_NOT_FOUND (api-reference/widgets/placement-bind.md; the placements table of
api-reference/widgets/index.md gives each code's scope, e.g. "placement, im" for IM_SIDEBAR).
When the connection check has told which scopes are granted, that is said before sending.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from b24admin.core.i18n import N_, _
from b24admin.core.problem import Problem, Severity

if TYPE_CHECKING:
    from b24admin.core.catalogue import PlacementSpec
    from b24admin.core.errors import B24Error

PLACEMENT_SCOPE = "placement"
# Scope names the portal may report under another name (api-reference/scopes/permissions.md).
SCOPE_ALIASES = {"socialnetwork": "sonet_group"}
WHERE_TO_ADD = N_(
    "Applications > Developer resources > Other > Local application, its access permissions"
)


def canonical(scope: str) -> str:
    scope = scope.strip().lower()
    return SCOPE_ALIASES.get(scope, scope)


def missing_scope(spec: PlacementSpec, granted: Collection[str] | None) -> str | None:
    """The tool scope ``spec`` needs and ``granted`` lacks; None when it is there, when the
    placement needs none, or when the granted scopes are not known (``None``)."""
    if granted is None:
        return None
    needed = canonical(spec.scope)
    if not needed or needed == PLACEMENT_SCOPE:
        return None
    return None if needed in {canonical(s) for s in granted} else needed


def scope_problem(spec: PlacementSpec, granted: Collection[str] | None) -> Problem | None:
    """A warning beside the placement when the token is known to lack its scope."""
    scope = missing_scope(spec, granted)
    if scope is None:
        return None
    message = _(
        "{placement} needs the “{scope}” scope, which this application's token does not have "
        "(as the last connection check found): Bitrix24 would answer "
        "ERROR_PLACEMENT_NOT_FOUND. Add “{scope}” in Bitrix24 under {where}, save, then "
        "reinstall or sign in again so the token gets it."
    ).format(placement=spec.code, scope=scope, where=_(WHERE_TO_ADD))
    return Problem("PLACEMENT", message, Severity.WARNING, code="ERROR_PLACEMENT_NOT_FOUND")


def explain_not_found(
    error: B24Error, spec: PlacementSpec | None, granted: Collection[str] | None
) -> B24Error:
    """``error`` (ERROR_PLACEMENT_NOT_FOUND of a bind), explained with the scope it lacked
    when that can be told: the placement needs a tool scope and the granted scopes are known
    to miss it. Any other error comes back as it is."""
    if error.code != "ERROR_PLACEMENT_NOT_FOUND" or spec is None:
        return error
    scope = missing_scope(spec, granted)
    if scope is None:
        return error
    from dataclasses import replace

    from b24admin.core.error_catalogue import explain

    summary, advice = explain(
        "ERROR_PLACEMENT_NOT_FOUND/scope",
        error.description,
        error.argument,
        {"placement": spec.code, "scope": scope, "where": _(WHERE_TO_ADD)},
    )
    return replace(error, summary=summary, advice=advice)
