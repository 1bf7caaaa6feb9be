"""b24admin: register and manage Bitrix24 widgets (placement.bind) from the desktop."""

__version__ = "0.1.0"

#: The one reverse-DNS application id: the desktop entry's and the metainfo's file names, the
#: icon's name in the hicolor theme, and QGuiApplication.desktopFileName (which Wayland uses to
#: match the window to its menu entry).
APP_ID = "io.github.b24admin.b24admin"
