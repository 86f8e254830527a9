"""Letter numbers (naskah.md §3): one register (buku agenda) per office, gap-free per year.

A number is ``{kode klasifikasi}/{nomor urut}/{kode unit}/{tahun}`` (pattern and unit
code from ``kantor.toml [penomoran]``), e.g. ``000.8.6.3/127/Kec-LSB/2025``. The
sequence restarts every 1 January: the year is the year of the ``tanggal`` the
caller passes, never the clock. Each allocation is one ``BEGIN IMMEDIATE``
transaction (read the year's last ``urut``, insert the next one, append the event),
guarded by ``UNIQUE(register, tahun, urut)``: a killed process leaves either the
whole allocation or nothing, and two processes never get the same number.

A number is never deleted or reused: a cancelled letter stays as ``batal`` with its
reason (triggers refuse ``DELETE`` and any change to an allocated number).
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from pathlib import Path
from typing import Any

from kinerja.catatan import eventlog
from kinerja.catatan.db import ensure_schema, immediate, titik
from kinerja.catatan.eventlog import open_db
from kinerja.inti.errors import InputError, KinerjaError
from kinerja.inti.tanggal import tengah_malam
from kinerja.kantor.katalog import Kantor, as_kantor

__all__ = [
    "ARAH",
    "JENIS_DOKUMEN",
    "KODE_AKIP",
    "STATUS",
    "alokasi_nomor",
    "alokasi_nomor_dokumen",
    "batalkan_nomor",
    "cari_nomor",
    "catat_surat_masuk",
    "daftar_nomor",
    "nomor_dokumen",
    "periksa_register",
    "tandai_nomor",
]

STATUS = ("draf", "bernomor", "ditandatangani", "dikirim", "batal")
ARAH = ("masuk", "keluar")
_KODE_RE = re.compile(r"^\d{3}(\.\d{1,3})*$")
_POLA_BAWAAN = "{kode}/{nomor}/{unit}/{tahun}"

_MIGRATIONS = [
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

#: ``jenis_naskah`` of the Dokumen Pengukuran Kinerja's own number (one per periode).
JENIS_DOKUMEN = "dokumen pengukuran kinerja"
#: Akuntabilitas Kinerja Instansi Pemerintah (Permendagri 83/2022): undangan, pengantar, dokumen.
KODE_AKIP = "000.8.6.3"


def _open(kantor: Kantor) -> sqlite3.Connection:
    conn = open_db(kantor)
    ensure_schema(conn, "numbering", _MIGRATIONS)
    return conn


def _register_name(kantor: Kantor, arah: str) -> str:
    unit = str(kantor.opsi("penomoran", "kode_unit", "") or kantor.kode)
    return unit if arah == "keluar" else f"{unit}/masuk"


def _check_kode(kode: str) -> str:
    kode = str(kode).strip()
    if not _KODE_RE.match(kode):
        raise InputError(
            f'Kode klasifikasi "{kode}" tidak sah. Tulis kode Permendagri 83/2022 dengan tiga '
            "angka di depan dan titik sebagai pemisah, tanpa spasi, misalnya 000.8.6.3."
        )
    return kode


def _format_nomor(kantor: Kantor, kode: str, urut: int, tahun: int) -> str:
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


def _next_urut(conn: sqlite3.Connection, register: str, tahun: int) -> int:
    row = conn.execute(
        "SELECT COALESCE(MAX(urut), 0) AS m FROM nomor_surat WHERE register = ? AND tahun = ?",
        (register, tahun),
    ).fetchone()
    return int(row["m"]) + 1


def alokasi_nomor(
    kantor: Kantor | str | Path,
    kode_klasifikasi: str,
    hal: str,
    *,
    tanggal: dt.date,
    jenis_naskah: str = "surat",
    tujuan: str = "",
    sifat: str = "Biasa",
    urgensi: str = "Biasa",
    lampiran: str = "",
    penandatangan: str = "",
    tanggal_naskah: dt.date | None = None,
    waktu: dt.datetime | None = None,
    oleh: str = "",
    periode: str = "",
    sekali_per_periode: bool = False,
) -> str:
    """Allocate the next outgoing number of the office for ``tanggal``'s year.

    ``waktu`` (aware) is when it happened, for the event log; when omitted,
    00:00 WIB of ``tanggal``. ``sekali_per_periode``: return the number that
    ``jenis_naskah`` already has for ``periode`` (not cancelled) instead of a new
    one, checked in the same transaction. Returns the number text.
    """
    k = as_kantor(kantor)
    kode = _check_kode(kode_klasifikasi)
    if not str(hal).strip():
        raise InputError("Hal (perihal) surat wajib diisi, misalnya --hal 'Undangan Rapat'.")
    if isinstance(tanggal, dt.datetime) or not isinstance(tanggal, dt.date):
        raise KinerjaError(f"tanggal must be a datetime.date, got {tanggal!r}")
    register = _register_name(k, "keluar")
    when = waktu or tengah_malam(tanggal)
    conn = _open(k)
    try:
        with immediate(conn):
            if sekali_per_periode:
                ada = _nomor_hidup(conn, jenis_naskah, periode)
                if ada:
                    return ada
            nomor = _alokasi(
                conn,
                k,
                register,
                kode,
                hal,
                tanggal=tanggal,
                when=when,
                oleh=oleh,
                periode=periode,
                kolom={
                    "asal_tujuan": tujuan,
                    "sifat": sifat,
                    "urgensi": urgensi,
                    "lampiran": lampiran,
                    "jenis_naskah": jenis_naskah,
                    "penandatangan": penandatangan,
                    "tanggal_naskah": (tanggal_naskah or tanggal).isoformat(),
                },
            )
            titik("nomor.sebelum-commit")
        titik("nomor.sesudah-commit")
    finally:
        conn.close()
    return nomor


def _alokasi(
    conn: sqlite3.Connection,
    k: Kantor,
    register: str,
    kode: str,
    hal: str,
    *,
    tanggal: dt.date,
    when: dt.datetime,
    oleh: str,
    periode: str,
    kolom: dict[str, str],
) -> str:
    """Inside the caller's ``BEGIN IMMEDIATE``: the next number, its event and its row."""
    urut = _next_urut(conn, register, tanggal.year)
    titik("nomor.urut-dibaca")
    nomor = _format_nomor(k, kode, urut, tanggal.year)
    event = eventlog.append(
        conn,
        waktu=when,
        siapa=oleh or "sistem",
        apa="nomor-alokasi",
        periode=periode,
        data={
            "nomor": nomor,
            "register": register,
            "tahun": tanggal.year,
            "urut": urut,
            "hal": hal,
            "jenis_naskah": kolom["jenis_naskah"],
        },
    )
    titik("nomor.peristiwa-ditambah")
    conn.execute(
        "INSERT INTO nomor_surat (register, tahun, urut, no_agenda, tanggal, arah, "
        "kode_klasifikasi, nomor, tanggal_naskah, asal_tujuan, hal, sifat, urgensi, "
        "lampiran, jenis_naskah, penandatangan, status, dibuat, event_hash, periode) VALUES "
        "(?, ?, ?, ?, ?, 'keluar', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'bernomor', ?, ?, ?)",
        (
            register,
            tanggal.year,
            urut,
            urut,
            tanggal.isoformat(),
            kode,
            nomor,
            kolom["tanggal_naskah"],
            kolom["asal_tujuan"],
            hal,
            kolom["sifat"],
            kolom["urgensi"],
            kolom["lampiran"],
            kolom["jenis_naskah"],
            kolom["penandatangan"],
            event.waktu,
            event.hash,
            periode,
        ),
    )
    return nomor


