"""b24admin: register and manage Bitrix24 widgets (placement.bind) from the desktop."""

__version__ = "0.1.0"
