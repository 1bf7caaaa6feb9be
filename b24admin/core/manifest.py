"""Manifests: a versioned JSON file describing a set of widgets, to carry from portal to portal.

Format (``docs/manifest.md`` documents it for people)::

    {
      "format": "b24admin-manifest",
      "version": 1,
      "description": "optional free text",
      "bindings": [
        {"PLACEMENT": "IM_SIDEBAR", "HANDLER": "https://app.example.com/sidebar",
         "LANG_ALL": {"en": {"TITLE": "Tools"}, "de": {"TITLE": "Werkzeuge"}},
         "OPTIONS": {"iconName": "fa-rocket", "color": "AZURE"}}
      ]
    }

Each binding is placement.bind's parameters exactly as the documentation writes them (the same
shape ``b24admin bind --from FILE`` reads). No secrets, and nothing portal-specific unless the
user put it there (a handler URL is the application's, not the portal's).

This module also decides when a binding on the portal already is what a manifest asks for
(:func:`portal_matches`), which is what makes a second sync of the same manifest send nothing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from b24admin.core.bind_request import BindRequest, LangRow, OptionValue
from b24admin.core.binding_file import check_binding_shape
from b24admin.core.catalogue import Catalogue, OptionType, PlacementSpec
from b24admin.core.errors import B24Error, ErrorKind
from b24admin.core.i18n import N_, _
from b24admin.core.strict_json import JsonProblem, json_error, load_json
from b24admin.core.validation import Problem, validate
from b24admin.core.wording import enumeration

FORMAT_NAME = "b24admin-manifest"
FORMAT_VERSION = 1

BindingKey = tuple[str, str, int]  # (PLACEMENT, HANDLER, USER_ID): placement.get has no id

# The placement.bind parameters a manifest binding may carry (placement-bind.md). ICON is left out:
# it is UNCONFIRMED and BindRequest does not model it, so it would be dropped without a word.
BINDING_KEYS = frozenset(
    {"PLACEMENT", "HANDLER", "TITLE", "DESCRIPTION", "GROUP_NAME", "LANG_ALL", "OPTIONS", "USER_ID"}
)
TOP_LEVEL_KEYS = frozenset({"format", "version", "description", "bindings"})

Texts = tuple[str, str, str]  # TITLE, DESCRIPTION, GROUP_NAME


def binding_key(request: BindRequest) -> BindingKey:
    """How Bitrix24 tells handlers apart: placement, handler URL and user (0 = everyone)."""
    return (request.placement.strip().upper(), request.handler.strip(), request.user_id or 0)


def portal_key(entry: Mapping[str, Any]) -> BindingKey:
    """The key of one placement.get element."""
    return binding_key(request_from_portal(entry))


def request_from_portal(entry: Mapping[str, Any]) -> BindRequest:
    """Turn one placement.get element (camelCase keys) into the BindRequest that recreates it."""
    user_id = _int(entry.get("userId"))
    rows = tuple(
        LangRow(lang=lang, title=texts[0], description=texts[1], group_name=texts[2])
        for lang, texts in _portal_rows(entry).items()
    )
    return BindRequest(
        placement=str(entry.get("placement") or ""),
        handler=str(entry.get("handler") or ""),
        # With languages the server ignores the top-level texts (placement-bind.md): keep only the
        # rows.
        title="" if rows else str(entry.get("title") or ""),
        description="" if rows else str(entry.get("description") or ""),
        lang_rows=rows,
        options={str(k): _option_value(v) for k, v in _options_of(entry).items()},
        user_id=user_id or None,
    )


# --- does the portal already have what the manifest asks for? --------------------------------


def portal_matches(desired: BindRequest, entry: Mapping[str, Any], catalogue: Catalogue) -> bool:
    """True when placement.get's ``entry`` is what binding ``desired`` would store.

    What the portal does to a bind, and what is therefore ignored here (placement-bind.md,
    placement-get.md):
    options come back with defaults filled in, keys the placement does not define dropped and
    numbers as numbers; texts are trimmed; without LANG_ALL the top-level texts are stored as
    one row under the portal's own language (whose code the manifest cannot know), and with no
    texts at all the portal shows the application's name.
    """
    if binding_key(desired) != portal_key(entry):
        return False
    spec = catalogue.get(desired.placement)
    if comparable_options(desired.options, spec) != comparable_options(_options_of(entry), spec):
        return False
    return _texts_match(desired, entry)


def comparable_options(options: Mapping[str, Any], spec: PlacementSpec | None) -> dict[str, str]:
    """Options as the portal stores them, as text: defaults filled in, unknown keys dropped."""
    result: dict[str, str] = {}
    known = {o.key: o for o in spec.options} if spec is not None else None
    for key, value in options.items():
        option = known.get(key) if known is not None else None
        if known is not None and option is None:
            continue  # the portal drops keys the placement does not define
        text = _php_text(value)
        if option is not None and option.type is OptionType.INT and text != "":
            text = str(_int(text))
        if text != "":
            result[key] = text
    for option in spec.options if spec is not None else ():
        if option.key not in result and option.default not in (None, ""):
            result[option.key] = _php_text(option.default)
    return result


def _texts_match(desired: BindRequest, entry: Mapping[str, Any]) -> bool:
    portal_rows = _portal_rows(entry)
    if desired.lang_rows:
        return _rows_of(desired) == portal_rows
    top = _clean((desired.title, desired.description, desired.group_name))
    if top == ("", "", ""):
        # The portal shows the application's name; its own title column stays empty.
        return str(entry.get("title") or "").strip() == "" and all(
            texts[1:] == ("", "") for texts in portal_rows.values()
        )
    return list(portal_rows.values()) == [top]


def differences(desired: BindRequest, entry: Mapping[str, Any], catalogue: Catalogue) -> list[str]:
    """What a change would alter, one line per field: ``OPTIONS.color: "AZURE" → "RED"``."""
    lines: list[str] = []
    spec = catalogue.get(desired.placement)
    old = comparable_options(_options_of(entry), spec)
    new = comparable_options(desired.options, spec)
    for key in sorted(set(old) | set(new)):
        if old.get(key) != new.get(key):
            lines.append(f"OPTIONS.{key}: {_shown(old.get(key))} → {_shown(new.get(key))}")
    if _texts_match(desired, entry):
        return lines
    portal_rows = _portal_rows(entry)
    if desired.lang_rows:
        wanted = _rows_of(desired)
    else:
        top = _clean((desired.title, desired.description, desired.group_name))
        # Without LANG_ALL the texts land in the portal's own language: compare with its one row.
        lang = next(iter(portal_rows)) if len(portal_rows) == 1 else _PORTAL_LANGUAGE
        wanted = {lang: top} if top != ("", "", "") else {lang: (_APP_NAME, "", "")}
    for lang in sorted(set(portal_rows) | set(wanted)):
        before, after = portal_rows.get(lang), wanted.get(lang)
        for position, name in enumerate(("TITLE", "DESCRIPTION", "GROUP_NAME")):
            was = before[position] if before else None
            will = after[position] if after else None
            if was != will and (was or will):
                shown_lang = _(lang) if lang == _PORTAL_LANGUAGE else lang
                lines.append(f"LANG_ALL[{shown_lang}].{name}: {_shown(was)} → {_shown(will)}")
    return lines


_APP_NAME = N_("(the application's name)")  # what the portal shows for a widget without texts
# The row's key when the portal has several and top-level texts land in its own language.
_PORTAL_LANGUAGE = N_("portal language")


def _shown(value: str | None) -> str:
    if value in (None, ""):
        return _("(none)")
    return _(_APP_NAME) if value == _APP_NAME else json.dumps(value, ensure_ascii=False)


def _options_of(entry: Mapping[str, Any]) -> Mapping[str, Any]:
    options = entry.get("options")
    return options if isinstance(options, Mapping) else {}  # PHP's [] for "no options"


def _rows_of(desired: BindRequest) -> dict[str, Texts]:
    """The LANG_ALL rows of a request by language; later rows win, as in to_wire()."""
    return {
        row.lang.strip(): _clean((row.title, row.description, row.group_name))
        for row in desired.lang_rows
    }


def _portal_rows(entry: Mapping[str, Any]) -> dict[str, Texts]:
    lang_all = entry.get("langAll")
    rows: dict[str, Texts] = {}
    if isinstance(lang_all, Mapping):
        for lang, texts in lang_all.items():
            if isinstance(texts, Mapping):
                rows[str(lang).strip()] = _clean(
                    (texts.get("TITLE"), texts.get("DESCRIPTION"), texts.get("GROUP_NAME"))
                )
    return rows


def _clean(texts: tuple[Any, Any, Any]) -> Texts:
    title, description, group = (str(t or "").strip() for t in texts)
    return (title, description, group)


def _php_text(value: Any) -> str:
    """PHP's (string) cast, which is what the portal stores for an option value."""
    if value is None or value is False:
        return ""
    if value is True:
        return "1"
    return str(value)


