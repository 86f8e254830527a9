"""The SOP Pengukuran Kinerja as shipped (``reference/sop_pengukuran_kinerja.json``).

Its 14 steps (uraian, pelaksana, kelengkapan, mutu baku in minutes, output), its
roles and the officials they map to, its number and classification code.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from kinerja.inti.errors import InputError

__all__ = ["JUMLAH_LANGKAH", "judul_langkah", "kapital", "langkah_sop", "load_sop"]

JUMLAH_LANGKAH = 14


@cache
def load_sop() -> dict[str, Any]:
    """The SOP as shipped (``reference/sop_pengukuran_kinerja.json``)."""
    text = (
        resources.files("kinerja.reference")
        .joinpath("sop_pengukuran_kinerja.json")
        .read_text("utf-8")
    )
    return json.loads(text)


def langkah_sop(no: int) -> dict[str, Any]:
    """Step ``no`` (1 to 14) of the SOP; ``InputError`` for any other number."""
    if not isinstance(no, int) or not 1 <= no <= JUMLAH_LANGKAH:
        raise InputError(f"Langkah SOP {no!r} tidak ada; langkah bernomor 1 sampai 14.")
    return load_sop()["langkah"][no - 1]


def judul_langkah(no: int) -> str:
    """How messages name step ``no``: ``langkah 7 (<uraian>)``."""
    return f"langkah {no} ({langkah_sop(no)['uraian']})"


def kapital(text: str) -> str:
    """``text`` with its first letter in capitals (the start of a sentence)."""
    return text[:1].upper() + text[1:]
