"""Where a periode's realisasi comes from: the intake database, else the office's table.

Once returned forms were taken in (``kinerja himpun``), the accepted values in
the office database are the source. An office without intake (the demo before
its forms are read, or an analyst working from one table) uses
``<kantor>/realisasi-<tahun>.xlsx``. Every consumer (notebooks, documents,
rules) calls ``load_realisasi`` so they all see the same data.
"""

from __future__ import annotations

import pandas as pd

from kinerja.formulir.simpan import read_values
from kinerja.inti.errors import InputError
from kinerja.kantor.katalog import Kantor
from kinerja.kantor.notasi_pk import notasi_kantor
from kinerja.kantor.realisasi import load_realisasi_table

__all__ = ["load_realisasi"]


def load_realisasi(kantor: Kantor, tahun: int) -> tuple[pd.DataFrame, pd.DataFrame, str]:
    """(realisasi_long, anggaran_long, sumber) for ``tahun``; ``sumber`` names the source."""
    from_db = read_values(kantor.path, tahun)
    if from_db is not None:
        realisasi, anggaran = from_db
        return realisasi, anggaran, "basis data himpunan formulir"
    table = kantor.path / f"realisasi-{tahun}.xlsx"
    if table.is_file():
        realisasi, anggaran = load_realisasi_table(table, notasi_kantor(kantor.config))
        return realisasi, anggaran, table.name
    raise InputError(
        f"Belum ada realisasi tahun {tahun} untuk {kantor.nama}: himpun formulir unit dengan "
        f'"kinerja himpun", atau sediakan {table.name} di folder kantor.'
    )
