"""Take the README's screenshot of the handler workbench: the window's Try on a real handler.

A handler server on 127.0.0.1 (a free port) redirects once and then answers with
``X-Frame-Options: SAMEORIGIN``, the commonest reason for a blank widget; the window, connected
to the in-process sandbox portal, tries it for IM_SIDEBAR. Writes handler-try.png (the form's
right column: the request preview and the try result). Needs an X display:

    xvfb-run -a .venv/bin/python docs/screenshots/take_try_screenshot.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
PAGE = b"""<!DOCTYPE html>
<html><head><title>Support helper</title></head>
<body><h1>Support helper</h1><script src="//api.bitrix24.com/api/v1/"></script></body></html>
"""


class Handler(BaseHTTPRequestHandler):
    """/widget redirects to /app/widget, which forbids framing by other sites."""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.path.startswith("/widget"):
            self.send_response(302)
            self.send_header("Location", "/app/widget")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.do_GET()

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("X-Frame-Options", "SAMEORIGIN")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Length", str(len(PAGE)))
        self.end_headers()
        self.wfile.write(PAGE)


def main() -> int:
    if not os.environ.get("DISPLAY"):
        raise SystemExit("No X display: run under xvfb-run -a.")
    os.environ["B24ADMIN_CONFIG_DIR"] = tempfile.mkdtemp(prefix="b24admin-shots-")
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    sys.path.insert(0, str(ROOT))
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        return take(f"http://127.0.0.1:{server.server_address[1]}/widget")
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def take(handler: str) -> int:
    from PySide6.QtCore import QCoreApplication, QDeadlineTimer
    from PySide6.QtWidgets import QApplication, QPushButton

    from b24admin.core.bind_request import BindRequest
    from b24admin.gui.app import follow_color_scheme
    from b24admin.gui.handler_try_panel import HandlerTryPanel
    from b24admin.gui.main_window import MainWindow

    app = QApplication([sys.argv[0]])
    app.setApplicationName("b24admin")
    follow_color_scheme(app)

    def wait_until(done: Callable[[], bool], what: str, seconds: float = 15) -> None:
        deadline = QDeadlineTimer(int(seconds * 1000))
        while not done():
            if deadline.hasExpired():
                raise SystemExit(f"timed out waiting for {what}")
            QCoreApplication.processEvents()
            time.sleep(0.01)  # a script, not a test: let the worker and X server work

    window = MainWindow()
    window.resize(1500, 1000)
    window.show()
    connected: list[str] = []
    window.sandboxConnected.connect(connected.append)
    window.connect_sandbox()
    wait_until(lambda: bool(connected), "the sandbox portal")
    form = window.form
    form.set_request(
        BindRequest(
            placement="IM_SIDEBAR",
            handler=handler,
            title="Support helper",
            options={"iconName": "fa-life-ring"},
        )
    )
    panel = form.findChild(HandlerTryPanel, "handlerTryResult")
    button = form.findChild(QPushButton, "tryHandlerButton")
    assert panel is not None and button is not None, "the window has changed"
    button.click()
    wait_until(lambda: panel.result is not None, "the try")
    form.splitter.setSizes([700, 800])
    for _ in range(30):
        QCoreApplication.processEvents()
        time.sleep(0.01)
    column = panel.parentWidget()
    assert column is not None
    path = HERE / "handler-try.png"
    if not column.grab().save(str(path)):
        raise SystemExit(f"could not write {path}")
    print(f"wrote {path.relative_to(ROOT)} ({column.width()}x{column.height()})")
    window.close()
    window.runner.wait_for_done()
    return 0


if __name__ == "__main__":
    sys.exit(main())
