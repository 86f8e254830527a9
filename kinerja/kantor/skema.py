"""The schema of ``kantor.toml``: every key kinerja reads, its kind, and whether it is required.

``periksa_config`` checks a parsed kantor.toml against ``SKEMA`` before anything runs and
returns one finding per problem, each naming the key (``[anggaran] total_pagu``) and the
value, in Indonesian. Unknown keys are left alone (a newer kinerja may read them).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kinerja.inti.errors import Temuan
from kinerja.kantor.pesan import temuan

__all__ = ["BATAS_UKURAN_TOML", "SKEMA", "Kunci", "periksa_config"]

BATAS_UKURAN_TOML = 1_000_000  # bytes: a kantor.toml is a few kB; anything larger is a mistake

# kinds of value: what a person must write, in Indonesian
TEKS = "teks"
BULAT = "bilangan bulat"
ANGKA = "angka"
YA_TIDAK = "true/false"
DAFTAR = "daftar teks"
TEKS_BULAT = "teks atau bilangan bulat"

_CONTOH = {
    TEKS: 'tulis di antara tanda kutip, misalnya "…"',
    BULAT: "tulis angka tanpa tanda kutip, misalnya 16",
    ANGKA: "tulis angka tanpa tanda kutip, misalnya 50 atau 5294655000",
    YA_TIDAK: "tulis true atau false tanpa tanda kutip",
    DAFTAR: 'tulis daftar teks, misalnya ["satu", "dua"]',
    TEKS_BULAT: 'tulis di antara tanda kutip, misalnya "25668"',
}

KODE_AMAN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


@dataclass(frozen=True)
class Kunci:
    """One key of a section: its kind, whether required, and an optional rule on its value."""

    nama: str
    jenis: str
    wajib: bool = False
    pilihan: tuple[str, ...] = ()
    pola: re.Pattern[str] | None = None
    pola_keterangan: str = ""
    minimum: float | None = None
    boleh_kosong: bool = False  # present, but may wait to be filled in (a new office)


_KODE_KETERANGAN = "hanya huruf, angka, titik, garis bawah dan tanda hubung (paling banyak 64)"

# section → keys; "pejabat" and "unit" are arrays of tables (each item checked)
SKEMA: dict[str, tuple[Kunci, ...]] = {
    "kantor": (
        Kunci("kode", TEKS, True, pola=KODE_AMAN, pola_keterangan=_KODE_KETERANGAN),
        Kunci("nama", TEKS, True),
        *(
            Kunci(k, TEKS)
            for k in [
                "jenis",
                "nama_pendek",
                "pemerintah",
                "kabupaten",
                "provinsi",
                "ibu_kota",
                "alamat",
                "laman",
                "pos_el",
                "sebutan_desa",
                "sebutan_kepala_desa",
                "lambang",
            ]
        ),
        Kunci("kode_pos", TEKS_BULAT),
        Kunci("telepon", TEKS_BULAT),
        Kunci("jumlah_desa", BULAT, minimum=0),
        Kunci("penduduk", BULAT, minimum=0),
        Kunci("demo", YA_TIDAK),
    ),
    "renstra": (Kunci("periode", TEKS_BULAT), Kunci("tahun_akhir", BULAT, minimum=2000)),
    "predikat": (Kunci("skala", TEKS), Kunci("tanpa_target", TEKS)),
    "agregasi": (
        Kunci("metode", TEKS, pilihan=("rata_rata", "berbobot", "rata_sasaran")),
        Kunci("batas_atas", ANGKA, minimum=0),
    ),
    "penomoran": tuple(Kunci(k, TEKS) for k in ("pola", "kode_unit", "kode_dokumen", "kode_sop")),
    "naskah": (
        *(
            Kunci(k, TEKS)
            for k in [
                "kertas",
                "tempat",
                "tujuan_pengiriman",
                "tempat_tujuan",
                "penanda_tangan",
                "sebutan",
                "atas_nama",
                "margin_atas",
                "margin_bawah",
                "margin_kiri",
                "margin_kanan",
                "ukuran_huruf",
            ]
        ),
        *(Kunci(k, DAFTAR) for k in ("paraf", "tembusan_pengantar", "tembusan_undangan")),
    ),
    "validasi": (
        Kunci("lonjakan_persen", ANGKA, minimum=0),
        Kunci("capaian_atas", ANGKA, minimum=0),
        Kunci("capaian_bawah", ANGKA, minimum=0),
        Kunci("bukti_wajib", YA_TIDAK),
    ),
    "anggaran": (Kunci("total_pagu", ANGKA, minimum=0),),
    "formulir": (Kunci("unit_anggaran", TEKS),),
    "dokumen": (Kunci("dasar_hukum", DAFTAR),),
    "tte": (
        Kunci("pkcs12", TEKS),
        Kunci("url", TEKS),
        Kunci("tampilan", TEKS),
        Kunci("akar", DAFTAR),
    ),
    "pejabat": (
        Kunci("peran", TEKS, True),
        Kunci("nama", TEKS, True, boleh_kosong=True),
        Kunci("nip", TEKS_BULAT, True, boleh_kosong=True),
        Kunci("pangkat", TEKS, True, boleh_kosong=True),
        Kunci("golongan", TEKS, True, boleh_kosong=True),
        Kunci("jabatan", TEKS, True),
    ),
    "unit": (
        Kunci("kode", TEKS, True, pola=KODE_AMAN, pola_keterangan=_KODE_KETERANGAN),
        Kunci("nama", TEKS, True),
        Kunci("jenis", TEKS, True),
        Kunci("kepala", TEKS),
    ),
}
_DAFTAR_TABEL = ("pejabat", "unit")
_WAJIB_BAGIAN = ("kantor", "pejabat", "unit")
_RETENSI = (Kunci("aktif", BULAT, minimum=0), Kunci("inaktif", BULAT, minimum=0))


def _jenis_nilai(value: object) -> str:
    """The kind of a TOML value, in Indonesian, for a message."""
    if isinstance(value, bool):
        return YA_TIDAK
    if isinstance(value, int):
        return BULAT
    if isinstance(value, float):
        return ANGKA
    if isinstance(value, str):
        return TEKS
    if isinstance(value, list):
        return "daftar"
    if isinstance(value, dict):
        return "tabel"
    return type(value).__name__


def _cocok(jenis: str, value: object) -> bool:
    if jenis == TEKS:
        return isinstance(value, str)
    if jenis == BULAT:
        return isinstance(value, int) and not isinstance(value, bool)
    if jenis == ANGKA:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if jenis == YA_TIDAK:
        return isinstance(value, bool)
    if jenis == DAFTAR:
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    return isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool))


def _temuan(jenis: str, kunci: str, nilai: object = "", /, **fields: object) -> Temuan:
    """The finding ``jenis`` (a key of ``kantor.pesan.KODE``) about the key ``kunci``; the
    template shows the value as written (``isi``), the finding keeps it shortened."""
    shown = "" if nilai == "" else repr(nilai)[:80]
    return temuan(jenis, berkas="kantor.toml", kolom=kunci, nilai=shown, isi=repr(nilai), **fields)


def _periksa_kunci(k: Kunci, tabel: Mapping[str, Any], lokasi: str) -> list[Temuan]:
    """The findings of one key of one table (``lokasi`` is how a person finds the table)."""
    nama = f"{lokasi} {k.nama}"
    if k.nama not in tabel:
        if not k.wajib:
            return []
        return [
            _temuan("kantor-kunci-wajib", nama, jenis=k.jenis, nama=k.nama, contoh=_CONTOH[k.jenis])
        ]
    value = tabel[k.nama]
    if not _cocok(k.jenis, value):
        return [
            _temuan(
                "kantor-jenis-salah",
                nama,
                value,
                jenis=k.jenis,
                jenis_nilai=_jenis_nilai(value),
                contoh=_CONTOH[k.jenis],
            )
        ]
    if isinstance(value, float) and not math.isfinite(value):
        return [_temuan("kantor-nilai-salah/tak-hingga", nama, value, contoh=_CONTOH[ANGKA])]
    if isinstance(value, str) and k.wajib and not k.boleh_kosong and not value.strip():
        return [_temuan("kantor-nilai-salah/kosong", nama, value)]
    if k.pilihan and value not in k.pilihan:
        return [_temuan("kantor-nilai-salah/pilihan", nama, value, pilihan=", ".join(k.pilihan))]
    if k.pola is not None and isinstance(value, str) and not k.pola.match(value):
        return [_temuan("kantor-nilai-salah/pola", nama, value, pola=k.pola_keterangan)]
    if k.minimum is not None and isinstance(value, int | float) and value < k.minimum:
        return [_temuan("kantor-nilai-salah/minimum", nama, value, minimum=f"{k.minimum:g}")]
    return []


def _periksa_tabel(bagian: str, tabel: object, lokasi: str) -> list[Temuan]:
    if not isinstance(tabel, dict):
        return [
            _temuan("kantor-jenis-salah/bagian", lokasi, tabel, jenis_nilai=_jenis_nilai(tabel))
        ]
    return [t for k in SKEMA[bagian] for t in _periksa_kunci(k, tabel, lokasi)]


def _periksa_daftar(bagian: str, items: object) -> list[Temuan]:
    if not isinstance(items, list) or not items:
        return [
            _temuan(
                "kantor-jenis-salah/daftar" if items else "kantor-kunci-wajib/daftar",
                f"[[{bagian}]]",
                items if items else "",
                bagian=bagian,
            )
        ]
    out: list[Temuan] = []
    for i, item in enumerate(items, start=1):
        out += _periksa_tabel(bagian, item, f"[[{bagian}]] ke-{i}")
    kode_kunci = "kode" if bagian == "unit" else "peran"
    seen: set[str] = set()
    for i, item in enumerate(items, start=1):
        kode = item.get(kode_kunci) if isinstance(item, dict) else None
        if isinstance(kode, str) and kode.casefold() in seen:
            out.append(
                _temuan(
                    "kantor-nilai-salah/ganda",
                    f"[[{bagian}]] ke-{i} {kode_kunci}",
                    kode,
                    kode=kode,
                    bagian=bagian,
                )
            )
        elif isinstance(kode, str):
            seen.add(kode.casefold())
    return out


def _periksa_kepala(config: Mapping[str, Any]) -> list[Temuan]:
    """Every unit's ``kepala`` names a ``[[pejabat]] peran``."""
    peran = {p.get("peran") for p in config["pejabat"] if isinstance(p, dict)}
    return [
        _temuan(
            "kantor-nilai-salah/kepala",
            f"[[unit]] ke-{i} kepala",
            u["kepala"],
            kepala=u["kepala"],
            peran=", ".join(sorted(str(p) for p in peran)),
        )
        for i, u in enumerate(config["unit"], start=1)
        if isinstance(u, dict) and isinstance(u.get("kepala"), str) and u["kepala"] not in peran
    ]


