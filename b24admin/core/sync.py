"""Sync a manifest to a portal: a plan (add, change, unchanged, remove) computed against
placement.get, shown before anything is sent, then applied through ``batch`` in chunks.

Why the shapes here: placement.get has no ids, so a widget is its (placement, handler, user). A
change is unbind + bind (a second bind of the same handler fails, docs/bitrix24-notes.md), always in
the same batch and in that order; if the bind fails after the unbind removed the original, the
original is bound again (in the next batch) so nothing is lost. A batch that never got an answer
(network) may or may not have run: its items are reported as unknown and the sync stops, so the next
placement.get shows the truth.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Protocol

from b24admin.core.batch import BATCH_LIMIT, BatchCommand, BatchResult
from b24admin.core.bind_request import BindRequest
from b24admin.core.catalogue import Catalogue
from b24admin.core.errors import B24Error, ErrorKind
from b24admin.core.i18n import N_, _
from b24admin.core.manifest import (
    BindingKey,
    Manifest,
    binding_key,
    differences,
    portal_key,
    portal_matches,
    request_from_portal,
)

# After the client's own retries gave up on QUERY_LIMIT_EXCEEDED (someone else is using the
# portal's bucket), the sync waits this long before sending the same batch again: a standard
# bucket drains 2 requests a second, so 15 s frees 30 slots.
RATE_LIMIT_PAUSES: tuple[float, ...] = (15.0, 30.0, 60.0)

# Whole-batch failures after which the batch may have run: the request left, the answer did not
# come back (or came from a proxy). Any other failure means the portal refused it unrun.
MAY_HAVE_RUN = frozenset({ErrorKind.NETWORK, ErrorKind.TIMEOUT, ErrorKind.PROTOCOL})


class Action(str, Enum):
    """What the plan does with one binding."""

    ADD = "add"
    CHANGE = "change"  # unbind + bind
    UNCHANGED = "unchanged"
    REMOVE = "remove"  # only with prune
    KEEP = "keep"  # on the portal, not in the manifest, and prune is off


class Outcome(str, Enum):
    """What happened to one plan item."""

    APPLIED = "applied"
    FAILED = "failed"  # the portal refused; the portal is as it was before this item
    RESTORED = "restored"  # a change's bind failed; the original was bound again
    LOST = "lost"  # a change's bind failed and so did the restore: the original is gone
    UNKNOWN = "unknown"  # the batch got no answer; refresh to see what happened
    NOT_SENT = "not sent"  # cancelled, or the sync stopped before this item


SENDING = (Action.ADD, Action.CHANGE, Action.REMOVE)

# An action and an outcome in words, by value: the CLI's result lines and the sync dialog's plan.
ACTION_WORDS = {
    "add": N_("add"),
    "change": N_("change"),
    "remove": N_("remove"),
    "unchanged": N_("unchanged"),
    "keep": N_("not in manifest, kept"),
}
OUTCOME_WORDS = {
    "applied": N_("applied"),
    "failed": N_("failed"),
    "restored": N_("restored"),
    "lost": N_("lost"),
    "unknown": N_("unknown"),
    "not sent": N_("not sent"),
}

# The plan's and the report's one-line counts ("3 to add", "2 applied"), by action / outcome.
_PLANNED = {
    Action.ADD: N_("{count} to add"),
    Action.CHANGE: N_("{count} to change"),
    Action.REMOVE: N_("{count} to remove"),
}
_ENDED = {
    Outcome.APPLIED: N_("{count} applied"),
    Outcome.FAILED: N_("{count} failed"),
    Outcome.RESTORED: N_("{count} restored"),
    Outcome.LOST: N_("{count} lost"),
    Outcome.UNKNOWN: N_("{count} unknown"),
    Outcome.NOT_SENT: N_("{count} not sent"),
}


@dataclass(frozen=True)
class PlanItem:
    """One binding's place in the plan."""

    action: Action
    key: BindingKey
    desired: BindRequest | None = None  # what the manifest wants (ADD, CHANGE, UNCHANGED)
    current: BindRequest | None = None  # what the portal has (CHANGE, UNCHANGED, REMOVE, KEEP)
    changes: tuple[str, ...] = ()  # for CHANGE: what differs, one line per field

    def label(self) -> str:
        placement, handler, user = self.key
        if user:
            return _("{placement} → {handler} (user {user})").format(
                placement=placement, handler=handler, user=user
            )
        return f"{placement} → {handler}"


