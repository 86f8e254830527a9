"""The SOP register: one run of the 14-step SOP Pengukuran Kinerja per office and periode.

Each step records who did it (pelaksana), when it started and ended, the artefact it
produced (archived, with its sha256), paraf/approval and notes. A state machine keeps
the order: a step can be recorded only when every step before it is closed, so there
is no signing (11) before validation (7) is closed, no number (12) before signing,
no archive (14) before the number. Steps may carry extra preconditions supplied by
callers (``daftarkan_prasyarat`` or ``prasyarat=``), e.g. "no open error findings"
before step 8. Every record appends an event to the hash-chained log in the same
transaction. A refusal is a ``UrutanError`` with an Indonesian message (CLI exit 1).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable, Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from kinerja.catatan import eventlog, objek
from kinerja.catatan.db import ensure_schema, immediate
from kinerja.catatan.eventlog import open_db
from kinerja.inti.errors import InputError
from kinerja.inti.model import Periode
from kinerja.inti.tanggal import WIB
from kinerja.kantor.katalog import Kantor, as_kantor

__all__ = [
    "JUMLAH_LANGKAH",
    "Prasyarat",
    "UrutanError",
    "catat_langkah",
    "daftarkan_prasyarat",
    "load_sop",
    "mulai_sop",
    "status_sop",
    "tanpa_error_terbuka",
]

JUMLAH_LANGKAH = 14

#: A precondition: returns None when the step may be recorded, else the Indonesian
#: sentence that says why not and what to do.
Prasyarat = Callable[[Kantor, str], "str | None"]


def tanpa_error_terbuka(kantor: Kantor, periode: str) -> str | None:
    """Step 8's default precondition: no error finding of the periode left undecided."""
    try:
        from kinerja.validasi import ledger
    except ImportError:  # the review ledger is optional
        return None
    terbuka = [t for t in ledger.temuan_terbuka(kantor, periode) if t.is_error]
    if not terbuka:
        return None
    return (
        f"masih ada {len(terbuka)} temuan error yang belum diputuskan (misalnya "
        f'"{terbuka[0].pesan}"). Putuskan dulu di buku kerja validasi, lalu catat lagi.'
    )


_PRASYARAT: dict[int, list[Prasyarat]] = {8: [tanpa_error_terbuka]}

#: Gates the SOP names explicitly: step → (step that must be closed, why).
_GERBANG = {
    11: (7, "dokumen tidak boleh ditandatangani sebelum validasi data (langkah 7) ditutup"),
    12: (11, "nomor surat tidak boleh diberikan sebelum dokumen ditandatangani (langkah 11)"),
    14: (12, "dokumen tidak boleh diarsipkan sebelum bernomor (langkah 12)"),
}

