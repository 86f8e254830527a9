"""The SOP register: one run of the 14-step SOP Pengukuran Kinerja per office and periode.

Each step records who did it (pelaksana), when it started and ended, the artefact it
produced (archived, with its sha256), paraf/approval and notes. The order and the
preconditions are ``sop.urutan``'s (a step only after every step before it is closed;
a refusal is a ``UrutanError`` with an Indonesian message, CLI exit 1); the SOP itself
is ``sop.definisi``'s. Every record appends an event to the hash-chained log in the
same transaction. This module is the part's import point: it re-exports the SOP, the
refusal and the precondition registry.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kinerja.catatan import eventlog, objek
from kinerja.catatan.db import ensure_schema, immediate
from kinerja.catatan.eventlog import open_db
from kinerja.inti.errors import InputError
from kinerja.inti.jam_kerja import menit_kerja
from kinerja.inti.model import Periode
from kinerja.inti.tanggal import WIB
from kinerja.kantor.jam_kerja import jam_kerja_kantor
from kinerja.kantor.katalog import Kantor, as_kantor
from kinerja.sop.definisi import (
    JUMLAH_LANGKAH,
    judul_langkah,
    kapital,
    langkah_sop,
    load_sop,
    sop_kantor,
)
from kinerja.sop.urutan import (
    Prasyarat,
    UrutanError,
    daftarkan_prasyarat,
    periksa_urutan,
    prasyarat_langkah,
    tanpa_error_terbuka,
    tolak_tanpa_bukti,
)

__all__ = [
    "JUMLAH_LANGKAH",
    "MIGRASI",
    "Prasyarat",
    "UrutanError",
    "catat_langkah",
    "daftarkan_prasyarat",
    "load_sop",
    "mulai_sop",
    "sop_kantor",
    "status_sop",
    "tanpa_error_terbuka",
]

MIGRASI = [
    """
    CREATE TABLE sop_run (
        id INTEGER PRIMARY KEY,
        periode TEXT NOT NULL UNIQUE,
        nomor_sop TEXT NOT NULL,
        dimulai TEXT NOT NULL,
        event_hash TEXT NOT NULL
    );
    CREATE TABLE sop_langkah (
        id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES sop_run(id),
        no INTEGER NOT NULL CHECK (no BETWEEN 1 AND 14),
        pelaksana TEXT NOT NULL,
        nama_pelaksana TEXT NOT NULL DEFAULT '',
        mulai TEXT NOT NULL,
        selesai TEXT,
        artefak_nama TEXT NOT NULL DEFAULT '',
        artefak_sha256 TEXT NOT NULL DEFAULT '',
        nomor_surat TEXT NOT NULL DEFAULT '',
        paraf TEXT NOT NULL DEFAULT '',
        catatan TEXT NOT NULL DEFAULT '',
        event_hash TEXT NOT NULL,
        UNIQUE (run_id, no)
    );
    CREATE TRIGGER sop_run_tetap BEFORE DELETE ON sop_run BEGIN SELECT RAISE(ABORT, 'catatan SOP tidak boleh dihapus'); END;
    CREATE TRIGGER sop_langkah_tanpa_hapus BEFORE DELETE ON sop_langkah BEGIN SELECT RAISE(ABORT, 'catatan SOP tidak boleh dihapus'); END;
    CREATE TRIGGER sop_langkah_selesai_tetap BEFORE UPDATE ON sop_langkah WHEN OLD.selesai IS NOT NULL BEGIN SELECT RAISE(ABORT, 'langkah SOP yang sudah selesai tidak boleh diubah'); END
    """
]


def _open(kantor: Kantor) -> sqlite3.Connection:
    conn = open_db(kantor)
    ensure_schema(conn, "register", MIGRASI)
    return conn


def _aware(waktu: dt.datetime | None, name: str) -> dt.datetime | None:
    if waktu is None:
        return None
    if not isinstance(waktu, dt.datetime):
        raise InputError(f"{name} harus tanggal dan jam, misalnya 2025-05-20T09:00.")
    return waktu if waktu.tzinfo else waktu.replace(tzinfo=WIB)


def _run(conn: sqlite3.Connection, periode: str) -> sqlite3.Row | None:
    return conn.execute("SELECT * FROM sop_run WHERE periode = ?", (periode,)).fetchone()


def _start(
    conn: sqlite3.Connection, periode: str, waktu: dt.datetime, oleh: str, nomor_sop: str
) -> sqlite3.Row:
    event = eventlog.append(
        conn,
        waktu=waktu,
        siapa=oleh,
        apa="sop-mulai",
        periode=periode,
        data={"nomor_sop": nomor_sop},
    )
    conn.execute(
        "INSERT INTO sop_run (periode, nomor_sop, dimulai, event_hash) VALUES (?, ?, ?, ?)",
        (periode, nomor_sop, event.waktu, event.hash),
    )
    return _run(conn, periode)


def mulai_sop(
    kantor: Kantor | str | Path, periode: str, *, waktu: dt.datetime, oleh: str = "sistem"
) -> None:
    """Open the SOP run of ``periode`` (a second call is a no-op)."""
    periode = str(Periode.parse(periode))
    k = as_kantor(kantor)
    k_sop = sop_kantor(k)
    conn = _open(k)
    try:
        with immediate(conn):
            if _run(conn, periode) is None:
                _start(conn, periode, _aware(waktu, "waktu"), oleh, k_sop["nomor_sop"])
    finally:
        conn.close()


def _pelaksana(kantor: Kantor, peran: str, sop: dict[str, Any]) -> str:
    """The official's name for a role; an unknown role is refused with the known ones."""
    pejabat = kantor.pejabat
    key = sop["peran_pejabat"].get(peran, peran)
    if key in pejabat:
        return pejabat[key].nama
    if peran in sop["peran"]:
        return sop["peran"][peran]
    known = ", ".join(dict.fromkeys([*sop["peran"], *pejabat]))
    raise InputError(f'Pelaksana "{peran}" tidak dikenal. Pilih salah satu peran: {known}.')


