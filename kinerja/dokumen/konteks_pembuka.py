"""Template context of the document's opening: cover, lembar pengesahan, BAB I and BAB II.

The office, the periode, the print date, the document's number, hash and QR code,
the officials who sign and initial, the legal basis, the units and sasaran
(BAB I) and the Perjanjian Kinerja's indikator and programs (BAB II).
"""

from __future__ import annotations

from typing import Any

from kinerja.dokumen.data import DokumenData
from kinerja.inti.angka import format_rupiah
from kinerja.inti.errors import InputError
from kinerja.inti.model import BULAN_TRIWULAN, NAMA_TRIWULAN
from kinerja.inti.nip import format_nip
from kinerja.inti.tampilan import format_nilai
from kinerja.inti.tanggal import format_tanggal
from kinerja.kantor.katalog import Kantor, Pejabat

__all__ = ["DASAR_HUKUM", "konteks_pembuka", "pejabat_wajib"]

DASAR_HUKUM = [
    "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah",
    "Peraturan Pemerintah Nomor 17 Tahun 2018 tentang Kecamatan",
    "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi "
    "Pemerintah",
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 53 Tahun "
    "2014 tentang Petunjuk Teknis Perjanjian Kinerja, Pelaporan Kinerja dan Tata Cara Reviu "
    "atas Laporan Kinerja Instansi Pemerintah",
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 88 Tahun "
    "2021 tentang Evaluasi Akuntabilitas Kinerja Instansi Pemerintah",
    "Peraturan Menteri Dalam Negeri Nomor 86 Tahun 2017 tentang Tata Cara Perencanaan, "
    "Pengendalian dan Evaluasi Pembangunan Daerah",
    "Peraturan Menteri Dalam Negeri Nomor 1 Tahun 2023 tentang Pedoman Tata Naskah Dinas di "
    "Lingkungan Pemerintah Daerah",
]


def pejabat_wajib(kantor: Kantor, peran: str) -> Pejabat:
    """The official with ``peran`` from kantor.toml; ``InputError`` (Indonesian) when absent."""
    pejabat = kantor.pejabat.get(peran)
    if pejabat is None:
        raise InputError(
            f'kantor.toml tidak memuat pejabat dengan peran "{peran}". Tambahkan bagian '
            f'[[pejabat]] peran = "{peran}" dengan nama, nip, pangkat, golongan dan jabatan.'
        )
    return pejabat


def _pejabat(data: DokumenData, peran: str) -> dict[str, str]:
    p = pejabat_wajib(data.kantor, peran)
    raw = next((r for r in data.kantor.config.get("pejabat", []) if r.get("peran") == peran), {})
    status = str(raw.get("status", "")).strip()  # Plt. / Plh. / a.n.
    jabatan = p.jabatan.upper()
    return {
        "jabatan": p.jabatan,
        "jabatan_ttd": f"{status} {jabatan}".strip() + ",",
        "nama": p.nama,
        "pangkat": p.pangkat_golongan,
        "nip": format_nip(p.nip),
    }


def _kantor(k: Kantor) -> dict[str, Any]:
    cfg = k.config.get("kantor", {})
    return {
        "nama": k.nama,
        "nama_kapital": k.nama.upper(),
        "pemerintah": cfg.get("pemerintah", ""),
        "kabupaten": cfg.get("kabupaten", ""),
        "provinsi": cfg.get("provinsi", ""),
        "ibu_kota": cfg.get("ibu_kota", ""),
        "sebutan_desa": cfg.get("sebutan_desa", "desa"),
        "jumlah_desa": cfg.get("jumlah_desa", ""),
        "demo": bool(cfg.get("demo", False)),
        "tempat": k.opsi("naskah", "tempat", cfg.get("ibu_kota", "")),
    }


def _dokumen(data: DokumenData, sha: str, qr: str) -> dict[str, Any]:
    """Number, version, source hash and the QR code (inline SVG) of the lembar pengesahan."""
    import segno  # noqa: PLC0415  (QR codes are drawn only when a document is composed)

    return {
        "nomor": data.nomor,
        "versi": data.versi,
        "revisi": data.revisi,
        "alasan_revisi": data.alasan_revisi,
        "sha256": sha,
        "sha256_kelompok": " ".join(sha[i : i + 8] for i in range(0, len(sha), 8)),
        "qr": qr,
        "qr_svg": segno.make(qr, error="m").svg_inline(scale=1, border=0, omitsize=True),
        "sumber_data": data.sumber_data,
        "tanggal": format_tanggal(data.tanggal_cetak),
    }


def _perencanaan(data: DokumenData) -> dict[str, Any]:
    """BAB I–II: units, sasaran, the PK's indikator (IKU) and programs."""
    k = data.kantor
    ind = data.pengukuran.indikator
    units = []
    for u in k.units:
        head = k.pejabat.get(u.kepala)
        units.append(
            {
                "nama": u.nama,
                "kepala": head.nama if head else "-",
                "jumlah": int((ind["unit"] == u.kode).sum()),
            }
        )
    return {
        "dasar_hukum": list(k.opsi("dokumen", "dasar_hukum", DASAR_HUKUM)),
        "units": units,
        "sasaran": [
            {
                "kode": kode,
                "nama": nama,
                "indikator": ind.loc[ind["sasaran_kode"] == kode, "indikator"].tolist(),
            }
            for kode, nama in dict.fromkeys(zip(ind["sasaran_kode"], ind["sasaran"], strict=True))
        ],
        "iku": [
            {
                "no": i + 1,
                "kode": r.kode,
                "sasaran": r.sasaran,
                "indikator": r.indikator,
                "satuan": r.satuan,
                "target": format_nilai(r.target_tahunan),
                "renstra": format_nilai(r.target_renstra) if r.target_renstra != "" else "-",
                "unit": r.unit,
                "polaritas": r.polaritas,
                "tw": [format_nilai(getattr(r, f"target_tw{t}")) for t in (1, 2, 3, 4)],
            }
            for i, r in enumerate(data.pk.indikator.itertuples())
        ],
        "program": [
            {
                "kode": r.kode,
                "program": r.program,
                "pagu": format_rupiah(r.pagu),
                "sasaran": r.sasaran_kode,
                "unit": r.unit,
            }
            for r in data.pk.program.itertuples()
        ],
        "pagu_total": format_rupiah(data.pk.program["pagu"].sum()),
    }


def konteks_pembuka(data: DokumenData, sha: str, qr: str) -> dict[str, Any]:
    """Context of the cover, the lembar pengesahan, BAB I and BAB II."""
    k = data.kantor
    periode = data.periode
    return {
        "judul": f"Dokumen Pengukuran Kinerja {k.nama} {periode.label}",
        "kantor": _kantor(k),
        "periode": {
            "kode": str(periode),
            "label": periode.label,
            "label_sd": periode.label_sd,
            "tahun": periode.tahun,
            "tw": periode.tw,
            "tahunan": periode.tahunan,
            "nama_tw": NAMA_TRIWULAN[periode.tw],
            "bulan": f"Januari–{BULAN_TRIWULAN[periode.tw].split('–')[1]} {periode.tahun}",
        },
        "cetak": {"tanggal": format_tanggal(data.tanggal_cetak), "draf": data.draf},
        "dokumen": _dokumen(data, sha, qr),
        "camat": _pejabat(data, "camat"),
        "paraf": [_pejabat(data, peran) for peran in ("kasubag_pk", "sekcam")],
        **_perencanaan(data),
    }
