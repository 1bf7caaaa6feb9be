"""Redaction: secrets never reach previews, logs, error details or curl commands."""

from __future__ import annotations

import json

import pytest

from b24admin.core.redact import REDACTED, redact_params, redact_text, redact_url, webhook_secret

WEBHOOK = "https://acme.bitrix24.com/rest/7/q1w2e3r4t5y6/"


@pytest.mark.parametrize(
    "key",
    [
        "auth",
        "access_token",
        "refresh_token",
        "client_secret",
        "code",
        "AUTH_ID",
        "REFRESH_ID",
        "password",
        "APPLICATION_TOKEN",
    ],
)
def test_secret_keys_are_redacted_case_insensitively(key: str) -> None:
    assert redact_params({key: "value-1234"}) == {key: REDACTED}
    assert redact_params({key.upper(): "value-1234"}) == {key.upper(): REDACTED}


def test_ordinary_params_are_kept() -> None:
    params = {"PLACEMENT": "IM_SIDEBAR", "USER_ID": 3, "OPTIONS": {"iconName": "fa-rocket"}}
    assert redact_params(params) == params


def test_nested_dicts_and_lists_are_redacted_recursively() -> None:
    params = {
        "cmd": {"a": {"auth": "tok"}},
        "list": [{"refresh_token": "r"}, "plain"],
        "halt": 0,
    }
    assert redact_params(params) == {
        "cmd": {"a": {"auth": REDACTED}},
        "list": [{"refresh_token": REDACTED}, "plain"],
        "halt": 0,
    }


def test_input_is_not_modified() -> None:
    params = {"auth": "tok", "inner": {"code": "c"}}
    redact_params(params)
    assert params == {"auth": "tok", "inner": {"code": "c"}}


def test_webhook_url_inside_a_string_value_loses_its_secret() -> None:
    redacted = redact_params({"HANDLER": WEBHOOK + "placement.bind.json"})
    assert "q1w2e3r4t5y6" not in redacted["HANDLER"]
    assert redacted["HANDLER"].startswith("https://acme.bitrix24.com/rest/7/")


def test_empty_secret_values_stay_visible_as_empty() -> None:
    # An empty value reveals nothing, and showing it helps diagnose "no token" problems.
    assert redact_params({"auth": ""}) == {"auth": ""}


def test_redact_url_hides_webhook_segment_and_secret_query() -> None:
    url = WEBHOOK + "scope.json?auth=abc&client_secret=def&refresh_token=ghi&full=1"

    redacted = redact_url(url)

    for secret in ("q1w2e3r4t5y6", "abc", "def", "ghi"):
        assert secret not in redacted
    assert "full=1" in redacted
    assert redacted.startswith("https://acme.bitrix24.com/rest/7/")


def test_redact_url_hides_a_password_in_the_authority() -> None:
    assert "hunter2" not in redact_url("https://admin:hunter2@proxy.example.com/")


def test_redact_url_leaves_plain_urls_alone() -> None:
    url = "https://acme.bitrix24.com/rest/placement.get.json"
    assert redact_url(url) == url


def test_redact_url_is_idempotent() -> None:
    once = redact_url(WEBHOOK + "x.json?auth=abc")
    assert redact_url(once) == once


def test_redact_text_replaces_known_secrets_and_their_url_encoding() -> None:
    secret = "a+b/c=d secret"
    text = f"token {secret} and url-encoded a%2Bb%2Fc%3Dd%20secret and a%2Bb%2Fc%3Dd+secret"

    redacted = redact_text(text, [secret])

    assert "a+b" not in redacted and "a%2Bb" not in redacted
    assert redacted.count(REDACTED) == 3


def test_redact_text_ignores_empty_and_tiny_secrets() -> None:
    assert redact_text("a 1 b", ["", None, "1"]) == "a 1 b"


def test_redact_text_replaces_the_longest_secret_first() -> None:
    redacted = redact_text("xx longsecret-1234 yy", ["longsecret", "longsecret-1234"])
    assert redacted == f"xx {REDACTED} yy"


def test_redact_text_also_applies_url_rules() -> None:
    text = "HTTPSConnectionPool: Max retries exceeded with url: /oauth/token/?client_secret=zz9"
    assert "zz9" not in redact_text(text)


def test_the_secret_segment_of_a_webhook_url_is_found_and_nothing_else() -> None:
    assert webhook_secret(WEBHOOK) == "q1w2e3r4t5y6"
    assert webhook_secret(WEBHOOK + "placement.get.json") == "q1w2e3r4t5y6"
    assert webhook_secret("https://acme.bitrix24.com/rest/placement.get.json") is None


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("access_token=at-0123456789&expires=3600", "at-0123456789"),
        ("refresh_token=rt-0123456789", "rt-0123456789"),
        ('{"access_token": "at-0123456789", "expires_in": 3600', "at-0123456789"),
        ('{"refresh_token":"rt-0123456789', "rt-0123456789"),  # cut off inside the value
        ("{'access_token': 'at-0123456789'}", "at-0123456789"),  # a Python repr
        ('{"error": "x", "body": "{\\"auth\\": \\"at-0123456789\\"}"}', "at-0123456789"),
    ],
)
def test_tokens_in_text_that_does_not_parse_are_redacted(text: str, secret: str) -> None:
    shown = redact_text(text)
    assert secret not in shown
    assert "redacted" in shown


def test_json_error_codes_are_not_mistaken_for_authorization_codes() -> None:
    text = '{"error": "ERROR_CORE", "code": "ERROR_CORE", "expires_in": 3600}'
    assert redact_text(text) == text


def test_very_deep_params_are_redacted_without_recursion_error() -> None:
    deep: dict[str, object] = {"auth": "at-0123456789"}
    for _ in range(5000):
        deep = {"next": deep}
    assert "at-0123456789" not in json.dumps(redact_params({"outer": [deep]}))
