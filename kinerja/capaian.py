"""Capaian (achievement): formulas, rounding, and the numeric resolution of targets.

Pure core: plain numbers and frames in, frames out; vectorized over whole tables.
The rules are ``shared/docs/domain.md`` §1: both polarities (negative formula per
indikator, ``2T-R`` by default, ``T/R`` as option), target 0, range targets,
qualitative targets through ordinal scales, missing realisasi ≠ 0, no cap, and
half-up rounding to 2 decimals. Periods and aggregation live in ``pengukuran``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .formats import parse_angka_series, parse_rentang_series
from .predikat import SkalaOrdinal

__all__ = [
    "KETERANGAN",
    "RUMUS_NEGATIF",
    "RUMUS_TEKS",
    "NilaiTarget",
    "capaian_numeric",
    "resolve_realisasi",
    "resolve_target",
    "round_half_up_array",
]

# Keterangan codes → Indonesian text (why capaian is empty, or a warning).
KETERANGAN: dict[str, str] = {
    "": "",
    "realisasi-kosong": "Realisasi belum diisi: capaian tidak dihitung (belum lengkap).",
    "target-kosong": "Target belum diisi: capaian tidak dapat dihitung.",
    "target-nol-positif": (
        "Target 0 pada indikator positif: capaian tidak dapat dihitung (kesalahan perencanaan)."
    ),
    "target-tidak-terbaca": "Target tidak dapat dibaca sebagai angka, rentang, atau skala.",
    "realisasi-tidak-terbaca": "Realisasi tidak dapat dibaca sebagai angka atau nilai skala.",
    "realisasi-negatif-dibatasi": "Hasil rumus negatif di bawah 0 dicatat 0.",
}


def _negatif_2t_r(t: np.ndarray, r: np.ndarray) -> np.ndarray:
    """(2T − R)/T × 100, floored at 0 (PermenPANRB Sistem Manajemen Kinerja)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.maximum((2 * t - r) / t * 100, 0.0)


