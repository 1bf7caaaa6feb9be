"""``b24admin try-handler``: send a widget's handler what the portal sends when a user opens the
widget, and say whether the widget would show (a thin shell over
:mod:`b24admin.core.handler_try`).

Exit codes as for every command: 0 the handler answered 2xx and the portal may frame it; 1 it
answered but the widget would not show (a non-2xx status, framing refused); 2 invalid input;
3 it could not be reached (network, TLS, deadline). ``--profile`` supplies only the portal's
address: no secret of the profile is read, let alone sent.
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from b24admin.cli_context import CliContext
from b24admin.core.errors import B24Error
from b24admin.core.i18n import _

if TYPE_CHECKING:
    from b24admin.core.framing import Verdict
    from b24admin.core.handler_try import HandlerTryResult


def add_try_commands(sub: Any) -> None:
    """Add ``try-handler`` to the CLI's subparsers."""
    command = sub.add_parser(
        "try-handler",
        help=_(
            "open a widget's handler as the portal would, and say whether the widget would show"
        ),
    )
    command.add_argument(
        "--placement", required=True, metavar="CODE", help=_("the placement, like IM_SIDEBAR")
    )
    command.add_argument(
        "--handler",
        required=True,
        metavar="URL",
        help=_("the https address the portal opens for the widget"),
    )
    command.add_argument(
        "--context",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help=_("set or override a PLACEMENT_OPTIONS key (repeatable)"),
    )
    command.add_argument(
        "--lang", metavar="LL", help=_("LANG sent (default: your language, or en)")
    )
    command.add_argument(
        "--profile", help=_("pretend to be this profile's portal (its address only; no secret)")
    )
    command.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    command.set_defaults(func=cmd_try_handler)


def cmd_try_handler(ctx: CliContext, args: argparse.Namespace) -> int:
    from b24admin.core.catalogue import load_catalogue
    from b24admin.core.handler_context import (
        PortalIdentity,
        parse_context_overrides,
        user_language,
    )
    from b24admin.core.handler_try import try_handler

    catalogue = load_catalogue()
    overrides = parse_context_overrides(args.context)
    portal = PortalIdentity()
    if args.profile:
        profile = ctx.service.store.get(args.profile)
        if profile is None:
            raise B24Error.invalid_input(
                "NO_SUCH_PROFILE",
                _("There is no profile named “{name}”.").format(name=args.profile),
                _("See “b24admin profile list”."),
            )
        portal = PortalIdentity.from_profile(profile)
    lang = (args.lang or user_language(catalogue.language_codes)).strip().lower()
    result = try_handler(
        args.placement,
        args.handler,
        catalogue,
        portal=portal,
        lang=lang,
        overrides=overrides,
    )  # the deadline and size limit of every call: --timeout, else B24ADMIN_TIMEOUT, else 60 s
    if args.json:
        ctx.out(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        for line in describe(result):
            ctx.out(line)
    return result.exit_code


def describe(result: HandlerTryResult) -> list[str]:
    """The result in words, one line each (shared by the CLI and the window's panel)."""
    from b24admin.core.redact import redact_url

    request = result.request
    portal = result.portal.domain + ("" if result.portal.known else _(" (an example portal)"))
    lines = [
        _("{method} {url}").format(method=request.method, url=redact_url(request.url)),
        _("as {portal} opens a widget of {placement}").format(
            portal=portal, placement=request.placement
        ),
    ]
    context = request.context
    if context is not None and context.note:
        lines.append(_("Note: {note}").format(note=context.note))
    for hop in result.redirects:
        lines.append(
            _("Redirect: {status} {url} → {location}").format(
                status=hop.status, url=redact_url(hop.url), location=redact_url(hop.location)
            )
        )
    if result.error is not None:
        lines.append(_("Not reached: {summary}").format(summary=result.error.summary))
        if result.error.advice:
            lines.append(_("What to do: {advice}").format(advice=result.error.advice))
        if result.error.description:
            lines.append(_("Detail: {detail}").format(detail=result.error.description))
    else:
        lines += _answer_lines(result)
    if result.reachability is not None:
        lines += _verdict_lines(_("Reachable by the portal"), result.reachability)
    if result.error is None:
        verdict = (
            _("the widget would show.") if result.would_show else _("the widget would NOT show.")
        )
    else:
        verdict = _("the widget would stay blank.")
    lines.append(_("Verdict: {verdict}").format(verdict=verdict))
    return lines


def _answer_lines(result: HandlerTryResult) -> list[str]:
    lines = [
        _("Status: {status} {reason}").format(status=result.status, reason=result.reason).strip(),
        _("Time: first byte {ttfb} ms, total {total} ms").format(
            ttfb=_ms(result.time_to_first_byte), total=_ms(result.total_time)
        ),
        _("Content: {type}, {size} bytes").format(
            type=result.content_type or _("no content type"),
            size=result.size,
        ),
        _("TLS: {tls}").format(tls=result.tls),
    ]
    if not result.answered_ok:
        lines.append(
            _("The handler answered {status}, not 2xx: users would see an error page.").format(
                status=result.status
            )
        )
    if result.framing is not None:
        lines += _verdict_lines(_("Shown in the portal's frame"), result.framing)
    return lines


def _verdict_lines(title: str, verdict: Verdict) -> list[str]:
    answer = _("yes") if verdict.ok else _("NO")
    lines = [
        _("{title}: {answer} — {summary}").format(
            title=title, answer=answer, summary=verdict.summary
        )
    ]
    if verdict.advice:
        lines.append(_("  What to change: {advice}").format(advice=verdict.advice))
    return lines


def _ms(seconds: float | None) -> str:
    return "—" if seconds is None else str(round(seconds * 1000))
