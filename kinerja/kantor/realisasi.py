"""The realisasi workbook of an office (the demo's ``realisasi-<tahun>.xlsx``)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from kinerja.kantor.lembar import read_sheet

__all__ = ["load_realisasi_table"]


def load_realisasi_table(path: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A realisasi workbook (sheets ``Realisasi`` and ``Anggaran``) as two long frames."""
    realisasi = read_sheet(path, "Realisasi").dropna(how="all")
    anggaran = read_sheet(path, "Anggaran").dropna(how="all")
    realisasi["kode"] = realisasi["kode"].astype("str").str.strip()
    realisasi["tw"] = pd.to_numeric(realisasi["tw"]).astype(int)
    for col in ("kendala", "tindak_lanjut", "bukti_dukung"):
        if col not in realisasi.columns:
            realisasi[col] = ""
        realisasi[col] = realisasi[col].fillna("").astype("str")
    anggaran["kode"] = anggaran["kode"].astype("str").str.strip()
    anggaran["tw"] = pd.to_numeric(anggaran["tw"]).astype(int)
    anggaran["realisasi_anggaran"] = pd.to_numeric(anggaran["realisasi_anggaran"])
    return realisasi.reset_index(drop=True), anggaran.reset_index(drop=True)