_LEADING_INT = re.compile(r"^\s*([+-]?\d+)")


def _int(value: Any) -> int:
    """PHP's (int) cast: the leading digits, 0 without any."""
    if isinstance(value, bool | int):
        return int(value)
    match = _LEADING_INT.match(str(value or ""))
    return int(match.group(1)) if match else 0


def _option_value(value: Any) -> OptionValue:
    return value if isinstance(value, int) and not isinstance(value, bool) else _php_text(value)


# --- the file ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Manifest:
    """A set of bindings, in the order they were written, with an optional description."""

    bindings: tuple[BindRequest, ...]
    description: str = ""

    def to_json(self) -> str:
        """The file's text: stable key order, UTF-8 as is, a final newline."""
        data: dict[str, Any] = {"format": FORMAT_NAME, "version": FORMAT_VERSION}
        if self.description:
            data["description"] = self.description
        data["bindings"] = [b.to_wire() for b in self.bindings]
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

    def save(self, path: Path) -> None:
        """Write the manifest; a failure is a B24Error of kind INPUT naming the file."""
        try:
            path.write_text(self.to_json(), encoding="utf-8")
        except OSError as exc:
            raise manifest_error("unwritable", path=path, reason=exc.strerror) from exc

    def keys(self) -> list[BindingKey]:
        return [binding_key(b) for b in self.bindings]

    @classmethod
    def from_portal(
        cls, entries: Iterable[Mapping[str, Any]], *, placements: Iterable[str] = ()
    ) -> Manifest:
        """The manifest of placement.get's answer; only the given placement codes if any."""
        wanted = {code.strip().upper() for code in placements}
        requests = (request_from_portal(e) for e in entries)
        return cls(tuple(r for r in requests if not wanted or binding_key(r)[0] in wanted))

    @classmethod
    def parse(cls, text: str, *, source: str = "") -> Manifest:
        """Parse a manifest; every problem is a B24Error of kind INPUT naming what is wrong
        (``source``, the file's name, or "the manifest")."""
        source = source or _("the manifest")
        try:
            data = load_json(text, reject_duplicates=True)
        except JsonProblem as problem:
            raise json_error(problem, "BAD_MANIFEST", where=source, in_file=True) from None
        if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
            raise manifest_error("not_manifest", source=source, format=FORMAT_NAME)
        version = data.get("version")
        if isinstance(version, bool) or not isinstance(version, int) or version < 1:
            raise manifest_error("bad_version", source=source, version=repr(version))
        if version > FORMAT_VERSION:
            raise manifest_error(
                "newer_version", source=source, version=version, supported=FORMAT_VERSION
            )
        unknown = sorted(set(data) - TOP_LEVEL_KEYS)
        if unknown:
            raise manifest_error("unknown_top_keys", source=source, keys=enumeration(unknown))
        description = data.get("description", "")
        if not isinstance(description, str):
            raise manifest_error("bad_description", source=source)
        raw = data.get("bindings")
        if not isinstance(raw, list):
            raise manifest_error("no_bindings", source=source)
        bindings: list[BindRequest] = []
        seen: set[BindingKey] = set()
        for index, entry in enumerate(raw, start=1):
            request = _parse_binding(entry, index, source=source, place=f"bindings[{index - 1}]")
            key = binding_key(request)
            if key in seen:
                raise manifest_error(
                    "repeated", index=index, source=source, placement=key[0], handler=key[1]
                )
            seen.add(key)
            bindings.append(request)
        return cls(tuple(bindings), description)

    @classmethod
    def load(cls, path: Path) -> Manifest:
        """Read and parse a manifest file (B24Error of kind INPUT on any problem)."""
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise manifest_error("unreadable", path=path, reason=exc.strerror) from exc
        except UnicodeDecodeError as exc:
            raise manifest_error("not_utf8", path=path) from exc
        return cls.parse(text, source=str(path))


