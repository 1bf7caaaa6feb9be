"""The whole-call deadline, the size limit and named redirects, over real HTTP to a small
misbehaving server on 127.0.0.1."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
import requests

from b24admin.core.errors import B24Error, ErrorKind
from b24admin.core.http_exchange import (
    DEFAULT_MAX_BYTES,
    MIB,
    Limits,
    configure_deadline,
    exchange,
)
from b24admin.core.transport import new_session
from tests.misbehaving_http import (
    answer,
    endless_body,
    misbehaving_server,
    redirect,
    trickle_body,
    trickle_headers,
)

FAST = Limits(deadline=0.4)


@pytest.fixture
def session() -> Iterator[requests.Session]:
    with new_session() as http:
        yield http


def _deadline_error(session: requests.Session, behaviour: object, **kwargs: object) -> B24Error:
    with misbehaving_server(behaviour) as server:  # type: ignore[arg-type]
        started = time.monotonic()
        with pytest.raises(B24Error) as info:
            exchange(session, "POST", server.url + "/rest/user.admin.json", **kwargs)  # type: ignore[arg-type]
        elapsed = time.monotonic() - started
    assert elapsed < 3.0, f"the deadline of 0.4 s took {elapsed:.1f} s"
    return info.value


def test_a_body_trickling_a_byte_at_a_time_ends_at_the_deadline(
    session: requests.Session,
) -> None:
    # Each byte comes well within any per-read timeout: only a whole-call deadline ends this.
    error = _deadline_error(session, trickle_body(0.05), limits=FAST, label="user.admin")
    assert (error.code, error.kind, error.exit_code) == ("TIMEOUT", ErrorKind.TIMEOUT, 3)
    assert error.summary == "The portal did not finish answering within 0.4 s."
    assert error.method == "user.admin"
    assert "--timeout" in error.advice


def test_headers_trickling_a_byte_at_a_time_end_at_the_deadline(
    session: requests.Session,
) -> None:
    error = _deadline_error(session, trickle_headers(0.05), limits=FAST)
    assert error.summary == "The portal did not finish answering within 0.4 s."


def test_a_write_that_misses_the_deadline_may_have_happened(session: requests.Session) -> None:
    error = _deadline_error(session, trickle_body(0.05), limits=FAST, changes=True)
    assert "may or may not have been made" in error.summary
    assert "0.4 s" in error.summary


def test_the_oauth_server_and_a_handler_are_named_as_such(session: requests.Session) -> None:
    oauth = _deadline_error(session, trickle_body(0.05), limits=FAST, peer="oauth")
    handler = _deadline_error(session, trickle_body(0.05), limits=FAST, peer="handler")
    assert oauth.summary == "The OAuth server did not finish answering within 0.4 s."
    assert handler.summary.startswith("The handler did not answer within the deadline")


def test_the_deadline_thread_is_gone_after_the_exchange(session: requests.Session) -> None:
    with misbehaving_server(answer(b'{"result": true}')) as server:
        exchange(session, "POST", server.url, limits=FAST)
    assert not [t for t in threading.enumerate() if t.name == "b24admin-deadline"]


def test_a_session_is_reused_after_a_deadline(session: requests.Session) -> None:
    with misbehaving_server(trickle_body(0.05)) as slow:
        with pytest.raises(B24Error):
            exchange(session, "POST", slow.url, limits=FAST)
    with misbehaving_server(answer(b'{"result": 7}')) as quick:
        got = exchange(session, "POST", quick.url, limits=FAST)
    assert got.content == b'{"result": 7}'


def test_a_quick_answer_is_read_whole(session: requests.Session) -> None:
    body = b'{"result": "' + b"x" * 300_000 + b'"}'
    with misbehaving_server(answer(body)) as server:
        got = exchange(session, "POST", server.url, limits=FAST)
    assert (got.status, got.content, got.content_type) == (200, body, "application/json")


def test_an_endless_answer_stops_at_the_size_limit(session: requests.Session) -> None:
    limits = Limits(deadline=10.0, max_bytes=1 * MIB)
    with misbehaving_server(endless_body()) as server:
        with pytest.raises(B24Error) as info:
            exchange(session, "POST", server.url, limits=limits)
    assert (info.value.code, info.value.kind) == ("ANSWER_TOO_LARGE", ErrorKind.PROTOCOL)
    assert "larger than 1 MiB" in info.value.summary


def test_a_declared_huge_length_is_refused_before_reading(session: requests.Session) -> None:
    with misbehaving_server(endless_body(declare_length=True)) as server:
        with pytest.raises(B24Error) as info:
            exchange(session, "POST", server.url, limits=FAST)
    assert info.value.code == "ANSWER_TOO_LARGE"
    assert "16 MiB" in info.value.summary


def test_the_default_size_limit_is_at_least_16_mib() -> None:
    assert Limits().max_bytes == DEFAULT_MAX_BYTES >= 16 * MIB


@pytest.mark.parametrize(
    ("location", "expected"),
    [
        ("https://new.bitrix24.com/rest/user.admin.json", "to another host"),
        ("/auth/?backurl=/rest/", "redirect (HTTP 301) to http://127.0.0.1"),
    ],
)
def test_a_redirect_is_not_followed_and_names_where_it_points(
    session: requests.Session, location: str, expected: str
) -> None:
    with misbehaving_server(redirect(location)) as server:
        with pytest.raises(B24Error) as info:
            exchange(session, "POST", server.url + "/rest/user.admin.json", limits=FAST)
        assert len(server.requests) == 1  # never followed
    error = info.value
    assert (error.code, error.kind, error.http_status) == ("REDIRECT", ErrorKind.PROTOCOL, 301)
    assert expected in error.summary
    assert location.split("?")[0] in error.summary
    assert "proxy" in error.advice and "portal moved" in error.advice


def test_a_redirect_to_https_says_to_use_https(session: requests.Session) -> None:
    with misbehaving_server(redirect("https://127.0.0.1/rest/user.admin.json")) as server:
        with pytest.raises(B24Error) as info:
            exchange(session, "POST", server.url + "/rest/user.admin.json", limits=FAST)
    assert "from http:// to https://" in info.value.summary
    assert "https://" in info.value.advice


def test_a_redirect_without_location_says_so(session: requests.Session) -> None:
    with misbehaving_server(answer(b"", status="302 Found")) as server:
        with pytest.raises(B24Error) as info:
            exchange(session, "GET", server.url, limits=FAST)
    assert "without saying where" in info.value.summary


def test_the_deadline_comes_from_the_option_then_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("B24ADMIN_TIMEOUT", raising=False)
    assert Limits.configured().deadline == 60.0
    monkeypatch.setenv("B24ADMIN_TIMEOUT", "2.5")
    assert Limits.configured().deadline == 2.5
    configure_deadline(7.0)
    try:
        assert Limits.configured().deadline == 7.0
    finally:
        configure_deadline(None)


@pytest.mark.parametrize("text", ["abc", "0", "-3", "inf", "nan", "1e999"])
def test_a_bad_environment_deadline_is_an_input_error(
    monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    monkeypatch.setenv("B24ADMIN_TIMEOUT", text)
    with pytest.raises(B24Error) as info:
        Limits.configured()
    assert (info.value.code, info.value.exit_code) == ("BAD_TIMEOUT", 2)
    assert "B24ADMIN_TIMEOUT" in info.value.summary
