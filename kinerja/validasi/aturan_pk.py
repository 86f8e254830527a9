"""The rules on the office's own data: the PK (an ``akhir`` indikator's TW IV target,
program pagu against the declared DPA total, a disbursement plan adding up to the pagu)
and the officials' NIP in kantor.toml."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from kinerja.inti.angka import format_rupiah
from kinerja.inti.capaian import resolve_target
from kinerja.inti.errors import Temuan
from kinerja.inti.nip import nip_problem_messages
from kinerja.validasi.grid import format_nilai, teks
from kinerja.validasi.opsi import OpsiValidasi
from kinerja.validasi.pesan import temuan

__all__ = ["aturan_nip", "aturan_pk"]


def aturan_pk(
    ind: pd.DataFrame,
    program: pd.DataFrame | None,
    periode: str,
    opsi: OpsiValidasi,
    ordinal: Mapping[str, Any] | None,
    berkas_pk: str,
) -> list[Temuan]:
    """The ``akhir`` indikators' TW IV targets, then the programs' pagu (when there are any)."""
    out = _target_akhir(ind, periode, ordinal, berkas_pk)
    if program is not None and len(program):
        out += _pagu(program, periode, opsi, berkas_pk)
        out += _rencana(program, periode, berkas_pk)
    return out


def _target_akhir(
    ind: pd.DataFrame, periode: str, ordinal: Mapping[str, Any] | None, berkas_pk: str
) -> list[Temuan]:
    """An indikator measured at the end of the year must have TW IV target = annual target."""
    akhir = teks(ind["jenis_periode"]).str.casefold().eq("akhir")
    tw4 = resolve_target(ind["target_tw4"], ind["jenis_target"], ind["skala"], ordinal)
    thn = resolve_target(ind["target_tahunan"], ind["jenis_target"], ind["skala"], ordinal)
    same_num = np.isclose(tw4.lo, thn.lo, equal_nan=True) & np.isclose(
        tw4.hi, thn.hi, equal_nan=True
    )
    both_nan = tw4.hi.isna() & thn.hi.isna()
    teks_tw4 = teks(ind["target_tw4"])
    teks_tahunan = teks(ind["target_tahunan"])
    same_text = teks_tw4.str.casefold().eq(teks_tahunan.str.casefold())
    beda = akhir & ~(same_num & (~both_nan | same_text))
    out = []
    for i in np.flatnonzero(beda.to_numpy()):
        r = ind.iloc[i]
        out.append(
            temuan(
                "target-akhir-tw4-beda",
                periode,
                unit=r["unit"],
                indikator=r["kode"],
                tw=4,
                kolom="target_tw4",
                nilai=teks_tw4.iloc[i],
                berkas=berkas_pk,
                lembar="Indikator",
                data={
                    "nama_indikator": r["indikator"],
                    "target_tw4": teks_tw4.iloc[i],
                    "target_tahunan": teks_tahunan.iloc[i],
                },
                nama_indikator=r["indikator"],
                target_tw4=teks_tw4.iloc[i],
                target_tahunan=teks_tahunan.iloc[i],
            )
        )
    return out


def _pagu(program: pd.DataFrame, periode: str, opsi: OpsiValidasi, berkas_pk: str) -> list[Temuan]:
    """Every program's pagu is a number; their sum is the DPA total when the office declares it."""
    pagu = pd.to_numeric(program["pagu"], errors="coerce")
    out = []
    for i in np.flatnonzero(pagu.isna().to_numpy()):
        r = program.iloc[i]
        out.append(
            temuan(
                "pagu-tidak-terbaca",
                periode,
                unit=str(r.get("unit", "")),
                indikator=str(r["kode"]),
                kolom="pagu",
                nilai=str(program["pagu"].iloc[i]),
                berkas=berkas_pk,
                lembar="Program",
                data={"program": r["program"]},
                kode_program=r["kode"],
                program=r["program"],
            )
        )
    if opsi.total_pagu is not None:
        jumlah = float(pagu.sum())
        if abs(jumlah - opsi.total_pagu) > 0.5:
            out.append(
                temuan(
                    "pagu-tidak-sama-total",
                    periode,
                    kolom="pagu",
                    nilai=format_nilai(jumlah),
                    berkas=berkas_pk,
                    lembar="Program",
                    data={"jumlah_pagu": jumlah, "total_pagu": opsi.total_pagu},
                    jumlah_program=len(program),
                    jumlah=format_rupiah(jumlah),
                    total=format_rupiah(opsi.total_pagu),
                    selisih=format_rupiah(jumlah - opsi.total_pagu),
                )
            )
    return out


def _rencana(program: pd.DataFrame, periode: str, berkas_pk: str) -> list[Temuan]:
    """The four quarters of a program's disbursement plan add up to its pagu (0,5 rupiah)."""
    cols = [f"rencana_tw{tw}" for tw in range(1, 5)]
    if not all(c in program.columns for c in cols):
        return []
    jumlah = program[cols].apply(pd.to_numeric, errors="coerce").sum(axis=1, min_count=4)
    pagu = pd.to_numeric(program["pagu"], errors="coerce")
    beda = (jumlah - pagu).abs() > 0.5  # NaN on either side: pagu-tidak-terbaca says so
    out = []
    for i in np.flatnonzero(beda.to_numpy()):
        r = program.iloc[i]
        out.append(
            temuan(
                "rencana-tidak-sama-pagu",
                periode,
                unit=str(r.get("unit", "")),
                indikator=str(r["kode"]),
                kolom="rencana_tw1..rencana_tw4",
                nilai=format_rupiah(jumlah.iloc[i]),
                berkas=berkas_pk,
                lembar="Program",
                data={
                    "program": r["program"],
                    "jumlah_rencana": float(jumlah.iloc[i]),
                    "pagu": float(pagu.iloc[i]),
                },
                kode_program=r["kode"],
                program=r["program"],
                jumlah=format_rupiah(jumlah.iloc[i]),
                pagu=format_rupiah(pagu.iloc[i]),
                selisih=format_rupiah(jumlah.iloc[i] - pagu.iloc[i]),
            )
        )
    return out


def aturan_nip(pejabat: Iterable[Any], periode: str) -> list[Temuan]:
    """Each official's NIP has the structure of domain.md §6 (18 digits, dates, sex)."""
    out = []
    for p in pejabat:
        masalah = nip_problem_messages(p.nip)
        if masalah:
            out.append(
                temuan(
                    "nip-tidak-sah",
                    periode,
                    kolom=f"nip ({p.peran})",
                    nilai=str(p.nip),
                    berkas="kantor.toml",
                    data={"peran": p.peran, "nama": p.nama, "masalah": masalah},
                    nama=p.nama,
                    peran=p.peran,
                    masalah=" ".join(masalah),
                )
            )
    return out
