"""Validation rules for a periode: data in, a list of findings (``Temuan``) out.

Pure core (no files, no SQL). The rules go beyond intake's cell checks and look at
the data as a whole (domain.md §5): percent indicators outside 0–100, negative
values, jumps against the previous quarter or last year without a kendala,
capaian outside the office's band without a kendala, missing bukti dukung, an
``akhir`` indicator whose TW IV target differs from the annual PK target, program
pagu that do not sum to the declared total, officials' NIP, and indicators without
realisasi when the periode closes. Thresholds are office configuration
(``[validasi]`` and ``[anggaran]`` in kantor.toml, read by :func:`opsi_validasi`).

Every finding carries a stable id (:func:`temuan_id`) so a reviewer's decision
links to it across runs; ``Temuan.data`` holds ``id``, ``tw`` and the values involved.
The checks are vectorized over the realisasi grid (indikator × triwulan); only the
flagged rows become ``Temuan`` objects. No rule raises on a bad row.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from kinerja.inti.angka import format_angka, format_persen, format_rupiah
from kinerja.inti.capaian import resolve_target
from kinerja.inti.errors import ERROR, WARNING, Temuan
from kinerja.inti.model import NAMA_TRIWULAN, Periode
from kinerja.inti.nip import nip_problem_messages
from kinerja.inti.pengukuran import Pengukuran, ukur

__all__ = [
    "ATURAN",
    "KOLOM_KOREKSI",
    "OpsiValidasi",
    "opsi_validasi",
    "periksa",
    "temuan_id",
]

#: The rules: kode → (default tingkat, what it checks). The README lists them from here.
ATURAN: dict[str, tuple[str, str]] = {
    "realisasi-kosong": (ERROR, "indikator wajib tanpa realisasi pada triwulan yang sudah tutup"),
    "realisasi-tidak-terbaca": (ERROR, "realisasi bukan angka atau bukan nilai skala indikator"),
    "persen-di-luar-rentang": (ERROR, "indikator bersatuan % dengan realisasi di luar 0–100"),
    "realisasi-negatif": (ERROR, "realisasi negatif pada indikator jumlah/nilai"),
    "lonjakan-triwulan": (
        WARNING,
        "realisasi/target berubah lebih dari [validasi] lonjakan_persen dari triwulan "
        "sebelumnya tanpa kendala",
    ),
    "lonjakan-tahun-lalu": (
        WARNING,
        "realisasi tahunan berubah lebih dari lonjakan_persen dari tahun lalu tanpa kendala",
    ),
    "capaian-tinggi": (WARNING, "capaian di atas [validasi] capaian_atas tanpa kendala"),
    "capaian-rendah": (WARNING, "capaian di bawah [validasi] capaian_bawah tanpa kendala"),
    "bukti-dukung-kosong": (WARNING, "realisasi tanpa bukti dukung (error bila bukti_wajib)"),
    "target-akhir-tw4-beda": (
        ERROR,
        "indikator jenis akhir dengan target TW IV yang berbeda dari target tahunan PK",
    ),
    "pagu-tidak-terbaca": (ERROR, "pagu program kosong atau bukan angka"),
    "pagu-tidak-sama-total": (
        ERROR,
        "jumlah pagu program berbeda dari [anggaran] total_pagu (DPA) di kantor.toml",
    ),
    "nip-tidak-sah": (ERROR, "NIP pejabat tidak sesuai struktur 18 angka (domain.md §6)"),
}

#: Columns of the realisasi frame a reviewer may correct (Koreksi).
KOLOM_KOREKSI = ("realisasi", "bukti_dukung")

_PERSEN = {"%", "persen", "persentase"}


@dataclass(frozen=True)
class OpsiValidasi:
    """The office's thresholds (kantor.toml ``[validasi]``, ``[anggaran]``)."""

    lonjakan_persen: float = 50.0
    capaian_atas: float = 150.0
    capaian_bawah: float = 50.0
    bukti_wajib: bool = False
    total_pagu: float | None = None


