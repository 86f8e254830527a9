"""The log of one ``jalankan`` run: progress lines to the terminal and to a file in the office.

Each run of an office writes ``<kantor>/arsip/log/jalankan-<periode>-<YYYYmmdd-HHMMSS>.log``
(a scheduled run leaves its trace there even when nobody reads the terminal); a run
started in the same second as another gets ``…-HHMMSS-2.log``, ``-3`` … (the name is
taken with ``O_EXCL``, so two processes never share one file). A run's
log (``buka_log``) is covered by the office's event chain: when it is closed, its hash,
name and size are recorded with how the run ended (``catatan.berkas_log``). While open,
the file holds an OS lock (POSIX ``lockf``), so the next run can tell a log being
written from one a killed run left behind (``catat_log_yatim_kantor``), which it records as
``terhenti`` (or ``terdahulu`` when the log ends as a run ends it: closed before logs
were recorded).
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import sys
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import TextIO

from kinerja.catatan.berkas_log import (
    berkas_log,
    catat_log,
    catat_log_yatim,
    log_root,
    nama_log,
)
from kinerja.inti.errors import KinerjaError
from kinerja.jalankan.manifest import who

#: POSIX record locks (``lockf``); elsewhere a live log is told by its name only (the run's own).
_KUNCI = hasattr(os, "lockf")

__all__ = [
    "Log",
    "buka_log",
    "catat_log_yatim_kantor",
    "log_path",
    "sedang_ditulis",
    "status_yatim",
]

#: The line a run writes last: how it ended (``Log.berhasil``/``Log.gagal``).
_AKHIR = re.compile(rb"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d (?:BERHASIL|GAGAL)\b", re.M)


def log_path(kantor: Path, periode: object, mulai: datetime) -> Path:
    """The name of the log of the run of ``kantor`` for ``periode`` started at ``mulai``
    (``buka_log`` adds ``-2``, ``-3`` … when a run of the same second took it)."""
    return log_root(kantor) / f"jalankan-{periode}-{mulai:%Y%m%d-%H%M%S}.log"


def _buat_baru(path: Path) -> tuple[Path, TextIO]:
    """Create ``path``, or the first free ``<stem>-2``, ``-3`` …, with ``O_EXCL`` (never shared)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND
    calon, n = path, 1
    while True:
        try:
            fd = os.open(calon, flags, 0o666)
        except FileExistsError:
            n += 1
            calon = path.with_name(f"{path.stem}-{n}{path.suffix}")
            continue
        return calon, os.fdopen(fd, "a", encoding="utf-8")


def _now() -> datetime:
    return datetime.now().astimezone().replace(microsecond=0)


class Log:
    """Progress lines to stderr (when ``terminal``) and, stamped, to the log file.

    With ``kantor`` the closed log is recorded in that office's chain, with the
    status set by ``berhasil``/``gagal`` (``terputus`` when neither was said).
    """

    def __init__(
        self,
        path: Path | None,
        *,
        terminal: bool = True,
        kantor: Path | None = None,
        baru: bool = False,
    ) -> None:
        """``baru``: ``path`` names a new file, taken exclusively (``-2``, ``-3`` … when
        another run holds that name); ``self.path`` is the one taken. Else appended to."""
        self.path = path
        self.terminal = terminal
        self.kantor = kantor
        self.status = ""
        self.handle = None
        if path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                if baru:
                    self.path, self.handle = _buat_baru(path)
                else:
                    self.handle = path.open("a", encoding="utf-8")
            except OSError as exc:
                sys.stderr.write(f"kinerja: log tidak dapat ditulis ({exc}); lanjut tanpa log.\n")
        if self.handle is not None and _KUNCI:
            with contextlib.suppress(OSError):  # a live run's mark; released when it dies
                os.lockf(self.handle.fileno(), os.F_TLOCK, 0)

    def __call__(self, line: str, *, terminal: bool = True) -> None:
        if terminal and self.terminal:
            sys.stderr.write(line + "\n")
            sys.stderr.flush()
        if self.handle is not None:
            stamp = datetime.now().strftime("%Y-%m-%d %H:%M:%S")
            self.handle.write(f"{stamp} {line}\n")
            self.handle.flush()

    def berhasil(self) -> None:
        """The run published: the last line of the log."""
        self("BERHASIL")
        self.status = "berhasil"

    def gagal(self, exc: BaseException, *, terminal: bool = True) -> None:
        """The run failed or was refused: the last line of the log, with the reason."""
        self(f"GAGAL: {exc}", terminal=terminal)
        self.status = "gagal"

    def close(self) -> None:
        """Close the log; with ``kantor``, record it (complete, still locked) in the chain."""
        if self.handle is None:
            return
        try:
            self.handle.flush()
            os.fsync(self.handle.fileno())
            if self.kantor is not None and self.path is not None:
                self._catat()
        finally:
            self.handle.close()
            self.handle = None

    def _catat(self) -> None:
        try:
            catat_log(
                self.kantor,
                self.path,
                self.status or "terputus",
                waktu=_now(),
                siapa=who() or "sistem",
            )
        except (OSError, sqlite3.Error, KinerjaError) as exc:
            sys.stderr.write(
                f"kinerja: log {self.path} tidak dapat dicatat di rantai peristiwa ({exc}); "
                "jalankan berikutnya mencatatnya.\n"
            )


def buka_log(kantor: Path, periode: object, mulai: datetime, *, terminal: bool = True) -> Log:
    """A new log for the run of ``kantor`` for ``periode`` started at ``mulai``, chain-covered:
    ``log_path``, or that name with ``-2``, ``-3`` … when another run of the same second
    took it (``Log.path`` says which)."""
    return Log(log_path(kantor, periode, mulai), terminal=terminal, kantor=Path(kantor), baru=True)


def sedang_ditulis(path: Path) -> bool:
    """Whether another live process holds ``path`` open as its log (POSIX; elsewhere False).

    Never ask about a log this process writes (told by name instead): its own locks
    never conflict with it, and closing the probe would drop them (POSIX record locks).
    """
    if not _KUNCI:
        return False
    try:
        fd = os.open(path, os.O_WRONLY)  # lockf wants a writable descriptor; nothing written
    except OSError:
        return False
    try:
        os.lockf(fd, os.F_TEST, 0)
    except OSError:
        return True
    finally:
        os.close(fd)
    return False


def status_yatim(path: Path) -> str:
    """How an unrecorded log's run ended: ``terdahulu`` when it says so (a run closed it
    before logs were recorded), else ``terhenti`` (killed before its last line)."""
    try:
        return "terdahulu" if _AKHIR.search(Path(path).read_bytes()) else "terhenti"
    except OSError:
        return "terhenti"


def catat_log_yatim_kantor(kantor: Path, kecuali: Iterable[Path] = ()) -> list[tuple[Path, str]]:
    """Record the run logs of ``kantor`` that no row covers and no live run writes.

    Call it holding the office's lock. ``kecuali``: this run's own log (told by name
    where the OS lock is not available). Returns [(log, ``terhenti``/``terdahulu``)].
    """
    skip = {Path(p).resolve() for p in kecuali}
    calon = [
        p
        for p in berkas_log(kantor)
        if nama_log(p) and p.resolve() not in skip and not sedang_ditulis(p)
    ]
    return catat_log_yatim(kantor, calon, status_yatim, waktu=_now(), siapa=who() or "sistem")
