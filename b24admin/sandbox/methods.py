"""The REST methods the sandbox answers (api-reference/widgets/placement-*.md):
placement.bind/unbind/get/list, app.info, user.admin and scope; user.get and user.search
(users.py). ``batch`` lives in batch.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from b24admin.sandbox import rules
from b24admin.sandbox.model import RestError
from b24admin.sandbox.params import php_int, php_string, php_truthy, upper_keys
from b24admin.sandbox.placements import (
    ALL_SCOPES,
    GLOBAL_SCOPE,
    find_rule,
    listed_codes,
    normalize_scopes,
    visible_to,
)
from b24admin.sandbox.portal import Binding, Caller, PortalState
from b24admin.sandbox.users import USER_SCOPES, user_get, user_search

MethodFn = Callable[[PortalState, Caller, dict[str, Any], int], Any]


def _require_app_context(caller: Caller) -> None:
    if caller.auth != "oauth":
        raise RestError("WRONG_AUTH_TYPE")


def _require_admin(state: PortalState, caller: Caller) -> None:
    """The shared permission check of bind/unbind/get (widgets/index.md): app context, then an
    admin."""
    _require_app_context(caller)
    if not state.is_admin(caller.user_id):
        raise RestError("ACCESS_DENIED")


def placement_bind(state: PortalState, caller: Caller, raw: dict[str, Any], status: int) -> bool:
    """placement-bind.md, checks in the server's order: permission, PLACEMENT, HANDLER, code,
    OPTIONS, USER_ID, max count, messenger/worker validators, lengths, duplicate, languages."""
    _require_admin(state, caller)
    params = upper_keys(raw)
    code = rules.placement_code(params, status)
    if code == "DEFAULT":
        raise rules.argument_error("PLACEMENT", status, "Wrong value")
    handler = php_string(params.get("HANDLER"))
    if handler == "":
        raise rules.argument_error("HANDLER", status)
    rules.check_handler_url(handler, status)
    rule = find_rule(code)
    if rule is None or not visible_to(rule, normalize_scopes(caller.scopes)):
        raise RestError("ERROR_PLACEMENT_NOT_FOUND", "Placement not found", status=status)
    options = rules.prepare_options(params.get("OPTIONS"), rule, status)
    user_id = rules.bound_user_id(params, rule, status)
    languages = rules.language_rows(params)
    strings = rules.main_strings(languages)
    with state.lock:
        mine = state.bindings_of(caller.client_id)
        if rule.max_count:
            # One per app; for the background worker one per user plus one general
            # (background-worker.md).
            taken = [b for b in mine if b.placement == code and b.user_id == user_id]
            if len(taken) >= rule.max_count:
                raise RestError(
                    "ERROR_PLACEMENT_MAX_COUNT",
                    f"Placement max count: {rule.max_count}",
                    status=status,
                )
        if rule.im:
            rules.check_im_options(options, status)
        if rule.user_mode:
            rules.check_background_worker(options, status)
        rules.check_text_lengths(strings, status)
        # Uniqueness is (app, placement, handler) without USER_ID (server source, PlacementTable).
        if any(b.placement == code and b.handler == handler for b in mine):
            raise RestError(
                "ERROR_CORE",
                "Unable to set placement handler: Handler already binded",
                status=status,
            )
        binding = Binding(
            client_id=caller.client_id,
            placement=code,
            handler=handler,
            user_id=user_id,
            options=options,
            title=strings["TITLE"],
            description=strings["DESCRIPTION"],
            group_name=strings["GROUP_NAME"],
        )
        state.bindings.append(binding)
        if not languages:  # nothing given: the app's name under the portal language
            languages = {rules.PORTAL_LANGUAGE: {"TITLE": state.apps[caller.client_id].name}}
        # Rows are added one by one after the handler row, so a bad row leaves the handler and the
        # earlier rows in place (LANG_ALL in placement-bind.md; not confirmed on a real portal).
        for lang, row in languages.items():
            rules.check_language_row(lang, row, status)
            binding.languages[lang] = row
    return True


def placement_unbind(
    state: PortalState, caller: Caller, raw: dict[str, Any], status: int
) -> dict[str, int]:
    """placement-unbind.md: count grows by 1 per match and 1 per delete; a code nobody knows matches
    nothing."""
    _require_admin(state, caller)
    params = upper_keys(raw)
    code = rules.placement_code(params, status)
    handler = php_string(params.get("HANDLER"))
    rule = find_rule(code)
    count = 0
    if rule is None or rule.private:
        return {"count": count}
    with state.lock:
        for binding in state.bindings_of(caller.client_id):
            if binding.placement != code:
                continue
            if "USER_ID" in params and binding.user_id != php_int(params["USER_ID"]):
                continue
            if handler and binding.handler != handler:
                continue
            count += 1
            state.bindings.remove(binding)
            count += 1
    return {"count": count}


def placement_get(
    state: PortalState, caller: Caller, raw: dict[str, Any], status: int
) -> list[dict[str, Any]]:
    _require_admin(state, caller)
    return [binding.as_api() for binding in state.bindings_of(caller.client_id)]


def placement_list(
    state: PortalState, caller: Caller, raw: dict[str, Any], status: int
) -> list[str]:
    """placement-list.md: any user, app context only. A non-empty SCOPE wins; FULL counts only
    without it."""
    _require_app_context(caller)
    params = upper_keys(raw)
    scope = php_string(params.get("SCOPE"))
    if scope:
        return listed_codes({scope})
    if php_truthy(params.get("FULL")):
        return listed_codes(None)
    return listed_codes(normalize_scopes(caller.scopes) | {GLOBAL_SCOPE})


def app_info(state: PortalState, caller: Caller, raw: dict[str, Any], status: int) -> Any:
    if caller.auth != "oauth":
        raise RestError("ACCESS_DENIED", "Application context required")
    with state.lock:
        app = state.apps[caller.client_id]
        return {
            "ID": app.app_id,
            "CODE": app.client_id,
            "VERSION": app.version,
            "STATUS": "L",
            "INSTALLED": app.installed,
            "PAYMENT_EXPIRED": "N",
            "DAYS": None,
            "LANGUAGE_ID": rules.PORTAL_LANGUAGE,
            "LICENSE": "en_project",
            "LICENSE_TYPE": "project",
            "LICENSE_FAMILY": "project",
        }


def user_admin(state: PortalState, caller: Caller, raw: dict[str, Any], status: int) -> bool:
    return state.is_admin(caller.user_id)


def scope(state: PortalState, caller: Caller, raw: dict[str, Any], status: int) -> list[str]:
    """The app's scopes; ``full=true`` (or a webhook, which the sandbox gives every scope) all."""
    full = php_truthy({key.lower(): value for key, value in raw.items()}.get("full"))
    if full or caller.auth != "oauth":
        return list(ALL_SCOPES)
    return list(caller.scopes)


