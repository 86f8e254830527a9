"""A reviewer's decision on a finding, as the ledger keeps it (pure: no database).

``Keputusan`` is one ledger row; ``TemuanDitinjau`` a finding with the decision in
force. A correction (``koreksi``) may change only the columns in ``KOLOM_KOREKSI``,
and :func:`nilai_koreksi` checks a corrected realisasi against what the rules
require before it is recorded.

Status of a finding: ``terbuka`` (no decision), ``diterima``, ``dikoreksi``,
``dikembalikan`` (returned to the unit: still blocking until the unit's corrected
form changes the data or a reviewer decides otherwise).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kinerja.inti.angka import format_angka
from kinerja.inti.angka_baca import parse_angka
from kinerja.inti.errors import Temuan, UsageError
from kinerja.inti.tanggal import format_tanggal, format_waktu
from kinerja.inti.tingkat import SATUAN_PERSEN

__all__ = [
    "KEPUTUSAN",
    "KOLOM_KOREKSI",
    "STATUS",
    "STATUS_KEPUTUSAN",
    "Keputusan",
    "TemuanDitinjau",
    "nilai_koreksi",
    "nilai_teks",
]

#: Decisions and how they are printed.
KEPUTUSAN = {"terima": "Diterima", "koreksi": "Dikoreksi", "kembalikan": "Dikembalikan"}
#: Status of a finding → label; ``terbuka`` and ``dikembalikan`` are unresolved.
STATUS = {
    "terbuka": "Belum diputus",
    "diterima": "Diterima",
    "dikoreksi": "Dikoreksi",
    "dikembalikan": "Dikembalikan ke unit",
}
#: The status a decision gives its finding.
STATUS_KEPUTUSAN = {"terima": "diterima", "koreksi": "dikoreksi", "kembalikan": "dikembalikan"}
_UNRESOLVED = ("terbuka", "dikembalikan")

#: Columns of the realisasi frame a reviewer may correct (Koreksi).
KOLOM_KOREKSI = ("realisasi", "bukti_dukung")


def nilai_teks(value: str | None) -> str:
    """A stored value as a person reads it: numbers in Indonesian format without trailing
    zeros ("875.0" → "875", "87.5" → "87,5", "1234.25" → "1.234,25"), other text as is,
    "-" when empty."""
    if value in (None, ""):
        return "-"
    parsed = parse_angka(value)
    if parsed.value is not None and parsed.status in ("ok", "dibaca"):
        x = float(parsed.value)
        teks = format_angka(x, 0 if x.is_integer() else 2)
        return teks.rstrip("0").rstrip(",") if "," in teks else teks
    return str(value)


@dataclass(frozen=True)
class Keputusan:
    """One ledger row (a decision, or a revision of an earlier one)."""

    id: int
    periode: str
    temuan_id: str
    kode: str
    tingkat: str
    unit: str
    indikator: str
    tw: int | None
    kolom: str
    pesan: str
    keputusan: str
    nilai_lama: str
    nilai_baru: str | None
    alasan: str
    oleh_nama: str
    oleh_peran: str
    oleh_jabatan: str
    waktu: str
    menggantikan: int | None

    @property
    def label(self) -> str:
        """The decision as printed (``Diterima``, ``Dikoreksi``, ``Dikembalikan``)."""
        return KEPUTUSAN[self.keputusan]

    @property
    def nilai_baru_teks(self) -> str:
        """The corrected value as printed (Indonesian number format), "-" when none."""
        return nilai_teks(self.nilai_baru)

    @property
    def nilai_lama_teks(self) -> str:
        """The unit's value as printed (Indonesian number format), "-" when none."""
        return nilai_teks(self.nilai_lama)

    @property
    def waktu_teks(self) -> str:
        """When it was decided, as printed (``12 Januari 2026 09.30``)."""
        when = dt.datetime.fromisoformat(self.waktu)
        return f"{format_tanggal(when)} {format_waktu(when)}"


@dataclass(frozen=True)
class TemuanDitinjau:
    """A finding with the decision in force (``None`` while undecided)."""

    temuan: Temuan
    keputusan: Keputusan | None
    versi: int = 0  # how many ledger rows this finding has

    @property
    def id(self) -> str:
        """The finding's stable id."""
        return str(self.temuan.data["id"])

    @property
    def status(self) -> str:
        """``terbuka`` while undecided, else the status the decision in force gives."""
        return "terbuka" if self.keputusan is None else STATUS_KEPUTUSAN[self.keputusan.keputusan]

    @property
    def terbuka(self) -> bool:
        """True while unresolved (undecided, or returned to the unit)."""
        return self.status in _UNRESOLVED


def nilai_koreksi(temuan: Temuan, nilai_baru: str, notasi: str = "id") -> str:
    """Check a corrected realisasi against what the rules require; canonical text back.

    A reviewer types in kinerja's Indonesian interface, so ambiguous text ("2.400") is
    read under ``notasi`` (the office's ``[angka] notasi``; Indonesian unless it says
    ``en``). Raises ``UsageError`` (Indonesian) for a value that is no number, a percent
    outside 0–100 or a negative number; other columns are taken as text.
    """
    teks = str(nilai_baru).strip()
    if temuan.kolom != "realisasi" or temuan.data.get("kualitatif"):
        return teks
    parsed = parse_angka(teks, notasi if notasi in ("id", "en") else "id")
    if parsed.value is None or parsed.status not in ("ok", "dibaca"):
        raise UsageError(f'Nilai koreksi "{teks}" bukan angka: {parsed.catatan}')
    nilai = float(parsed.value)
    satuan = str(temuan.data.get("satuan", "")).strip().casefold()
    dibatasi = temuan.data.get("persen_dibatasi", True)  # the PK may allow above 100
    if satuan in SATUAN_PERSEN and dibatasi and not 0 <= nilai <= 100:
        raise UsageError(f"Nilai koreksi {format_angka(nilai)} harus di antara 0 dan 100 (%).")
    if nilai < 0:
        raise UsageError(f"Nilai koreksi {format_angka(nilai)} tidak boleh negatif.")
    return repr(int(nilai)) if nilai.is_integer() else repr(nilai)
