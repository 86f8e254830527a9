"""Atomic file writes: a reader sees the old file or the whole new one, never half.

Temp file in the target's folder → write → flush → fsync → mode → rename →
fsync the folder. The archive's write-once objects and signed files keep their
own stricter writers (exclusive create, link, crash-test points).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

__all__ = [
    "atomic_open",
    "fsync_dir",
    "hapus",
    "proses_hidup",
    "readable_mode",
    "sisa_proses_mati",
    "write_atomic",
]


def readable_mode() -> int:
    """The mode a new file gets from the process umask (0644 under the usual 022).

    ``tempfile.mkstemp`` creates 0600 files; published files are for people.
    """
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def proses_hidup(pid: int) -> bool:
    """Whether process ``pid`` runs (POSIX); elsewhere always True (nothing is cleaned)."""
    if os.name != "posix" or pid <= 0:
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: alive
        return True
    return True


def sisa_proses_mati(folder: Path, pola: re.Pattern[str]) -> list[Path]:
    """Entries of ``folder`` whose name matches ``pola`` (its group ``pid``) and whose
    writer process is gone: what a killed writer left (a temp file or folder)."""
    if not folder.is_dir():
        return []
    out = []
    for entry in sorted(folder.iterdir()):
        m = pola.fullmatch(entry.name)
        if m and not entry.is_symlink() and not proses_hidup(int(m.group("pid"))):
            out.append(entry)
    return out


def hapus(paths: Iterable[Path]) -> list[Path]:
    """Remove files and folders (what ``sisa_proses_mati`` found); the ones removed."""
    gone = []
    for p in paths:
        if p.is_dir():
            shutil.rmtree(p, ignore_errors=True)
        else:
            with contextlib.suppress(FileNotFoundError, PermissionError):
                p.unlink()
        if not p.exists():
            gone.append(p)
    return gone


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (skipped where the file system refuses)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def atomic_open(
    path: Path, mode: str = "wb", *, file_mode: int | None = None, **open_kw: Any
) -> Iterator[IO[Any]]:
    """Open a temp file beside ``path``; on a clean exit it replaces ``path``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, readable_mode() if file_mode is None else file_mode)
        with os.fdopen(fd, mode, **open_kw) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        Path(tmp).replace(path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            Path(tmp).unlink()
        raise
    fsync_dir(path.parent)


def write_atomic(path: Path, data: bytes | str, *, file_mode: int | None = None) -> None:
    """Write bytes, or text as UTF-8, to ``path`` atomically."""
    if isinstance(data, str):
        with atomic_open(path, "w", file_mode=file_mode, encoding="utf-8") as handle:
            handle.write(data)
    else:
        with atomic_open(path, "wb", file_mode=file_mode) as handle:
            handle.write(data)
