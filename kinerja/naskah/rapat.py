"""The meeting of the SOP (steps 4 and 5): undangan, notulen and daftar hadir.

The meeting's defaults (:func:`rapat_bawaan`): 09.00 WIB s.d. selesai in the
office's hall, led by the camat, minuted by the sekretaris tim SAKIP (``kantor.peran``),
every other official invited. Each builder returns ``(html_path, pdf_path)``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from kinerja.inti.model import Periode
from kinerja.inti.tanggal import format_hari_tanggal, format_waktu, parse_tanggal
from kinerja.kantor.katalog import Kantor, as_kantor
from kinerja.kantor.peran import jabatan_sekretaris_tim, peran_sekretaris_tim
from kinerja.naskah.bagian import (
    blok_ttd,
    daftar_orang,
    daftar_paraf,
    kepala_surat,
    pejabat_peran,
)
from kinerja.naskah.tulis import nama_berkas, tulis_naskah

__all__ = [
    "buat_daftar_hadir",
    "buat_notulen",
    "buat_undangan",
    "hari_kerja_berikut",
    "rapat_bawaan",
]


def rapat_bawaan(
    kantor: Kantor | str | Path, periode: Periode | str, tanggal: dt.date | str
) -> dict[str, Any]:
    """The meeting of step 4/5 with its defaults: 09.00 WIB s.d. selesai at the office.

    Keys: tanggal, mulai (time), selesai (time or None: "s.d. selesai"), tempat,
    acara, pimpinan (peran), notulis (peran), undangan (peran list), peserta
    (peran list, for the daftar hadir). Pass a dict with any of them to override.
    """
    kantor, periode = as_kantor(kantor), Periode.parse(periode)
    peran = list(kantor.pejabat)
    return {
        "tanggal": parse_tanggal(tanggal),
        "mulai": dt.time(9, 0),
        "selesai": None,
        "tempat": f"Aula Kantor Camat {kantor.nama.removeprefix('Kecamatan ').strip()}",
        "acara": f"Pembahasan Pengukuran Kinerja {kantor.nama} {periode.label}",
        "pimpinan": "camat",
        "notulis": peran_sekretaris_tim(kantor),
        "undangan": [p for p in peran if p != "camat"],
        "peserta": peran,
    }


def hari_kerja_berikut(tanggal: dt.date, n: int = 2) -> dt.date:
    """The ``n``-th working day (Monday to Friday) after ``tanggal``; holidays are not known."""
    day = tanggal
    while n > 0:
        day += dt.timedelta(days=1)
        n -= day.weekday() < 5
    return day


def _rapat(kantor: Kantor, periode: Periode, tanggal: dt.date, rapat: dict | None) -> dict:
    r = rapat_bawaan(kantor, periode, tanggal) | dict(rapat or {})
    r["tanggal"] = parse_tanggal(r["tanggal"])
    waktu = format_waktu(r["mulai"])
    waktu += (
        f" s.d. {format_waktu(r['selesai']).removeprefix('pukul ')}"
        if r["selesai"]
        else (" s.d. selesai")
    )
    return r | {"hari_tanggal": format_hari_tanggal(r["tanggal"]), "waktu": waktu}


def buat_undangan(
    kantor: Kantor | str | Path,
    periode: Periode | str,
    *,
    nomor: str | None,
    tanggal: dt.date | str,
    rapat: dict[str, Any] | None = None,
    out_dir: str | Path,
    sifat: str = "Biasa",
    tembusan: list[str] | None = None,
    srikandi: bool = False,
    penanda: str | None = None,
    kertas: str | None = None,
) -> tuple[Path, Path]:
    """Undangan rapat of step 4, with the daftar undangan as its lampiran.

    ``rapat`` overrides :func:`rapat_bawaan` (tanggal of the meeting, by default the
    second working day after the letter; mulai, tempat…); ``penanda`` is the signer
    that will sign it (prints the BSrE sentence for "bsre").
    """
    kantor, periode, tanggal = as_kantor(kantor), Periode.parse(periode), parse_tanggal(tanggal)
    r = _rapat(kantor, periode, (rapat or {}).get("tanggal", hari_kerja_berikut(tanggal)), rapat)
    ttd = blok_ttd(kantor, srikandi=srikandi)
    context = {
        "judul": f"Undangan Rapat — {kantor.nama}",
        "kepala": kepala_surat(
            kantor,
            nomor=nomor,
            tanggal=tanggal,
            sifat=sifat,
            lampiran="1 (satu) lembar",
            hal="Undangan Rapat",
            yth=["Bapak/Ibu (daftar undangan terlampir)"],
            di="Tempat",
            srikandi=srikandi,
        ),
        "pembuka": (
            f"Dalam rangka penyusunan Pengukuran Kinerja {kantor.nama} {periode.label}, "
            "dengan hormat kami mengundang Bapak/Ibu untuk hadir pada rapat pembahasan "
            "yang akan dilaksanakan pada:"
        ),
        "rapat": r,
        "penutup": (
            "Mengingat pentingnya acara tersebut, dimohon kehadiran Bapak/Ibu tepat pada "
            "waktunya dengan membawa data capaian kinerja unit masing-masing. Demikian "
            "disampaikan, atas perhatian Bapak/Ibu diucapkan terima kasih."
        ),
        "ttd": ttd,
        "paraf": daftar_paraf(kantor),
        "tembusan": list(tembusan or kantor.opsi("naskah", "tembusan_undangan", []) or []),
        "undangan": daftar_orang(kantor, r["undangan"]),
    }
    return tulis_naskah(
        kantor,
        "undangan",
        context,
        tanggal=tanggal,
        out_dir=Path(out_dir),
        stem=nama_berkas("undangan", periode, srikandi),
        kertas=kertas,
        penanda=penanda,
        draf=False,
    )


def _notulen_bawaan(kantor: Kantor, periode: Periode, r: dict) -> dict[str, Any]:
    pimpinan = pejabat_peran(kantor, r["pimpinan"])
    sekretaris = jabatan_sekretaris_tim(kantor)  # the office's own words: it gathers the data
    return {
        "pembukaan": (
            f"Rapat dibuka oleh {pimpinan.jabatan} {r['waktu'].split(' s.d.')[0]} dengan "
            f"menyampaikan maksud rapat, yaitu membahas Pengukuran Kinerja {periode.label}."
        ),
        "pembahasan": [
            "Penyampaian format pengumpulan data dan informasi pengukuran kinerja kepada "
            "setiap seksi dan subbagian.",
            f"Pembahasan target dan realisasi indikator kinerja {periode.label} serta "
            "kendala dan tindak lanjutnya.",
            f"Penyepakatan jadwal penyampaian data dan bukti dukung kepada {sekretaris}.",
        ],
        "keputusan": [
            "Setiap seksi dan subbagian mengisi format pengukuran kinerja beserta bukti "
            "dukungnya dan menyampaikannya sesuai jadwal.",
            f"{sekretaris} menghimpun, memvalidasi, dan menyusun draf Dokumen Pengukuran "
            "Kinerja untuk dikoreksi Camat.",
        ],
        "penutupan": "Rapat ditutup oleh pimpinan rapat setelah seluruh agenda dibahas.",
    }


def buat_notulen(
    kantor: Kantor | str | Path,
    periode: Periode | str,
    *,
    tanggal: dt.date | str,
    rapat: dict[str, Any] | None = None,
    isi: dict[str, Any] | None = None,
    out_dir: str | Path,
    kertas: str | None = None,
) -> tuple[Path, Path]:
    """Notulen of the meeting of step 5; ``isi`` overrides pembukaan, pembahasan (list),
    keputusan (list) and penutupan."""
    kantor, periode, tanggal = as_kantor(kantor), Periode.parse(periode), parse_tanggal(tanggal)
    r = _rapat(kantor, periode, (rapat or {}).get("tanggal", tanggal), rapat)
    notulis = blok_ttd(kantor, r["notulis"]) | {
        "jabatan": ["Notulis,", ""],  # as many lines as the pimpinan's: names on one row
        "jabatan_teks": pejabat_peran(kantor, r["notulis"]).jabatan,
    }
    pimpinan = blok_ttd(kantor, r["pimpinan"]) | {
        "jabatan_teks": pejabat_peran(kantor, r["pimpinan"]).jabatan
    }
    pimpinan["jabatan"] = ["Pimpinan Rapat,", *pimpinan["jabatan"]]
    context = {
        "judul": f"Notulen Rapat — {kantor.nama}",
        "rapat": r,
        "isi": _notulen_bawaan(kantor, periode, r) | dict(isi or {}),
        "notulis": notulis,
        "pimpinan": pimpinan,
        "jumlah_peserta": len(r["peserta"]),
    }
    return tulis_naskah(
        kantor,
        "notulen",
        context,
        tanggal=r["tanggal"],
        out_dir=Path(out_dir),
        stem=nama_berkas("notulen", periode, False),
        kertas=kertas,
        penanda=None,
        draf=False,
    )


def buat_daftar_hadir(
    kantor: Kantor | str | Path,
    periode: Periode | str,
    *,
    tanggal: dt.date | str,
    rapat: dict[str, Any] | None = None,
    out_dir: str | Path,
    baris_kosong: int = 2,
    kertas: str | None = None,
) -> tuple[Path, Path]:
    """Daftar hadir of the meeting of step 5 (peserta from ``rapat``, plus blank rows)."""
    kantor, periode, tanggal = as_kantor(kantor), Periode.parse(periode), parse_tanggal(tanggal)
    r = _rapat(kantor, periode, (rapat or {}).get("tanggal", tanggal), rapat)
    peserta = daftar_orang(kantor, r["peserta"]) + [{"nama": "", "jabatan": ""}] * baris_kosong
    context = {
        "judul": f"Daftar Hadir — {kantor.nama}",
        "rapat": r,
        "peserta": peserta,
        "pimpinan": blok_ttd(kantor, r["pimpinan"]),
    }
    return tulis_naskah(
        kantor,
        "daftar_hadir",
        context,
        tanggal=r["tanggal"],
        out_dir=Path(out_dir),
        stem=nama_berkas("daftar-hadir", periode, False),
        kertas=kertas,
        penanda=None,
        draf=False,
    )
