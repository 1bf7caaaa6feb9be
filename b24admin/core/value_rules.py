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
from b24admin.core.i18n import N_, _, ngettext
from b24admin.core.problem import Problem, Severity
from b24admin.core.url_checks import bad_host_character, bad_port
from b24admin.core.wording import alternatives, enumeration

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

    ``what`` names it in messages, already translated ("The handler URL", "Option
    errorHandlerUrl"). With ``strict`` the server's own handler checks apply: a missing value is
    an error and the host needs a dot (ERROR_WRONG_HANDLER_URL).
    """
    value = url.strip()
    if not value:
        if not strict:
            return []
        return [Problem(field, _("{what} is required.").format(what=what), code="ERROR_ARGUMENT")]
    try:
        parts = urlsplit(value)
        host = parts.hostname or ""
    except ValueError:
        message = _("{what} is not a valid URL: check the brackets and the port.")
        return [Problem(field, message.format(what=what))]
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        if not scheme or not parts.netloc:
            message = _(
                "{what} must start with https:// or http://. Add https:// in front, like "
                "https://{address}."
            ).format(what=what, address=value.split("://")[-1])
        else:
            message = _(
                "{what} must start with https:// or http://. {scheme}:// is not supported; "
                "use https://."
            ).format(what=what, scheme=scheme)
        return [Problem(field, message, code="ERROR_UNSUPPORTED_PROTOCOL")]
    if not host:
        message = _("{what} has no host name: write it like https://app.example.com/.")
        return [Problem(field, message.format(what=what))]
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
        message = _(
            "{what} needs a full host name with a dot, such as app.example.com; Bitrix24 "
            'refuses "{host}" (and could not reach localhost anyway).'
        )
        return [
            Problem(field, message.format(what=what, host=host), code="ERROR_WRONG_HANDLER_URL")
        ]
    problems: list[Problem] = []
    if _is_private_host(host):
        message = _(
            "{what} points to {host}, which is only reachable inside your network. Bitrix24 "
            "calls it from its own servers on the internet, so use a public address (or a "
            "tunnel)."
        )
        problems.append(Problem(field, message.format(what=what, host=host), Severity.WARNING))
    if scheme == "http":
        message = _(
            "{what} uses plain http. Bitrix24 pages are https, so browsers may block the frame "
            "and data travels unencrypted: use https://."
        )
        problems.append(Problem(field, message.format(what=what), Severity.WARNING))
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
            message = _("{name} must be a single value, not a list.")
            problems.append(Problem(field, message.format(name=_name(option))))
            continue
        problems += _check_value(option, _as_text(value), field, catalogue)
    return problems


def _undefined_key(key: str, spec: PlacementSpec) -> Problem:
    field = f"OPTIONS.{key}"
    if not spec.options:
        message = _('{placement} has no options: Bitrix24 drops "{key}" silently. Remove it.')
        return Problem(field, message.format(placement=spec.code, key=key), Severity.WARNING)
    keys = [o.key for o in spec.options]
    same = [k for k in keys if k.lower() == key.lower()]
    if same:
        message = _(
            '{placement} does not use the option "{key}": Bitrix24 drops it silently. Option '
            'names are case-sensitive: did you mean "{suggestion}"?'
        ).format(placement=spec.code, key=key, suggestion=same[0])
    else:
        message = _(
            '{placement} does not use the option "{key}": Bitrix24 drops it silently. Its '
            "options are: {options}."
        ).format(placement=spec.code, key=key, options=enumeration(keys))
    return Problem(field, message, Severity.WARNING)


def _missing(option: OptionSpec, spec: PlacementSpec, field: str) -> Problem:
    # The rule is the catalogue's own sentence (translated as the catalogue loads).
    message = _("{placement} requires {name}. {rule}").format(
        placement=spec.code, name=_name(option), rule=option.rule
    )
    return Problem(field, message.rstrip(), code=option.missing_error_code or "ERROR_ARGUMENT")


def _name(option: OptionSpec) -> str:
    """The option as a message names it: the key is the code Bitrix24 knows it by."""
    return _("Option {key}").format(key=option.key)


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
        count, limit = len(value), option.max_length
        message = ngettext(
            "{name} has {count} character; at most {limit} are allowed. Shorten it by {excess}.",
            "{name} has {count} characters; at most {limit} are allowed. Shorten it by {excess}.",
            count,
        )
        return error(message.format(name=name, count=count, limit=limit, excess=count - limit))
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
            message = _('{name} must be a whole number such as 100, not "{value}".')
            return error(message.format(name=name, value=value))
        minimum = option.minimum
        if minimum is not None and int(value) < minimum:
            message = _("{name} must be {minimum} or more, not {value}.")
            return error(message.format(name=name, minimum=minimum, value=value))
        return []
    if option.type is OptionType.ID_LIST:
        if _ID_LIST.fullmatch(value):
            return []
        squeezed = re.sub(r"\s+", "", value)
        if _ID_LIST.fullmatch(squeezed):
            message = _("{name} must not contain spaces: write it as {value}.")
            return error(message.format(name=name, value=squeezed))
        message = _(
            "{name} must be positive ids separated by commas with no spaces, like 11,12; "
            '"{value}" is not.'
        )
        return error(message.format(name=name, value=value))
    return []


def _check_icon_name(value: str, field: str, name: str, catalogue: Catalogue) -> list[Problem]:
    if not _ICON_NAME_CHARS.search(value):
        message = _(
            "{name} must contain at least one Latin letter, space or hyphen, like fa-rocket."
        )
        return [Problem(field, message.format(name=name), code="INVALID_ERROR_ICON_NAME")]
    icons = catalogue.fa4_icons
    if value in icons:
        return []
    if f"fa-{value}" in icons:
        suggestion: str | None = f"fa-{value}"
    else:
        close = get_close_matches(value, icons, n=1)
        suggestion = close[0] if close else None
    if suggestion:
        message = _(
            '"{value}" is not a Font Awesome 4.7 icon name, so no icon may show. Bitrix24 '
            "accepts it anyway. Did you mean {suggestion}?"
        ).format(value=value, suggestion=suggestion)
    else:
        message = _(
            '"{value}" is not a Font Awesome 4.7 icon name, so no icon may show. Bitrix24 '
            "accepts it anyway."
        ).format(value=value)
    return [Problem(field, message, Severity.WARNING)]


def _check_enum(option: OptionSpec, value: str, field: str, name: str) -> list[Problem]:
    if value in option.allowed:
        return []
    near = value.strip().upper()
    if near in option.allowed:
        message = _('{name} must be exactly "{wanted}" (upper case, no spaces), not "{value}".')
        message = message.format(name=name, wanted=near, value=value)
    else:
        message = _('{name} must be {choices}, not "{value}".')
        message = message.format(name=name, choices=alternatives(option.allowed), value=value)
    return [Problem(field, message, code=option.error_code)]


def _check_multi(option: OptionSpec, value: str, field: str, name: str) -> list[Problem]:
    sep = option.separator
    tokens = value.split(sep)
    reasons = [_token_fault(token, option) for token in tokens if token not in option.allowed]
    if reasons:
        # Suggest the corrected value when the user only got the spelling wrong.
        wanted = [t.upper() for t in re.split(r"[;,\s]+", value) if t]
        if wanted and all(t in option.allowed for t in wanted):
            message = _('{name} "{value}" is not valid: {reasons}. Write it as {fixed}.')
            fixed = sep.join(dict.fromkeys(wanted))
            message = message.format(
                name=name, value=value, reasons=_("; ").join(reasons), fixed=fixed
            )
        else:
            message = _(
                '{name} "{value}" is not valid: {reasons}. Use values from {values} joined by '
                '"{separator}" with no spaces, such as {example}.'
            ).format(
                name=name,
                value=value,
                reasons=_("; ").join(reasons),
                values=enumeration(option.allowed),
                separator=sep,
                example=sep.join(option.allowed[1:3]),
            )
        return [Problem(field, message, code=option.error_code)]
    if "ALL" in tokens and len(set(tokens)) > 1:
        message = _(
            "{name}: ALL already covers every chat, so the other types are ignored. Use ALL "
            "alone, or list only the types you want."
        )
        return [Problem(field, message.format(name=name), Severity.WARNING)]
    return []


# What is wrong with one entry of a list option, as whole clauses (each language words the
# combinations its own way): (spaces around it, only the case is wrong) -> clause.
_TOKEN_FAULTS = {
    (True, True): N_('"{token}" has spaces around it and must be upper case'),
    (False, True): N_('"{token}" must be upper case'),
    (True, False): N_('"{token}" has spaces around it'),
}
_NOT_ALLOWED = {
    True: N_('"{token}" has spaces around it and is not an allowed value'),
    False: N_('"{token}" is not an allowed value'),
}


def _token_fault(token: str, option: OptionSpec) -> str:
    """Why one entry of a list option is refused, as a clause of the problem's sentence."""
    if token == "":
        return _('it has an empty entry (a stray "{separator}")').format(separator=option.separator)
    spaced = token != token.strip()
    bare = token.strip()
    if bare.upper() in option.allowed:
        return _(_TOKEN_FAULTS[(spaced, bare not in option.allowed)]).format(token=token)
    return _(_NOT_ALLOWED[spaced]).format(token=token)


def _check_color(
    option: OptionSpec, value: str, field: str, name: str, catalogue: Catalogue
) -> list[Problem]:
    color = catalogue.color(value)
    if color is not None:
        if color.note:
            message = _("{color}: {note}").format(color=color.name, note=color.note)
            return [Problem(field, message, Severity.WARNING)]
        return []

    def squeeze(text: str) -> str:
        return re.sub(r"[^a-z]", "", text.lower())

    # "light_blue", "lightBlue" (the imbot.v2 spelling) and "Light blue" all mean LIGHT_BLUE.
    near = next((c for c in catalogue.color_names if squeeze(c) == squeeze(value)), None)
    if near:
        message = _(
            '{name} "{value}" must be written exactly as {color} (messenger colour names are '
            "upper case with underscores)."
        ).format(name=name, value=value, color=near)
    else:
        message = _(
            '{name} "{value}" is not a messenger colour. Use one of {colors}, or leave it empty.'
        ).format(name=name, value=value, colors=enumeration(catalogue.color_names))
    return [Problem(field, message, code=option.error_code)]
