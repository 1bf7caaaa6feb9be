"""Safe edit: change a widget on the portal without ever losing it.

Bitrix24 has no placement.update, and a second bind of the same (placement, handler) fails with
"Handler already binded" (docs/bitrix24-notes.md), so an edit is unbind + bind. Done naively, a
failing bind (a bad option, a title too long) leaves the administrator with nothing. Here:

- Same placement and handler (only texts, options or the user change): one batch of
  [unbind original, bind edited]; if the bind fails after the unbind removed the original, the
  original is bound again and the outcome says both what failed and that the original is back.
  This is sync's change machinery (:func:`b24admin.core.sync.apply_plan`) with one item.
- A new handler URL (or placement): the edited widget is bound first and the original unbound only
  after that succeeded, in one batch with ``halt`` so a failing bind stops the unbind. A placement
  that allows one handler (REST_APP_URI, PAGE_BACKGROUND_WORKER, universal/*.md) cannot hold both
  for a moment, so there the first way is used.
- No answer at all (the connection dropped): the batch may or may not have run. The outcome says
  so; the next placement.get shows the truth, and the caller still holds the edit.
"""

from __future__ import annotations

from dataclasses import dataclass

from b24admin.core.batch import BatchCommand
from b24admin.core.bind_request import BindRequest
from b24admin.core.catalogue import Catalogue, load_catalogue
from b24admin.core.errors import B24Error
from b24admin.core.i18n import _
from b24admin.core.manifest import binding_key
from b24admin.core.sync import (
    MAY_HAVE_RUN,
    Action,
    BatchClient,
    Outcome,
    PlanItem,
    SyncPlan,
    apply_plan,
    unbind_params,
)


@dataclass
class EditOutcome:
    """What an edit did.

    ``outcome`` is APPLIED (the edit is on the portal), FAILED (the portal refused; the original
    is untouched), RESTORED (the bind failed, the original is back), LOST (the bind failed and
    so did binding the original again) or UNKNOWN (no answer; refresh to see). ``error`` is why
    the edit failed; ``restore_error`` why the original could not be put back; ``leftover_error``
    why the original stayed after a successful edit to a new handler (both are then bound).
    """

    outcome: Outcome
    error: B24Error | None = None
    restore_error: B24Error | None = None
    leftover_error: B24Error | None = None

    @property
    def applied(self) -> bool:
        return self.outcome is Outcome.APPLIED

    def message(self) -> str:
        """The outcome in plain words for a dialog or the command line."""
        return " ".join(self._message().split())  # an empty {why} leaves no double space

    def _message(self) -> str:
        why = self.error.summary if self.error else ""
        if self.outcome is Outcome.APPLIED:
            if self.leftover_error is not None:
                return _(
                    "The edited widget is bound, but the original could not be removed, so both "
                    "are on the portal now. {why}"
                ).format(why=self.leftover_error.summary)
            return _("The widget was changed.")
        if self.outcome is Outcome.RESTORED:
            return _("The change was refused: {why} The original widget was bound again.").format(
                why=why
            )
        if self.outcome is Outcome.LOST:
            restore = self.restore_error.summary if self.restore_error else ""
            return _(
                "The change was refused: {why} Binding the original again failed too: "
                "{restore_why} The original widget is no longer on the portal; your edit is "
                "still in the form."
            ).format(why=why, restore_why=restore)
        if self.outcome is Outcome.UNKNOWN:
            return _(
                "The portal did not answer, so it is not known whether the change was made. "
                "{why} Refresh the list to see what is bound now; your edit is still in the form."
            ).format(why=why)
        return _("Nothing was changed: {why}").format(why=why)


def edit_binding(
    client: BatchClient,
    original: BindRequest,
    edited: BindRequest,
    *,
    catalogue: Catalogue | None = None,
) -> EditOutcome:
    """Replace the widget ``original`` (as placement.get showed it) with ``edited``."""
    old_key, new_key = binding_key(original), binding_key(edited)
    spec = (catalogue or load_catalogue()).get(edited.placement)
    single = spec is not None and spec.max_handlers == 1
    same_slot = old_key[0] == new_key[0] and (
        old_key[1] == new_key[1] or (single and old_key[2] == new_key[2])
    )
    if same_slot:
        return _unbind_then_bind(client, original, edited)
    return _bind_then_unbind(client, original, edited)


def _unbind_then_bind(
    client: BatchClient, original: BindRequest, edited: BindRequest
) -> EditOutcome:
    item = PlanItem(Action.CHANGE, binding_key(original), desired=edited, current=original)
    # No rate-limit pauses: someone is waiting for this one edit; the client's retry suffices.
    report = apply_plan(client, SyncPlan((item,)), rate_limit_pauses=())
    (result,) = report.results
    if result.outcome is Outcome.NOT_SENT:  # the portal refused the batch before running it
        return EditOutcome(Outcome.FAILED, error=report.stopped_by)
    return EditOutcome(result.outcome, result.error, result.restore_error)


def _bind_then_unbind(
    client: BatchClient, original: BindRequest, edited: BindRequest
) -> EditOutcome:
    commands = [
        BatchCommand("bind", "placement.bind", edited.to_wire()),
        BatchCommand("unbind", "placement.unbind", unbind_params(binding_key(original))),
    ]
    try:
        answer = client.batch(commands, halt=True)  # a failing bind stops the unbind
    except B24Error as error:
        outcome = Outcome.UNKNOWN if error.kind in MAY_HAVE_RUN else Outcome.FAILED
        return EditOutcome(outcome, error=error)
    if "bind" in answer.errors:
        return EditOutcome(Outcome.FAILED, error=answer.errors["bind"])
    return EditOutcome(Outcome.APPLIED, leftover_error=answer.errors.get("unbind"))
