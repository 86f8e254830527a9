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
from typing import NamedTuple

import numpy as np
import pandas as pd

from kinerja.inti.angka_baca import angka_arrays
from kinerja.inti.predikat import SkalaOrdinal
from kinerja.inti.rentang import mirip_angka, parse_rentang_series

__all__ = [
    "KETERANGAN",
    "ANGKA",
    "KET_NUMERIC",
    "KOSONG",
    "KUALITATIF",
    "RENTANG",
    "RealisasiArrays",
    "TargetArrays",
    "capaian_arrays",
    "realisasi_arrays",
    "realisasi_frame",
    "target_arrays",
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
    "target-ambigu": "Target ambigu (misalnya 2.400: ribuan atau desimal?): capaian tidak dihitung.",
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


# The same results as codes into these tuples (pengukuran works on the codes).
JENIS = ("", "angka", "rentang", "kualitatif")
MASALAH = ("", "target-kosong", "target-tidak-terbaca", "target-ambigu")
#: Codes of ``TargetArrays.jenis`` (indices into ``JENIS``).
KOSONG, ANGKA, RENTANG, KUALITATIF = range(4)


class TargetArrays(NamedTuple):
    lo: np.ndarray
    hi: np.ndarray
    jenis: np.ndarray  # int8 codes into JENIS
    masalah: np.ndarray  # int8 codes into MASALAH


def _teks(s: pd.Series) -> pd.Series:
    return s.astype("str").str.strip().where(s.notna(), "")


def _distinct_rows(*cells: pd.Series | None) -> tuple[np.ndarray, np.ndarray] | None:
    """The first row of each distinct combination of the text cells given, and the code
    of every row; None when a column holds anything but text (True == 1 would share a
    code). ``None`` columns are left out."""
    key = np.zeros(len(cells[0]), dtype=np.int64)
    for col in cells:
        if col is None:
            continue
        arr = col.to_numpy(dtype=object)
        if pd.api.types.infer_dtype(arr, skipna=False) != "string":
            return None
        codes, uniques = pd.factorize(arr)
        key = pd.factorize(key * len(uniques) + codes)[0]
    return np.unique(key, return_index=True)[1], key


def _rows_mask(mask: pd.Series, index: pd.Index) -> np.ndarray:
    """A boolean Series as a positional mask on ``index`` (aligned when it differs)."""
    if not mask.index.equals(index):
        mask = mask.reindex(index, fill_value=False)
    return mask.to_numpy(dtype=bool)


def target_arrays(
    target: pd.Series,
    kualitatif: np.ndarray | None,
    skala: pd.Series | None,
    ordinal: dict[str, SkalaOrdinal] | None,
    notasi: str | None = None,
) -> TargetArrays:
    """:func:`resolve_target` on arrays; ``kualitatif``: rows declared qualitative;
    ``notasi`` ("id"/"en") decides ambiguous numbers ("2.400"), refused without it."""
    angka = angka_arrays(target, notasi)
    lo = angka.nilai.copy()
    hi = angka.nilai.copy()
    is_angka = ~np.isnan(angka.nilai)
    kosong = angka.kosong
    jenis = np.where(is_angka, ANGKA, KUALITATIF).astype(np.int8)
    masalah = np.zeros(len(target), dtype=np.int8)
    rest = np.flatnonzero(~is_angka & ~kosong)
    if len(rest):  # only the cells that are not plain numbers can be ranges or labels
        rentang = parse_rentang_series(target.iloc[rest], notasi)
        lo[rest] = rentang["lo"].to_numpy()
        hi[rest] = rentang["hi"].to_numpy()
        jenis[rest[rentang["lo"].notna().to_numpy()]] = RENTANG
        # number-like text that cannot be read is a number with a problem, never a label
        rest = rest[jenis[rest] == KUALITATIF]
        unread = rest[mirip_angka(target.iloc[rest])]
        jenis[unread] = ANGKA
        masalah[unread] = np.where(angka.status[unread] == "ambigu", 3, 2)
    if kualitatif is not None:
        jenis[kualitatif] = KUALITATIF
        masalah[kualitatif] = 0

    kual = np.flatnonzero((jenis == KUALITATIF) & ~kosong)
    if len(kual):  # labels: each distinct (label, scale) once
        same = _distinct_rows(target.iloc[kual], None if skala is None else skala.iloc[kual])
        rows = kual if same is None else kual[same[0]]
        lo_k, hi_k, masalah_k = lo[rows], hi[rows], masalah[rows]
        teks = _teks(target.iloc[rows])
        skala_kual = (
            _teks(skala.iloc[rows]) if skala is not None else pd.Series("", index=teks.index)
        )
        for kode in skala_kual[skala_kual.ne("")].unique():
            on = skala_kual.eq(kode).to_numpy()
            if not ordinal or kode not in ordinal:
                masalah_k[on] = 2
                continue
            mapped = ordinal[kode].map(teks[on]).to_numpy()
            lo_k[on] = mapped
            hi_k[on] = mapped
            masalah_k[np.flatnonzero(on)[np.isnan(mapped)]] = 2
        no_scale = skala_kual.eq("").to_numpy()
        lo_k[no_scale] = 1.0
        hi_k[no_scale] = 1.0
        back = slice(None) if same is None else same[1]
        lo[kual], hi[kual], masalah[kual] = lo_k[back], hi_k[back], masalah_k[back]
    masalah[kosong] = 1
    jenis[kosong] = KOSONG
    return TargetArrays(lo, hi, jenis, masalah)


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
    kual = None if jenis_target is None else _rows_mask(jenis_target.eq("kualitatif"), index)
    if skala is not None and not skala.index.equals(index):
        skala = skala.reindex(index)
    t = target_arrays(target, kual, skala, ordinal)
    return NilaiTarget(
        lo=pd.Series(t.lo, index=index, name="nilai"),
        hi=pd.Series(t.hi, index=index, name="nilai"),
        jenis=pd.Series(np.array(JENIS, dtype=object)[t.jenis], index=index, dtype=object),
        masalah=pd.Series(np.array(MASALAH, dtype=object)[t.masalah], index=index, dtype=object),
    )


class RealisasiArrays(NamedTuple):
    nilai: np.ndarray
    status: np.ndarray  # object
    catatan: np.ndarray  # object
    angka: np.ndarray  # bool: the cell itself is a number


def realisasi_arrays(
    realisasi: pd.Series,
    target_text: pd.Series,
    kualitatif: np.ndarray,
    skala: pd.Series | None,
    ordinal: dict[str, SkalaOrdinal] | None,
    notasi: str | None = None,
) -> RealisasiArrays:
    """:func:`resolve_realisasi` on arrays; ``kualitatif``: rows whose target is a label;
    ``notasi`` as in :func:`target_arrays`."""
    parsed = angka_arrays(realisasi, notasi)
    nilai = parsed.nilai.copy()
    angka = ~np.isnan(parsed.nilai)
    status, catatan = parsed.status, parsed.catatan
    kual = np.flatnonzero(kualitatif & ~parsed.kosong)
    if len(kual):  # labels: each distinct (label, target, scale) once
        status = status.copy()
        catatan = catatan.copy()
        same = _distinct_rows(
            realisasi.iloc[kual],
            target_text.iloc[kual],
            None if skala is None else skala.iloc[kual],
        )
        rows = kual if same is None else kual[same[0]]
        nilai_k = nilai[rows]
        teks = _teks(realisasi.iloc[rows])
        skala_kual = (
            _teks(skala.iloc[rows]) if skala is not None else pd.Series("", index=teks.index)
        )
        for kode in skala_kual[skala_kual.ne("")].unique():
            on = skala_kual.eq(kode).to_numpy()
            known = ordinal and kode in ordinal
            nilai_k[on] = ordinal[kode].map(teks[on]).to_numpy() if known else np.nan
        on = skala_kual.eq("").to_numpy()
        label = teks[on].str.casefold()
        equal = label.eq(_teks(target_text.iloc[rows[on]]).str.casefold().to_numpy())
        nilai_k[on] = equal.to_numpy(dtype=float)
        nilai[kual] = nilai_k[slice(None) if same is None else same[1]]
        ok = ~np.isnan(nilai[kual])
        status[kual[ok]] = "skala"
        catatan[kual[ok]] = ""
        status[kual[~ok]] = "salah"
        catatan[kual[~ok]] = "Nilai tidak ada pada skala indikator ini."
    return RealisasiArrays(nilai, status, catatan, angka)


def realisasi_frame(r: RealisasiArrays, index: pd.Index, rows: np.ndarray | slice = slice(None)):
    """The frame :func:`resolve_realisasi` returns, for ``rows`` of ``r``."""
    return pd.DataFrame(
        {
            "nilai": pd.Series(r.nilai[rows], index=index),
            "status": pd.Series(r.status[rows], index=index, dtype=object),
            "catatan": pd.Series(r.catatan[rows], index=index, dtype=object),
            "angka": pd.Series(r.angka[rows], index=index),
        }
    )


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
    index = realisasi.index
    if not target_text.index.equals(index):
        target_text = target_text.reindex(index)
    if skala is not None and not skala.index.equals(index):
        skala = skala.reindex(index)
    kual = _rows_mask(jenis.eq("kualitatif"), index)
    return realisasi_frame(realisasi_arrays(realisasi, target_text, kual, skala, ordinal), index)


# Keterangan codes of capaian_numeric, in the order they override each other.
KET_NUMERIC = ("", "target-nol-positif", "target-kosong", "realisasi-kosong")


def capaian_arrays(
    neg: np.ndarray, rumus: dict[str, np.ndarray], lo: np.ndarray, hi: np.ndarray, r: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`capaian_numeric` on arrays: ``neg`` marks negative polarity, ``rumus``
    maps each negative formula's name to its rows. Returns capaian and int8 codes
    into ``KET_NUMERIC``."""
    in_range = (r >= lo) & (r <= hi) & (lo < hi)
    t = np.where(r > hi, hi, np.where(r < lo, lo, hi))

    with np.errstate(divide="ignore", invalid="ignore"):
        out = r / t * 100
    for name, formula in RUMUS_NEGATIF.items():
        rows = neg & rumus[name]
        if rows.any():
            out[rows] = formula(t[rows], r[rows])
    out = np.where(in_range, 100.0, out)

    t_zero = t == 0
    out = np.where(t_zero & neg, np.where(r == 0, 100.0, 0.0), out)
    out = np.where(t_zero & ~neg, np.nan, out)

    kode = np.zeros(r.shape[0], dtype=np.int8)
    kode[t_zero & ~neg] = 1
    kode[np.isnan(lo)] = 2
    kode[np.isnan(r)] = 3
    out = np.where(np.isnan(r) | np.isnan(lo), np.nan, out)
    return out, kode


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
    r = np.asarray(r, dtype=float)
    neg = np.asarray(polaritas, dtype=object) == "negatif"
    rumus = (
        np.full(r.shape[0], rumus_negatif, dtype=object)
        if isinstance(rumus_negatif, str)
        else np.asarray(rumus_negatif, dtype=object)
    )
    masks = {name: rumus == name for name in RUMUS_NEGATIF}
    lo = np.asarray(t_lo, dtype=float)
    hi = np.asarray(t_hi, dtype=float)
    out, kode = capaian_arrays(neg, masks, lo, hi, r)
    return out, np.array(KET_NUMERIC, dtype=object)[kode]
