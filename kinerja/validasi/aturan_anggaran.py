"""The budget rules.

``aturan_anggaran``: an indikator that measures budget realisation (declared in the PK
with ``ukur_anggaran``) must equal the Anggaran sheet's realisasi / pagu. The same
quantity printed twice with two values (the demo's IK-02 96,56 % against the budget
table's 96,26 %) is noticed here; both numbers are compared as printed (2 decimals,
half up).

``anggaran_belum_dilaporkan``: an office whose PK has programs with pagu, and no budget
realisasi at all for the periode's quarter. A KESALAHAN, like ``realisasi-kosong``: the
budget figures of Bab III F and Bab IV cannot be printed, so the document stays a draft
until a reviewer decides (the unit fills its Anggaran sheet, or Terima with a reason).

``anggaran-program-belum-dilaporkan``: some programs reported and one with pagu did not,
for a quarter up to the periode's (the periode's own quarter only when the office-wide
finding above does not already cover it). One finding per program and quarter, naming
the program and the unit that reports budget. A KESALAHAN for the same reason as
``realisasi-kosong`` of a wajib indikator: the quarter is closed and the document would
print a total without it (``capaian_anggaran`` then sums only the programs that reported
and Bab III F / Bab IV say so, sementara). At intake the empty cell is only a PERINGATAN
(``anggaran-kosong``: the form is kept, the value may still come); ``inti.tingkat``'s one
severity per rule covers values that are wrong, not values not yet sent.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kinerja.inti.angka import format_persen, format_rupiah
from kinerja.inti.capaian import round_half_up_array
from kinerja.inti.errors import Temuan
from kinerja.inti.model import NAMA_TRIWULAN, ROMAWI, Periode
from kinerja.inti.pengukuran import Pengukuran, capaian_anggaran
from kinerja.validasi.grid import info_indikator, lokasi
from kinerja.validasi.pesan import temuan

__all__ = ["KOLOM_UKUR_ANGGARAN", "anggaran_belum_dilaporkan", "aturan_anggaran"]

KOLOM_UKUR_ANGGARAN = "ukur_anggaran"  # as kantor.pk names it


def aturan_anggaran(
    p: Pengukuran,
    grid: pd.DataFrame,
    program: pd.DataFrame | None,
    anggaran: pd.DataFrame | None,
    periode: Periode,
) -> list[Temuan]:
    """``realisasi-anggaran-beda`` for each declaring indikator whose realisasi s.d. the
    periode differs from the budget realisation of its program (or of the whole budget).
    Not against a program, or a total, that is missing a report: that is its own finding."""
    ind = p.indikator
    if (
        KOLOM_UKUR_ANGGARAN not in ind.columns
        or program is None
        or anggaran is None
        or not len(program)
    ):
        return []
    declared = ind[KOLOM_UKUR_ANGGARAN].fillna("").astype("str").ne("")
    if not declared.any():
        return []
    uang = capaian_anggaran(program, anggaran, periode)
    kunci = uang["kode"].astype("str").where(uang["program"].ne("Jumlah"), "jumlah")
    persen = uang["capaian_anggaran"].where(uang["dilaporkan"].astype(bool))  # no partial total
    serapan = pd.Series(round_half_up_array(persen), index=kunci.to_numpy())
    target_key = ind[KOLOM_UKUR_ANGGARAN].fillna("").astype("str")
    budget = target_key.map(serapan).astype(float)
    real = pd.Series(round_half_up_array(ind["realisasi_sd"].astype(float)), index=ind.index)
    beda = declared & budget.notna() & real.notna() & ~np.isclose(real, budget, atol=1e-9)
    filled = grid[grid["ada"]].sort_values("tw").drop_duplicates("kode", keep="last")
    where = filled.set_index("kode")
    out = []
    for i in np.flatnonzero(beda.to_numpy()):
        r = ind.iloc[i]
        key = target_key.iloc[i]
        loc = where.loc[r["kode"]] if r["kode"] in where.index else None
        name = "seluruh anggaran" if key == "jumlah" else f"program {key}"
        out.append(
            temuan(
                "realisasi-anggaran-beda",
                str(periode),
                unit=r["unit"],
                indikator=r["kode"],
                tw=periode.tw,
                kolom="realisasi",
                nilai=format_persen(real.iloc[i]),
                data={
                    **info_indikator(r),
                    "realisasi": float(real.iloc[i]),
                    "realisasi_anggaran_persen": float(budget.iloc[i]),
                    "ukur_anggaran": key,
                },
                **(lokasi(loc) if loc is not None else {}),
                nama_indikator=r["indikator"],
                periode_sd=periode.label_sd,
                angka=format_persen(real.iloc[i]),
                anggaran=format_persen(budget.iloc[i]),
                sumber=name,
            )
        )
    return out


def anggaran_belum_dilaporkan(
    program: pd.DataFrame | None,
    anggaran: pd.DataFrame | None,
    periode: Periode,
    unit: str | None,
) -> list[Temuan]:
    """``anggaran-belum-dilaporkan`` when programs have pagu and no program has a budget
    realisasi in the periode's quarter (``unit``: who reports it, None when nobody does),
    and ``anggaran-program-belum-dilaporkan`` for each program with pagu and each quarter
    up to the periode's without it (bar the quarter the first finding covers).
    ``anggaran`` None: no budget data was given to check (an empty frame is checked)."""
    if program is None or anggaran is None or not len(program) or "pagu" not in program:
        return []
    pagu = pd.to_numeric(program["pagu"], errors="coerce").fillna(0)
    if not pagu.gt(0).any():
        return []
    kosong = _kosong(program, anggaran, periode)
    kuartal = kosong[kosong["tw"].eq(periode.tw)]
    if kuartal["semua"].any():  # nothing at all this quarter: one finding for the office
        kosong = kosong[kosong["tw"].ne(periode.tw)]
    out = [_program_belum(r, periode, unit) for r in kosong.itertuples()]
    if not kuartal["semua"].any():
        return out
    if unit:
        saran = (
            f"Minta unit {unit} mengisi lembar Anggaran formulirnya (Kembalikan), atau terima "
            "dengan alasan bila realisasi anggaran memang belum tersedia."
        )
    else:
        saran = (
            "Tidak ada unit yang melaporkan realisasi anggaran: isi [formulir] unit_anggaran di "
            "kantor.toml dengan kode unit yang mengisi lembar Anggaran, buat ulang formulir unit "
            "itu, lalu himpun kembali."
        )
    return [
        temuan(
            "anggaran-belum-dilaporkan",
            str(periode),
            unit=unit or "",
            tw=periode.tw,
            kolom="realisasi_anggaran",
            lembar="Anggaran",
            data={"jumlah_program": int(len(program)), "pagu": float(pagu.sum())},
            triwulan=f"{NAMA_TRIWULAN[periode.tw]} {periode.tahun}",
            jumlah_program=len(program),
            pagu=format_rupiah(float(pagu.sum())),
            saran=saran,
        ),
        *out,
    ]


def _kosong(program: pd.DataFrame, anggaran: pd.DataFrame, periode: Periode) -> pd.DataFrame:
    """(kode, program, tw, semua) of each program with pagu and each quarter up to the
    periode's without budget realisasi; ``semua``: no program reported that quarter."""
    pagu = pd.to_numeric(program["pagu"], errors="coerce").fillna(0)
    berpagu = program.loc[pagu.gt(0), ["kode", "program"]].astype("str")
    kode = set(program["kode"].astype("str"))
    ada = anggaran.iloc[:0]
    if len(anggaran):
        nilai = pd.to_numeric(anggaran["realisasi_anggaran"], errors="coerce")
        ada = anggaran.loc[nilai.notna() & anggaran["kode"].astype("str").isin(kode)]
    dilapor = set(zip(ada["kode"].astype("str"), ada["tw"].astype(int), strict=True))
    tw_ada = {tw for _, tw in dilapor}
    rows = [
        (k, nama, tw, tw not in tw_ada)
        for tw in range(1, periode.tw + 1)
        for k, nama in zip(berpagu["kode"], berpagu["program"], strict=True)
        if (k, tw) not in dilapor
    ]
    return pd.DataFrame(rows, columns=["kode", "program", "tw", "semua"])


