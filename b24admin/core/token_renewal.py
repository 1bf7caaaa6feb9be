"""One token refresh per profile, however many clients and processes use it.

Bitrix24 rotates the refresh token on every refresh, and the old one then answers
``invalid_grant`` (api-reference/oauth/index.md). The window opens a client per job on a thread
pool, and a script may run beside it, so two clients often meet the same expired access token.
Each one renews under the profile's lock file and first re-reads the stored pair: when the stored
access token is no longer the one that expired, another client already refreshed, and its pair is
used as it is. The client that does refresh stores the new pair before the lock is released.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import replace
from typing import TYPE_CHECKING

from b24admin.core.credentials import OAuthCredentials
from b24admin.core.locks import TOKEN_LOCK_TIMEOUT, holding, token_lock_path

if TYPE_CHECKING:
    from b24admin.core.profile_service import ProfileService
    from b24admin.core.profiles import Profile


def stored_tokens_guard(
    service: ProfileService, profile: Profile, *, timeout: float = TOKEN_LOCK_TIMEOUT
) -> StoredTokensGuard:
    """The ``renewal_guard`` of a PortalClient for ``profile`` (see :class:`StoredTokensGuard`)."""
    return StoredTokensGuard(service, profile, timeout)


class StoredTokensGuard:
    """Called with the credentials that met ``expired_token``: holds the profile's renewal lock
    and yields the credentials stored now (None when the store has no tokens for it)."""

    def __init__(self, service: ProfileService, profile: Profile, timeout: float) -> None:
        self._service = service
        self._profile = profile
        self._timeout = timeout

    def __call__(
        self, expired: OAuthCredentials
    ) -> AbstractContextManager[OAuthCredentials | None]:
        return self._held(expired)

    @contextmanager
    def _held(self, expired: OAuthCredentials) -> Iterator[OAuthCredentials | None]:
        path = token_lock_path(self._service.store.directory, self._profile.name)
        name = self._profile.name
        with holding(path, purpose="tokens", timeout=self._timeout, values={"name": name}):
            yield self._stored(expired)

    def _stored(self, expired: OAuthCredentials) -> OAuthCredentials | None:
        from b24admin.core.secrets import SecretKind

        store = self._service.secret_store_for(self._profile)
        access = store.get(self._profile.name, SecretKind.ACCESS_TOKEN)
        refresh = store.get(self._profile.name, SecretKind.REFRESH_TOKEN)
        if not access or not refresh:
            return None
        return replace(expired, access_token=access, refresh_token=refresh)
