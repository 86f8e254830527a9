"""Range targets people typed ("80 - 90", "80% – 90%", "7 – 8 bulan", "80 s.d. 90").

Pure core. ``parse_rentang`` for one cell, ``parse_rentang_series`` for a column (each
distinct text once); the bounds are read as numbers by ``inti.angka_baca``.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from kinerja.inti.angka_baca import angka_arrays, kind_masks, parse_angka

__all__ = ["RENTANG_RE", "mirip_angka", "parse_rentang", "parse_rentang_series"]

_PART = r"(?:(?:rp|idr)\.?\s*)?[0-9][0-9.,]*(?:\s*%)?"
RENTANG_RE = (
    rf"(?is)\A\s*(?P<lo>{_PART})\s*(?:[-–—]|s\.?\s?d\.?|s/d|sampai(?:\s+dengan)?|hingga)"
    rf"\s*(?P<hi>{_PART})(?:\s*[^\W\d_].*)?\s*\Z"
)

_MIRIP = r"(?i)\A\s*-?(?:(?:rp|idr)\.?\s*)?[0-9][0-9.,]*(?:\s*%)?\s*\Z"


def mirip_angka(s: pd.Series) -> np.ndarray:
    """Text cells that look like a number or a range ("2.400", "1.2.3", "1.000 - 2.000"),
    readable or not: never a qualitative label. Each distinct text is looked at once."""
    out = np.zeros(len(s), dtype=bool)
    arr = s.to_numpy(dtype=object)
    is_str = kind_masks(arr, s.notna().to_numpy()).get("str")
    if is_str is None or not is_str.any():
        return out
    codes, uniques = pd.factorize(arr[is_str])
    u = pd.Series(uniques, dtype=object)
    hit = u.str.fullmatch(_MIRIP) | u.str.extract(RENTANG_RE)["lo"].notna()
    out[np.flatnonzero(is_str)] = hit.to_numpy(dtype=bool)[codes]
    return out


def parse_rentang(text: object, notasi: str | None = None) -> tuple[float, float] | None:
    """Read a range such as "80 - 90", "80% – 90%", "7 – 8 bulan" or "80 s.d. 90" as
    (lo, hi); None when ``text`` is not a range. Raises ValueError (Indonesian) when it is
    a range that cannot be used: an ambiguous bound or lo > hi. ``notasi`` ("id"/"en")
    decides ambiguous bounds, as in ``angka_baca``."""
    if not isinstance(text, str) or (m := re.search(RENTANG_RE, text)) is None:
        return None
    lo, hi = parse_angka(m["lo"], notasi), parse_angka(m["hi"], notasi)
    for part in (lo, hi):
        if part.status == "ambigu":
            raise ValueError(f'Rentang "{text.strip()}": {part.catatan}')
        if part.status not in ("ok", "dibaca"):
            return None
    if lo.value > hi.value:
        raise ValueError(
            f'Rentang "{text.strip()}": batas bawah lebih besar dari batas atas. '
            "Tulis yang kecil dulu, misalnya 80 - 90."
        )
    return lo.value, hi.value


def parse_rentang_series(s: pd.Series, notasi: str | None = None) -> pd.DataFrame:
    """Vectorized :func:`parse_rentang`: columns ``lo`` and ``hi``, NaN where the scalar
    returns None or raises."""
    out = pd.DataFrame({"lo": np.nan, "hi": np.nan}, index=s.index)
    if pd.api.types.is_numeric_dtype(s.dtype) or pd.api.types.is_bool_dtype(s.dtype):
        return out
    arr = s.to_numpy(dtype=object)
    is_str = kind_masks(arr, s.notna().to_numpy()).get("str")
    if is_str is None or not is_str.any():
        return out
    codes, uniques = pd.factorize(arr[is_str])  # each distinct text once
    m = pd.Series(uniques, dtype=object).str.extract(RENTANG_RE)
    lo, hi = angka_arrays(m["lo"], notasi), angka_arrays(m["hi"], notasi)
    read = ("ok", "dibaca")
    good = np.isin(lo.status, read) & np.isin(hi.status, read) & (lo.nilai <= hi.nilai)
    idx = np.flatnonzero(is_str)
    out.iloc[idx, 0] = np.where(good, lo.nilai, np.nan)[codes]
    out.iloc[idx, 1] = np.where(good, hi.nilai, np.nan)[codes]
    return out
