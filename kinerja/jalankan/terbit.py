"""Publishing a run's folder: all at once on success, kept apart on failure.

A run works in a folder beside its target; ``publish`` moves it into place,
the previous output replaced at once (on Linux an atomic ``renameat2`` swap
when the kernel offers it, elsewhere two ``os.replace`` moves). A failed run's
folder goes to ``<target>/gagal/<YYYYmmdd-HHMMSS>/`` (``keep_failure``). A
publication whose PDF is in the office's archive is never replaced
(``tolak_jika_diarsipkan``).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import hashlib
import os
import shutil
import sys
from datetime import datetime
from pathlib import Path

from kinerja.catatan import objek
from kinerja.jalankan.errors import JalankanError
from kinerja.kantor.katalog import Kantor

__all__ = [
    "GAGAL",
    "bersihkan_sisa",
    "exchange",
    "keep_failure",
    "publish",
    "sha256_file",
    "tolak_jika_diarsipkan",
]

#: The folder of a target where failed runs are kept.
GAGAL = "gagal"


def sha256_file(path: Path) -> str:
    """The sha256 of a file, read in blocks."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


_libc = None


def exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux ``renameat2(RENAME_EXCHANGE)``); False if unsupported.

    An optional fast path: only on Linux, and only when the C library has it.
    """
    global _libc  # noqa: PLW0603 - loaded once
    if not sys.platform.startswith("linux"):
        return False
    if _libc is None:
        _libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    renameat2 = getattr(_libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    rc = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return rc == 0


def bersihkan_sisa(target: Path) -> list[Path]:
    """Remove what killed runs left beside ``target``: ``.<name>.kerja-*`` (a work folder,
    perhaps holding a complete but unpublished PDF) and ``.<name>.lama-*`` (a replaced output).

    Call it holding the office's lock: every run of ``target`` holds it, so no live run
    owns these folders. Returns the folders removed.
    """
    if not target.parent.is_dir():
        return []
    sisa = [
        p
        for pola in (f".{target.name}.kerja-*", f".{target.name}.lama-*")
        for p in sorted(target.parent.glob(pola))
        if p.is_dir() and not p.is_symlink()
    ]
    for p in sisa:
        shutil.rmtree(p, ignore_errors=True)
    return [p for p in sisa if not p.exists()]


def publish(work: Path, target: Path) -> None:
    """Move ``work`` into place as ``target``; the previous output is replaced at once.

    The failed runs kept in the previous output (``gagal/``) stay with the target.
    """
    if not target.exists():
        work.replace(target)
        return
    old_failures = target / GAGAL
    if exchange(work, target):
        old = work  # after the swap, ``work`` names the previous output
    else:
        old = target.with_name(f".{target.name}.lama-{os.getpid()}")
        target.replace(old)
        work.replace(target)
    if (old / GAGAL).is_dir() and not (target / GAGAL).exists():
        (old / GAGAL).replace(old_failures)
    shutil.rmtree(old, ignore_errors=True)
    _sync_folder(target.parent)


def _sync_folder(folder: Path) -> None:
    """Flush a folder's entries to disk (POSIX; Windows cannot open a folder for that)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def keep_failure(work: Path, target: Path, mulai: datetime) -> Path:
    """Move a failed run's folder to ``<target>/gagal/<YYYYmmdd-HHMMSS>[-n]/``; return it."""
    base = target / GAGAL
    base.mkdir(parents=True, exist_ok=True)
    stamp = mulai.strftime("%Y%m%d-%H%M%S")
    dest = base / stamp
    n = 1
    while dest.exists():
        n += 1
        dest = base / f"{stamp}-{n}"
    work.replace(dest)
    return dest


def tolak_jika_diarsipkan(kantor: Kantor, target: Path) -> None:
    """Refuse to replace a published folder whose PDF is in the archive (archived or signed)."""
    pdfs = sorted(target.glob("*.pdf")) if target.is_dir() else []
    if not pdfs:
        return
    index = {row["sha256"]: row for row in objek.daftar(kantor)}
    for pdf in pdfs:
        row = index.get(sha256_file(pdf))
        if row is not None:
            raise JalankanError(
                f'Folder keluaran "{target}" memuat {pdf.name} yang sudah diarsipkan '
                f"({row['jenis']} {row['periode']} versi {row['versi']}, status {row['status']}). "
                "kinerja jalankan tidak menimpa versi yang diarsipkan atau ditandatangani: "
                "pakai --keluaran lain untuk hasil baru, lalu ajukan sebagai revisi lewat arsip."
            )
