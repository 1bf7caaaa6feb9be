"""The one error type of b24admin, and the explanation catalogue behind it.

Every failure that reaches a user (a portal error, a network or TLS failure, a keyring problem,
bad input) is a :class:`B24Error`. It carries a short plain-words ``summary``, the ``advice``
(what to do), and the technical detail (code, server description, argument, HTTP status,
redacted request and response excerpts) for a details section.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum


class ErrorKind(str, Enum):
    """Where a failure came from; decides the CLI exit code and the dialog's icon."""

    PORTAL = "portal"  # the portal (or OAuth server) answered with an error code
    NETWORK = "network"  # could not connect, connection dropped, DNS
    TIMEOUT = "timeout"  # connect or read timeout
    TLS = "tls"  # certificate or TLS handshake failure
    PROTOCOL = "protocol"  # the answer was not a Bitrix24 answer (HTML, empty, truncated)
    KEYRING = "keyring"  # no keyring, locked, refused to store
    INPUT = "input"  # the request was invalid before anything was sent
    INTERNAL = "internal"  # a bug in b24admin: shown with a traceback to copy into a report


@dataclass
class B24Error(Exception):
    """A failure explained for an administrator.

    ``summary`` is one line in plain words; ``advice`` says what to do. ``code`` is the
    Bitrix24 error code (``WRONG_AUTH_TYPE``), an OAuth error (``invalid_grant``) or one of
    b24admin's own (``NETWORK_ERROR``). ``description`` is the server's own text, ``argument``
    the field the server named. ``request``/``response`` are redacted excerpts for the details.
    """

    code: str
    summary: str
    advice: str = ""
    kind: ErrorKind = ErrorKind.PORTAL
    description: str = ""
    argument: str = ""
    http_status: int | None = None
    method: str = ""
    request: str = ""
    response: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        super().__init__(self.summary)

    def __str__(self) -> str:
        return self.summary

    @property
    def exit_code(self) -> int:
        """The CLI exit code: 1 portal said no, 2 invalid input, 3 network/TLS/keyring."""
        if self.kind is ErrorKind.PORTAL:
            return 1
        if self.kind is ErrorKind.INPUT:
            return 2
        return 3

    @classmethod
    def invalid_input(
        cls, code: str, summary: str, advice: str = "", argument: str = ""
    ) -> B24Error:
        """A B24Error of kind INPUT (nothing was sent); ``argument`` names the field at fault."""
        return cls(
            code=code, summary=summary, advice=advice, kind=ErrorKind.INPUT, argument=argument
        )

    @classmethod
    def explained(
        cls,
        code: str,
        *,
        kind: ErrorKind = ErrorKind.PORTAL,
        description: str = "",
        argument: str = "",
        variant: str = "",
        http_status: int | None = None,
        method: str = "",
        request: str = "",
        response: str = "",
        values: Mapping[str, object] | None = None,
    ) -> B24Error:
        """A B24Error whose summary and advice come from the error catalogue for ``code``
        (or for ``variant``, a more specific entry such as ``"TIMEOUT/write"``).

        ``values`` fill the entry's other named placeholders (``{name}``, ``{path}``)."""
        from b24admin.core.error_catalogue import explain  # a table of texts; no imports back

        summary, advice = explain(variant or code, description, argument, values)
        return cls(
            code=code,
            summary=summary,
            advice=advice,
            kind=kind,
            description=description,
            argument=argument,
            http_status=http_status,
            method=method,
            request=request,
            response=response,
        )

    @classmethod
    def unexpected(cls, exc: BaseException) -> B24Error:
        """Wrap an exception nobody anticipated (a bug) so it still reaches the user in words."""
        import traceback

        from b24admin.core.error_catalogue import explain

        trace = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        summary, advice = explain("UNEXPECTED_ERROR")
        return cls(
            code="UNEXPECTED_ERROR",
            summary=summary,
            advice=advice,
            kind=ErrorKind.INTERNAL,
            # Not ``description``: that is shown as the server's words. The traceback ends
            # with the exception's own line.
            response=trace,
        )

    def details(self) -> str:
        """All technical detail as copyable text (already redacted): the labels in the chosen
        language, the same words as the error dialog's; codes and values as they are."""
        from b24admin.core.i18n import _

        lines = [f"{_('Error code:')} {self.code}"]
        if self.description:
            lines.append(f"{_('Server says:')} {self.description}")
        if self.argument:
            lines.append(f"{_('Argument:')} {self.argument}")
        if self.http_status is not None:
            lines.append(f"{_('HTTP status:')} {self.http_status}")
        if self.method:
            lines.append(f"{_('Method:')} {self.method}")
        for key, value in self.extra.items():
            lines.append(f"{key}: {value}")
        if self.request:
            lines += ["", _("Request (secrets redacted):"), self.request]
        if self.response:
            lines += ["", _("Response:"), self.response]
        return "\n".join(lines)
