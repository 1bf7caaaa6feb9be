"""The ``batch`` method's wire format: commands out, per-command results and errors back.

settings/how-to-call-rest-api/batch.md: ``cmd`` maps a key to
``"method?param=value&..."`` (at most 50), nested parameters use PHP bracket keys
(``OPTIONS[iconName]=x``, ``LANG_ALL[en][TITLE]=y``), and in a JSON body these strings are
URL-encoded once (not twice, as in a URL query). The answer is HTTP 200 even when commands fail:
``result.result`` holds the successes and ``result.result_error`` the failures, by key.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from b24admin.core.errors import B24Error
from b24admin.core.responses import error_from_body

BATCH_LIMIT = 50


@dataclass
class BatchCommand:
    """One command of a batch: its key in the answer, the REST method and its parameters."""

    key: str
    method: str
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass
class BatchResult:
    """Each command's outcome. ``not_run`` lists keys the portal skipped (``halt`` after an
    error). ``total``/``next`` are the list-paging values some methods report."""

    results: dict[str, Any]
    errors: dict[str, B24Error]
    not_run: list[str] = field(default_factory=list)
    total: dict[str, int] = field(default_factory=dict)
    next: dict[str, int] = field(default_factory=dict)
    time: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when every command ran and none failed."""
        return not self.errors and not self.not_run


def encode_query(params: Mapping[str, Any]) -> str:
    """URL-encode ``params`` as a PHP-style query string with bracketed nested keys.

    Booleans become 1/0 (PHP reads "0" as false, while the string "false" would be true);
    None becomes an empty value; empty mappings and lists send nothing.
    """
    pairs: list[tuple[str, str]] = []
    for key, value in params.items():
        _flatten(str(key), value, pairs)
    return "&".join(f"{quote(k, safe='[]')}={quote(v, safe='')}" for k, v in pairs)


def _flatten(prefix: str, value: Any, out: list[tuple[str, str]]) -> None:
    if isinstance(value, Mapping):
        for key, item in value.items():
            _flatten(f"{prefix}[{key}]", item, out)
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            _flatten(f"{prefix}[{index}]", item, out)
    elif isinstance(value, bool):
        out.append((prefix, "1" if value else "0"))
    elif value is None:
        out.append((prefix, ""))
    else:
        out.append((prefix, str(value)))


def encode_command(method: str, params: Mapping[str, Any]) -> str:
    """``"method?query"`` as one ``cmd`` entry (just the method when there are no params)."""
    query = encode_query(params)
    return f"{method}?{query}" if query else method


def parse_batch_answer(answer: Any, commands: Sequence[BatchCommand]) -> BatchResult:
    """Split a batch ``result`` into per-key results and per-key B24Errors."""
    if not isinstance(answer, Mapping):
        answer = {}
    methods = {command.key: command.method for command in commands}
    results = _as_dict(answer.get("result"))
    errors: dict[str, B24Error] = {}
    for key, raw in _as_dict(answer.get("result_error")).items():
        # Some versions answer a bare message string instead of an error object.
        body = dict(raw) if isinstance(raw, Mapping) else {"error_description": str(raw)}
        errors[key] = error_from_body(body, http_status=None, method=methods.get(key, ""))
    not_run = [c.key for c in commands if c.key not in results and c.key not in errors]
    return BatchResult(
        results=results,
        errors=errors,
        not_run=not_run,
        total=_counts(answer.get("result_total")),
        next=_counts(answer.get("result_next")),
        time=_as_dict(answer.get("result_time")),
    )


def _as_dict(value: Any) -> dict[str, Any]:
    # PHP serializes an empty array as [], a keyed one as {}; a list cmd gives list results.
    if isinstance(value, Mapping):
        return {str(k): v for k, v in value.items()}
    if isinstance(value, list):
        return {str(i): v for i, v in enumerate(value)}
    return {}


def _counts(value: Any) -> dict[str, int]:
    return {k: int(v) for k, v in _as_dict(value).items() if str(v).isdigit()}
