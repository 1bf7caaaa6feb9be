"""Helpers for tests against the sandbox portal: a client's credentials, and manifests of
widgets for the sync, safe-edit and manifest tests."""

from __future__ import annotations

from b24admin.core.bind_request import BindRequest, LangRow
from b24admin.core.client import PortalClient, RateLimiter, RetryPolicy
from b24admin.core.credentials import OAuthCredentials
from b24admin.core.manifest import Manifest
from b24admin.core.throttle import STANDARD, LeakyBucket
from b24admin.sandbox import SandboxApp, SandboxPortal, TokenPair

APP = "https://app.example.com"


def credentials_for(sandbox: SandboxPortal, app: SandboxApp, tokens: TokenPair) -> OAuthCredentials:
    """The OAuth credentials of ``app`` on ``sandbox`` with ``tokens``."""
    return OAuthCredentials(
        portal_url=sandbox.base_url,
        client_id=app.client_id,
        client_secret=app.client_secret,
        access_token=tokens.access_token,
        refresh_token=tokens.refresh_token,
        oauth_server=sandbox.oauth_server_url,
    )


def portal_client(
    sandbox: SandboxPortal,
    app: SandboxApp,
    tokens: TokenPair,
    *,
    backoff: list[float] | None = None,
    attempts: int = 5,
    rate_limiter: RateLimiter | None = None,
) -> PortalClient:
    """A client like open_client's: the standard plan's leaky bucket, and a retry policy whose
    backoff waits are recorded in ``backoff`` instead of slept."""
    waits = backoff if backoff is not None else []
    return PortalClient(
        credentials_for(sandbox, app, tokens),
        retry=RetryPolicy(attempts=attempts, sleep=waits.append),
        rate_limiter=rate_limiter if rate_limiter is not None else LeakyBucket(STANDARD),
    )


def menu_items(count: int, title: str = "Item") -> list[BindRequest]:
    """``count`` widgets in one placement, told apart by the handler's query
    (docs/bitrix24-notes.md)."""
    return [
        BindRequest(
            placement="LEFT_MENU",
            handler=f"{APP}/menu?n={n}",
            lang_rows=(LangRow("en", f"{title} {n}"),),
        )
        for n in range(1, count + 1)
    ]


def varied_bindings() -> list[BindRequest]:
    """Every shape a manifest can take: options left to their defaults, numbers as text, texts
    at the top level or per language or none at all, a user, an unknown option key."""
    return [
        BindRequest(
            placement="IM_SIDEBAR",
            handler=f"{APP}/sidebar",
            lang_rows=(LangRow("en", "Tools", "Helpful tools"), LangRow("de", "Werkzeuge")),
            options={"iconName": "fa-rocket", "color": "AZURE"},
        ),
        BindRequest(
            placement="IM_TEXTAREA",
            handler=f"{APP}/textarea",
            title="Snippets",
            options={"iconName": "fa-paperclip", "width": "250", "height": 80},
        ),
        BindRequest(
            placement="IM_CONTEXT_MENU",
            handler=f"{APP}/context",
            title="Quote",
            description="Quote a message",
            options={"context": "USER;CHAT"},
        ),
        BindRequest(placement="LEFT_MENU", handler=f"{APP}/menu"),  # the app's name is shown
        BindRequest(
            placement="CRM_DEAL_DETAIL_ACTIVITY",
            handler=f"{APP}/activity",
            title="Activity",
            options={"useBuiltInInterface": "Y", "newUserNotificationTitle": "Hello"},
        ),
        BindRequest(
            placement="CRM_DEAL_DETAIL_TOOLBAR",
            handler=f"{APP}/toolbar",
            lang_rows=(LangRow("en", "Print", group_name="Documents"),),
        ),
        BindRequest(
            placement="PAGE_BACKGROUND_WORKER",
            handler=f"{APP}/worker",
            title="Worker",
            options={"errorHandlerUrl": f"{APP}/worker-error", "extra": "dropped"},
            user_id=1,
        ),
        BindRequest(
            placement="TASK_VIEW_TAB", handler=f"{APP}/task", title="Time", options={"groupId": ""}
        ),
    ]


def manifest_of(bindings: list[BindRequest]) -> Manifest:
    return Manifest(tuple(bindings))
