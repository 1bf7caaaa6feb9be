"""The desktop entry and AppStream metainfo, validated by the freedesktop tools, and
``b24admin desktop-entry install|uninstall`` under $XDG_DATA_HOME."""

from __future__ import annotations

import configparser
import io
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from b24admin import APP_ID, __version__, desktop_entry
from b24admin.cli import CliContext, main

ROOT = Path(__file__).resolve().parents[2]
DESKTOP = ROOT / "resources" / "desktop" / f"{APP_ID}.desktop"
METAINFO = ROOT / "resources" / "desktop" / f"{APP_ID}.metainfo.xml"


def _tool(name: str, package: str) -> str:
    path = shutil.which(name)
    # `make test` installs both; a run without them must say so, not pass in silence.
    assert path, f"{name} is missing: apt-get install {package} (make test does it as root)"
    return path


def desktop_file_validate(path: Path) -> str:
    """What desktop-file-validate prints about ``path`` (nothing when it is valid)."""
    tool = _tool("desktop-file-validate", "desktop-file-utils")
    result = subprocess.run([tool, str(path)], capture_output=True, text=True, check=False)
    return (result.stdout + result.stderr).strip()


def _entry(text: str) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read_string(text)
    return parser["Desktop Entry"]


def test_the_shipped_desktop_entry_is_valid() -> None:
    assert desktop_file_validate(DESKTOP) == ""


def test_the_metainfo_passes_appstreams_pedantic_validation() -> None:
    tool = _tool("appstreamcli", "appstream")
    result = subprocess.run(
        [tool, "validate", "--no-net", "--pedantic", str(METAINFO)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_one_application_id_names_the_entry_the_metainfo_and_the_icon() -> None:
    entry = _entry(DESKTOP.read_text(encoding="utf-8"))
    assert entry["Icon"] == APP_ID
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == f"{APP_ID}.desktop"
    assert root.findtext("provides/binary") == "b24admin"
    categories = [c.text for c in root.iterfind("categories/category")]
    assert categories == [c for c in entry["Categories"].split(";") if c]


def test_the_metainfo_describes_this_release_and_real_screenshots() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("summary") and root.find("description") is not None
    releases = root.findall("releases/release")
    assert releases and releases[0].get("version") == __version__  # the newest comes first
    assert releases[0].find("description") is not None
    images = [image.text or "" for image in root.iterfind("screenshots/screenshot/image")]
    assert images
    for url in images:  # each names a screenshot the repository has
        assert (ROOT / "docs" / "screenshots" / url.rsplit("/", 1)[-1]).is_file(), url
    assert [k.text for k in root.iterfind("keywords/keyword")]


def test_data_home_follows_xdg_and_ignores_a_relative_path(tmp_path: Path) -> None:
    assert desktop_entry.data_home({"XDG_DATA_HOME": str(tmp_path)}) == tmp_path
    default = Path.home() / ".local" / "share"
    assert desktop_entry.data_home({"XDG_DATA_HOME": "relative/dir"}) == default
    assert desktop_entry.data_home({}) == default


def _installed(home: Path) -> set[Path]:
    return {path for path in home.rglob("*") if path.is_file()}


def test_install_writes_the_entry_icons_and_metainfo_and_nothing_else(tmp_path: Path) -> None:
    command = tmp_path / "bin" / "b24admin"
    written = desktop_entry.install(tmp_path / "share", command)
    share = tmp_path / "share"
    assert _installed(share) == set(written)
    assert share / "applications" / f"{APP_ID}.desktop" in written
    assert share / "metainfo" / f"{APP_ID}.metainfo.xml" in written
    assert share / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg" in written
    for size in desktop_entry.ICON_SIZES:
        icon = share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        assert (
            icon.read_bytes()
            == (ROOT / "resources" / "icons" / f"b24admin-{size}.png").read_bytes()
        )
    entry = _entry((share / "applications" / f"{APP_ID}.desktop").read_text(encoding="utf-8"))
    assert entry["Exec"] == str(command)
    assert entry["TryExec"] == str(command)
    assert not list(share.rglob("*.partial"))


def test_an_installed_entry_with_an_awkward_path_still_validates(tmp_path: Path) -> None:
    command = tmp_path / "My Apps $HOME" / "50% off" / "b24admin"
    desktop_entry.install(tmp_path, command)
    installed = tmp_path / "applications" / f"{APP_ID}.desktop"
    assert desktop_file_validate(installed) == ""
    exec_line = _entry(installed.read_text(encoding="utf-8"))["Exec"]
    assert exec_line.startswith('"') and "%%" in exec_line and "\\\\$HOME" in exec_line


def test_exec_argument_quotes_only_when_needed() -> None:
    assert desktop_entry.exec_argument(Path("/usr/bin/b24admin")) == "/usr/bin/b24admin"
    assert desktop_entry.exec_argument(Path("/a b/x")) == '"/a b/x"'
    assert desktop_entry.exec_argument(Path('/a"b/x')) == '"/a\\\\"b/x"'


def test_uninstall_removes_exactly_the_installed_files(tmp_path: Path) -> None:
    others = [
        tmp_path / "applications" / "org.example.Other.desktop",
        tmp_path / "icons" / "hicolor" / "48x48" / "apps" / "org.example.Other.png",
        tmp_path / "metainfo" / "org.example.Other.metainfo.xml",
    ]
    for other in others:
        other.parent.mkdir(parents=True, exist_ok=True)
        other.write_text("not ours")
    written = desktop_entry.install(tmp_path, Path("/usr/bin/b24admin"))
    removed = desktop_entry.uninstall(tmp_path)
    assert sorted(removed) == sorted(written)
    assert _installed(tmp_path) == set(others)
    assert desktop_entry.uninstall(tmp_path) == []


def test_a_file_that_cannot_be_written_is_explained(tmp_path: Path) -> None:
    (tmp_path / "applications").write_text("a file where the folder should be")
    with pytest.raises(desktop_entry.B24Error) as caught:
        desktop_entry.install(tmp_path, Path("/usr/bin/b24admin"))
    assert caught.value.code == "DESKTOP_ENTRY_WRITE_FAILED"
    assert str(tmp_path / "applications") in caught.value.summary


def _cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), CliContext(stdout=out, stderr=err))
    return code, out.getvalue(), err.getvalue()


def test_the_cli_installs_pointing_at_this_installations_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    code, out, _ = _cli("desktop-entry", "install")
    assert code == 0
    command = Path(sys.executable).parent / "b24admin"  # the venv's console script
    assert command.is_file()
    entry = _entry((tmp_path / "applications" / f"{APP_ID}.desktop").read_text(encoding="utf-8"))
    assert entry["Exec"] == desktop_entry.exec_argument(command.absolute())
    assert f"{APP_ID}.metainfo.xml" in out and str(command.absolute()) in out

    code, out, _ = _cli("desktop-entry", "uninstall")
    assert code == 0 and out.count("Removed ") == len(desktop_entry.planned_files(tmp_path))
    assert _installed(tmp_path) == set()
    code, out, _ = _cli("desktop-entry", "uninstall")
    assert code == 0 and "No desktop entry" in out


def test_the_cli_says_windows_and_macos_have_no_desktop_entries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.setattr(sys, "platform", "win32")
    code, _, err = _cli("desktop-entry", "install")
    assert code == 2 and "DESKTOP_ENTRY_UNSUPPORTED" in err and "taskbar" in err
    assert _installed(tmp_path) == set()


def test_version_prints_the_version() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "b24admin", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout.strip() == f"b24admin {__version__}"
