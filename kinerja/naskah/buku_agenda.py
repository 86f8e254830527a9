"""The register of letter numbers (buku agenda): its table, its number format, its reads.

One table ``nomor_surat`` per office database: outgoing numbers (register = the
unit code) and incoming letters' agenda numbers (``<unit>/masuk``), gap-free per
register and year, ``UNIQUE(register, tahun, urut)``. Triggers refuse ``DELETE``
and any change to an allocated number; a cancelled number stays as ``batal``.
The writes (allocation, cancellation, status) are ``naskah.penomoran``'s.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from typing import Any

from kinerja.catatan.db import ensure_schema
from kinerja.catatan.eventlog import open_db
from kinerja.inti.errors import InputError
from kinerja.kantor.katalog import Kantor, as_kantor

__all__ = [
    "ARAH",
    "MIGRASI",
    "STATUS",
    "baris_nomor",
    "buka_register",
    "cari_nomor",
    "daftar_nomor",
    "format_nomor",
    "nama_register",
    "nomor_hidup",
    "nomor_periode",
    "periksa_kode",
    "periksa_register",
    "urut_berikut",
]

STATUS = ("draf", "bernomor", "ditandatangani", "dikirim", "batal")
ARAH = ("masuk", "keluar")
_KODE_RE = re.compile(r"^\d{3}(\.\d{1,3})*$")
_POLA_BAWAAN = "{kode}/{nomor}/{unit}/{tahun}"

#: The table's migrations, in order (``catatan.db.ensure_schema``, component "numbering").
MIGRASI = [
    """
    CREATE TABLE nomor_surat (
        id INTEGER PRIMARY KEY,
        register TEXT NOT NULL,
        tahun INTEGER NOT NULL,
        urut INTEGER NOT NULL CHECK (urut >= 1),
        no_agenda INTEGER NOT NULL,
        tanggal TEXT NOT NULL,
        arah TEXT NOT NULL CHECK (arah IN ('masuk', 'keluar')),
        kode_klasifikasi TEXT NOT NULL,
        nomor TEXT UNIQUE,
        nomor_asal TEXT NOT NULL DEFAULT '',
        tanggal_naskah TEXT NOT NULL,
        asal_tujuan TEXT NOT NULL DEFAULT '',
        hal TEXT NOT NULL,
        sifat TEXT NOT NULL DEFAULT 'Biasa',
        urgensi TEXT NOT NULL DEFAULT 'Biasa',
        lampiran TEXT NOT NULL DEFAULT '',
        jenis_naskah TEXT NOT NULL DEFAULT '',
        penandatangan TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL CHECK (status IN
            ('draf', 'bernomor', 'ditandatangani', 'dikirim', 'batal')),
        sha256_pdf TEXT NOT NULL DEFAULT '',
        lokasi_arsip TEXT NOT NULL DEFAULT '',
        alasan_batal TEXT NOT NULL DEFAULT '',
        dibuat TEXT NOT NULL,
        event_hash TEXT NOT NULL,
        UNIQUE (register, tahun, urut)
    );
    CREATE TRIGGER nomor_tanpa_hapus BEFORE DELETE ON nomor_surat BEGIN SELECT RAISE(ABORT, 'nomor surat tidak boleh dihapus; batalkan dengan alasan'); END;
    CREATE TRIGGER nomor_tetap BEFORE UPDATE OF register, tahun, urut, no_agenda, nomor, kode_klasifikasi, hal, tanggal, arah ON nomor_surat BEGIN SELECT RAISE(ABORT, 'nomor surat yang sudah dialokasikan tidak boleh diubah'); END;
    CREATE TRIGGER nomor_batal_tetap BEFORE UPDATE ON nomor_surat WHEN OLD.status = 'batal' BEGIN SELECT RAISE(ABORT, 'nomor surat yang batal tidak boleh diubah'); END
    """,
    # the periode a number belongs to (the document's own number is looked up by it)
    """
    ALTER TABLE nomor_surat ADD COLUMN periode TEXT NOT NULL DEFAULT '';
    CREATE INDEX nomor_surat_periode ON nomor_surat (jenis_naskah, periode)
    """,
]


def buka_register(kantor: Kantor) -> sqlite3.Connection:
    """The office database with the register table in place (migrated)."""
    conn = open_db(kantor)
    ensure_schema(conn, "numbering", MIGRASI)
    return conn


def nama_register(kantor: Kantor, arah: str) -> str:
    """The register of the office for ``arah``: the unit code, ``<unit>/masuk`` for incoming."""
    unit = str(kantor.opsi("penomoran", "kode_unit", "") or kantor.kode)
    return unit if arah == "keluar" else f"{unit}/masuk"


def periksa_kode(kode: str) -> str:
    """A Permendagri 83/2022 classification code, checked (``InputError`` in Indonesian)."""
    kode = str(kode).strip()
    if not _KODE_RE.match(kode):
        raise InputError(
            f'Kode klasifikasi "{kode}" tidak sah. Tulis kode Permendagri 83/2022 dengan tiga '
            "angka di depan dan titik sebagai pemisah, tanpa spasi, misalnya 000.8.6.3."
        )
    return kode


def format_nomor(kantor: Kantor, kode: str, urut: int, tahun: int) -> str:
    """The number text from ``[penomoran] pola`` (default ``{kode}/{nomor}/{unit}/{tahun}``)."""
    pola = str(kantor.opsi("penomoran", "pola", _POLA_BAWAAN))
    unit = str(kantor.opsi("penomoran", "kode_unit", "") or kantor.kode)
    try:
        nomor = pola.format_map({"kode": kode, "nomor": urut, "unit": unit, "tahun": tahun})
    except (KeyError, ValueError, IndexError) as exc:
        raise InputError(
            f'Pola penomoran "{pola}" di {kantor.path / "kantor.toml"} bagian [penomoran] tidak '
            "sah. Gunakan hanya {kode}, {nomor}, {unit} dan {tahun}, misalnya "
            f'"{_POLA_BAWAAN}".'
        ) from exc
    if str(urut) not in nomor or re.search(r"\s", nomor):
        raise InputError(
            f'Pola penomoran "{pola}" di kantor.toml menghasilkan "{nomor}": nomor harus memuat '
            "{nomor} dan tanpa spasi."
        )
    return nomor


def urut_berikut(conn: sqlite3.Connection, register: str, tahun: int) -> int:
    """The next sequence number of ``register`` in ``tahun`` (1 for a new year)."""
    row = conn.execute(
        "SELECT COALESCE(MAX(urut), 0) AS m FROM nomor_surat WHERE register = ? AND tahun = ?",
        (register, tahun),
    ).fetchone()
    return int(row["m"]) + 1


def baris_nomor(conn: sqlite3.Connection, nomor: str) -> sqlite3.Row:
    """The register row of ``nomor``; ``InputError`` naming it when it is not there."""
    row = conn.execute("SELECT * FROM nomor_surat WHERE nomor = ?", (nomor.strip(),)).fetchone()
    if row is None:
        raise InputError(
            f'Nomor surat "{nomor}" tidak ada di register. Periksa penulisannya '
            "(lihat daftar dengan `kinerja nomor-surat --kantor DIR --daftar`)."
        )
    return row


def nomor_hidup(conn: sqlite3.Connection, jenis_naskah: str, periode: str) -> str:
    """The newest number of ``jenis_naskah`` for ``periode`` that is not cancelled ('' if none)."""
    row = conn.execute(
        "SELECT nomor FROM nomor_surat WHERE arah = 'keluar' AND jenis_naskah = ? AND "
        "periode = ? AND status != 'batal' ORDER BY id DESC LIMIT 1",
        (jenis_naskah, periode),
    ).fetchone()
    return row["nomor"] if row else ""


def cari_nomor(kantor: Kantor | str | Path, nomor: str) -> dict[str, Any]:
    """The register entry of one number, as a dict."""
    conn = buka_register(as_kantor(kantor))
    try:
        return dict(baris_nomor(conn, nomor))
    finally:
        conn.close()


def daftar_nomor(
    kantor: Kantor | str | Path, *, tahun: int | None = None, arah: str = "keluar"
) -> list[dict[str, Any]]:
    """The register (buku agenda) in order, optionally one year."""
    conn = buka_register(as_kantor(kantor))
    try:
        sql = "SELECT * FROM nomor_surat WHERE arah = ?"
        params: list[Any] = [arah]
        if tahun is not None:
            sql += " AND tahun = ?"
            params.append(tahun)
        return [dict(r) for r in conn.execute(sql + " ORDER BY register, tahun, urut", params)]
    finally:
        conn.close()


def nomor_periode(kantor: Kantor | str | Path, periode: str, tahun: int) -> list[dict[str, Any]]:
    """The outgoing numbers a package of ``periode`` carries, in register order.

    The register of the periode's year ``tahun`` and every number given for the
    periode, whatever year it was given in: the 2025 periode's document is numbered
    in January 2026 (``000.8.6.3/2/Kec-LSB/2026``).
    """
    conn = buka_register(as_kantor(kantor))
    try:
        sql = (
            "SELECT * FROM nomor_surat WHERE arah = 'keluar' AND (tahun = ? OR periode = ?) "
            "ORDER BY register, tahun, urut"
        )
        return [dict(r) for r in conn.execute(sql, (tahun, periode))]
    finally:
        conn.close()


def periksa_register(conn: sqlite3.Connection) -> list[str]:
    """Gaps and duplicates in every register and year (Indonesian sentences; empty: sound)."""
    masalah: list[str] = []
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'nomor_surat'"
    ).fetchone()
    if not exists:
        return masalah
    rows = conn.execute("SELECT register, tahun, urut FROM nomor_surat ORDER BY 1, 2, 3")
    seen: dict[tuple[str, int], list[int]] = {}
    for r in rows:
        seen.setdefault((r["register"], r["tahun"]), []).append(r["urut"])
    for (register, tahun), urut in seen.items():
        dup = sorted({u for u in urut if urut.count(u) > 1})
        if dup:
            masalah.append(f"Register {register} tahun {tahun}: nomor urut ganda {_daftar(dup)}.")
        hilang = sorted(set(range(1, max(urut) + 1)) - set(urut))
        if hilang:
            masalah.append(
                f"Register {register} tahun {tahun}: nomor urut hilang (celah) {_daftar(hilang)}."
            )
    for r in conn.execute(
        "SELECT nomor, COUNT(*) AS n FROM nomor_surat WHERE nomor IS NOT NULL "
        "GROUP BY nomor HAVING n > 1"
    ):
        masalah.append(f'Nomor surat "{r["nomor"]}" tercatat {r["n"]} kali.')
    return masalah


def _daftar(values: list[int]) -> str:
    shown = ", ".join(str(v) for v in values[:20])
    return shown + (f" … ({len(values)} seluruhnya)" if len(values) > 20 else "")
