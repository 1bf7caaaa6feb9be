"""``b24admin export`` and ``b24admin sync``: manifests on the command line (a thin shell over
:mod:`b24admin.core.manifest` and :mod:`b24admin.core.sync`).

Exit codes as for every command: 0 all applied; 1 the portal refused some item (or the whole
batch); 2 invalid input or manifest, or ``--yes`` missing where nobody can be asked; 3 network,
TLS or keyring failure, or the sync was interrupted.
"""

from __future__ import annotations

import argparse
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from b24admin.cli_context import (
    EXIT_FAILURE,
    EXIT_INPUT,
    EXIT_OK,
    EXIT_PORTAL,
    PROFILE_HELP,
    CliContext,
    report_problems,
)
from b24admin.core.errors import B24Error, ErrorKind
from b24admin.core.i18n import _, ngettext

if TYPE_CHECKING:
    from b24admin.core.sync import ItemResult, SyncPlan, SyncReport


def add_sync_commands(sub: Any) -> None:
    """Add ``export`` and ``sync`` to the CLI's subparsers."""
    export = sub.add_parser(
        "export", help=_("write the application's widgets (placement.get) to a manifest")
    )
    export.add_argument("--profile", required=True, help=_(PROFILE_HELP))
    export.add_argument("-o", "--output", metavar="FILE", help=_("write here (default: stdout)"))
    export.add_argument(
        "--placement",
        action="append",
        default=[],
        metavar="CODE",
        help=_("only widgets of this placement (repeatable; default: all)"),
    )
    export.set_defaults(func=cmd_export)

    sync = sub.add_parser(
        "sync", help=_("make the portal's widgets match a manifest (plan first, then batches)")
    )
    sync.add_argument("--profile", required=True, help=_(PROFILE_HELP))
    sync.add_argument("file", metavar="FILE", help=_("a manifest (see docs/manifest.md)"))
    sync.add_argument(
        "--prune", action="store_true", help=_("also remove widgets the manifest does not list")
    )
    sync.add_argument("--dry-run", action="store_true", help=_("print the plan, send nothing"))
    sync.add_argument("--yes", action="store_true", help=_("send without asking"))
    sync.set_defaults(func=cmd_sync)


def cmd_export(ctx: CliContext, args: argparse.Namespace) -> int:
    from b24admin.core.manifest import Manifest

    client = ctx.client(args.profile)
    try:
        entries = client.get_bindings()
    finally:
        client.close()
    manifest = Manifest.from_portal(entries, placements=args.placement)
    count = len(manifest.bindings)
    if args.output:
        manifest.save(Path(args.output))
        ctx.out(
            ngettext(
                "Exported {count} widget to {path}.", "Exported {count} widgets to {path}.", count
            ).format(count=count, path=args.output)
        )
    else:
        ctx.stdout.write(manifest.to_json())
        ctx.err(
            ngettext("Exported {count} widget.", "Exported {count} widgets.", count).format(
                count=count
            )
        )
    return EXIT_OK


def cmd_sync(ctx: CliContext, args: argparse.Namespace) -> int:
    from b24admin.core.catalogue import load_catalogue
    from b24admin.core.manifest import Manifest, manifest_problems
    from b24admin.core.sync import compute_plan

    catalogue = load_catalogue()
    manifest = Manifest.load(Path(args.file))
    problems = manifest_problems(manifest, catalogue)
    for number in sorted({n for n, _problem in problems}):
        placement = manifest.bindings[number - 1].placement
        ctx.err(_("Binding {number} ({placement}):").format(number=number, placement=placement))
        report_problems(ctx, [p for n, p in problems if n == number])
    if any(problem.is_error for _number, problem in problems):
        ctx.err(_("Nothing was sent. Fix the problems above and run the command again."))
        return EXIT_INPUT

    client = ctx.client(args.profile)
    try:
        plan = compute_plan(manifest, client.get_bindings(), catalogue, prune=args.prune)
        print_plan(ctx, plan)
        if args.dry_run:
            ctx.out(_("Dry run: nothing was sent."))
            return EXIT_OK
        if not plan.pending:
            ctx.out(_("Nothing to do: the portal already matches the manifest."))
            return EXIT_OK
        if not args.yes and not confirmed(ctx, plan, args.profile):
            return EXIT_INPUT if not ctx.stdin.isatty() else EXIT_OK
        report = run_apply(ctx, client, plan)
    finally:
        client.close()
    print_report(ctx, report)
    return exit_code(report)


def print_plan(ctx: CliContext, plan: SyncPlan) -> None:
    for line in plan.diff_lines():
        ctx.out(line)
    ctx.out(_("Plan: {0}.").format(plan.summary()))


