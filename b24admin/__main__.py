"""Entry point: ``b24admin`` with no arguments (or ``--sandbox``) starts the window; anything
else is the command line. Kept tiny so the window's start-up path imports only what it needs.
"""

from __future__ import annotations

import os
import sys

GUI_FLAGS = {"--sandbox"}

NO_DISPLAY_MESSAGE = """b24admin: no graphical display was found, so the window cannot open.
Run it inside a desktop session, or on a headless machine under a virtual screen:
    xvfb-run -a b24admin        (Debian/Ubuntu: apt-get install xvfb xauth)
The command line works without a display: b24admin --help"""


def display_missing() -> bool:
    """On Linux/BSD, Qt aborts the process when there is no display; say so in words instead."""
    if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return False
    if os.environ.get("QT_QPA_PLATFORM"):
        return False  # the user chose a platform plugin (offscreen, vnc, ...)
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args or set(args) <= GUI_FLAGS:
        if display_missing():
            print(NO_DISPLAY_MESSAGE, file=sys.stderr)
            return 3
        from b24admin.gui.app import run_gui

        return run_gui([sys.argv[0], *args], sandbox="--sandbox" in args)
    from b24admin.cli import main as cli_main

    return cli_main(args)


if __name__ == "__main__":
    sys.exit(main())
