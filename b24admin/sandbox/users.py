"""user.get and user.search as the sandbox answers them (api-reference/user/user-get.md,
api-reference/user/user-search.md): the portal's people with their names, so a client can
offer "choose a user by name" instead of a bare USER_ID.

Both take FILTER (ID, NAME, LAST_NAME, EMAIL, ACTIVE: exact, case-insensitive); user.search
also takes FIND, matched anywhere in the name, last name or e-mail. IDs come back as strings,
as the portal sends them.
"""

from __future__ import annotations

from typing import Any

from b24admin.sandbox.params import upper_keys
from b24admin.sandbox.portal import Caller, PortalState

_FIELDS = ("NAME", "LAST_NAME", "EMAIL")


def _person(state: PortalState, user_id: int) -> dict[str, Any]:
    name, last_name, email = state.user_names.get(user_id, ("", "", ""))
    return {
        "ID": str(user_id),
        "ACTIVE": True,
        "NAME": name,
        "LAST_NAME": last_name,
        "EMAIL": email,
        "IS_ADMIN": state.users.get(user_id, False),
    }


def _matches(person: dict[str, Any], filters: dict[str, Any], find: str) -> bool:
    for key, wanted in filters.items():
        value = person.get(key)
        if value is None:
            continue  # a filter field the sandbox does not model narrows nothing
        if str(value).casefold() != str(wanted).casefold():
            return False
    if find:
        needle = find.casefold()
        return any(needle in str(person[field]).casefold() for field in _FIELDS)
    return True


def _people(state: PortalState, raw: dict[str, Any], find: str) -> list[dict[str, Any]]:
    params = upper_keys(raw)
    filters = params.get("FILTER")
    filters = upper_keys(filters) if isinstance(filters, dict) else {}
    for key in ("ID", *_FIELDS):  # user.get also accepts the filter fields at the top level
        if key in params and key not in filters:
            filters[key] = params[key]
    with state.lock:
        people = [_person(state, user_id) for user_id in sorted(state.users)]
    return [p for p in people if _matches(p, filters, find)]


def user_get(state: PortalState, caller: Caller, raw: dict[str, Any], status: int) -> Any:
    return _people(state, raw, "")


def user_search(state: PortalState, caller: Caller, raw: dict[str, Any], status: int) -> Any:
    find = upper_keys(raw).get("FIND")
    return _people(state, raw, str(find or "").strip())
