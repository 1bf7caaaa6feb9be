"""The standalone bundle: built with PyInstaller from resources/bundle/b24admin.spec, started
headless, it answers ``--version``, shows its window with the bind form (so it found its
resources), stores a secret in the system keyring, and carries none of the Qt parts b24admin
does not use.

It takes a minute or two to build, so ``make test`` skips it; ``make bundle-test`` (run by
.ci/run) runs it inside the private Secret Service of tests/secret-service-session.sh.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from b24admin import APP_ID, __version__

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "resources" / "bundle" / "b24admin.spec"
MARKER = "b24admin-startup-window-shown"  # what tests/benchmarks/startup.py waits for

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        os.environ.get("B24ADMIN_BUNDLE_TEST") != "1",
        reason="builds the PyInstaller bundle: run by `make bundle-test` (and .ci/run)",
    ),
]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the bundle once into a temporary folder; returns its folder (dist/b24admin).
    B24ADMIN_BUNDLE_DIR=dist/b24admin tests one built already (by `make bundle`)."""
    if os.environ.get("B24ADMIN_BUNDLE_DIR"):
        return Path(os.environ["B24ADMIN_BUNDLE_DIR"]).resolve()
    work = tmp_path_factory.mktemp("bundle")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level=WARN",
            "--distpath",
            str(work / "dist"),
            "--workpath",
            str(work / "build"),
            str(SPEC),
        ],
        cwd=ROOT,
        check=True,
    )
    folder = work / "dist" / "b24admin"
    files = [path for path in folder.rglob("*") if path.is_file() and not path.is_symlink()]
    size = sum(path.stat().st_size for path in files)
    print(f"\nbundle: {folder} ({size / 2**20:.0f} MiB)")
    return folder


