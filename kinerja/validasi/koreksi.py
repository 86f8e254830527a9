"""Corrections as a layer over the submitted realisasi.

A correction (``koreksi``) never overwrites the submitted value: :func:`terapkan_koreksi`
lays the corrections in force over the realisasi frame, keeping the unit's value in
``realisasi_asli`` beside the corrected ``realisasi`` and marking ``asal``.
:func:`realisasi_terkoreksi` does so for an office's periode (what the pipeline measures).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from kinerja.formulir.sumber import load_realisasi
from kinerja.inti.model import Periode
from kinerja.kantor.katalog import Kantor, as_kantor
from kinerja.validasi.keputusan import KOLOM_KOREKSI, Keputusan
from kinerja.validasi.ledger import keputusan_berlaku

__all__ = ["realisasi_terkoreksi", "terapkan_koreksi"]


def _as_value(text: str) -> object:
    """Corrected text → float when it is a number (canonical), else the text."""
    try:
        return float(text)
    except ValueError:
        return text


def _frame(kor: list[Keputusan]) -> pd.DataFrame:
    """The corrections, one per (kode, tw, kolom): the latest wins."""
    return pd.DataFrame(
        {
            "kode": [k.indikator for k in kor],
            "tw": [int(k.tw or 0) for k in kor],
            "kolom": [k.kolom for k in kor],
            "nilai": [k.nilai_baru for k in kor],
            "unit": [k.unit for k in kor],
        }
    ).drop_duplicates(["kode", "tw", "kolom"], keep="last")


def _missing_rows(out: pd.DataFrame, kf: pd.DataFrame) -> pd.DataFrame:
    """``out`` with an empty row for each corrected (kode, tw) the unit submitted nothing for."""
    have = pd.MultiIndex.from_frame(out[["kode", "tw"]].astype({"tw": int}))
    want = kf[["kode", "tw", "unit"]].drop_duplicates(["kode", "tw"])
    missing = want[~pd.MultiIndex.from_frame(want[["kode", "tw"]]).isin(have)]
    if not len(missing):
        return out
    extra = pd.DataFrame({c: [np.nan] * len(missing) for c in out.columns})
    extra["kode"] = missing["kode"].to_numpy()
    extra["tw"] = missing["tw"].to_numpy()
    for col in ("kendala", "tindak_lanjut", "bukti_dukung"):
        if col in out.columns:
            extra[col] = ""
    if "unit" in out.columns:
        extra["unit"] = missing["unit"].to_numpy()
    return pd.concat([out, extra.astype(object)], ignore_index=True)


def terapkan_koreksi(realisasi: pd.DataFrame, keputusan: Iterable[Keputusan]) -> pd.DataFrame:
    """The realisasi frame with the corrections in force laid over it.

    ``realisasi`` holds the corrected value, ``realisasi_asli`` what the unit
    submitted (NaN when it submitted nothing), ``asal`` is ``unit`` or ``koreksi``;
    ``bukti_dukung_asli`` likewise when bukti dukung was corrected. Pass the
    decisions in force (``keputusan_berlaku(...).values()``); only ``koreksi`` rows
    act. The input frame is not changed.
    """
    out = realisasi.copy()
    out["realisasi"] = out["realisasi"].astype(object)
    kor = [
        k
        for k in keputusan
        if k.keputusan == "koreksi" and k.kolom in KOLOM_KOREKSI and k.tw and k.indikator
    ]
    kf = _frame(kor) if kor else None
    if kf is not None:
        out = _missing_rows(out, kf)
    out["tw"] = out["tw"].astype(int)
    out["realisasi_asli"] = out["realisasi"]
    out["asal"] = "unit"
    if "bukti_dukung" in out.columns:
        out["bukti_dukung_asli"] = out["bukti_dukung"]
    if kf is None:
        return out
    index = pd.MultiIndex.from_frame(out[["kode", "tw"]])
    for kolom in KOLOM_KOREKSI:
        sub = kf[kf["kolom"] == kolom]
        if not len(sub) or kolom not in out.columns:
            continue
        series = pd.Series(
            sub["nilai"].to_numpy(), index=pd.MultiIndex.from_frame(sub[["kode", "tw"]])
        )
        new = series.reindex(index).to_numpy(dtype=object)
        hit = pd.notna(new)
        values = [_as_value(v) for v in new[hit]] if kolom == "realisasi" else list(new[hit])
        out.loc[hit, kolom] = pd.Series(values, index=out.index[hit], dtype=object)
        out.loc[hit, "asal"] = "koreksi"
    return out


def realisasi_terkoreksi(
    kantor: Kantor | str | Path, periode: Periode | str
) -> tuple[pd.DataFrame, pd.DataFrame, str]:
    """``sumber.load_realisasi`` with the periode's corrections laid over it (for the pipeline)."""
    k = as_kantor(kantor)
    p = Periode.parse(periode)
    realisasi, anggaran, sumber = load_realisasi(k, p.tahun)
    koreksi = keputusan_berlaku(k, p).values()
    return terapkan_koreksi(realisasi, koreksi), anggaran, sumber
