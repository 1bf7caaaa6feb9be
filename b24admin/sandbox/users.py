"""user.get and user.search as the sandbox answers them (api-reference/user/user-get.md,
api-reference/user/user-search.md): the portal's people with their names, so a client can
offer "choose a user by name" instead of a bare USER_ID.

Both take FILTER (ID, NAME, LAST_NAME, EMAIL, ACTIVE: exact, case-insensitive; a key with the
``%`` prefix, ``%EMAIL``, matches a part of the value, as user.get's filter prefixes do);
user.search also takes FIND, matched anywhere in the name, last name or e-mail. IDs come back
as strings, as the portal sends them.

Either method works with any one of three scopes (api-reference/user/user-get.md): ``user``,
``user_basic`` or ``user_brief``; which fields come back depends on it
(api-reference/user/user-scope.md): ``user_brief`` gives the names without contact data, so
no EMAIL.
"""

from __future__ import annotations

from typing import Any

from b24admin.sandbox.params import upper_keys
from b24admin.sandbox.portal import Caller, PortalState

_FIELDS = ("NAME", "LAST_NAME", "EMAIL")
USER_SCOPES = ("user", "user_basic", "user_brief")  # any one of them opens user.get/search


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
        field = key.lstrip("%")
        if field not in person:
            if field in _FIELDS:
                return False  # a field the caller's scope hides cannot match
            continue  # a filter field the sandbox does not model narrows nothing
        have, want = str(person[field]).casefold(), str(wanted).casefold()
        if (want not in have) if key.startswith("%") else (have != want):
            return False
    if find:
        needle = find.casefold()
        return any(needle in str(person.get(field, "")).casefold() for field in _FIELDS)
    return True


def _shown(person: dict[str, Any], caller: Caller) -> dict[str, Any]:
    """What the caller's scope lets it see: ``user_brief`` alone hides the e-mail."""
    if caller.auth == "oauth" and not {"user", "user_basic"} & set(caller.scopes):
        return {key: value for key, value in person.items() if key != "EMAIL"}
    return person


def _people(
    state: PortalState, caller: Caller, raw: dict[str, Any], find: str
) -> list[dict[str, Any]]:
    params = upper_keys(raw)
    filters = params.get("FILTER")
    filters = upper_keys(filters) if isinstance(filters, dict) else {}
    for key in ("ID", *_FIELDS):  # user.get also accepts the filter fields at the top level
        if key in params and key not in filters:
            filters[key] = params[key]
    with state.lock:
        people = [_person(state, user_id) for user_id in sorted(state.users)]
    shown = [_shown(person, caller) for person in people]
    return [person for person in shown if _matches(person, filters, find)]


def user_get(state: PortalState, caller: Caller, raw: dict[str, Any], status: int) -> Any:
    return _people(state, caller, raw, "")


def user_search(state: PortalState, caller: Caller, raw: dict[str, Any], status: int) -> Any:
    find = upper_keys(raw).get("FIND")
    return _people(state, caller, raw, str(find or "").strip())
