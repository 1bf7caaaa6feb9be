"""``b24admin desktop-entry install|uninstall``: put b24admin in the desktop's menu (Qt-free).

A pip or pipx install puts the command on PATH but nothing in the menu. Install writes, under
``$XDG_DATA_HOME`` (default ``~/.local/share``), the files the freedesktop specifications look
for there: the desktop entry (``applications/``, its ``Exec`` the absolute path of the installed
command), the icon in the hicolor theme (``icons/hicolor/<N>x<N>/apps/`` and ``scalable/apps/``)
and the AppStream metainfo (``metainfo/``), all named by the one application id. Uninstall
removes exactly those files and nothing else; folders stay, as other programs share them.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from b24admin import APP_ID
from b24admin.core.errors import B24Error, ErrorKind
from b24admin.core.i18n import _
from b24admin.core.resources import resource

#: The PNG sizes shipped in resources/icons (kept equal to b24admin.gui.app_icon.ICON_SIZES,
#: which a test checks; this module must not import Qt).
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)

# Characters that make an Exec argument need double quotes (Desktop Entry Specification,
# "The Exec key"); inside the quotes ", `, $ and \ take a backslash.
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


@dataclass(frozen=True)
class InstalledFile:
    """One file install writes: where it goes, and the resource it is made from."""

    target: Path
    source: str


def data_home(environ: dict[str, str] | None = None) -> Path:
    """``$XDG_DATA_HOME``, or ``~/.local/share`` when it is unset, empty or relative (as the
    XDG Base Directory Specification says to ignore a relative one)."""
    env = os.environ if environ is None else environ
    value = env.get("XDG_DATA_HOME", "")
    if value and os.path.isabs(value):
        return Path(value)
    return Path.home() / ".local" / "share"


def planned_files(home: Path) -> list[InstalledFile]:
    """Every file install writes under ``home``, and so every file uninstall removes."""
    icons = home / "icons" / "hicolor"
    files = [
        InstalledFile(home / "applications" / f"{APP_ID}.desktop", f"desktop/{APP_ID}.desktop"),
        InstalledFile(
            home / "metainfo" / f"{APP_ID}.metainfo.xml", f"desktop/{APP_ID}.metainfo.xml"
        ),
        InstalledFile(icons / "scalable" / "apps" / f"{APP_ID}.svg", "icons/b24admin.svg"),
    ]
    files += [
        InstalledFile(icons / f"{n}x{n}" / "apps" / f"{APP_ID}.png", f"icons/b24admin-{n}.png")
        for n in ICON_SIZES
    ]
    return files


def installed_command() -> Path:
    """The absolute path of the ``b24admin`` command this process was installed with.

    A bundle is its own command. Otherwise the console script beside this interpreter (a venv
    or pipx's venv) comes first, as PATH may name another installation; then PATH.
    """
    if getattr(sys, "frozen", False):  # set by PyInstaller's bootloader
        return Path(sys.executable).resolve()
    script = Path(sys.executable).parent / ("b24admin.exe" if os.name == "nt" else "b24admin")
    if script.is_file():
        return script.absolute()
    found = shutil.which("b24admin")
    if found:
        return Path(found).absolute()
    raise B24Error.explained("COMMAND_NOT_FOUND", kind=ErrorKind.INPUT)


def exec_argument(path: Path) -> str:
    """``path`` as one argument of a desktop entry's Exec key, quoted when it must be."""
    text = str(path).replace("%", "%%")  # a lone % would start a field code
    if not any(char in _RESERVED for char in text):
        return text
    for char in ("\\", '"', "`", "$"):
        text = text.replace(char, "\\" + char)
    # The quoted string is itself a string value, whose own escape rule doubles backslashes.
    return '"' + text.replace("\\", "\\\\") + '"'


def desktop_entry_text(command: Path) -> str:
    """The shipped desktop entry with ``Exec`` and ``TryExec`` naming ``command``."""
    lines = []
    source = resource(f"desktop/{APP_ID}.desktop").read_text(encoding="utf-8")
    for line in source.splitlines():
        if line.startswith("Exec="):
            line = "Exec=" + exec_argument(command)
        elif line.startswith("TryExec="):
            line = "TryExec=" + str(command).replace("\\", "\\\\")
        lines.append(line)
    return "\n".join(lines) + "\n"


def require_freedesktop() -> None:
    if sys.platform == "win32" or sys.platform == "darwin":
        raise B24Error.explained("DESKTOP_ENTRY_UNSUPPORTED", kind=ErrorKind.INPUT)


def install(home: Path, command: Path) -> list[Path]:
    """Write the desktop entry, icons and metainfo under ``home``; returns the files written."""
    written = []
    for planned in planned_files(home):
        if planned.source.endswith(".desktop"):
            data = desktop_entry_text(command).encode("utf-8")
        else:
            data = resource(planned.source).read_bytes()
        try:
            planned.target.parent.mkdir(parents=True, exist_ok=True)
            # Write beside, then rename: a menu watching the folder never reads half a file.
            partial = planned.target.with_name(planned.target.name + ".partial")
            partial.write_bytes(data)
            os.replace(partial, planned.target)
        except OSError as exc:
            raise _write_failed(planned.target, exc) from exc
        written.append(planned.target)
    return written


def uninstall(home: Path) -> list[Path]:
    """Remove the files install writes under ``home``; returns those that were there."""
    removed = []
    for planned in planned_files(home):
        try:
            planned.target.unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise _write_failed(planned.target, exc) from exc
        removed.append(planned.target)
    return removed


def _write_failed(path: Path, exc: OSError) -> B24Error:
    return B24Error.explained(
        "DESKTOP_ENTRY_WRITE_FAILED",
        kind=ErrorKind.INPUT,
        argument=str(path),
        description=exc.strerror or str(exc),
    )


# --- the command line -------------------------------------------------------------------------


def add_desktop_entry_commands(sub: argparse._SubParsersAction) -> None:
    """Register ``b24admin desktop-entry install|uninstall`` on the CLI's subparsers."""
    entry = sub.add_parser(
        "desktop-entry", help=_("add b24admin to (or remove it from) the desktop's menu")
    ).add_subparsers(dest="desktop_entry_command", required=True)
    entry.add_parser(
        "install", help=_("write the menu entry, icons and metainfo under $XDG_DATA_HOME")
    ).set_defaults(func=cmd_install)
    entry.add_parser("uninstall", help=_("remove exactly the files install wrote")).set_defaults(
        func=cmd_uninstall
    )


def cmd_install(ctx: Any, args: argparse.Namespace) -> int:
    require_freedesktop()
    command = installed_command()
    for path in install(data_home(), command):
        ctx.out(_("Wrote {path}").format(path=path))
    ctx.out(_("The menu entry starts {command}.").format(command=command))
    return 0


def cmd_uninstall(ctx: Any, args: argparse.Namespace) -> int:
    require_freedesktop()
    removed = uninstall(data_home())
    for path in removed:
        ctx.out(_("Removed {path}").format(path=path))
    if not removed:
        ctx.out(_("No desktop entry was installed under {home}.").format(home=data_home()))
    return 0
