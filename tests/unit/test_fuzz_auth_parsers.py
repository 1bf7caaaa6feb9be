"""Fuzzing the two parsers that read what b24admin did not write: token-endpoint answers and the
profiles file. Whatever the bytes — nesting far deeper than Python recurses, numbers no float
holds (1e999, NaN), values of every wrong type — the outcome is tokens, a usable profile, a broken
entry with a reason, or a B24Error that names the problem: never RecursionError, OverflowError,
AttributeError or any other traceback, and never token text in an error."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from b24admin.core.errors import B24Error
from b24admin.core.oauth import MAX_EXPIRES_IN, parse_token_answer, read_expires_in
from b24admin.core.profiles import BrokenProfile, Profile, ProfileStore

TOKEN = "at-5ecret-fuzz-0123456789"
REFRESH = "rt-5ecret-fuzz-0123456789"

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)
# Raw JSON-ish texts: number forms json.dumps never writes, and nesting beyond any limit.
odd_json = st.one_of(
    st.sampled_from(["1e999", "-1e999", "NaN", "Infinity", "-Infinity", "1" * 5000, "1e-999"]),
    st.integers(min_value=1, max_value=100_000).map(lambda n: "[" * n),
    st.integers(min_value=1, max_value=20_000).map(lambda n: '{"a":' * n + "1" + "}" * n),
)


def dump(value: Any) -> str:
    return json.dumps(value, allow_nan=True)


token_fields = st.fixed_dictionaries(
    {},
    optional={
        "access_token": st.one_of(st.just(TOKEN), values),
        "refresh_token": st.one_of(st.just(REFRESH), values),
        "expires_in": values,
        "user_id": values,
        "scope": values,
        "member_id": values,
        "domain": values,
        "client_endpoint": values,
    },
)


def token_bodies() -> st.SearchStrategy[bytes]:
    whole = token_fields.map(dump)
    raw = st.builds(
        lambda fields, key, odd: dump(fields)[:-1] + (", " if fields else "") + f'"{key}": {odd}}}',
        token_fields,
        st.sampled_from(["expires_in", "user_id", "scope", "access_token"]),
        odd_json,
    )
    cut = st.builds(lambda text, n: text[: max(1, n)], whole, st.integers(0, 200))
    return st.one_of(whole, raw, cut, odd_json).map(str.encode)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(token_bodies(), st.sampled_from(["application/json", "text/html", ""]))
def test_token_answers_give_tokens_or_a_clear_error_without_token_text(
    body: bytes, content_type: str
) -> None:
    try:
        tokens = parse_token_answer(200, content_type, body, method="oauth/token (refresh)")
    except B24Error as error:
        assert error.summary.strip()
        shown = " ".join([error.summary, error.advice, error.description, error.response])
        assert TOKEN not in shown and REFRESH not in shown
        return
    assert tokens.access_token and isinstance(tokens.refresh_token, str)
    assert 0 <= tokens.expires_in <= MAX_EXPIRES_IN
    assert tokens.user_id is None or isinstance(tokens.user_id, int)


@given(values)
def test_expires_in_is_always_a_sane_number_of_seconds(value: Any) -> None:
    assert 0 <= read_expires_in(value) <= MAX_EXPIRES_IN


profile_entries = st.one_of(
    values,
    st.fixed_dictionaries(
        {
            "name": st.one_of(st.text(max_size=70), values),
            "auth": st.one_of(st.sampled_from(["oauth", "webhook"]), values),
            "portal_url": st.one_of(st.just("https://a.bitrix24.com"), values),
        },
        optional={
            "client_id": st.one_of(st.just("local.1.2"), values),
            "oauth_server": values,
            "rate_plan": st.one_of(st.sampled_from(["standard", "enterprise"]), values),
            "session_only": values,
        },
    ),
)
profile_files = st.one_of(
    st.lists(profile_entries, max_size=5).map(
        lambda entries: dump({"schema_version": 1, "profiles": entries})
    ),
    st.builds(lambda doc: dump(doc), values),
    odd_json,
    st.builds(lambda odd: '{"schema_version": 1, "profiles": [' + odd + "]}", odd_json),
    st.builds(lambda odd: '{"schema_version": ' + odd + ', "profiles": []}', odd_json),
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=profile_files)
def test_the_profiles_file_loads_lists_broken_entries_or_says_why_not(
    text: str, tmp_path_factory: Any
) -> None:
    directory: Path = tmp_path_factory.mktemp("profiles")
    (directory / "profiles.json").write_text(text, "utf-8")
    store = ProfileStore(directory)
    try:
        inventory = store.inventory()
    except B24Error as error:
        assert error.code in ("PROFILES_FILE_CORRUPT", "PROFILES_FILE_TOO_NEW")
        assert str(directory / "profiles.json") in error.summary
        return
    assert all(isinstance(p, Profile) for p in inventory.profiles)
    for broken in inventory.broken:
        assert isinstance(broken, BrokenProfile)
        assert broken.error.code == "PROFILE_BROKEN" and broken.reason.strip()
    names = [p.name for p in inventory.profiles]
    assert len(names) == len(set(names))  # a duplicate is listed as broken, never loaded twice
