"""Where b24admin keeps its settings: one config directory per user.

Only metadata lives there (profiles.json, drafts, window state); secrets go to the SecretStore.
"""

from __future__ import annotations

import os
from pathlib import Path

CONFIG_DIR_ENV = "B24ADMIN_CONFIG_DIR"
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
