"""One severity per rule: the checks intake (``formulir``) and validation (``validasi``) share.

A realisasi checked when a form is gathered (``kinerja himpun``) and again when the
period is validated (``kinerja validasi``) gets the same tingkat at both: both
catalogues take it from ``TINGKAT`` through ``tingkat_aturan``. The form's data
validation follows the same rule (``persen_dibatasi``): a % cell refuses a value above
100 unless the PK allows it.

**When the PK allows a percentage above 100**: when the indicator's annual target, or
the upper bound of a range target, is above 100 (for instance "persentase capaian PAD"
with target 110). Then 150 is a value like any other, at intake, at validation and in
the form; otherwise it is a KESALAHAN everywhere.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kinerja.inti.angka_baca import parse_angka_series
from kinerja.inti.errors import ERROR
from kinerja.inti.rentang import parse_rentang_series

__all__ = [
    "ATURAN_BERSAMA",
    "SATUAN_PERSEN",
    "TINGKAT",
    "persen",
    "persen_dibatasi",
    "tingkat_aturan",
]

#: The shared rules and their one tingkat.
TINGKAT: dict[str, str] = {
    "persen-di-atas-100": ERROR,  # % realisasi above 100 (the PK does not allow it)
    "persen-tidak-wajar": ERROR,  # % realisasi above 1.000: a decimal separator slipped
    "negatif": ERROR,  # a negative realisasi
    "tidak-terbaca": ERROR,  # a realisasi that is no number
}

#: Finding code (of either catalogue) → the shared rule it reports.
ATURAN_BERSAMA: dict[str, str] = {
    "realisasi-persen-di-atas-100": "persen-di-atas-100",  # formulir
    "realisasi-tidak-wajar": "persen-tidak-wajar",  # formulir
    "persen-di-luar-rentang": "persen-di-atas-100",  # validasi (below 0 is "negatif": same)
    "realisasi-negatif": "negatif",  # both
    "realisasi-bukan-angka": "tidak-terbaca",  # formulir
    "realisasi-tidak-terbaca": "tidak-terbaca",  # validasi
}

#: Intake codes that are a KESALAHAN yet keep their form: the value is a number and is
#: stored as sent, and validation blocks the document on it until a reviewer decides
#: (Koreksi, Terima with a reason, or Kembalikan). Every other intake KESALAHAN refuses
#: the form. Both ways, the document cannot be final with the value undecided.
DIPUTUS_SAAT_VALIDASI = frozenset({"realisasi-persen-di-atas-100"})

#: How a PK writes the unit of a percentage.
SATUAN_PERSEN = frozenset({"%", "persen", "persentase"})


def tingkat_aturan(kode: str) -> str:
    """The tingkat of the shared rule behind finding ``kode`` (KeyError if none)."""
    return TINGKAT[ATURAN_BERSAMA[kode]]


def persen(satuan: pd.Series) -> pd.Series:
    """True where the satuan is a percentage (``%``, ``persen``, ``persentase``)."""
    return satuan.astype("string").str.strip().str.casefold().isin(SATUAN_PERSEN).fillna(False)


def persen_dibatasi(satuan: pd.Series, target: pd.Series, notasi: str | None = None) -> pd.Series:
    """True where a realisasi must stay within 0–100: a percentage whose target (a
    number, or a range's upper bound) is not above 100. ``notasi`` as in ``angka_baca``."""
    angka = parse_angka_series(target.astype(object), notasi)["nilai"].to_numpy(dtype=float)
    hi = parse_rentang_series(target.astype(object), notasi)["hi"].to_numpy(dtype=float)
    atas = np.fmax(angka, hi)
    boleh = pd.Series(atas > 100, index=target.index)
    return persen(satuan) & ~boleh
