"""File names that every system accepts, for names made from data (kode, unit names, periode).

Windows refuses ``< > : " / \\ | ? *`` and control characters in a file name, a
name ending in a dot or a space, and the device names (``CON``, ``NUL``,
``COM1`` …); kinerja runs on the offices' Windows laptops, so every name it
writes from data goes through ``safe_filename``. Names that are already safe
come back unchanged.
"""

from __future__ import annotations

import re

__all__ = ["FORBIDDEN", "is_portable", "safe_filename"]

#: Characters no file name may hold on Windows (and ``/`` anywhere).
FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')

_RUNS = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')
_DEVICES = frozenset(
    {"CON", "PRN", "AUX", "NUL"}
    | {f"COM{i}" for i in range(1, 10)}
    | {f"LPT{i}" for i in range(1, 10)}
)


def _stem(name: str) -> str:
    return name.split(".", maxsplit=1)[0].strip().upper()


def is_portable(name: str) -> bool:
    """True when ``name`` (one path component) is a valid file name on Windows and POSIX."""
    return (
        bool(name)
        and name not in (".", "..")
        and not FORBIDDEN.search(name)
        and not name.endswith((".", " "))
        and _stem(name) not in _DEVICES
    )


def safe_filename(text: object, fallback: str = "berkas") -> str:
    """``text`` as one file name component valid everywhere: each run of forbidden
    characters becomes ``-``, trailing dots and spaces go, a device name gets ``_``.

    >>> safe_filename("Kec:LSB/2025")
    'Kec-LSB-2025'
    """
    name = _RUNS.sub("-", str(text)).strip().rstrip(". ")
    if not name.strip("-") or name in (".", ".."):
        return fallback
    if _stem(name) in _DEVICES:
        name = f"_{name}"
    return name
