"""The parts every naskah dinas shares: officials, signature block, paraf, letter head.

``[naskah]`` in kantor.toml chooses the signer (``penanda_tangan``, default the
camat), the "Plt."/"Plh." prefix (``sebutan``), the "a.n." line (``atas_nama``),
the paraf officials (``paraf``) and the place printed before the date (``tempat``).
``srikandi=True`` puts SRIKANDI's placeholders (:data:`SRIKANDI`) where SRIKANDI
fills in the number, date and signer.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from kinerja.inti.errors import InputError, UsageError
from kinerja.inti.nip import format_nip
from kinerja.inti.tanggal import format_tanggal
from kinerja.kantor.katalog import Kantor, Pejabat

__all__ = [
    "HARAP",
    "SIFAT",
    "SRIKANDI",
    "blok_ttd",
    "daftar_orang",
    "daftar_paraf",
    "kepala_surat",
    "pejabat_peran",
    "pilih_sifat",
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


def pejabat_peran(kantor: Kantor, peran: str) -> Pejabat:
    """The official with role ``peran`` in kantor.toml ``[[pejabat]]``; else ``InputError``."""
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
    pejabat = pejabat_peran(kantor, peran)
    sebutan = str(kantor.opsi("naskah", "sebutan", "") or "").strip()
    if sebutan and sebutan not in _PREFIKS:
        raise InputError(
            f'kantor.toml [naskah] sebutan = "{sebutan}" tidak dikenal: pilih Plt. atau Plh., '
            "atau kosongkan."
        )
    atas_nama = str(kantor.opsi("naskah", "atas_nama", "") or "").strip()
    jabatan = pejabat.jabatan.upper()
    if atas_nama and atas_nama != peran:
        atasan = pejabat_peran(kantor, atas_nama)
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


def daftar_paraf(kantor: Kantor) -> list[str]:
    """The jabatan of the officials who initial the draft (``[naskah] paraf``)."""
    peran = kantor.opsi("naskah", "paraf", ["sekcam", "kasubag_pk"]) or []
    return [pejabat_peran(kantor, p).jabatan for p in peran]


def pilih_sifat(sifat: str) -> str:
    """The sifat of a letter as written in :data:`SIFAT` (any case); else ``UsageError``."""
    for s in SIFAT:
        if s.casefold() == str(sifat).strip().casefold():
            return s
    raise UsageError(f'Sifat "{sifat}" tidak dikenal. Pilih salah satu: {", ".join(SIFAT)}.')


def daftar_orang(kantor: Kantor, items: list) -> list[dict[str, str]]:
    """Peran names or {"nama", "jabatan"} dicts → rows for tables."""
    rows = []
    for item in items:
        if isinstance(item, dict):
            rows.append({"nama": str(item.get("nama", "")), "jabatan": str(item["jabatan"])})
        else:
            p = pejabat_peran(kantor, str(item))
            rows.append({"nama": p.nama, "jabatan": p.jabatan})
    return rows


def kepala_surat(
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
    """The letter head: place and date, number, sifat, lampiran, hal, addressees."""
    if not srikandi and not (nomor or "").strip():
        raise UsageError(
            "Nomor surat wajib diisi (ambil dengan `kinerja nomor-surat`), atau buat draf "
            "SRIKANDI dengan --srikandi."
        )
    return {
        "tempat": str(kantor.opsi("naskah", "tempat", kantor.nama)),
        "tanggal": SRIKANDI["tanggal"] if srikandi else format_tanggal(tanggal),
        "nomor": SRIKANDI["nomor"] if srikandi else str(nomor).strip(),
        "sifat": pilih_sifat(sifat),
        "lampiran": lampiran,
        "hal": hal,
        "yth": yth,
        "di": di,
    }
