"""The shape of the REST answers b24admin reads, checked where they arrive.

A portal (or a module, a proxy, a test double) can answer with valid JSON of the wrong shape: a
``placement.get`` item that is not an object, ``langAll`` as a list of rows, ``count`` as text.
Rather than an AttributeError deep in the window, the client refuses such an answer here with
an error that names the call and the place (``result[2].langAll``).

PHP writes an empty array as ``[]`` whatever it holds, so an empty list stands for an empty
object (``options: []`` is what placement.get shows for a widget without options, per
api-reference/widgets/placement-get.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from b24admin.core.errors import B24Error, ErrorKind
from b24admin.core.i18n import N_, _

# In this order: bool is an int too, and a decoded object may be a dict subclass.
_KINDS: tuple[tuple[type | tuple[type, ...], str], ...] = (
    (bool, N_("true or false")),
    (Mapping, N_("an object")),
    (list, N_("a list")),
    (str, N_("text")),
    ((int, float), N_("a number")),
    (type(None), N_("null")),
)


def kind_of(value: Any) -> str:
    """What a decoded JSON value is, in words ("a list")."""
    for kinds, words in _KINDS:
        if isinstance(value, kinds):
            return _(words)
    return _("an unknown value")


def shape_error(method: str, place: str, expected: str, value: Any) -> B24Error:
    """MALFORMED_RESPONSE (PROTOCOL) for a value of the wrong kind at ``place``.

    ``expected`` is an untranslated N_ text with a ``{got}`` placeholder."""
    from b24admin.core.responses import json_excerpt  # responses does not import this module

    words = _(expected).format(got=kind_of(value))
    # The value itself goes into the details as the portal sent it. Not as ``description``:
    # that is shown as what the server said, and the portal said no such words.
    return B24Error.explained(
        "MALFORMED_RESPONSE",
        kind=ErrorKind.PROTOCOL,
        variant="MALFORMED_RESPONSE/shape",
        method=method,
        response=json_excerpt(value),
        values={"where": method, "place": place, "expected": words},
    )


def items_of(result: Any) -> list[Any]:
    """A list answer's items; PHP sends a keyed array as an object, so its values count too."""
    if isinstance(result, list):
        return result
    if isinstance(result, Mapping):
        return list(result.values())
    return []


def _mapping_or_empty(value: Any) -> Mapping[str, Any] | None:
    if value is None or value == [] or value == "":
        return {}
    return value if isinstance(value, Mapping) else None


def bindings_from(result: Any, method: str = "placement.get") -> list[dict[str, Any]]:
    """placement.get's items as dicts with ``langAll`` and ``options`` always objects."""
    if not isinstance(result, list | Mapping):
        raise shape_error(method, "result", N_("a list of widgets, not {got}"), result)
    bindings: list[dict[str, Any]] = []
    for index, item in enumerate(items_of(result)):
        place = f"result[{index}]"
        if not isinstance(item, Mapping):
            raise shape_error(method, place, N_("an object for one widget, not {got}"), item)
        for key in ("placement", "handler"):
            if not isinstance(item.get(key), str):
                raise shape_error(method, f"{place}.{key}", N_("text, not {got}"), item.get(key))
        binding = dict(item)
        lang_all = _mapping_or_empty(item.get("langAll"))
        if lang_all is None:
            expected = N_("an object of language rows, not {got}")
            raise shape_error(method, f"{place}.langAll", expected, item.get("langAll"))
        for lang, row in lang_all.items():
            if not isinstance(row, Mapping):
                expected = N_("an object with TITLE, DESCRIPTION and GROUP_NAME, not {got}")
                raise shape_error(method, f"{place}.langAll.{lang}", expected, row)
        options = _mapping_or_empty(item.get("options"))
        if options is None:
            expected = N_("an object of options, not {got}")
            raise shape_error(method, f"{place}.options", expected, item.get("options"))
        binding["langAll"], binding["options"] = dict(lang_all), dict(options)
        bindings.append(binding)
    return bindings


def count_from(result: Any, method: str = "placement.unbind") -> int:
    """placement.unbind's ``count``: a whole number (the docs' example answers ``{"count": 2}``;
    text, even "2", is refused rather than guessed at)."""
    if not isinstance(result, Mapping):
        raise shape_error(method, "result", N_("an object with a count, not {got}"), result)
    count = result.get("count", 0)
    if isinstance(count, bool) or not isinstance(count, int) or count < 0:
        raise shape_error(method, "result.count", N_("a whole number, not {got}"), count)
    return count
