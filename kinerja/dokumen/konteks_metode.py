"""Template context of BAB III A, the measuring method: formulas, periods, scale, examples.

Only the formulas and period kinds the office's own indikator use are printed,
and the worked examples are taken from its own rows.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from kinerja.dokumen.data import DokumenData
from kinerja.inti.angka import format_persen
from kinerja.inti.capaian import RUMUS_TEKS
from kinerja.inti.tampilan import format_nilai
from kinerja.kantor.katalog import predikat_anggaran_kantor

__all__ = ["JENIS_PERIODE_TEKS", "METODE_TEKS", "konteks_metode"]

JENIS_PERIODE_TEKS = {
    "kumulatif": "Kumulatif: realisasi s.d. triwulan = jumlah realisasi triwulan I s.d. n, "
    "dibandingkan dengan jumlah target triwulan yang sama.",
    "akhir": "Posisi akhir: realisasi triwulan terakhir yang terisi, dibandingkan dengan target "
    "triwulan tersebut.",
    "rata_rata": "Rata-rata: rata-rata realisasi triwulan yang terisi, dibandingkan dengan "
    "rata-rata target triwulan yang sama.",
}
METODE_TEKS = {
    "rata_rata": "rata-rata sederhana (tanpa bobot) capaian indikator yang terisi",
    "berbobot": "rata-rata berbobot (bobot dari Perjanjian Kinerja) capaian indikator",
    "rata_sasaran": "rata-rata capaian sasaran",
}


def _contoh(ind: pd.DataFrame) -> list[dict[str, str]]:
    """Worked examples from the office's own rows: one positive, one negative (numbers only)."""
    out = []
    for polaritas in ("positif", "negatif"):
        rows = ind[
            ind["polaritas"].eq(polaritas)
            & ind["label_target"].eq("")
            & ind["capaian_tw"].notna()
            & (ind["target_sd_lo"] == ind["target_sd"])
            & (ind["target_sd"] != 0)
        ]
        if rows.empty:
            continue
        r = rows.iloc[0]
        t = format_nilai(float(r["target_sd"]))
        real = format_nilai(float(r["realisasi_sd"]))
        hasil = format_persen(r["capaian_tw_2d"])
        if polaritas == "positif":
            rumus = f"{real} / {t} × 100% = {hasil}"
        elif r["rumus"] == "T/R":
            rumus = f"{t} / {real} × 100% = {hasil}"
        else:
            rumus = f"(2 × {t} − {real}) / {t} × 100% = {hasil}"
        out.append(
            {
                "kode": r["kode"],
                "indikator": r["indikator"],
                "satuan": r["satuan"],
                "polaritas": polaritas,
                "jenis_periode": str(r["jenis_periode_efektif"]).replace("_", "-"),
                "target": t,
                "realisasi": real,
                "rumus": rumus,
                "predikat": r["predikat"] or "-",
            }
        )
    return out


def _rumus(ind: pd.DataFrame) -> list[dict[str, str]]:
    """The formulas in use: positive polarity, the negative ones used, range, qualitative."""
    rumus = [
        {"nama": "Polaritas positif (semakin tinggi semakin baik)", "teks": RUMUS_TEKS["positif"]}
    ]
    used = set(ind.loc[ind["polaritas"].eq("negatif"), "rumus"])
    for key in ("2T-R", "T/R"):
        if key in used:
            rumus.append({"nama": f"Polaritas negatif, rumus {key}", "teks": RUMUS_TEKS[key]})
    rumus.append({"nama": "Target rentang", "teks": RUMUS_TEKS["rentang"]})
    if (ind["label_target"] != "").any():
        rumus.append({"nama": "Target kualitatif", "teks": RUMUS_TEKS["kualitatif"]})
    return rumus


def konteks_metode(data: DokumenData) -> dict[str, Any]:
    """Context of BAB III A: rumus, jenis periode, skala predikat, agregasi, contoh."""
    p = data.pengukuran
    ind = p.indikator
    jenis_used = [j for j in JENIS_PERIODE_TEKS if j in set(ind["jenis_periode_efektif"])]
    sa = predikat_anggaran_kantor(data.kantor)
    return {
        "rumus": _rumus(ind),
        "jenis_periode": [JENIS_PERIODE_TEKS[j] for j in jenis_used],
        "skala": {"nama": p.skala.nama, "sumber": p.skala.sumber, "baris": p.skala.rows()},
        "skala_anggaran": None
        if sa is None
        else {"nama": sa.nama, "sumber": sa.sumber, "baris": sa.rows()},
        "agregasi": {
            "metode": METODE_TEKS.get(p.opsi.metode, p.opsi.metode),
            "batas_atas": format_persen(p.opsi.batas_atas) if p.opsi.batas_atas is not None else "",
        },
        "contoh": _contoh(ind),
    }
