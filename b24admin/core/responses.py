"""Turn an HTTP answer from a portal or the OAuth server into a result or a :class:`B24Error`.

The HTTP status cannot be trusted: placement errors come back with 200, 400 or 403 (the docs pages
disagree, docs/bitrix24-notes.md), so the ``error`` key of the body is read whatever the status.
Answers that are not Bitrix24 JSON at all (a proxy's HTML 502 page, an empty body, JSON cut off
mid-way) become PROTOCOL errors with a redacted excerpt for the details.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from b24admin.core.errors import B24Error, ErrorKind
from b24admin.core.i18n import _
from b24admin.core.redact import redact_params, redact_text
from b24admin.core.strict_json import JsonProblem, json_error, load_json

RESPONSE_EXCERPT_CHARS = 2000
HTML_SUMMARY_CHARS = 200

_SCRIPT_OR_STYLE = re.compile(r"(?is)<(script|style)\b.*?</\1\s*>")
_TAG = re.compile(r"(?s)<[^>]*>")
_SPACES = re.compile(r"\s+")


def parse_response(status: int, content_type: str, body: bytes, *, method: str) -> Any:
    """Return the ``result`` of a REST answer, or raise the :class:`B24Error` it amounts to.

    An ``error`` key wins over any status; a 2xx JSON object with ``result`` is a success;
    anything else is a PROTOCOL error (HTML_RESPONSE, EMPTY_RESPONSE, MALFORMED_RESPONSE).
    """
    decoded = decode_body(status, content_type, body, method=method)
    if isinstance(decoded, dict) and "result" in decoded and 200 <= status < 300:
        return decoded["result"]
    if isinstance(decoded, dict) and "result" in decoded:
        reason = _("HTTP status {status} with a result but no error code").format(status=status)
    else:
        reason = _("The answer has neither 'result' nor 'error'.")
    raise protocol_error(
        "MALFORMED_RESPONSE", status=status, method=method, body=body, description=reason
    )


def decode_body(
    status: int, content_type: str, body: bytes, *, method: str, finite_numbers: bool = True
) -> Any:
    """Decode a JSON answer and raise its ``error`` if it has one; return the decoded value.

    The OAuth token endpoint answers without a ``result`` wrapper, so it uses this directly,
    with ``finite_numbers=False``: its reader clamps an infinite ``expires_in`` rather than
    lose the new token pair over it.
    """
    text = body.decode("utf-8", errors="replace")
    if not text.strip():
        raise protocol_error("EMPTY_RESPONSE", status=status, method=method, body=body)
    if _looks_like_html(content_type, text):
        excerpt = html_excerpt(text)
        raise protocol_error(
            "HTML_RESPONSE", status=status, method=method, body=body, description=excerpt
        )
    try:
        decoded = load_json(text, finite_numbers=finite_numbers)
    except JsonProblem as problem:
        if problem.kind == "syntax":
            raise protocol_error(
                "MALFORMED_RESPONSE",
                status=status,
                method=method,
                body=body,
                description=f"Not valid JSON ({problem.detail}).",
            ) from None
        raise json_error(
            problem,
            "MALFORMED_RESPONSE",
            where=method,
            in_file=False,
            kind=ErrorKind.PROTOCOL,
            http_status=status,
            method=method,
            response=_shorten(redact_text(text), RESPONSE_EXCERPT_CHARS),
        ) from None
    if isinstance(decoded, dict) and decoded.get("error"):
        raise error_from_body(decoded, http_status=status, method=method)
    return decoded


def error_from_body(
    body: dict[str, Any], *, http_status: int | None, method: str, response: str | None = None
) -> B24Error:
    """Build the error for a JSON error object ``{"error", "error_description", "argument"}``.

    Also used for each entry of a batch's ``result_error``.
    """
    code = str(body.get("error") or "UNKNOWN_ERROR")
    description = str(body.get("error_description") or "")
    argument = str(body.get("argument") or "")
    return B24Error.explained(
        code,
        description=description,
        argument=argument,
        http_status=http_status,
        method=method,
        response=response if response is not None else json_excerpt(body),
    )


def protocol_error(
    code: str, *, status: int | None, method: str, body: bytes = b"", description: str = ""
) -> B24Error:
    """A PROTOCOL error: the answer was not something a Bitrix24 server sends."""
    return B24Error.explained(
        code,
        kind=ErrorKind.PROTOCOL,
        description=description,
        http_status=status,
        method=method,
        response=text_excerpt(body.decode("utf-8", errors="replace")),
    )


def html_excerpt(text: str, limit: int = HTML_SUMMARY_CHARS) -> str:
    """The visible words of an HTML page, shortened: enough to recognise '502 Bad Gateway'."""
    visible = _TAG.sub(" ", _SCRIPT_OR_STYLE.sub(" ", text))
    words = _SPACES.sub(" ", html.unescape(visible)).strip()
    return redact_text(_shorten(words, limit))


def json_excerpt(value: Any) -> str:
    """A redacted JSON rendering of ``value``, at most RESPONSE_EXCERPT_CHARS long."""
    if isinstance(value, dict):
        value = redact_params(value)
    return _shorten(json.dumps(value, ensure_ascii=False), RESPONSE_EXCERPT_CHARS)


def text_excerpt(text: str) -> str:
    """A redacted excerpt of raw response text (secret values the client knows are removed
    later by the client, which holds them)."""
    try:
        return json_excerpt(load_json(text))
    except ValueError:  # JsonProblem too: too deep or odd numbers are shown as raw text
        return _shorten(redact_text(text), RESPONSE_EXCERPT_CHARS)


def _looks_like_html(content_type: str, text: str) -> bool:
    # Judge by the body first: some front ends label JSON as text/html.
    start = text.lstrip()[:1]
    if start in ("{", "["):
        return False
    return start == "<" or "html" in content_type.lower()


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