# method → (scope the token needs, implementation); "basic" is always granted
# (api-reference/scopes/permissions.md).
METHODS: dict[str, tuple[str | tuple[str, ...], MethodFn]] = {
    "placement.bind": ("placement", placement_bind),
    "placement.unbind": ("placement", placement_unbind),
    "placement.get": ("placement", placement_get),
    "placement.list": ("placement", placement_list),
    "app.info": ("basic", app_info),
    "user.admin": ("basic", user_admin),
    "scope": ("basic", scope),
    # user.get and user.search need the user, user_basic or user_brief scope
    # (api-reference/user/user-get.md).
    "user.get": (USER_SCOPES, user_get),
    "user.search": (USER_SCOPES, user_search),
}


def invoke(
    state: PortalState, caller: Caller, method: str, params: dict[str, Any], status: int
) -> Any:
    """Run one method for ``caller`` and return its ``result``; raises RestError.

    ``status`` is the HTTP status of placement-specific errors (DOC-CONFLICT, see rules.py).
    """
    entry = METHODS.get(method)
    if entry is None:
        raise RestError("ERROR_METHOD_NOT_FOUND")
    needed, implementation = entry
    allowed = (needed,) if isinstance(needed, str) else needed  # any one of them will do
    if caller.auth == "oauth" and "basic" not in allowed and not set(allowed) & set(caller.scopes):
        raise RestError("insufficient_scope")
    return implementation(state, caller, params, status)