def opsi_validasi(config: Mapping[str, Any]) -> OpsiValidasi:
    """Thresholds from a kantor.toml dict (``Kantor.config``); defaults where absent."""
    v = config.get("validasi", {}) or {}
    a = config.get("anggaran", {}) or {}
    total = a.get("total_pagu")
    return OpsiValidasi(
        lonjakan_persen=float(v.get("lonjakan_persen", 50)),
        capaian_atas=float(v.get("capaian_atas", 150)),
        capaian_bawah=float(v.get("capaian_bawah", 50)),
        bukti_wajib=bool(v.get("bukti_wajib", False)),
        total_pagu=None if total is None else float(total),
    )


def temuan_id(
    kode: str,
    periode: str,
    unit: str = "",
    indikator: str = "",
    tw: int | None = None,
    kolom: str = "",
) -> str:
    """Stable short id of a finding: sha256 of ``kode|periode|unit|indikator|tw|kolom``."""
    text = "|".join([kode, str(periode), unit, indikator, "" if tw is None else str(tw), kolom])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def _make(
    kode: str,
    pesan: str,
    periode: str,
    *,
    tingkat: str | None = None,
    unit: str = "",
    indikator: str = "",
    tw: int | None = None,
    kolom: str = "",
    nilai: str = "",
    berkas: str = "",
    lembar: str = "",
    sel: str = "",
    baris: int | None = None,
    data: dict[str, Any] | None = None,
) -> Temuan:
    ident = temuan_id(kode, periode, unit, indikator, tw, kolom)
    payload = {"id": ident, "tw": tw, **(data or {})}
    return Temuan(
        kode=kode,
        tingkat=tingkat or ATURAN[kode][0],
        pesan=pesan,
        berkas=berkas,
        lembar=lembar,
        sel=sel,
        baris=baris,
        kolom=kolom,
        nilai=nilai,
        unit=unit,
        indikator=indikator,
        periode=periode,
        data=payload,
    )


def _teks(s: pd.Series) -> pd.Series:
    """Cells as stripped text, "" for missing; strips each distinct value once."""
    codes, uniques = pd.factorize(s, use_na_sentinel=True)
    clean = np.array([str(u).strip() for u in uniques] + [""], dtype=object)
    return pd.Series(clean[codes], index=s.index, dtype=object)


def _nilai(x: float) -> str:
    if pd.isna(x):
        return "-"
    return format_angka(x, 0 if float(x).is_integer() else 2)


def _grid(ind: pd.DataFrame, realisasi: pd.DataFrame, p: Pengukuran, n: int) -> pd.DataFrame:
    """One row per indikator × TW 1..n: raw value, number, kendala, bukti, location."""
    base = ind[["kode", "indikator", "satuan", "unit", "wajib", "jenis_target", "skala"]]
    grid = base.merge(pd.DataFrame({"tw": range(1, n + 1)}), how="cross")
    r = realisasi.copy()
    if len(r):
        r["kode"] = _teks(r["kode"])
        r["tw"] = pd.to_numeric(r["tw"], errors="coerce")
        r = r[r["tw"].between(1, n)].astype({"tw": int})
        r = r.drop_duplicates(["kode", "tw"], keep="last")
    keep = [
        c
        for c in ("realisasi", "kendala", "bukti_dukung", "berkas", "lembar", "sel", "baris")
        if c in r.columns
    ]
    if len(r):
        values = r[["kode", "tw", *keep]].rename(columns={"realisasi": "raw"})
        grid = grid.merge(values, on=["kode", "tw"], how="left")
    for col in ("raw", "kendala", "bukti_dukung", "berkas", "lembar", "sel"):
        if col not in grid.columns:
            grid[col] = ""
        grid[col] = _teks(grid[col].astype(object))
    if "baris" not in grid.columns:
        grid["baris"] = np.nan
    num = p.realisasi_tw.stack(future_stack=True).rename("angka").reset_index()
    num.columns = ["kode", "tw", "angka"]
    tgt = p.target_tw.stack(future_stack=True).rename("target").reset_index()
    tgt.columns = ["kode", "tw", "target"]
    grid = grid.merge(num, on=["kode", "tw"], how="left").merge(tgt, on=["kode", "tw"], how="left")
    grid["kualitatif"] = _teks(grid["jenis_target"]).str.casefold().eq("kualitatif") | _teks(
        grid["skala"]
    ).ne("")
    grid["persen"] = _teks(grid["satuan"]).str.casefold().isin(_PERSEN)
    grid["ada"] = grid["raw"].ne("")
    angka = grid["angka"]
    numerik = grid["ada"] & angka.notna() & ~grid["kualitatif"]
    grid["persen_salah"] = numerik & grid["persen"] & ((angka < 0) | (angka > 100))
    grid["negatif"] = numerik & ~grid["persen"] & (angka < 0)
    return grid


