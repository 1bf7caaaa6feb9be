"""The bind form's draft, so what the user typed survives closing the app.

The form belongs to the user, not to a profile: switching profile only changes where the request
goes, so there is one draft, ``<config_dir>/drafts/form.json``. Earlier versions kept one draft
per profile (``<config_dir>/drafts/<name>.json``); those are still read once, when there is no
form draft yet, so an upgrade loses nothing. A draft is a :class:`BindRequest`, which
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
FORM_FILE = "form.json"


class DraftStore:
    """Loads and saves the bind form's draft (and reads the per-profile drafts of old).

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

    @property
    def form_path(self) -> Path:
        """The form's draft file."""
        return self.directory / FORM_FILE

    def load_form(self, *, legacy_profile: str = "") -> BindRequest | None:
        """The form as the user left it, or ``None``. Without a form draft yet (the first run
        after an upgrade), ``legacy_profile``'s own draft of old, if it has one."""
        if self.form_path.exists():
            return _read(self.form_path)
        return self.load(legacy_profile) if legacy_profile else None

    def save_form(self, request: BindRequest) -> None:
        """Write the form's draft atomically."""
        _write(self.form_path, {"schema": SCHEMA_VERSION, "request": asdict(request)})

    def load(self, profile_name: str) -> BindRequest | None:
        """Return the profile's draft, or ``None`` when there is none or it cannot be read."""
        return _read(self.path_for(profile_name))

    def save(self, profile_name: str, request: BindRequest) -> None:
        """Write the draft atomically (a crash mid-write leaves the previous draft intact)."""
        body = {"schema": SCHEMA_VERSION, "profile": profile_name, "request": asdict(request)}
        _write(self.path_for(profile_name), body)

    def remove(self, profile_name: str) -> None:
        """Forget the profile's draft (when the profile is removed); no error if there is none."""
        try:
            self.path_for(profile_name).unlink()
        except FileNotFoundError:
            pass


def _read(path: Path) -> BindRequest | None:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(raw, dict) or raw.get("schema") != SCHEMA_VERSION:
        return None
    try:
        return _request_from_json(raw.get("request"))
    except (TypeError, ValueError):
        return None


def _write(path: Path, body: dict[str, Any]) -> None:
    """Write atomically: a crash mid-write leaves the previous draft intact."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(body, ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(temporary, path)


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
