"""Rules for single values of a bind request: URLs Bitrix24 must call, and OPTIONS values.

OPTIONS are checked exactly as the server's messenger validator does
(api-reference/widgets/im/sidebar.md: case-sensitive, exact strings), plus the formats of the CRM,
task and worker pages (comma-separated ids, the worker's error handler URL). Keys a placement does
not define are reported, since Bitrix24 drops them silently.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping
from difflib import get_close_matches
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from b24admin.core.catalogue import OptionSpec, OptionType
from b24admin.core.i18n import _
from b24admin.core.problem import Problem, Severity
from b24admin.core.url_checks import bad_host_character, bad_port

if TYPE_CHECKING:
    from b24admin.core.catalogue import Catalogue, PlacementSpec

# Hosts that resolve only inside a private network: Bitrix24's servers cannot call them.
_PRIVATE_SUFFIXES = (".local", ".localhost", ".internal")
# The server's iconName test is this class *without anchors*: one such character is enough.
_ICON_NAME_CHARS = re.compile(r"[a-zA-Z \-]")
_WHOLE_NUMBER = re.compile(r"-?[0-9]+")
_ID_LIST = re.compile(r"[1-9][0-9]*(,[1-9][0-9]*)*")


def check_url(url: str, field: str, what: str, *, strict: bool) -> list[Problem]:
    """Problems of a URL that Bitrix24 must call (the handler, or ``errorHandlerUrl``).

    ``what`` names it in messages ("The handler URL"). With ``strict`` the server's own handler
    checks apply: a missing value is an error and the host needs a dot (ERROR_WRONG_HANDLER_URL).
    """
    value = url.strip()
    if not value:
        return [Problem(field, f"{what} is required.", code="ERROR_ARGUMENT")] if strict else []
    try:
        parts = urlsplit(value)
        host = parts.hostname or ""
    except ValueError:
        return [Problem(field, f"{what} is not a valid URL: check the brackets and the port.")]
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        if not scheme or not parts.netloc:
            fix = f"Add https:// in front, like https://{value.split('://')[-1]}."
        else:
            fix = f"{scheme}:// is not supported; use https://."
        return [
            Problem(
                field,
                f"{what} must start with https:// or http://. {fix}",
                code="ERROR_UNSUPPORTED_PROTOCOL",
            )
        ]
    if not host:
        return [Problem(field, f"{what} has no host name: write it like https://app.example.com/.")]
    character = bad_host_character(value)
    if character:
        message = _(
            "{what} has an invisible or control character ({character}) in its host name, "
            "so Bitrix24 could not reach it. Retype the host name by hand; such characters "
            "come along when an address is copied from a chat or a document."
        )
        return [Problem(field, message.format(what=what, character=character))]
    port = bad_port(value)
    if port is not None:
        message = _(
            "{what} has the port {port}, which does not exist: a port is a whole number from "
            "1 to 65535. Correct it, or remove it to use the usual port of https."
        )
        return [Problem(field, message.format(what=what, port=port))]
    if strict and "." not in host:
        return [
            Problem(
                field,
                f"{what} needs a full host name with a dot, such as app.example.com; Bitrix24 "
                f'refuses "{host}" (and could not reach localhost anyway).',
                code="ERROR_WRONG_HANDLER_URL",
            )
        ]
    problems: list[Problem] = []
    if _is_private_host(host):
        problems.append(
            Problem(
                field,
                f"{what} points to {host}, which is only reachable inside your network. "
                "Bitrix24 calls it from its own servers on the internet, so use a public "
                "address (or a tunnel).",
                Severity.WARNING,
            )
        )
    if scheme == "http":
        problems.append(
            Problem(
                field,
                f"{what} uses plain http. Bitrix24 pages are https, so browsers may block the "
                "frame and data travels unencrypted: use https://.",
                Severity.WARNING,
            )
        )
    return problems


def _is_private_host(host: str) -> bool:
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        # A host without a dot (localhost, an intranet name) is not an internet name either.
        name = host.rstrip(".")
        return "." not in name or name.endswith(_PRIVATE_SUFFIXES)
    return ip.is_loopback or ip.is_private or ip.is_link_local or ip.is_unspecified


def check_options(
    options: Mapping[str, object], spec: PlacementSpec, catalogue: Catalogue
) -> list[Problem]:
    """Problems of the OPTIONS of a request for a known placement."""
    problems: list[Problem] = []
    for key in options:
        if spec.option(key) is None:
            problems.append(_undefined_key(key, spec))
    for option in spec.options:
        field = f"OPTIONS.{option.key}"
        value = options.get(option.key)
        if value is None or value == "":
            # The wire form drops empty values, so the server applies the default.
            if option.required:
                problems.append(_missing(option, spec, field))
            continue
        if isinstance(value, (dict, list, tuple)):
            problems.append(Problem(field, f"{_name(option)} must be a single value, not a list."))
            continue
        problems += _check_value(option, _as_text(value), field, catalogue)
    return problems


def _undefined_key(key: str, spec: PlacementSpec) -> Problem:
    field = f"OPTIONS.{key}"
    if not spec.options:
        return Problem(
            field,
            f'{spec.code} has no options: Bitrix24 drops "{key}" silently. Remove it.',
            Severity.WARNING,
        )
    keys = [o.key for o in spec.options]
    same = [k for k in keys if k.lower() == key.lower()]
    hint = (
        f' Option names are case-sensitive: did you mean "{same[0]}"?'
        if same
        else f" Its options are: {', '.join(keys)}."
    )
    return Problem(
        field,
        f'{spec.code} does not use the option "{key}": Bitrix24 drops it silently.{hint}',
        Severity.WARNING,
    )


def _missing(option: OptionSpec, spec: PlacementSpec, field: str) -> Problem:
    return Problem(
        field,
        f"{spec.code} requires {_name(option)}. {option.rule}",
        code=option.missing_error_code or "ERROR_ARGUMENT",
    )


def _name(option: OptionSpec) -> str:
    return f"Option {option.key}"


def _as_text(value: object) -> str:
    # Values imported from JSON may be booleans or numbers; compare them as the server would
    # see them after PHP's string conversion of a JSON body.
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _check_value(option: OptionSpec, value: str, field: str, catalogue: Catalogue) -> list[Problem]:
    def error(message: str) -> list[Problem]:
        return [Problem(field, message, code=option.error_code)]

    name = _name(option)
    if option.max_length is not None and len(value) > option.max_length:
        return error(
            f"{name} has {len(value)} characters; at most {option.max_length} are allowed. "
            f"Shorten it by {len(value) - option.max_length}."
        )
    if option.type is OptionType.TEXT:
        if option.key == "iconName":
            return _check_icon_name(value, field, name, catalogue)
        return []
    if option.type is OptionType.URL:
        return check_url(value, field, name, strict=False)
    if option.type is OptionType.ENUM:
        return _check_enum(option, value, field, name)
    if option.type is OptionType.MULTI:
        return _check_multi(option, value, field, name)
    if option.type is OptionType.COLOR:
        return _check_color(option, value, field, name, catalogue)
    if option.type is OptionType.INT:
        if not _WHOLE_NUMBER.fullmatch(value):
            return error(f'{name} must be a whole number such as 100, not "{value}".')
        minimum = option.minimum
        if minimum is not None and int(value) < minimum:
            return error(f"{name} must be {minimum} or more, not {value}.")
        return []
    if option.type is OptionType.ID_LIST:
        if _ID_LIST.fullmatch(value):
            return []
        squeezed = re.sub(r"\s+", "", value)
        if _ID_LIST.fullmatch(squeezed):
            return error(f"{name} must not contain spaces: write it as {squeezed}.")
        return error(
            f"{name} must be positive ids separated by commas with no spaces, like 11,12; "
            f'"{value}" is not.'
        )
    return []


def _check_icon_name(value: str, field: str, name: str, catalogue: Catalogue) -> list[Problem]:
    if not _ICON_NAME_CHARS.search(value):
        return [
            Problem(
                field,
                f"{name} must contain at least one Latin letter, space or hyphen, like fa-rocket.",
                code="INVALID_ERROR_ICON_NAME",
            )
        ]
    icons = catalogue.fa4_icons
    if value in icons:
        return []
    if f"fa-{value}" in icons:
        hint = f" Did you mean fa-{value}?"
    else:
        close = get_close_matches(value, icons, n=1)
        hint = f" Did you mean {close[0]}?" if close else ""
    return [
        Problem(
            field,
            f'"{value}" is not a Font Awesome 4.7 icon name, so no icon may show. Bitrix24 '
            f"accepts it anyway.{hint}",
            Severity.WARNING,
        )
    ]


def _check_enum(option: OptionSpec, value: str, field: str, name: str) -> list[Problem]:
    if value in option.allowed:
        return []
    choices = " or ".join(option.allowed)
    near = value.strip().upper()
    if near in option.allowed:
        message = f'{name} must be exactly "{near}" (upper case, no spaces), not "{value}".'
    else:
        message = f'{name} must be {choices}, not "{value}".'
    return [Problem(field, message, code=option.error_code)]


def _check_multi(option: OptionSpec, value: str, field: str, name: str) -> list[Problem]:
    sep = option.separator
    tokens = value.split(sep)
    reasons: list[str] = []
    for token in tokens:
        if token in option.allowed:
            continue
        if token == "":
            reasons.append(f'it has an empty entry (a stray "{sep}")')
            continue
        faults = []
        if token != token.strip():
            faults.append("has spaces around it")
        if token.strip().upper() in option.allowed:
            if token.strip() not in option.allowed:
                faults.append("must be upper case")
        else:
            faults.append("is not an allowed value")
        reasons.append(f'"{token}" ' + " and ".join(faults))
    if reasons:
        # Suggest the corrected value when the user only got the spelling wrong.
        wanted = [t.upper() for t in re.split(r"[;,\s]+", value) if t]
        if wanted and all(t in option.allowed for t in wanted):
            fix = f"Write it as {sep.join(dict.fromkeys(wanted))}."
        else:
            fix = (
                f'Use values from {", ".join(option.allowed)} joined by "{sep}" with no '
                f"spaces, such as {sep.join(option.allowed[1:3])}."
            )
        message = f'{name} "{value}" is not valid: {"; ".join(reasons)}. {fix}'
        return [Problem(field, message, code=option.error_code)]
    if "ALL" in tokens and len(set(tokens)) > 1:
        return [
            Problem(
                field,
                f"{name}: ALL already covers every chat, so the other types are ignored. "
                "Use ALL alone, or list only the types you want.",
                Severity.WARNING,
            )
        ]
    return []


def _check_color(
    option: OptionSpec, value: str, field: str, name: str, catalogue: Catalogue
) -> list[Problem]:
    color = catalogue.color(value)
    if color is not None:
        if color.note:
            return [Problem(field, f"{color.name}: {color.note}", Severity.WARNING)]
        return []

    def squeeze(text: str) -> str:
        return re.sub(r"[^a-z]", "", text.lower())

    # "light_blue", "lightBlue" (the imbot.v2 spelling) and "Light blue" all mean LIGHT_BLUE.
    near = next((c for c in catalogue.color_names if squeeze(c) == squeeze(value)), None)
    if near:
        message = (
            f'{name} "{value}" must be written exactly as {near} (messenger colour names '
            "are upper case with underscores)."
        )
    else:
        message = (
            f'{name} "{value}" is not a messenger colour. Use one of '
            f"{', '.join(catalogue.color_names)}, or leave it empty."
        )
    return [Problem(field, message, code=option.error_code)]