@dataclass(frozen=True)
class SyncPlan:
    """Every binding of the manifest and of the portal, with what the sync does to it."""

    items: tuple[PlanItem, ...]

    @property
    def pending(self) -> tuple[PlanItem, ...]:
        """The items that send something, in the order they are sent: removals first.

        A removal can free what an add needs: REST_APP_URI and PAGE_BACKGROUND_WORKER keep one
        handler (per user), and a handler URL is unique per placement whatever the user
        (universal/*.md; docs/bitrix24-notes.md). Moving a widget to a new URL or user with --prune
        is an add plus a removal; sent the other way round, the add would fail and the removal still
        go.
        """
        removals = tuple(i for i in self.items if i.action is Action.REMOVE)
        others = tuple(i for i in self.items if i.action in (Action.ADD, Action.CHANGE))
        return removals + others

    def count(self, action: Action) -> int:
        return sum(1 for i in self.items if i.action is action)

    def summary(self) -> str:
        """One line: how many of each action."""
        parts = [_(_PLANNED[a]).format(count=self.count(a)) for a in SENDING]
        parts.append(_("{count} unchanged").format(count=self.count(Action.UNCHANGED)))
        if self.count(Action.KEEP):
            kept = _("{count} not in the manifest (kept; --prune removes)")
            parts.append(kept.format(count=self.count(Action.KEEP)))
        return _(", ").join(parts)

    def diff_lines(self) -> list[str]:
        """The plan as a diff: ``+`` add, ``~`` change (with what changes), ``-`` remove,
        ``=`` unchanged, ``?`` on the portal only and kept."""
        marks = {
            Action.ADD: "+",
            Action.CHANGE: "~",
            Action.REMOVE: "-",
            Action.UNCHANGED: "=",
            Action.KEEP: "?",
        }
        lines = []
        for item in self.items:
            lines.append(f"{marks[item.action]} {item.label()}")
            lines += [f"    {change}" for change in item.changes]
        return lines


def compute_plan(
    manifest: Manifest,
    portal_entries: Iterable[Mapping[str, Any]],
    catalogue: Catalogue,
    *,
    prune: bool = False,
) -> SyncPlan:
    """Compare what the manifest wants with what placement.get reports (sends nothing)."""
    current = {portal_key(entry): entry for entry in portal_entries}
    items: list[PlanItem] = []
    for desired in manifest.bindings:
        key = binding_key(desired)
        entry = current.pop(key, None)
        if entry is None:
            items.append(PlanItem(Action.ADD, key, desired=desired))
            continue
        existing = request_from_portal(entry)
        if portal_matches(desired, entry, catalogue):
            items.append(PlanItem(Action.UNCHANGED, key, desired=desired, current=existing))
        else:
            changes = tuple(differences(desired, entry, catalogue))
            items.append(PlanItem(Action.CHANGE, key, desired, existing, changes))
    for key, entry in current.items():
        action = Action.REMOVE if prune else Action.KEEP
        items.append(PlanItem(action, key, current=request_from_portal(entry)))
    return SyncPlan(tuple(items))


@dataclass
class ItemResult:
    """The outcome of one plan item."""

    item: PlanItem
    outcome: Outcome
    error: B24Error | None = None  # why the item failed
    restore_error: B24Error | None = None  # why restoring the original failed (LOST)


@dataclass
class SyncReport:
    """Every sent item's outcome, in plan order."""

    results: list[ItemResult] = field(default_factory=list)
    cancelled: bool = False
    stopped_by: B24Error | None = None  # a failure of a whole batch call that ended the sync
    batches: int = 0  # batch calls answered
    rate_limit_pauses: int = 0  # times the sync itself waited out QUERY_LIMIT_EXCEEDED

    def count(self, outcome: Outcome) -> int:
        return sum(1 for r in self.results if r.outcome is outcome)

    @property
    def ok(self) -> bool:
        """True when every item was applied and nothing stopped or cancelled the sync."""
        return (
            all(r.outcome is Outcome.APPLIED for r in self.results)
            and self.stopped_by is None
            and not self.cancelled
        )

    def summary(self) -> str:
        """One line: how many items ended how."""
        parts = [_(_ENDED[o]).format(count=self.count(o)) for o in Outcome if self.count(o)]
        return _(", ").join(parts) or _("nothing to send")


class BatchClient(Protocol):
    """What the sync needs of a PortalClient."""

    def batch(self, commands: Sequence[BatchCommand], *, halt: bool = False) -> BatchResult: ...


def unbind_params(key: BindingKey) -> dict[str, Any]:
    """placement.unbind's parameters that remove exactly the handler with ``key``."""
    placement, handler, user = key
    # Always with HANDLER (without it the portal removes every handler of the placement) and
    # USER_ID (the portal filters on it exactly, so 0 touches only the all-users handler).
    return {"PLACEMENT": placement, "HANDLER": handler, "USER_ID": user}


def _commands_for(index: int, item: PlanItem) -> list[BatchCommand]:
    if item.action is Action.ADD:
        assert item.desired is not None
        return [BatchCommand(f"b{index}", "placement.bind", item.desired.to_wire())]
    if item.action is Action.CHANGE:
        assert item.desired is not None
        return [
            BatchCommand(f"u{index}", "placement.unbind", unbind_params(item.key)),
            BatchCommand(f"b{index}", "placement.bind", item.desired.to_wire()),
        ]
    return [BatchCommand(f"u{index}", "placement.unbind", unbind_params(item.key))]


