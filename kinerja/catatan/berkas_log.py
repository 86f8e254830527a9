"""Run logs under the chain: the hash of each closed ``jalankan`` log, recorded as an event.

A run writes ``<kantor>/arsip/log/jalankan-<periode>-<stamp>.log`` (``jalankan.runlog``).
Once the log is complete its sha256, name and size go into the event log as one
``log-jalankan`` event: the file is named by the event's ``artefak_sha256``, as an
archived object is by its ``arsip-simpan`` event, and the event is covered by the
chain like every other. ``status`` says how the run ended: ``berhasil``, ``gagal``,
``terputus`` (ended without saying how), ``terhenti`` (killed; recorded by the next
run) or ``terdahulu`` (written before logs were covered; recorded by the next run).
``verifikasi`` hashes every file under ``arsip/log/`` against the latest event naming it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from kinerja.catatan import eventlog
from kinerja.catatan.db import connect, immediate

__all__ = [
    "APA_LOG",
    "STATUS_LOG",
    "berkas_log",
    "catat_log",
    "catat_log_yatim",
    "log_root",
    "log_tercatat",
    "nama_log",
]

#: The kind of the event that covers a run log.
APA_LOG = "log-jalankan"
STATUS_LOG = ("berhasil", "gagal", "terputus", "terhenti", "terdahulu")
_NAMA = re.compile(r"jalankan-(?P<periode>.+)-\d{8}-\d{6}(?:-\d+)?\.log")


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


def log_tercatat(events: Iterable[Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    """Office-relative path → what the latest ``log-jalankan`` event naming it recorded."""
    out: dict[str, dict[str, Any]] = {}
    for ev in events:
        if ev.get("apa") != APA_LOG:
            continue
        data = ev.get("data") or {}
        out[str(data.get("berkas", ""))] = {
            "sha256": ev.get("artefak_sha256", ""),
            "ukuran": data.get("ukuran"),
            "status": data.get("status", ""),
            "seq": ev.get("seq"),
        }
    return out


def _sha_ukuran(path: Path) -> tuple[str, int]:
    data = Path(path).read_bytes()
    return hashlib.sha256(data).hexdigest(), len(data)


def _append(
    conn: sqlite3.Connection,
    kantor_path: Path,
    path: Path,
    status: str,
    waktu: dt.datetime,
    siapa: str,
) -> None:
    sha, ukuran = _sha_ukuran(path)
    m = _NAMA.fullmatch(path.name)
    eventlog.append(
        conn,
        waktu=waktu,
        siapa=siapa,
        apa=APA_LOG,
        periode=m["periode"] if m else "",
        artefak_sha256=sha,
        data={"berkas": _rel(kantor_path, path), "ukuran": ukuran, "status": status},
    )


def _tercatat(conn: sqlite3.Connection) -> dict[str, dict[str, Any]]:
    rows = conn.execute(
        "SELECT seq, apa, artefak_sha256, data FROM peristiwa WHERE apa = ? ORDER BY seq",
        (APA_LOG,),
    ).fetchall()
    return log_tercatat({**dict(r), "data": json.loads(r["data"])} for r in rows)


def catat_log(
    kantor_path: Path, path: Path, status: str, *, waktu: dt.datetime, siapa: str = "sistem"
) -> None:
    """Record a complete run log (its hash, name, size, ``status``) in the chain.

    Call it when nothing will be appended to the file any more.
    """
    if status not in STATUS_LOG:
        raise ValueError(f"status must be one of {STATUS_LOG}, got {status!r}")
    conn = connect(Path(kantor_path))
    try:
        with immediate(conn):
            _append(conn, Path(kantor_path), Path(path), status, waktu, siapa)
    finally:
        conn.close()


def catat_log_yatim(
    kantor_path: Path, calon: Sequence[Path], *, waktu: dt.datetime, siapa: str = "sistem"
) -> list[tuple[Path, str]]:
    """Record the logs among ``calon`` that no event covers yet; [(log, status)].

    Status ``terdahulu`` while the chain has no log event at all (an office from
    before logs were covered), else ``terhenti`` (a run killed before closing it).
    The caller passes only logs no live run is writing.
    """
    if not calon:
        return []
    conn = connect(Path(kantor_path))
    recorded: list[tuple[Path, str]] = []
    try:
        with immediate(conn):
            ada = _tercatat(conn)
            status = "terhenti" if ada else "terdahulu"
            for path in calon:
                if _rel(kantor_path, path) not in ada:
                    _append(conn, Path(kantor_path), Path(path), status, waktu, siapa)
                    recorded.append((Path(path), status))
    finally:
        conn.close()
    return recorded
