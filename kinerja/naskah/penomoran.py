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

The table, the number format and the reads live in ``naskah.buku_agenda``; the
reads are re-exported here so that the register is imported from one place.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from kinerja.catatan import eventlog
from kinerja.catatan.db import immediate, titik
from kinerja.inti.errors import InputError, KinerjaError
from kinerja.inti.tanggal import tengah_malam
from kinerja.kantor.katalog import Kantor, as_kantor
from kinerja.naskah.buku_agenda import (
    ARAH,
    STATUS,
    baris_nomor,
    buka_register,
    cari_nomor,
    daftar_nomor,
    format_nomor,
    nama_register,
    nomor_hidup,
    nomor_periode,
    periksa_kode,
    periksa_register,
    urut_berikut,
)

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
    "nomor_periode",
    "periksa_register",
    "tandai_nomor",
]

#: ``jenis_naskah`` of the Dokumen Pengukuran Kinerja's own number (one per periode).
JENIS_DOKUMEN = "dokumen pengukuran kinerja"
#: Akuntabilitas Kinerja Instansi Pemerintah (Permendagri 83/2022): undangan, pengantar, dokumen.
KODE_AKIP = "000.8.6.3"


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
    kode = periksa_kode(kode_klasifikasi)
    if not str(hal).strip():
        raise InputError("Hal (perihal) surat wajib diisi, misalnya --hal 'Undangan Rapat'.")
    if isinstance(tanggal, dt.datetime) or not isinstance(tanggal, dt.date):
        raise KinerjaError(f"tanggal must be a datetime.date, got {tanggal!r}")
    register = nama_register(k, "keluar")
    when = waktu or tengah_malam(tanggal)
    conn = buka_register(k)
    try:
        with immediate(conn):
            if sekali_per_periode:
                ada = nomor_hidup(conn, jenis_naskah, periode)
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
    urut = urut_berikut(conn, register, tanggal.year)
    titik("nomor.urut-dibaca")
    nomor = format_nomor(k, kode, urut, tanggal.year)
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


def nomor_dokumen(kantor: Kantor | str | Path, periode: object) -> str:
    """The Dokumen Pengukuran Kinerja's number for ``periode`` ('' until it is given one)."""
    conn = buka_register(as_kantor(kantor))
    try:
        return nomor_hidup(conn, JENIS_DOKUMEN, str(periode))
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
    kode = periksa_kode(kode_klasifikasi)
    register = nama_register(k, "masuk")
    when = waktu or tengah_malam(tanggal)
    conn = buka_register(k)
    try:
        with immediate(conn):
            urut = urut_berikut(conn, register, tanggal.year)
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
    conn = buka_register(k)
    try:
        with immediate(conn):
            row = baris_nomor(conn, nomor)
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
    conn = buka_register(k)
    try:
        with immediate(conn):
            row = baris_nomor(conn, nomor)
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
