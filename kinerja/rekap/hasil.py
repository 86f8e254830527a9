"""``HasilPaket``: what the roll-up learnt about one input (office, periode, problems, data)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kinerja.arsip.masalah import Masalah, buat_masalah

__all__ = ["STATUS_TERPISAH", "HasilPaket"]

#: Verified packages listed apart, never ranked: no signature a trusted root vouches for
#: (unless the roll-up accepts them), a signature not by the office's signer (never), or a
#: second package of the same office and periode.
STATUS_TERPISAH = ("tanpa-ttd", "tidak-terpercaya", "penanda-lain", "ganda")


@dataclass
class HasilPaket:
    """One verified (or refused) input: its office, periode, problems and source data."""

    path: Path
    jenis: str  # "paket" (BagIt) | "arsip" (an office's archive folder)
    kantor_kode: str = ""
    kantor_nama: str = ""
    periode: str = ""
    masalah: list[Masalah] = field(default_factory=list)
    catatan: list[str] = field(default_factory=list)
    data: dict[str, Any] | None = None  # the parsed data-sumber.json
    berkas_data: str = ""  # where the data came from, relative to ``path``
    sha256_data: str = ""
    cara: str = ""  # "tertanam di PDF" | "berkas data"
    info: dict[str, str] = field(default_factory=dict)  # bag-info.txt
    tanda_tangan: str = ""  # what the signature check said
    ttd: str = ""  # the figures' document: terpercaya | tidak-terpercaya | tanpa-ttd | penanda-lain
    waktu_ttd: str = ""  # when that document was signed (ISO), for choosing among duplicates
    status: str = ""  # set by rekap.tabel.susun: diterima | ditolak | STATUS_TERPISAH
    keterangan: str = ""  # why a package is listed apart (one of STATUS_TERPISAH)

    @property
    def utuh(self) -> bool:
        """Accepted: no problem found and the source data read."""
        return not self.masalah and self.data is not None

    @property
    def label(self) -> str:
        """The office's name (else the folder's) and the periode, for messages."""
        who = self.kantor_nama or self.path.name
        return f"{who} {self.periode}".strip()

    def tambah(self, kunci: str, objek: str = "", **isian: object) -> None:
        """Add the problem ``kunci`` of ``arsip.masalah.KATALOG`` with its template's fields."""
        self.masalah.append(buat_masalah(kunci, objek, **isian))
