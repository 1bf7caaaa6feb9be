"""Safe edit against the sandbox portal over real HTTP: nothing is lost on any failure path."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from b24admin.core.bind_request import BindRequest, LangRow
from b24admin.core.client import PortalClient
from b24admin.core.manifest import request_from_portal
from b24admin.core.safe_edit import edit_binding
from b24admin.core.sync import Outcome
from b24admin.sandbox import Fault, SandboxApp, SandboxPortal, TokenPair
from tests.integration.sync_support import APP, portal_client

SIDEBAR = BindRequest(
    placement="IM_SIDEBAR",
    handler=f"{APP}/sidebar",
    lang_rows=(LangRow("en", "Tools"), LangRow("de", "Werkzeuge")),
    options={"iconName": "fa-rocket", "color": "AZURE"},
)


@pytest.fixture
def client(
    sandbox: SandboxPortal, sandbox_app: SandboxApp, sandbox_tokens: TokenPair
) -> Iterator[PortalClient]:
    with portal_client(sandbox, sandbox_app, sandbox_tokens) as c:
        yield c


def installed(client: PortalClient, request: BindRequest) -> BindRequest:
    """Bind ``request`` and return it as the installed-widgets list would show it."""
    client.bind(request)
    (entry,) = [e for e in client.get_bindings() if e["handler"] == request.handler]
    return request_from_portal(entry)


def test_an_edit_of_the_title_is_unbind_and_bind_in_one_request(
    client: PortalClient, sandbox: SandboxPortal, sandbox_app: SandboxApp
) -> None:
    original = installed(client, SIDEBAR)
    edited = original.with_changes(lang_rows=(LangRow("en", "Toolbox"),))
    before = sandbox.http_request_count

    outcome = edit_binding(client, original, edited)

    assert outcome.outcome is Outcome.APPLIED and outcome.applied
    assert outcome.message() == "The widget was changed."
    assert sandbox.http_request_count - before == 1
    (entry,) = sandbox.bindings(sandbox_app.client_id)
    assert list(entry["langAll"]) == ["en"] and entry["langAll"]["en"]["TITLE"] == "Toolbox"


def test_a_refused_bind_binds_the_original_again_and_says_both(
    client: PortalClient, sandbox: SandboxPortal, sandbox_app: SandboxApp
) -> None:
    original = installed(client, SIDEBAR)
    before = sandbox.bindings(sandbox_app.client_id)
    edited = original.with_changes(options={**original.options, "role": "admin"})

    outcome = edit_binding(client, original, edited)

    assert outcome.outcome is Outcome.RESTORED
    assert outcome.error is not None and outcome.error.code == "INVALID_ERROR_ROLE"
    message = outcome.message()
    assert outcome.error.summary in message
    assert "original widget was bound again" in message
    assert sandbox.bindings(sandbox_app.client_id) == before


def test_a_dropped_connection_is_unknown_and_the_next_get_shows_the_truth(
    client: PortalClient, sandbox: SandboxPortal
) -> None:
    original = installed(client, SIDEBAR)
    edited = original.with_changes(lang_rows=(LangRow("en", "Toolbox"),))
    sandbox.inject(Fault.drop(), method="batch")  # the portal runs it; the answer is lost

    outcome = edit_binding(client, original, edited)

    assert outcome.outcome is Outcome.UNKNOWN
    assert "Refresh the list" in outcome.message()
    assert "your edit is still in the form" in outcome.message()
    (entry,) = client.get_bindings()
    assert entry["langAll"]["en"]["TITLE"] == "Toolbox"


def test_a_dropped_restore_is_unknown_too(client: PortalClient, sandbox: SandboxPortal) -> None:
    original = installed(client, SIDEBAR)
    edited = original.with_changes(options={**original.options, "role": "admin"})
    sandbox.inject(Fault.delay(0), method="batch")  # unbind + refused bind go through
    sandbox.inject(Fault.drop(), method="batch")  # the restore runs, its answer is lost

    outcome = edit_binding(client, original, edited)

    assert outcome.outcome is Outcome.UNKNOWN
    assert [request_from_portal(e) for e in client.get_bindings()] == [original]


def test_a_new_handler_is_bound_first_and_the_old_one_removed_after(
    client: PortalClient, sandbox: SandboxPortal, sandbox_app: SandboxApp
) -> None:
    original = installed(client, SIDEBAR)
    edited = original.with_changes(handler=f"{APP}/sidebar-v2")
    sandbox.received.clear()

    outcome = edit_binding(client, original, edited)

    assert outcome.applied and outcome.leftover_error is None
    (batch,) = sandbox.received
    assert [c.split("?")[0] for c in batch.params["cmd"].values()] == [
        "placement.bind",
        "placement.unbind",
    ]
    assert [b["handler"] for b in sandbox.bindings(sandbox_app.client_id)] == [edited.handler]


def test_a_refused_new_handler_leaves_the_original_untouched(
    client: PortalClient, sandbox: SandboxPortal, sandbox_app: SandboxApp
) -> None:
    original = installed(client, SIDEBAR)
    before = sandbox.bindings(sandbox_app.client_id)
    edited = original.with_changes(handler="https://localhost/sidebar")  # host without a dot

    outcome = edit_binding(client, original, edited)

    assert outcome.outcome is Outcome.FAILED
    assert outcome.error is not None and outcome.error.code == "ERROR_WRONG_HANDLER_URL"
    assert outcome.message().startswith("Nothing was changed:")
    assert sandbox.bindings(sandbox_app.client_id) == before


def test_a_one_handler_placement_changes_its_handler_by_unbinding_first(
    client: PortalClient, sandbox: SandboxPortal, sandbox_app: SandboxApp
) -> None:
    # REST_APP_URI keeps one handler per app (universal/app-url.md): bind-first would be refused.
    original = installed(
        client, BindRequest(placement="REST_APP_URI", handler=f"{APP}/open", title="Open")
    )
    edited = original.with_changes(handler=f"{APP}/open-v2")

    outcome = edit_binding(client, original, edited)

    assert outcome.applied, outcome.message()
    assert [b["handler"] for b in sandbox.bindings(sandbox_app.client_id)] == [edited.handler]


def test_moving_a_background_worker_to_one_user_keeps_a_single_handler(
    client: PortalClient, sandbox: SandboxPortal, sandbox_app: SandboxApp
) -> None:
    worker = BindRequest(
        placement="PAGE_BACKGROUND_WORKER",
        handler=f"{APP}/worker",
        title="Worker",
        options={"errorHandlerUrl": f"{APP}/error"},
    )
    original = installed(client, worker)

    outcome = edit_binding(client, original, original.with_changes(user_id=1))

    assert outcome.applied, outcome.message()
    assert [(b["handler"], b["userId"]) for b in sandbox.bindings(sandbox_app.client_id)] == [
        (worker.handler, 1)
    ]


def test_a_portal_refusing_the_whole_request_changes_nothing(
    client: PortalClient, sandbox: SandboxPortal, sandbox_app: SandboxApp
) -> None:
    original = installed(client, SIDEBAR)
    before = sandbox.bindings(sandbox_app.client_id)
    sandbox.inject(Fault.error("ACCESS_DENIED", "Access denied!", status=403), method="batch")

    outcome = edit_binding(client, original, original.with_changes(title="x", lang_rows=()))

    assert outcome.outcome is Outcome.FAILED
    assert outcome.error is not None and outcome.error.code == "ACCESS_DENIED"
    assert sandbox.bindings(sandbox_app.client_id) == before
