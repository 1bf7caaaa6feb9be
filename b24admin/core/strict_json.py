"""JSON read the careful way, for portal answers and for files people write.

Python's ``json`` module turns ``1e999`` into ``inf`` (which later breaks ``int()`` with an
OverflowError), accepts ``NaN``, raises RecursionError on ``[[[[…`` a few hundred levels deep,
and keeps the last of two equal keys without a word. :func:`load_json` refuses each of these
with a :class:`JsonProblem` that says what and where (``bindings[2].OPTIONS.color``), so the
caller can name the call or the file in its error.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from b24admin.core.errors import B24Error, ErrorKind
from b24admin.core.i18n import _

# Bitrix24 answers nest about eight levels (batch > result > key > item > langAll > lang);
# manifests about five. Far below the interpreter's recursion limit, far above real data.
MAX_DEPTH = 64

ProblemKind = Literal["syntax", "depth", "number", "duplicate"]


@dataclass
class JsonProblem(ValueError):
    """Why a JSON text was refused. ``place`` is a path in the document ("" for the top);
    ``line`` is 1-based when the problem has a position in the text."""

    kind: ProblemKind
    detail: str
    place: str = ""
    line: int | None = None
    token: str = ""  # the repeated key, or the number that does not fit

    def __post_init__(self) -> None:
        super().__init__(self.detail)

    def __str__(self) -> str:
        where = f" at {self.place}" if self.place else ""
        return f"{self.detail}{where}" + (f" (line {self.line})" if self.line else "")


class _Object(dict[str, Any]):
    """A decoded object that remembers the keys it saw twice (a dict for everyone else)."""

    repeated: tuple[str, ...] = ()


def _pairs(pairs: list[tuple[str, Any]]) -> _Object:
    obj = _Object(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        obj.repeated = tuple(k for k, _ in pairs if k in seen or seen.add(k))  # type: ignore[func-returns-value]
    return obj


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise JsonProblem("number", f"{text} is too large for a floating-point value", token=text)
    return value


def _constant(name: str) -> Any:
    raise JsonProblem("number", f"{name} is not a JSON number", token=name)


_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
# Outside strings valid JSON is ASCII, so deleting the other ASCII characters leaves brackets.
_ONLY_BRACKETS = {code: None for code in range(128) if chr(code) not in "[]{}"}
_INNERMOST_PAIR = re.compile(r"\[\]|\{\}")


def nests_deeper_than(text: str, limit: int = MAX_DEPTH) -> bool:
    """True when brackets outside strings nest deeper than ``limit``.

    Done with regular expressions only (no Python loop over characters), so a 16 MiB answer
    is checked in a fraction of a second: keep the brackets, then peel the innermost pairs
    off ``limit`` times. Unbalanced brackets are left for the decoder to report.
    """
    brackets = _STRING.sub("", text).translate(_ONLY_BRACKETS)
    for _level in range(limit):
        peeled = _INNERMOST_PAIR.sub("", brackets)
        if peeled == brackets or not peeled:
            return False
        brackets = peeled
    return _INNERMOST_PAIR.search(brackets) is not None


def load_json(
    text: str,
    *,
    reject_duplicates: bool = False,
    finite_numbers: bool = True,
    max_depth: int = MAX_DEPTH,
) -> Any:
    """Decode ``text``; JsonProblem for bad syntax, nesting deeper than ``max_depth``, numbers
    that are not finite (``1e999``, ``NaN``, ``Infinity``, an integer of thousands of digits)
    and, with ``reject_duplicates``, an object that repeats a key. ``finite_numbers=False`` lets
    ``1e999`` through as ``inf`` for a reader that clamps it (the token answer's expires_in)."""
    # Depth first: the decoder itself recurses and would end in RecursionError.
    if text.count("[") + text.count("{") > max_depth and nests_deeper_than(text, max_depth):
        raise JsonProblem("depth", f"the data nests deeper than {max_depth} levels")
    hook = _pairs if reject_duplicates else None
    try:
        value = json.loads(
            text,
            object_pairs_hook=hook,
            parse_float=_finite if finite_numbers else float,
            parse_constant=_constant if finite_numbers else None,
        )
    except JsonProblem:
        raise
    except json.JSONDecodeError as exc:
        raise JsonProblem("syntax", f"{exc.msg} at character {exc.pos}", "", exc.lineno) from None
    except ValueError as exc:  # an integer literal beyond Python's digit limit
        raise JsonProblem("number", f"a number is too long ({exc})", token="…") from None
    except RecursionError:  # belt and braces: the scan above should have caught it
        raise JsonProblem("depth", f"the data nests deeper than {max_depth} levels") from None
    if reject_duplicates:
        for place, obj in _objects(value, ""):
            if obj.repeated:
                key = obj.repeated[0]
                raise JsonProblem("duplicate", f"the key {key!r} appears twice", place, token=key)
    return value


def _objects(value: Any, place: str) -> Iterator[tuple[str, _Object]]:
    stack = [(place, value)]
    while stack:
        where, item = stack.pop()
        if isinstance(item, _Object):
            yield where, item
            stack.extend((f"{where}.{key}" if where else key, v) for key, v in item.items())
        elif isinstance(item, list):
            stack.extend((f"{where}[{i}]", v) for i, v in enumerate(item))


def json_error(
    problem: JsonProblem,
    code: str,
    *,
    where: str,
    in_file: bool,
    kind: ErrorKind = ErrorKind.INPUT,
    **details: Any,
) -> B24Error:
    """The B24Error for ``problem``, its words from the catalogue: ``where`` names the file
    (``in_file``) or the REST method whose answer it was. ``details`` go to the error."""
    family = "BAD_JSON_FILE" if in_file else "MALFORMED_RESPONSE"
    values = {
        "where": where,
        "place": problem.place or _("the top level"),
        "line": str(problem.line or "?"),
        "limit": str(MAX_DEPTH),
        "token": problem.token,
    }
    error = B24Error.explained(
        code,
        kind=kind,
        variant=f"{family}/{problem.kind}",
        # The reader's own words: the server's description for an answer, a detail for a file
        # (the CLI shows a description as what the server said).
        description="" if in_file else str(problem),
        values=values,
        **details,
    )
    if in_file:
        error.extra["Detail"] = str(problem)
    return error
