"""Where intake keeps what it received: the archive of files and the office database.

Every received file (accepted or rejected) is kept write-once under
``<kantor>/arsip/masuk/<periode>/<sha256>.xlsx``. The database (component
``intake``) records each file received (``berkas_masuk``), the values of accepted
files with their cell (``nilai_realisasi``, ``nilai_anggaran``) and every finding
(``temuan_himpun``). A corrected form for the same unit and quarter supersedes
the earlier one (``digantikan_oleh``); the earlier stays in the history.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from kinerja.berkas.atomic import write_atomic
from kinerja.catatan.db import connect, db_path, ensure_schema, immediate, titik

__all__ = [
    "KOLOM_TEMUAN",
    "MIGRATIONS",
    "archive_file",
    "berkas_terakhir",
    "diterima_sebelumnya",
    "open_db",
    "read_values",
    "store",
    "temuan_berkas",
]

MIGRATIONS = [
    """
CREATE TABLE himpunan (
    id INTEGER PRIMARY KEY,
    periode TEXT NOT NULL,
    waktu TEXT NOT NULL
);
CREATE TABLE berkas_masuk (
    id INTEGER PRIMARY KEY,
    himpunan_id INTEGER NOT NULL REFERENCES himpunan(id),
    nama TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    ukuran INTEGER NOT NULL,
    arsip TEXT NOT NULL,
    periode TEXT NOT NULL,
    tahun INTEGER NOT NULL,
    tw INTEGER NOT NULL,
    unit TEXT NOT NULL DEFAULT '',
    form_id TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL CHECK (status IN ('diterima', 'ditolak')),
    baris INTEGER NOT NULL DEFAULT 0,
    pengisi TEXT NOT NULL DEFAULT '',
    jabatan_pengisi TEXT NOT NULL DEFAULT '',
    tanggal_pengisian TEXT NOT NULL DEFAULT '',
    waktu TEXT NOT NULL,
    digantikan_oleh INTEGER REFERENCES berkas_masuk(id)
);
CREATE INDEX berkas_masuk_sha ON berkas_masuk (sha256, tahun, tw);
CREATE INDEX berkas_masuk_unit ON berkas_masuk (unit, tahun, tw, status);
CREATE TABLE nilai_realisasi (
    id INTEGER PRIMARY KEY,
    berkas_id INTEGER NOT NULL REFERENCES berkas_masuk(id),
    kode TEXT NOT NULL,
    tw INTEGER NOT NULL,
    unit TEXT NOT NULL,
    realisasi,
    realisasi_teks TEXT NOT NULL DEFAULT '',
    kendala TEXT NOT NULL DEFAULT '',
    tindak_lanjut TEXT NOT NULL DEFAULT '',
    bukti_dukung TEXT NOT NULL DEFAULT '',
    lembar TEXT NOT NULL,
    sel TEXT NOT NULL
);
CREATE INDEX nilai_realisasi_berkas ON nilai_realisasi (berkas_id);
CREATE TABLE nilai_anggaran (
    id INTEGER PRIMARY KEY,
    berkas_id INTEGER NOT NULL REFERENCES berkas_masuk(id),
    kode TEXT NOT NULL,
    tw INTEGER NOT NULL,
    realisasi_anggaran REAL,
    realisasi_teks TEXT NOT NULL DEFAULT '',
    keterangan TEXT NOT NULL DEFAULT '',
    lembar TEXT NOT NULL,
    sel TEXT NOT NULL
);
CREATE INDEX nilai_anggaran_berkas ON nilai_anggaran (berkas_id);
CREATE TABLE temuan_himpun (
    id INTEGER PRIMARY KEY,
    himpunan_id INTEGER NOT NULL REFERENCES himpunan(id),
    berkas_id INTEGER REFERENCES berkas_masuk(id),
    kode TEXT NOT NULL,
    tingkat TEXT NOT NULL,
    berkas TEXT NOT NULL,
    lembar TEXT NOT NULL,
    sel TEXT NOT NULL,
    kolom TEXT NOT NULL,
    nilai TEXT NOT NULL,
    pesan TEXT NOT NULL,
    unit TEXT NOT NULL,
    indikator TEXT NOT NULL
);
CREATE INDEX temuan_himpun_berkas ON temuan_himpun (berkas_id)
""",
]


def open_db(kantor_path: Path) -> sqlite3.Connection:
    """The office database with the intake tables (created or migrated on first use)."""
    conn = connect(kantor_path)
    ensure_schema(conn, "intake", MIGRATIONS)
    return conn


def archive_file(kantor_path: Path, periode: str, sha256: str, data: bytes) -> Path:
    """Keep ``data`` write-once as ``arsip/masuk/<periode>/<sha256>.xlsx`` (temp, fsync, rename)."""
    folder = Path(kantor_path) / "arsip" / "masuk" / periode
    target = folder / f"{sha256}.xlsx"
    if target.exists():
        return target
    write_atomic(target, data, file_mode=0o444)  # read-only once received
    return target


def diterima_sebelumnya(
    conn: sqlite3.Connection, shas: Sequence[str], tahun: int, tw: int
) -> dict[str, str]:
    """{sha256: waktu} of files already accepted for this quarter."""
    if not shas:
        return {}
    marks = ",".join("?" * len(set(shas)))
    rows = conn.execute(
        f"SELECT sha256, MIN(waktu) AS waktu FROM berkas_masuk WHERE status = 'diterima' "
        f"AND tahun = ? AND tw = ? AND sha256 IN ({marks}) GROUP BY sha256",
        (tahun, tw, *set(shas)),
    ).fetchall()
    return {r["sha256"]: r["waktu"] for r in rows}


_NILAI_REALISASI = (
    "berkas_id",
    "kode",
    "tw",
    "unit",
    "realisasi",
    "realisasi_teks",
    "kendala",
    "tindak_lanjut",
    "bukti_dukung",
    "lembar",
    "sel",
)
_NILAI_ANGGARAN = (
    "berkas_id",
    "kode",
    "tw",
    "realisasi_anggaran",
    "realisasi_teks",
    "keterangan",
    "lembar",
    "sel",
)
#: A finding's fields as intake stores them (table ``temuan_himpun``, after its two ids).
KOLOM_TEMUAN = (
    "kode",
    "tingkat",
    "berkas",
    "lembar",
    "sel",
    "kolom",
    "nilai",
    "pesan",
    "unit",
    "indikator",
)
_TEMUAN_HIMPUN = ("himpunan_id", "berkas_id", *KOLOM_TEMUAN)


def _insert(conn: sqlite3.Connection, table: str, cols: Sequence[str], rows: pd.DataFrame) -> None:
    """Insert the columns ``cols`` of every row of ``rows`` into ``table``."""
    marks = ",".join("?" * len(cols))
    conn.executemany(
        f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({marks})",
        rows[list(cols)].itertuples(index=False, name=None),
    )


def _insert_berkas(
    conn: sqlite3.Connection, himpunan_id: int, periode: str, waktu: str, berkas: Sequence[dict]
) -> dict[int, int]:
    """One berkas_masuk row per file; an accepted file supersedes the unit's earlier one."""
    ids: dict[int, int] = {}
    for b in berkas:
        cur = conn.execute(
            "INSERT INTO berkas_masuk (himpunan_id, nama, sha256, ukuran, arsip, periode, "
            "tahun, tw, unit, form_id, status, baris, pengisi, jabatan_pengisi, "
            "tanggal_pengisian, waktu) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                himpunan_id,
                b["nama"],
                b["sha256"],
                b["ukuran"],
                b["arsip"],
                periode,
                b["tahun"],
                b["tw"],
                b["unit"],
                b["form_id"],
                b["status"],
                b["baris"],
                b["pengisi"],
                b["jabatan_pengisi"],
                b["tanggal_pengisian"],
                waktu,
            ),
        )
        ids[b["i"]] = cur.lastrowid
        if b["status"] == "diterima":
            conn.execute(
                "UPDATE berkas_masuk SET digantikan_oleh = ? WHERE unit = ? AND tahun = ? "
                "AND tw = ? AND status = 'diterima' AND digantikan_oleh IS NULL AND id != ?",
                (cur.lastrowid, b["unit"], b["tahun"], b["tw"], cur.lastrowid),
            )
    return ids


