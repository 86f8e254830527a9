"""Trust roots the register records: a root is trusted only once the chain says so.

The roots of an office are its configuration: ``[tte] akar`` in kantor.toml and the
PEM files in ``<kantor>/arsip/tte/akar/`` (with the test certificates of
``arsip/tte/uji/`` beside them). Each change of that set is an event
(``apa = "tte-akar"``) holding the sha256 of every file; validation trusts only the
files whose content the last such event recorded, so a CA copied into the folder by
hand makes nothing pass, and ``verifikasi`` names every file that differs.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from pathlib import Path

from kinerja.catatan import eventlog
from kinerja.catatan.db import immediate, jika_tercatat
from kinerja.kantor.katalog import Kantor
from kinerja.ttd.dasar import tte_dir

__all__ = [
    "APA_AKAR",
    "akar_sah",
    "akar_tercatat",
    "berkas_akar",
    "catat_akar",
    "selisih_akar",
]

APA_AKAR = "tte-akar"


def _konfigurasi(kantor: Kantor) -> list[Path]:
    paths = []
    for item in kantor.opsi("tte", "akar", []) or []:
        p = Path(str(item))
        paths.append(p if p.is_absolute() else kantor.path / p)
    return paths


def _kunci(kantor: Kantor, p: Path) -> str:
    try:
        return p.resolve().relative_to(kantor.path.resolve()).as_posix()
    except ValueError:
        return str(p)


def _sha(p: Path) -> str:
    try:
        return hashlib.sha256(p.read_bytes()).hexdigest()
    except OSError:
        return ""  # named in kantor.toml but not there


def _akar(kantor: Kantor) -> list[Path]:
    return sorted((tte_dir(kantor) / "akar").glob("*.pem")) + _konfigurasi(kantor)


def berkas_akar(kantor: Kantor) -> dict[str, str]:
    """The trust configuration now: file (relative to the office when inside) → sha256."""
    uji = sorted(p for p in (tte_dir(kantor) / "uji").glob("*") if p.is_file())
    return {_kunci(kantor, p): _sha(p) for p in [*_akar(kantor), *uji]}


def akar_sah(kantor: Kantor) -> list[Path]:
    """The root certificates to trust: configured, and recorded with this very content."""
    tercatat = akar_tercatat(kantor) or {}
    return [p for p in _akar(kantor) if p.is_file() and tercatat.get(_kunci(kantor, p)) == _sha(p)]


def _terakhir(conn: sqlite3.Connection) -> dict[str, str] | None:
    row = conn.execute(
        "SELECT data FROM peristiwa WHERE apa = ? ORDER BY seq DESC LIMIT 1", (APA_AKAR,)
    ).fetchone()
    if row is None:
        return None
    data = json.loads(row[0]) if isinstance(row[0], str) else {}
    berkas = data.get("berkas") if isinstance(data, dict) else None
    return {str(k): str(v) for k, v in berkas.items()} if isinstance(berkas, dict) else {}


def akar_tercatat(kantor: Kantor) -> dict[str, str] | None:
    """The trust configuration the register last recorded (None: never recorded)."""
    return jika_tercatat(kantor.path, _terakhir)


def selisih_akar(kantor: Kantor) -> list[str]:
    """Files of the trust configuration that differ from the register's record."""
    tercatat = akar_tercatat(kantor) or {}
    sekarang = berkas_akar(kantor)
    return sorted(k for k in set(tercatat) | set(sekarang) if tercatat.get(k) != sekarang.get(k))


def catat_akar(kantor: Kantor, *, waktu: dt.datetime, oleh: str = "sistem") -> bool:
    """Record the trust configuration as it is now (an event) when it changed; True if so."""
    sekarang = berkas_akar(kantor)
    conn = eventlog.open_db(kantor)
    try:
        with immediate(conn):
            if _terakhir(conn) == sekarang:
                return False
            eventlog.append(
                conn,
                waktu=waktu,
                siapa=oleh,
                apa=APA_AKAR,
                data={"berkas": sekarang},
            )
        return True
    finally:
        conn.close()
