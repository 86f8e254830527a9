"""The realisasi grid the cell rules look at: one row per indikator × triwulan.

:func:`grid_realisasi` joins the PK, the submitted values (raw text and where each
came from) and the measurement's numbers and targets, with the flags the rules
share (qualitative, percent, value present, percent out of range, negative).
:func:`temuan_sel` makes the finding of one grid row. Pure core (pandas only).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from kinerja.inti.angka import format_angka
from kinerja.inti.errors import Temuan
from kinerja.inti.model import NAMA_TRIWULAN
from kinerja.inti.pengukuran import Pengukuran
from kinerja.inti.tingkat import persen, persen_dibatasi
from kinerja.validasi.pesan import temuan

__all__ = [
    "format_nilai",
    "grid_realisasi",
    "info_indikator",
    "info_sel",
    "lokasi",
    "teks",
    "temuan_sel",
]


def teks(s: pd.Series) -> pd.Series:
    """Cells as stripped text, "" for missing; strips each distinct value once."""
    codes, uniques = pd.factorize(s, use_na_sentinel=True)
    clean = np.array([str(u).strip() for u in uniques] + [""], dtype=object)
    return pd.Series(clean[codes], index=s.index, dtype=object)


def format_nilai(x: float) -> str:
    """A number as a message prints it (``-`` when missing, two decimals unless whole)."""
    if pd.isna(x):
        return "-"
    return format_angka(x, 0 if float(x).is_integer() else 2)


def _submitted(realisasi: pd.DataFrame, n: int) -> pd.DataFrame:
    """The submitted rows of TW 1..n, one per (kode, tw), with where each value came from."""
    r = realisasi.copy()
    if len(r):
        r["kode"] = teks(r["kode"])
        r["tw"] = pd.to_numeric(r["tw"], errors="coerce")
        r = r[r["tw"].between(1, n)].astype({"tw": int})
        r = r.drop_duplicates(["kode", "tw"], keep="last")
    names = ("realisasi", "realisasi_asli", "kendala", "bukti_dukung", "berkas", "lembar", "sel")
    keep = [c for c in (*names, "baris") if c in r.columns]
    renamed = {"realisasi": "raw", "realisasi_asli": "kiriman"}
    return r[["kode", "tw", *keep]].rename(columns=renamed) if len(r) else r


def grid_realisasi(
    ind: pd.DataFrame, realisasi: pd.DataFrame, p: Pengukuran, n: int
) -> pd.DataFrame:
    """One row per indikator × TW 1..n: the value in force (``raw``; the unit's submitted
    value in ``kiriman`` when a reviewer's correction is laid over it), number, kendala,
    bukti, location, flags."""
    base = ind[["kode", "indikator", "satuan", "unit", "wajib", "jenis_target", "skala"]].assign(
        dibatasi=persen_dibatasi(ind["satuan"], ind["target_tahunan"])
    )
    grid = base.merge(pd.DataFrame({"tw": range(1, n + 1)}), how="cross")
    values = _submitted(realisasi, n)
    if len(values):
        grid = grid.merge(values, on=["kode", "tw"], how="left")
    for col in ("raw", "kendala", "bukti_dukung", "berkas", "lembar", "sel"):
        if col not in grid.columns:
            grid[col] = ""
        grid[col] = teks(grid[col].astype(object))
    kiriman = grid["kiriman"] if "kiriman" in grid.columns else grid["raw"]
    grid["kiriman"] = teks(kiriman.astype(object))
    if "baris" not in grid.columns:
        grid["baris"] = np.nan
    num = p.realisasi_tw.stack(future_stack=True).rename("angka").reset_index()
    num.columns = ["kode", "tw", "angka"]
    tgt = p.target_tw.stack(future_stack=True).rename("target").reset_index()
    tgt.columns = ["kode", "tw", "target"]
    grid = grid.merge(num, on=["kode", "tw"], how="left").merge(tgt, on=["kode", "tw"], how="left")
    grid["kualitatif"] = teks(grid["jenis_target"]).str.casefold().eq("kualitatif") | teks(
        grid["skala"]
    ).ne("")
    grid["persen"] = persen(grid["satuan"])
    grid["ada"] = grid["raw"].ne("")
    angka = grid["angka"]
    numerik = grid["ada"] & angka.notna() & ~grid["kualitatif"]
    # above 100 only where the PK does not allow it (inti.tingkat: one rule with intake)
    grid["persen_salah"] = (
        numerik & grid["persen"] & ((angka < 0) | ((angka > 100) & grid["dibatasi"]))
    )
    grid["negatif"] = numerik & ~grid["persen"] & (angka < 0)
    return grid


def lokasi(row: Any) -> dict[str, Any]:
    """Where a grid row's value came from (a namedtuple row or a Series): the form and the
    row's input cell as intake kept it. ``validasi.lokasi.di_formulir`` then names the
    cell of the finding's own field and its column header on the form."""
    baris = getattr(row, "baris", None)
    return {
        "berkas": str(getattr(row, "berkas", "") or ""),
        "lembar": str(getattr(row, "lembar", "") or ""),
        "sel": str(getattr(row, "sel", "") or ""),
        "baris": None if baris is None or pd.isna(baris) else int(baris),
    }


def info_sel(row: Any) -> dict[str, Any]:
    """What a reviewer needs to judge a corrected value (satuan, qualitative or not)."""
    return {
        "nama_indikator": row.indikator,
        "satuan": row.satuan,
        "kualitatif": bool(row.kualitatif),
        "persen_dibatasi": bool(getattr(row, "dibatasi", True)),
    }


def info_indikator(r: pd.Series) -> dict[str, Any]:
    """``info_sel`` for a PK row (the measurement's indikator frame)."""
    kual = str(r["jenis_target"]).casefold() == "kualitatif" or bool(str(r["skala"]).strip())
    return {"nama_indikator": r["indikator"], "satuan": r["satuan"], "kualitatif": kual}


def temuan_sel(kode: str, periode: str, row: Any, **kwargs: Any) -> Temuan:
    """The finding ``kode`` on one grid row: unit, indikator (kode and name), triwulan and
    source from ``row``; ``kwargs`` as for ``pesan.temuan``."""
    tw = int(row.tw)
    return temuan(
        kode,
        periode,
        unit=row.unit,
        indikator=row.kode,
        tw=tw,
        nama_indikator=row.indikator,
        triwulan=NAMA_TRIWULAN[tw],
        **lokasi(row),
        **kwargs,
    )
