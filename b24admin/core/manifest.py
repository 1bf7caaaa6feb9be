"""Manifests: a versioned JSON file describing a set of widgets, to carry from portal to portal.

Format (``docs/manifest.md`` documents it for people)::

    {
      "format": "b24admin-manifest",
      "version": 1,
      "bindings": [
        {"PLACEMENT": "IM_SIDEBAR", "HANDLER": "https://app.example.com/sidebar",
         "TITLE": "Tools", "LANG_ALL": {"de": {"TITLE": "Werkzeuge"}},
         "OPTIONS": {"iconName": "fa-rocket", "color": "AZURE"}, "USER_ID": 3}
      ]
    }

Each binding is placement.bind's parameters exactly as the documentation writes them (the same
shape ``b24admin bind --from FILE`` reads). No secrets, and nothing portal-specific unless the
user put it there (a handler URL is the application's, not the portal's).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from b24admin.core.bind_request import BindRequest, LangRow
from b24admin.core.catalogue import Catalogue
from b24admin.core.errors import B24Error, ErrorKind

FORMAT_NAME = "b24admin-manifest"
FORMAT_VERSION = 1

BindingKey = tuple[str, str, int]  # (PLACEMENT, HANDLER, USER_ID) — placement.get has no id


def binding_key(request: BindRequest) -> BindingKey:
    """How Bitrix24 tells handlers apart: placement, handler URL and user (0 = everyone)."""
    return (request.placement.strip().upper(), request.handler.strip(), request.user_id or 0)


def request_from_portal(entry: Mapping[str, Any]) -> BindRequest:
    """Turn one placement.get element (camelCase keys) into the BindRequest that recreates it."""
    user_id = int(entry.get("userId") or 0)
    lang_all = entry.get("langAll") or {}
    rows = tuple(
        LangRow(
            lang=str(lang),
            title=str(texts.get("TITLE") or ""),
            description=str(texts.get("DESCRIPTION") or ""),
            group_name=str(texts.get("GROUP_NAME") or ""),
        )
        for lang, texts in (lang_all.items() if isinstance(lang_all, dict) else [])
    )
    options = entry.get("options") or {}
    return BindRequest(
        placement=str(entry.get("placement") or ""),
        handler=str(entry.get("handler") or ""),
        # With languages, the top-level texts are ignored by the server: keep only the rows.
        title="" if rows else str(entry.get("title") or ""),
        description="" if rows else str(entry.get("description") or ""),
        group_name="" if rows else str(entry.get("groupName") or ""),
        lang_rows=rows,
        options=dict(options) if isinstance(options, dict) else {},
        user_id=user_id or None,
    )


def effective_form(request: BindRequest, catalogue: Catalogue) -> dict[str, Any]:
    """What the portal would store for this request, for comparing desired with actual.

    Options get the placement's defaults filled in and keys it drops removed (as placement.get
    reports them); values compare as text; with language rows the top-level texts are ignored.
    """
    spec = catalogue.get(request.placement)
    options = {k: str(v) for k, v in request.options.items() if v not in ("", None)}
    if spec is not None:
        known = {o.key for o in spec.options}
        options = {k: v for k, v in options.items() if k in known}
        for option in spec.options:
            if option.key not in options and option.default not in (None, ""):
                options[option.key] = str(option.default)
    rows = sorted((r.lang, r.title, r.description, r.group_name) for r in request.lang_rows)
    texts = () if rows else (request.title, request.description, request.group_name)
    return {"key": binding_key(request), "texts": texts, "langs": rows, "options": options}


@dataclass(frozen=True)
class Manifest:
    """A set of bindings, in the order they were written."""

    bindings: tuple[BindRequest, ...]

    def to_json(self) -> str:
        data = {
            "format": FORMAT_NAME,
            "version": FORMAT_VERSION,
            "bindings": [b.to_wire() for b in self.bindings],
        }
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

    def save(self, path: Path) -> None:
        path.write_text(self.to_json(), encoding="utf-8")

    @classmethod
    def from_portal(cls, entries: Iterable[Mapping[str, Any]]) -> Manifest:
        return cls(tuple(request_from_portal(e) for e in entries))

    @classmethod
    def select(cls, bindings: Sequence[BindRequest], keys: Iterable[BindingKey]) -> Manifest:
        wanted = set(keys)
        return cls(tuple(b for b in bindings if binding_key(b) in wanted))

    @classmethod
    def parse(cls, text: str, *, source: str = "the manifest") -> Manifest:
        """Parse a manifest; every problem is a B24Error of kind INPUT naming what is wrong."""
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise manifest_error(f"{source} is not valid JSON (line {exc.lineno}).") from exc
        if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
            raise manifest_error(
                f'{source} is not a b24admin manifest (no "format": "{FORMAT_NAME}").'
            )
        version = data.get("version")
        if not isinstance(version, int) or version > FORMAT_VERSION or version < 1:
            raise manifest_error(
                f"{source} has format version {version!r}; this b24admin reads version "
                f"{FORMAT_VERSION}.",
                "Update b24admin, or export the manifest again with this version.",
            )
        raw = data.get("bindings")
        if not isinstance(raw, list):
            raise manifest_error(f'{source} has no "bindings" list.')
        bindings = []
        seen: set[BindingKey] = set()
        for index, entry in enumerate(raw, start=1):
            try:
                request = BindRequest.from_wire(entry)
            except ValueError as exc:
                raise manifest_error(f"Binding {index} in {source}: {exc}.") from exc
            key = binding_key(request)
            if key in seen:
                raise manifest_error(
                    f"Binding {index} in {source} repeats {key[0]} → {key[1]}: the portal keeps "
                    "one widget per placement, handler and user."
                )
            seen.add(key)
            bindings.append(request)
        return cls(tuple(bindings))

    @classmethod
    def load(cls, path: Path) -> Manifest:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise manifest_error(f"Cannot read {path}: {exc.strerror}.") from exc
        return cls.parse(text, source=str(path))


def manifest_error(summary: str, advice: str = "") -> B24Error:
    return B24Error(
        code="BAD_MANIFEST",
        summary=summary,
        advice=advice or "Check the file against docs/manifest.md, or export it again.",
        kind=ErrorKind.INPUT,
    )
