"""Naskah dinas of the SOP (naskah.md §2): HTML and PDF/A with the office's kop.

One function per letter, each returning ``(html_path, pdf_path)``::

    buat_disposisi(kantor, periode, no_agenda=…, tanggal=…, out_dir=…)        # step 1
    buat_undangan(kantor, periode, nomor=…, tanggal=…, rapat=…, out_dir=…)    # step 4
    buat_notulen(kantor, periode, tanggal=…, rapat=…, out_dir=…)              # step 5
    buat_daftar_hadir(kantor, periode, tanggal=…, rapat=…, out_dir=…)         # step 5
    buat_pengantar(kantor, periode, nomor=…, tanggal=…, out_dir=…)            # step 12

Letter numbers come from the caller (``numbering.alokasi_nomor``); the disposisi
carries an agenda number instead. ``srikandi=True`` writes SRIKANDI's placeholders
(``${nomor_naskah}`` …) where SRIKANDI fills in the number, date and signer, so the
draft can be uploaded there unchanged. Paper: ``[naskah] kertas`` (A4 or F4).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kinerja.berkas.atomic import write_atomic
from kinerja.inti.angka import terbilang
from kinerja.inti.errors import InputError, UsageError
from kinerja.inti.model import Periode
from kinerja.inti.nip import format_nip
from kinerja.inti.tanggal import format_hari_tanggal, format_tanggal, format_waktu, parse_tanggal
from kinerja.kantor.katalog import Kantor, Pejabat, as_kantor

__all__ = [
    "HARAP",
    "JENIS",
    "SIFAT",
    "SRIKANDI",
    "blok_ttd",
    "buat_daftar_hadir",
    "buat_disposisi",
    "buat_naskah",
    "buat_notulen",
    "buat_pengantar",
    "buat_undangan",
    "hari_kerja_berikut",
    "rapat_bawaan",
]

SIFAT = ("Biasa", "Terbatas", "Rahasia", "Sangat Rahasia")
HARAP = (
    "Tanggapan dan saran",
    "Proses lebih lanjut",
    "Koordinasikan/konfirmasikan",
    "Siapkan bahan",
    "Untuk diketahui",
    "Hadiri/wakili",
    "Arsipkan",
)
SRIKANDI = {
    "nomor": "${nomor_naskah}",
    "tanggal": "${tanggal_naskah}",
    "ttd": "${ttd_pengirim}",
    "nama": "${nama_pengirim}",
    "nip": "${nip_pengirim}",
    "jabatan": "${jabatan_pengirim}",
}
_PREFIKS = ("Plt.", "Plh.")


# ---------------------------------------------------------------------------------------------
# Shared pieces


def _periode(periode: Periode | str) -> Periode:
    return Periode.parse(periode)


def _pejabat(kantor: Kantor, peran: str) -> Pejabat:
    pejabat = kantor.pejabat.get(peran)
    if pejabat is None:
        raise InputError(
            f'Pejabat dengan peran "{peran}" tidak ada di kantor.toml [[pejabat]]. '
            f"Peran yang ada: {', '.join(kantor.pejabat)}."
        )
    return pejabat


def _nip(pejabat: Pejabat) -> str:
    try:
        return format_nip(pejabat.nip)
    except ValueError as exc:
        raise InputError(f"kantor.toml, pejabat {pejabat.peran} ({pejabat.nama}): {exc}") from exc


def blok_ttd(kantor: Kantor, peran: str | None = None, *, srikandi: bool = False) -> dict[str, Any]:
    """The signature block: jabatan line(s) in capitals with a comma, name, pangkat, NIP.

    ``[naskah] penanda_tangan`` (peran, default camat), ``sebutan`` ("Plt."/"Plh.")
    and ``atas_nama`` (peran of the official signed for: "a.n.") come from kantor.toml.
    """
    peran = peran or str(kantor.opsi("naskah", "penanda_tangan", "camat"))
    pejabat = _pejabat(kantor, peran)
    sebutan = str(kantor.opsi("naskah", "sebutan", "") or "").strip()
    if sebutan and sebutan not in _PREFIKS:
        raise InputError(
            f'kantor.toml [naskah] sebutan = "{sebutan}" tidak dikenal: pilih Plt. atau Plh., '
            "atau kosongkan."
        )
    atas_nama = str(kantor.opsi("naskah", "atas_nama", "") or "").strip()
    jabatan = pejabat.jabatan.upper()
    if atas_nama and atas_nama != peran:
        atasan = _pejabat(kantor, atas_nama)
        baris = [f"a.n. {atasan.jabatan.upper()}", f"{jabatan},"]
        pendek = atasan.jabatan.upper()
    else:
        baris = [f"{sebutan + ' ' if sebutan else ''}{jabatan},"]
        pendek = jabatan
    blok = {
        "jabatan": baris,
        "jabatan_pendek": pendek,
        "jabatan_teks": pejabat.jabatan,
        "ruang": "",
        "nama": pejabat.nama,
        "pangkat": pejabat.pangkat_golongan if pejabat.pangkat else "",
        "nip": _nip(pejabat),
    }
    if srikandi:
        blok.update(
            jabatan=[f"{SRIKANDI['jabatan']},"],
            ruang=SRIKANDI["ttd"],
            nama=SRIKANDI["nama"],
            nip=f"NIP. {SRIKANDI['nip']}",
        )
    return blok


def _paraf(kantor: Kantor) -> list[str]:
    peran = kantor.opsi("naskah", "paraf", ["sekcam", "kasubag_pk"]) or []
    return [_pejabat(kantor, p).jabatan for p in peran]


def _kalimat_kaki(penanda: str | None) -> str | None:
    if penanda is None:
        return None
    from kinerja.ttd.tandatangan import kalimat_kaki

    return kalimat_kaki(penanda)


def _render(
    kantor: Kantor,
    jenis: str,
    context: dict[str, Any],
    *,
    tanggal: dt.date,
    out_dir: Path,
    stem: str,
    kertas: str | None,
    penanda: str | None,
    draf: bool,
) -> tuple[Path, Path]:
    from kinerja.cetak.render import halaman_kantor, kop_kantor, render_pdf, template_env

    halaman = halaman_kantor(kantor, kertas=kertas)
    if "ukuran_huruf" not in kantor.config.get("naskah", {}):
        halaman = dataclasses.replace(halaman, ukuran_huruf="12pt")  # Arial 12 pt (§1)
    html = (
        template_env()
        .get_template(f"naskah_{jenis.replace('-', '_')}.html")
        .render(
            jenis=jenis,
            kop=kop_kantor(kantor),
            halaman=halaman,
            cetak={"tanggal": format_tanggal(tanggal), "draf": draf},
            naskah={"kalimat_kaki": _kalimat_kaki(penanda)},
            **context,
        )
    )
    out_dir = Path(out_dir)
    html_path, pdf_path = out_dir / f"{stem}.html", out_dir / f"{stem}.pdf"
    write_atomic(html_path, html)
    render_pdf(html, pdf_path, tanggal=tanggal)
    return html_path, pdf_path


def _stem(jenis: str, periode: Periode, srikandi: bool) -> str:
    return f"{jenis}-{periode}" + ("-srikandi" if srikandi else "")


def _sifat(sifat: str) -> str:
    for s in SIFAT:
        if s.casefold() == str(sifat).strip().casefold():
            return s
    raise UsageError(f'Sifat "{sifat}" tidak dikenal. Pilih salah satu: {", ".join(SIFAT)}.')


def rapat_bawaan(
    kantor: Kantor | str | Path, periode: Periode | str, tanggal: dt.date | str
) -> dict[str, Any]:
    """The meeting of step 4/5 with its defaults: 09.00 WIB s.d. selesai at the office.

    Keys: tanggal, mulai (time), selesai (time or None: "s.d. selesai"), tempat,
    acara, pimpinan (peran), notulis (peran), undangan (peran list), peserta
    (peran list, for the daftar hadir). Pass a dict with any of them to override.
    """
    kantor, periode = as_kantor(kantor), _periode(periode)
    peran = list(kantor.pejabat)
    return {
        "tanggal": parse_tanggal(tanggal),
        "mulai": dt.time(9, 0),
        "selesai": None,
        "tempat": f"Aula Kantor Camat {kantor.nama.removeprefix('Kecamatan ').strip()}",
        "acara": f"Pembahasan Pengukuran Kinerja {kantor.nama} {periode.label}",
        "pimpinan": "camat",
        "notulis": "kasubag_pk",
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


def _orang(kantor: Kantor, items: list) -> list[dict[str, str]]:
    """Peran names or {"nama", "jabatan"} dicts → rows for tables."""
    rows = []
    for item in items:
        if isinstance(item, dict):
            rows.append({"nama": str(item.get("nama", "")), "jabatan": str(item["jabatan"])})
        else:
            p = _pejabat(kantor, str(item))
            rows.append({"nama": p.nama, "jabatan": p.jabatan})
    return rows


def _kepala(
    kantor: Kantor,
    *,
    nomor: str | None,
    tanggal: dt.date,
    sifat: str,
    lampiran: str,
    hal: str,
    yth: list[str],
    di: str,
    srikandi: bool,
) -> dict[str, Any]:
    if not srikandi and not (nomor or "").strip():
        raise UsageError(
            "Nomor surat wajib diisi (ambil dengan `kinerja nomor-surat`), atau buat draf "
            "SRIKANDI dengan --srikandi."
        )
    return {
        "tempat": str(kantor.opsi("naskah", "tempat", kantor.nama)),
        "tanggal": SRIKANDI["tanggal"] if srikandi else format_tanggal(tanggal),
        "nomor": SRIKANDI["nomor"] if srikandi else str(nomor).strip(),
        "sifat": _sifat(sifat),
        "lampiran": lampiran,
        "hal": hal,
        "yth": yth,
        "di": di,
    }


# ---------------------------------------------------------------------------------------------
# The letters


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
    agenda number (``numbering.catat_surat_masuk``), not a letter number.
    ``diteruskan`` lists peran to tick (default Sekcam and Kasubag Perencanaan).
    """
    kantor, periode, tanggal = as_kantor(kantor), _periode(periode), parse_tanggal(tanggal)
    if surat:
        s = {k: str(v) for k, v in surat.items()}
        if isinstance(surat.get("tanggal"), dt.date):
            s["tanggal"] = format_tanggal(surat["tanggal"])
        if isinstance(surat.get("diterima"), dt.date):
            s["diterima"] = format_tanggal(surat["diterima"])
        info = {"dari": "", "nomor": "", "tanggal": "", "diterima": format_tanggal(tanggal)} | s
    else:
        info = {
            "dari": "Inisiatif Camat",
            "nomor": "-",
            "tanggal": "-",
            "diterima": format_tanggal(tanggal),
        }
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
    camat = _pejabat(kantor, "camat")
    paraf_disposisi = [{"judul": "Camat", "nama": camat.nama}] + [
        {"judul": f"Paraf {_pejabat(kantor, p).jabatan}", "nama": _pejabat(kantor, p).nama}
        for p in ("sekcam", "kasubag_pk")
        if p in kantor.pejabat
    ]
    context = {
        "judul": f"Lembar Disposisi — {kantor.nama}",
        "surat": info,
        "no_agenda": "" if no_agenda is None else str(no_agenda),
        "sifat": _sifat(sifat),
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
    return _render(
        kantor,
        "disposisi",
        context,
        tanggal=tanggal,
        out_dir=Path(out_dir),
        stem=_stem("disposisi", periode, False),
        kertas=kertas,
        penanda=None,
        draf=False,
    )


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
    kantor, periode, tanggal = as_kantor(kantor), _periode(periode), parse_tanggal(tanggal)
    r = _rapat(kantor, periode, (rapat or {}).get("tanggal", hari_kerja_berikut(tanggal)), rapat)
    ttd = blok_ttd(kantor, srikandi=srikandi)
    context = {
        "judul": f"Undangan Rapat — {kantor.nama}",
        "kepala": _kepala(
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
        "paraf": _paraf(kantor),
        "tembusan": list(tembusan or kantor.opsi("naskah", "tembusan_undangan", []) or []),
        "undangan": _orang(kantor, r["undangan"]),
    }
    return _render(
        kantor,
        "undangan",
        context,
        tanggal=tanggal,
        out_dir=Path(out_dir),
        stem=_stem("undangan", periode, srikandi),
        kertas=kertas,
        penanda=penanda,
        draf=False,
    )


def _notulen_bawaan(kantor: Kantor, periode: Periode, r: dict) -> dict[str, Any]:
    pimpinan = _pejabat(kantor, r["pimpinan"])
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
            "Penyepakatan jadwal penyampaian data dan bukti dukung kepada Kepala Subbagian "
            "Perencanaan dan Keuangan.",
        ],
        "keputusan": [
            "Setiap seksi dan subbagian mengisi format pengukuran kinerja beserta bukti "
            "dukungnya dan menyampaikannya sesuai jadwal.",
            "Kepala Subbagian Perencanaan dan Keuangan menghimpun, memvalidasi, dan menyusun "
            "draf Dokumen Pengukuran Kinerja untuk dikoreksi Camat.",
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
    kantor, periode, tanggal = as_kantor(kantor), _periode(periode), parse_tanggal(tanggal)
    r = _rapat(kantor, periode, (rapat or {}).get("tanggal", tanggal), rapat)
    notulis = blok_ttd(kantor, r["notulis"]) | {
        "jabatan": ["Notulis,", ""],  # as many lines as the pimpinan's: names on one row
        "jabatan_teks": _pejabat(kantor, r["notulis"]).jabatan,
    }
    pimpinan = blok_ttd(kantor, r["pimpinan"]) | {
        "jabatan_teks": _pejabat(kantor, r["pimpinan"]).jabatan
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
    return _render(
        kantor,
        "notulen",
        context,
        tanggal=r["tanggal"],
        out_dir=Path(out_dir),
        stem=_stem("notulen", periode, False),
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
    kantor, periode, tanggal = as_kantor(kantor), _periode(periode), parse_tanggal(tanggal)
    r = _rapat(kantor, periode, (rapat or {}).get("tanggal", tanggal), rapat)
    peserta = _orang(kantor, r["peserta"]) + [{"nama": "", "jabatan": ""}] * baris_kosong
    context = {
        "judul": f"Daftar Hadir — {kantor.nama}",
        "rapat": r,
        "peserta": peserta,
        "pimpinan": blok_ttd(kantor, r["pimpinan"]),
    }
    return _render(
        kantor,
        "daftar_hadir",
        context,
        tanggal=r["tanggal"],
        out_dir=Path(out_dir),
        stem=_stem("daftar-hadir", periode, False),
        kertas=kertas,
        penanda=None,
        draf=False,
    )


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
    kantor, periode, tanggal = as_kantor(kantor), _periode(periode), parse_tanggal(tanggal)
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
        "kepala": _kepala(
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
        "paraf": _paraf(kantor),
        "tembusan": list(tembusan or kantor.opsi("naskah", "tembusan_pengantar", []) or []),
    }
    return _render(
        kantor,
        "pengantar",
        context,
        tanggal=tanggal,
        out_dir=Path(out_dir),
        stem=_stem("pengantar", periode, srikandi),
        kertas=kertas,
        penanda=penanda,
        draf=False,
    )


#: jenis → builder, for the CLI and the pipeline (``kinerja naskah buat JENIS``).
JENIS: dict[str, Callable[..., tuple[Path, Path]]] = {
    "disposisi": buat_disposisi,
    "undangan": buat_undangan,
    "notulen": buat_notulen,
    "daftar-hadir": buat_daftar_hadir,
    "pengantar": buat_pengantar,
}


def buat_naskah(jenis: str, kantor: Kantor | str | Path, periode: Periode | str, **opsi: Any):
    """Build the letter ``jenis`` (a key of :data:`JENIS`) with the builder's options."""
    if jenis not in JENIS:
        raise UsageError(f'Jenis naskah "{jenis}" tidak dikenal. Pilih: {", ".join(JENIS)}.')
    return JENIS[jenis](kantor, periode, **opsi)
