"""The surat pengantar of step 12: the signed document goes to the Bupati."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from kinerja.inti.angka import terbilang
from kinerja.inti.errors import UsageError
from kinerja.inti.model import Periode
from kinerja.inti.tanggal import parse_tanggal
from kinerja.kantor.katalog import Kantor, as_kantor
from kinerja.naskah.bagian import blok_ttd, daftar_paraf, kepala_surat
from kinerja.naskah.tulis import nama_berkas, tulis_naskah

__all__ = ["buat_pengantar"]


def buat_pengantar(
    kantor: Kantor | str | Path,
    periode: Periode | str,
    *,
    nomor: str | None,
    tanggal: dt.date | str,
    out_dir: str | Path,
    kiriman: list[dict[str, Any]] | None = None,
    tembusan: list[str] | None = None,
    srikandi: bool = False,
    penanda: str | None = None,
    kertas: str | None = None,
    nomor_dokumen: str = "",
) -> tuple[Path, Path]:
    """Surat pengantar of step 12 sending the document (``kiriman``: naskah, banyaknya,
    keterangan; default one signed Dokumen Pengukuran Kinerja, named with ``nomor_dokumen``)."""
    kantor, periode, tanggal = as_kantor(kantor), Periode.parse(periode), parse_tanggal(tanggal)
    nomor_teks = f" Nomor {nomor_dokumen}" if nomor_dokumen else ""
    rows = kiriman or [
        {
            "naskah": f"Dokumen Pengukuran Kinerja {kantor.nama} {periode.label}{nomor_teks}",
            "banyaknya": f"1 ({terbilang(1)}) berkas",
            "keterangan": "Disampaikan dengan hormat sebagai bahan laporan kinerja.",
        }
    ]
    for i, row in enumerate(rows, start=1):
        if not str(row.get("naskah", "")).strip():
            raise UsageError(f"Baris kiriman ke-{i} tidak memiliki nama naskah.")
    context = {
        "judul": f"Surat Pengantar — {kantor.nama}",
        "kepala": kepala_surat(
            kantor,
            nomor=nomor,
            tanggal=tanggal,
            sifat="Biasa",
            lampiran="",
            hal="Surat Pengantar",
            yth=[str(kantor.opsi("naskah", "tujuan_pengiriman", "Bupati"))],
            di=str(kantor.opsi("naskah", "tempat_tujuan", "Tempat")),
            srikandi=srikandi,
        ),
        "kiriman": [
            {
                "naskah": str(r["naskah"]),
                "banyaknya": str(r.get("banyaknya", "")),
                "keterangan": str(r.get("keterangan", "")),
            }
            for r in rows
        ],
        "ttd": blok_ttd(kantor, srikandi=srikandi),
        "paraf": daftar_paraf(kantor),
        "tembusan": list(tembusan or kantor.opsi("naskah", "tembusan_pengantar", []) or []),
    }
    return tulis_naskah(
        kantor,
        "pengantar",
        context,
        tanggal=tanggal,
        out_dir=Path(out_dir),
        stem=nama_berkas("pengantar", periode, srikandi),
        kertas=kertas,
        penanda=penanda,
        draf=False,
    )
