"""The command line: a thin shell over b24admin.core.

Exit codes: 0 success; 1 the portal answered an error; 2 invalid input; 3 network, TLS or
keyring failure. Secrets are never taken from argv: they come from standard input as one JSON
object when it is not a terminal, or from a prompt without echo.
"""

from __future__ import annotations

import argparse
import getpass
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from b24admin import __version__
from b24admin.cli_context import (
    EXIT_FAILURE,
    EXIT_INPUT,
    EXIT_OK,
    PROFILE_HELP,
    CliContext,
    no_such_profile,
    print_error,
    report_problems,
)
from b24admin.core.bind_request import BindRequest, LangRow
from b24admin.core.errors import B24Error
from b24admin.core.i18n import N_, _, ngettext
from b24admin.core.wording import paragraph, spoken_list


def _input_error(code: str, situation: str = "", **values: str) -> B24Error:
    """A bad-input error in the catalogue's words (``situation`` picks the entry
    ``CODE/situation``; ``values`` fill its placeholders)."""
    from b24admin.core.errors import ErrorKind

    variant = f"{code}/{situation}" if situation else ""
    return B24Error.explained(code, kind=ErrorKind.INPUT, variant=variant, values=values)


# --- secrets from stdin or a prompt ------------------------------------------------------------


#: The hidden prompt for each secret a profile can have (keyed as its JSON on stdin is).
SECRET_PROMPTS = {
    "client_secret": N_("client_secret (typing is hidden): "),
    "access_token": N_("access_token (typing is hidden): "),
    "refresh_token": N_("refresh_token (typing is hidden): "),
    "webhook_url": N_("Incoming webhook URL (typing is hidden): "),
}


def read_secrets(ctx: CliContext, wanted: Sequence[str]) -> dict[str, str]:
    """Read the secrets named in ``wanted`` from stdin JSON (not a terminal) or hidden prompts."""
    if not ctx.stdin.isatty():
        raw = ctx.stdin.read()
        try:
            data = json.loads(raw) if raw.strip() else {}
        except json.JSONDecodeError as exc:
            raise _input_error("BAD_SECRETS_JSON") from exc
        if not isinstance(data, dict):
            raise _input_error("BAD_SECRETS_JSON", "not_object")
        missing = [key for key in wanted if not str(data.get(key) or "").strip()]
        if missing:
            raise _input_error("MISSING_SECRETS", "stdin", names=spoken_list(missing))
        return {key: str(data[key]).strip() for key in wanted}
    secrets = {}
    for key in wanted:
        value = getpass.getpass(_(SECRET_PROMPTS[key])).strip()
        if not value:
            raise _input_error("MISSING_SECRETS", "prompt", name=key)
        secrets[key] = value
    return secrets


# --- commands ----------------------------------------------------------------------------------


def cmd_profile_add(ctx: CliContext, args: argparse.Namespace) -> int:
    from b24admin.core.profiles import AuthKind, Profile, RatePlan, parse_webhook_url
    from b24admin.core.secrets import SecretKind

    auth = AuthKind(args.auth)
    if auth is AuthKind.OAUTH:
        if not args.portal or not args.client_id:
            raise _input_error("MISSING_ARGUMENT", "profile_add")
        wanted = [
            k.value
            for k in (SecretKind.CLIENT_SECRET, SecretKind.ACCESS_TOKEN, SecretKind.REFRESH_TOKEN)
        ]
        secrets = read_secrets(ctx, wanted)
        profile = Profile(
            name=args.name,
            auth=auth,
            portal_url=args.portal,
            client_id=args.client_id,
            rate_plan=RatePlan(args.rate_plan),
            **({"oauth_server": args.oauth_server} if args.oauth_server else {}),
        )
    else:
        secrets = read_secrets(ctx, [SecretKind.WEBHOOK_URL.value])
        portal_url, _user_id = parse_webhook_url(secrets[SecretKind.WEBHOOK_URL.value])
        profile = Profile(
            name=args.name,
            auth=auth,
            portal_url=args.portal or portal_url,
            rate_plan=RatePlan(args.rate_plan),
        )
    ctx.service.save(profile, {SecretKind(k): v for k, v in secrets.items()})
    store = ctx.service.secret_store_for(profile)
    ctx.out(
        _("Saved profile “{name}” ({portal}); secrets are in: {store}.").format(
            name=profile.name, portal=profile.portal_url, store=store.backend_name
        )
    )
    if auth is AuthKind.WEBHOOK:
        ctx.out(
            _(
                "Note: Bitrix24 does not let incoming webhooks register widgets "
                "(placement.bind answers WRONG_AUTH_TYPE). Use a local application profile "
                "(--auth oauth) for bind, list and unbind."
            )
        )
    return EXIT_OK