@pytest.fixture
def clean_env(tmp_path: Path, config_dir: Path) -> dict[str, str]:
    """The environment of a machine with no Python: nothing of this venv, a fresh config."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTHON", "VIRTUAL_ENV", "PYTEST", "QT_"))
    }
    env.update(
        PATH="/usr/bin:/bin",  # no venv, no pyenv shims
        PYTHONPATH=str(tmp_path / "nothing-here"),  # a frozen app must not look here
        QT_QPA_PLATFORM="offscreen",
        B24ADMIN_CONFIG_DIR=str(config_dir),
        LC_ALL="C.UTF-8",
    )
    return env


def run(bundle: Path, env: dict[str, str], *args: str, stdin: str = "") -> str:
    result = subprocess.run(
        [str(bundle / "b24admin"), *args],
        input=stdin,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_bundle_prints_its_version(bundle: Path, clean_env: dict[str, str]) -> None:
    assert run(bundle, clean_env, "--version").strip() == f"b24admin {__version__}"


def test_the_bundle_shows_its_window(bundle: Path, clean_env: dict[str, str]) -> None:
    env = {**clean_env, "B24ADMIN_STARTUP_MARKER": MARKER}
    assert MARKER in run(bundle, env).splitlines()


def test_the_bundle_builds_the_bind_form_from_its_catalogue(
    bundle: Path, clean_env: dict[str, str]
) -> None:
    """With a saved profile the window builds the form from the placement catalogue."""
    profile = {
        "name": "Production",
        "auth": "oauth",
        "portal_url": "https://example.bitrix24.com",
        "client_id": "local.0000000000000.00000000",
    }
    document = {"schema_version": 1, "profiles": [profile]}
    config = Path(clean_env["B24ADMIN_CONFIG_DIR"])
    (config / "profiles.json").write_text(json.dumps(document), encoding="utf-8")
    env = {**clean_env, "B24ADMIN_STARTUP_MARKER": MARKER, "B24ADMIN_STARTUP_MARKER_AT": "form"}
    assert MARKER in run(bundle, env).splitlines()


def test_the_bundle_carries_every_resource(bundle: Path) -> None:
    """Catalogue, palette, icons, desktop files, translations, and the licence."""
    source = ROOT / "resources"
    shipped = bundle / "_internal" / "b24admin" / "resources"
    expected = {
        path.relative_to(source)
        for path in source.rglob("*")
        if path.is_file() and path.relative_to(source).parts[0] != "bundle"
    }
    assert expected <= {path.relative_to(shipped) for path in shipped.rglob("*") if path.is_file()}
    assert (bundle / "_internal" / "LICENSE").read_text() == (ROOT / "LICENSE").read_text()


def test_the_bundle_carries_the_licences_of_what_it_ships(bundle: Path) -> None:
    """Qt is used under the LGPL 3.0, which asks for its text (and the GPL's) beside the app."""
    notice = (bundle / "_internal" / "THIRD-PARTY-LICENSES.txt").read_text(encoding="utf-8")
    for component in ("Python 3.", "PySide6_Essentials", "shiboken6", "requests", "keyring"):
        assert f"\n{component}" in notice
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in notice
    assert "GNU GENERAL PUBLIC LICENSE" in notice


def test_the_bundle_leaves_out_what_b24admin_does_not_use(bundle: Path) -> None:
    names = {path.name for path in bundle.rglob("*")}
    for unused in ("Network", "Svg", "OpenGL", "Qml", "Quick", "Pdf", "VirtualKeyboard"):
        assert not [name for name in names if name.startswith(f"libQt6{unused}")], unused
    assert not [name for name in names if name.startswith("libgtk")]
    assert "pytest" not in names and "tkinter" not in names
    translations = [name for name in names if name.endswith(".qm")]
    assert translations and all(name.startswith("qtbase_") for name in translations)


def test_the_bundles_desktop_entry_starts_the_bundle(
    bundle: Path, clean_env: dict[str, str], tmp_path: Path
) -> None:
    data = tmp_path / "data"
    run(bundle, {**clean_env, "XDG_DATA_HOME": str(data)}, "desktop-entry", "install")
    entry = (data / "applications" / f"{APP_ID}.desktop").read_text(encoding="utf-8")
    assert f"Exec={(bundle / 'b24admin').resolve()}\n" in entry


@pytest.fixture
def profile_name() -> Iterator[str]:
    name = f"bundle-{uuid.uuid4().hex[:12]}"
    yield name
    import keyring

    try:
        keyring.delete_password("b24admin", f"{name}/webhook_url")
    except keyring.errors.PasswordDeleteError:
        pass


def test_the_bundle_keeps_secrets_in_the_system_keyring(
    bundle: Path, clean_env: dict[str, str], profile_name: str
) -> None:
    if os.environ.get("B24ADMIN_SECRET_SERVICE") != "1":
        pytest.fail("run under tests/secret-service-session.sh (make bundle-test does)")
    url = f"https://example.bitrix24.com/rest/1/{uuid.uuid4().hex}/"
    out = run(
        bundle,
        clean_env,
        *("profile", "add", profile_name, "--auth", "webhook"),
        stdin=json.dumps({"webhook_url": url}),
    )
    assert "Secret Service" in out, out
    import keyring  # this venv's keyring, reading the same Secret Service

    assert keyring.get_password("b24admin", f"{profile_name}/webhook_url") == url
    config = Path(clean_env["B24ADMIN_CONFIG_DIR"])
    assert url not in "".join(p.read_text() for p in config.rglob("*") if p.is_file())


def _venv_help(env: dict[str, str]) -> str:
    return subprocess.run(
        [sys.executable, "-m", "b24admin", "--help"],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
    ).stdout


@pytest.mark.parametrize("language", ["de", "ru", "pseudo"])
def test_the_bundle_speaks_the_language_the_installed_program_speaks(
    bundle: Path, clean_env: dict[str, str], language: str
) -> None:
    """The bundle finds the same catalogues as the venv: the same words in each language
    (a catalogue still untranslated reads as English in both)."""
    chosen = {"B24ADMIN_LANGUAGE": language}
    bundled = run(bundle, {**clean_env, **chosen}, "--help")
    config = {"B24ADMIN_CONFIG_DIR": clean_env["B24ADMIN_CONFIG_DIR"]}
    assert bundled == _venv_help({**config, **chosen})
    if language == "pseudo":  # always complete: proves the words go through the catalogue
        assert bundled != run(bundle, clean_env, "--help")
