"""The per-indikator part of ``ukur``, one block of rows at a time (pure core).

Every value of an indikator's row depends on that row alone, so ``ukur`` measures
the PK in blocks of ``BLOK`` rows: the dozens of temporary arrays of a block stay
in the CPU cache, so this part costs the same per row for a kecamatan as for a
national table of millions of rows. ``realisasi_grid`` turns long realisasi into
one row per indikator first (a hash join on ``kode``, the step that looks across
rows).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from kinerja.inti.capaian import (
    KET_NUMERIC,
    KETERANGAN,
    KOSONG,
    KUALITATIF,
    RUMUS_NEGATIF,
    TargetArrays,
    capaian_arrays,
    realisasi_arrays,
    realisasi_frame,
    round_half_up_array,
    target_arrays,
)
from kinerja.inti.predikat import SkalaOrdinal, SkalaPredikat

__all__ = ["BLOK", "TW", "Blok", "realisasi_grid", "ukur_blok"]

TW = (1, 2, 3, 4)
BLOK = 1 << 16  # rows per block: a block's float arrays are 512 KiB each


class Blok(NamedTuple):
    """One block measured: the new columns, numeric realisasi and target (rows × 4)
    and the cells read leniently or unreadable, per TW."""

    kolom: dict[str, np.ndarray]
    r_num: np.ndarray
    t_hi: np.ndarray
    notes: dict[int, pd.DataFrame]


def realisasi_grid(realisasi: pd.DataFrame, kode: pd.Series, column: str) -> np.ndarray:
    """Long realisasi (kode, tw, column) → an n × 4 grid, rows in PK order.

    Missing cells are NaN (numeric column) or None. A later row for the same
    (kode, tw) wins. Hash lookups, no pivot.
    """
    numeric = pd.api.types.is_numeric_dtype(realisasi[column]) if len(realisasi) else True
    fill = np.nan if numeric else None
    cells = np.full(len(kode) * 4, fill, dtype=float if numeric else object)
    if len(realisasi):
        pos = pd.Index(kode.to_numpy()).get_indexer(realisasi["kode"].to_numpy())
        tw = realisasi["tw"].to_numpy(dtype=np.int64)
        values = realisasi[column].to_numpy()
        key = pos * 4
        key += tw - 1
        ok = (pos >= 0) & (tw >= 1) & (tw <= 4)
        if not ok.all():
            key, values = key[ok], values[ok]
        seen = np.zeros(len(cells), dtype=bool)
        seen[key] = True
        if np.count_nonzero(seen) == len(key):  # each cell given once
            cells[key] = values
        else:  # the last row per cell wins: the largest row number written to it
            row = np.full(len(cells), -1, dtype=np.int64)
            np.maximum.at(row, key, np.arange(len(key)))
            filled = np.flatnonzero(row >= 0)
            cells[filled] = values[row[filled]]
    return cells.reshape(len(kode), 4)


def _sd(
    values: np.ndarray, n: int, kum: np.ndarray, rata: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Value s.d. TW n per jenis_periode (``kum``: kumulatif rows, ``rata``: rata_rata,
    else akhir), and the quarter index it came from (akhir)."""
    part = values[:, :n]
    present = ~np.isnan(part)
    with np.errstate(invalid="ignore"):
        total = np.nansum(part, axis=1)
        count = present.sum(axis=1)
        kum_v = np.where(count == n, total, np.nan)
        rata_v = np.where(count > 0, total / np.maximum(count, 1), np.nan)
    last = np.where(count > 0, n - 1 - np.argmax(present[:, ::-1], axis=1), -1)
    akhir = np.where(last >= 0, part[np.arange(len(part)), np.maximum(last, 0)], np.nan)
    return np.where(kum, kum_v, np.where(rata, rata_v, akhir)), last


