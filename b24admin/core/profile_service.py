"""The one place that keeps profile metadata and profile secrets in step.

Order matters: secrets are written FIRST and metadata second, so a keyring failure leaves no
profile without its secrets; a rename copies the secrets to the new name before the old entries
are deleted. Every method may touch the keyring: call them from a worker, never from a slot.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping

from b24admin.core.credentials import Credentials, OAuthCredentials, WebhookCredentials
from b24admin.core.errors import B24Error, ErrorKind
from b24admin.core.portal_urls import normalise_webhook_url, parse_webhook_url
from b24admin.core.profiles import AuthKind, Profile, ProfileStore
from b24admin.core.secrets import (
    KeyringSecretStore,
    SecretKind,
    SecretStore,
    SessionSecretStore,
    session_secret_store,
)
from b24admin.core.wording import secrets_list

log = logging.getLogger(__name__)


class ProfileService:
    """Profiles with their secrets: save, rename, remove, and the credentials for a client.

    Profiles with ``session_only=True`` keep their secrets in ``session_secrets`` (memory, this
    run only); all others in ``secrets`` (the system keyring by default).
    """

    def __init__(
        self,
        store: ProfileStore | None = None,
        secrets: SecretStore | None = None,
        session_secrets: SessionSecretStore | None = None,
    ) -> None:
        self.store = store if store is not None else ProfileStore()
        self.secrets: SecretStore = secrets if secrets is not None else KeyringSecretStore()
        self.session_secrets: SecretStore = (
            session_secrets if session_secrets is not None else session_secret_store()
        )

    def secret_store_for(self, profile: Profile) -> SecretStore:
        """Where this profile's secrets live."""
        return self.session_secrets if profile.session_only else self.secrets

    def save(
        self,
        profile: Profile,
        secrets: Mapping[SecretKind, str],
        *,
        replacing: str | None = None,
    ) -> None:
        """Save a new profile, or edit/rename the one named ``replacing``.

        ``secrets`` holds the values to set; a kind that is missing or empty keeps the value
        already stored (an edit that does not retype the secrets). Renaming, or switching
        between the keyring and session-only, moves the kept secrets and deletes the old
        entries. Raises B24Error: INPUT for a bad value or a taken name, KEYRING if the store
        fails (then nothing of a new profile is left behind).
        """
        provided = self._checked_secrets(profile, secrets)
        # The whole read-check-write under the profiles lock: two saves of one name in two
        # processes would otherwise both pass the name check and share keyring entries.
        with self.store.locked():
            self._save_locked(profile, provided, replacing)

    def _save_locked(
        self, profile: Profile, provided: dict[SecretKind, str], replacing: str | None
    ) -> None:
        old = self.store.get(replacing) if replacing is not None else None
        # Before any secret is written: the target entries may be another profile's.
        self.store.ensure_name_free(profile.name, replacing=replacing)
        target = self.secret_store_for(profile)
        source = self.secret_store_for(old) if old is not None else None
        moving = old is not None and (old.name != profile.name or source is not target)
        values = dict(provided)
        if old is not None and source is not None and moving:
            for kind in profile.secret_kinds():
                if kind not in values:
                    kept = source.get(old.name, kind)
                    if kept:
                        values[kind] = kept
        # What each entry held before, so a failed save puts it back: a new location (a new
        # profile, a new name or another store) held nothing; an in-place edit held the old
        # values, which must outlive a failed write of the profile.
        fresh_location = old is None or moving
        previous = {
            kind: None if fresh_location else target.get(profile.name, kind) for kind in values
        }
        written: list[SecretKind] = []
        try:
            for kind, value in values.items():
                target.set(profile.name, kind, value)
                written.append(kind)
            self.store.save_profile(profile, replacing=replacing if old is not None else None)
        except BaseException:
            self._restore(target, profile.name, {kind: previous[kind] for kind in written})
            raise
        if old is not None and source is not None and moving:
            self._forget(source, old.name, SecretKind)
        elif old is not None and old.auth is not profile.auth:
            stale = [k for k in SecretKind if k not in profile.secret_kinds()]
            self._forget(target, profile.name, stale)

    def save_tokens(self, profile: Profile, access_token: str, refresh_token: str) -> None:
        """Store rotated OAuth tokens; the refresh token first, as it is the one that matters.

        (Refreshing invalidates the old refresh token, so losing the new one means signing in
        again, while a lost access token is simply refreshed.)
        """
        store = self.secret_store_for(profile)
        if refresh_token:
            store.set(profile.name, SecretKind.REFRESH_TOKEN, refresh_token)
        if access_token:
            store.set(profile.name, SecretKind.ACCESS_TOKEN, access_token)

    def remove(self, name: str) -> None:
        """Remove a profile (usable or broken): its secrets, then its metadata.

        If the keyring is locked or refuses, nothing is removed (so the user can retry). If
        there is no keyring at all, its entries cannot be reached and the metadata goes anyway.
        """
        with self.store.locked():
            profile = self.store.get(name)
            self.session_secrets.delete_profile(name)
            if profile is None or not profile.session_only:
                try:
                    self.secrets.delete_profile(name)
                except B24Error as exc:
                    if exc.code != "KEYRING_UNAVAILABLE":
                        raise
                    log.warning("Removed profile %r without its keyring entries: %s", name, exc)
            self.store.remove(name)

    def credentials(self, profile: Profile) -> Credentials:
        """The profile's credentials from its store; B24Error (INPUT) when a secret is missing."""
        store = self.secret_store_for(profile)
        values = {kind: store.get(profile.name, kind) or "" for kind in profile.secret_kinds()}
        missing = [kind for kind, value in values.items() if not value]
        if missing:
            raise B24Error.explained(
                "SECRETS_MISSING",
                kind=ErrorKind.INPUT,
                variant="SECRETS_MISSING/session" if profile.session_only else "",
                values={
                    "name": profile.name,
                    "secrets": secrets_list(missing),
                },
            )
        if profile.auth is AuthKind.WEBHOOK:
            return WebhookCredentials(webhook_url=values[SecretKind.WEBHOOK_URL])
        return OAuthCredentials(
            portal_url=profile.portal_url,
            client_id=profile.client_id,
            client_secret=values[SecretKind.CLIENT_SECRET],
            access_token=values[SecretKind.ACCESS_TOKEN],
            refresh_token=values[SecretKind.REFRESH_TOKEN],
            oauth_server=profile.oauth_server,
        )

    @staticmethod
    def _checked_secrets(
        profile: Profile, secrets: Mapping[SecretKind, str]
    ) -> dict[SecretKind, str]:
        values: dict[SecretKind, str] = {}
        for raw_kind, raw_value in secrets.items():
            kind = SecretKind(raw_kind)
            value = (raw_value or "").strip()
            if not value:
                continue  # empty means "keep what is stored"
            if kind not in profile.secret_kinds():
                raise B24Error.explained(
                    "UNEXPECTED_SECRET",
                    kind=ErrorKind.INPUT,
                    argument=kind.value,
                    values={"auth": profile.auth.value, "secret": kind.label},
                )
            values[kind] = value
        webhook = values.get(SecretKind.WEBHOOK_URL)
        if webhook is not None:
            portal, _user_id = parse_webhook_url(webhook)
            if portal != profile.portal_url:
                raise B24Error.explained(
                    "WEBHOOK_PORTAL_MISMATCH",
                    kind=ErrorKind.INPUT,
                    argument=SecretKind.WEBHOOK_URL.value,
                    values={"portal": portal, "profile_portal": profile.portal_url},
                )
            values[SecretKind.WEBHOOK_URL] = normalise_webhook_url(webhook)
        return values

    @staticmethod
    def _restore(store: SecretStore, name: str, previous: Mapping[SecretKind, str | None]) -> None:
        """Put back what secret entries held before a failed save (best effort: the save's
        own error is the one the user needs to see)."""
        for kind, value in previous.items():
            try:
                if value is None:
                    store.delete(name, kind)
                else:
                    store.set(name, kind, value)
            except B24Error as exc:
                log.warning("Could not restore the %s of profile %r: %s", kind.label, name, exc)

    @staticmethod
    def _forget(store: SecretStore, name: str, kinds: Iterable[SecretKind]) -> None:
        """Delete secrets on a best-effort basis: the outcome the user asked for already holds."""
        for kind in kinds:
            try:
                store.delete(name, kind)
            except B24Error as exc:
                log.warning("Could not delete the %s of profile %r: %s", kind.label, name, exc)
