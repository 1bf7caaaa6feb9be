"""The ``batch`` method (settings/how-to-call-rest-api/batch.md): up to 50 calls in one request,
answered with HTTP 200 and per-call results and errors. ``$result[...]`` references between calls
are not supported."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from b24admin.sandbox.model import RestError
from b24admin.sandbox.params import as_mapping, parse_query, php_array, php_truthy
from b24admin.sandbox.portal import Caller

MAX_BATCH_LENGTH = 50

# (caller, method, params) → result; raises RestError. The time block of one call comes back too.
Invoke = Callable[[Caller, str, dict[str, Any]], Any]
TimeBlock = Callable[[], dict[str, Any]]


def method_name(raw: str) -> str:
    """A REST method name as the server matches it: lowercase, without a ``.json`` suffix."""
    name = raw.strip().strip("/").lower()
    return name[: -len(".json")] if name.endswith(".json") else name


def run_batch(
    caller: Caller, params: dict[str, Any], invoke: Invoke, time_block: TimeBlock
) -> dict[str, Any]:
    """Run ``cmd`` in order for ``caller``; stop at the first error when ``halt`` is set."""
    lowered = {str(key).lower(): value for key, value in params.items()}
    commands = as_mapping(lowered.get("cmd"))
    if len(commands) > MAX_BATCH_LENGTH:
        raise RestError("ERROR_BATCH_LENGTH_EXCEEDED")
    halt = php_truthy(lowered.get("halt"))
    results: dict[str, Any] = {}
    errors: dict[str, Any] = {}
    times: dict[str, Any] = {}
    for key, command in commands.items():
        parts = urlsplit(str(command))
        method = method_name(parts.path)
        call_params = parse_query(parts.query)
        call_params.pop("auth", None)  # a sub-call runs with the batch's own authorization
        try:
            if method == "batch":  # no nested batch since rest 24.0.0 (batch.md)
                raise RestError("ERROR_BATCH_METHOD_NOT_ALLOWED")
            result = invoke(caller, method, call_params)
        except RestError as error:
            errors[key] = {"error": error.code, "error_description": error.description}
            if halt:
                break
            continue
        results[key] = result
        times[key] = time_block()
    return {
        "result": php_array(results),
        "result_error": php_array(errors),
        # None of the sandbox's methods pages, so no call has a total or a next offset.
        "result_total": [],
        "result_next": [],
        "result_time": php_array(times),
    }
