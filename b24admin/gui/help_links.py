"""Where the Help menu leads: the user guide, and the folder of the activity log.

Both are local: the guide is the README shipped with b24admin (in the wheel it sits inside the
package, see pyproject.toml; in a checkout beside it), the log folder is in the config dir. They
open in the desktop's own program (QDesktopServices), never in b24admin.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib.resources import files
from pathlib import Path

from PySide6.QtCore import QUrl

#: Opens a URL in the desktop's program for it; True when one took it (QDesktopServices.openUrl).
UrlOpener = Callable[[QUrl], bool]

GUIDE_FILE = "README.md"


def guide_path() -> Path | None:
    """The user guide (the README) of this installation, or None if it was not shipped."""
    packaged = files("b24admin").joinpath(GUIDE_FILE)
    if packaged.is_file():
        return Path(str(packaged))
    checkout = Path(__file__).resolve().parents[2] / GUIDE_FILE
    return checkout if checkout.is_file() else None


def log_folder() -> Path:
    """The activity log's folder, created if no call was logged yet (so it can be opened)."""
    from b24admin.core.activity_log import LOG_DIR
    from b24admin.core.config import config_dir

    folder = config_dir() / LOG_DIR
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def desktop_opener() -> UrlOpener:
    """The real opener (imported when first used: QtGui's services are not needed to start)."""
    from PySide6.QtGui import QDesktopServices

    return QDesktopServices.openUrl
