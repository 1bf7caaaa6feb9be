"""Two faults of a typed or pasted address that the URL parser lets through or hides.

A port outside 1–65535 (``:0``, ``:99999``) and an invisible or control character in the host
name (a zero-width space or a direction mark copied along from a chat or a document). The
parser quietly drops tabs and line breaks and keeps the rest, so both are looked for in the
text as written, before it is parsed.
"""

from __future__ import annotations

import re
import unicodedata

_DIGITS = re.compile(r"[0-9]+")
HIGHEST_PORT = 65535


def authority(url: str) -> str:
    """The ``[user@]host[:port]`` part of ``url`` as written (``https://`` may be missing)."""
    rest = url.strip().split("://", 1)[-1]
    return re.split(r"[/?#]", rest, maxsplit=1)[0]


def host_text(url: str) -> str:
    """The host of ``url`` as written: no user part, no port, IPv6 brackets kept."""
    host = authority(url).rpartition("@")[2]
    if host.startswith("["):
        return host.partition("]")[0] + "]"
    return host.partition(":")[0]


def bad_port(url: str) -> str | None:
    """The port of ``url`` as written when it is not a whole number from 1 to 65535, else None."""
    where = authority(url).rpartition("@")[2]
    if where.startswith("["):
        where = where.partition("]")[2]
    if ":" not in where:
        return None
    port = where.rpartition(":")[2]
    if not port:
        return None  # "host:" means the scheme's own port
    if _DIGITS.fullmatch(port) and 1 <= int(port) <= HIGHEST_PORT:
        return None
    return port


def bad_host_character(url: str) -> str | None:
    """``U+200B ZERO WIDTH SPACE`` for the first invisible, control or space character in
    the host of ``url``; None when every character of the host can be seen."""
    for char in host_text(url):
        if not char.isprintable() or char.isspace():
            name = unicodedata.name(char, "")
            return f"U+{ord(char):04X}" + (f" {name}" if name else "")
    return None
