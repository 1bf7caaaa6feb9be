"""Per-profile drafts of the bind form, so what the user typed survives closing the app.

One JSON file per profile in ``<config_dir>/drafts/``. A draft is a :class:`BindRequest`, which
holds no secrets by construction (tokens and webhook URLs live in the SecretStore only), so a
draft file never contains one. The fields are stored as entered (not the wire form): the wire
form drops empty fields and folds duplicate languages, and a draft must give back exactly what
the user left in the form, mistakes included.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict
from pathlib import Path
from typing import Any
from urllib.parse import quote

from b24admin.core.bind_request import BindRequest, LangRow
from b24admin.core.config import config_dir

SCHEMA_VERSION = 1
_SUFFIX = ".json"


class DraftStore:
    """Loads and saves one bind-form draft per profile name.

    Unreadable or malformed drafts load as ``None``: a draft is a convenience, never a reason
    for the app to fail to start.
    """

    def __init__(self, directory: Path | str | None = None) -> None:
        self._directory = Path(directory) if directory is not None else None

    @property
    def directory(self) -> Path:
        """Where the draft files live (resolved lazily so tests can point the config dir)."""
        if self._directory is None:
            return config_dir() / "drafts"
        return self._directory

    def path_for(self, profile_name: str) -> Path:
        """The draft file of one profile; the name is percent-encoded so any name is safe."""
        return self.directory / (quote(profile_name, safe="") + _SUFFIX)

    def load(self, profile_name: str) -> BindRequest | None:
        """Return the profile's draft, or ``None`` when there is none or it cannot be read."""
        try:
            raw = json.loads(self.path_for(profile_name).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(raw, dict) or raw.get("schema") != SCHEMA_VERSION:
            return None
        try:
            return _request_from_json(raw.get("request"))
        except (TypeError, ValueError):
            return None

    def save(self, profile_name: str, request: BindRequest) -> None:
        """Write the draft atomically (a crash mid-write leaves the previous draft intact)."""
        path = self.path_for(profile_name)
        path.parent.mkdir(parents=True, exist_ok=True)
        body = {"schema": SCHEMA_VERSION, "profile": profile_name, "request": asdict(request)}
        temporary = path.with_name(path.name + ".tmp")
        temporary.write_text(json.dumps(body, ensure_ascii=False, indent=2), encoding="utf-8")
        os.replace(temporary, path)

    def remove(self, profile_name: str) -> None:
        """Forget the profile's draft (when the profile is removed); no error if there is none."""
        try:
            self.path_for(profile_name).unlink()
        except FileNotFoundError:
            pass


def _request_from_json(data: Any) -> BindRequest:
    if not isinstance(data, dict):
        raise ValueError("draft request must be an object")
    rows_raw = data.get("lang_rows") or []
    if not isinstance(rows_raw, list):
        raise ValueError("lang_rows must be a list")
    rows = tuple(
        LangRow(
            lang=str(row.get("lang", "")),
            title=str(row.get("title", "")),
            description=str(row.get("description", "")),
            group_name=str(row.get("group_name", "")),
        )
        for row in rows_raw
        if isinstance(row, dict)
    )
    options_raw = data.get("options") or {}
    if not isinstance(options_raw, dict):
        raise ValueError("options must be an object")
    options = {
        str(key): value
        for key, value in options_raw.items()
        if isinstance(value, (str, int)) and not isinstance(value, bool)
    }
    user_id = data.get("user_id")
    if not isinstance(user_id, int) or isinstance(user_id, bool):
        user_id = None
    return BindRequest(
        placement=str(data.get("placement", "")),
        handler=str(data.get("handler", "")),
        title=str(data.get("title", "")),
        description=str(data.get("description", "")),
        group_name=str(data.get("group_name", "")),
        lang_rows=rows,
        options=options,
        user_id=user_id,
    )