def _nomor_hidup(conn: sqlite3.Connection, jenis_naskah: str, periode: str) -> str:
    """The newest number of ``jenis_naskah`` for ``periode`` that is not cancelled ('' if none)."""
    row = conn.execute(
        "SELECT nomor FROM nomor_surat WHERE arah = 'keluar' AND jenis_naskah = ? AND "
        "periode = ? AND status != 'batal' ORDER BY id DESC LIMIT 1",
        (jenis_naskah, periode),
    ).fetchone()
    return row["nomor"] if row else ""


def nomor_dokumen(kantor: Kantor | str | Path, periode: object) -> str:
    """The Dokumen Pengukuran Kinerja's number for ``periode`` ('' until it is given one)."""
    conn = _open(as_kantor(kantor))
    try:
        return _nomor_hidup(conn, JENIS_DOKUMEN, str(periode))
    finally:
        conn.close()


def alokasi_nomor_dokumen(
    kantor: Kantor | str | Path,
    periode: object,
    judul: str,
    *,
    tanggal: dt.date,
    kode_klasifikasi: str = KODE_AKIP,
    waktu: dt.datetime | None = None,
    oleh: str = "",
) -> str:
    """The document's number for ``periode``: the one it has, else the next of the register.

    Given when the document goes to the Camat for approval (SOP step 10), so the
    lembar pengesahan he signs carries it; one transaction, so two runs never give
    one document two numbers. A cancelled number (``batalkan_nomor``) lets the next
    call allocate a new one.
    """
    return alokasi_nomor(
        kantor,
        kode_klasifikasi,
        judul,
        tanggal=tanggal,
        jenis_naskah=JENIS_DOKUMEN,
        penandatangan="camat",
        waktu=waktu,
        oleh=oleh,
        periode=str(periode),
        sekali_per_periode=True,
    )