def cmd_profile_list(ctx: CliContext, args: argparse.Namespace) -> int:
    from b24admin.core.i18n import _

    inventory = ctx.service.store.inventory()
    if not inventory.profiles and not inventory.broken:
        ctx.out(_("No profiles yet. Add one with “b24admin profile add NAME --auth oauth ...”."))
        return EXIT_OK
    for p in inventory.profiles:
        kind = _("local application (OAuth)") if p.auth.value == "oauth" else _("incoming webhook")
        extra = _(", client_id {client_id}").format(client_id=p.client_id) if p.client_id else ""
        ctx.out(f"{p.name}\t{p.portal_url}\t{kind}{extra}")
    for broken in inventory.broken:
        # Listed, never hidden: one bad entry must not look like a lost profile.
        ctx.out(_("{label}\tBROKEN\t{reason}").format(label=broken.label, reason=broken.reason))
    if inventory.broken:
        ctx.err(
            _(
                "Broken profiles are kept in {path} as they are; fix them there or remove "
                "them with “b24admin profile remove NAME” (“--entry N” for one without a name)."
            ).format(path=ctx.service.store.path)
        )
    return EXIT_OK


def cmd_profile_remove(ctx: CliContext, args: argparse.Namespace) -> int:
    from b24admin.core.i18n import _

    store = ctx.service.store
    if args.entry is not None:
        broken = next((b for b in store.inventory().broken if b.number == args.entry), None)
        if broken is None:
            raise no_such_profile(f"#{args.entry}")
        if broken.name:
            ctx.service.remove(broken.name)  # its keyring entries go too
        else:
            store.remove_entry(args.entry)
        ctx.out(_("Removed the broken profile {label}.").format(label=broken.label))
        return EXIT_OK
    if not args.name:
        raise _input_error("MISSING_ARGUMENT", "profile_remove")
    if store.get(args.name) is None and store.broken(args.name) is None:
        raise no_such_profile(args.name)
    ctx.service.remove(args.name)
    ctx.out(_("Removed profile “{name}” and its secrets.").format(name=args.name))
    return EXIT_OK


def parse_lang(spec: str) -> LangRow:
    parts = spec.split(":")
    if len(parts) < 2 or len(parts) > 4:
        raise _input_error("BAD_LANG", spec=repr(spec))
    parts += [""] * (4 - len(parts))
    return LangRow(lang=parts[0], title=parts[1], description=parts[2], group_name=parts[3])


def parse_option(spec: str) -> tuple[str, str]:
    key, sep, value = spec.partition("=")
    if not sep or not key:
        raise _input_error("BAD_OPTION", spec=repr(spec))
    return key.strip(), value


def request_from_args(args: argparse.Namespace) -> BindRequest:
    if args.from_file:
        from b24admin.core.binding_file import load_bind_file

        return load_bind_file(Path(args.from_file))
    if not args.placement or not args.handler:
        raise _input_error("MISSING_ARGUMENT", "bind")
    options: dict[str, str | int] = dict(parse_option(o) for o in args.option)
    return BindRequest(
        placement=args.placement,
        handler=args.handler,
        title=args.title or "",
        description=args.description or "",
        group_name=args.group_name or "",
        lang_rows=tuple(parse_lang(spec) for spec in args.lang),
        options=options,
        user_id=args.user_id,
    )


