"""The profiles file itself: ``<config_dir>/profiles.json``, read as a list of raw entries and
written whole and atomically. What an entry means is :mod:`b24admin.core.profiles`' business.

Only problems of the whole file (unreadable, not JSON, no schema version, too new) are raised
here; one entry of the wrong shape is the entry's problem, so the other profiles keep working.
The file is written back with every entry it was read with, broken ones included, so a bad
entry never silently disappears.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from b24admin.core.errors import B24Error, ErrorKind

PROFILES_FILE = "profiles.json"
SCHEMA_VERSION = 1
# Far above any real list of profiles; a bigger file is something else, and is not read whole.
MAX_FILE_BYTES = 4 * 1024 * 1024


def _file_error(code: str, path: Path, variant: str = "", **values: object) -> B24Error:
    description = str(values.pop("description", ""))
    return B24Error.explained(
        code,
        kind=ErrorKind.INPUT,
        variant=variant,
        description=description,
        values={"path": str(path), **values},
    )


def _corrupt(path: Path, why: str, **values: object) -> B24Error:
    return _file_error("PROFILES_FILE_CORRUPT", path, f"PROFILES_FILE_CORRUPT/{why}", **values)


def read_entries(path: Path) -> list[Any]:
    """The raw entries of the file, in order; [] when there is no file yet.

    Raises B24Error (INPUT) PROFILES_FILE_CORRUPT or PROFILES_FILE_TOO_NEW; the file is never
    changed by a failed read.
    """
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise _corrupt(path, "unreadable", description=exc.strerror or str(exc)) from None
    if len(raw) > MAX_FILE_BYTES:
        raise _corrupt(path, "too_large", limit=MAX_FILE_BYTES)
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise _corrupt(path, "unreadable", description=str(exc)) from None
    except json.JSONDecodeError as exc:
        description = f"line {exc.lineno}: {exc.msg}"
        raise _corrupt(path, "not_json", description=description) from None
    except RecursionError:
        raise _corrupt(path, "too_deep") from None
    except ValueError as exc:  # e.g. an integer of more digits than Python converts
        raise _corrupt(path, "not_json", description=str(exc)) from None
    version = data.get("schema_version") if isinstance(data, dict) else None
    if not isinstance(version, int) or isinstance(version, bool):
        raise _corrupt(path, "no_version")
    if version > SCHEMA_VERSION:
        raise _file_error("PROFILES_FILE_TOO_NEW", path, version=version, supported=SCHEMA_VERSION)
    assert isinstance(data, dict)
    entries = data.get("profiles", [])
    if not isinstance(entries, list):
        raise _corrupt(path, "not_list")
    return entries


def write_entries(path: Path, entries: list[Any]) -> None:
    """Write the whole file atomically (temp file + os.replace), readable by the user only.

    Raises B24Error PROFILES_WRITE_FAILED; the previous file is then left as it was.
    """
    document = {"schema_version": SCHEMA_VERSION, "profiles": entries}
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    directory = path.parent
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        # mkstemp creates the file 0600, so it is never readable by others, not even briefly.
        fd, temp = tempfile.mkstemp(prefix=".profiles-", suffix=".tmp", dir=directory)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temp, 0o600)
            os.replace(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise _file_error(
            "PROFILES_WRITE_FAILED", path, description=exc.strerror or str(exc)
        ) from None