def _periksa_unit_anggaran(config: Mapping[str, Any]) -> list[Temuan]:
    """``[formulir] unit_anggaran`` names one of the ``[[unit]]`` codes (exactly)."""
    formulir = config.get("formulir")
    if not isinstance(formulir, dict) or "unit_anggaran" not in formulir:
        return []
    value = formulir["unit_anggaran"]
    kode = [str(u["kode"]) for u in config["unit"] if isinstance(u, dict) and "kode" in u]
    if value in kode:
        return []
    return [
        _temuan(
            "kantor-nilai-salah/unit-anggaran",
            "[formulir] unit_anggaran",
            value,
            pilihan=", ".join(kode),
        )
    ]


def _periksa_peran_pejabat(config: Mapping[str, Any]) -> list[Temuan]:
    """Every ``[sop.peran_pejabat]`` value names a ``[[pejabat]] peran``."""
    sop = config.get("sop")
    tabel = sop.get("peran_pejabat") if isinstance(sop, dict) else None
    if not isinstance(tabel, dict):
        return []  # absent, or of a wrong kind: sop.definisi names that
    peran = sorted(str(p.get("peran")) for p in config["pejabat"] if isinstance(p, dict))
    return [
        _temuan(
            "kantor-nilai-salah/peran-pejabat",
            f"[sop.peran_pejabat] {kunci}",
            nilai,
            pejabat=nilai,
            peran=", ".join(peran),
        )
        for kunci, nilai in tabel.items()
        if isinstance(nilai, str) and nilai not in peran
    ]


