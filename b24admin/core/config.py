"""Where b24admin keeps its settings: one config directory per user.

Only metadata lives there (profiles.json, drafts, window state); secrets go to the SecretStore.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

CONFIG_DIR_ENV = "B24ADMIN_CONFIG_DIR"
KEYRING_TIMEOUT_ENV = "B24ADMIN_KEYRING_TIMEOUT"
# Long enough for a desktop's unlock prompt to be answered, short enough that a prompt nobody
# sees (behind a window, on another screen, over SSH) ends in words rather than a hang.
DEFAULT_KEYRING_TIMEOUT = 20.0
APP_NAME = "b24admin"


def config_dir() -> Path:
    """The config directory: ``$B24ADMIN_CONFIG_DIR`` if set, else the platform's user config dir.

    Tests and portable set-ups point the variable at their own folder. The directory is not
    created here; writers create it when they first save something.
    """
    override = os.environ.get(CONFIG_DIR_ENV)
    if override:
        return Path(override).expanduser()
    # Imported here: platformdirs costs ~35 ms (it pulls in tempfile and friends) and the
    # override path, which every test takes, never needs it.
    from platformdirs import user_config_dir

    # appauthor=False: no "b24admin\b24admin" doubling on Windows.
    return Path(user_config_dir(APP_NAME, appauthor=False))


def keyring_timeout() -> float:
    """Seconds one keyring call may take: ``$B24ADMIN_KEYRING_TIMEOUT`` if it is a positive
    number, else :data:`DEFAULT_KEYRING_TIMEOUT` (a typo must not turn the deadline off)."""
    raw = os.environ.get(KEYRING_TIMEOUT_ENV, "").strip()
    try:
        seconds = float(raw)
    except ValueError:
        return DEFAULT_KEYRING_TIMEOUT
    if not math.isfinite(seconds) or seconds <= 0:
        return DEFAULT_KEYRING_TIMEOUT
    return seconds