def _loc(row: Any) -> dict[str, Any]:
    """Where a grid row's value came from (a namedtuple row or a Series)."""
    baris = getattr(row, "baris", None)
    return {
        "berkas": str(getattr(row, "berkas", "") or ""),
        "lembar": str(getattr(row, "lembar", "") or ""),
        "sel": str(getattr(row, "sel", "") or ""),
        "baris": None if baris is None or pd.isna(baris) else int(baris),
    }


def _temuan_sel(kode: str, pesan: str, periode: str, row: Any, **kwargs: Any) -> Temuan:
    """A finding on one cell of the grid: unit, indikator, triwulan and source from ``row``."""
    return _make(
        kode,
        pesan,
        periode,
        unit=row.unit,
        indikator=row.kode,
        tw=int(row.tw),
        **_loc(row),
        **kwargs,
    )


def _info(row: Any) -> dict[str, Any]:
    """What a reviewer needs to judge a corrected value (satuan, qualitative or not)."""
    return {
        "nama_indikator": row.indikator,
        "satuan": row.satuan,
        "kualitatif": bool(row.kualitatif),
    }


def _info_pk(r: pd.Series) -> dict[str, Any]:
    kual = str(r["jenis_target"]).casefold() == "kualitatif" or bool(str(r["skala"]).strip())
    return {"nama_indikator": r["indikator"], "satuan": r["satuan"], "kualitatif": kual}


def _ket(row: Any) -> str:
    return f"{row.kode} ({row.indikator}), {NAMA_TRIWULAN[int(row.tw)]}"


def _cell_rules(grid: pd.DataFrame, periode: str, opsi: OpsiValidasi) -> list[Temuan]:
    out: list[Temuan] = []
    kosong = ~grid["ada"]
    for row in grid[kosong].itertuples():
        tingkat = ERROR if bool(row.wajib) else WARNING
        out.append(
            _temuan_sel(
                "realisasi-kosong",
                f"Realisasi {_ket(row)} belum diisi oleh unit {row.unit}. Minta unit mengisinya "
                "(Kembalikan), atau isi nilai yang sah dengan Koreksi.",
                periode,
                row,
                tingkat=tingkat,
                kolom="realisasi",
                data={**_info(row), "wajib": bool(row.wajib)},
            )
        )
    tak_terbaca = grid["ada"] & grid["angka"].isna()
    for row in grid[tak_terbaca].itertuples():
        out.append(
            _temuan_sel(
                "realisasi-tidak-terbaca",
                f'Realisasi {_ket(row)} tertulis "{row.raw}" dan tidak dapat dibaca sebagai '
                + ("nilai skala indikator ini" if row.kualitatif else "angka")
                + ". Koreksi dengan nilai yang sah atau kembalikan ke unit.",
                periode,
                row,
                kolom="realisasi",
                nilai=row.raw,
                data={**_info(row), "realisasi": row.raw},
            )
        )
    for row in grid[grid["persen_salah"]].itertuples():
        out.append(
            _temuan_sel(
                "persen-di-luar-rentang",
                f"Realisasi {_ket(row)} = {_nilai(row.angka)}%, padahal persentase harus di "
                "antara 0 dan 100. Periksa apakah angka tertukar atau salah ketik.",
                periode,
                row,
                kolom="realisasi",
                nilai=row.raw,
                data={**_info(row), "realisasi": float(row.angka)},
            )
        )
    for row in grid[grid["negatif"]].itertuples():
        out.append(
            _temuan_sel(
                "realisasi-negatif",
                f"Realisasi {_ket(row)} = {_nilai(row.angka)} {row.satuan}: jumlah atau nilai "
                "tidak boleh negatif. Periksa tanda minus.",
                periode,
                row,
                kolom="realisasi",
                nilai=row.raw,
                data={**_info(row), "realisasi": float(row.angka)},
            )
        )
    tanpa_bukti = grid["ada"] & grid["bukti_dukung"].eq("")
    for row in grid[tanpa_bukti].itertuples():
        out.append(
            _temuan_sel(
                "bukti-dukung-kosong",
                f"Realisasi {_ket(row)} tidak disertai bukti dukung. Minta unit menyebutkan "
                "berkas atau tautan buktinya.",
                periode,
                row,
                tingkat=ERROR if opsi.bukti_wajib else WARNING,
                kolom="bukti_dukung",
                data=_info(row),
            )
        )
    return out


