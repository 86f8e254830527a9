"""The order of the SOP: which step may be recorded when, and with what evidence.

A step can be recorded only when every step before it is closed, so there is no
signing (11) before validation (7) is closed, no number (12) before signing, no
archive (14) before the number. Steps may carry extra preconditions supplied by
callers (:func:`daftarkan_prasyarat` or ``prasyarat=``), e.g. "no open error
findings" before step 8. A refusal is an :class:`UrutanError` with an Indonesian
message (CLI exit 1).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from kinerja.inti.errors import InputError
from kinerja.kantor.katalog import Kantor
from kinerja.naskah.penomoran import cari_nomor
from kinerja.sop.definisi import judul_langkah, kapital, periksa_nomor_langkah, sop_kantor
from kinerja.validasi import ledger

__all__ = [
    "Prasyarat",
    "UrutanError",
    "daftarkan_prasyarat",
    "periksa_urutan",
    "prasyarat_langkah",
    "tanpa_error_terbuka",
    "tolak_tanpa_bukti",
]

#: A precondition: returns None when the step may be recorded, else the Indonesian
#: sentence that says why not and what to do.
Prasyarat = Callable[[Kantor, str], "str | None"]


class UrutanError(InputError):
    """A step was recorded out of order or without its preconditions."""


def tanpa_error_terbuka(kantor: Kantor, periode: str) -> str | None:
    """Step 8's default precondition: no error finding of the periode left undecided."""
    terbuka = [t for t in ledger.temuan_terbuka(kantor, periode) if t.is_error]
    if not terbuka:
        return None
    return (
        f"masih ada {len(terbuka)} temuan KESALAHAN yang belum diputuskan (misalnya "
        f'"{terbuka[0].pesan}"). Putuskan dulu di buku kerja validasi, lalu catat lagi.'
    )


_PRASYARAT: dict[int, list[Prasyarat]] = {8: [tanpa_error_terbuka]}

#: Gates the SOP names explicitly: step → (step that must be closed, why).
_GERBANG = {
    11: (7, "dokumen tidak boleh ditandatangani sebelum validasi data (langkah 7) ditutup"),
    12: (11, "nomor surat tidak boleh diberikan sebelum dokumen ditandatangani (langkah 11)"),
    14: (12, "dokumen tidak boleh diarsipkan sebelum bernomor (langkah 12)"),
}


def daftarkan_prasyarat(no: int, fungsi: Prasyarat) -> None:
    """Attach a precondition to step ``no`` for every later record in this process."""
    periksa_nomor_langkah(no)
    if fungsi not in _PRASYARAT.setdefault(no, []):
        _PRASYARAT[no].append(fungsi)


def prasyarat_langkah(no: int) -> tuple[Prasyarat, ...]:
    """The preconditions registered for step ``no`` (the default ones included)."""
    return tuple(_PRASYARAT.get(no, ()))


def periksa_urutan(
    rows: Mapping[int, sqlite3.Row], no: int, periode: str, sop: dict[str, Any]
) -> sqlite3.Row | None:
    """Refuse step ``no`` unless every step before it is closed and it is not closed itself.

    ``rows`` are the run's recorded steps by number, ``sop`` the office's SOP
    (``sop_kantor``); returns the step's own row (open) or None.
    """
    for prev in range(1, no):
        r = rows.get(prev)
        if r is None or r["selesai"] is None:
            keadaan = "belum dicatat" if r is None else "belum ditutup (belum ada jam selesai)"
            alasan = ""
            gate = _GERBANG.get(no)
            if gate and prev <= gate[0]:
                alasan = f": {gate[1]}"
            raise UrutanError(
                f"Periode {periode}: {judul_langkah(no, sop)} belum dapat dicatat{alasan}. "
                f"{kapital(judul_langkah(prev, sop))} {keadaan}. Catat dan selesaikan langkah "
                f"{prev} terlebih dahulu."
            )
    own = rows.get(no)
    if own is not None and own["selesai"] is not None:
        raise UrutanError(
            f"Periode {periode}: {judul_langkah(no, sop)} sudah selesai dicatat oleh "
            f"{own['pelaksana']} (selesai {own['selesai'][:16].replace('T', ' ')}); langkah "
            "yang selesai tidak dapat diubah. Tambahkan keterangan pada langkah berikutnya bila "
            "perlu."
        )
    return own


def tolak_tanpa_bukti(
    kantor: Kantor, no: int, artefak: Path | None, sha: str | None, nomor: str, periode: str
) -> None:
    """Step 11 needs the signed document (or the wet-ink scan); step 12 a live number."""
    sop = sop_kantor(kantor)
    if no == 11 and artefak is None and not sha:
        raise UrutanError(
            f"Periode {periode}: {judul_langkah(11, sop)} memerlukan berkas dokumen yang "
            "ditandatangani (PDF bertanda tangan elektronik, atau pindaian halaman bertanda "
            "tangan basah): sertakan --berkas."
        )
    if no == 12:
        if not nomor:
            raise UrutanError(
                f"Periode {periode}: {judul_langkah(12, sop)} memerlukan nomor surat pengantar dari "
                "register (kinerja nomor-surat): sertakan --nomor."
            )
        row = cari_nomor(kantor, nomor)
        if row["status"] == "batal":
            raise UrutanError(f'Nomor surat "{nomor}" sudah batal; minta nomor baru.')
