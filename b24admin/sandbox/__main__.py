"""``python -m b24admin.sandbox [--port N]``: run the sandbox portal in the foreground."""

from __future__ import annotations

import argparse
import sys

from b24admin.core.errors import B24Error
from b24admin.core.i18n import _, setup
from b24admin.sandbox.standalone import run_forever


def main() -> int:
    setup()  # the same language as b24admin itself
    parser = argparse.ArgumentParser(prog="python -m b24admin.sandbox", description=__doc__)
    parser.add_argument("--port", type=int, default=8024)
    try:
        run_forever(port=parser.parse_args().port)
    except B24Error as error:
        print(_("Error: {summary}").format(summary=error.summary), file=sys.stderr)
        print(_("What to do: {advice}").format(advice=error.advice), file=sys.stderr)
        return error.exit_code
    return 0


if __name__ == "__main__":
    sys.exit(main())
