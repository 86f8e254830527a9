"""The rules on single cells of the realisasi grid and on quarter-to-quarter jumps.

Each rule is a vectorized mask over the grid (``grid.grid_realisasi``); only the
flagged rows become findings. Thresholds come from ``OpsiValidasi``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kinerja.inti.angka import format_persen
from kinerja.inti.errors import ERROR, WARNING, Temuan
from kinerja.validasi.grid import format_nilai, info_sel, temuan_sel
from kinerja.validasi.opsi import OpsiValidasi

__all__ = ["aturan_lonjakan", "aturan_sel"]


def aturan_sel(grid: pd.DataFrame, periode: str, opsi: OpsiValidasi) -> list[Temuan]:
    """Missing, unreadable, out-of-range and negative realisasi; missing bukti dukung.

    The rules judge the value in force (``raw``: a reviewer's correction laid over the
    unit's value); a finding's ``nilai`` is what the unit submitted (``kiriman``), the value
    a decision on it is tied to."""
    out: list[Temuan] = []
    for row in grid[~grid["ada"]].itertuples():
        out.append(
            temuan_sel(
                "realisasi-kosong",
                periode,
                row,
                tingkat=ERROR if bool(row.wajib) else WARNING,
                kolom="realisasi",
                data={**info_sel(row), "wajib": bool(row.wajib)},
            )
        )
    for row in grid[grid["ada"] & grid["angka"].isna()].itertuples():
        out.append(
            temuan_sel(
                "realisasi-tidak-terbaca",
                periode,
                row,
                kolom="realisasi",
                nilai=row.kiriman,
                data={**info_sel(row), "realisasi": row.raw},
                teks=row.raw,
                dibaca_sebagai="nilai skala indikator ini" if row.kualitatif else "angka",
            )
        )
    for kode, flag in (
        ("persen-di-luar-rentang", grid["persen_salah"]),
        ("realisasi-negatif", grid["negatif"]),
    ):
        for row in grid[flag].itertuples():
            out.append(
                temuan_sel(
                    kode,
                    periode,
                    row,
                    kolom="realisasi",
                    nilai=row.kiriman,
                    data={**info_sel(row), "realisasi": float(row.angka)},
                    angka=format_nilai(row.angka),
                    satuan=row.satuan,
                )
            )
    for row in grid[grid["ada"] & grid["bukti_dukung"].eq("")].itertuples():
        out.append(
            temuan_sel(
                "bukti-dukung-kosong",
                periode,
                row,
                tingkat=ERROR if opsi.bukti_wajib else WARNING,
                kolom="bukti_dukung",
                data=info_sel(row),
            )
        )
    return out


def aturan_lonjakan(grid: pd.DataFrame, periode: str, opsi: OpsiValidasi) -> list[Temuan]:
    """Quarter-on-quarter change of realisasi/target (so planned progress is no jump).

    Values already flagged as impossible (percent out of range, negative) are left
    out: their error says it, a jump warning on the next quarter would only echo it.
    """
    g = grid.sort_values(["kode", "tw"]).copy()
    sah = g["angka"].where(~(g["persen_salah"] | g["negatif"]))
    with np.errstate(divide="ignore", invalid="ignore"):
        g["rasio"] = np.where(g["target"] > 0, sah / g["target"], np.nan)
    g["rasio_lalu"] = g.groupby("kode")["rasio"].shift(1)
    g["angka_lalu"] = g.groupby("kode")["angka"].shift(1)
    g["target_lalu"] = g.groupby("kode")["target"].shift(1)
    with np.errstate(divide="ignore", invalid="ignore"):
        g["ubah"] = (g["rasio"] - g["rasio_lalu"]) / g["rasio_lalu"] * 100
    flag = (
        ~g["kualitatif"]
        & (g["rasio_lalu"] > 0)
        & g["ubah"].abs().gt(opsi.lonjakan_persen)
        & g["kendala"].eq("")
    )
    out = []
    for row in g[flag].itertuples():
        out.append(
            temuan_sel(
                "lonjakan-triwulan",
                periode,
                row,
                kolom="realisasi",
                nilai=row.kiriman,
                data={
                    **info_sel(row),
                    "realisasi": float(row.angka),
                    "realisasi_sebelumnya": float(row.angka_lalu),
                    "target": float(row.target),
                    "target_sebelumnya": float(row.target_lalu),
                    "perubahan_persen": float(row.ubah),
                    "batas_persen": opsi.lonjakan_persen,
                },
                angka=format_nilai(row.angka),
                target=format_nilai(row.target),
                angka_lalu=format_nilai(row.angka_lalu),
                target_lalu=format_nilai(row.target_lalu),
                arah="naik" if row.ubah > 0 else "turun",
                perubahan=format_persen(abs(row.ubah)),
                batas=format_persen(opsi.lonjakan_persen),
            )
        )
    return out