def _jump_rules(grid: pd.DataFrame, periode: str, opsi: OpsiValidasi) -> list[Temuan]:
    """Quarter-on-quarter change of realisasi/target (so planned progress is no jump).

    Values already flagged as impossible (percent out of range, negative) are left
    out: their error says it, a jump warning on the next quarter would only echo it.
    """
    g = grid.sort_values(["kode", "tw"]).copy()
    sah = g["angka"].where(~(g["persen_salah"] | g["negatif"]))
    with np.errstate(divide="ignore", invalid="ignore"):
        g["rasio"] = np.where(g["target"] > 0, sah / g["target"], np.nan)
    g["rasio_lalu"] = g.groupby("kode")["rasio"].shift(1)
    g["angka_lalu"] = g.groupby("kode")["angka"].shift(1)
    g["target_lalu"] = g.groupby("kode")["target"].shift(1)
    with np.errstate(divide="ignore", invalid="ignore"):
        g["ubah"] = (g["rasio"] - g["rasio_lalu"]) / g["rasio_lalu"] * 100
    flag = (
        ~g["kualitatif"]
        & (g["rasio_lalu"] > 0)
        & g["ubah"].abs().gt(opsi.lonjakan_persen)
        & g["kendala"].eq("")
    )
    out = []
    for row in g[flag].itertuples():
        arah = "naik" if row.ubah > 0 else "turun"
        out.append(
            _temuan_sel(
                "lonjakan-triwulan",
                f"Realisasi {_ket(row)} = {_nilai(row.angka)} (target {_nilai(row.target)}), "
                f"triwulan sebelumnya {_nilai(row.angka_lalu)} (target {_nilai(row.target_lalu)}): "
                f"terhadap target {arah} {format_persen(abs(row.ubah))}, melebihi batas "
                f"{format_persen(opsi.lonjakan_persen)}, dan kendala kosong. Minta penjelasan "
                "unit atau terima dengan alasan.",
                periode,
                row,
                kolom="realisasi",
                nilai=row.raw,
                data={
                    **_info(row),
                    "realisasi": float(row.angka),
                    "realisasi_sebelumnya": float(row.angka_lalu),
                    "target": float(row.target),
                    "target_sebelumnya": float(row.target_lalu),
                    "perubahan_persen": float(row.ubah),
                    "batas_persen": opsi.lonjakan_persen,
                },
            )
        )
    return out


