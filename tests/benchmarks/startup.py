"""Start-up benchmark (a script, not a test): process start to main window shown.

Runs ``python -m b24admin`` and a bare PySide6 ``QMainWindow`` the same way, alternately, N
times each, and prints both medians and their ratio. Each process prints a marker from a
``QTimer.singleShot(0)`` after ``show()`` (b24admin: the ``B24ADMIN_STARTUP_MARKER`` hook in
``b24admin.gui.app``) and quits; the clock runs from spawning the process to reading the
marker. Headless by default (``QT_QPA_PLATFORM=offscreen``); ``--platform xcb`` uses $DISPLAY.

By default the config dir is empty (a first start: the welcome page). ``--with-profile`` starts
with one saved profile; the bind form is then built just after the window's first frame, so it
also measures "form ready" (the marker printed when the form exists) against the same bare
window, which is the time until the user can start typing.

    .venv/bin/python tests/benchmarks/startup.py --runs 7 [--with-profile]
    .venv/bin/python tests/benchmarks/startup.py --app dist/b24admin/b24admin   # the bundle
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MARKER = "b24admin-startup-window-shown"

BARE = f"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.setWindowTitle("bare")
window.resize(900, 760)
window.show()
QTimer.singleShot(0, lambda: (print({MARKER!r}, flush=True), app.quit()))
app.exec()
"""


def time_once(command: list[str], env: dict[str, str]) -> float:
    """Seconds from spawning ``command`` until it prints the marker."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    for line in process.stdout:
        if line.strip() == MARKER:
            elapsed = time.perf_counter() - started
            break
    else:
        _, errors = process.communicate()
        raise SystemExit(f"{command[-1]!r} exited without showing its window:\n{errors}")
    process.communicate(timeout=30)
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs of each (default 7)")
    parser.add_argument("--platform", default="offscreen", help="QT_QPA_PLATFORM (offscreen)")
    parser.add_argument(
        "--with-profile", action="store_true", help="start with one saved profile (the form shows)"
    )
    parser.add_argument(
        "--app",
        metavar="COMMAND",
        help="time this executable instead of `python -m b24admin` (the bundle, make bundle)",
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="b24admin-bench-") as config:
        if args.with_profile:
            profile = {
                "name": "Production",
                "auth": "oauth",
                "portal_url": "https://example.bitrix24.com",
                "client_id": "local.0000000000000.00000000",
            }
            document = {"schema_version": 1, "profiles": [profile]}
            Path(config, "profiles.json").write_text(json.dumps(document), encoding="utf-8")
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": args.platform,
            "B24ADMIN_CONFIG_DIR": config,  # an empty config: the first-run window
            "B24ADMIN_STARTUP_MARKER": MARKER,
            "PYTHONDONTWRITEBYTECODE": "0",
        }
        app_command = (
            [str(Path(args.app).resolve())] if args.app else [sys.executable, "-m", "b24admin"]
        )
        bare_command = [sys.executable, "-c", BARE]
        time_once(app_command, env)  # warm the disk cache and write .pyc files for both
        time_once(bare_command, env)
        app_times: list[float] = []
        bare_times: list[float] = []
        form_env = {**env, "B24ADMIN_STARTUP_MARKER_AT": "form"}
        form_times: list[float] = []
        for _ in range(args.runs):  # alternate, so a busy moment hurts both alike
            app_times.append(time_once(app_command, env))
            bare_times.append(time_once(bare_command, env))
            if args.with_profile:
                form_times.append(time_once(app_command, form_env))

    app_median = statistics.median(app_times)
    bare_median = statistics.median(bare_times)
    case = "one saved profile (form shown)" if args.with_profile else "first start (welcome page)"
    print(f"runs each:              {args.runs} (QT_QPA_PLATFORM={args.platform}), {case}")
    print(f"bare QMainWindow:       {bare_median * 1000:7.1f} ms (median)")
    print(f"b24admin main window:   {app_median * 1000:7.1f} ms (median)")
    print(f"ratio:                  {app_median / bare_median:7.2f}x (aim: <= 1.30x)")
    if form_times:
        form_median = statistics.median(form_times)
        print(f"b24admin form ready:    {form_median * 1000:7.1f} ms (median)")
        print(f"ratio, form ready:      {form_median / bare_median:7.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