def _negatif_t_r(t: np.ndarray, r: np.ndarray) -> np.ndarray:
    """T/R × 100; R = 0 gives 100 (the option some Pemda use)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(r == 0, 100.0, t / r * 100)


#: Negative-polarity formulas keyed by name (``rumus_negatif``).
RUMUS_NEGATIF: dict[str, Callable[[np.ndarray, np.ndarray], np.ndarray]] = {
    "2T-R": _negatif_2t_r,
    "T/R": _negatif_t_r,
}

#: How each formula is printed in documents.
RUMUS_TEKS: dict[str, str] = {
    "positif": "Realisasi / Target × 100%",
    "2T-R": "(2 × Target − Realisasi) / Target × 100% (paling rendah 0%)",
    "T/R": "Target / Realisasi × 100% (Realisasi 0 dihitung 100%)",
    "rentang": "Realisasi di dalam rentang = 100%; di atas rentang memakai batas atas, "
    "di bawah rentang memakai batas bawah sebagai target",
    "kualitatif": "Nilai kualitatif dipetakan ke skala ordinal, lalu rumus polaritas",
}


def round_half_up_array(values: np.ndarray | pd.Series, places: int = 2) -> np.ndarray:
    """Half-up (away from zero on ties) rounding, vectorized, NaN kept.

    The value is first cleaned of binary noise at 7 decimals past ``places`` so
    that 100.49999999999999 (1.005 × 100) rounds as the decimal 100.5 would.
    """
    x = np.asarray(values, dtype=float)
    scale = 10.0**places
    scaled = np.round(np.abs(x) * scale, 7)
    return np.sign(x) * np.floor(scaled + 0.5) / scale


@dataclass(frozen=True)
class NilaiTarget:
    """Targets resolved to numbers: ``lo == hi`` for a number, a range otherwise.

    ``kualitatif`` marks targets compared by label without a scale: their
    realisasi is resolved to 1 (equal) or 0 (different) and the target to 1.
    """

    lo: pd.Series
    hi: pd.Series
    jenis: pd.Series  # angka | rentang | kualitatif
    masalah: pd.Series  # "" or a KETERANGAN code


def _teks(s: pd.Series) -> pd.Series:
    return s.astype("str").str.strip().where(s.notna(), "")


def resolve_target(
    target: pd.Series,
    jenis_target: pd.Series | None = None,
    skala: pd.Series | None = None,
    ordinal: dict[str, SkalaOrdinal] | None = None,
) -> NilaiTarget:
    """Turn target cells (numbers, "80 - 90", "WTP") into numeric lo/hi.

    ``jenis_target`` may be given per row (normalised: lower case, stripped;
    ``angka``/``rentang``/``kualitatif``) or left empty, in which case it is
    inferred: a number, else a range, else a label. Qualitative labels go through
    the row's ordinal ``skala`` (stripped scale name) when it has one.
    """
    index = target.index
    angka = parse_angka_series(target)
    is_angka = angka["nilai"].notna()
    kosong = angka["status"].eq("kosong")
    lo = angka["nilai"].copy()
    hi = angka["nilai"].copy()
    jenis = pd.Series(np.where(is_angka, "angka", "kualitatif"), index=index, dtype=object)
    rest = ~is_angka & ~kosong
    if rest.any():  # only the cells that are not plain numbers can be ranges or labels
        rentang = parse_rentang_series(target[rest])
        is_rentang = rentang["lo"].notna()
        lo[rest] = rentang["lo"]
        hi[rest] = rentang["hi"]
        jenis[rentang.index[is_rentang]] = "rentang"
    if jenis_target is not None:
        jenis = jenis.mask(jenis_target.eq("kualitatif"), "kualitatif")

    kual = jenis.eq("kualitatif") & ~kosong
    masalah = pd.Series("", index=index, dtype=object)
    if kual.any():
        teks = _teks(target[kual])
        skala_kual = _teks(skala[kual]) if skala is not None else pd.Series("", index=teks.index)
        for kode in skala_kual[skala_kual.ne("")].unique():
            rows = skala_kual.index[skala_kual.eq(kode)]
            if not ordinal or kode not in ordinal:
                masalah[rows] = "target-tidak-terbaca"
                continue
            mapped = ordinal[kode].map(teks[rows])
            lo[rows] = mapped
            hi[rows] = mapped
            masalah[mapped.index[mapped.isna()]] = "target-tidak-terbaca"
        no_scale = skala_kual.index[skala_kual.eq("")]
        lo[no_scale] = 1.0
        hi[no_scale] = 1.0
    masalah[kosong] = "target-kosong"
    return NilaiTarget(lo=lo, hi=hi, jenis=jenis.where(~kosong, ""), masalah=masalah)


def resolve_realisasi(
    realisasi: pd.Series,
    target_text: pd.Series,
    jenis: pd.Series,
    skala: pd.Series | None = None,
    ordinal: dict[str, SkalaOrdinal] | None = None,
) -> pd.DataFrame:
    """Realisasi cells to numbers, consistent with how the target was resolved.

    Returns ``nilai`` (float, NaN when missing or unreadable), ``status`` (as
    ``formats.parse_angka_series``: ok/dibaca/kosong/ambigu/salah, or ``skala``),
    ``catatan`` (how a lenient cell was read, or what is wrong) and ``angka``
    (the cell itself read as a number, before any scale mapping).
    """
    parsed = parse_angka_series(realisasi)
    angka = parsed["nilai"].notna()
    nilai = parsed["nilai"].copy()
    status = parsed["status"].astype(object)
    catatan = parsed["catatan"].astype(object)
    kual = jenis.eq("kualitatif") & ~status.eq("kosong")
    if kual.any():
        status = status.copy()
        catatan = catatan.copy()
        teks = _teks(realisasi[kual])
        skala_kual = _teks(skala[kual]) if skala is not None else pd.Series("", index=teks.index)
        for kode in skala_kual[skala_kual.ne("")].unique():
            rows = skala_kual.index[skala_kual.eq(kode)]
            nilai[rows] = ordinal[kode].map(teks[rows]) if ordinal and kode in ordinal else np.nan
        no_scale = skala_kual.index[skala_kual.eq("")]
        same = teks[no_scale].str.casefold().eq(_teks(target_text[no_scale]).str.casefold())
        nilai[no_scale] = same.astype(float)
        ok = kual & nilai.notna()
        status[ok] = "skala"
        catatan[ok] = ""
        bad = kual & nilai.isna()
        status[bad] = "salah"
        catatan[bad] = "Nilai tidak ada pada skala indikator ini."
    return pd.DataFrame(
        {"nilai": nilai, "status": status, "catatan": catatan, "angka": angka},
        index=realisasi.index,
    )


def capaian_numeric(
    polaritas: pd.Series | np.ndarray,
    t_lo: pd.Series | np.ndarray,
    t_hi: pd.Series | np.ndarray,
    r: pd.Series | np.ndarray,
    rumus_negatif: pd.Series | np.ndarray | str = "2T-R",
) -> tuple[np.ndarray, np.ndarray]:
    """Capaian in percent (full precision) and a keterangan code per row.

    Ranges: realisasi inside [lo, hi] → 100; above → hi is the target; below → lo.
    Target 0: negative polarity → 100 if R = 0 else 0; positive → NaN
    (``target-nol-positif``). Missing realisasi → NaN (``realisasi-kosong``).
    """
    lo = np.asarray(t_lo, dtype=float)
    hi = np.asarray(t_hi, dtype=float)
    r = np.asarray(r, dtype=float)
    neg = np.asarray(polaritas, dtype=object) == "negatif"
    n = r.shape[0]
    rumus = (
        np.full(n, rumus_negatif, dtype=object)
        if isinstance(rumus_negatif, str)
        else np.asarray(rumus_negatif, dtype=object)
    )

    in_range = (r >= lo) & (r <= hi) & (lo < hi)
    t = np.where(r > hi, hi, np.where(r < lo, lo, hi))

    with np.errstate(divide="ignore", invalid="ignore"):
        out = r / t * 100
    for name, formula in RUMUS_NEGATIF.items():
        rows = neg & (rumus == name)
        if rows.any():
            out[rows] = formula(t[rows], r[rows])
    out = np.where(in_range, 100.0, out)

    t_zero = t == 0
    out = np.where(t_zero & neg, np.where(r == 0, 100.0, 0.0), out)
    out = np.where(t_zero & ~neg, np.nan, out)

    kode = np.full(n, "", dtype=object)
    kode[t_zero & ~neg] = "target-nol-positif"
    kode[np.isnan(lo)] = "target-kosong"
    kode[np.isnan(r)] = "realisasi-kosong"
    out = np.where(np.isnan(r) | np.isnan(lo), np.nan, out)
    return out, kode