_MIGRATIONS = [
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


class UrutanError(InputError):
    """A step was recorded out of order or without its preconditions."""


@cache
def load_sop() -> dict[str, Any]:
    """The SOP as shipped (``reference/sop_pengukuran_kinerja.json``)."""
    text = (
        resources.files("kinerja.reference")
        .joinpath("sop_pengukuran_kinerja.json")
        .read_text("utf-8")
    )
    return json.loads(text)


def _langkah(no: int) -> dict[str, Any]:
    if not isinstance(no, int) or not 1 <= no <= JUMLAH_LANGKAH:
        raise InputError(f"Langkah SOP {no!r} tidak ada; langkah bernomor 1 sampai 14.")
    return load_sop()["langkah"][no - 1]


def _judul(no: int) -> str:
    return f"langkah {no} ({_langkah(no)['uraian']})"


def _kapital(text: str) -> str:
    return text[:1].upper() + text[1:]


def daftarkan_prasyarat(no: int, fungsi: Prasyarat) -> None:
    """Attach a precondition to step ``no`` for every later record in this process."""
    _langkah(no)
    if fungsi not in _PRASYARAT.setdefault(no, []):
        _PRASYARAT[no].append(fungsi)


def _open(kantor: Kantor) -> sqlite3.Connection:
    conn = open_db(kantor)
    ensure_schema(conn, "register", _MIGRATIONS)
    return conn


def _aware(waktu: dt.datetime | None, name: str) -> dt.datetime | None:
    if waktu is None:
        return None
    if not isinstance(waktu, dt.datetime):
        raise InputError(f"{name} harus tanggal dan jam, misalnya 2025-05-20T09:00.")
    return waktu if waktu.tzinfo else waktu.replace(tzinfo=WIB)


def _run(conn: sqlite3.Connection, periode: str) -> sqlite3.Row | None:
    return conn.execute("SELECT * FROM sop_run WHERE periode = ?", (periode,)).fetchone()


def _start(conn: sqlite3.Connection, periode: str, waktu: dt.datetime, oleh: str) -> sqlite3.Row:
    nomor_sop = load_sop()["nomor_sop"]
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
    conn = _open(as_kantor(kantor))
    try:
        with immediate(conn):
            if _run(conn, periode) is None:
                _start(conn, periode, _aware(waktu, "waktu"), oleh)
    finally:
        conn.close()


def _pelaksana(kantor: Kantor, peran: str) -> str:
    """The official's name for a role; an unknown role is refused with the known ones."""
    sop = load_sop()
    pejabat = kantor.pejabat
    key = sop["peran_pejabat"].get(peran, peran)
    if key in pejabat:
        return pejabat[key].nama
    if peran in sop["peran"]:
        return sop["peran"][peran]
    known = ", ".join(dict.fromkeys([*sop["peran"], *pejabat]))
    raise InputError(f'Pelaksana "{peran}" tidak dikenal. Pilih salah satu peran: {known}.')


def _refuse_out_of_order(
    conn: sqlite3.Connection, run: sqlite3.Row | None, no: int, periode: str
) -> sqlite3.Row | None:
    """Check the order; return the step's own row (open) or None."""
    rows = {}
    if run is not None:
        rows = {
            r["no"]: r
            for r in conn.execute("SELECT * FROM sop_langkah WHERE run_id = ?", (run["id"],))
        }
    for prev in range(1, no):
        r = rows.get(prev)
        if r is None or r["selesai"] is None:
            keadaan = "belum dicatat" if r is None else "belum ditutup (belum ada jam selesai)"
            alasan = ""
            gate = _GERBANG.get(no)
            if gate and prev <= gate[0]:
                alasan = f": {gate[1]}"
            raise UrutanError(
                f"Periode {periode}: {_judul(no)} belum dapat dicatat{alasan}. "
                f"{_kapital(_judul(prev))} {keadaan}. Catat dan selesaikan langkah "
                f"{prev} terlebih dahulu."
            )
    own = rows.get(no)
    if own is not None and own["selesai"] is not None:
        raise UrutanError(
            f"Periode {periode}: {_judul(no)} sudah selesai dicatat oleh {own['pelaksana']} "
            f"(selesai {own['selesai'][:16].replace('T', ' ')}); langkah yang selesai tidak dapat "
            "diubah. Tambahkan keterangan pada langkah berikutnya bila perlu."
        )
    return own


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
            kode_klasifikasi=load_sop()["kode_klasifikasi"],
        )
        return path.name, digest
    if sha:
        return "", sha
    return "", ""


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
    step = _langkah(no)
    mulai, selesai = _aware(mulai, "mulai"), _aware(selesai, "selesai")
    if mulai is None and selesai is None:
        raise InputError(f"Catat jam mulai atau jam selesai {_judul(no)}.")
    nama = _pelaksana(k, pelaksana)
    conn = _open(k)
    try:
        own = _refuse_out_of_order(conn, _run(conn, periode), no, periode)
        begin = mulai or (_aware(dt.datetime.fromisoformat(own["mulai"]), "mulai") if own else None)
        if begin is None:
            begin = selesai
        if own is not None and selesai is None:
            raise UrutanError(
                f"Periode {periode}: {_judul(no)} sudah berjalan sejak "
                f"{own['mulai'][:16].replace('T', ' ')}; catat jam selesainya (--selesai)."
            )
        if selesai is not None and selesai < begin:
            raise InputError(
                f"{_kapital(_judul(no))}: jam selesai {selesai:%Y-%m-%d %H:%M} lebih awal "
                f"dari jam mulai {begin:%Y-%m-%d %H:%M}."
            )
        if selesai is not None:
            for fungsi in (*_PRASYARAT.get(no, ()), *prasyarat):
                pesan = fungsi(k, periode)
                if pesan:
                    raise UrutanError(f"Periode {periode}: {_judul(no)} ditolak: {pesan}")
            _refuse_missing_evidence(k, no, artefak, artefak_sha256, nomor_surat, periode)
        when = selesai or begin
        nama_berkas, sha = _artefak(k, periode, no, artefak, artefak_sha256, when, pelaksana)
        with immediate(conn):
            run = _run(conn, periode) or _start(conn, periode, begin, pelaksana)
            own = _refuse_out_of_order(conn, run, no, periode)  # again, inside the lock
            event = eventlog.append(
                conn,
                waktu=when,
                siapa=pelaksana,
                apa="sop-langkah",
                periode=periode,
                artefak_sha256=sha,
                data={
                    "no": no,
                    "uraian": step["uraian"],
                    "pelaksana": pelaksana,
                    "nama_pelaksana": nama,
                    "mulai": begin.isoformat(timespec="seconds"),
                    "selesai": selesai.isoformat(timespec="seconds") if selesai else None,
                    "artefak": nama_berkas,
                    "nomor_surat": nomor_surat,
                    "paraf": paraf,
                    "catatan": catatan,
                },
            )
            values = (
                pelaksana,
                nama,
                begin.isoformat(timespec="seconds"),
                selesai.isoformat(timespec="seconds") if selesai else None,
                nama_berkas,
                sha,
                nomor_surat,
                paraf,
                catatan,
                event.hash,
            )
            if own is None:
                conn.execute(
                    "INSERT INTO sop_langkah (pelaksana, nama_pelaksana, mulai, selesai, "
                    "artefak_nama, artefak_sha256, nomor_surat, paraf, catatan, event_hash, "
                    "run_id, no) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (*values, run["id"], no),
                )
            else:
                conn.execute(
                    "UPDATE sop_langkah SET pelaksana = ?, nama_pelaksana = ?, mulai = ?, "
                    "selesai = ?, artefak_nama = ?, artefak_sha256 = ?, nomor_surat = ?, "
                    "paraf = ?, catatan = ?, event_hash = ? WHERE id = ?",
                    (*values, own["id"]),
                )
    finally:
        conn.close()
    return status_sop(k, periode)[no - 1]


