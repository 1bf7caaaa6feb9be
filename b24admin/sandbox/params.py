"""Request parameters the way the PHP server sees them.

Bitrix24 is PHP: nested values in a query string or a form use brackets (``OPTIONS[iconName]=x``,
``LANG_ALL[en][TITLE]=y``, settings/how-to-call-rest-api/data-encoding.md), values are cast loosely
(``(int)"12abc"`` is 12), and an array with keys 0..n-1 is a JSON list, any other a JSON object, an
empty one ``[]``. These helpers reproduce exactly that much.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import parse_qsl

_NAME = re.compile(r"^([^\[\]]+)((?:\[[^\[\]]*\])*)$")
_SUBKEY = re.compile(r"\[([^\[\]]*)\]")
_LEADING_INT = re.compile(r"^\s*([+-]?\d+)")


def parse_query(query: str) -> dict[str, Any]:
    """Parse ``a=1&b[c]=2&d[]=3`` into ``{"a": "1", "b": {"c": "2"}, "d": {"0": "3"}}``."""
    result: dict[str, Any] = {}
    for name, value in parse_qsl(query, keep_blank_values=True):
        match = _NAME.match(name)
        keys = [match.group(1), *_SUBKEY.findall(match.group(2))] if match else [name]
        _assign(result, keys, value)
    return result


def _assign(target: dict[str, Any], keys: list[str], value: str) -> None:
    node = target
    for position, key in enumerate(keys):
        if key == "":  # "d[]": append, as PHP does
            key = str(len(node))
        if position == len(keys) - 1:
            node[key] = value
            return
        child = node.get(key)
        if not isinstance(child, dict):
            child = {}
            node[key] = child
        node = child


def parse_body(body: bytes, content_type: str) -> dict[str, Any]:
    """Parameters from a POST body: JSON object, or a urlencoded form. Anything else (a broken
    JSON body, multipart) gives no parameters, as the PHP server falls back to the empty $_POST."""
    if not body:
        return {}
    kind = content_type.split(";")[0].strip().lower()
    text = body.decode("utf-8", errors="replace")
    if kind == "application/json":
        try:
            data = json.loads(text)
        except ValueError:
            return {}
        return data if isinstance(data, dict) else {}
    if kind in ("application/x-www-form-urlencoded", ""):
        return parse_query(text)
    return {}


def php_int(value: Any) -> int:
    """PHP's ``(int)`` cast: leading digits of a string, 0 when there are none."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value)
    if isinstance(value, str):
        match = _LEADING_INT.match(value)
        return int(match.group(1)) if match else 0
    return 0


def php_string(value: Any) -> str:
    """PHP's ``(string)`` cast for the values a request can carry."""
    if value is None or value is False:
        return ""
    if value is True:
        return "1"
    if isinstance(value, (dict, list)):
        return "Array"
    return str(value)


def php_truthy(value: Any) -> bool:
    """PHP's loose ``== true``: empty, "0", 0, false and null are false."""
    if isinstance(value, str):
        return value not in ("", "0")
    return bool(value)


def php_array(items: dict[str, Any]) -> dict[str, Any] | list[Any]:
    """How PHP's json_encode writes an array: keys exactly 0..n-1 → a list, otherwise an object,
    and an empty array as ``[]``."""
    if list(items) == [str(i) for i in range(len(items))]:
        return list(items.values())
    return items


def as_mapping(value: Any) -> dict[str, Any]:
    """A JSON list or object as a dict with string keys (``[a, b]`` → ``{"0": a, "1": b}``)."""
    if isinstance(value, dict):
        return {str(k): v for k, v in value.items()}
    if isinstance(value, list):
        return {str(i): v for i, v in enumerate(value)}
    return {}


def upper_keys(params: dict[str, Any]) -> dict[str, Any]:
    """``array_change_key_case($params, CASE_UPPER)``: placement methods read keys this way."""
    return {str(key).upper(): value for key, value in params.items()}
