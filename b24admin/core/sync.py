"""Sync a manifest to a portal: a plan (add, change, unchanged, remove) computed against
placement.get, shown before anything is sent, then applied through ``batch`` in chunks.

Why the shapes here: placement.get has no ids, so a widget is its (placement, handler, user).
A change is unbind + bind (a second bind of the same handler fails), always in the same batch
and in that order; if the bind fails after the unbind succeeded, the original is bound again
(in the next batch) so nothing is lost. A batch that never got an answer (network) may or may
not have run: its items are reported as unknown and the sync stops, so the next placement.get
shows the truth.
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
from b24admin.core.manifest import (
    BindingKey,
    Manifest,
    binding_key,
    effective_form,
    request_from_portal,
)


class Action(str, Enum):
    ADD = "add"
    CHANGE = "change"  # unbind + bind
    UNCHANGED = "unchanged"
    REMOVE = "remove"  # only with prune
    KEEP = "keep"  # on the portal, not in the manifest, and prune is off


class Outcome(str, Enum):
    APPLIED = "applied"
    FAILED = "failed"  # the portal refused; the portal is as it was before this item
    RESTORED = "restored"  # a change's bind failed; the original was bound again
    LOST = "lost"  # a change's bind failed and so did the restore: the original is gone
    UNKNOWN = "unknown"  # the batch got no answer; refresh to see what happened
    NOT_SENT = "not sent"  # cancelled, or the sync stopped before this item


@dataclass(frozen=True)
class PlanItem:
    action: Action
    key: BindingKey
    desired: BindRequest | None = None  # what the manifest wants (ADD, CHANGE, UNCHANGED)
    current: BindRequest | None = None  # what the portal has (CHANGE, UNCHANGED, REMOVE, KEEP)

    def label(self) -> str:
        placement, handler, user = self.key
        return f"{placement} → {handler}" + (f" (user {user})" if user else "")


@dataclass(frozen=True)
class SyncPlan:
    items: tuple[PlanItem, ...]

    @property
    def pending(self) -> tuple[PlanItem, ...]:
        """The items that send something."""
        return tuple(
            i for i in self.items if i.action in (Action.ADD, Action.CHANGE, Action.REMOVE)
        )

    def count(self, action: Action) -> int:
        return sum(1 for i in self.items if i.action is action)

    def summary(self) -> str:
        sending = (Action.ADD, Action.CHANGE, Action.REMOVE)
        parts = [f"{self.count(a)} to {a.value}" for a in sending]
        parts.append(f"{self.count(Action.UNCHANGED)} unchanged")
        if self.count(Action.KEEP):
            parts.append(f"{self.count(Action.KEEP)} not in the manifest (kept; prune removes)")
        return ", ".join(parts)

    def diff_lines(self) -> list[str]:
        marks = {
            Action.ADD: "+",
            Action.CHANGE: "~",
            Action.REMOVE: "-",
            Action.UNCHANGED: "=",
            Action.KEEP: "?",
        }
        return [f"{marks[i.action]} {i.label()}" for i in self.items]


def compute_plan(
    manifest: Manifest,
    portal_entries: Iterable[Mapping[str, Any]],
    catalogue: Catalogue,
    *,
    prune: bool = False,
) -> SyncPlan:
    """Compare what the manifest wants with what placement.get reports."""
    current = {binding_key(r): r for r in map(request_from_portal, portal_entries)}
    items: list[PlanItem] = []
    for desired in manifest.bindings:
        key = binding_key(desired)
        existing = current.pop(key, None)
        if existing is None:
            items.append(PlanItem(Action.ADD, key, desired=desired))
        elif effective_form(existing, catalogue) == effective_form(desired, catalogue):
            items.append(PlanItem(Action.UNCHANGED, key, desired=desired, current=existing))
        else:
            items.append(PlanItem(Action.CHANGE, key, desired=desired, current=existing))
    for key, existing in current.items():
        items.append(PlanItem(Action.REMOVE if prune else Action.KEEP, key, current=existing))
    return SyncPlan(tuple(items))


@dataclass
class ItemResult:
    item: PlanItem
    outcome: Outcome
    error: B24Error | None = None  # why the item failed
    restore_error: B24Error | None = None  # why restoring the original failed (LOST)


@dataclass
class SyncReport:
    results: list[ItemResult] = field(default_factory=list)
    cancelled: bool = False
    stopped_by: B24Error | None = None  # a failure of a whole batch call that ended the sync
    batches: int = 0

    def count(self, outcome: Outcome) -> int:
        return sum(1 for r in self.results if r.outcome is outcome)

    @property
    def ok(self) -> bool:
        return all(r.outcome is Outcome.APPLIED for r in self.results) and not self.stopped_by


class BatchClient(Protocol):
    """What the sync needs of a PortalClient."""

    def batch(self, commands: Sequence[BatchCommand], *, halt: bool = False) -> BatchResult: ...


def unbind_params(key: BindingKey) -> dict[str, Any]:
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


def apply_plan(
    client: BatchClient,
    plan: SyncPlan,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancel: threading.Event | None = None,
) -> SyncReport:
    """Send the plan's pending items through ``batch``, at most 50 commands a call.

    ``progress`` gets (items done, items total) after each batch. ``cancel`` is checked between
    batches only, so an unbind is never separated from its bind.
    """
    pending = list(enumerate(plan.pending))
    report = SyncReport()
    restores: list[tuple[int, PlanItem, B24Error]] = []  # changes whose bind failed
    results: dict[int, ItemResult] = {}
    total = len(pending)

    while pending or restores:
        if cancel is not None and cancel.is_set() and pending:
            # Stop sending new items, but still put back any original a failed change removed.
            report.cancelled = True
            for index, item in pending:
                results[index] = ItemResult(item, Outcome.NOT_SENT)
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
        try:
            answer = client.batch(chunk, halt=False)
        except B24Error as error:
            report.stopped_by = error
            # QUERY_LIMIT_EXCEEDED (after the client's own backoff) and input errors mean the
            # batch never ran; anything else (a timeout, a dropped connection) may have run.
            ran = error.code != "QUERY_LIMIT_EXCEEDED" and error.kind is not ErrorKind.INPUT
            for index, item in taken:
                results[index] = ItemResult(
                    item, Outcome.UNKNOWN if ran else Outcome.NOT_SENT, error=error
                )
            for index, item, failed_bind in restoring:
                results[index] = ItemResult(
                    item,
                    Outcome.UNKNOWN if ran else Outcome.LOST,
                    error=failed_bind,
                    restore_error=error,
                )
            break
        report.batches += 1
        errors: Mapping[str, B24Error] = answer.errors
        for index, item, failed_bind in restoring:
            restore_error = errors.get(f"r{index}")
            results[index] = ItemResult(
                item,
                Outcome.LOST if restore_error else Outcome.RESTORED,
                error=failed_bind,
                restore_error=restore_error,
            )
        for index, item in taken:
            unbind_error = errors.get(f"u{index}")
            bind_error = errors.get(f"b{index}")
            if item.action is Action.CHANGE and bind_error and not unbind_error:
                restores.append((index, item, bind_error))  # the original is gone: put it back
                continue
            failure = unbind_error or bind_error
            results[index] = ItemResult(
                item, Outcome.FAILED if failure else Outcome.APPLIED, error=failure
            )
        if progress is not None:
            progress(len(results), total)

    for index, item in pending:
        results.setdefault(index, ItemResult(item, Outcome.NOT_SENT))
    report.results = [results[i] for i in sorted(results)]
    return report