def _periksa_retensi(retensi: object) -> list[Temuan]:
    if not isinstance(retensi, dict):
        return [_temuan("kantor-jenis-salah/retensi", "[retensi]")]
    out: list[Temuan] = []
    for kode, isi in retensi.items():
        lokasi = f'[retensi."{kode}"]'
        if not isinstance(isi, dict):
            out.append(_temuan("kantor-jenis-salah/tabel", lokasi))
            continue
        out += [t for k in _RETENSI for t in _periksa_kunci(k, isi, lokasi)]
    return out


def periksa_config(config: Mapping[str, Any]) -> list[Temuan]:
    """Every problem of a parsed kantor.toml against ``SKEMA`` (empty when it is sound)."""
    out: list[Temuan] = []
    for bagian in _WAJIB_BAGIAN:
        if bagian not in config:
            lokasi = f"[[{bagian}]]" if bagian in _DAFTAR_TABEL else f"[{bagian}]"
            out.append(_temuan("kantor-kunci-wajib/bagian", lokasi))
    for bagian in SKEMA:
        if bagian not in config:
            continue
        if bagian in _DAFTAR_TABEL:
            out += _periksa_daftar(bagian, config[bagian])
        else:
            out += _periksa_tabel(bagian, config[bagian], f"[{bagian}]")
    if not out:
        out += _periksa_kepala(config) + _periksa_peran_pejabat(config)
        out += _periksa_unit_anggaran(config)
    if "retensi" in config:
        out += _periksa_retensi(config["retensi"])
    return out
