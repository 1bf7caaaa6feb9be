"""user.get and user.search on the sandbox portal over real HTTP: what a USER_ID picker that
searches by name talks to."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from b24admin.core.client import PortalClient
from b24admin.core.errors import B24Error
from b24admin.sandbox import SandboxApp, SandboxPortal, TokenPair
from tests.integration.sync_support import credentials_for


@pytest.fixture
def client(
    sandbox: SandboxPortal, sandbox_app: SandboxApp, sandbox_tokens: TokenPair
) -> Iterator[PortalClient]:
    sandbox.add_user(7, admin=False, name="Anna", last_name="Petrova", email="anna@example.com")
    sandbox.add_user(8, admin=False, name="Boris", last_name="Annenkov", email="b@example.com")
    sandbox.add_user(9, admin=False, name="Clara", last_name="Schmidt", email="c@example.com")
    with PortalClient(credentials_for(sandbox, sandbox_app, sandbox_tokens)) as portal_client:
        yield portal_client


def test_user_search_finds_by_any_part_of_the_name(client: PortalClient) -> None:
    found = client.call("user.search", {"FIND": "ann"})
    assert [(u["ID"], u["NAME"], u["LAST_NAME"]) for u in found] == [
        ("7", "Anna", "Petrova"),
        ("8", "Boris", "Annenkov"),
    ]
    assert client.call("user.search", {"FIND": "nobody"}) == []


def test_user_search_and_get_filter_exactly(client: PortalClient) -> None:
    assert [u["ID"] for u in client.call("user.search", {"FILTER": {"NAME": "clara"}})] == ["9"]
    [user] = client.call("user.get", {"ID": 7})
    assert (user["NAME"], user["EMAIL"]) == ("Anna", "anna@example.com")
    assert [u["ID"] for u in client.call("user.get", {"FILTER": {"ID": "8"}})] == ["8"]


def test_user_methods_need_the_user_scope(sandbox: SandboxPortal, sandbox_app: SandboxApp) -> None:
    app = sandbox.register_app("local.noscope.1", scopes=("placement",))
    tokens = sandbox.issue_tokens(app.client_id)
    with PortalClient(credentials_for(sandbox, app, tokens)) as portal_client:
        with pytest.raises(B24Error) as caught:
            portal_client.call("user.search", {"FIND": "a"})
    assert caught.value.code == "insufficient_scope"


def test_find_users_by_name_or_by_id(client: PortalClient) -> None:
    from b24admin.core.portal_users import find_users

    found = find_users(client, " ann ")
    assert [user.label() for user in found] == [
        "Anna Petrova <anna@example.com> (7)",
        "Boris Annenkov <b@example.com> (8)",
    ]
    assert [user.user_id for user in find_users(client, "9")] == [9]
    assert find_users(client, "") == []


def test_find_users_by_a_part_of_the_e_mail_asks_user_get(
    client: PortalClient, sandbox: SandboxPortal
) -> None:
    from b24admin.core.portal_users import find_users

    sandbox.received.clear()
    assert [user.user_id for user in find_users(client, "ANNA@example")] == [7]
    [call] = sandbox.received
    assert (call.method, call.params) == ("user.get", {"FILTER": {"%EMAIL": "ANNA@example"}})


def test_user_brief_is_enough_but_shows_no_e_mail(
    sandbox: SandboxPortal, sandbox_app: SandboxApp
) -> None:
    from b24admin.core.portal_users import find_users

    sandbox.add_user(7, admin=False, name="Anna", last_name="Petrova", email="anna@example.com")
    app = sandbox.register_app("local.brief.1", scopes=("placement", "user_brief"))
    tokens = sandbox.issue_tokens(app.client_id)
    with PortalClient(credentials_for(sandbox, app, tokens)) as portal_client:
        [anna] = find_users(portal_client, "pet")
        assert anna.label() == "Anna Petrova (7)"
        assert find_users(portal_client, "anna@example.com") == []  # not visible, not found
        assert "EMAIL" not in portal_client.call("user.get", {"ID": 7})[0]


def test_find_users_without_a_user_scope_says_to_type_the_id(
    sandbox: SandboxPortal, sandbox_app: SandboxApp
) -> None:
    from b24admin.core.portal_users import find_users

    app = sandbox.register_app("local.noscope.2", scopes=("placement",))
    tokens = sandbox.issue_tokens(app.client_id)
    with PortalClient(credentials_for(sandbox, app, tokens)) as portal_client:
        with pytest.raises(B24Error) as caught:
            find_users(portal_client, "anna")
    error = caught.value
    assert error.code == "insufficient_scope"
    assert "user_brief" in error.summary
    assert error.advice.startswith("Type the user id instead")
    assert error.method == "user.search" and error.http_status == 403
