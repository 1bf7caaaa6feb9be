from __future__ import annotations

import subprocess
import sys

import pytest

from b24admin.__main__ import main


def test_window_without_a_display_explains_itself_instead_of_aborting(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("the display check applies to X11/Wayland systems")
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    assert main([]) == 3
    assert "no graphical display" in capsys.readouterr().err


def test_command_line_arguments_go_to_the_cli(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["profile", "list"]) == 0
    assert "No profiles yet" in capsys.readouterr().out


def test_cli_import_keeps_qt_out() -> None:
    code = "import sys, b24admin.cli; print('PySide6' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
