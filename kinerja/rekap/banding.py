"""Which indicators of different offices are comparable: the comparison key and the mapping.

By default the same normalised name and satuan (case, punctuation and spacing
ignored, "persen"/"persentase" = "%"); a mapping file (CSV or XLSX with columns
``kunci`` and ``indikator`` and/or ``kode``, optionally ``satuan`` and ``kantor``)
gives indicators the same ``kunci`` explicitly.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pandas as pd

from kinerja.inti.errors import InputError

__all__ = ["baca_pemetaan", "kunci_banding", "terapkan_pemetaan"]

_PERSEN = {"%", "persen", "persentase", "prosen", "prosentase"}


def _norm_text(s: pd.Series) -> pd.Series:
    text = s.fillna("").astype(str).map(lambda x: unicodedata.normalize("NFKC", x))
    return (
        text.str.casefold()
        .str.replace(r"[^\w%]+", " ", regex=True)
        .str.strip()
        # "Prosentase" is a common misspelling of "Persentase"
        .str.replace(r"\bprosentase\b", "persentase", regex=True)
    )


def _norm_satuan(s: pd.Series) -> pd.Series:
    text = _norm_text(s)
    return text.where(~text.isin(_PERSEN), "%")


def kunci_banding(indikator: pd.Series, satuan: pd.Series) -> pd.Series:
    """The comparison key of each indicator: normalised name and satuan."""
    return _norm_text(indikator) + " [" + _norm_satuan(satuan) + "]"


def baca_pemetaan(path: Path) -> pd.DataFrame:
    """A mapping file (CSV or XLSX): kunci + indikator and/or kode (+ satuan, kantor)."""
    path = Path(path)
    try:
        if path.suffix.casefold() in (".xlsx", ".xlsm"):
            frame = pd.read_excel(path, engine="calamine", dtype=str)
        else:
            frame = pd.read_csv(path, sep=None, engine="python", dtype=str, encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f'Berkas pemetaan "{path}" tidak ditemukan.') from None
    except Exception as exc:  # calamine/csv errors have no common type
        raise InputError(f'Berkas pemetaan "{path.name}" tidak dapat dibaca: {exc}') from None
    frame.columns = [str(c).strip().casefold() for c in frame.columns]
    if "kunci" not in frame.columns or not {"indikator", "kode"} & set(frame.columns):
        raise InputError(
            f'Berkas pemetaan "{path.name}" harus memuat kolom "kunci" dan kolom "indikator" '
            'atau "kode" (boleh juga "satuan" dan "kantor"). Kolom yang ada: '
            f"{', '.join(frame.columns)}."
        )
    for col in ("indikator", "kode", "satuan", "kantor"):
        frame[col] = frame[col].fillna("").astype(str).str.strip() if col in frame else ""
    frame["kunci"] = frame["kunci"].fillna("").astype(str).str.strip()
    empty = frame.index[frame["kunci"].eq("")]
    if len(empty):
        rows = ", ".join(str(i + 2) for i in empty[:5])
        raise InputError(f'Berkas pemetaan "{path.name}": kolom kunci kosong pada baris {rows}.')
    return frame


def terapkan_pemetaan(ind: pd.DataFrame, peta: pd.DataFrame) -> pd.DataFrame:
    """Give the indicators a mapping file names (by kode, per office or for all, else by name
    and satuan) its ``kunci``; their ``dasar_banding`` becomes "pemetaan"."""
    by_kode = peta[peta["kode"].ne("")]
    by_nama = peta[peta["kode"].eq("") & peta["indikator"].ne("")]
    kunci = pd.Series(pd.NA, index=ind.index, dtype=object)
    if len(by_kode):
        spesifik = by_kode[by_kode["kantor"].ne("")]
        umum = by_kode[by_kode["kantor"].eq("")]
        a = dict(
            zip(
                zip(spesifik["kantor"], spesifik["kode"], strict=True),
                spesifik["kunci"],
                strict=True,
            )
        )
        b = dict(zip(umum["kode"], umum["kunci"], strict=True))
        pairs = pd.Series(list(zip(ind["kantor_kode"], ind["kode"], strict=True)), index=ind.index)
        kunci = kunci.fillna(pairs.map(a)).fillna(ind["kode"].map(b))
    if len(by_nama):
        nama = _norm_text(by_nama["indikator"])
        sat = by_nama["satuan"]
        tanpa = dict(zip(nama[sat.eq("")], by_nama["kunci"][sat.eq("")], strict=True))
        dengan = dict(
            zip(
                nama[sat.ne("")] + " [" + _norm_satuan(sat[sat.ne("")]) + "]",
                by_nama["kunci"][sat.ne("")],
                strict=True,
            )
        )
        kunci = kunci.fillna(ind["kunci"].map(dengan)).fillna(
            _norm_text(ind["indikator"]).map(tanpa)
        )
    mapped = kunci.notna()
    out = ind.copy()
    out.loc[mapped, "kunci"] = "peta: " + kunci[mapped].astype(str)
    out.loc[mapped, "dasar_banding"] = "pemetaan"
    return out