def _target_sd(
    t: np.ndarray,
    r_present: np.ndarray,
    n: int,
    kum: np.ndarray,
    rata: np.ndarray,
    last: np.ndarray,
) -> np.ndarray:
    """Target s.d. TW n matching the realisasi semantics of ``_sd``."""
    part = t[:, :n]
    kum_v = part.sum(axis=1)
    used = r_present[:, :n]
    with np.errstate(invalid="ignore", divide="ignore"):
        rata_same = np.where(used, part, 0).sum(axis=1) / used.sum(axis=1)
    rata_v = np.where(used.any(axis=1), rata_same, part.mean(axis=1))
    akhir = np.where(last >= 0, part[np.arange(len(part)), np.maximum(last, 0)], part[:, n - 1])
    return np.where(kum, kum_v, np.where(rata, rata_v, akhir))


def _take(codes: np.ndarray, labels: tuple[str, ...]) -> np.ndarray:
    """Text per row from small integer codes (no new string objects per row)."""
    return np.array(labels, dtype=object)[codes]


def _labels(kolom: list[pd.Series], rows: np.ndarray, used: np.ndarray) -> np.ndarray:
    """Cells as written, for ``rows`` only, each from the quarter ``used`` names."""
    out = np.full(len(used), "", dtype=object)
    for i, col in enumerate(kolom):
        pick = rows[used[rows] == i]
        out[pick] = col.iloc[pick].to_numpy(dtype=object)
    return out