def _measure_rules(
    p: Pengukuran, grid: pd.DataFrame, periode: Periode, opsi: OpsiValidasi
) -> list[Temuan]:
    """Capaian band and the comparison with last year (kendala of the periode's TW)."""
    ind = p.indikator
    n = periode.tw
    last = grid[grid["tw"] == n].set_index("kode")
    kendala = ind["kode"].map(last["kendala"]).fillna("")
    kualitatif = ind["kode"].map(last["kualitatif"]).fillna(False).astype(bool)
    loc = last.reindex(ind["kode"])
    out: list[Temuan] = []
    kode_periode = str(periode)
    cap = ind["capaian_tw"].astype(float)
    for kode_aturan, mask, batas, kata in (
        ("capaian-tinggi", cap > opsi.capaian_atas, opsi.capaian_atas, "di atas"),
        ("capaian-rendah", cap < opsi.capaian_bawah, opsi.capaian_bawah, "di bawah"),
    ):
        rows = np.flatnonzero((mask & kendala.eq("")).to_numpy())
        for i in rows:
            r = ind.iloc[i]
            out.append(
                _make(
                    kode_aturan,
                    f"Capaian {r['kode']} ({r['indikator']}) {periode.label_sd} = "
                    f"{format_persen(r['capaian_tw_2d'])}, {kata} batas "
                    f"{format_persen(batas)}, tanpa kendala yang menjelaskan. Periksa target dan "
                    "realisasi, atau minta unit mengisi kendala.",
                    kode_periode,
                    unit=r["unit"],
                    indikator=r["kode"],
                    tw=n,
                    kolom="realisasi",
                    nilai=str(loc["raw"].iloc[i]),
                    data={
                        **_info_pk(r),
                        "capaian": float(r["capaian_tw"]),
                        "realisasi_sd": float(r["realisasi_sd"]),
                        "target_sd": float(r["target_sd"]),
                        "batas_persen": batas,
                    },
                    **_loc(loc.iloc[i]),
                )
            )
    if n == 4:
        now = ind["realisasi_sd"].astype(float)
        before = ind["realisasi_tahun_lalu_nilai"].astype(float)
        with np.errstate(divide="ignore", invalid="ignore"):
            ubah = (now - before) / before * 100
        flag = ~kualitatif & (before > 0) & ubah.abs().gt(opsi.lonjakan_persen) & kendala.eq("")
        for i in np.flatnonzero(flag.to_numpy()):
            r = ind.iloc[i]
            arah = "naik" if ubah.iloc[i] > 0 else "turun"
            out.append(
                _make(
                    "lonjakan-tahun-lalu",
                    f"Realisasi {r['kode']} ({r['indikator']}) tahun {periode.tahun} = "
                    f"{_nilai(now.iloc[i])}, tahun lalu {_nilai(before.iloc[i])}: {arah} "
                    f"{format_persen(abs(ubah.iloc[i]))}, melebihi batas "
                    f"{format_persen(opsi.lonjakan_persen)}, dan kendala triwulan IV kosong. "
                    "Minta penjelasan unit atau terima dengan alasan.",
                    kode_periode,
                    unit=r["unit"],
                    indikator=r["kode"],
                    tw=4,
                    kolom="realisasi",
                    nilai=str(loc["raw"].iloc[i]),
                    data={
                        **_info_pk(r),
                        "realisasi": float(now.iloc[i]),
                        "realisasi_tahun_lalu": float(before.iloc[i]),
                        "perubahan_persen": float(ubah.iloc[i]),
                        "batas_persen": opsi.lonjakan_persen,
                    },
                    **_loc(loc.iloc[i]),
                )
            )
    return out


def _pk_rules(
    ind: pd.DataFrame,
    program: pd.DataFrame | None,
    periode: str,
    opsi: OpsiValidasi,
    ordinal: Mapping[str, Any] | None,
    berkas_pk: str,
) -> list[Temuan]:
    out: list[Temuan] = []
    akhir = _teks(ind["jenis_periode"]).str.casefold().eq("akhir")
    tw4 = resolve_target(ind["target_tw4"], ind["jenis_target"], ind["skala"], ordinal)
    thn = resolve_target(ind["target_tahunan"], ind["jenis_target"], ind["skala"], ordinal)
    same_num = np.isclose(tw4.lo, thn.lo, equal_nan=True) & np.isclose(
        tw4.hi, thn.hi, equal_nan=True
    )
    both_nan = tw4.hi.isna() & thn.hi.isna()
    same_text = (
        _teks(ind["target_tw4"]).str.casefold().eq(_teks(ind["target_tahunan"]).str.casefold())
    )
    beda = akhir & ~(same_num & (~both_nan | same_text))
    for i in np.flatnonzero(beda.to_numpy()):
        r = ind.iloc[i]
        out.append(
            _make(
                "target-akhir-tw4-beda",
                f"Indikator {r['kode']} ({r['indikator']}) berjenis akhir: target TW IV "
                f'"{_teks(ind["target_tw4"]).iloc[i]}" harus sama dengan target tahunan '
                f'"{_teks(ind["target_tahunan"]).iloc[i]}". Perbaiki rencana aksi di Perjanjian '
                "Kinerja.",
                periode,
                unit=r["unit"],
                indikator=r["kode"],
                tw=4,
                kolom="target_tw4",
                nilai=_teks(ind["target_tw4"]).iloc[i],
                berkas=berkas_pk,
                lembar="Indikator",
                data={
                    "nama_indikator": r["indikator"],
                    "target_tw4": _teks(ind["target_tw4"]).iloc[i],
                    "target_tahunan": _teks(ind["target_tahunan"]).iloc[i],
                },
            )
        )
    if program is None or not len(program):
        return out
    pagu = pd.to_numeric(program["pagu"], errors="coerce")
    for i in np.flatnonzero(pagu.isna().to_numpy()):
        r = program.iloc[i]
        out.append(
            _make(
                "pagu-tidak-terbaca",
                f"Pagu program {r['kode']} ({r['program']}) kosong atau bukan angka. Isi pagu "
                "sesuai DPA di lembar Program.",
                periode,
                unit=str(r.get("unit", "")),
                indikator=str(r["kode"]),
                kolom="pagu",
                nilai=str(program["pagu"].iloc[i]),
                berkas=berkas_pk,
                lembar="Program",
                data={"program": r["program"]},
            )
        )
    if opsi.total_pagu is not None:
        jumlah = float(pagu.sum())
        if abs(jumlah - opsi.total_pagu) > 0.5:
            out.append(
                _make(
                    "pagu-tidak-sama-total",
                    f"Jumlah pagu {len(program)} program di Perjanjian Kinerja = "
                    f"{format_rupiah(jumlah)}, sedangkan total pagu (DPA) di kantor.toml = "
                    f"{format_rupiah(opsi.total_pagu)}; selisih "
                    f"{format_rupiah(jumlah - opsi.total_pagu)}. Samakan pagu program dengan DPA.",
                    periode,
                    kolom="pagu",
                    nilai=_nilai(jumlah),
                    berkas=berkas_pk,
                    lembar="Program",
                    data={"jumlah_pagu": jumlah, "total_pagu": opsi.total_pagu},
                )
            )
    return out


