"""“Test connection”: ask the portal what stands between a profile and a visible widget.

Three cheap ``basic``-scope calls answer it (app-info.md, user-admin.md and scope.md under
api-reference/common/): ``app.info`` (is the application installed? widgets bound before
installation is finished stay invisible, installation-finish.md), ``user.admin`` (only an
administrator may bind, widgets/index.md) and ``scope`` (``placement`` plus a tool scope per
placement family, widgets/placements.md). An incoming webhook has no application context, so
``app.info`` answers ``ACCESS_DENIED`` "Application context required": that is reported as "a
webhook cannot register widgets", not as a failure.

Qt-free: the GUI runs :func:`check_connection` in a worker and renders :meth:`entries`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from b24admin.core.error_catalogue import no_application_context
from b24admin.core.errors import B24Error, ErrorKind
from b24admin.core.i18n import N_, _, ngettext
from b24admin.core.profiles import AuthKind
from b24admin.core.wording import enumeration

if TYPE_CHECKING:
    from b24admin.core.catalogue import Catalogue

PLACEMENT_SCOPE = "placement"
# Scope aliases the portal may report (api-reference/scopes/permissions.md).
_SCOPE_ALIASES = {"socialnetwork": "sonet_group"}


class DiagnosableClient(Protocol):
    """The three calls a connection check needs (PortalClient has them)."""

    def app_info(self) -> Any: ...

    def user_admin(self) -> Any: ...

    def scopes(self) -> Any: ...


_WEBHOOK_TEXT = N_(
    "This profile is an incoming webhook: Bitrix24 does not let webhooks register widgets "
    "(placement.bind answers WRONG_AUTH_TYPE). Use a local application profile with its "
    "client_id, client_secret and an administrator's tokens."
)
_NOT_INSTALLED_TEXT = N_(
    "The application is not installed yet: widgets you register stay invisible to everyone "
    "until its installation is finished (open the application in Bitrix24 so that its install "
    "page calls BX24.installFinish())."
)
_NOT_ADMIN_TEXT = N_(
    "The signed-in user is not a portal administrator: placement.bind will answer "
    "ACCESS_DENIED. Sign in as an administrator to get new tokens."
)
_NO_PLACEMENT_SCOPE_TEXT = N_(
    "The “placement” scope is missing: add it in the local application's settings in "
    "Bitrix24, save, and sign in again."
)


@dataclass(frozen=True)
class ReportLine:
    """One line of the report: ``ok`` is True (good), False (a problem) or None (information)."""

    ok: bool | None
    text: str


@dataclass
class ConnectionReport:
    """What the portal said about this profile, in plain words.

    ``installed``/``is_admin``/``has_placement_scope`` are None when the portal could not be asked
    (a webhook has no ``app.info``); ``unanswered`` then says why, by question ("installed",
    "admin", "scopes"). ``problems`` lists, in words, everything that stops a widget from being
    registered or seen; an empty list means the profile is ready. ``unlocks`` maps each granted
    tool scope to the placement groups it makes bindable; ``global_groups`` need no tool scope.
    """

    installed: bool | None
    is_admin: bool | None
    has_placement_scope: bool | None
    scopes: list[str]
    app: dict[str, Any]
    auth_kind: AuthKind | None
    problems: list[str] = field(default_factory=list)
    is_webhook: bool = False
    unlocks: dict[str, dict[str, int]] = field(default_factory=dict)
    global_groups: dict[str, int] = field(default_factory=dict)
    unanswered: dict[str, str] = field(default_factory=dict)

    @property
    def ready(self) -> bool:
        """True when nothing is known to stand between this profile and a visible widget."""
        return not self.problems and not self.unanswered

    def _unknown(self, question: str, text: str, with_reason: str) -> ReportLine:
        """``text`` ("Could not find out ….") or, when the portal said why, ``with_reason``
        ("Could not find out …: {reason}"); both translated here."""
        reason = self.unanswered.get(question, "")
        return ReportLine(None, _(with_reason).format(reason=reason) if reason else _(text))

    def entries(self) -> list[ReportLine]:
        """The report as lines with a verdict each, in the order an administrator reads them."""
        out: list[ReportLine] = []
        if self.is_webhook:
            out.append(ReportLine(False, _(_WEBHOOK_TEXT)))
        elif self.installed is True:
            version = self.app.get("VERSION")
            if version in (None, ""):
                out.append(ReportLine(True, _("The application is installed.")))
            else:
                text = _("The application is installed (version {version}).")
                out.append(ReportLine(True, text.format(version=version)))
        elif self.installed is False:
            out.append(ReportLine(False, _(_NOT_INSTALLED_TEXT)))
        else:
            out.append(
                self._unknown(
                    "installed",
                    N_("Could not find out whether the application is installed."),
                    N_("Could not find out whether the application is installed: {reason}"),
                )
            )

        if self.is_admin is True:
            out.append(ReportLine(True, _("You are a portal administrator.")))
        elif self.is_admin is False:
            out.append(ReportLine(False, _(_NOT_ADMIN_TEXT)))
        else:
            out.append(
                self._unknown(
                    "admin",
                    N_("Could not find out whether you are an administrator."),
                    N_("Could not find out whether you are an administrator: {reason}"),
                )
            )

        if self.is_webhook:
            pass  # a webhook's scopes cannot make placement.bind work: no verdict on them
        elif self.has_placement_scope is True:
            out.append(ReportLine(True, _("The “placement” scope is granted.")))
        elif self.has_placement_scope is False:
            out.append(ReportLine(False, _(_NO_PLACEMENT_SCOPE_TEXT)))
        else:
            out.append(
                self._unknown(
                    "scopes",
                    N_("Could not find out which scopes are granted."),
                    N_("Could not find out which scopes are granted: {reason}"),
                )
            )

        if self.scopes:
            scopes = enumeration(self.scopes)
            out.append(ReportLine(None, _("Granted scopes: {scopes}.").format(scopes=scopes)))
        elif self.has_placement_scope is not None:
            out.append(ReportLine(None, _("The portal reported no scopes.")))
        if not self.is_webhook and self.has_placement_scope:
            for scope, groups in self.unlocks.items():
                text = _("Scope “{scope}” unlocks: {groups}.")
                out.append(ReportLine(None, text.format(scope=scope, groups=_counted(groups))))
            if self.global_groups:
                text = _("With “placement” alone you can use: {groups}.")
                out.append(ReportLine(None, text.format(groups=_counted(self.global_groups))))
        return out

    def lines(self) -> list[str]:
        """The report in plain words, one sentence per line, marked ✓ (good), ✗ (problem), •."""
        marks = {True: "✓", False: "✗", None: "•"}
        return [f"{marks[line.ok]} {line.text}" for line in self.entries()]


def _counted(groups: dict[str, int]) -> str:
    """``{"CRM": 58}`` → ``CRM (58 placements)``."""
    return enumeration(
        ngettext("{group} ({count} placement)", "{group} ({count} placements)", count).format(
            group=_(group), count=count
        )
        for group, count in groups.items()
    )


def portal_flag(value: Any) -> bool:
    """A yes/no from the portal: a JSON boolean, or "Y"/"N" (older portals answer strings)."""
    if isinstance(value, str):
        return value.strip().upper() in {"Y", "YES", "TRUE", "1"}
    return bool(value)


def _normalise_scopes(raw: Any) -> list[str]:
    if isinstance(raw, str):
        raw = raw.split(",")
    if not isinstance(raw, Iterable):
        return []
    scopes = {str(s).strip() for s in raw if str(s).strip()}
    return sorted(scopes)


def placements_unlocked(
    scopes: Iterable[str], catalogue: Catalogue | None
) -> tuple[dict[str, dict[str, int]], dict[str, int]]:
    """How many bindable placements, per group, each granted tool scope unlocks; and the groups
    that need only ``placement`` (widgets/placements.md: "—" in the Scope column).

    Returns ``({scope: {group: count}}, {group: count})``; empty without a catalogue.
    """
    if catalogue is None:
        return {}, {}
    granted = {_SCOPE_ALIASES.get(s, s) for s in scopes}
    by_scope: dict[str, dict[str, int]] = {}
    global_groups: dict[str, int] = {}
    for spec in catalogue.placements:
        if not spec.bindable or spec.deprecated:
            continue
        scope = _SCOPE_ALIASES.get(spec.scope, spec.scope)
        if not scope or scope == PLACEMENT_SCOPE:
            global_groups[spec.group] = global_groups.get(spec.group, 0) + 1
        elif scope in granted:
            groups = by_scope.setdefault(scope, {})
            groups[spec.group] = groups.get(spec.group, 0) + 1
    return dict(sorted(by_scope.items())), global_groups


def _load_catalogue_or_none() -> Catalogue | None:
    try:
        from b24admin.core.catalogue import load_catalogue

        return load_catalogue()
    except (OSError, ValueError):
        # The scope → placement hints are a nicety: a missing catalogue must not fail the check.
        return None


def _fatal(error: B24Error) -> bool:
    """Errors that make the rest of the check pointless: no connection, bad credentials."""
    if error.kind is not ErrorKind.PORTAL:
        return True
    return error.code in {
        "NO_AUTH_FOUND",
        "expired_token",
        "invalid_token",
        "invalid_grant",
        "invalid_client",
        "PORTAL_DELETED",
        "INVALID_CREDENTIALS",
    }


def check_connection(
    client: DiagnosableClient,
    *,
    auth_kind: AuthKind | None = None,
    catalogue: Catalogue | None = None,
) -> ConnectionReport:
    """Call ``app.info``, ``user.admin`` and ``scope`` and explain the answers.

    Raises B24Error when the portal cannot be reached or refuses the credentials outright (the
    caller shows the error dialog); a refusal of one question is recorded in the report instead.
    Network calls: run it off the GUI thread.
    """
    problems: list[str] = []
    unanswered: dict[str, str] = {}
    app: dict[str, Any] = {}
    installed: bool | None = None
    is_webhook = False
    try:
        info = client.app_info()
        app = dict(info) if isinstance(info, dict) else {}
        installed = portal_flag(app.get("INSTALLED"))
    except B24Error as error:
        if no_application_context(error.code, error.description):  # a webhook
            is_webhook = True
        elif _fatal(error):
            raise
        else:
            unanswered["installed"] = error.summary
    if is_webhook:
        problems.append(_("An incoming webhook cannot register widgets (WRONG_AUTH_TYPE)."))
    elif installed is False:
        problems.append(_("The application is not installed: widgets stay invisible until it is."))

    is_admin: bool | None = None
    try:
        is_admin = portal_flag(client.user_admin())
    except B24Error as error:
        if _fatal(error):
            raise
        unanswered["admin"] = error.summary
    if is_admin is False:
        problems.append(_("The signed-in user is not an administrator."))

    scopes: list[str] = []
    has_placement: bool | None = None
    try:
        scopes = _normalise_scopes(client.scopes())
        has_placement = PLACEMENT_SCOPE in scopes
    except B24Error as error:
        if _fatal(error):
            raise
        unanswered["scopes"] = error.summary
    if has_placement is False and not is_webhook:
        problems.append(_("The “placement” scope is missing."))

    if catalogue is None and scopes:
        catalogue = _load_catalogue_or_none()
    unlocks, global_groups = placements_unlocked(scopes, catalogue)
    if is_webhook and auth_kind is None:
        auth_kind = AuthKind.WEBHOOK
    return ConnectionReport(
        installed=installed,
        is_admin=is_admin,
        has_placement_scope=has_placement,
        scopes=scopes,
        app=app,
        auth_kind=auth_kind,
        problems=problems,
        is_webhook=is_webhook,
        unlocks=unlocks,
        global_groups=global_groups,
        unanswered=unanswered,
    )
