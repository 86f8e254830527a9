"""The lembar disposisi of step 1: the Camat orders the Pengukuran Kinerja.

It carries the agenda number of the incoming letter (``penomoran.catat_surat_masuk``),
not a letter number; without an incoming letter the order is the Camat's own
("Inisiatif Camat").
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from kinerja.inti.errors import InputError, UsageError
from kinerja.inti.model import Periode
from kinerja.inti.tanggal import format_tanggal, parse_tanggal
from kinerja.kantor.katalog import Kantor, as_kantor
from kinerja.naskah.bagian import HARAP, SIFAT, pejabat_peran, pilih_sifat
from kinerja.naskah.tulis import nama_berkas, tulis_naskah

__all__ = ["buat_disposisi"]


def _surat_masuk(surat: dict[str, Any] | None, tanggal: dt.date) -> dict[str, str]:
    """The incoming letter's box: dari, nomor, tanggal, diterima (dates written out)."""
    if not surat:
        return {
            "dari": "Inisiatif Camat",
            "nomor": "-",
            "tanggal": "-",
            "diterima": format_tanggal(tanggal),
        }
    s = {k: str(v) for k, v in surat.items()}
    if isinstance(surat.get("tanggal"), dt.date):
        s["tanggal"] = format_tanggal(surat["tanggal"])
    if isinstance(surat.get("diterima"), dt.date):
        s["diterima"] = format_tanggal(surat["diterima"])
    return {"dari": "", "nomor": "", "tanggal": "", "diterima": format_tanggal(tanggal)} | s


def _pilihan(
    kantor: Kantor, diteruskan: list[str] | None, harap: list[str] | None
) -> tuple[set[str], set[str]]:
    """The peran to tick and the "Dengan hormat harap" lines to tick, checked."""
    pilih = set(diteruskan if diteruskan is not None else ["sekcam", "kasubag_pk"])
    unknown = pilih - set(kantor.pejabat)
    if unknown:
        raise InputError(
            f"Peran {', '.join(sorted(unknown))} tidak ada di kantor.toml. "
            f"Peran yang ada: {', '.join(kantor.pejabat)}."
        )
    checked = set(
        harap if harap is not None else ["Proses lebih lanjut", "Koordinasikan/konfirmasikan"]
    )
    unknown_harap = checked - set(HARAP)
    if unknown_harap:
        raise UsageError(
            f"Isian 'Dengan hormat harap' tidak dikenal: {', '.join(sorted(unknown_harap))}. "
            f"Pilih dari: {', '.join(HARAP)}."
        )
    return pilih, checked


def _paraf_disposisi(kantor: Kantor) -> list[dict[str, str]]:
    camat = pejabat_peran(kantor, "camat")
    return [{"judul": "Camat", "nama": camat.nama}] + [
        {
            "judul": f"Paraf {pejabat_peran(kantor, p).jabatan}",
            "nama": pejabat_peran(kantor, p).nama,
        }
        for p in ("sekcam", "kasubag_pk")
        if p in kantor.pejabat
    ]


def buat_disposisi(
    kantor: Kantor | str | Path,
    periode: Periode | str,
    *,
    tanggal: dt.date | str,
    out_dir: str | Path,
    no_agenda: int | str | None = None,
    surat: dict[str, Any] | None = None,
    sifat: str = "Biasa",
    perihal: str | None = None,
    diteruskan: list[str] | None = None,
    harap: list[str] | None = None,
    catatan: str | None = None,
    kertas: str | None = None,
) -> tuple[Path, Path]:
    """Lembar disposisi of step 1: the Camat orders the Pengukuran Kinerja.

    ``surat`` describes the incoming letter (dari, nomor, tanggal, diterima); when
    ``None`` the order is the Camat's own ("Inisiatif Camat"). ``no_agenda`` is the
    agenda number (``penomoran.catat_surat_masuk``), not a letter number.
    ``diteruskan`` lists peran to tick (default Sekcam and Kasubag Perencanaan).
    """
    kantor, periode, tanggal = as_kantor(kantor), Periode.parse(periode), parse_tanggal(tanggal)
    info = _surat_masuk(surat, tanggal)
    pilih, checked = _pilihan(kantor, diteruskan, harap)
    paraf_disposisi = _paraf_disposisi(kantor)
    context = {
        "judul": f"Lembar Disposisi — {kantor.nama}",
        "surat": info,
        "no_agenda": "" if no_agenda is None else str(no_agenda),
        "sifat": pilih_sifat(sifat),
        "sifat_pilihan": SIFAT,
        "perihal": perihal or f"Penyusunan Pengukuran Kinerja {kantor.nama} {periode.label}",
        "diteruskan": [
            {"label": p.jabatan, "pilih": peran in pilih}
            for peran, p in kantor.pejabat.items()
            if peran != "camat"
        ],
        "harap": [{"label": h, "pilih": h in checked} for h in HARAP],
        "catatan": catatan
        if catatan is not None
        else (
            f"Susun Pengukuran Kinerja {periode.label} sesuai SOP Pengukuran Kinerja: "
            "siapkan format pengumpulan data, sampaikan ke setiap seksi dan subbagian, "
            "dan undang rapat pembahasan."
        ),
        "paraf_disposisi": paraf_disposisi,
    }
    return tulis_naskah(
        kantor,
        "disposisi",
        context,
        tanggal=tanggal,
        out_dir=Path(out_dir),
        stem=nama_berkas("disposisi", periode, False),
        kertas=kertas,
        penanda=None,
        draf=False,
    )
