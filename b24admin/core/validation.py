"""Client-side validation of a BindRequest that mirrors what the Bitrix24 server checks.

CONTRACT: ``validate(request, catalogue) -> list[Problem]``; never raises for bad input.
"""

from __future__ import annotations

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
    """

    field: str
    message: str
    severity: Severity = Severity.ERROR
    row: int | None = None
    column: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR
