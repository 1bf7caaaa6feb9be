"""Resource data must load from an installed wheel, not only from the checkout."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json, b24admin
from b24admin.core.resources import resources_root
from b24admin.core.catalogue import load_catalogue
from b24admin.gui.help_links import guide_path
c = load_catalogue()
print(json.dumps({
    "package": b24admin.__file__,
    "resources": str(resources_root()),
    "placements": len(c.placements),
    "palette": len(c.palette),
    "languages": len(c.languages),
    "im_sidebar": c.get("IM_SIDEBAR") is not None,
    "guide": str(guide_path()),
}))
"""


@pytest.mark.slow
def test_catalogue_loads_from_an_installed_wheel(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(wheels),
            str(ROOT),
        ],
        check=True,
    )
    (wheel,) = wheels.glob("b24admin-*.whl")
    site = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(site),
            str(wheel),
        ],
        check=True,
    )
    # Run from an empty folder with only the installed copy first on the path, so the checkout
    # (on sys.path through the editable install) cannot be what answers.
    env = {**os.environ, "PYTHONPATH": str(site)}
    out = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=tmp_path,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    found = json.loads(out)
    assert Path(found["package"]).is_relative_to(site)
    assert Path(found["resources"]).is_relative_to(site)
    assert found["im_sidebar"] is True
    assert found["palette"] == 17
    assert found["languages"] == 21
    assert found["placements"] > 40
    assert Path(found["guide"]).is_relative_to(site)  # Help → Documentation has its guide
