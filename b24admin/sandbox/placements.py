"""The sandbox's own table of placement codes, their scopes and OPTIONS schemas
(api-reference/widgets/placements.md and the page of each placement).

Deliberately independent of ``b24admin.core.catalogue``: the sandbox is a second, separate
reading of the docs, so a client-side validation test against it can catch a catalogue bug
instead of agreeing with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

GLOBAL_SCOPE = ""  # placements "declared in the global placement scope" (placements.md: "—")


@dataclass(frozen=True)
class OptionRule:
    """One OPTIONS key a placement keeps; every kept key is stored, cast, default or empty."""

    key: str
    kind: Literal["string", "int"] = "string"
    default: str | int | None = None
    required: bool = False  # missing key → ERROR_ARGUMENT naming it (iconName, im/sidebar.md)


@dataclass(frozen=True)
class PlacementRule:
    """What the server knows about one placement code."""

    code: str
    scope: str = GLOBAL_SCOPE
    options: tuple[OptionRule, ...] = ()
    # 0: unlimited; 1 for REST_APP_URI and PAGE_BACKGROUND_WORKER (universal/*.md)
    max_count: int = 0
    user_mode: bool = False  # USER_ID allowed (PAGE_BACKGROUND_WORKER only, placement-bind.md)
    private: bool = False  # bound by another method (placements.md): not listed, not bindable
    im: bool = False  # messenger OPTIONS validated strictly (im/*.md)


def _im(*keys: str) -> tuple[OptionRule, ...]:
    rules = {
        "iconName": OptionRule("iconName", required=True),
        "extranet": OptionRule("extranet", default="N"),
        "context": OptionRule("context", default="ALL"),
        "role": OptionRule("role", default="USER"),
        "color": OptionRule("color", default=""),
        "width": OptionRule("width", "int", 100),
        "height": OptionRule("height", "int", 100),
    }
    return tuple(rules[key] for key in keys)


_FIXED: tuple[PlacementRule, ...] = (
    PlacementRule("BI_ANALYTICS_MENU"),
    # The four messenger placements are declared in the im scope ("Scope: placement, im" in
    # api-reference/widgets/index.md and on each page): without im the portal does not find them.
    PlacementRule(
        "IM_TEXTAREA",
        scope="im",
        options=_im("iconName", "extranet", "context", "role", "color", "width", "height"),
        im=True,
    ),
    PlacementRule(
        "IM_SIDEBAR",
        scope="im",
        options=_im("iconName", "extranet", "context", "role", "color"),
        im=True,
    ),
    PlacementRule(
        "IM_CONTEXT_MENU", scope="im", options=_im("extranet", "context", "role"), im=True
    ),
    PlacementRule(
        "IM_NAVIGATION", scope="im", options=_im("iconName", "extranet", "role"), im=True
    ),
    PlacementRule("IM_SMILES_SELECTOR", options=_im("extranet", "context", "role"), im=True),
    PlacementRule("IMMOBILE_CONTEXT_MENU", options=_im("extranet", "context", "role"), im=True),
    PlacementRule("LEFT_MENU"),
    PlacementRule(
        "PAGE_BACKGROUND_WORKER",
        options=(OptionRule("errorHandlerUrl"),),
        max_count=1,
        user_mode=True,
    ),
    PlacementRule("REST_APP_URI", max_count=1),
    PlacementRule("CRM_FUNNELS_TOOLBAR", "crm"),
    PlacementRule("CRM_ANALYTICS_MENU", "crm"),
    PlacementRule("CRM_ANALYTICS_TOOLBAR", "crm"),
    PlacementRule("CRM_DETAIL_SEARCH", "crm"),
    PlacementRule("CRM_REQUISITE_AUTOCOMPLETE", "crm", options=(OptionRule("countries"),)),
    PlacementRule("CRM_BANK_DETAIL_AUTOCOMPLETE", "crm", options=(OptionRule("countries"),)),
    PlacementRule("TASK_VIEW_TAB", "task", options=(OptionRule("groupId"),)),
    PlacementRule("TASK_VIEW_SIDEBAR", "task", options=(OptionRule("groupId"),)),
    PlacementRule("TASK_VIEW_TOP_PANEL", "task"),
    PlacementRule("TASK_LIST_CONTEXT_MENU", "task"),
    PlacementRule("TASK_USER_LIST_TOOLBAR", "task"),
    PlacementRule("TASK_GROUP_LIST_TOOLBAR", "task"),
    PlacementRule("TASK_ROBOT_DESIGNER_TOOLBAR", "task"),
    PlacementRule("SONET_GROUP_DETAIL_TAB", "sonet_group"),
    PlacementRule("SONET_GROUP_TOOLBAR", "sonet_group"),
    PlacementRule("SONET_GROUP_ROBOT_DESIGNER_TOOLBAR", "sonet_group"),
    PlacementRule("CALL_CARD", "telephony"),
    PlacementRule("TELEPHONY_ANALYTICS_MENU", "telephony"),
    PlacementRule("CALENDAR_GRIDVIEW", "calendar"),
    PlacementRule("CONTACT_CENTER", "contact_center"),
    PlacementRule("USER_PROFILE_MENU", "user"),
    PlacementRule("USER_PROFILE_TOOLBAR", "user"),
    # Registered by other methods (setting-connector.md, landing/embedding/index.md): placement.bind
    # answers ERROR_PLACEMENT_NOT_FOUND.
    PlacementRule("SETTING_CONNECTOR", "imopenlines", private=True),
    PlacementRule(
        "USERFIELD_TYPE", "placement", options=(OptionRule("height", "int"),), private=True
    ),
    PlacementRule("LANDING_SETTINGS", "landing", private=True),
)

_DETAIL_ACTIVITY_OPTIONS = (
    OptionRule("useBuiltInInterface", default="N"),
    OptionRule("newUserNotificationTitle"),
    OptionRule("newUserNotificationText"),
)

# CRM templates (placements.md): suffix → entity types; "DYNAMIC" stands for DYNAMIC_<typeId>.
_CRM_TEMPLATES: dict[str, tuple[str, ...]] = {
    suffix: tuple(entities.split())
    for suffix, entities in {
        "DETAIL_TAB": "LEAD DEAL CONTACT COMPANY QUOTE SMART_INVOICE ORDER DYNAMIC",
        "LIST_MENU": "LEAD CONTACT COMPANY DEAL SMART_INVOICE QUOTE ACTIVITY DYNAMIC",
        "LIST_TOOLBAR": "LEAD CONTACT COMPANY DEAL SMART_INVOICE ORDER QUOTE DYNAMIC",
        "DETAIL_TOOLBAR": "LEAD DEAL CONTACT COMPANY QUOTE SMART_INVOICE DYNAMIC",
        "DETAIL_ACTIVITY": "LEAD CONTACT COMPANY DEAL QUOTE SMART_INVOICE ORDER DYNAMIC",
        "ACTIVITY_TIMELINE_MENU": "LEAD DEAL QUOTE SMART_INVOICE DYNAMIC",
        "DOCUMENTGENERATOR_BUTTON": "LEAD CONTACT COMPANY DEAL SMART_INVOICE QUOTE DYNAMIC",
        "ROBOT_DESIGNER_TOOLBAR": "LEAD DEAL SMART_INVOICE DYNAMIC",
        # CRM_FUNNELS_TOOLBAR (deals) has no entity part and is in _FIXED.
        "FUNNELS_TOOLBAR": "SMART_INVOICE DYNAMIC",
    }.items()
}

_DYNAMIC = re.compile(r"^CRM_DYNAMIC_[1-9]\d*_(?P<suffix>[A-Z_]+)$")
_SCOPE_ALIASES = {"socialnetwork": "sonet_group"}


def _crm_rule(code: str, suffix: str) -> PlacementRule:
    options = _DETAIL_ACTIVITY_OPTIONS if suffix == "DETAIL_ACTIVITY" else ()
    return PlacementRule(code, "crm", options=options)


def _build() -> dict[str, PlacementRule]:
    table = {rule.code: rule for rule in _FIXED}
    for suffix, entities in _CRM_TEMPLATES.items():
        for entity in entities:
            if entity != "DYNAMIC":
                code = f"CRM_{entity}_{suffix}"
                table[code] = _crm_rule(code, suffix)
    return table


_TABLE = _build()


def find_rule(code: str) -> PlacementRule | None:
    """The rule for an (uppercase) code, expanding ``CRM_DYNAMIC_<n>_*``; None if unknown.

    ``LANDING_BLOCK_*`` codes are known but private (bound with landing.repo.bind)."""
    rule = _TABLE.get(code)
    if rule is not None:
        return rule
    if code.startswith("LANDING_BLOCK_"):
        return PlacementRule(code, "landing", private=True)
    match = _DYNAMIC.match(code)
    if match and "DYNAMIC" in _CRM_TEMPLATES.get(match.group("suffix"), ()):
        return _crm_rule(code, match.group("suffix"))
    return None


def normalize_scopes(scopes: tuple[str, ...] | list[str]) -> set[str]:
    """App scopes with aliases resolved (``socialnetwork`` is ``sonet_group``,
    scopes/permissions.md)."""
    return {_SCOPE_ALIASES.get(scope, scope) for scope in scopes}


def visible_to(rule: PlacementRule, scopes: set[str]) -> bool:
    """Whether an app with ``scopes`` may bind ``rule`` (global ones need only ``placement``)."""
    return not rule.private and (rule.scope == GLOBAL_SCOPE or rule.scope in scopes)


def listed_codes(scopes: set[str] | None) -> list[str]:
    """Public codes in table order, for placement.list; ``None`` means every scope."""
    return [
        rule.code
        for rule in _TABLE.values()
        if not rule.private and (scopes is None or rule.scope in scopes)
    ]


ALL_SCOPES: tuple[str, ...] = tuple(
    "placement crm im imopenlines task user telephony calendar contact_center sonet_group "
    "landing basic".split()
)
