"""One placement.bind call as a typed value, and its exact wire form.

The wire form is what the JSON body of ``placement.bind`` carries, keyed exactly as the
Bitrix24 documentation writes it: PLACEMENT, HANDLER, TITLE, DESCRIPTION, GROUP_NAME, LANG_ALL,
OPTIONS, USER_ID. Empty fields are omitted so the server applies its own defaults.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

OptionValue = str | int


@dataclass(frozen=True)
class LangRow:
    """One LANG_ALL entry. Rows are kept as a list (not a dict) so duplicates can be flagged."""

    lang: str
    title: str = ""
    description: str = ""
    group_name: str = ""

    def to_wire(self) -> dict[str, str]:
        wire = {"TITLE": self.title}
        if self.description:
            wire["DESCRIPTION"] = self.description
        if self.group_name:
            wire["GROUP_NAME"] = self.group_name
        return wire


@dataclass(frozen=True)
class BindRequest:
    """The parameters of one placement.bind call, as the user entered them."""

    placement: str = ""
    handler: str = ""
    title: str = ""
    description: str = ""
    group_name: str = ""
    lang_rows: tuple[LangRow, ...] = ()
    # hash=False: a dict cannot be hashed, and equal requests still hash equally without it.
    options: dict[str, OptionValue] = field(default_factory=dict, hash=False)
    user_id: int | None = None

    def __post_init__(self) -> None:
        # Own a copy, so a request (and every with_changes() copy) cannot be changed through
        # the caller's dict or through another request's.
        object.__setattr__(self, "options", dict(self.options))

    def with_changes(self, **changes: Any) -> BindRequest:
        return replace(self, **changes)

    def to_wire(self) -> dict[str, Any]:
        """The JSON body of placement.bind (without ``auth``), empty fields omitted.

        Later LANG_ALL rows with the same language win, as they would in a JSON object;
        validation flags duplicates before anything is sent.
        """
        wire: dict[str, Any] = {
            "PLACEMENT": self.placement.strip().upper(),
            "HANDLER": self.handler.strip(),
        }
        for key, value in (
            ("TITLE", self.title),
            ("DESCRIPTION", self.description),
            ("GROUP_NAME", self.group_name),
        ):
            if value:
                wire[key] = value
        if self.lang_rows:
            wire["LANG_ALL"] = {row.lang.strip(): row.to_wire() for row in self.lang_rows}
        options = {k: v for k, v in self.options.items() if v != "" and v is not None}
        if options:
            wire["OPTIONS"] = options
        if self.user_id is not None:
            wire["USER_ID"] = self.user_id
        return wire

    @classmethod
    def from_wire(cls, wire: dict[str, Any]) -> BindRequest:
        """Build a request from placement.bind parameters as the documentation writes them.

        Keys are matched case-insensitively (the docs' examples use upper case; placement.get
        answers in camelCase). Raises ``ValueError`` with a plain message on a malformed shape.
        """
        if not isinstance(wire, dict):
            raise ValueError("placement.bind parameters must be a JSON object")
        upper = {str(k).upper(): v for k, v in wire.items()}
        lang_all = upper.get("LANG_ALL") or upper.get("LANGALL") or {}
        if not isinstance(lang_all, dict):
            raise ValueError("LANG_ALL must be an object keyed by language code")
        rows = []
        for lang, entry in lang_all.items():
            if not isinstance(entry, dict):
                raise ValueError(f"LANG_ALL[{lang}] must be an object with TITLE")
            e = {str(k).upper(): v for k, v in entry.items()}
            rows.append(
                LangRow(
                    lang=str(lang),
                    title=str(e.get("TITLE") or ""),
                    description=str(e.get("DESCRIPTION") or ""),
                    group_name=str(e.get("GROUP_NAME") or ""),
                )
            )
        options = upper.get("OPTIONS") or {}
        if isinstance(options, list) and not options:
            options = {}  # placement.get answers [] for "no options"
        if not isinstance(options, dict):
            raise ValueError("OPTIONS must be an object")
        user_id = upper.get("USER_ID", upper.get("USERID"))
        if user_id in ("", None):
            user_id_value: int | None = None
        else:
            try:
                user_id_value = int(user_id)
            except (TypeError, ValueError) as exc:
                raise ValueError("USER_ID must be a whole number") from exc
        return cls(
            placement=str(upper.get("PLACEMENT") or ""),
            handler=str(upper.get("HANDLER") or ""),
            title=str(upper.get("TITLE") or ""),
            description=str(upper.get("DESCRIPTION") or ""),
            group_name=str(upper.get("GROUP_NAME") or upper.get("GROUPNAME") or ""),
            lang_rows=tuple(rows),
            options={str(k): v for k, v in options.items()},
            user_id=user_id_value,
        )