def _program_belum(r: object, periode: Periode, unit: str | None) -> Temuan:
    """``anggaran-program-belum-dilaporkan`` for program ``r.kode`` in quarter ``r.tw``."""
    triwulan = f"{NAMA_TRIWULAN[r.tw]} {periode.tahun}"
    if not unit:
        saran = (
            "Tidak ada unit yang melaporkan realisasi anggaran: isi [formulir] unit_anggaran di "
            "kantor.toml dengan kode unit yang mengisi lembar Anggaran."
        )
    elif r.tw == periode.tw:
        saran = (
            f"Minta unit {unit} mengisi realisasi program itu di lembar Anggaran formulirnya "
            "(Kembalikan), atau terima dengan alasan bila realisasinya memang belum tersedia."
        )
    else:
        saran = (
            f"Minta unit {unit} mengirim ulang formulir {triwulan} dengan realisasi program itu "
            "di lembar Anggaran, atau terima dengan alasan bila realisasinya memang belum tersedia."
        )
    return temuan(
        "anggaran-program-belum-dilaporkan",
        str(periode),
        unit=unit or "",
        tw=r.tw,
        kolom=f"realisasi_anggaran:{r.kode}",
        lembar="Anggaran",
        data={"program": r.kode, "judul_kolom": f"Realisasi TW {ROMAWI[r.tw]}, program {r.kode}"},
        kode_program=r.kode,
        program=r.program,
        triwulan=triwulan,
        pelapor=f" oleh unit {unit}" if unit else "",
        saran=saran,
    )
