"""The wheel carries complete metadata and everything `b24admin desktop-entry install` needs."""

from __future__ import annotations

import email.parser
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from b24admin import APP_ID, __version__

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation"]
        + ["-w", str(out), str(ROOT)],
        check=True,
    )
    (path,) = out.glob("b24admin-*.whl")
    return zipfile.ZipFile(path)


@pytest.mark.slow
def test_the_wheel_metadata_is_complete(wheel: zipfile.ZipFile) -> None:
    text = wheel.read(f"b24admin-{__version__}.dist-info/METADATA").decode("utf-8")
    metadata = email.parser.Parser().parsestr(text)
    assert metadata["Version"] == __version__
    assert metadata["License-Expression"] == "MIT"
    assert metadata["License-File"] == "LICENSE"
    assert metadata["Description-Content-Type"] == "text/markdown"
    assert "## The two commands" in (metadata.get_payload() or "")  # the README
    classifiers = metadata.get_all("Classifier") or []
    assert "Environment :: X11 Applications :: Qt" in classifiers
    assert "Intended Audience :: System Administrators" in classifiers
    urls = dict(url.split(", ", 1) for url in metadata.get_all("Project-URL") or [])
    assert {"Homepage", "Issues", "Source"} <= set(urls)
    licence = wheel.read(f"b24admin-{__version__}.dist-info/licenses/LICENSE").decode()
    assert licence.startswith("MIT License") and "WITHOUT WARRANTY" in licence
    entry_points = wheel.read(f"b24admin-{__version__}.dist-info/entry_points.txt").decode()
    assert "[gui_scripts]\nb24admin = b24admin.__main__:main" in entry_points


@pytest.mark.slow
def test_the_wheel_ships_the_icons_and_desktop_files(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    resources = "b24admin/resources/"
    assert f"{resources}desktop/{APP_ID}.desktop" in names
    assert f"{resources}desktop/{APP_ID}.metainfo.xml" in names
    assert f"{resources}icons/b24admin.svg" in names
    for size in (16, 22, 24, 32, 48, 64, 128, 256, 512):
        assert f"{resources}icons/b24admin-{size}.png" in names
