"""Which Qt plugins and translations the bundle keeps (imported by the spec and its hooks).

PyInstaller's Qt hooks collect every plugin of the types a Qt module may use, and then every
library those plugins link: the GTK 3 theme pulls in GTK, cairo and pango; the virtual
keyboard pulls in Qt Quick, QML and QtNetwork; the Adwaita decorations pull in QtSvg. The
hooks in hooks/ run the stock ones and drop what b24admin does not use, before the libraries
are analysed, so none of that reaches the bundle.
"""

from __future__ import annotations

from pathlib import PurePath

# Plugin folder -> file name stems kept (None: the whole folder). Folders not named go.
KEEP_PLUGINS: dict[str, set[str] | None] = {
    # xcb and Wayland for a desktop, offscreen for headless runs; Windows, macOS.
    "platforms": {"libqxcb", "libqwayland", "libqoffscreen", "qwindows", "qoffscreen", "libqcocoa"},
    "platformthemes": {"libqxdgdesktopportal"},  # native file dialogs through the portal
    # dead keys (compose) and input methods (IBus, for Chinese, Japanese, ...)
    "platforminputcontexts": {
        "libcomposeplatforminputcontextplugin",
        "libibusplatforminputcontextplugin",
    },
    "wayland-decoration-client": {"libbradient"},  # Qt's own title bar, no QtSvg
    "wayland-shell-integration": {"libxdg-shell"},  # the shell every desktop compositor has
    "styles": None,  # the native styles of Windows 11 and macOS
}


def keep_plugin(src: str, dest_dir: str) -> bool:
    """Whether a plugin file (its source path, its folder in the bundle) stays."""
    parts = PurePath(dest_dir.replace("\\", "/")).parts
    if "plugins" not in parts or parts[-1] == "plugins":
        return True
    folder = parts[parts.index("plugins") + 1]
    if folder not in KEEP_PLUGINS:
        return False
    stems = KEEP_PLUGINS[folder]
    return stems is None or PurePath(src).name.split(".")[0] in stems


def keep_data(dest: str) -> bool:
    """Translations: only qtbase's (the words of Qt's own dialogs and buttons)."""
    name = PurePath(dest.replace("\\", "/")).name
    return not name.endswith(".qm") or name.startswith("qtbase_")
