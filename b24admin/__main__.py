"""Entry point: ``b24admin`` with no arguments (or ``--sandbox``) starts the window; anything
else is the command line. Kept tiny so the window's start-up path imports only what it needs.
"""

from __future__ import annotations

import sys

GUI_FLAGS = {"--sandbox"}


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args or set(args) <= GUI_FLAGS:
        from b24admin.gui.app import run_gui

        return run_gui([sys.argv[0], *args], sandbox="--sandbox" in args)
    from b24admin.cli import main as cli_main

    return cli_main(args)


if __name__ == "__main__":
    sys.exit(main())