def store(
    conn: sqlite3.Connection,
    periode: str,
    waktu: str,
    berkas: Sequence[dict],
    realisasi: pd.DataFrame,
    anggaran: pd.DataFrame,
    temuan: pd.DataFrame,
) -> dict[int, int]:
    """Record one intake in one transaction; returns {berkas index: berkas_masuk id}.

    ``berkas``: dicts with the berkas_masuk columns plus ``i`` (index in the intake);
    the value and finding frames carry ``i`` to point at their file.
    """
    with immediate(conn):
        himpunan_id = conn.execute(
            "INSERT INTO himpunan (periode, waktu) VALUES (?, ?)", (periode, waktu)
        ).lastrowid
        ids = _insert_berkas(conn, himpunan_id, periode, waktu, berkas)
        if not realisasi.empty:
            rows = realisasi.assign(berkas_id=realisasi["i"].map(ids))
            _insert(conn, "nilai_realisasi", _NILAI_REALISASI, rows)
        if not anggaran.empty:
            rows = anggaran.assign(berkas_id=anggaran["i"].map(ids))
            _insert(conn, "nilai_anggaran", _NILAI_ANGGARAN, rows)
        if not temuan.empty:
            rows = temuan.assign(
                himpunan_id=himpunan_id,
                berkas_id=[ids.get(i) for i in temuan["i"]],
            )
            _insert(conn, "temuan_himpun", _TEMUAN_HIMPUN, rows)
        titik("himpun.sebelum-commit")
    titik("himpun.sesudah-commit")
    return ids


