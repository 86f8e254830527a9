"""The rules on the measurement: capaian outside the office's band, and the year's
realisasi against last year's, each unless a kendala of the periode's TW explains it."""

from __future__ import annotations

import numpy as np
import pandas as pd

from kinerja.inti.angka import format_persen
from kinerja.inti.errors import Temuan
from kinerja.inti.model import Periode
from kinerja.inti.pengukuran import Pengukuran
from kinerja.validasi.grid import format_nilai, info_indikator, lokasi
from kinerja.validasi.opsi import OpsiValidasi
from kinerja.validasi.pesan import temuan

__all__ = ["aturan_capaian"]


def aturan_capaian(
    p: Pengukuran, grid: pd.DataFrame, periode: Periode, opsi: OpsiValidasi
) -> list[Temuan]:
    """Capaian band and, in TW IV, the comparison with last year (kendala of the periode's TW)."""
    last = grid[grid["tw"] == periode.tw].set_index("kode")
    out = _band(p.indikator, last, periode, opsi)
    if periode.tw == 4:
        out += _tahun_lalu(p.indikator, last, periode, opsi)
    return out


def _band(
    ind: pd.DataFrame, last: pd.DataFrame, periode: Periode, opsi: OpsiValidasi
) -> list[Temuan]:
    kendala = ind["kode"].map(last["kendala"]).fillna("")
    loc = last.reindex(ind["kode"])
    cap = ind["capaian_tw"].astype(float)
    out: list[Temuan] = []
    for kode, mask, batas in (
        ("capaian-tinggi", cap > opsi.capaian_atas, opsi.capaian_atas),
        ("capaian-rendah", cap < opsi.capaian_bawah, opsi.capaian_bawah),
    ):
        for i in np.flatnonzero((mask & kendala.eq("")).to_numpy()):
            r = ind.iloc[i]
            out.append(
                temuan(
                    kode,
                    str(periode),
                    unit=r["unit"],
                    indikator=r["kode"],
                    tw=periode.tw,
                    kolom="realisasi",
                    nilai=str(loc["kiriman"].iloc[i]),
                    data={
                        **info_indikator(r),
                        "capaian": float(r["capaian_tw"]),
                        "realisasi_sd": float(r["realisasi_sd"]),
                        "target_sd": float(r["target_sd"]),
                        "batas_persen": batas,
                    },
                    **lokasi(loc.iloc[i]),
                    nama_indikator=r["indikator"],
                    periode_sd=periode.label_sd,
                    capaian=format_persen(r["capaian_tw_2d"]),
                    batas=format_persen(batas),
                )
            )
    return out


def _tahun_lalu(
    ind: pd.DataFrame, last: pd.DataFrame, periode: Periode, opsi: OpsiValidasi
) -> list[Temuan]:
    kendala = ind["kode"].map(last["kendala"]).fillna("")
    kualitatif = ind["kode"].map(last["kualitatif"]).fillna(False).astype(bool)
    loc = last.reindex(ind["kode"])
    now = ind["realisasi_sd"].astype(float)
    before = ind["realisasi_tahun_lalu_nilai"].astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        ubah = (now - before) / before * 100
    flag = ~kualitatif & (before > 0) & ubah.abs().gt(opsi.lonjakan_persen) & kendala.eq("")
    out = []
    for i in np.flatnonzero(flag.to_numpy()):
        r = ind.iloc[i]
        out.append(
            temuan(
                "lonjakan-tahun-lalu",
                str(periode),
                unit=r["unit"],
                indikator=r["kode"],
                tw=4,
                kolom="realisasi",
                nilai=str(loc["kiriman"].iloc[i]),
                data={
                    **info_indikator(r),
                    "realisasi": float(now.iloc[i]),
                    "realisasi_tahun_lalu": float(before.iloc[i]),
                    "perubahan_persen": float(ubah.iloc[i]),
                    "batas_persen": opsi.lonjakan_persen,
                },
                **lokasi(loc.iloc[i]),
                nama_indikator=r["indikator"],
                tahun=periode.tahun,
                angka=format_nilai(now.iloc[i]),
                angka_lalu=format_nilai(before.iloc[i]),
                arah="naik" if ubah.iloc[i] > 0 else "turun",
                perubahan=format_persen(abs(ubah.iloc[i])),
                batas=format_persen(opsi.lonjakan_persen),
            )
        )
    return out