def confirmed(ctx: CliContext, plan: SyncPlan, profile: str) -> bool:
    """Ask on a terminal; refuse (and say why) when nobody can answer."""
    count = len(plan.pending)
    if not ctx.stdin.isatty():
        ctx.err(
            ngettext(
                "Not sending {count} change: standard input is not a terminal, so nobody can "
                "confirm. Add --yes to send without asking (or --dry-run to only see the plan).",
                "Not sending {count} changes: standard input is not a terminal, so nobody can "
                "confirm. Add --yes to send without asking (or --dry-run to only see the plan).",
                count,
            ).format(count=count)
        )
        return False
    question = ngettext(
        "Send {count} change to “{profile}”? {choices} ",
        "Send {count} changes to “{profile}”? {choices} ",
        count,
    )
    # The letters of the language's yes and no; the capital one is what Enter alone means.
    choices = _("[y/N]")
    ctx.stdout.write(question.format(count=count, profile=profile, choices=choices))
    ctx.stdout.flush()
    if is_yes(ctx.stdin.readline()):
        return True
    ctx.out(_("Nothing was sent."))
    return False


def yes_words() -> frozenset[str]:
    """The answers that mean yes: the chosen language's (de "j", "ja") and English y/yes, which
    scripts and people used to other tools type whatever the language."""
    # The words a person may type for yes, separated by commas (the first one is the letter
    # the prompt's "[y/N]" shows).
    words = _("y, yes").split(",")
    return frozenset({"y", "yes", *(word.strip().lower() for word in words if word.strip())})


def is_yes(answer: str) -> bool:
    """True for a yes in the chosen language or in English, in any case; anything else (an
    empty line too) is no."""
    return answer.strip().lower() in yes_words()


def run_apply(ctx: CliContext, client: Any, plan: SyncPlan) -> SyncReport:
    """Apply in a worker thread so Ctrl-C can cancel between batches instead of mid-batch."""
    from b24admin.core.sync import SyncReport, apply_plan

    cancel = threading.Event()
    outcome: list[SyncReport | BaseException] = []

    def progress(done: int, total: int) -> None:
        ctx.err(_("… {done} of {total} done").format(done=done, total=total))

    def work() -> None:
        try:
            outcome.append(apply_plan(client, plan, progress=progress, cancel=cancel))
        except BaseException as exc:  # handed to the main thread, which raises it
            outcome.append(exc)

    worker = threading.Thread(target=work, name="b24admin-sync", daemon=True)
    worker.start()
    while worker.is_alive():
        try:
            worker.join()
        except KeyboardInterrupt:
            cancel.set()
            ctx.err(_("Cancelling: the batch in flight finishes first (an unbind keeps its bind)."))
    result = outcome[0]
    if isinstance(result, BaseException):
        raise result
    assert isinstance(result, SyncReport)
    return result


def print_report(ctx: CliContext, report: SyncReport) -> None:
    from b24admin.core.sync import Outcome

    for result in report.results:
        ctx.out(describe_result(result))
    if report.cancelled:
        ctx.err(_("Cancelled: the items marked “not sent” were not sent."))
    if report.stopped_by is not None:
        error = report.stopped_by
        ctx.err(_("The sync stopped: {why}").format(why=_why(error)))
        if error.advice:
            ctx.err(_("What to do: {advice}").format(advice=error.advice))
        if report.count(Outcome.UNKNOWN):
            ctx.err(
                _(
                    "Items marked “unknown” may or may not have been applied: run the same "
                    "sync again; its plan is computed from what the portal has now."
                )
            )
    ctx.out(_("Result: {0}.").format(report.summary()))


def describe_result(result: ItemResult) -> str:
    """One line per item: the outcome, the widget, and why when it did not apply."""
    from b24admin.core.sync import ACTION_WORDS, OUTCOME_WORDS, SENDING, Outcome

    # Columns as wide as the language's longest word (and a space), so the widgets line up.
    outcomes = {value: _(words) for value, words in OUTCOME_WORDS.items()}
    actions = {action.value: _(ACTION_WORDS[action.value]) for action in SENDING}
    outcome = outcomes[result.outcome.value].ljust(max(map(len, outcomes.values())) + 1)
    action = actions.get(result.item.action.value, result.item.action.value)
    line = f"{outcome} {action.ljust(max(map(len, actions.values())))} {result.item.label()}"
    error, restore_error = result.error, result.restore_error
    if result.outcome is Outcome.RESTORED and error is not None:
        return _("{line}: {why}; the original was bound again").format(line=line, why=_why(error))
    if result.outcome is Outcome.LOST and error is not None:
        if restore_error is not None:
            message = _("{line}: {why}; binding the original again failed ({restore}): it is gone")
            return message.format(line=line, why=_why(error), restore=_why(restore_error))
        message = _("{line}: {why}; binding the original again failed: it is gone")
        return message.format(line=line, why=_why(error))
    if error is not None and result.outcome is not Outcome.APPLIED:
        return f"{line}: {_why(error)}"
    return line


def _why(error: B24Error) -> str:
    return f"{error.summary} [{error.code}]"


def exit_code(report: SyncReport) -> int:
    """0 all applied; 1 the portal refused something; 3 no answer or interrupted."""
    from b24admin.core.sync import Outcome

    if report.stopped_by is not None and report.stopped_by.kind is not ErrorKind.PORTAL:
        return report.stopped_by.exit_code
    refused = (Outcome.FAILED, Outcome.RESTORED, Outcome.LOST)
    if report.stopped_by is not None or any(r.outcome in refused for r in report.results):
        return EXIT_PORTAL
    if report.cancelled:
        return EXIT_FAILURE
    return EXIT_OK
