"""Portal, OAuth server and webhook addresses: the faults the URL parser lets through."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from b24admin.core.errors import B24Error, ErrorKind
from b24admin.core.portal_urls import (
    normalise_oauth_server,
    normalise_portal_url,
    normalise_webhook_url,
)


def refused(check: Callable[[str], str], url: str) -> B24Error:
    with pytest.raises(B24Error) as info:
        check(url)
    assert info.value.kind is ErrorKind.INPUT
    return info.value


@pytest.mark.parametrize("port", ["0", "99999", "65536", "44x3"])
@pytest.mark.parametrize(
    ("check", "url", "code", "argument"),
    [
        (
            normalise_portal_url,
            "https://b24.example.org:{port}",
            "INVALID_PORTAL_URL",
            "portal_url",
        ),
        (normalise_oauth_server, "https://oauth.example.org:{port}/", "INVALID_OAUTH_SERVER", ""),
        (
            normalise_webhook_url,
            "https://b24.example.org:{port}/rest/1/abc123/",
            "INVALID_WEBHOOK_URL",
            "webhook_url",
        ),
    ],
)
def test_a_port_outside_1_to_65535_is_refused_naming_the_port(
    check: Callable[[str], str], url: str, code: str, argument: str, port: str
) -> None:
    error = refused(check, url.format(port=port))
    assert error.code == code and (not argument or error.argument == argument)
    assert f"port {port}" in error.summary and "65535" in error.advice


def test_the_port_message_names_the_address_and_is_no_generic_invalid() -> None:
    error = refused(normalise_portal_url, "https://b24.example.org:0")
    assert error.summary == "The portal address has the port 0, which does not exist."


@pytest.mark.parametrize("port", ["1", "8443", "65535"])
def test_ports_1_to_65535_are_kept(port: str) -> None:
    url = f"https://b24.example.org:{port}"
    assert normalise_portal_url(url) == url


@pytest.mark.parametrize(
    ("host", "named"),
    [
        ("exa\u200bmple.bitrix24.com", "U+200B ZERO WIDTH SPACE"),
        ("\u202eexample.bitrix24.com", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("example.bit\trix24.com", "U+0009"),  # the parser would drop the tab without a word
        ("example.bitrix24.com\u0000", "U+0000"),
    ],
)
def test_an_invisible_character_in_the_host_is_refused_naming_it(host: str, named: str) -> None:
    error = refused(normalise_portal_url, f"https://{host}/")
    assert (error.code, error.argument) == ("INVALID_PORTAL_URL", "portal_url")
    assert named in error.summary and "invisible" in error.summary
    assert "Retype" in error.advice


def test_an_invisible_character_in_a_webhook_host_is_refused() -> None:
    error = refused(normalise_webhook_url, "https://b24\u200b.example.org/rest/1/abc123/")
    assert error.code == "INVALID_WEBHOOK_URL" and "U+200B" in error.summary


@pytest.mark.parametrize(
    ("url", "summary"),
    [
        ("", "Enter the portal address."),
        ("ftp://example.bitrix24.com", "The portal address is not a valid web address."),
        (
            "https://admin:pw@example.bitrix24.com",
            "The portal address must not contain a user name or password.",
        ),
        ("http://example.bitrix24.com", "The portal address must start with https://."),
    ],
)
def test_the_texts_come_from_the_error_catalogue(url: str, summary: str) -> None:
    assert refused(normalise_portal_url, url).summary == summary


def test_a_webhook_url_without_rest_is_explained() -> None:
    error = refused(normalise_webhook_url, "https://b24.example.org/page/")
    assert error.summary == "This is not an incoming webhook URL."
    assert "https://example.bitrix24.com/rest/1/abcd1234efgh5678/" in error.advice