def _refuse_missing_evidence(
    kantor: Kantor, no: int, artefak: Path | None, sha: str | None, nomor: str, periode: str
) -> None:
    """Step 11 needs the signed document (or the wet-ink scan); step 12 a live number."""
    if no == 11 and artefak is None and not sha:
        raise UrutanError(
            f"Periode {periode}: {_judul(11)} memerlukan berkas dokumen yang ditandatangani "
            "(PDF bertanda tangan elektronik, atau pindaian halaman bertanda tangan basah): "
            "sertakan --berkas."
        )
    if no == 12:
        if not nomor:
            raise UrutanError(
                f"Periode {periode}: {_judul(12)} memerlukan nomor surat pengantar dari register "
                "(kinerja nomor-surat): sertakan --nomor."
            )
        from kinerja.naskah.penomoran import cari_nomor

        row = cari_nomor(kantor, nomor)
        if row["status"] == "batal":
            raise UrutanError(f'Nomor surat "{nomor}" sudah batal; minta nomor baru.')


def status_sop(kantor: Kantor | str | Path, periode: str) -> list[dict[str, Any]]:
    """The 14 steps of ``periode`` with what was recorded (also the document's lampiran).

    Keys: no, uraian, pelaksana, nama_pelaksana, mulai, selesai (aware datetimes or
    None), menit, mutu_baku, melebihi, artefak, sha256, nomor_surat, paraf, catatan,
    status (``belum`` / ``berjalan`` / ``selesai``), kelengkapan, output.
    """
    k = as_kantor(kantor)
    periode = str(Periode.parse(periode))
    conn = _open(k)
    try:
        run = _run(conn, periode)
        rows = {}
        if run is not None:
            rows = {
                r["no"]: dict(r)
                for r in conn.execute("SELECT * FROM sop_langkah WHERE run_id = ?", (run["id"],))
            }
    finally:
        conn.close()
    out = []
    for step in load_sop()["langkah"]:
        r = rows.get(step["no"], {})
        mulai = dt.datetime.fromisoformat(r["mulai"]) if r.get("mulai") else None
        selesai = dt.datetime.fromisoformat(r["selesai"]) if r.get("selesai") else None
        menit = int((selesai - mulai).total_seconds() / 60 + 0.5) if mulai and selesai else None
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