def _artefak(
    kantor: Kantor,
    periode: str,
    no: int,
    artefak: Path | None,
    sha: str | None,
    waktu: dt.datetime,
    oleh: str,
) -> tuple[str, str]:
    if artefak is not None:
        path = Path(artefak)
        digest = objek.simpan(
            kantor,
            path,
            jenis="sop",
            periode=periode,
            nama=f"langkah-{no:02d}-{path.name}",
            waktu=waktu,
            oleh=oleh,
            status="final",
            kode_klasifikasi=sop_kantor(kantor)["kode_klasifikasi"],
        )
        return path.name, digest
    if sha:
        return "", sha
    return "", ""


def _langkah_run(conn: sqlite3.Connection, run: sqlite3.Row | None) -> dict[int, sqlite3.Row]:
    """The recorded steps of a run, by number (none before the run starts)."""
    if run is None:
        return {}
    return {
        r["no"]: r for r in conn.execute("SELECT * FROM sop_langkah WHERE run_id = ?", (run["id"],))
    }


def _awal(
    sop: dict[str, Any],
    own: sqlite3.Row | None,
    no: int,
    periode: str,
    mulai: dt.datetime | None,
    selesai: dt.datetime | None,
) -> dt.datetime:
    """When the step began: ``mulai``, else as recorded when it was opened, else ``selesai``."""
    begin = mulai or (_aware(dt.datetime.fromisoformat(own["mulai"]), "mulai") if own else None)
    if begin is None:
        begin = selesai
    if own is not None and selesai is None:
        raise UrutanError(
            f"Periode {periode}: {judul_langkah(no, sop)} sudah berjalan sejak "
            f"{own['mulai'][:16].replace('T', ' ')}; catat jam selesainya (--selesai)."
        )
    if selesai is not None and selesai < begin:
        raise InputError(
            f"{kapital(judul_langkah(no, sop))}: jam selesai {selesai:%Y-%m-%d %H:%M} lebih awal "
            f"dari jam mulai {begin:%Y-%m-%d %H:%M}."
        )
    return begin


def _tulis_langkah(
    conn: sqlite3.Connection,
    run: sqlite3.Row,
    own: sqlite3.Row | None,
    catatan: dict[str, Any],
    *,
    waktu: dt.datetime,
    periode: str,
) -> None:
    """Inside the caller's ``BEGIN IMMEDIATE``: the step's event, then its row."""
    event = eventlog.append(
        conn,
        waktu=waktu,
        siapa=catatan["pelaksana"],
        apa="sop-langkah",
        periode=periode,
        artefak_sha256=catatan["artefak_sha256"],
        data={
            "no": catatan["no"],
            "uraian": catatan["uraian"],
            "pelaksana": catatan["pelaksana"],
            "nama_pelaksana": catatan["nama_pelaksana"],
            "mulai": catatan["mulai"],
            "selesai": catatan["selesai"],
            "artefak": catatan["artefak_nama"],
            "nomor_surat": catatan["nomor_surat"],
            "paraf": catatan["paraf"],
            "catatan": catatan["catatan"],
        },
    )
    kolom = ("pelaksana", "nama_pelaksana", "mulai", "selesai", "artefak_nama")
    kolom += ("artefak_sha256", "nomor_surat", "paraf", "catatan")
    values = (*(catatan[c] for c in kolom), event.hash)
    if own is None:
        conn.execute(
            "INSERT INTO sop_langkah (pelaksana, nama_pelaksana, mulai, selesai, "
            "artefak_nama, artefak_sha256, nomor_surat, paraf, catatan, event_hash, "
            "run_id, no) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (*values, run["id"], catatan["no"]),
        )
    else:
        conn.execute(
            "UPDATE sop_langkah SET pelaksana = ?, nama_pelaksana = ?, mulai = ?, "
            "selesai = ?, artefak_nama = ?, artefak_sha256 = ?, nomor_surat = ?, "
            "paraf = ?, catatan = ?, event_hash = ? WHERE id = ?",
            (*values, own["id"]),
        )


