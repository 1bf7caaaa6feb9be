"""THIRD-PARTY-LICENSES.txt for the bundle: what it ships besides b24admin, and under which terms.

A PyInstaller bundle carries the Python interpreter and every runtime dependency, so it must
carry their licences too. Most wheels ship their licence files in their metadata; PySide6's and
shiboken6's do not, so the GNU LGPL 3.0 (the licence b24admin uses Qt under) and the GNU GPL 3.0
it builds on are kept beside this file. Build-time only: the spec calls :func:`write_notice`.
"""

from __future__ import annotations

import sys
import sysconfig
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

HERE = Path(__file__).resolve().parent
#: Wheels without their licence text, and the texts that apply (Qt for Python is offered under
#: LGPL-3.0-only, GPL-2.0-only or GPL-3.0; b24admin uses it under the LGPL 3.0).
LICENCE_TEXTS_FOR = {
    "pyside6-essentials": ("LGPL-3.0.txt", "GPL-3.0.txt"),
    "shiboken6": ("LGPL-3.0.txt", "GPL-3.0.txt"),
}
QT_SOURCE = (
    "Qt and Qt for Python are used under the GNU LGPL 3.0 as dynamically linked, unmodified\n"
    "libraries; you may replace them with your own build. Their source code is published by\n"
    "the Qt Project (code.qt.io: qt/qtbase and pyside/pyside-setup).\n"
)
RULE = "=" * 78


def runtime_distributions(root: str = "b24admin") -> list[metadata.Distribution]:
    """``root``'s runtime dependencies, recursively, as installed here (extras and other
    platforms' dependencies left out), sorted by name; ``root`` itself is not included."""
    found: dict[str, metadata.Distribution] = {}
    pending = [root]
    while pending:
        for line in metadata.requires(pending.pop()) or []:
            requirement = Requirement(line)
            if requirement.marker and not requirement.marker.evaluate({"extra": ""}):
                continue
            name = canonicalize_name(requirement.name)
            if name in found:
                continue
            try:
                found[name] = metadata.distribution(requirement.name)
            except metadata.PackageNotFoundError:
                continue  # optional at run time (a backport on a newer Python)
            pending.append(requirement.name)
    return [found[name] for name in sorted(found)]


def _licence_files(distribution: metadata.Distribution) -> list[tuple[str, str]]:
    """(file name, text) of the licence, copying and notice files the wheel carries."""
    texts = []
    for file in distribution.files or []:
        name = file.name.lower()
        in_metadata = ".dist-info" in str(file.parent)
        if in_metadata and any(word in name for word in ("licen", "copying", "notice")):
            path = Path(str(file.locate()))
            texts.append((file.name, path.read_text(encoding="utf-8", errors="replace")))
    return texts


def _section(
    title: str, licence: str, texts: Iterable[tuple[str, str]], shown: dict[str, str]
) -> str:
    """One component's part; a text already shown for another (``shown``: text → title) is
    named instead of repeated."""
    body = ""
    for name, text in texts:
        if text in shown:
            body += f"\n--- {name}: the same text as for {shown[text]} above ---\n"
        else:
            shown[text] = title
            body += f"\n--- {name} ---\n\n{text.rstrip()}\n"
    return f"{RULE}\n{title}\nLicence: {licence or 'see the text below'}\n{body}"


def _python_licence() -> str:
    candidates = [Path(sysconfig.get_paths()["stdlib"]) / "LICENSE.txt"]
    candidates.append(Path(sys.base_prefix) / "LICENSE.txt")  # Windows keeps it at the root
    for path in candidates:
        if path.is_file():
            return path.read_text(encoding="utf-8", errors="replace")
    return "The Python Software Foundation License: https://docs.python.org/3/license.html\n"


def notice_text(root: str = "b24admin") -> str:
    """The whole notice: the interpreter, then every runtime dependency with its licence."""
    version = ".".join(map(str, sys.version_info[:3]))
    shown: dict[str, str] = {}
    parts = [
        f"{root} ships with the following third-party software.\n",
        _section(f"Python {version}", "PSF-2.0", [("LICENSE.txt", _python_licence())], shown),
    ]
    for distribution in runtime_distributions(root):
        meta = distribution.metadata
        name = meta["Name"]
        licence = meta.get("License-Expression") or (meta.get("License") or "").split("\n")[0]
        texts = _licence_files(distribution)
        extra = LICENCE_TEXTS_FOR.get(canonicalize_name(name), ())
        texts += [(file, (HERE / "licenses" / file).read_text(encoding="utf-8")) for file in extra]
        if extra:
            texts.append(("Source code", QT_SOURCE))
        parts.append(_section(f"{name} {distribution.version}", licence, texts, shown))
    return "\n".join(parts)


def write_notice(target: Path, root: str = "b24admin") -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(notice_text(root), encoding="utf-8")
    return target
