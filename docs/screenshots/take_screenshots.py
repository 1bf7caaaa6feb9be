"""Take the README's screenshots of the real window over an in-process sandbox portal.

Runs under X: ``xvfb-run -a`` (the Makefile does), or $DISPLAY if set, otherwise starts
``Xvfb :99`` itself (Debian packages xvfb, xauth, libxcb-icccm4, libxcb-keysyms1). When
gnome-keyring is installed it re-runs itself inside ``tests/secret-service-session.sh`` (a
private, throw-away Secret Service), so the profile dialog shows a working keyring and the
user's own keyring is never touched. Writes into this folder:

- main-window.png: the main window connected to the sandbox, IM_SIDEBAR filled in (1600×1000);
- main-window-<width>x<height>-<light|dark>.png: the same at 1024×768, 1600×1000, 1920×1080;
- main-window-200pct-<light|dark>.png: 1920×1080 at 200 % scale (QT_SCALE_FACTOR=2, a second
  run of this script);
- main-window-<de|ru>-1024x768.png: the window in German (the longest words) and Russian, each
  a run of its own with B24ADMIN_LANGUAGE set, to see that nothing is clipped;
- color-picker.png: the options with the colour picker after "Custom…" snapped a colour;
- profile-dialog.png: the profile dialog for a local application;
- user-search.png: USER_ID's user search open on the people it found (PAGE_BACKGROUND_WORKER);
- error-dialog.png: the error dialog of a webhook profile's bind (WRONG_AUTH_TYPE).

    xvfb-run -a -s "-screen 0 1920x1200x24" .venv/bin/python docs/screenshots/take_screenshots.py
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

W = TypeVar("W", bound="QWidget")

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SHOT_DISPLAY = "B24ADMIN_SHOT_DISPLAY"  # $DISPLAY, through the private keyring's session
HANDLER = "https://widgets.example.com/im/sidebar"
SIZES = ((1024, 768), (1600, 1000), (1920, 1080))
SCALED = "--scaled"  # the second run: only the main window, at QT_SCALE_FACTOR=2
SCALED_SIZE = (960, 540)  # 1920×1080 pixels at 200 %, in Qt's logical pixels
LANGUAGE = "--language"  # a run in one language: only the main window at 1024×768, light
SHOT_LANGUAGES = ("de", "ru")
PEOPLE = (  # the sandbox's users for the user-search shot
    (7, "Anna", "Petrova", "anna.petrova@example.com"),
    (8, "Boris", "Annenkov", "boris@example.com"),
    (12, "Hanna", "Schmidt", "h.schmidt@example.com"),
)


def ensure_display() -> subprocess.Popen[bytes] | None:
    """Start Xvfb when there is no X display; returns the process to stop afterwards."""
    # The private keyring's session hides $DISPLAY (so no unlock prompt can reach a screen);
    # the display this script was started on comes back through SHOT_DISPLAY.
    handed = os.environ.pop(SHOT_DISPLAY, "")
    if handed and not os.environ.get("DISPLAY"):
        os.environ["DISPLAY"] = handed
    if os.environ.get("DISPLAY"):
        return None
    if shutil.which("Xvfb") is None:
        raise SystemExit("No $DISPLAY and no Xvfb: install xvfb, or run under xvfb-run.")
    # -displayfd: Xvfb takes a free display number itself and says which, so two runs at
    # once (or another program's X server) do not clash over a fixed number.
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1920x1200x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        pass_fds=(write_end,),
    )
    os.close(write_end)
    with os.fdopen(read_end) as said:
        number = said.readline().strip()
    if not number or server.poll() is not None:
        raise SystemExit("Xvfb did not start")
    os.environ["DISPLAY"] = f":{number}"
    return server


def in_private_keyring() -> None:
    """Re-run this script inside a private Secret Service when one can be started."""
    if os.environ.get("B24ADMIN_SECRET_SERVICE") == "1" or "--no-keyring" in sys.argv:
        return
    if shutil.which("gnome-keyring-daemon") is None or shutil.which("dbus-run-session") is None:
        print("gnome-keyring not installed: the profile dialog will show 'no keyring'")
        return
    session = ROOT / "tests" / "secret-service-session.sh"
    if os.environ.get("DISPLAY"):
        os.environ[SHOT_DISPLAY] = os.environ["DISPLAY"]
    command = ["bash", str(session), sys.executable, str(Path(__file__).resolve()), *sys.argv[1:]]
    raise SystemExit(subprocess.call(command))


def main() -> int:
    in_private_keyring()
    server = ensure_display()
    config = tempfile.mkdtemp(prefix="b24admin-shots-")
    os.environ["B24ADMIN_CONFIG_DIR"] = config  # a clean first start, nothing of the user's
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    sys.path.insert(0, str(ROOT))
    try:
        if SCALED in sys.argv:
            return take_all(scaled=True)
        if LANGUAGE in sys.argv:
            return take_all(scaled=False, language=sys.argv[sys.argv.index(LANGUAGE) + 1])
        status = take_all(scaled=False)
        script = str(Path(__file__).resolve())
        if status == 0:  # 200 %: a new process, Qt reads the scale factor at start
            environment = {**os.environ, "QT_SCALE_FACTOR": "2"}
            status = subprocess.call(
                [sys.executable, script, SCALED, "--no-keyring"], env=environment
            )
        for code in SHOT_LANGUAGES:  # the language is chosen once, at start: a process each
            if status == 0:
                environment = {**os.environ, "B24ADMIN_LANGUAGE": code}
                command = [sys.executable, script, LANGUAGE, code, "--no-keyring"]
                status = subprocess.call(command, env=environment)
        return status
    finally:
        shutil.rmtree(config, ignore_errors=True)
        if server is not None:
            server.terminate()
            server.wait()


def take_all(*, scaled: bool, language: str | None = None) -> int:
    from PySide6.QtCore import QCoreApplication, QDeadlineTimer
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import (
        QApplication,
        QColorDialog,
        QGroupBox,
        QLineEdit,
        QPushButton,
        QWidget,
    )

    from b24admin.core.bind_request import BindRequest, LangRow
    from b24admin.core.profiles import AuthKind, Profile
    from b24admin.core.secrets import SecretKind
    from b24admin.gui.app import follow_color_scheme
    from b24admin.gui.error_dialog import ErrorDialog
    from b24admin.gui.main_window import MainWindow
    from b24admin.gui.profile.profile_dialog import ProfileDialog
    from b24admin.gui.theme import dark_palette

    app = QApplication([sys.argv[0]])
    app.setApplicationName("b24admin")
    if language is not None:
        from b24admin.gui.translators import setup_gui_language

        translators = setup_gui_language(app)  # kept: a collected translator stops translating
    follow_color_scheme(app)

    def wait_until(done: Callable[[], bool], what: str, seconds: float = 15) -> None:
        deadline = QDeadlineTimer(int(seconds * 1000))
        while not done():
            if deadline.hasExpired():
                raise SystemExit(f"timed out waiting for {what}")
            QCoreApplication.processEvents()
            time.sleep(0.01)  # a script, not a test: let the worker and X server work

    def settle() -> None:
        for _ in range(20):  # layouts, deferred validation, repaints
            QCoreApplication.processEvents()
            time.sleep(0.01)

    def find(parent: QWidget, kind: type[W], name: str) -> W:
        widget = parent.findChild(kind, name)
        if not isinstance(widget, kind):
            raise SystemExit(f"no {kind.__name__} named {name!r}: the window has changed")
        return widget

    def save(widget: QWidget, name: str) -> None:
        settle()
        path = HERE / name
        if not widget.grab().save(str(path)):
            raise SystemExit(f"could not write {path}")
        print(f"wrote {path.relative_to(ROOT)} ({widget.width()}x{widget.height()})")

    def save_screen(widget: QWidget, name: str) -> None:
        """``widget`` as the screen shows it, with any popup open over it."""
        settle()
        path = HERE / name
        frame = widget.frameGeometry()
        screen = widget.screen()
        shot = screen.grabWindow(0, frame.x(), frame.y(), frame.width(), frame.height())
        if not shot.save(str(path)):
            raise SystemExit(f"could not write {path}")
        print(f"wrote {path.relative_to(ROOT)} ({frame.width()}x{frame.height()})")

    window = MainWindow()
    window.resize(1600, 1000)
    window.show()
    connected: list[str] = []
    window.sandboxConnected.connect(connected.append)
    window.connect_sandbox()
    wait_until(lambda: bool(connected), "the sandbox portal")

    form = window.form
    bind_button = find(form, QPushButton, "bindButton")

    # Two widgets already on the portal, so the installed-widgets list has something to show.
    finished: list[object] = []
    window.bindFinished.connect(finished.append)
    existing: tuple[tuple[str, str, str, dict[str, str | int]], ...] = (
        ("LEFT_MENU", "https://widgets.example.com/menu", "Support desk", {}),
        (
            "IM_TEXTAREA",
            "https://widgets.example.com/im/snippets",
            "Snippets",
            {"iconName": "fa-paperclip", "color": "AZURE", "width": 60},
        ),
    )
    for placement, handler, title, options in existing:
        form.set_request(
            BindRequest(placement=placement, handler=handler, title=title, options=options)
        )
        wait_until(bind_button.isEnabled, "validation")
        before = len(finished)
        bind_button.click()
        wait_until(lambda: len(finished) > before, "a bind")  # noqa: B023 - waited on here
    refreshed: list[bool] = []
    window.manage.refreshed.connect(lambda: refreshed.append(True))
    window.manage.refresh()
    wait_until(lambda: bool(refreshed), "the installed-widgets list")

    form.set_request(
        BindRequest(
            placement="IM_SIDEBAR",
            handler=HANDLER,
            lang_rows=(
                LangRow("en", "Support helper", "Opens the support helper"),
                LangRow("de", "Support-Helfer", "Öffnet den Support-Helfer"),
            ),
            options={
                "iconName": "fa-life-ring",
                "extranet": "N",
                "context": "USER;CHAT",
                "role": "USER",
                "color": "AQUA",
            },
        )
    )
    wait_until(bind_button.isEnabled, "validation")
    light = app.palette()
    if language is not None:
        window.resize(1024, 768)
        save(window, f"main-window-{language}-1024x768.png")
        window.close()
        window.runner.wait_for_done()
        del translators
        return 0
    sizes = (SCALED_SIZE,) if scaled else SIZES
    for width, height in sizes:
        for scheme, palette in (("light", light), ("dark", dark_palette())):
            app.setPalette(palette)
            window.resize(width, height)
            label = "200pct" if scaled else f"{width}x{height}"
            save(window, f"main-window-{label}-{scheme}.png")
    app.setPalette(light)
    if scaled:
        window.close()
        window.runner.wait_for_done()
        return 0
    window.resize(1600, 1000)
    save(window, "main-window.png")

    # The colour picker: "Custom…" through the real colour dialog, snapped to the palette.
    picker = find(form, QWidget, "option_color")
    find(picker, QPushButton, "customColorButton").click()
    dialog = find(picker, QColorDialog, "customColorDialog")
    wait_until(dialog.isVisible, "the colour dialog")
    dialog.setCurrentColor(QColor("#e05a3a"))
    dialog.accept()
    options_box: QWidget | None = picker.parentWidget()
    while options_box is not None and not isinstance(options_box, QGroupBox):
        options_box = options_box.parentWidget()
    save(options_box if options_box is not None else picker, "color-picker.png")

    # The profile dialog, for a new local application.
    profile_dialog = window.open_profile_dialog(None)
    assert isinstance(profile_dialog, ProfileDialog)
    for name, text in (
        ("nameEdit", "Production"),
        ("portalEdit", "https://example.bitrix24.com"),
        ("clientIdEdit", "local.66ba434d853c87.18550109"),
    ):
        edit = profile_dialog.findChild(QLineEdit, name)
        if edit is not None:
            edit.setText(text)
    save(profile_dialog, "profile-dialog.png")
    profile_dialog.reject()

    # The user search of USER_ID, open on some of the portal's people (PAGE_BACKGROUND_WORKER
    # is the one placement with user mode: elsewhere the field is disabled). A popup is a
    # window of its own, so this one is grabbed from the screen, not from the window.
    assert window.sandbox_session is not None
    portal = window.sandbox_session.portal
    for user_id, name, last_name, email in PEOPLE:
        portal.add_user(user_id, admin=False, name=name, last_name=last_name, email=email)
    form.set_request(
        BindRequest(
            placement="PAGE_BACKGROUND_WORKER",
            handler="https://widgets.example.com/worker",
            options={"errorHandlerUrl": "https://widgets.example.com/worker/error"},
        )
    )
    box = form.user_search
    window.activateWindow()
    box.edit.setFocus()
    box.edit.setText("ann")
    box.search_now()
    wait_until(lambda: box.model.rowCount() > 0, "the users found")
    wait_until(lambda: not form.problems_pending(), "validation")
    settle()  # the form's layout done: the list opens under the field where it stays
    form.fields_area.ensureWidgetVisible(box, 0, 200)
    settle()
    box.open_list()  # opened by the answer when the field has focus; a script's may not
    wait_until(box.popup.isVisible, "the user list")
    box.popup.setCurrentIndex(box.model.index(1, 0))
    save_screen(window, "user-search.png")
    box.popup.hide()

    # The error dialog: a webhook profile cannot bind (WRONG_AUTH_TYPE).
    webhook = Profile(  # session-only: the script never touches the user's keyring
        name="Webhook", auth=AuthKind.WEBHOOK, portal_url=portal.base_url, session_only=True
    )
    window.service.save(webhook, {SecretKind.WEBHOOK_URL: portal.add_webhook()})
    window.reload_profiles(select="Webhook")
    wait_until(bind_button.isEnabled, "validation")
    count = len(finished)
    bind_button.click()  # the same IM_SIDEBAR widget, through the webhook
    wait_until(lambda: len(finished) > count, "the bind")
    error_dialogs = [d for d in window.findChildren(ErrorDialog) if d.isVisible()]
    if not error_dialogs:
        raise SystemExit(f"no error dialog; the bind ended with {finished[-1]!r}")
    save(error_dialogs[0], "error-dialog.png")
    window.service.remove("Webhook")

    window.close()
    window.runner.wait_for_done()
    return 0


if __name__ == "__main__":
    sys.exit(main())