def catat_langkah(
    kantor: Kantor | str | Path,
    periode: str,
    no: int,
    *,
    pelaksana: str,
    mulai: dt.datetime | None = None,
    selesai: dt.datetime | None = None,
    artefak: Path | None = None,
    artefak_sha256: str | None = None,
    nomor_surat: str = "",
    catatan: str = "",
    paraf: str = "",
    prasyarat: Sequence[Prasyarat] = (),
) -> dict[str, Any]:
    """Record (open, close, or open and close) step ``no`` of ``periode``'s SOP run.

    ``mulai`` alone opens the step; ``selesai`` closes it (with ``mulai`` when it
    was not opened before). ``artefak`` is archived and its sha256 kept; an already
    archived one is named by ``artefak_sha256``. Refuses with ``UrutanError`` when
    a predecessor is not closed or a precondition fails. Returns the step's status row.
    """
    k = as_kantor(kantor)
    periode = str(Periode.parse(periode))
    sop = sop_kantor(k)
    step = langkah_sop(no, sop)
    mulai, selesai = _aware(mulai, "mulai"), _aware(selesai, "selesai")
    if mulai is None and selesai is None:
        raise InputError(f"Catat jam mulai atau jam selesai {judul_langkah(no, sop)}.")
    nama = _pelaksana(k, pelaksana, sop)
    conn = _open(k)
    try:
        own = periksa_urutan(_langkah_run(conn, _run(conn, periode)), no, periode, sop)
        begin = _awal(sop, own, no, periode, mulai, selesai)
        if selesai is not None:
            for fungsi in (*prasyarat_langkah(no), *prasyarat):
                pesan = fungsi(k, periode)
                if pesan:
                    raise UrutanError(
                        f"Periode {periode}: {judul_langkah(no, sop)} ditolak: {pesan}"
                    )
            tolak_tanpa_bukti(k, no, artefak, artefak_sha256, nomor_surat, periode)
        when = selesai or begin
        nama_berkas, sha = _artefak(k, periode, no, artefak, artefak_sha256, when, pelaksana)
        catatan_langkah = {
            "no": no,
            "uraian": step["uraian"],
            "pelaksana": pelaksana,
            "nama_pelaksana": nama,
            "mulai": begin.isoformat(timespec="seconds"),
            "selesai": selesai.isoformat(timespec="seconds") if selesai else None,
            "artefak_nama": nama_berkas,
            "artefak_sha256": sha,
            "nomor_surat": nomor_surat,
            "paraf": paraf,
            "catatan": catatan,
        }
        with immediate(conn):
            run = _run(conn, periode) or _start(conn, periode, begin, pelaksana, sop["nomor_sop"])
            own = periksa_urutan(
                _langkah_run(conn, run), no, periode, sop
            )  # again, inside the lock
            _tulis_langkah(conn, run, own, catatan_langkah, waktu=when, periode=periode)
    finally:
        conn.close()
    return status_sop(k, periode)[no - 1]


def status_sop(kantor: Kantor | str | Path, periode: str) -> list[dict[str, Any]]:
    """The 14 steps of ``periode`` with what was recorded (also the document's lampiran).

    Keys: no, uraian, pelaksana, nama_pelaksana, mulai, selesai (aware datetimes or
    None), menit (working minutes: office hours of ``[jam_kerja]``), menit_kalender
    (clock minutes), mutu_baku, melebihi (menit over mutu_baku), artefak, sha256, nomor_surat, paraf, catatan,
    status (``belum`` / ``berjalan`` / ``selesai``), kelengkapan, output.
    """
    k = as_kantor(kantor)
    periode = str(Periode.parse(periode))
    conn = _open(k)
    try:
        rows = {no: dict(r) for no, r in _langkah_run(conn, _run(conn, periode)).items()}
    finally:
        conn.close()
    jam = jam_kerja_kantor(k)
    out = []
    for step in sop_kantor(k)["langkah"]:  # the 14 steps, not data rows
        r = rows.get(step["no"], {})
        mulai = dt.datetime.fromisoformat(r["mulai"]) if r.get("mulai") else None
        selesai = dt.datetime.fromisoformat(r["selesai"]) if r.get("selesai") else None
        menit = menit_kerja(mulai, selesai, jam) if mulai and selesai else None
        jam_jam = int((selesai - mulai).total_seconds() / 60 + 0.5) if mulai and selesai else None
        out.append(
            {
                "no": step["no"],
                "uraian": step["uraian"],
                "pelaksana": r.get("pelaksana", ""),
                "nama_pelaksana": r.get("nama_pelaksana", ""),
                "pelaksana_sop": step["pelaksana"],
                "mulai": mulai,
                "selesai": selesai,
                "menit": menit,
                "menit_kalender": jam_jam,
                "mutu_baku": step["mutu_baku_menit"],
                "melebihi": menit is not None and menit > step["mutu_baku_menit"],
                "artefak": r.get("artefak_nama", ""),
                "sha256": r.get("artefak_sha256", ""),
                "nomor_surat": r.get("nomor_surat", ""),
                "paraf": r.get("paraf", ""),
                "catatan": r.get("catatan", ""),
                "status": "selesai" if selesai else ("berjalan" if r else "belum"),
                "kelengkapan": step["kelengkapan"],
                "output": step["output"],
            }
        )
    return out
