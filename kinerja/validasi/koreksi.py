"""Corrections as a layer over the submitted realisasi.

A correction (``koreksi``) never overwrites the submitted value: :func:`terapkan_koreksi`
(``koreksi_nilai``) lays the corrections in force over the realisasi frame, keeping the
unit's value in ``realisasi_asli`` beside the corrected ``realisasi`` and marking
``asal``. A correction belongs to the value: one decided in an earlier periode's review
holds in every later periode of the year until the unit resubmits that quarter.
:func:`realisasi_terkoreksi` does so for an office's periode (what the pipeline
measures); :func:`prefill_terkoreksi` is what the next forms pre-fill.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from kinerja.formulir.sumber import load_realisasi
from kinerja.inti.errors import InputError
from kinerja.inti.model import Periode
from kinerja.kantor.katalog import Kantor, as_kantor
from kinerja.validasi.koreksi_nilai import koreksi_tahun, terapkan_koreksi

__all__ = ["prefill_terkoreksi", "realisasi_terkoreksi", "terapkan_koreksi"]


def realisasi_terkoreksi(
    kantor: Kantor | str | Path, periode: Periode | str
) -> tuple[pd.DataFrame, pd.DataFrame, str]:
    """``sumber.load_realisasi`` with the corrections in force for ``periode`` laid over it
    (those of its own review and of the year's earlier reviews, unless superseded)."""
    k = as_kantor(kantor)
    p = Periode.parse(periode)
    realisasi, anggaran, sumber = load_realisasi(k, p.tahun)
    return terapkan_koreksi(realisasi, koreksi_tahun(k.path, p)), anggaran, sumber


def prefill_terkoreksi(
    kantor: Kantor | str | Path, periode: Periode | str
) -> tuple[pd.DataFrame | None, pd.DataFrame | None]:
    """(realisasi, anggaran) the forms of ``periode`` pre-fill for the earlier quarters: the
    corrected values of the earlier reviews; (None, None) while the office has no data."""
    try:
        realisasi, anggaran, _ = realisasi_terkoreksi(kantor, periode)
    except InputError:
        return None, None
    return realisasi, anggaran
