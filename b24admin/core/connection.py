"""Open a REST client for a profile: secrets from its store, rotated tokens back into it.

Bitrix24 rotates the refresh token on every refresh and the old one stops working
(settings/oauth/auto-renewal.md), so the new pair must reach the secret store *before* the client
retries the call; otherwise a crash right after the retry would leave only a dead refresh token.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from b24admin.core.credentials import OAuthCredentials
from b24admin.core.throttle import LeakyBucket, RateLimit
from b24admin.core.token_renewal import stored_tokens_guard

if TYPE_CHECKING:
    from b24admin.core.activity_log import ActivityLog
    from b24admin.core.client import PortalClient
    from b24admin.core.oauth import TokenSet
    from b24admin.core.profile_service import ProfileService
    from b24admin.core.profiles import Profile, RatePlan
    from b24admin.core.transport import CallRecord


# One bucket per portal for the whole process: the portal counts every request of b24admin
# together (limits.md), however many clients the GUI and the CLI open.
_buckets: dict[tuple[str, RatePlan], LeakyBucket] = {}
_buckets_lock = threading.Lock()


def portal_rate_limiter(profile: Profile) -> LeakyBucket:
    """The process-wide client-side leaky bucket for this profile's portal and rate plan."""
    key = (profile.portal_url, profile.rate_plan)
    with _buckets_lock:
        if key not in _buckets:
            _buckets[key] = LeakyBucket(RateLimit.of(profile.rate_plan))
        return _buckets[key]


def open_client(
    profile: Profile,
    service: ProfileService,
    *,
    activity: ActivityLog | None = None,
    **client_kwargs: Any,
) -> PortalClient:
    """A PortalClient for ``profile`` (reads its secrets: call from a worker, never a slot).

    ``client_kwargs`` go to PortalClient (session, timeout, retry, on_call, ...). A caller's own
    ``on_tokens_refreshed`` still runs, after the tokens are stored. Unless the caller passes
    ``rate_limiter`` (None turns it off), requests are paced by :func:`portal_rate_limiter`.

    Every call is recorded in ``activity`` (default: the config dir's activity log), which is
    told the profile's secrets so it can scrub them; a caller's own ``on_call`` runs too.
    """
    # Imported here: requests and tenacity are heavy and the GUI imports this module early.
    from b24admin.core.activity_log import default_activity_log
    from b24admin.core.client import PortalClient

    credentials = service.credentials(profile)
    log = activity if activity is not None else default_activity_log()
    log.add_credentials(credentials)
    caller_on_call: Callable[[CallRecord], None] | None = client_kwargs.pop("on_call", None)

    def on_call(record: CallRecord) -> None:
        log.record(record)
        if caller_on_call is not None:
            caller_on_call(record)

    client_kwargs["on_call"] = on_call
    client_kwargs.setdefault("rate_limiter", portal_rate_limiter(profile))
    if isinstance(credentials, OAuthCredentials):
        also: Callable[[TokenSet], None] | None = client_kwargs.pop("on_tokens_refreshed", None)

        def on_tokens_refreshed(tokens: TokenSet) -> None:
            # Stored first, before anything else can fail: the old refresh token died with
            # this refresh. A keyring refusal raises here, so the client stops rather than
            # carry on with tokens that exist nowhere but in memory.
            service.save_tokens(profile, tokens.access_token, tokens.refresh_token)
            log.add_secrets([tokens.access_token, tokens.refresh_token])
            if also is not None:
                also(tokens)

        client_kwargs["on_tokens_refreshed"] = on_tokens_refreshed
        # One refresh per profile across threads and processes (core/token_renewal.py).
        client_kwargs.setdefault("renewal_guard", stored_tokens_guard(service, profile))
    return PortalClient(credentials, **client_kwargs)