def catat_surat_masuk(
    kantor: Kantor | str | Path,
    *,
    tanggal: dt.date,
    asal: str,
    hal: str,
    nomor_asal: str = "",
    tanggal_naskah: dt.date | None = None,
    kode_klasifikasi: str = "000",
    sifat: str = "Biasa",
    waktu: dt.datetime | None = None,
    oleh: str = "",
) -> int:
    """Record an incoming letter in the agenda book; returns its agenda number.

    The lembar disposisi carries this agenda number (not a letter number).
    """
    k = as_kantor(kantor)
    kode = _check_kode(kode_klasifikasi)
    register = _register_name(k, "masuk")
    when = waktu or tengah_malam(tanggal)
    conn = _open(k)
    try:
        with immediate(conn):
            urut = _next_urut(conn, register, tanggal.year)
            event = eventlog.append(
                conn,
                waktu=when,
                siapa=oleh or "sistem",
                apa="agenda-masuk",
                data={
                    "register": register,
                    "tahun": tanggal.year,
                    "no_agenda": urut,
                    "asal": asal,
                    "nomor_asal": nomor_asal,
                    "hal": hal,
                },
            )
            conn.execute(
                "INSERT INTO nomor_surat (register, tahun, urut, no_agenda, tanggal, arah, "
                "kode_klasifikasi, nomor, nomor_asal, tanggal_naskah, asal_tujuan, hal, sifat, "
                "status, dibuat, event_hash) VALUES "
                "(?, ?, ?, ?, ?, 'masuk', ?, NULL, ?, ?, ?, ?, ?, 'bernomor', ?, ?)",
                (
                    register,
                    tanggal.year,
                    urut,
                    urut,
                    tanggal.isoformat(),
                    kode,
                    nomor_asal,
                    (tanggal_naskah or tanggal).isoformat(),
                    asal,
                    hal,
                    sifat,
                    event.waktu,
                    event.hash,
                ),
            )
    finally:
        conn.close()
    return urut


