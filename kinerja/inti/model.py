"""Value objects and the column contracts of the frames passed between layers.

Frames are plain pandas DataFrames; the column lists below are their contract.
Adapters (catalogue, intake, …) produce them, the core (capaian, rules) consumes
them, documents and charts display them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kinerja.inti.errors import UsageError

__all__ = [
    "INDIKATOR_COLUMNS",
    "KOLOM_ANGKA_PK",
    "JENIS_PERIODE",
    "JENIS_TARGET",
    "NAMA_TRIWULAN",
    "ROMAWI",
    "SINGKAT_TRIWULAN",
    "POLARITAS",
    "PROGRAM_COLUMNS",
    "REALISASI_COLUMNS",
    "RUMUS_NEGATIF",
    "Periode",
]

POLARITAS = ("positif", "negatif")
JENIS_PERIODE = ("kumulatif", "akhir", "rata_rata")
JENIS_TARGET = ("angka", "rentang", "kualitatif")
RUMUS_NEGATIF = ("2T-R", "T/R")
#: The one quarter-to-roman map: "I" … "IV", "TW I" … "TW IV", "Triwulan I" … "Triwulan IV".
ROMAWI = {1: "I", 2: "II", 3: "III", 4: "IV"}
SINGKAT_TRIWULAN = {tw: f"TW {r}" for tw, r in ROMAWI.items()}
NAMA_TRIWULAN = {tw: f"Triwulan {r}" for tw, r in ROMAWI.items()}
BULAN_TRIWULAN = {1: "Januari–Maret", 2: "April–Juni", 3: "Juli–September", 4: "Oktober–Desember"}

#: Indikator columns read as numbers, ranges or labels (targets and last year's realisasi).
KOLOM_ANGKA_PK = (
    "target_tahunan",
    "target_tw1",
    "target_tw2",
    "target_tw3",
    "target_tw4",
    "target_renstra",
    "target_tahun_lalu",
    "realisasi_tahun_lalu",
)
#: The Perjanjian Kinerja, one row per indikator (catalogue.load_pk). Targets are
#: kept as the text the analyst wrote ("80 - 90", "WTP", "12"); the core parses them.
INDIKATOR_COLUMNS = (
    "kode",  # IK-01 …, unique in the PK
    "sasaran_kode",  # S1 …
    "sasaran",
    "indikator",
    "satuan",
    "polaritas",  # positif | negatif
    "jenis_periode",  # kumulatif | akhir | rata_rata
    "jenis_target",  # angka | rentang | kualitatif
    "rumus_negatif",  # 2T-R | T/R (only read for negatif)
    "skala",  # ordinal scale name for kualitatif targets, "" when none
    *KOLOM_ANGKA_PK,
    "unit",  # kode of the responsible unit
    "iku",  # bool: Indikator Kinerja Utama (counts for capaian kantor)
    "wajib",  # bool: missing realisasi makes aggregates "sementara"
    "bobot",  # float weight, used only with the weighted option
    "definisi_operasional",
    "sumber_data",
)

#: Realisasi, long: one row per indikator and triwulan (from intake or a table).
REALISASI_COLUMNS = (
    "kode",
    "tw",  # 1..4
    "realisasi",  # the value as text or number; the core parses it
    "kendala",
    "tindak_lanjut",
    "bukti_dukung",
)

#: Programs/kegiatan with pagu; realisasi_anggaran per triwulan comes beside it.
PROGRAM_COLUMNS = ("kode", "program", "sasaran_kode", "unit", "pagu")

_PERIODE_RE = re.compile(r"^\s*(\d{4})(?:\s*-\s*TW\s*([1-4]))?\s*$", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class Periode:
    """A measurement periode: ``2025-TW1`` … ``2025-TW4`` or the year ``2025``.

    The year equals TW IV cumulative (``tw == 4``, ``tahunan`` true).
    """

    tahun: int
    tw: int
    tahunan: bool = False

    @classmethod
    def parse(cls, text: Periode | str | int) -> Periode:
        """The one periode coercion: a ``Periode`` as is; "2025-TW3" or "2025" parsed."""
        if isinstance(text, Periode):
            return text
        match = _PERIODE_RE.match(str(text))
        if not match:
            raise UsageError(
                f'Periode "{text}" tidak dikenal. Tulis tahun dan triwulan, '
                'misalnya "2025-TW3", atau tahun saja, misalnya "2025".'
            )
        tahun = int(match.group(1))
        if match.group(2):
            return cls(tahun, int(match.group(2)), False)
        return cls(tahun, 4, True)

    def __str__(self) -> str:
        return str(self.tahun) if self.tahunan else f"{self.tahun}-TW{self.tw}"

    @property
    def kode(self) -> str:
        return str(self)

    @property
    def label(self) -> str:
        """Printed name: ``Triwulan III Tahun 2025`` or ``Tahun 2025``."""
        if self.tahunan:
            return f"Tahun {self.tahun}"
        return f"{NAMA_TRIWULAN[self.tw]} Tahun {self.tahun}"

    @property
    def label_sd(self) -> str:
        """``s.d. Triwulan III 2025``: the cumulative span."""
        return f"s.d. {NAMA_TRIWULAN[self.tw]} {self.tahun}"

    @property
    def triwulan(self) -> tuple[int, ...]:
        """The quarters this periode covers cumulatively (1..tw)."""
        return tuple(range(1, self.tw + 1))

    def sebelumnya(self) -> Periode | None:
        """The previous quarter within the year, or None for TW I."""
        if self.tw == 1:
            return None
        return Periode(self.tahun, self.tw - 1, False)
