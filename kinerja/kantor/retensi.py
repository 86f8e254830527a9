"""The retention schedule (jadwal retensi arsip) of an office, by classification code.

Recorded with every archived version, never acted on. Defaults only; the Perbup's JRA
is authoritative and ``kantor.toml [retensi."<kode>"]`` (aktif, inaktif, keterangan)
overrides.
"""

from __future__ import annotations

from kinerja.kantor.katalog import Kantor

__all__ = ["RETENSI_BAWAAN", "jadwal_retensi"]

#: Years active, years inactive, final disposition, by classification code.
RETENSI_BAWAAN: dict[str, tuple[int, int, str]] = {
    "000.8.6.3": (2, 3, "dinilai kembali"),
    "000.8.3.3": (2, 3, "dinilai kembali"),
}


def jadwal_retensi(kantor: Kantor, kode_klasifikasi: str) -> tuple[int | None, int | None, str]:
    """(years active, years inactive, disposition) for a classification code, or Nones."""
    own = kantor.config.get("retensi", {}).get(kode_klasifikasi)
    if own:
        return (own.get("aktif"), own.get("inaktif"), str(own.get("keterangan", "")))
    return RETENSI_BAWAAN.get(kode_klasifikasi, (None, None, ""))
