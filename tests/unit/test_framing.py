"""Framing and reachability verdicts: the browsers' rules for X-Frame-Options and CSP
frame-ancestors, applied to the portal's origin."""

from __future__ import annotations

import pytest

from b24admin.core.framing import framing_verdict, local_reason, reachability_verdict
from b24admin.core.handler_context import PortalIdentity

PORTAL = PortalIdentity.from_portal_url("https://acme.bitrix24.com")
HANDLER = "https://app.example.com/widget/"


def verdict_code(*headers: tuple[str, str], handler: str = HANDLER) -> str:
    return framing_verdict(list(headers), handler, PORTAL).code


def csp(policy: str) -> tuple[str, str]:
    return ("Content-Security-Policy", policy)


def test_no_framing_header_can_be_framed() -> None:
    assert verdict_code(("Content-Type", "text/html")) == "frame_ok"


@pytest.mark.parametrize(
    ("value", "code"),
    [("DENY", "xfo_deny"), ("sameorigin", "xfo_sameorigin"), ("ALLOW-FROM https://x", "frame_ok")],
)
def test_x_frame_options_values(value: str, code: str) -> None:
    assert verdict_code(("X-Frame-Options", value)) == code


def test_sameorigin_is_fine_when_handler_and_portal_share_the_origin() -> None:
    handler = "https://acme.bitrix24.com/local/app/"
    assert verdict_code(("X-Frame-Options", "SAMEORIGIN"), handler=handler) == "frame_ok"


@pytest.mark.parametrize(
    "policy",
    [
        "frame-ancestors https://acme.bitrix24.com",
        "frame-ancestors acme.bitrix24.com",
        "frame-ancestors https://*.bitrix24.com",
        "frame-ancestors https:",
        "frame-ancestors *",
        "frame-ancestors https://acme.bitrix24.com:443/any/path",
        "default-src 'none'; FRAME-ANCESTORS 'self' https://acme.bitrix24.com",
    ],
)
def test_frame_ancestors_that_admit_the_portal(policy: str) -> None:
    assert verdict_code(csp(policy)) == "csp_admits"


@pytest.mark.parametrize(
    "policy",
    [
        "frame-ancestors 'none'",
        "frame-ancestors 'self'",
        "frame-ancestors https://bitrix24.com",  # the wildcard form is needed for subdomains
        "frame-ancestors *.bitrix24.de",
        "frame-ancestors https://acme.bitrix24.com:8443",
        "frame-ancestors 'unsafe-inline'",
    ],
)
def test_frame_ancestors_that_exclude_the_portal(policy: str) -> None:
    assert verdict_code(csp(policy)) == "csp_excludes"


def test_a_scheme_source_written_for_http_also_admits_https() -> None:
    assert verdict_code(csp("frame-ancestors http:")) == "csp_admits"


def test_every_enforced_policy_must_admit_the_portal() -> None:
    admits, excludes = "frame-ancestors https://acme.bitrix24.com", "frame-ancestors 'self'"
    assert verdict_code(csp(admits), csp(excludes)) == "csp_excludes"
    assert verdict_code(csp(f"{admits}, {excludes}")) == "csp_excludes"


def test_report_only_policies_enforce_nothing() -> None:
    header = ("Content-Security-Policy-Report-Only", "frame-ancestors 'none'")
    assert verdict_code(header) == "frame_ok"


def test_frame_ancestors_overrides_x_frame_options_deny() -> None:
    headers = (("X-Frame-Options", "DENY"), csp("frame-ancestors https://acme.bitrix24.com"))
    assert verdict_code(*headers) == "csp_admits"


def test_plain_http_handler_in_an_https_portal_is_mixed_content() -> None:
    assert verdict_code(handler="http://app.example.com/") == "mixed_content"
    # Browsers trust loopback addresses, so a local handler is not blocked as mixed content.
    assert verdict_code(handler="http://127.0.0.1:8080/") == "frame_ok"


@pytest.mark.parametrize(
    "host", ["127.0.0.1", "localhost", "10.1.2.3", "192.168.0.7", "[::1]", "intranet", "dev.local"]
)
def test_local_hosts_are_unreachable_for_a_public_portal(host: str) -> None:
    assert local_reason(host, resolve=False)
    verdict = reachability_verdict([f"https://{host}/w"], PORTAL)
    assert not verdict.ok and verdict.code == "not_public"


def test_a_redirect_to_a_local_host_is_unreachable_too() -> None:
    chain = ["https://8.8.8.8/start", "https://10.0.0.5/final"]
    assert reachability_verdict(chain, PORTAL).code == "not_public"


def test_a_public_address_is_reachable() -> None:
    # An address literal: nothing is resolved or sent.
    assert reachability_verdict(["https://8.8.8.8/w"], PORTAL).ok


def test_a_portal_on_this_computer_reaches_local_handlers() -> None:
    sandbox = PortalIdentity.from_portal_url("http://127.0.0.1:8024")
    assert reachability_verdict(["http://127.0.0.1:5000/"], sandbox).code == "local_portal"
