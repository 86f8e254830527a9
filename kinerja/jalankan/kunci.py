"""The office's lock: two runs of one office never overlap.

``filelock`` takes an OS lock on ``<kantor>/arsip/jalankan.lock`` (``flock`` on
POSIX, ``msvcrt`` on Windows), released when the holder ends, even when it is
killed. The holder's PID is kept beside it (``jalankan.pid``) so that a refused
run can say who holds the office.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from filelock import FileLock, Timeout

from kinerja.jalankan.errors import JalankanError

__all__ = ["kunci_kantor"]


@contextlib.contextmanager
def kunci_kantor(kantor_path: Path) -> Iterator[Path]:
    """Hold ``<kantor>/arsip/jalankan.lock``; a second holder gets a ``JalankanError`` at once."""
    lock = Path(kantor_path) / "arsip" / "jalankan.lock"
    holder = lock.with_name("jalankan.pid")
    lock.parent.mkdir(parents=True, exist_ok=True)
    kunci = FileLock(lock, timeout=0)
    try:
        kunci.acquire(blocking=False)
    except Timeout:
        pid = ""
        with contextlib.suppress(OSError):
            pid = holder.read_text(encoding="ascii", errors="replace").strip()
        raise JalankanError(
            f"Kantor ini sedang diproses oleh jalankan lain (kunci {lock}"
            + (f", PID {pid}" if pid else "")
            + "). Tunggu sampai selesai, lalu ulangi."
        ) from None
    try:
        with contextlib.suppress(OSError):
            holder.write_text(f"{os.getpid()}\n", encoding="ascii")
        yield lock
    finally:
        with contextlib.suppress(OSError):
            holder.unlink()
        kunci.release()