def _parse_binding(entry: Any, index: int, *, source: str, place: str) -> BindRequest:
    if not isinstance(entry, dict):
        raise manifest_error("not_object", index=index, source=source)
    check_binding_shape(entry, code="BAD_MANIFEST", source=source, place=place)
    unknown = sorted(str(k) for k in entry if str(k).upper() not in BINDING_KEYS)
    if unknown:
        raise manifest_error(
            "unknown_keys",
            index=index,
            source=source,
            keys=enumeration(unknown),
            names=enumeration(sorted(BINDING_KEYS)),
        )
    for name in ("PLACEMENT", "HANDLER"):
        value = next((v for k, v in entry.items() if str(k).upper() == name), None)
        if not isinstance(value, str) or not value.strip():
            raise manifest_error("missing_key", index=index, source=source, name=name)
    options = next((v for k, v in entry.items() if str(k).upper() == "OPTIONS"), None)
    if isinstance(options, dict):
        for key, value in options.items():
            if value is not None and not isinstance(value, str | int):
                raise manifest_error("bad_option", index=index, source=source, key=key)
    try:
        return BindRequest.from_wire(entry)
    except ValueError as exc:
        raise manifest_error("bad_binding", index=index, source=source, reason=exc) from exc


def manifest_problems(manifest: Manifest, catalogue: Catalogue) -> list[tuple[int, Problem]]:
    """Client-side validation of every binding: (1-based binding number, problem) pairs."""
    return [
        (number, problem)
        for number, request in enumerate(manifest.bindings, start=1)
        for problem in validate(request, catalogue)
    ]


def manifest_error(variant: str, **values: object) -> B24Error:
    """A B24Error of kind INPUT about a manifest file (the CLI's exit code 2); its words are the
    error catalogue's ``BAD_MANIFEST/<variant>`` entry, filled with ``values``."""
    return B24Error.explained(
        "BAD_MANIFEST", kind=ErrorKind.INPUT, variant=f"BAD_MANIFEST/{variant}", values=values
    )
