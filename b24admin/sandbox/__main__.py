"""``python -m b24admin.sandbox [--port N]``: run the sandbox portal in the foreground."""

from __future__ import annotations

import argparse

from b24admin.sandbox.standalone import run_forever


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m b24admin.sandbox", description=__doc__)
    parser.add_argument("--port", type=int, default=8024)
    run_forever(port=parser.parse_args().port)


if __name__ == "__main__":
    main()