def _removed_something(answer: BatchResult, key: str) -> bool:
    result = answer.results.get(key)
    # count is about 2 × removed (placement-unbind.md); 0 means nothing matched. Unreadable: assume
    # removed.
    if isinstance(result, Mapping):
        try:
            return int(result.get("count", 1)) > 0
        except (TypeError, ValueError):
            return True
    return True


class _Cancelled(Exception):
    """Cancel was pressed while the sync waited out the portal's rate limit."""


def _send_chunk(
    client: BatchClient,
    chunk: list[BatchCommand],
    interrupt: threading.Event,
    pauses: Sequence[float],
    report: SyncReport,
) -> BatchResult:
    """One batch call; QUERY_LIMIT_EXCEEDED (the batch did not run) is waited out and resent."""
    for pause in (*pauses, None):
        try:
            return client.batch(chunk, halt=False)
        except B24Error as error:
            if error.code != "QUERY_LIMIT_EXCEEDED" or pause is None:
                raise
        report.rate_limit_pauses += 1
        if interrupt.wait(pause):
            raise _Cancelled
    raise AssertionError("unreachable")  # pragma: no cover - the loop returns or raises


def apply_plan(
    client: BatchClient,
    plan: SyncPlan,
    *,
    progress: Callable[[int, int], None] | None = None,
    on_result: Callable[[ItemResult], None] | None = None,
    cancel: threading.Event | None = None,
    rate_limit_pauses: Sequence[float] = RATE_LIMIT_PAUSES,
) -> SyncReport:
    """Send the plan's pending items through ``batch``, at most 50 commands a call.

    ``progress`` gets (items done, items total) after each batch; ``on_result`` each item's
    result as soon as it is final. ``cancel`` is checked between batches (and during a
    rate-limit pause), so an unbind is never separated from its bind; originals that a failed
    change removed are bound again even after a cancel.
    """
    pending = list(enumerate(plan.pending))
    report = SyncReport()
    restores: list[tuple[int, PlanItem, B24Error]] = []  # changes whose bind failed
    results: dict[int, ItemResult] = {}
    total = len(pending)
    never = threading.Event()

    def finish(index: int, result: ItemResult) -> None:
        results[index] = result
        if on_result is not None:
            on_result(result)

    while pending or restores:
        if cancel is not None and cancel.is_set() and pending:
            # Stop sending new items, but still put back any original a failed change removed.
            report.cancelled = True
            for index, item in pending:
                finish(index, ItemResult(item, Outcome.NOT_SENT))
            pending = []
            if not restores:
                break
        chunk: list[BatchCommand] = []
        restoring = restores[:BATCH_LIMIT]
        restores = restores[len(restoring) :]
        for index, item, _error in restoring:
            assert item.current is not None
            chunk.append(BatchCommand(f"r{index}", "placement.bind", item.current.to_wire()))
        taken: list[tuple[int, PlanItem]] = []
        while pending:
            commands = _commands_for(*pending[0])
            if len(chunk) + len(commands) > BATCH_LIMIT:
                break
            chunk += commands
            taken.append(pending.pop(0))
        # A pause may be cut short by cancel only when no original is waiting to be restored.
        interrupt = cancel if cancel is not None and not restoring else never
        try:
            answer = _send_chunk(client, chunk, interrupt, rate_limit_pauses, report)
        except _Cancelled:
            report.cancelled = True
            for index, item in [*taken, *pending]:
                finish(index, ItemResult(item, Outcome.NOT_SENT))
            pending = []
            continue
        except B24Error as error:
            report.stopped_by = error
            may_have_run = error.kind in MAY_HAVE_RUN
            for index, item in taken:
                outcome = Outcome.UNKNOWN if may_have_run else Outcome.NOT_SENT
                finish(index, ItemResult(item, outcome, error=error))
            for index, item, failed_bind in restoring:
                outcome = Outcome.UNKNOWN if may_have_run else Outcome.LOST
                finish(index, ItemResult(item, outcome, error=failed_bind, restore_error=error))
            for index, item, failed_bind in restores:  # more than one batch of restores
                finish(
                    index, ItemResult(item, Outcome.LOST, error=failed_bind, restore_error=error)
                )
            restores = []
            break
        report.batches += 1
        errors: Mapping[str, B24Error] = answer.errors
        for index, item, failed_bind in restoring:
            restore_error = errors.get(f"r{index}")
            outcome = Outcome.LOST if restore_error else Outcome.RESTORED
            finish(index, ItemResult(item, outcome, failed_bind, restore_error))
        for index, item in taken:
            unbind_error = errors.get(f"u{index}")
            bind_error = errors.get(f"b{index}")
            if (
                item.action is Action.CHANGE
                and bind_error
                and not unbind_error
                and _removed_something(answer, f"u{index}")
            ):
                restores.append((index, item, bind_error))  # the original is gone: put it back
                continue
            failure = unbind_error or bind_error
            finish(index, ItemResult(item, Outcome.FAILED if failure else Outcome.APPLIED, failure))
        if progress is not None:
            progress(len(results), total)

    for index, item in pending:
        finish(index, ItemResult(item, Outcome.NOT_SENT))
    report.results = [results[i] for i in sorted(results)]
    return report
