"""Server-side checks of placement.bind/unbind parameters, written from the Bitrix24 docs
(placement-bind.md, placement-unbind.md, the im/*.md and universal/*.md widget pages) and
independently of ``b24admin.core.validation`` (so tests of the client's validation against
the sandbox compare two separate readings).

Every function raises :class:`RestError` the way the portal answers. The status of placement errors
is a parameter: placement-bind.md says 200 for some of them, another published copy and
placement-unbind.md say 400 (the docs disagree, see docs/bitrix24-notes.md); the sandbox defaults to
400 (see SandboxPortal).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from b24admin.sandbox.model import RestError
from b24admin.sandbox.params import as_mapping, php_int, php_string
from b24admin.sandbox.placements import OptionRule, PlacementRule
from b24admin.sandbox.portal import LANGUAGE_FIELDS

# The 17 names of the im module's colour table (api-reference/widgets/im/sidebar.md).
IM_COLORS: frozenset[str] = frozenset(
    "RED GREEN MINT LIGHT_BLUE DARK_BLUE PURPLE AQUA PINK LIME BROWN AZURE KHAKI SAND ORANGE "
    "MARENGO GRAY GRAPHITE".split()
)
IM_CONTEXTS: frozenset[str] = frozenset({"ALL", "USER", "CHAT", "LINES", "CRM"})
ICON_NAME_CHAR = re.compile(r"[a-zA-Z \-]")  # unanchored, as in the server's im validator
TEXT_LIMIT = 255  # TITLE / DESCRIPTION / GROUP_NAME column size (server source)
PORTAL_LANGUAGE = "en"  # where the top-level strings go when LANG_ALL is empty


def argument_error(argument: str, status: int, description: str = "") -> RestError:
    return RestError(
        "ERROR_ARGUMENT",
        description or f"Argument '{argument}' is null or empty",
        status=status,
        argument=argument,
    )


def placement_code(params: dict[str, Any], status: int) -> str:
    """PLACEMENT: required, a string, uppercased (placement-bind.md, placement-unbind.md)."""
    value = params.get("PLACEMENT")
    if value is None or value == "":
        raise argument_error("PLACEMENT", status)
    if not isinstance(value, str):
        raise argument_error(
            "PLACEMENT", status, "The value of an argument 'PLACEMENT' must be of type string"
        )
    return value.upper()


def check_handler_url(url: str, status: int) -> None:
    """HANDLER must have a host with a dot (not first) and an http/https scheme
    (widgets/index.md)."""
    try:
        parts = urlsplit(url)
        host, scheme = parts.hostname or "", parts.scheme.lower()
    except ValueError:  # e.g. an invalid IPv6 literal
        host = scheme = ""
    # The host is checked before the scheme, so "ftp://localhost" is a wrong URL, not a protocol.
    if host.find(".") <= 0:
        raise RestError("ERROR_WRONG_HANDLER_URL", "Wrong handler URL", status=status)
    if scheme not in ("http", "https"):
        raise RestError(
            "ERROR_UNSUPPORTED_PROTOCOL", "Unsupported event handler protocol", status=status
        )


def bound_user_id(params: dict[str, Any], rule: PlacementRule, status: int) -> int:
    """USER_ID > 0 only for user-mode placements; non-positive values mean all users
    (background-worker.md)."""
    user_id = max(php_int(params.get("USER_ID")), 0)
    if user_id and not rule.user_mode:
        raise RestError("ERROR_PLACEMENT_USER_MODE", "User mode is not available.", status=status)
    return user_id


def prepare_options(raw: Any, rule: PlacementRule, status: int) -> dict[str, Any]:
    """Keep only the placement's keys, each cast and defaulted (or empty); drop the rest
    (placement-bind.md)."""
    if not rule.options:
        return {}
    if not isinstance(raw, (dict, list)):
        if any(option.required for option in rule.options) and raw not in (None, ""):
            raise argument_error(
                "options", status, "The value of an argument 'options' must be of type array"
            )
        raw = {}
    given = as_mapping(raw)
    for option in rule.options:
        if option.required and option.key not in given:
            raise argument_error(option.key, status)
    return {option.key: _cast(option, given.get(option.key)) for option in rule.options}


def _cast(option: OptionRule, value: Any) -> str | int:
    if value is None:
        value = option.default
    if option.kind == "int":
        return php_int(value)
    return php_string(value)


def check_im_options(options: dict[str, Any], status: int) -> None:
    """The messenger validator (im/sidebar.md): exact, case-sensitive values."""

    def invalid(code: str, field: str) -> RestError:
        return RestError(code, f"Field {field} is invalid.", status=status)

    if "iconName" in options:
        icon = options["iconName"]
        if icon == "":
            raise RestError("EMPTY_ERROR_ICON_NAME", "Field iconName is empty.", status=status)
        if len(icon) > 50 or not ICON_NAME_CHAR.search(icon):
            raise invalid("INVALID_ERROR_ICON_NAME", "iconName")
    if "extranet" in options and options["extranet"] not in ("N", "Y"):
        raise invalid("INVALID_ERROR_EXTRANET", "extranet")
    if "context" in options:
        # Tokens are not trimmed: "USER; CHAT" fails on " CHAT" (server source).
        tokens = options["context"].split(";")
        if not all(token in IM_CONTEXTS for token in tokens):
            raise invalid("INVALID_ERROR_CONTEXT", "context")
    if "role" in options and options["role"] not in ("USER", "ADMIN"):
        raise invalid("INVALID_ERROR_ROLE", "role")
    if "color" in options and options["color"] != "" and options["color"] not in IM_COLORS:
        raise invalid("INVALID_ERROR_COLOR", "color")
    if options.get("width", 0) < 0:
        raise invalid("INVALID_ERROR_WIDTH", "width")
    if options.get("height", 0) < 0:
        raise invalid("INVALID_ERROR_HEIGHT", "height")


def check_background_worker(options: dict[str, Any], status: int) -> None:
    if not options.get("errorHandlerUrl"):
        raise RestError("EMPTY_ERROR_HANDLER_URL", "Field errorHandlerUrl is empty.", status=status)


def language_rows(params: dict[str, Any]) -> dict[str, dict[str, str]]:
    """The per-language strings to store (LANG_ALL, placement-bind.md).

    A non-empty LANG_ALL wins and the top-level TITLE/DESCRIPTION/GROUP_NAME are ignored; each of
    its rows gets all three fields, trimmed. Otherwise the non-empty top-level strings go under the
    portal's language.
    """
    lang_all = as_mapping(params.get("LANG_ALL"))
    if lang_all:
        return {lang: _trimmed_strings(as_mapping(row)) for lang, row in lang_all.items()}
    top = {name: value for name, value in _trimmed_strings(params).items() if value}
    return {PORTAL_LANGUAGE: top} if top else {}


def _trimmed_strings(fields: dict[str, Any]) -> dict[str, str]:
    return {name: php_string(fields.get(name)).strip() for name in LANGUAGE_FIELDS}


def main_strings(rows: dict[str, dict[str, str]]) -> dict[str, str]:
    """TITLE/DESCRIPTION/GROUP_NAME of the handler row itself: the portal language's, else the
    first language's (what placement.get shows as ``title``/``description``)."""
    row = rows.get(PORTAL_LANGUAGE) or next(iter(rows.values()), {})
    return {name: row.get(name, "") for name in LANGUAGE_FIELDS}


def check_text_lengths(strings: dict[str, str], status: int) -> None:
    for name, value in strings.items():
        if len(value) > TEXT_LIMIT:
            raise argument_error(
                name, status, f"Argument '{name}' is longer than {TEXT_LIMIT} characters"
            )


def check_language_row(lang: str, row: dict[str, str], status: int) -> None:
    """One PlacementLangTable row: a language id of at most 2 chars and a non-empty TITLE."""
    problem = ""
    if not lang or len(lang) > 2:
        problem = 'Field "LANGUAGE_ID" is invalid'
    elif not row.get("TITLE"):
        problem = 'Field "TITLE" is required'
    elif any(len(value) > TEXT_LIMIT for value in row.values()):
        problem = "A field is too long"
    if problem:
        raise RestError(
            "ERROR_CORE", f"Unable to set placements language: {problem}", status=status
        )