def ukur_blok(
    ind: pd.DataFrame,
    r_raw: np.ndarray,
    n: int,
    skala: SkalaPredikat,
    ordinal: dict[str, SkalaOrdinal] | None,
) -> Blok:
    """Measure the PK rows ``ind`` s.d. TW ``n``; ``r_raw``: their realisasi grid."""
    rows = len(ind)
    # Choice columns compared once; the steps below work on masks and codes.
    neg = ind["polaritas"].eq("negatif").to_numpy(dtype=bool)
    rumus = ind["rumus_negatif"].where(ind["rumus_negatif"].astype(bool), "2T-R")
    per_rumus = {name: rumus.eq(name).to_numpy(dtype=bool) for name in RUMUS_NEGATIF}
    deklarasi_kual = ind["jenis_target"].eq("kualitatif").to_numpy(dtype=bool)
    jenis_periode = ind["jenis_periode"].to_numpy(dtype=object)
    skala_ind = ind["skala"]

    def target(column: str) -> TargetArrays:
        return target_arrays(ind[column], deklarasi_kual, skala_ind, ordinal)

    # Resolve each quarter's target and realisasi to numbers (vectorized per TW).
    t_lo = np.empty((rows, 4))
    t_hi = np.empty((rows, 4))
    r_num = np.empty((rows, 4))
    notes: dict[int, pd.DataFrame] = {}
    tahunan = target("target_tahunan")
    kualitatif = tahunan.jenis == KUALITATIF
    kum = (jenis_periode == "kumulatif") & ~kualitatif
    rata = (jenis_periode == "rata_rata") & ~kualitatif
    for i, tw in enumerate(TW):
        tt = target(f"target_tw{tw}")
        t_lo[:, i] = tt.lo
        t_hi[:, i] = tt.hi
        jenis_r = np.where(tt.jenis != KOSONG, tt.jenis, tahunan.jenis)
        rr = realisasi_arrays(
            pd.Series(r_raw[:, i], dtype=r_raw.dtype, copy=False),
            ind[f"target_tw{tw}"],
            jenis_r == KUALITATIF,
            skala_ind,
            ordinal,
        )
        r_num[:, i] = rr.nilai
        if tw <= n:
            noted = np.flatnonzero(np.isin(rr.status, ["dibaca", "ambigu", "salah"]))
            if len(noted):
                frame = realisasi_frame(rr, pd.Index(noted), noted)
                notes[tw] = frame.assign(kode=ind["kode"].iloc[noted].to_numpy(), tw=tw)

    present = ~np.isnan(r_num)
    r_sd, last = _sd(r_num, n, kum, rata)
    lo_sd = _target_sd(t_lo, present, n, kum, rata, last)
    hi_sd = _target_sd(t_hi, present, n, kum, rata, last)
    lengkap = present[:, :n].all(axis=1)

    cap_tw, ket = capaian_arrays(neg, per_rumus, lo_sd, hi_sd, r_sd)
    cap_q, _ = capaian_arrays(neg, per_rumus, t_lo[:, n - 1], t_hi[:, n - 1], r_num[:, n - 1])
    cap_thn, _ = capaian_arrays(neg, per_rumus, tahunan.lo, tahunan.hi, r_sd)
    renstra = target("target_renstra")
    cap_renstra, _ = capaian_arrays(neg, per_rumus, renstra.lo, renstra.hi, r_sd)
    nasional = None  # optional PK column: a national/provincial target
    if "target_nasional" in ind.columns:
        t_nas = target("target_nasional")
        nasional, _ = capaian_arrays(neg, per_rumus, t_nas.lo, t_nas.hi, r_sd)
    lalu = target("target_tahun_lalu")
    r_lalu = realisasi_arrays(
        ind["realisasi_tahun_lalu"], ind["target_tahun_lalu"], kualitatif, skala_ind, ordinal
    ).nilai
    cap_lalu, _ = capaian_arrays(neg, per_rumus, lalu.lo, lalu.hi, r_lalu)
    cap_tahunan = cap_thn if n == 4 else np.full(rows, np.nan)
    selisih = cap_tahunan - cap_lalu
    selisih_r = round_half_up_array(selisih)
    arah = np.select([selisih_r > 0, selisih_r < 0, selisih_r == 0], [1, 2, 3], 0)

    # Labels of qualitative rows as written (the quarter the s.d. value came from).
    used = np.where(last >= 0, last, n - 1)
    kual_rows = np.flatnonzero(kualitatif)
    label_target = _labels([ind[f"target_tw{tw}"] for tw in TW], kual_rows, used)
    grid = [pd.Series(r_raw[:, i], dtype=r_raw.dtype, copy=False) for i in range(4)]
    label_real = _labels(grid, kual_rows[last[kual_rows] >= 0], used)

    # keterangan: capaian_numeric's code, or "realisasi-kosong" for an incomplete s.d.
    ket = np.where(~lengkap & (ket == 0), 3, ket)
    cap_r = round_half_up_array(cap_tw)
    kolom = {
        "label_target": label_target,
        "label_realisasi": label_real,
        "jenis_periode_efektif": np.where(kualitatif, "akhir", jenis_periode),
        "target_sd_lo": lo_sd,
        "target_sd": hi_sd,
        "realisasi_sd": r_sd,
        "realisasi_tw": r_num[:, n - 1].copy(),
        "capaian_triwulan": cap_q,
        "capaian_tw": cap_tw,
        "capaian_tw_2d": cap_r,
        "predikat": skala.predikat_target(cap_r, _tanpa_target(t_hi[:, :n], neg)).to_numpy(),
        "capaian_thd_target_tahunan": cap_thn,
        "capaian_tahunan": cap_tahunan.copy() if cap_tahunan is cap_thn else cap_tahunan,
        "capaian_thd_renstra": cap_renstra,
        "realisasi_tahun_lalu_nilai": r_lalu,
        "capaian_tahun_lalu": cap_lalu,
        "selisih_pp": selisih,
        "arah": _take(arah, ("", "naik", "turun", "tetap")),
        "lengkap": lengkap,
        "keterangan_kode": _take(ket, KET_NUMERIC),
        "keterangan": _take(ket, tuple(KETERANGAN[k] for k in KET_NUMERIC)),
        "rumus": np.where(neg, rumus.to_numpy(dtype=object), "positif"),
    }
    if nasional is not None:
        kolom["capaian_thd_nasional"] = nasional
    return Blok(kolom, r_num, t_hi, notes)


def _tanpa_target(t: np.ndarray, neg: np.ndarray) -> np.ndarray:
    """Rows without a target in any quarter of the periode (``t``: rows × quarters): every
    target empty, or every one 0 on a positive indicator (0 is a target when negative)."""
    kosong = np.isnan(t).all(axis=1)
    return kosong | (~neg & (np.nan_to_num(t, nan=0.0) == 0).all(axis=1))
