"""What every command module of the command line shares: the exit codes, the context a
command runs in (streams, profile service, client factory), and how problems and errors are
printed. ``cli.py`` (the parser and the core commands) and ``cli_sync.py`` (export and sync) both
import it, so neither imports the other for these.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import Any, TextIO

from b24admin.core.errors import B24Error
from b24admin.core.i18n import N_, _
from b24admin.core.validation import Problem, Severity

EXIT_OK, EXIT_PORTAL, EXIT_INPUT, EXIT_FAILURE = 0, 1, 2, 3

#: The help of every command's --profile (translated where it is used).
PROFILE_HELP = N_("the connection profile to use (see b24admin profile list)")


class CliContext:
    """What a command needs from outside: streams and the profile service (injectable for tests)."""

    def __init__(
        self,
        stdin: TextIO | None = None,
        stdout: TextIO | None = None,
        stderr: TextIO | None = None,
        service: Any = None,
        client_factory: Callable[..., Any] | None = None,
    ) -> None:
        self.stdin = stdin or sys.stdin
        self.stdout = stdout or sys.stdout
        self.stderr = stderr or sys.stderr
        self._service = service
        self._client_factory = client_factory

    @property
    def service(self) -> Any:
        if self._service is None:
            from b24admin.core.profile_service import ProfileService

            self._service = ProfileService()
        return self._service

    def client(self, profile_name: str) -> Any:
        profile = self.service.store.get(profile_name)
        if profile is None:
            broken = self.service.store.broken(profile_name)
            if broken is not None:
                raise broken.error  # says what is wrong with its entry and how to fix it
            raise no_such_profile(profile_name)
        if self._client_factory is not None:
            return self._client_factory(profile, self.service)
        from b24admin.core.connection import open_client

        return open_client(profile, self.service)

    def out(self, text: str = "") -> None:
        print(text, file=self.stdout)

    def err(self, text: str = "") -> None:
        print(text, file=self.stderr)


def report_problems(ctx: CliContext, problems: Sequence[Problem]) -> None:
    for p in problems:
        if p.row is None:
            where = p.field
        elif p.column:
            where = _("{field}[row {row}, {column}]").format(
                field=p.field, row=p.row + 1, column=p.column
            )
        else:
            where = _("{field}[row {row}]").format(field=p.field, row=p.row + 1)
        if p.severity is Severity.ERROR:
            ctx.err(_("error: {where}: {message}").format(where=where, message=p.message))
        else:
            ctx.err(_("warning: {where}: {message}").format(where=where, message=p.message))


def print_error(ctx: CliContext, error: B24Error) -> None:
    ctx.err(_("Error: {summary}").format(summary=error.summary))
    if error.advice:
        ctx.err(_("What to do: {advice}").format(advice=error.advice))
    if error.http_status:
        code = _("{code} (HTTP {status})").format(code=error.code, status=error.http_status)
    else:
        code = error.code
    ctx.err(_("Code: {code}").format(code=code))
    if error.description:  # the server's own words, as it sent them
        ctx.err(_("Server says: {description}").format(description=error.description))
    if error.argument:
        ctx.err(_("Argument: {argument}").format(argument=error.argument))


def no_such_profile(name: str) -> B24Error:
    """The error for a profile name that is in no entry of the profiles file."""
    from b24admin.core.errors import ErrorKind

    return B24Error.explained("NO_SUCH_PROFILE", kind=ErrorKind.INPUT, values={"name": name})
