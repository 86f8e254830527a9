"""Target and realisasi of each quarter as every export prints them.

A range target stays a range ("2 – 3", not its upper bound) and a qualitative
indikator shows its labels ("BB", "B"), not their ordinal values; other cells stay
numbers. Shared by the document's per-quarter table and the xlsx export.
"""

from __future__ import annotations

import pandas as pd

from kinerja.dokumen.data import DokumenData
from kinerja.inti.capaian import resolve_target
from kinerja.inti.tampilan import format_target

__all__ = ["nilai_per_tw"]


def nilai_per_tw(data: DokumenData) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(target, realisasi) per kode × TW: text for ranges and labels, else numbers."""
    p = data.pengukuran
    pk = data.pk.indikator.set_index("kode", drop=False)
    kodes = p.indikator["kode"]
    kual = p.indikator["label_target"].ne("").to_numpy()
    target = p.target_tw.astype(object)
    real = p.realisasi_tw.astype(object)
    raw = data.realisasi_long
    labels = pd.DataFrame(index=p.realisasi_tw.index, columns=p.realisasi_tw.columns, dtype=object)
    if kual.any() and len(raw):
        last = raw.assign(tw=pd.to_numeric(raw["tw"])).drop_duplicates(["kode", "tw"], keep="last")
        grid = last.pivot(index="kode", columns="tw", values="realisasi")
        labels = grid.reindex(index=labels.index, columns=labels.columns)
    for tw in target.columns:
        cells = pk[f"target_tw{tw}"].reindex(kodes)
        t = resolve_target(
            cells, pk["jenis_target"].reindex(kodes), pk["skala"].reindex(kodes), data.pk.ordinal
        )
        rng = (t.lo < t.hi).to_numpy() & ~kual
        target.loc[kodes[rng], tw] = [
            format_target(lo, hi) for lo, hi in zip(t.lo[rng], t.hi[rng], strict=True)
        ]
        kual_t = cells[kual]
        text = kual_t.astype("str").str.strip().where(kual_t.notna(), None)
        target.loc[kodes[kual], tw] = text.astype(object).to_numpy()
        shown = labels.loc[kodes[kual], tw]
        real.loc[kodes[kual], tw] = shown.where(shown.notna(), None).astype(object).to_numpy()
    return target, real