_CURRENT = "b.tahun = ? AND b.status = 'diterima' AND b.digantikan_oleh IS NULL"


def read_values(kantor_path: Path, tahun: int) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """Accepted, current values of ``tahun`` (realisasi_long, anggaran_long), or None."""
    if not db_path(kantor_path).is_file():
        return None
    conn = open_db(kantor_path)
    try:
        rows = conn.execute(
            "SELECT v.kode, v.tw, v.realisasi, v.kendala, v.tindak_lanjut, v.bukti_dukung, "
            "v.unit, b.nama AS berkas, v.lembar, v.sel, b.sha256, b.waktu "
            "FROM nilai_realisasi v JOIN berkas_masuk b ON b.id = v.berkas_id "
            f"WHERE {_CURRENT} ORDER BY v.kode, v.tw",
            (tahun,),
        ).fetchall()
        uang = conn.execute(
            "SELECT v.kode, v.tw, v.realisasi_anggaran, v.keterangan, b.nama AS berkas, "
            "v.lembar, v.sel, b.sha256, b.waktu "
            "FROM nilai_anggaran v JOIN berkas_masuk b ON b.id = v.berkas_id "
            f"WHERE {_CURRENT} ORDER BY v.kode, v.tw",
            (tahun,),
        ).fetchall()
    finally:
        conn.close()
    if not rows and not uang:
        return None
    realisasi_cols = [
        "kode",
        "tw",
        "realisasi",
        "kendala",
        "tindak_lanjut",
        "bukti_dukung",
        "unit",
        "berkas",
        "lembar",
        "sel",
        "sha256",
        "waktu",
    ]
    realisasi = pd.DataFrame([tuple(r) for r in rows], columns=realisasi_cols, dtype=object)
    realisasi["tw"] = realisasi["tw"].astype("int64")
    for col in realisasi_cols:
        if col not in ("tw", "realisasi"):
            realisasi[col] = realisasi[col].astype("str")
    anggaran_cols = ["kode", "tw", "realisasi_anggaran", "keterangan"]
    anggaran_cols += ["berkas", "lembar", "sel", "sha256", "waktu"]
    anggaran = pd.DataFrame([tuple(r) for r in uang], columns=anggaran_cols, dtype=object)
    anggaran["tw"] = anggaran["tw"].astype("int64")
    anggaran["realisasi_anggaran"] = pd.to_numeric(anggaran["realisasi_anggaran"]).astype(float)
    for col in ("kode", "keterangan", "berkas", "lembar", "sel", "sha256", "waktu"):
        anggaran[col] = anggaran[col].astype("str")
    return realisasi, anggaran


def berkas_terakhir(conn: sqlite3.Connection, unit: str, tahun: int, tw: int) -> sqlite3.Row | None:
    """The latest file received from ``unit`` for the quarter (accepted or rejected)."""
    return conn.execute(
        "SELECT * FROM berkas_masuk WHERE unit = ? AND tahun = ? AND tw = ? ORDER BY id DESC",
        (unit, tahun, tw),
    ).fetchone()


def temuan_berkas(conn: sqlite3.Connection, berkas_id: int) -> list[sqlite3.Row]:
    """The findings recorded for one received file, in the order found."""
    return conn.execute(
        "SELECT * FROM temuan_himpun WHERE berkas_id = ? ORDER BY id", (berkas_id,)
    ).fetchall()
