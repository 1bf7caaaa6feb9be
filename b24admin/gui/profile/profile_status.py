"""The connection status line in words: which profile, which portal, which kind, where secrets are.

Widget-free text building, kept apart so the wording can be tested and reused (the About box, the
profile list) without a window.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from b24admin.core.i18n import ngettext
from b24admin.core.profiles import AuthKind, Profile

if TYPE_CHECKING:
    from b24admin.core.profile_service import ProfileService
    from b24admin.core.secrets import SecretKind


def _tr(text: str) -> str:
    return QCoreApplication.translate("ProfileStatus", text)


def describe_profile(
    profile: Profile | None, keyring_backend: str = "", *, sandbox_url: str = ""
) -> str:
    """One or two lines for the status label under the profile selector.

    ``keyring_backend`` is the keyring's name once a worker has learnt it ("" until then);
    ``sandbox_url`` marks the profile as the local sandbox portal.
    """
    if profile is None:
        return _tr("No connection profile yet: add one, or try the local sandbox portal.")
    if sandbox_url:
        return _tr(
            "Local sandbox portal at {url}: a Bitrix24 look-alike on this computer; nothing "
            "reaches a real portal. Secrets in: this session only (memory)."
        ).format(url=sandbox_url)
    if profile.auth is AuthKind.WEBHOOK:
        kind = _tr("incoming webhook (cannot register widgets)")
    else:
        kind = _tr("local application (OAuth, client_id {client_id})").format(
            client_id=profile.client_id
        )
    if profile.session_only:
        where = _tr("this session only (memory; forgotten when b24admin quits)")
    else:
        where = keyring_backend or _tr("the system keyring")
    return _tr("{portal} · {kind} · Secrets in: {where}").format(
        portal=profile.portal_url, kind=kind, where=where
    )


def missing_secrets(service: ProfileService, profile: Profile) -> list[SecretKind]:
    """The secrets ``profile`` needs that its store does not hold (run it in a worker: it
    reads the keyring)."""
    store = service.secret_store_for(profile)
    return [kind for kind in profile.secret_kinds() if not store.get(profile.name, kind)]


def describe_missing_secrets(
    profile: Profile, missing: list[SecretKind], keyring_backend: str = ""
) -> str:
    """The notice under the status line when secrets are missing ("" when none is)."""
    if not missing:
        return ""
    from b24admin.core.wording import secrets_list

    secrets = secrets_list(missing)
    if profile.session_only:
        text = ngettext(
            "“{name}” kept its secrets for this session only, and {secrets} is gone: enter it "
            "again to bind.",
            "“{name}” kept its secrets for this session only, and {secrets} are gone: enter "
            "them again to bind.",
            len(missing),
        )
        return text.format(name=profile.name, secrets=secrets)
    text = ngettext(
        "“{name}” needs {secrets}, which {store} does not hold (a new computer, or a reset "
        "keyring): enter it again to bind.",
        "“{name}” needs {secrets}, which {store} does not hold (a new computer, or a reset "
        "keyring): enter them again to bind.",
        len(missing),
    )
    return text.format(
        name=profile.name, secrets=secrets, store=keyring_backend or _tr("the keyring")
    )
