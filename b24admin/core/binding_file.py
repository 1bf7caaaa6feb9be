"""placement.bind parameters written by a person: a ``bind --from`` file, or one binding of a
manifest. Every value of the wrong kind is refused with the file and the place named
(``widget.json: LANG_ALL.de.TITLE``), so nothing reaches the portal as ``str({...})``.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from b24admin.core.answer_shapes import kind_of
from b24admin.core.bind_request import BindRequest
from b24admin.core.errors import B24Error, ErrorKind
from b24admin.core.i18n import N_, _
from b24admin.core.strict_json import JsonProblem, json_error, load_json

TEXT_KEYS = ("PLACEMENT", "HANDLER", "TITLE", "DESCRIPTION", "GROUP_NAME")
ROW_KEYS = ("TITLE", "DESCRIPTION", "GROUP_NAME")


def file_shape_error(code: str, source: str, place: str, expected: str, value: Any) -> B24Error:
    """INPUT error: ``source`` holds a value of the wrong kind at ``place``. ``expected`` is an
    untranslated N_ text with a ``{got}`` placeholder. No ``description``: that is shown as
    what the server said, and nothing was sent; the summary names the place and the kind."""
    return B24Error.explained(
        code,
        kind=ErrorKind.INPUT,
        variant="BAD_JSON_FILE/shape",
        argument=place,
        values={
            "where": source,
            "place": place,
            "expected": _(expected).format(got=kind_of(value)),
        },
    )


def _is_whole_number(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def check_binding_shape(entry: Mapping[str, Any], *, code: str, source: str, place: str) -> None:
    """Raise ``code`` (INPUT) for the first value of the wrong kind in ``entry``.

    ``place`` is the path of ``entry`` in its file ("" for a whole ``--from`` file)."""

    def at(*parts: str) -> str:
        return ".".join(p for p in (place, *parts) if p)

    upper = {str(k).upper(): (k, v) for k, v in entry.items()}
    for name in TEXT_KEYS:
        if name in upper and not isinstance(upper[name][1], str):
            key, value = upper[name]
            raise file_shape_error(code, source, at(key), N_("text, not {got}"), value)
    if "LANG_ALL" in upper:
        key, rows = upper["LANG_ALL"]
        if rows == []:
            rows = {}
        if not isinstance(rows, Mapping):
            expected = N_("an object keyed by language code, not {got}")
            raise file_shape_error(code, source, at(key), expected, rows)
        for lang, row in rows.items():
            if not isinstance(row, Mapping):
                expected = N_("an object with TITLE, DESCRIPTION and GROUP_NAME, not {got}")
                raise file_shape_error(code, source, at(key, lang), expected, row)
            for field, value in row.items():
                if str(field).upper() in ROW_KEYS and not isinstance(value, str):
                    expected = N_("text, not {got}")
                    raise file_shape_error(code, source, at(key, lang, field), expected, value)
    if "OPTIONS" in upper:
        key, options = upper["OPTIONS"]
        if options == []:
            options = {}
        if not isinstance(options, Mapping):
            expected = N_("an object of option names and values, not {got}")
            raise file_shape_error(code, source, at(key), expected, options)
        for name, value in options.items():
            if value is not None and not isinstance(value, str) and not _is_whole_number(value):
                expected = N_("text or a whole number, not {got}")
                raise file_shape_error(code, source, at(key, name), expected, value)
    if "USER_ID" in upper:
        key, user = upper["USER_ID"]
        if user not in (None, "") and not _is_whole_number(user) and not str(user).isdigit():
            expected = N_("a user's number, not {got}")
            raise file_shape_error(code, source, at(key), expected, user)


def load_bind_file(path: Path) -> BindRequest:
    """The BindRequest of a ``bind --from`` file; BAD_FILE (INPUT) naming the place if not."""
    source = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise B24Error.explained(
            "BAD_FILE",
            kind=ErrorKind.INPUT,
            variant="BAD_FILE/unreadable",
            values={"path": source, "reason": str(exc.strerror or exc)},
        ) from exc
    except UnicodeDecodeError as exc:
        raise B24Error.explained(
            "BAD_FILE", kind=ErrorKind.INPUT, variant="BAD_FILE/encoding", values={"where": source}
        ) from exc
    try:
        wire = load_json(text, reject_duplicates=True)
    except JsonProblem as problem:
        raise json_error(problem, "BAD_FILE", where=source, in_file=True) from None
    if not isinstance(wire, dict):
        expected = N_("one object of placement.bind parameters, not {got}")
        raise file_shape_error("BAD_FILE", source, _("the top level"), expected, wire)
    check_binding_shape(wire, code="BAD_FILE", source=source, place="")
    try:
        return BindRequest.from_wire(wire)
    except ValueError as exc:  # a shape from_wire knows and the check above does not
        raise B24Error.explained(
            "BAD_FILE",
            kind=ErrorKind.INPUT,
            variant="BAD_FILE/invalid",
            values={"path": source, "reason": str(exc)},
        ) from exc
