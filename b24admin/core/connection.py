"""Open a REST client for a profile: secrets from its store, rotated tokens back into it.

Bitrix24 rotates the refresh token on every refresh and the old one stops working (reference
§5, auto-renewal.md), so the new pair must reach the secret store *before* the client retries
the call; otherwise a crash right after the retry would leave only a dead refresh token.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from b24admin.core.credentials import OAuthCredentials

if TYPE_CHECKING:
    from b24admin.core.client import PortalClient
    from b24admin.core.oauth import TokenSet
    from b24admin.core.profile_service import ProfileService
    from b24admin.core.profiles import Profile


def token_saver(profile: Profile, service: ProfileService) -> Callable[[TokenSet], None]:
    """A callback that stores a refreshed TokenSet in the profile's secret store.

    It raises the store's B24Error when the keyring refuses: the client then stops rather than
    carry on with tokens that exist nowhere but in memory.
    """

    def save(tokens: TokenSet) -> None:
        service.save_tokens(profile, tokens.access_token, tokens.refresh_token)

    return save


def open_client(profile: Profile, service: ProfileService, **client_kwargs: Any) -> PortalClient:
    """A PortalClient for ``profile`` (reads its secrets: call from a worker, never a slot).

    ``client_kwargs`` go to PortalClient (session, timeout, retry, on_call, ...). A caller's own
    ``on_tokens_refreshed`` still runs, after the tokens are stored.
    """
    # Imported here: requests and tenacity are heavy and the GUI imports this module early.
    from b24admin.core.client import PortalClient

    credentials = service.credentials(profile)
    if isinstance(credentials, OAuthCredentials):
        save = token_saver(profile, service)
        also: Callable[[TokenSet], None] | None = client_kwargs.pop("on_tokens_refreshed", None)

        def on_tokens_refreshed(tokens: TokenSet) -> None:
            save(tokens)
            if also is not None:
                also(tokens)

        client_kwargs["on_tokens_refreshed"] = on_tokens_refreshed
    return PortalClient(credentials, **client_kwargs)
