"""Client-side validation of a BindRequest that mirrors what the Bitrix24 server checks.

``validate(request, catalogue) -> list[Problem]`` never raises for bad input: every problem is
reported at the field it concerns, as an ERROR (the server would refuse it, or it cannot work) or a
WARNING (accepted, but probably not what the administrator wants). The rules and error codes come
from the Bitrix24 docs (api-reference/widgets/placement-bind.md and each placement's page; see
docs/bitrix24-notes.md); the rules for single values (URLs, OPTIONS) are in
:mod:`b24admin.core.value_rules`.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import partial
from typing import TYPE_CHECKING

from b24admin.core.i18n import N_, _, ngettext
from b24admin.core.problem import Problem, Severity, has_errors, problems_for
from b24admin.core.scope_advice import scope_problem
from b24admin.core.value_rules import check_options, check_url
from b24admin.core.wording import enumeration

if TYPE_CHECKING:
    from b24admin.core.bind_request import BindRequest, LangRow
    from b24admin.core.catalogue import Catalogue, PlacementSpec

__all__ = ["Problem", "Severity", "has_errors", "problems_for", "validate"]

MAX_TEXT_LENGTH = 255  # TITLE, DESCRIPTION, GROUP_NAME and LANG_ALL cells ([src] column size)
_LANG_CODE = re.compile(r"[A-Za-z]{2}")
# The texts as messages name them (at the start of a sentence); a language row's cells too.
_TEXT_NAMES = {
    "TITLE": N_("The title"),
    "DESCRIPTION": N_("The description"),
    "GROUP_NAME": N_("The group name"),
}


def validate(
    request: BindRequest, catalogue: Catalogue, granted_scopes: Collection[str] | None = None
) -> list[Problem]:
    """Check a bind request the way Bitrix24 would, before anything is sent.

    ``granted_scopes``: the token's scopes when known (the connection check found them); a
    placement whose tool scope is missing from them gets a warning naming the scope."""
    problems: list[Problem] = []
    spec = _check_placement(request.placement, catalogue, problems)
    problems += check_url(request.handler, "HANDLER", _("The handler URL"), strict=True)
    _check_texts(request, problems)
    _check_lang_rows(request.lang_rows, catalogue, problems)
    _check_user_id(request.user_id, spec, problems)
    # Unknown codes get no option checks (nothing to check against); a code that
    # placement.bind refuses anyway would only add noise.
    if spec is not None and spec.bindable:
        problems += check_options(request.options, spec, catalogue)
        lacking = scope_problem(spec, granted_scopes)
        if lacking is not None:
            problems.append(lacking)
    return problems


def _check_placement(
    placement: str, catalogue: Catalogue, problems: list[Problem]
) -> PlacementSpec | None:
    code = placement.strip().upper()
    if not code:
        problems.append(
            Problem("PLACEMENT", _("Choose a placement: it is required."), code="ERROR_ARGUMENT")
        )
        return None
    if code == "DEFAULT":
        problems.append(
            Problem(
                "PLACEMENT",
                _(
                    "DEFAULT is the app's own main page, not a widget placement; Bitrix24 "
                    "refuses it (Wrong value). Choose a placement such as LEFT_MENU."
                ),
                code="ERROR_ARGUMENT",
            )
        )
        return None
    spec = catalogue.get(code)
    if spec is None:
        problems.append(
            Problem(
                "PLACEMENT",
                _(
                    "{code} is not a placement b24admin knows. It may be new or misspelled: "
                    "check it against the portal's placement.list before binding."
                ).format(code=code),
                Severity.WARNING,
                code="ERROR_PLACEMENT_NOT_FOUND",
            )
        )
    elif not spec.bindable:
        problems.append(
            Problem(
                "PLACEMENT",
                # The reason is the catalogue's own sentence (translated as it loads).
                _("{code} cannot be registered with placement.bind. {reason}")
                .format(code=code, reason=spec.reason)
                .rstrip(),
            )
        )
    elif spec.deprecated:
        problems.append(Problem("PLACEMENT", spec.reason, Severity.WARNING))
    return spec


def _too_long(value: str, field: str) -> str | None:
    """The problem of a text (``field``: TITLE, DESCRIPTION, GROUP_NAME) over the limit."""
    count = len(value)
    if count <= MAX_TEXT_LENGTH:
        return None
    message = ngettext(
        "{what} has {count} character; Bitrix24 stores at most {limit}. Shorten it by {excess}.",
        "{what} has {count} characters; Bitrix24 stores at most {limit}. Shorten it by {excess}.",
        count,
    )
    return message.format(
        what=_(_TEXT_NAMES[field]),
        count=count,
        limit=MAX_TEXT_LENGTH,
        excess=count - MAX_TEXT_LENGTH,
    )


def _check_texts(request: BindRequest, problems: list[Problem]) -> None:
    for field, value in (
        ("TITLE", request.title),
        ("DESCRIPTION", request.description),
        ("GROUP_NAME", request.group_name),
    ):
        message = _too_long(value, field)
        if message:
            problems.append(Problem(field, message))
        if request.lang_rows and value:
            message = _(
                "{what} is ignored when language rows are given: Bitrix24 then uses only the "
                "language rows. Move it into a language row or clear it."
            ).format(what=_(_TEXT_NAMES[field]))
            problems.append(Problem(field, message, Severity.WARNING))


def _check_lang_rows(
    rows: tuple[LangRow, ...], catalogue: Catalogue, problems: list[Problem]
) -> None:
    first_row: dict[str, int] = {}  # lower-case language -> index of its first row
    for index, row in enumerate(rows):
        problems += _check_lang_row(index, row, catalogue.language_codes, first_row)


def _check_lang_row(
    index: int, row: LangRow, known: tuple[str, ...], first_row: dict[str, int]
) -> list[Problem]:
    at = partial(Problem, "LANG_ALL", row=index)
    found: list[Problem] = []
    lang = row.lang.strip()
    if not lang:
        found.append(at(_("Enter a two-letter language code such as en."), column="lang"))
    elif not _LANG_CODE.fullmatch(lang):
        message = _('"{lang}" is not a language code: use exactly two letters, such as en.')
        found.append(at(message.format(lang=lang), column="lang"))
    elif lang.lower() in first_row:
        # LANG_ALL is keyed by language (and the server's database compares keys without
        # regard to case), so a second row would silently replace the first one.
        message = _(
            'Language "{lang}" is already used in row {row}; each language may appear once. '
            "Remove this row or change its language."
        ).format(lang=lang, row=first_row[lang.lower()] + 1)
        found.append(at(message, column="lang"))
    else:
        first_row[lang.lower()] = index
        if lang not in known:
            if lang.lower() in known:
                message = _('Language codes are lower case: use "{lang}".').format(
                    lang=lang.lower()
                )
            else:
                message = _(
                    '"{lang}" is not one of the Bitrix24 interface languages ({languages}), so '
                    "probably no user will see this row."
                ).format(lang=lang, languages=enumeration(known))
            found.append(at(message, Severity.WARNING, column="lang"))
    if not row.title.strip():
        message = _(
            "Each language row needs a title; Bitrix24 refuses the row otherwise "
            "(Unable to set placements language)."
        )
        found.append(at(message, column="TITLE", code="ERROR_CORE"))
    for column, value in (
        ("TITLE", row.title),
        ("DESCRIPTION", row.description),
        ("GROUP_NAME", row.group_name),
    ):
        message_or_none = _too_long(value, column)
        if message_or_none:
            found.append(at(message_or_none, column=column))
    return found


def _check_user_id(
    user_id: int | None, spec: PlacementSpec | None, problems: list[Problem]
) -> None:
    if user_id is None:
        return
    if user_id < 0:
        problems.append(
            Problem(
                "USER_ID",
                _(
                    "USER_ID must be a user's id, or 0 (or empty) for all users; it cannot be "
                    "negative."
                ),
            )
        )
    elif user_id > 0 and (spec is None or not spec.user_mode):
        problems.append(
            Problem(
                "USER_ID",
                _(
                    "Only PAGE_BACKGROUND_WORKER can be bound for a single user. Clear USER_ID "
                    "(or set 0) to bind this placement for everyone."
                ),
                code="ERROR_PLACEMENT_USER_MODE",
            )
        )
