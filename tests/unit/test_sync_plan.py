"""The sync plan: what would be added, changed, left alone or removed, computed before anything
is sent, and how it reads as a diff."""

from __future__ import annotations

from typing import Any

from b24admin.core.bind_request import BindRequest, LangRow
from b24admin.core.catalogue import Catalogue
from b24admin.core.manifest import Manifest
from b24admin.core.sync import (
    Action,
    ItemResult,
    Outcome,
    PlanItem,
    SyncPlan,
    SyncReport,
    compute_plan,
    unbind_params,
)


def menu(n: int, title: str = "Menu") -> BindRequest:
    return BindRequest(
        placement="LEFT_MENU",
        handler=f"https://app.example.com/menu?n={n}",
        lang_rows=(LangRow("en", title),),
    )


def on_portal(request: BindRequest, user_id: int = 0) -> dict[str, Any]:
    """The placement.get element the portal shows after binding ``request``."""
    return {
        "placement": request.placement,
        "userId": user_id,
        "handler": request.handler,
        "options": [],
        "title": request.lang_rows[0].title,
        "description": "",
        "langAll": {
            row.lang: {"TITLE": row.title, "DESCRIPTION": None, "GROUP_NAME": None}
            for row in request.lang_rows
        },
    }


def test_plan_sorts_every_binding_into_add_change_unchanged_and_keep(catalogue: Catalogue) -> None:
    manifest = Manifest((menu(1), menu(2, "New title"), menu(3)))
    portal = [on_portal(menu(2, "Old title")), on_portal(menu(3)), on_portal(menu(4))]
    plan = compute_plan(manifest, portal, catalogue)
    assert [(i.action, i.key[1][-3:]) for i in plan.items] == [
        (Action.ADD, "n=1"),
        (Action.CHANGE, "n=2"),
        (Action.UNCHANGED, "n=3"),
        (Action.KEEP, "n=4"),
    ]
    assert [i.action for i in plan.pending] == [Action.ADD, Action.CHANGE]


def test_prune_turns_portal_only_bindings_into_removals(catalogue: Catalogue) -> None:
    plan = compute_plan(
        Manifest((menu(1),)), [on_portal(menu(1)), on_portal(menu(2))], catalogue, prune=True
    )
    assert [(i.action, i.key[1][-3:]) for i in plan.items] == [
        (Action.UNCHANGED, "n=1"),
        (Action.REMOVE, "n=2"),
    ]
    removal = plan.items[1]
    assert removal.desired is None
    assert removal.current is not None and removal.current.lang_rows == (LangRow("en", "Menu"),)


def test_removals_are_sent_before_adds_and_changes(catalogue: Catalogue) -> None:
    manifest = Manifest((menu(1), menu(2, "New")))
    portal = [on_portal(menu(3)), on_portal(menu(2, "Old"))]
    plan = compute_plan(manifest, portal, catalogue, prune=True)
    assert [i.action for i in plan.items] == [Action.ADD, Action.CHANGE, Action.REMOVE]
    assert [i.action for i in plan.pending] == [Action.REMOVE, Action.ADD, Action.CHANGE]


def test_a_change_keeps_the_original_for_restoring_and_says_what_differs(
    catalogue: Catalogue,
) -> None:
    plan = compute_plan(Manifest((menu(1, "New"),)), [on_portal(menu(1, "Old"))], catalogue)
    (item,) = plan.items
    assert item.current is not None and item.current.lang_rows == (LangRow("en", "Old"),)
    assert item.desired == menu(1, "New")
    assert item.changes == ('LANG_ALL[en].TITLE: "Old" → "New"',)


def test_the_same_handler_for_another_user_is_not_the_same_binding(catalogue: Catalogue) -> None:
    worker = BindRequest(
        placement="PAGE_BACKGROUND_WORKER",
        handler="https://app.example.com/w",
        lang_rows=(LangRow("en", "Worker"),),
        options={"errorHandlerUrl": "https://app.example.com/e"},
        user_id=2,
    )
    entry = on_portal(worker, user_id=0) | {"options": dict(worker.options)}
    plan = compute_plan(Manifest((worker,)), [entry], catalogue, prune=True)
    assert [(i.action, i.key[2]) for i in plan.items] == [(Action.ADD, 2), (Action.REMOVE, 0)]


def test_summary_and_diff_read_like_a_diff(catalogue: Catalogue) -> None:
    manifest = Manifest((menu(1), menu(2, "New")))
    plan = compute_plan(manifest, [on_portal(menu(2, "Old")), on_portal(menu(3))], catalogue)
    assert plan.summary() == (
        "1 to add, 1 to change, 0 to remove, 0 unchanged, "
        "1 not in the manifest (kept; --prune removes)"
    )
    assert plan.diff_lines() == [
        "+ LEFT_MENU → https://app.example.com/menu?n=1",
        "~ LEFT_MENU → https://app.example.com/menu?n=2",
        '    LANG_ALL[en].TITLE: "Old" → "New"',
        "? LEFT_MENU → https://app.example.com/menu?n=3",
    ]


def test_an_empty_manifest_against_an_empty_portal_plans_nothing(catalogue: Catalogue) -> None:
    plan = compute_plan(Manifest(()), [], catalogue, prune=True)
    assert plan.items == () and plan.pending == ()
    assert plan.summary() == "0 to add, 0 to change, 0 to remove, 0 unchanged"


def test_unbind_always_names_the_handler_and_the_user() -> None:
    # Without HANDLER the portal removes every handler of the placement (placement-unbind.md).
    assert unbind_params(("LEFT_MENU", "https://a.b/c", 0)) == {
        "PLACEMENT": "LEFT_MENU",
        "HANDLER": "https://a.b/c",
        "USER_ID": 0,
    }


def test_report_is_ok_only_when_everything_applied() -> None:
    item = PlanItem(Action.ADD, ("LEFT_MENU", "https://a.b/c", 0), desired=menu(1))
    applied = SyncReport([ItemResult(item, Outcome.APPLIED)], batches=1)
    assert applied.ok and applied.summary() == "1 applied"
    restored = SyncReport([ItemResult(item, Outcome.APPLIED), ItemResult(item, Outcome.RESTORED)])
    assert not restored.ok
    assert restored.summary() == "1 applied, 1 restored"
    assert not SyncReport([ItemResult(item, Outcome.APPLIED)], cancelled=True).ok
    assert SyncReport().summary() == "nothing to send"


def test_plan_items_label_the_user_only_when_there_is_one() -> None:
    assert PlanItem(Action.ADD, ("P", "https://h.x/", 0)).label() == "P → https://h.x/"
    assert PlanItem(Action.ADD, ("P", "https://h.x/", 7)).label() == "P → https://h.x/ (user 7)"
    assert SyncPlan(()).diff_lines() == []