def cmd_bind(ctx: CliContext, args: argparse.Namespace) -> int:
    from b24admin.core.catalogue import load_catalogue
    from b24admin.core.diagnostics import portal_flag
    from b24admin.core.validation import validate

    request = request_from_args(args)
    problems = validate(request, load_catalogue())
    report_problems(ctx, problems)
    if any(p.is_error for p in problems):
        ctx.err(_("Nothing was sent. Fix the problems above and run the command again."))
        return EXIT_INPUT
    body = request.to_wire()
    if args.dry_run:
        ctx.out(_("placement.bind would be sent with (auth redacted):"))
        ctx.out(json.dumps({**body, "auth": "<redacted>"}, ensure_ascii=False, indent=2))
        return EXIT_OK
    client = ctx.client(args.profile)
    try:
        client.bind(request)
        ctx.out(
            _("Bound {placement} → {handler}.").format(
                placement=body["PLACEMENT"], handler=body["HANDLER"]
            )
        )
        try:
            installed = portal_flag(client.app_info().get("INSTALLED", True))
        except B24Error:
            installed = True  # unknown: say nothing rather than guess
        if not installed:
            ctx.out(
                _(
                    "Reminder: the application's installation is not finished, so the widget "
                    "stays invisible until it is (BX24.installFinish())."
                )
            )
    finally:
        client.close()
    return EXIT_OK


def cmd_list(ctx: CliContext, args: argparse.Namespace) -> int:
    client = ctx.client(args.profile)
    try:
        bindings = client.get_bindings()
    finally:
        client.close()
    if args.json:
        ctx.out(json.dumps(bindings, ensure_ascii=False, indent=2))
        return EXIT_OK
    if not bindings:
        ctx.out(_("This application has no widgets registered on the portal."))
        return EXIT_OK
    for b in bindings:
        user_id = str(b.get("userId", "0"))
        user = _(" user {user_id}").format(user_id=user_id) if user_id not in ("0", "") else ""
        ctx.out(f"{b.get('placement')}{user}  {b.get('handler')}")
        if b.get("title"):
            ctx.out(_("    title: {title}").format(title=b["title"]))
        for lang, entry in (b.get("langAll") or {}).items():
            ctx.out(f"    [{lang}] {entry.get('TITLE', '')}")
        if b.get("options"):
            options = json.dumps(b["options"], ensure_ascii=False)
            ctx.out(_("    options: {options}").format(options=options))
    return EXIT_OK


def cmd_unbind(ctx: CliContext, args: argparse.Namespace) -> int:
    client = ctx.client(args.profile)
    try:
        count = client.unbind(args.placement, args.handler, args.user_id)
    finally:
        client.close()
    removed = count // 2  # the portal counts each match and each delete (placement-unbind.md)
    if removed == 0:
        ctx.out(_("Nothing matched: no widget was removed."))
    else:
        ctx.out(
            ngettext(
                "Removed {removed} widget (portal count {count}).",
                "Removed {removed} widgets (portal count {count}).",
                removed,
            ).format(removed=removed, count=count)
        )
    return EXIT_OK


def cmd_sandbox(ctx: CliContext, args: argparse.Namespace) -> int:
    from b24admin.sandbox import run_forever

    run_forever(port=args.port)
    return EXIT_OK


# --- parser ------------------------------------------------------------------------------------


class HelpFormatter(argparse.HelpFormatter):
    """Wraps option help at spaces only, so fa-rocket, local.XXXX.XXXX or a URL stays whole."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        return paragraph(text, width).splitlines()


class ExamplesHelpFormatter(HelpFormatter, argparse.RawDescriptionHelpFormatter):
    """As HelpFormatter, keeping the epilog's example lines as written."""


def examples_epilog(commands: Sequence[str], note: str) -> str:
    """A subcommand's epilog: example command lines as written, then a note wrapped to the
    terminal's width (a translation gives the note as one line)."""
    import shutil

    width = min(shutil.get_terminal_size().columns, 100) - 2
    lines = [_("Examples:"), *(f"  {command}" for command in commands), ""]
    return "\n".join([*lines, paragraph(note, width)])