def _row_for(conn: sqlite3.Connection, nomor: str) -> sqlite3.Row:
    row = conn.execute("SELECT * FROM nomor_surat WHERE nomor = ?", (nomor.strip(),)).fetchone()
    if row is None:
        raise InputError(
            f'Nomor surat "{nomor}" tidak ada di register. Periksa penulisannya '
            "(lihat daftar dengan `kinerja nomor-surat --kantor DIR --daftar`)."
        )
    return row


def batalkan_nomor(
    kantor: Kantor | str | Path,
    nomor: str,
    alasan: str,
    *,
    waktu: dt.datetime | None = None,
    oleh: str = "",
) -> None:
    """Mark a number ``batal`` with its reason; it stays in the register, never reused."""
    k = as_kantor(kantor)
    if not str(alasan).strip():
        raise InputError("Alasan pembatalan wajib diisi (--alasan 'salah tujuan', misalnya).")
    conn = _open(k)
    try:
        with immediate(conn):
            row = _row_for(conn, nomor)
            if row["status"] == "batal":
                raise InputError(
                    f'Nomor surat "{nomor}" sudah batal sejak {row["dibuat"][:10]} '
                    f"dengan alasan: {row['alasan_batal']}."
                )
            when = waktu or tengah_malam(dt.date.fromisoformat(row["tanggal"]))
            eventlog.append(
                conn,
                waktu=when,
                siapa=oleh or "sistem",
                apa="nomor-batal",
                data={"nomor": row["nomor"], "alasan": alasan},
            )
            conn.execute(
                "UPDATE nomor_surat SET status = 'batal', alasan_batal = ? WHERE id = ?",
                (alasan, row["id"]),
            )
    finally:
        conn.close()


def tandai_nomor(
    kantor: Kantor | str | Path,
    nomor: str,
    *,
    status: str,
    waktu: dt.datetime,
    sha256_pdf: str = "",
    lokasi_arsip: str = "",
    oleh: str = "",
) -> None:
    """Move a letter on (``ditandatangani``, ``dikirim``) and note its final PDF's hash."""
    k = as_kantor(kantor)
    if status not in ("ditandatangani", "dikirim"):
        raise KinerjaError(f"status must be ditandatangani or dikirim, got {status!r}")
    conn = _open(k)
    try:
        with immediate(conn):
            row = _row_for(conn, nomor)
            if row["status"] == "batal":
                raise InputError(f'Nomor surat "{nomor}" sudah batal; buat nomor baru.')
            eventlog.append(
                conn,
                waktu=waktu,
                siapa=oleh or "sistem",
                apa="nomor-status",
                artefak_sha256=sha256_pdf,
                data={"nomor": nomor, "status": status, "lokasi": lokasi_arsip},
            )
            conn.execute(
                "UPDATE nomor_surat SET status = ?, sha256_pdf = COALESCE(NULLIF(?, ''), "
                "sha256_pdf), lokasi_arsip = COALESCE(NULLIF(?, ''), lokasi_arsip) WHERE id = ?",
                (status, sha256_pdf, lokasi_arsip, row["id"]),
            )
    finally:
        conn.close()


def cari_nomor(kantor: Kantor | str | Path, nomor: str) -> dict[str, Any]:
    """The register entry of one number, as a dict."""
    conn = _open(as_kantor(kantor))
    try:
        return dict(_row_for(conn, nomor))
    finally:
        conn.close()


def daftar_nomor(
    kantor: Kantor | str | Path, *, tahun: int | None = None, arah: str = "keluar"
) -> list[dict[str, Any]]:
    """The register (buku agenda) in order, optionally one year."""
    conn = _open(as_kantor(kantor))
    try:
        sql = "SELECT * FROM nomor_surat WHERE arah = ?"
        params: list[Any] = [arah]
        if tahun is not None:
            sql += " AND tahun = ?"
            params.append(tahun)
        return [dict(r) for r in conn.execute(sql + " ORDER BY register, tahun, urut", params)]
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
