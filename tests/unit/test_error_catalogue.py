"""The error catalogue covers every code the Bitrix24 docs name with a summary and advice."""

from __future__ import annotations

import pytest

from b24admin.core.error_catalogue import CATALOGUE, explain

# Every code the Bitrix24 docs name (placement, OAuth server and system errors), plus our own.
PLACEMENT_CODES = [
    "WRONG_AUTH_TYPE",
    "ACCESS_DENIED",
    "ERROR_ARGUMENT",
    "ERROR_PLACEMENT_NOT_FOUND",
    "ERROR_PLACEMENT_MAX_COUNT",
    "ERROR_PLACEMENT_USER_MODE",
    "EMPTY_ERROR_HANDLER_URL",
    "ERROR_WRONG_HANDLER_URL",
    "ERROR_UNSUPPORTED_PROTOCOL",
    "INVALID_ERROR_CONTEXT",
    "INVALID_ERROR_EXTRANET",
    "INVALID_ERROR_ROLE",
    "INVALID_ERROR_ICON_NAME",
    "EMPTY_ERROR_ICON_NAME",
    "INVALID_ERROR_COLOR",
    "INVALID_ERROR_WIDTH",
    "INVALID_ERROR_HEIGHT",
    "ERROR_CORE",
    "ERROR_HANDLER_URL_MATCH",
    "ERROR_NOT_FOUND",
]
SYSTEM_CODES = [
    "INTERNAL_SERVER_ERROR",
    "ERROR_UNEXPECTED_ANSWER",
    "QUERY_LIMIT_EXCEEDED",
    "ERROR_BATCH_METHOD_NOT_ALLOWED",
    "ERROR_BATCH_LENGTH_EXCEEDED",
    "NO_AUTH_FOUND",
    "INVALID_REQUEST",
    "OVERLOAD_LIMIT",
    "ACCESS_DENIED",
    "INVALID_CREDENTIALS",
    "ERROR_MANIFEST_IS_NOT_AVAILABLE",
    "insufficient_scope",
    "expired_token",
    "user_access_error",
    "PORTAL_DELETED",
    "OPERATION_TIME_LIMIT",
]
OAUTH_CODES = [
    "invalid_request",
    "invalid_client",
    "insufficient_scope",
    "invalid_scope",
    "invalid_grant",
    "PAYMENT_REQUIRED",
    "expired_token",
    "NO_AUTH_FOUND",
]
OWN_CODES = [
    "NETWORK_ERROR",
    "TIMEOUT",
    "TLS_ERROR",
    "HTML_RESPONSE",
    "EMPTY_RESPONSE",
    "MALFORMED_RESPONSE",
    "HTTPS_REQUIRED",
]


@pytest.mark.parametrize("code", PLACEMENT_CODES + SYSTEM_CODES + OAUTH_CODES + OWN_CODES)
def test_every_reference_code_is_in_the_catalogue(code: str) -> None:
    assert code in CATALOGUE


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_every_entry_has_a_one_line_summary_and_advice(code: str) -> None:
    summary, advice = explain(code.split("/")[0], "", "FIELD")
    assert summary.strip() and advice.strip()
    assert "\n" not in summary
    raw_summary, raw_advice = CATALOGUE[code]
    assert raw_summary.strip() and raw_advice.strip()


def test_wrong_auth_type_explains_apps_webhooks_and_the_setup_path() -> None:
    _summary, advice = explain("WRONG_AUTH_TYPE")
    assert "installed application" in advice
    assert "webhooks cannot" in advice.lower()
    assert "Applications > Developer resources > Other > Local application" in advice
    assert "'placement'" in advice
    assert '"Local application"' in advice


def test_error_argument_names_the_argument() -> None:
    summary, advice = explain("ERROR_ARGUMENT", "Required", "HANDLER")
    assert "HANDLER" in summary and "HANDLER" in advice


def test_error_core_duplicate_handler_is_told_apart_from_language_rows() -> None:
    dup_summary, dup_advice = explain(
        "ERROR_CORE", "Unable to set placement handler: Handler already binded"
    )
    lang_summary, _ = explain("ERROR_CORE", "Unable to set placements language")
    assert "already registered" in dup_summary
    assert "unbind" in dup_advice
    assert "language" in lang_summary
    assert dup_summary != lang_summary


def test_access_denied_application_context_is_explained_as_a_webhook() -> None:
    summary, advice = explain("ACCESS_DENIED", "Application context required")
    assert (summary, advice) == explain("WRONG_AUTH_TYPE")


def test_invalid_request_and_invalid_request_oauth_differ() -> None:
    assert explain("INVALID_REQUEST") != explain("invalid_request")


def test_unknown_code_shows_the_servers_words() -> None:
    summary, advice = explain("NEW_THING", "The server's own words")
    assert "NEW_THING" in summary
    assert "The server's own words" in summary
    assert advice


def test_unknown_code_without_description_still_reads() -> None:
    summary, _ = explain("NEW_THING")
    assert "NEW_THING" in summary and "{" not in summary


def test_case_insensitive_fallback_for_codes_with_unusual_case() -> None:
    assert explain("Payment_Required") == explain("PAYMENT_REQUIRED")


def test_braces_in_server_words_do_not_break_formatting() -> None:
    summary, _ = explain("NEW_THING", "bad {value} here")
    assert "bad {value} here" in summary


def test_no_text_a_user_reads_has_literal_backticks() -> None:
    # Backticks are markdown; in a dialog or a terminal they show as stray characters.
    from b24admin import i18n_tools

    found, _bypasses = i18n_tools.extract()
    assert [text for text in found if "`" in text] == []
    assert [text for entry in CATALOGUE.values() for text in entry if "`" in text] == []