class CliParser(argparse.ArgumentParser):
    """The main parser; its subcommands' parsers are made of the same class (argparse uses
    the parent's type), so every --help wraps the same way."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)


def build_parser() -> argparse.ArgumentParser:
    parser = CliParser(
        prog="b24admin",
        description=_(
            "Register, list and remove Bitrix24 widgets (placement.bind). "
            "With no arguments, the window opens."
        ),
    )
    parser.add_argument("--version", action="version", version=f"b24admin {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    profile = sub.add_parser("profile", help=_("connection profiles")).add_subparsers(
        dest="profile_command", required=True
    )
    add = profile.add_parser(
        "add",
        help=_("add a profile; secrets come from stdin JSON or a prompt"),
        formatter_class=ExamplesHelpFormatter,
        epilog=examples_epilog(
            [
                "b24admin profile add prod --auth oauth --portal https://example.bitrix24.com \\",
                "    --client-id local.65a1b2c3d4e5f6.12345678",
                "b24admin profile add hook --auth webhook",
            ],
            _(
                "Secrets are read from standard input as JSON when it is not a terminal, "
                "otherwise asked for at a hidden prompt; they are kept in the system keyring, "
                "never in a file or on the command line. placement.bind works only with the "
                "OAuth token of an installed local application, not with a webhook."
            ),
        ),
    )
    add.add_argument("name", help=_("a name of your choice for this connection, like prod"))
    add.add_argument(
        "--auth",
        choices=["oauth", "webhook"],
        required=True,
        help=_("oauth: a local application's tokens (can bind); webhook: an incoming webhook"),
    )
    add.add_argument(
        "--portal", help=_("https://<portal> (derived from the webhook URL if omitted)")
    )
    add.add_argument("--client-id", help=_("the local application's client_id (local.XXXX.XXXX)"))
    add.add_argument("--oauth-server", help=_("token server (default https://oauth.bitrix.info)"))
    add.add_argument(
        "--rate-plan",
        choices=["standard", "enterprise"],
        default="standard",
        help=_("the portal's plan, for the request rate limit (default: standard)"),
    )
    add.set_defaults(func=cmd_profile_add)
    profile.add_parser("list", help=_("list profiles")).set_defaults(func=cmd_profile_list)
    remove = profile.add_parser("remove", help=_("remove a profile and its keyring entries"))
    remove.add_argument("name", nargs="?", help=_("the profile to remove"))
    remove.add_argument(
        "--entry",
        type=int,
        metavar="N",
        help=_("remove the broken entry N of “b24admin profile list”"),
    )
    remove.set_defaults(func=cmd_profile_remove)

    bind = sub.add_parser(
        "bind",
        help=_("register a widget (placement.bind)"),
        formatter_class=ExamplesHelpFormatter,
        epilog=examples_epilog(
            [
                "b24admin bind --profile prod --placement IM_SIDEBAR \\",
                "    --handler https://app.example.com/sidebar --title Tools \\",
                "    --option iconName=fa-rocket --option context=ALL --dry-run",
                "b24admin bind --profile prod --from widget.json",
            ],
            _(
                "A second bind of the same placement and handler fails: change a widget with "
                "the window's Edit, or unbind it first. The widget shows once the "
                "application's installation is finished."
            ),
        ),
    )
    bind.add_argument("--profile", required=True, help=_(PROFILE_HELP))
    bind.add_argument(
        "--from",
        dest="from_file",
        metavar="FILE.json",
        help=_("placement.bind parameters as the documentation writes them"),
    )
    bind.add_argument("--placement", help=_("where the widget goes, like IM_SIDEBAR"))
    bind.add_argument("--handler", help=_("the https address the portal opens for the widget"))
    bind.add_argument("--title", help=_("the widget's title, when no --lang is given"))
    bind.add_argument("--description", help=_("the widget's description, when no --lang is given"))
    bind.add_argument(
        "--group-name", help=_("the menu group, for the placements that group their items")
    )
    bind.add_argument(
        "--lang",
        action="append",
        default=[],
        metavar="CODE:TITLE[:DESCRIPTION[:GROUP_NAME]]",
        help=_("the texts in one language, like de:Werkzeuge (repeatable)"),
    )
    bind.add_argument(
        "--option",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help=_("one of the placement's OPTIONS, like iconName=fa-rocket (repeatable)"),
    )
    bind.add_argument(
        "--user-id", type=int, help=_("show the widget to this user only (0 or none: everyone)")
    )
    bind.add_argument("--dry-run", action="store_true", help=_("print the request, send nothing"))
    bind.set_defaults(func=cmd_bind)

    listing = sub.add_parser("list", help=_("list the application's widgets (placement.get)"))
    listing.add_argument("--profile", required=True, help=_(PROFILE_HELP))
    listing.add_argument("--json", action="store_true", help=_("print the widgets as JSON"))
    listing.set_defaults(func=cmd_list)

    unbind = sub.add_parser("unbind", help=_("remove widgets (placement.unbind)"))
    unbind.add_argument("--profile", required=True, help=_(PROFILE_HELP))
    unbind.add_argument("--placement", required=True, help=_("the placement, like IM_SIDEBAR"))
    unbind.add_argument("--handler", help=_("without it, EVERY handler of the placement goes"))
    unbind.add_argument("--user-id", type=int, help=_("only the widget bound for this user"))
    unbind.set_defaults(func=cmd_unbind)

    from b24admin.cli_sync import add_sync_commands

    add_sync_commands(sub)

    from b24admin.desktop_entry import add_desktop_entry_commands

    add_desktop_entry_commands(sub)

    from b24admin.cli_try import add_try_commands

    add_try_commands(sub)

    sandbox = sub.add_parser(
        "sandbox", help=_("run the local sandbox portal and print how to connect")
    )
    sandbox.add_argument(
        "--port", type=int, default=8024, help=_("the loopback port to listen on (default 8024)")
    )
    sandbox.set_defaults(func=cmd_sandbox)
    add_global_options(parser)
    return parser


def add_global_options(parser: argparse.ArgumentParser) -> None:
    """Options every command takes, before or after its name (``b24admin --timeout 5 list``
    and ``b24admin list --timeout 5`` both work). A command with its own ``--timeout`` keeps
    it."""
    if "--timeout" in parser._option_string_actions:
        return
    parser.add_argument(
        "--timeout",
        metavar="SECONDS",
        default=argparse.SUPPRESS,  # a subcommand's copy must not reset the main one's value
        help=_(
            "whole-call deadline for every HTTP exchange, connect plus all reads "
            "(default 60, or the environment variable B24ADMIN_TIMEOUT)"
        ),
    )
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                add_global_options(child)


def apply_global_options(args: argparse.Namespace) -> None:
    """Put the global options into effect for this run (B24Error INPUT when malformed)."""
    from b24admin.core.http_exchange import configure_deadline, parse_deadline

    timeout = getattr(args, "timeout", None)
    configure_deadline(parse_deadline(str(timeout), source="--timeout") if timeout else None)


def main(argv: Sequence[str] | None = None, ctx: CliContext | None = None) -> int:
    ctx = ctx or CliContext()
    from b24admin.core.i18n import setup

    setup()  # B24ADMIN_LANGUAGE, the View → Language choice, or the locale; argparse too
    parser = build_parser()
    try:
        args = parser.parse_args(list(argv) if argv is not None else None)
    except SystemExit as exc:  # argparse: usage errors are invalid input
        return EXIT_INPUT if exc.code not in (0, None) else EXIT_OK
    try:
        apply_global_options(args)
        return int(args.func(ctx, args))
    except B24Error as error:
        print_error(ctx, error)
        return error.exit_code
    except KeyboardInterrupt:
        ctx.err(_("Interrupted."))
        return EXIT_FAILURE
    finally:
        apply_global_options(argparse.Namespace())  # in-process callers (tests) start afresh
