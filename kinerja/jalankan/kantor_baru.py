"""``kinerja init``: a new office folder, ready to be filled in.

``buat_kantor`` writes into an empty (or absent) folder: a commented ``kantor.toml``
(every key explained, what must be filled marked ``WAJIB DIISI``; from
``reference/kantor-baru.toml``), an empty Perjanjian Kinerja workbook with its
Petunjuk sheet, and the folder for returned forms. The office's SOP is the shipped
template with its own name (``sop.definisi``); its number is ``[sop] nomor``. A
folder that already holds anything is refused: nothing is ever overwritten.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from kinerja.berkas.atomic import atomic_open
from kinerja.formulir.pk_kosong import write_pk_kosong
from kinerja.inti.errors import UsageError
from kinerja.kantor.katalog import Kantor, load_kantor

__all__ = ["UNIT_KECAMATAN", "buat_kantor", "kode_kantor"]

#: The organisation of a Kecamatan (PP 17/2018): kode, unit, jenis, peran of its head,
#: and that head's jabatan. Written into kantor.toml for the office to adjust.
UNIT_KECAMATAN: tuple[tuple[str, str, str, str, str], ...] = (
    ("UMPEG", "Subbagian Umum dan Kepegawaian", "subbagian", "kasubag_umum",
     "Kepala Subbagian Umum dan Kepegawaian"),
    ("RENKEU", "Subbagian Perencanaan dan Keuangan", "subbagian", "kasubag_pk",
     "Kepala Subbagian Perencanaan dan Keuangan"),
    ("PEM", "Seksi Pemerintahan", "seksi", "kasi_pem", "Kepala Seksi Pemerintahan"),
    ("TRANTIB", "Seksi Ketenteraman dan Ketertiban Umum", "seksi", "kasi_trantib",
     "Kepala Seksi Ketenteraman dan Ketertiban Umum"),
    ("PMD", "Seksi Pemberdayaan Masyarakat dan Desa", "seksi", "kasi_pmd",
     "Kepala Seksi Pemberdayaan Masyarakat dan Desa"),
    ("KESOS", "Seksi Kesejahteraan Sosial", "seksi", "kasi_kesos",
     "Kepala Seksi Kesejahteraan Sosial"),
    ("PELUM", "Seksi Pelayanan Umum", "seksi", "kasi_pelayanan", "Kepala Seksi Pelayanan Umum"),
)  # fmt: skip
_JENIS = ("Kecamatan", "Dinas", "Badan", "Kelurahan", "Sekretariat", "Inspektorat", "Satuan")


@dataclass(frozen=True)
class _Nama:
    nama: str
    jenis: str
    pendek: str
    wilayah: str  # the name without its jenis: "Batang Kapas"


def _nama(nama: str) -> _Nama:
    words = nama.split()
    jenis = words[0] if words and words[0] in _JENIS else "Perangkat Daerah"
    wilayah = " ".join(words[1:]) if jenis != "Perangkat Daerah" else nama
    initials = "".join(w[0] for w in re.findall(r"[A-Za-z0-9]+", wilayah)).upper()
    prefix = {"Kecamatan": "Kec", "Kelurahan": "Kel"}.get(jenis, jenis[:3])
    return _Nama(nama, jenis, f"{prefix}-{initials}" if initials else prefix, wilayah)


def kode_kantor(text: str) -> str:
    """``text`` as an office code: lower-case ASCII words joined by hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.casefold()))


def _s(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(text, ensure_ascii=False)


def _pejabat(n: _Nama) -> str:
    if n.jenis == "Kecamatan":
        kepala = [("camat", f"Camat {n.wilayah}"), ("sekcam", "Sekretaris Camat")]
    else:
        kepala = [("camat", f"Kepala {n.nama}"), ("sekcam", "Sekretaris")]
    heads = kepala + [(peran, jabatan) for *_, peran, jabatan in UNIT_KECAMATAN]
    blocks = []
    for peran, jabatan in heads:
        blocks.append(
            "[[pejabat]]\n"
            f"peran = {_s(peran)}\n"
            'nama = ""        # WAJIB DIISI: NAMA LENGKAP, gelar (huruf kapital)\n'
            'nip = ""         # WAJIB DIISI: 18 angka tanpa spasi\n'
            'pangkat = ""     # WAJIB DIISI: misalnya Penata Tingkat I\n'
            'golongan = ""    # WAJIB DIISI: misalnya III/d\n'
            f"jabatan = {_s(jabatan)}\n"
        )
    return "\n".join(blocks)


def _unit() -> str:
    return "\n".join(
        f"[[unit]]\nkode = {_s(kode)}\nnama = {_s(nama)}\njenis = {_s(jenis)}\nkepala = {_s(kepala)}\n"
        for kode, nama, jenis, kepala, _ in UNIT_KECAMATAN
    )


def _kantor_toml(kode: str, n: _Nama, kabupaten: str) -> str:
    template = resources.files("kinerja.reference").joinpath("kantor-baru.toml").read_text("utf-8")
    values = {
        "@NAMA_TEKS@": n.nama,
        "@KODE@": _s(kode),
        "@NAMA@": _s(n.nama),
        "@JENIS@": _s(n.jenis),
        "@NAMA_PENDEK@": _s(n.pendek),
        "@PEMERINTAH@": _s(f"Pemerintah Kabupaten {kabupaten}"),
        "@KABUPATEN@": _s(kabupaten),
        "@TUJUAN@": _s(f"Bupati {kabupaten} c.q. Kepala Bappeda"),
        "@PEJABAT@": _pejabat(n),
        "@UNIT@": _unit(),
    }
    for key, value in values.items():
        template = template.replace(key, value)
    return template


def _teks(nilai: str, opsi: str) -> str:
    text = " ".join(str(nilai).split())
    if not text:
        raise UsageError(
            f'{opsi} tidak boleh kosong; tulis misalnya {opsi} "Kecamatan Batang Kapas".'
        )
    return text


def buat_kantor(
    folder: Path, *, nama: str, kabupaten: str, tahun: int, waktu: dt.datetime
) -> Kantor:
    """Create the office folder ``folder``; ``UsageError`` when it exists and is not empty."""
    folder = Path(folder)
    nama, kabupaten = _teks(nama, "--nama"), _teks(kabupaten, "--kabupaten")
    if not 2000 <= tahun <= 2100:
        raise UsageError(
            f"--tahun {tahun} tidak masuk akal; tulis tahun empat angka, misalnya 2025."
        )
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise UsageError(
            f'Folder "{folder}" sudah ada dan tidak kosong; kinerja init tidak menimpa apa pun. '
            "Pilih folder baru (atau folder kosong)."
        )
    kode = kode_kantor(folder.resolve().name) or kode_kantor(nama)
    if not kode:
        raise UsageError(
            f'Nama folder "{folder.name}" tidak dapat dijadikan kode kantor; pakai huruf.'
        )
    n = _nama(nama)
    folder.mkdir(parents=True, exist_ok=True)
    units = [(kode_unit, nama_unit) for kode_unit, nama_unit, *_ in UNIT_KECAMATAN]
    write_pk_kosong(folder / f"perjanjian-kinerja-{tahun}.xlsx", nama, tahun, units, waktu=waktu)
    (folder / "formulir-kembali").mkdir()
    with atomic_open(folder / "kantor.toml", "w", encoding="utf-8") as handle:
        handle.write(_kantor_toml(kode, n, kabupaten))
    return load_kantor(folder)
