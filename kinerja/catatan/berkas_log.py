"""Run logs under the chain: each closed ``jalankan`` log indexed by its hash, as a form is.

A run writes ``<kantor>/arsip/log/jalankan-<periode>-<stamp>.log`` (``jalankan.runlog``).
Once the log is complete it is recorded the way kinerja records every stored file
(a received form in ``berkas_masuk``, an archived object in ``artefak``): one row
of the index ``log_jalankan`` (path, sha256, size, how the run ended) and one
``log-jalankan`` event naming the file by its ``artefak_sha256``, in one write
transaction, so the row is covered by the chain (``catatan.rantai``) and points at
its event. ``status``: ``berhasil``, ``gagal``, ``terputus`` (ended without saying
how), ``terhenti`` (killed; recorded by the next run) or ``terdahulu`` (closed
before logs were recorded, in an office from before; recorded by the next run). ``verifikasi`` hashes every
file under ``arsip/log/`` against the latest row naming it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from kinerja.catatan import eventlog
from kinerja.catatan.db import connect, ensure_schema, immediate

__all__ = [
    "APA_LOG",
    "MIGRASI",
    "STATUS_LOG",
    "berkas_log",
    "catat_log",
    "catat_log_yatim",
    "log_root",
    "log_tercatat",
    "nama_log",
]

#: The kind of the event that records a run log.
APA_LOG = "log-jalankan"
STATUS_LOG = ("berhasil", "gagal", "terputus", "terhenti", "terdahulu")
_NAMA = re.compile(r"jalankan-(?P<periode>.+)-\d{8}-\d{6}(?:-\d+)?\.log")

#: The index of recorded run logs (component "log" of ``db.ensure_schema``).
MIGRASI = [
    """
    CREATE TABLE log_jalankan (
        id INTEGER PRIMARY KEY,
        berkas TEXT NOT NULL,
        periode TEXT NOT NULL DEFAULT '',
        sha256 TEXT NOT NULL,
        ukuran INTEGER NOT NULL,
        status TEXT NOT NULL,
        dicatat TEXT NOT NULL,
        event_hash TEXT NOT NULL
    );
    CREATE INDEX log_jalankan_berkas ON log_jalankan (berkas);
    CREATE TRIGGER log_jalankan_tanpa_ubah BEFORE UPDATE ON log_jalankan
    BEGIN SELECT RAISE(ABORT, 'catatan log jalankan tidak boleh diubah'); END;
    CREATE TRIGGER log_jalankan_tanpa_hapus BEFORE DELETE ON log_jalankan
    BEGIN SELECT RAISE(ABORT, 'catatan log jalankan tidak boleh dihapus'); END
    """
]


def log_root(kantor_path: Path) -> Path:
    """The folder of an office's run logs."""
    return Path(kantor_path) / "arsip" / "log"


def nama_log(path: Path) -> bool:
    """Whether ``path`` is named as a run log (``jalankan-<periode>-<stamp>.log``)."""
    return _NAMA.fullmatch(Path(path).name) is not None


def berkas_log(kantor_path: Path) -> list[Path]:
    """Every file under ``arsip/log/`` (whatever its name), sorted."""
    root = log_root(kantor_path)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else []


def _rel(kantor_path: Path, path: Path) -> str:
    return Path(path).resolve().relative_to(Path(kantor_path).resolve()).as_posix()


def log_tercatat(conn: sqlite3.Connection) -> dict[str, dict[str, Any]]:
    """Office-relative path → the latest ``log_jalankan`` row naming it (none without the table)."""
    ada = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'log_jalankan'"
    ).fetchone()
    if not ada:
        return {}
    rows = conn.execute("SELECT * FROM log_jalankan ORDER BY id").fetchall()
    return {str(r["berkas"]): dict(r) for r in rows}


def _catat(
    conn: sqlite3.Connection,
    kantor_path: Path,
    path: Path,
    status: str,
    waktu: dt.datetime,
    siapa: str,
) -> None:
    """The row and its event; inside the caller's write transaction."""
    data = Path(path).read_bytes()
    sha, ukuran, berkas = hashlib.sha256(data).hexdigest(), len(data), _rel(kantor_path, path)
    m = _NAMA.fullmatch(Path(path).name)
    periode = m["periode"] if m else ""
    event = eventlog.append(
        conn,
        waktu=waktu,
        siapa=siapa,
        apa=APA_LOG,
        periode=periode,
        artefak_sha256=sha,
        data={"berkas": berkas, "ukuran": ukuran, "status": status},
    )
    conn.execute(
        "INSERT INTO log_jalankan (berkas, periode, sha256, ukuran, status, dicatat, event_hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (berkas, periode, sha, ukuran, status, event.waktu, event.hash),
    )


def _open(kantor_path: Path) -> sqlite3.Connection:
    conn = connect(Path(kantor_path))
    ensure_schema(conn, "log", MIGRASI)
    return conn


def catat_log(
    kantor_path: Path, path: Path, status: str, *, waktu: dt.datetime, siapa: str = "sistem"
) -> None:
    """Record a complete run log (its hash, name, size, ``status``) under the chain.

    Call it when nothing will be appended to the file any more.
    """
    if status not in STATUS_LOG:
        raise ValueError(f"status must be one of {STATUS_LOG}, got {status!r}")
    conn = _open(kantor_path)
    try:
        with immediate(conn):
            _catat(conn, Path(kantor_path), Path(path), status, waktu, siapa)
    finally:
        conn.close()


def catat_log_yatim(
    kantor_path: Path,
    calon: Sequence[Path],
    status: Callable[[Path], str],
    *,
    waktu: dt.datetime,
    siapa: str = "sistem",
) -> list[tuple[Path, str]]:
    """Record the logs among ``calon`` that no row covers yet; [(log, status)] recorded.

    The caller passes only logs no live run is writing, and how to tell each one's
    status (``terhenti`` or ``terdahulu``).
    """
    if not calon:
        return []
    conn = _open(kantor_path)
    recorded: list[tuple[Path, str]] = []
    try:
        with immediate(conn):
            ada = log_tercatat(conn)
            for path in map(Path, calon):
                if _rel(kantor_path, path) not in ada:
                    recorded.append((path, status(path)))
                    _catat(conn, Path(kantor_path), path, recorded[-1][1], waktu, siapa)
    finally:
        conn.close()
    return recorded