def _nip_rules(pejabat: Iterable[Any], periode: str) -> list[Temuan]:
    out = []
    for p in pejabat:
        masalah = nip_problem_messages(p.nip)
        if masalah:
            out.append(
                _make(
                    "nip-tidak-sah",
                    f'NIP {p.nama} ({p.peran}) "{p.nip}" tidak sah: {" ".join(masalah)} '
                    "Perbaiki [[pejabat]] di kantor.toml.",
                    periode,
                    kolom=f"nip ({p.peran})",
                    nilai=str(p.nip),
                    berkas="kantor.toml",
                    data={"peran": p.peran, "nama": p.nama, "masalah": masalah},
                )
            )
    return out


def periksa(
    indikator: pd.DataFrame,
    realisasi: pd.DataFrame,
    periode: Periode,
    *,
    program: pd.DataFrame | None = None,
    pejabat: Iterable[Any] = (),
    opsi: OpsiValidasi | None = None,
    ordinal: Mapping[str, Any] | None = None,
    pengukuran: Pengukuran | None = None,
    berkas_pk: str = "",
) -> list[Temuan]:
    """Every finding of ``periode`` (errors first, then by unit, indikator, TW).

    ``indikator``: the PK (``model.INDIKATOR_COLUMNS``); ``realisasi``: long
    (``model.REALISASI_COLUMNS``; optional ``berkas``/``lembar``/``sel``/``baris``
    name where each value came from); ``pejabat``: objects with ``peran``,
    ``nama`` and ``nip``; ``pengukuran``: pass the result of ``ukur`` when it
    exists, so capaian is computed once.
    """
    opsi = opsi or OpsiValidasi()
    kode_periode = str(periode)
    ind = indikator.reset_index(drop=True)
    p = pengukuran or ukur(ind, realisasi, periode, ordinal=dict(ordinal or {}))
    grid = _grid(ind, realisasi, p, periode.tw)
    out = [
        *_cell_rules(grid, kode_periode, opsi),
        *_jump_rules(grid, kode_periode, opsi),
        *_measure_rules(p, grid, periode, opsi),
        *_pk_rules(ind, program, kode_periode, opsi, ordinal, berkas_pk),
        *_nip_rules(pejabat, kode_periode),
    ]
    order = {k: i for i, k in enumerate(ATURAN)}
    return sorted(
        out,
        key=lambda t: (
            not t.is_error,
            t.unit,
            t.indikator,
            t.data.get("tw") or 0,
            order.get(t.kode, 99),
        ),
    )
