"""A validation finding located at one field of a bind request, and helpers over lists of them.

Re-exported by :mod:`b24admin.core.validation`, which is where callers import them from; they
live here so the per-value rules (:mod:`b24admin.core.value_rules`) can build them too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"  # the server would refuse it (or it cannot work): blocks Bind
    WARNING = "warning"  # it will be accepted but probably not what the user wants


@dataclass(frozen=True)
class Problem:
    """One problem, located at one field.

    ``field`` names the field as the wire form does: "PLACEMENT", "HANDLER", "TITLE",
    "DESCRIPTION", "GROUP_NAME", "USER_ID", "LANG_ALL" (with ``row`` = index into
    ``BindRequest.lang_rows`` and ``column`` one of "lang", "TITLE", "DESCRIPTION", "GROUP_NAME"),
    or "OPTIONS.<key>" (e.g. "OPTIONS.iconName"), or "OPTIONS" for the whole set.
    ``code`` is the Bitrix24 error code the server would answer, when there is one.
    """

    field: str
    message: str
    severity: Severity = Severity.ERROR
    row: int | None = None
    column: str | None = None
    code: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def has_errors(problems: Iterable[Problem]) -> bool:
    """True when any problem would make the server refuse the request (Bind stays disabled)."""
    return any(problem.is_error for problem in problems)


def problems_for(problems: Iterable[Problem], field: str, row: int | None = None) -> list[Problem]:
    """The problems of one field (and, for LANG_ALL, of one row when ``row`` is given)."""
    return [p for p in problems if p.field == field and (row is None or p.row == row)]
