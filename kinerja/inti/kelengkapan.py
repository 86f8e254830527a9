"""Completeness of realisasi: unit × indikator × triwulan (pure; no files, no SQL).

For every indikator of the PK and every quarter the periode covers, the status
is ``ada`` (a value was reported), ``kosong`` (a form came back with the cell
empty) or ``belum`` (nothing came back yet).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from kinerja.inti.model import SINGKAT_TRIWULAN, Periode

__all__ = ["STATUS", "kelengkapan", "matriks", "ringkasan"]

STATUS = ("ada", "kosong", "belum")


def kelengkapan(indikator: pd.DataFrame, realisasi: pd.DataFrame, periode: Periode) -> pd.DataFrame:
    """Long frame: unit, kode, indikator, tw, status (one row per indikator and quarter)."""
    grid = indikator[["unit", "kode", "indikator"]].merge(
        pd.DataFrame({"tw": list(periode.triwulan)}), how="cross"
    )
    if realisasi is None or realisasi.empty:
        grid["status"] = "belum"
        return grid
    values = realisasi[["kode", "tw", "realisasi"]].copy()
    values["tw"] = values["tw"].astype("int64")
    text = values["realisasi"].astype("str").str.strip()
    values["terisi"] = values["realisasi"].notna() & ~text.isin(["", "nan", "None"])
    values = values.drop_duplicates(["kode", "tw"], keep="last")[["kode", "tw", "terisi"]]
    merged = grid.merge(values, on=["kode", "tw"], how="left")
    reported = merged["terisi"].notna().to_numpy()
    filled = merged["terisi"].fillna(False).astype(bool).to_numpy()
    merged["status"] = np.select([filled, reported], ["ada", "kosong"], "belum")
    return merged.drop(columns="terisi")


def matriks(long: pd.DataFrame) -> pd.DataFrame:
    """Wide: one row per (unit, kode, indikator), one column per quarter (``TW I`` …)."""
    wide = long.pivot_table(
        index=["unit", "kode", "indikator"], columns="tw", values="status", aggfunc="first"
    )
    wide.columns = [SINGKAT_TRIWULAN[int(c)] for c in wide.columns]
    order = long.drop_duplicates(["unit", "kode", "indikator"]).set_index(
        ["unit", "kode", "indikator"]
    )
    return wide.reindex(order.index).reset_index()


def ringkasan(long: pd.DataFrame, periode: Periode) -> dict[str, Any]:
    """The completeness as plain data (for ``--laporan-json``)."""
    wide = matriks(long) if not long.empty else pd.DataFrame()
    missing = long[long["status"].ne("ada")]
    return {
        "periode": str(periode),
        "triwulan": list(periode.triwulan),
        "terisi": int(long["status"].eq("ada").sum()),
        "seharusnya": len(long),
        "lengkap": bool(missing.empty),
        "belum": [
            {"unit": r.unit, "kode": r.kode, "tw": int(r.tw), "status": r.status}
            for r in missing.itertuples(index=False)
        ],
        "matriks": wide.to_dict("records"),
    }
