"""The meeting of ``kinerja sop lanjut`` steps 4–5: one date, the one the invitation set.

Step 4 keeps the invited date as an archived record (``rapat-pembahasan.json``, jenis
``data``, so the chain covers it); step 5 dates the minutes and the attendance list
with it, never with the clock. Step 5 before that date waits (exit 1). ``--mulai`` at
step 5 must fall on the meeting's date; a meeting held on another day is recorded
only when step 5 says so explicitly with ``--tanggal-rapat`` (the step's note names
both dates).
"""

from __future__ import annotations

import datetime as dt
import json

from kinerja.catatan import objek
from kinerja.inti.errors import InputError
from kinerja.inti.tanggal import format_hari_tanggal
from kinerja.kantor.katalog import Kantor

__all__ = ["NAMA_RAPAT", "catat_undangan", "rapat_langkah5"]

#: The archived record of the invited meeting (jenis ``data``).
NAMA_RAPAT = "rapat-pembahasan.json"


def catat_undangan(
    kantor: Kantor, periode: str, tanggal: dt.date, nomor: str, waktu: dt.datetime
) -> None:
    """Keep the meeting date the invitation ``nomor`` set (step 4)."""
    data = {"tanggal": tanggal.isoformat(), "nomor_undangan": nomor}
    objek.simpan(
        kantor, json.dumps(data, ensure_ascii=False).encode(), jenis="data", periode=periode,
        nama=NAMA_RAPAT, waktu=waktu,
    )  # fmt: skip


def _undangan(kantor: Kantor, periode: str) -> dict | None:
    """The invited meeting of step 4 (``None``: step 4 recorded without it)."""
    row = objek.terbaru(kantor, "data", periode, NAMA_RAPAT)
    return json.loads(objek.baca(kantor, row["sha256"])) if row else None


def rapat_langkah5(
    kantor: Kantor,
    periode: str,
    *,
    hari: dt.date,
    mulai: dt.date | None,
    dipindah: dt.date | None,
) -> tuple[dt.date, str]:
    """The date of the meeting step 5 records and the step's note.

    ``hari``: the day step 5 is done (its start); ``mulai``: the date ``--mulai`` gave
    (None when not given); ``dipindah``: ``--tanggal-rapat`` at step 5, the meeting held
    on another day than invited. ``InputError`` when the meeting has not happened yet or
    ``--mulai`` names another day.
    """
    undangan = _undangan(kantor, periode)
    diundang = dt.date.fromisoformat(undangan["tanggal"]) if undangan else None
    rapat = dipindah or diundang or hari
    if hari < rapat:
        asal = f" (undangan nomor {undangan['nomor_undangan']})" if undangan else ""
        raise InputError(
            f"Langkah 5 menunggu rapat pembahasan pada {format_hari_tanggal(rapat)}{asal}. "
            "Jalankan lagi kinerja sop lanjut setelah rapat itu, atau sebut --mulai dengan "
            "jam rapat itu (YYYY-MM-DDTHH:MM) bila rapat sudah diadakan."
        )
    if mulai is not None and mulai != rapat:
        raise InputError(
            f"--mulai {format_hari_tanggal(mulai)} bukan tanggal rapat pembahasan "
            f"({format_hari_tanggal(rapat)}). Notulen dan daftar hadir mencatat rapat pada "
            "tanggal undangan: sebut --mulai pada tanggal itu. Bila rapat memang diadakan "
            "pada hari lain, sebut juga --tanggal-rapat dengan tanggal itu agar perpindahan "
            "rapat tercatat."
        )
    catatan = f"Rapat pembahasan {format_hari_tanggal(rapat)}; daftar hadir terlampir"
    if diundang is not None and rapat != diundang:
        catatan = (
            f"Rapat pembahasan dipindah dari {format_hari_tanggal(diundang)} (tanggal "
            f"undangan) ke {format_hari_tanggal(rapat)}; daftar hadir terlampir"
        )
    return rapat, catatan
