"""The intake lock: two ``himpun`` of one office run one after the other, never together.

``filelock`` (as ``jalankan``'s lock) takes an OS lock on ``<kantor>/arsip/himpun.lock``,
released when the holder ends, even when it is killed. The second intake waits; once it
holds the lock it sees what the first recorded, so a form given twice is a ``duplikat``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from filelock import FileLock, Timeout

from kinerja.inti.errors import KinerjaError

__all__ = ["TUNGGU_HIMPUN", "kunci_himpun"]

TUNGGU_HIMPUN = 600.0  # seconds a second intake waits for the first


@contextlib.contextmanager
def kunci_himpun(kantor_path: Path, tunggu: float = TUNGGU_HIMPUN) -> Iterator[Path]:
    """Hold ``<kantor>/arsip/himpun.lock``, waiting up to ``tunggu`` seconds for it."""
    lock = Path(kantor_path) / "arsip" / "himpun.lock"
    lock.parent.mkdir(parents=True, exist_ok=True)
    kunci = FileLock(lock)
    try:
        kunci.acquire(timeout=tunggu)
    except Timeout:
        raise KinerjaError(
            f"Himpun lain untuk kantor ini belum selesai setelah {tunggu:g} detik (kunci "
            f"{lock}). Tunggu sampai selesai, lalu ulangi."
        ) from None
    try:
        yield lock
    finally:
        kunci.release()
