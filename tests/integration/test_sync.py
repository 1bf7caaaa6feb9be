"""Sync against the sandbox portal over real HTTP: request counts, idempotence, changes, prune,
restore of failed changes, rate limits, cancel, a dropped connection, and the round trip."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from b24admin.core.bind_request import BindRequest, LangRow
from b24admin.core.catalogue import Catalogue
from b24admin.core.client import PortalClient
from b24admin.core.manifest import Manifest
from b24admin.core.sync import Action, Outcome, SyncReport, apply_plan, compute_plan
from b24admin.core.throttle import LeakyBucket, RateLimit
from b24admin.sandbox import Fault, ManualClock, SandboxApp, SandboxPortal, TokenPair
from tests.integration.sync_support import (
    APP,
    manifest_of,
    menu_items,
    portal_client,
    varied_bindings,
)


@pytest.fixture
def backoff() -> list[float]:
    return []


@pytest.fixture
def client(
    sandbox: SandboxPortal, sandbox_app: SandboxApp, sandbox_tokens: TokenPair, backoff: list[float]
) -> Iterator[PortalClient]:
    with portal_client(sandbox, sandbox_app, sandbox_tokens, backoff=backoff) as c:
        yield c


def sync(
    client: PortalClient,
    manifest: Manifest,
    catalogue: Catalogue,
    *,
    prune: bool = False,
    **apply_options: object,
) -> SyncReport:
    plan = compute_plan(manifest, client.get_bindings(), catalogue, prune=prune)
    return apply_plan(client, plan, **apply_options)  # type: ignore[arg-type]


def rate_limited_answers(sandbox: SandboxPortal) -> int:
    return sum(
        1
        for c in sandbox.received
        if c.response is not None and c.response.get("error") == "QUERY_LIMIT_EXCEEDED"
    )


def bound_handlers(sandbox: SandboxPortal, app: SandboxApp) -> list[str]:
    return [b["handler"] for b in sandbox.bindings(app.client_id)]


def test_200_bindings_to_an_empty_portal_take_one_get_and_four_batches(
    client: PortalClient,
    sandbox: SandboxPortal,
    sandbox_app: SandboxApp,
    catalogue: Catalogue,
    backoff: list[float],
) -> None:
    manifest = manifest_of(menu_items(200))
    before = sandbox.http_request_count
    seen: list[tuple[int, int]] = []

    report = sync(
        client, manifest, catalogue, progress=lambda done, total: seen.append((done, total))
    )

    assert sandbox.http_request_count - before <= 5
    assert [c.method for c in sandbox.received] == ["placement.get"] + ["batch"] * 4
    assert report.ok and report.batches == 4
    assert report.count(Outcome.APPLIED) == 200
    assert seen == [(50, 200), (100, 200), (150, 200), (200, 200)]
    assert rate_limited_answers(sandbox) == 0 and backoff == []
    assert bound_handlers(sandbox, sandbox_app) == [b.handler for b in manifest.bindings]


def test_applying_the_same_manifest_again_sends_no_bind(
    client: PortalClient, sandbox: SandboxPortal, catalogue: Catalogue
) -> None:
    manifest = manifest_of(varied_bindings() + menu_items(3))
    first = sync(client, manifest, catalogue)
    assert first.ok, [(r.item.label(), r.error) for r in first.results if r.error]
    sandbox.received.clear()

    plan = compute_plan(manifest, client.get_bindings(), catalogue)
    second = apply_plan(client, plan)

    assert [i.action for i in plan.items] == [Action.UNCHANGED] * len(manifest.bindings)
    assert second.results == [] and second.batches == 0
    assert [c.method for c in sandbox.received] == ["placement.get"]


def test_a_changed_title_becomes_unbind_then_bind_in_one_batch(
    client: PortalClient, sandbox: SandboxPortal, sandbox_app: SandboxApp, catalogue: Catalogue
) -> None:
    items = menu_items(3)
    sync(client, manifest_of(items), catalogue)
    items[1] = items[1].with_changes(lang_rows=(LangRow("en", "Renamed"),))
    sandbox.received.clear()

    plan = compute_plan(manifest_of(items), client.get_bindings(), catalogue)
    report = apply_plan(client, plan)

    assert [i.action for i in plan.items] == [Action.UNCHANGED, Action.CHANGE, Action.UNCHANGED]
    assert report.ok
    (batch,) = [c for c in sandbox.received if c.method == "batch"]
    commands = list(batch.params["cmd"].values())
    assert [c.split("?")[0] for c in commands] == ["placement.unbind", "placement.bind"]
    assert "HANDLER=" in commands[0]  # never an unbind of the whole placement
    titles = {
        b["handler"]: b["langAll"]["en"]["TITLE"] for b in sandbox.bindings(sandbox_app.client_id)
    }
    assert titles[items[1].handler] == "Renamed"
    assert titles[items[0].handler] == "Item 1"


def test_prune_removes_only_what_the_manifest_lacks(
    client: PortalClient, sandbox: SandboxPortal, sandbox_app: SandboxApp, catalogue: Catalogue
) -> None:
    sync(client, manifest_of(menu_items(4) + varied_bindings()[:2]), catalogue)
    wanted = menu_items(4)[::2] + varied_bindings()[1:2]  # n=1, n=3 and the textarea

    kept = sync(client, manifest_of(wanted), catalogue)
    assert kept.results == []  # without prune nothing is removed
    assert len(sandbox.bindings(sandbox_app.client_id)) == 6

    report = sync(client, manifest_of(wanted), catalogue, prune=True)

    assert report.ok
    assert sorted(r.item.label() for r in report.results) == sorted(
        [
            f"LEFT_MENU → {APP}/menu?n=2",
            f"LEFT_MENU → {APP}/menu?n=4",
            f"IM_SIDEBAR → {APP}/sidebar",
        ]
    )
    assert sorted(bound_handlers(sandbox, sandbox_app)) == sorted(b.handler for b in wanted)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        # One handler per app: the new URL fits only once the old one is gone
        # (universal/app-url.md).
        (
            BindRequest(placement="REST_APP_URI", handler=f"{APP}/open", title="Open"),
            BindRequest(placement="REST_APP_URI", handler=f"{APP}/open-v2", title="Open"),
        ),
        # A handler URL is unique per placement whatever the user (docs/bitrix24-notes.md).
        (
            BindRequest(
                placement="PAGE_BACKGROUND_WORKER",
                handler=f"{APP}/worker",
                title="Worker",
                options={"errorHandlerUrl": f"{APP}/error"},
            ),
            BindRequest(
                placement="PAGE_BACKGROUND_WORKER",
                handler=f"{APP}/worker",
                title="Worker",
                options={"errorHandlerUrl": f"{APP}/error"},
                user_id=1,
            ),
        ),
    ],
    ids=["rest-app-uri-new-url", "background-worker-to-one-user"],
)
def test_prune_moves_a_widget_that_allows_one_handler(
    client: PortalClient,
    sandbox: SandboxPortal,
    sandbox_app: SandboxApp,
    catalogue: Catalogue,
    before: BindRequest,
    after: BindRequest,
) -> None:
    assert sync(client, manifest_of([before]), catalogue).ok

    report = sync(client, manifest_of([after]), catalogue, prune=True)

    assert report.ok, [(r.item.label(), r.error) for r in report.results]
    assert [r.item.action for r in report.results] == [Action.REMOVE, Action.ADD]
    (entry,) = sandbox.bindings(sandbox_app.client_id)
    assert (entry["handler"], entry["userId"]) == (after.handler, after.user_id or 0)


def test_a_bind_refused_inside_a_batch_restores_the_original(
    client: PortalClient, sandbox: SandboxPortal, sandbox_app: SandboxApp, catalogue: Catalogue
) -> None:
    sidebar = varied_bindings()[0]
    sync(client, manifest_of([sidebar, *menu_items(2)]), catalogue)
    original = sandbox.bindings(sandbox_app.client_id)[0]
    # Lowercase colour names are refused by the portal (INVALID_ERROR_COLOR, im/sidebar.md).
    broken = sidebar.with_changes(
        options={"iconName": "fa-rocket", "color": "azure"}, lang_rows=(LangRow("en", "New"),)
    )

    report = sync(client, manifest_of([broken, *menu_items(2, "Renamed")]), catalogue)

    outcomes = {r.item.label(): r for r in report.results}
    restored = outcomes[f"IM_SIDEBAR → {APP}/sidebar"]
    assert restored.outcome is Outcome.RESTORED
    assert restored.error is not None and restored.error.code == "INVALID_ERROR_COLOR"
    assert restored.restore_error is None
    assert [r.outcome for r in report.results].count(Outcome.APPLIED) == 2
    assert report.batches == 2  # the restore went in a second batch
    assert not report.ok
    after = {b["handler"]: b for b in sandbox.bindings(sandbox_app.client_id)}
    assert after[sidebar.handler] == original


def test_a_restore_that_cannot_be_sent_reports_the_original_as_lost(
    client: PortalClient, sandbox: SandboxPortal, sandbox_app: SandboxApp, catalogue: Catalogue
) -> None:
    sidebar = varied_bindings()[0]
    sync(client, manifest_of([sidebar]), catalogue)
    broken = sidebar.with_changes(options={"iconName": "fa-rocket", "color": "azure"})
    sandbox.inject(Fault.delay(0), method="batch")  # the first batch goes through
    sandbox.inject(Fault.error("ACCESS_DENIED", "Access denied!", status=403), method="batch")

    report = sync(client, manifest_of([broken]), catalogue)

    (result,) = report.results
    assert result.outcome is Outcome.LOST
    assert result.error is not None and result.error.code == "INVALID_ERROR_COLOR"
    assert result.restore_error is not None and result.restore_error.code == "ACCESS_DENIED"
    assert sandbox.bindings(sandbox_app.client_id) == []  # as reported: the original is gone


def test_a_change_whose_original_vanished_meanwhile_is_not_resurrected(
    client: PortalClient, sandbox: SandboxPortal, sandbox_app: SandboxApp, catalogue: Catalogue
) -> None:
    sidebar = varied_bindings()[0]
    sync(client, manifest_of([sidebar]), catalogue)
    broken = sidebar.with_changes(options={"iconName": "fa-rocket", "color": "azure"})
    plan = compute_plan(manifest_of([broken]), client.get_bindings(), catalogue)
    client.unbind(sidebar.placement, sidebar.handler)  # someone else removes it

    report = apply_plan(client, plan)

    assert [r.outcome for r in report.results] == [Outcome.FAILED]
    assert report.batches == 1
    assert sandbox.bindings(sandbox_app.client_id) == []


def test_rate_limit_answers_mid_sync_are_backed_off_and_the_full_set_applied(
    client: PortalClient,
    sandbox: SandboxPortal,
    sandbox_app: SandboxApp,
    catalogue: Catalogue,
    backoff: list[float],
) -> None:
    sandbox.inject(Fault.delay(0), method="batch")  # the first batch goes through
    sandbox.inject(Fault.error("QUERY_LIMIT_EXCEEDED"), method="batch", times=2)

    report = sync(client, manifest_of(menu_items(200)), catalogue)

    assert rate_limited_answers(sandbox) == 2  # the portal really said it, mid-sync
    assert backoff == [0.5, 1.0]  # the client backed off and sent the same batch again
    assert report.ok and report.count(Outcome.APPLIED) == 200
    assert len(sandbox.bindings(sandbox_app.client_id)) == 200


def test_when_the_client_gives_up_on_the_rate_limit_the_sync_pauses_and_resumes(
    sandbox: SandboxPortal, sandbox_app: SandboxApp, sandbox_tokens: TokenPair, catalogue: Catalogue
) -> None:
    client = portal_client(sandbox, sandbox_app, sandbox_tokens, attempts=1)
    sandbox.inject(Fault.delay(0), method="batch")
    sandbox.inject(Fault.error("QUERY_LIMIT_EXCEEDED"), method="batch", times=2)

    report = sync(client, manifest_of(menu_items(120)), catalogue, rate_limit_pauses=(0.0, 0.0))

    assert report.rate_limit_pauses == 2
    assert report.ok and report.batches == 3
    assert len(sandbox.bindings(sandbox_app.client_id)) == 120


def test_the_client_side_bucket_keeps_a_long_sync_under_a_tight_portal_limit(
    catalogue: Catalogue,
) -> None:
    limit = RateLimit(per_second=40.0, burst=4)
    # One clock for both buckets, moved only by the client's waits: however fast or slow the
    # machine, the portal's bucket drains exactly as long as ours made a request wait.
    clock = ManualClock()
    with SandboxPortal(rate_per_second=limit.per_second, burst=limit.burst, clock=clock) as sandbox:
        app = sandbox.register_app()
        tokens = sandbox.issue_tokens(app.client_id)
        bucket = LeakyBucket(limit, clock=clock, sleep=clock.advance)
        waits: list[float] = []

        class RecordingBucket:
            def acquire(self) -> float:
                waits.append(bucket.acquire())
                return waits[-1]

        # attempts=1 and no pauses: a single QUERY_LIMIT_EXCEEDED would end the sync.
        client = portal_client(sandbox, app, tokens, attempts=1, rate_limiter=RecordingBucket())

        report = sync(client, manifest_of(menu_items(400)), catalogue, rate_limit_pauses=())

        assert report.ok and report.batches == 8
        assert rate_limited_answers(sandbox) == 0
        assert len(waits) == 9 and sum(waits) > 0  # the bucket did hold requests back
        assert len(sandbox.bindings(app.client_id)) == 400


def test_without_the_bucket_the_same_sync_trips_the_portal_limit(catalogue: Catalogue) -> None:
    """The control for the test above: it is the bucket that keeps the portal quiet."""

    class NoLimit:
        def acquire(self) -> float:
            return 0.0

    # A clock that stands still: the portal's bucket cannot drain however slow the requests are.
    with SandboxPortal(rate_per_second=40.0, burst=4, clock=ManualClock()) as sandbox:
        app = sandbox.register_app()
        tokens = sandbox.issue_tokens(app.client_id)
        client = portal_client(sandbox, app, tokens, attempts=1, rate_limiter=NoLimit())

        report = sync(client, manifest_of(menu_items(400)), catalogue, rate_limit_pauses=())

    assert report.stopped_by is not None and report.stopped_by.code == "QUERY_LIMIT_EXCEEDED"
    assert report.batches == 3  # get + 3 batches fill the burst of 4
    assert report.count(Outcome.NOT_SENT) == 250


def test_cancel_between_batches_leaves_a_consistent_portal(
    client: PortalClient, sandbox: SandboxPortal, sandbox_app: SandboxApp, catalogue: Catalogue
) -> None:
    cancel = threading.Event()

    report = sync(
        client,
        manifest_of(menu_items(120)),
        catalogue,
        progress=lambda done, total: cancel.set(),
        cancel=cancel,
    )

    assert report.cancelled and report.batches == 1
    assert report.count(Outcome.APPLIED) == 50 and report.count(Outcome.NOT_SENT) == 70
    applied = [r.item.key[1] for r in report.results if r.outcome is Outcome.APPLIED]
    assert bound_handlers(sandbox, sandbox_app) == applied


def test_a_dropped_connection_reports_unknown_and_the_next_get_shows_the_truth(
    client: PortalClient, sandbox: SandboxPortal, sandbox_app: SandboxApp, catalogue: Catalogue
) -> None:
    sandbox.inject(Fault.delay(0), method="batch")
    sandbox.inject(Fault.drop(), method="batch")  # the second batch runs, its answer is lost

    report = sync(client, manifest_of(menu_items(150)), catalogue)

    assert report.stopped_by is not None
    assert [report.count(o) for o in (Outcome.APPLIED, Outcome.UNKNOWN, Outcome.NOT_SENT)] == [
        50,
        50,
        50,
    ]
    again = compute_plan(manifest_of(menu_items(150)), client.get_bindings(), catalogue)
    assert again.count(Action.UNCHANGED) == 100 and again.count(Action.ADD) == 50


def test_export_sync_to_an_empty_portal_export_gives_the_same_manifest(
    client: PortalClient, sandbox: SandboxPortal, catalogue: Catalogue
) -> None:
    assert sync(client, manifest_of(varied_bindings() + menu_items(3)), catalogue).ok
    exported = Manifest.from_portal(client.get_bindings())

    with SandboxPortal() as empty:
        app = empty.register_app()
        other = portal_client(empty, app, empty.issue_tokens(app.client_id))
        assert sync(other, Manifest.parse(exported.to_json()), catalogue).ok
        again = Manifest.from_portal(other.get_bindings())

    assert again.to_json() == exported.to_json()
    assert len(again.bindings) == len(varied_bindings()) + 3
