"""What the notebooks show: styled tables and the document's charts (an adapter).

The numbers come formatted from ``kinerja.inti.tampilan`` (Indonesian formats), so a
notebook, the CLI and the document print the same text. This module only adds
looks for JupyterLab and for the executed notebooks' HTML: pandas ``Styler``
tables without an index, predikat coloured. The charts are the document's own,
drawn by ``kinerja.dokumen.grafik`` and shown through ``grafik.Grafik``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
from pandas.io.formats.style import Styler

from kinerja.dokumen.grafik import (
    JUDUL,
    Grafik,
    render_capaian_indikator,
    render_capaian_sasaran,
    render_kinerja_anggaran,
)
from kinerja.formulir.pesan import judul_temuan as judul_formulir
from kinerja.inti.angka import format_persen, format_rupiah
from kinerja.inti.capaian import round_half_up_array
from kinerja.inti.errors import ERROR, KATA_TINGKAT, WARNING, Temuan, kata_tingkat
from kinerja.inti.kelengkapan import matriks
from kinerja.inti.model import NAMA_TRIWULAN
from kinerja.inti.pengukuran import Pengukuran
from kinerja.validasi.pesan import judul_temuan

__all__ = [
    "WARNA_PREDIKAT",
    "grafik_anggaran",
    "grafik_capaian",
    "grafik_sasaran",
    "tabel_berkas",
    "tabel_himpunan",
    "tabel_kelengkapan",
    "tabel_temuan_formulir",
    "ringkasan_kantor",
    "ringkasan_kelengkapan",
    "ringkasan_temuan",
    "status_validasi",
    "tabel_anggaran",
    "tabel_gaya",
    "tabel_temuan",
]

#: Background per predikat label (both label sets of the default bounds).
WARNA_PREDIKAT = {
    "Sangat Tinggi": "#1a7f37",
    "Sangat Baik": "#1a7f37",
    "Tinggi": "#56a05b",
    "Baik": "#56a05b",
    "Sedang": "#d4a72c",
    "Cukup": "#d4a72c",
    "Rendah": "#e07b39",
    "Kurang": "#e07b39",
    "Sangat Rendah": "#c0392b",
    "Sangat Kurang": "#c0392b",
}
_KANAN = (
    "Target",
    "Realisasi",
    "Capaian",
    "Pagu",
    "Sisa",
    "Efisiensi",
    "Isian",
    "Kelengkapan",
    "Terisi",
)

_TABLE_STYLES = [
    {"selector": "", "props": "border-collapse: collapse; font-size: 0.92em;"},
    {
        "selector": "th",
        "props": "background: #24435f; color: white; padding: 4px 8px; text-align: center;",
    },
    {"selector": "td", "props": "padding: 3px 8px; border-bottom: 1px solid #d0d7de;"},
    {"selector": "tbody tr:nth-child(even)", "props": "background: #f6f8fa;"},
    {
        "selector": "caption",
        "props": "caption-side: top; font-weight: bold; text-align: left; padding: 4px 0;",
    },
]


def _predikat_css(value: object) -> str:
    colour = WARNA_PREDIKAT.get(str(value))
    if colour is None:
        return ""
    return f"background-color: {colour}; color: white; font-weight: 600;"


def _tingkat_css(value: object) -> str:
    colour = {KATA_TINGKAT[ERROR]: "#c0392b", KATA_TINGKAT[WARNING]: "#b7791f"}.get(str(value))
    return f"color: {colour}; font-weight: 600;" if colour else ""


def _status_css(value: object) -> str:
    if value in ("Belum diputus", "Dikembalikan ke unit", "ditolak"):
        return "color: #c0392b; font-weight: 600;"
    return ""


def tabel_gaya(frame: pd.DataFrame, judul: str = "") -> Styler:
    """A display frame styled for JupyterLab: no index, predikat coloured, numbers right."""
    styler = frame.style.hide(axis="index").set_table_styles(_TABLE_STYLES)
    if judul or frame.empty:
        styler = styler.set_caption(f"{judul} — tidak ada" if frame.empty else judul)
    right = [
        c
        for c in frame.columns
        if str(c).startswith(_KANAN) or pd.api.types.is_numeric_dtype(frame[c])
    ]
    if right:
        styler = styler.set_properties(subset=right, **{"text-align": "right"})
    centre = [c for c in frame.columns if str(c).startswith("TW ")]
    if centre:
        styler = styler.set_properties(subset=centre, **{"text-align": "center"})
    text = [c for c in frame.columns if c not in right and c not in centre]
    if text:
        styler = styler.set_properties(subset=text, **{"text-align": "left"})
    if "Predikat" in frame.columns:
        styler = styler.map(_predikat_css, subset=["Predikat"])
    if "Tingkat" in frame.columns:
        styler = styler.map(_tingkat_css, subset=["Tingkat"])
    if "Status" in frame.columns:
        styler = styler.map(_status_css, subset=["Status"])
    return styler


_TANDA = {"ada": "✓", "kosong": "kosong", "belum": "–"}


def tabel_kelengkapan(long: pd.DataFrame) -> pd.DataFrame:
    """``kelengkapan.kelengkapan`` (long) as a matrix: indikator rows, one column per TW.

    "✓" reported, "kosong" a form came back with the cell empty, "–" nothing yet.
    """
    wide = matriks(long)
    tw_cols = [c for c in wide.columns if str(c).startswith("TW ")]
    out = wide.rename(columns={"unit": "Unit", "kode": "Kode", "indikator": "Indikator"})
    out = out[["Kode", "Unit", "Indikator", *tw_cols]]
    filled = (out[tw_cols] == "ada").sum(axis=1)
    for c in tw_cols:
        out[c] = out[c].map(_TANDA).fillna("–")
    out["Terisi"] = [f"{n}/{len(tw_cols)}" for n in filled]
    return out


def ringkasan_kelengkapan(long: pd.DataFrame) -> pd.DataFrame:
    """Per unit: how many indikator × TW cells are reported, as count and percent."""
    per_unit = (
        long.assign(terisi=long["status"].eq("ada"), total=1)
        .groupby("unit", sort=False)[["terisi", "total"]]
        .sum()
        .reset_index()
    )
    return pd.DataFrame(
        {
            "Unit": per_unit["unit"],
            "Isian": [
                f"{t}/{n}" for t, n in zip(per_unit["terisi"], per_unit["total"], strict=True)
            ],
            "Kelengkapan": [
                format_persen(100 * t / n if n else float("nan"))
                for t, n in zip(per_unit["terisi"], per_unit["total"], strict=True)
            ],
        }
    )


def tabel_himpunan(himpunan: Sequence[Any]) -> pd.DataFrame:
    """One row per quarter taken in (``intake.HasilHimpun``): files by status, findings."""
    rows = []
    for h in himpunan:
        status = [b.status for b in h.berkas]
        baru = [t for t in h.temuan if t.kode != "berkas-sudah-dihimpun"]
        rows.append(
            {
                "Triwulan": h.periode.label,
                "Berkas": len(status),
                "Diterima": status.count("diterima"),
                "Ditolak": status.count("ditolak"),
                "Sudah dihimpun": status.count("duplikat"),
                "Kesalahan": sum(t.is_error for t in baru),
                "Peringatan": sum(not t.is_error for t in baru),
            }
        )
    columns = [
        "Triwulan", "Berkas", "Diterima", "Ditolak", "Sudah dihimpun", "Kesalahan", "Peringatan"
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def tabel_berkas(himpunan: Sequence[Any]) -> pd.DataFrame:
    """The files of every quarter taken in: name, unit, status, rows, findings."""
    rows = [
        {
            "Triwulan": h.periode.label.removesuffix(f" Tahun {h.periode.tahun}"),
            "Berkas": b.nama,
            "Unit": b.unit or "-",
            "Status": b.status,
            "Baris": b.baris,
            "Temuan": len([t for t in b.temuan if t.kode != "berkas-sudah-dihimpun"]),
        }
        for h in himpunan
        for b in h.berkas
    ]
    return pd.DataFrame(rows, columns=["Triwulan", "Berkas", "Unit", "Status", "Baris", "Temuan"])


def _tanpa_lokasi(t: Temuan) -> str:
    """The message without the location it starts with (the table shows it beside)."""
    lokasi = t.lokasi()
    pesan = t.pesan.removeprefix(f"{lokasi}: ") if lokasi else t.pesan
    return pesan[:1].upper() + pesan[1:]


def tabel_temuan_formulir(himpunan: Sequence[Any]) -> pd.DataFrame:
    """Findings of the forms (without "already taken in" notes): tingkat, title, where, what."""
    rows = [
        {
            "Triwulan": h.periode.label.removesuffix(f" Tahun {h.periode.tahun}"),
            "Tingkat": kata_tingkat(t.tingkat),
            "Temuan": judul_formulir(t.kode),
            "Lokasi": t.lokasi() or "-",
            "Pesan": _tanpa_lokasi(t),
        }
        for h in himpunan
        for t in h.temuan
        if t.kode != "berkas-sudah-dihimpun"
    ]
    return pd.DataFrame(rows, columns=["Triwulan", "Tingkat", "Temuan", "Lokasi", "Pesan"])


def tabel_anggaran(anggaran: pd.DataFrame) -> pd.DataFrame:
    """``capaian_anggaran`` output as printed (rupiah, percent)."""
    return pd.DataFrame(
        {
            "Kode": anggaran["kode"],
            "Program": anggaran["program"],
            "Pagu": [format_rupiah(v) for v in anggaran["pagu"]],
            "Realisasi": [format_rupiah(v) for v in anggaran["realisasi_anggaran"]],
            "Capaian": [
                format_persen(v) for v in round_half_up_array(anggaran["capaian_anggaran"])
            ],
            "Sisa": [format_rupiah(v) for v in anggaran["sisa_anggaran"]],
            "Efisiensi": [format_persen(v) for v in round_half_up_array(anggaran["efisiensi"])],
        }
    )


def grafik_capaian(hasil: Pengukuran) -> Grafik:
    """Capaian per indikator against the 100 % line: the document's chart."""
    return Grafik(tuple(render_capaian_indikator(hasil.indikator)), JUDUL["indikator"])


def grafik_sasaran(hasil: Pengukuran) -> Grafik:
    """Capaian per sasaran: the document's chart."""
    return Grafik((render_capaian_sasaran(hasil.sasaran),), JUDUL["sasaran"])


def grafik_anggaran(anggaran: pd.DataFrame) -> Grafik:
    """Capaian kinerja against budget absorption per program: the document's chart."""
    return Grafik((render_kinerja_anggaran(anggaran),), JUDUL["anggaran"])


def ringkasan_kantor(hasil: Pengukuran, sumber: str = "") -> str:
    """The office's capaian in one Markdown paragraph (as the demo prints it)."""
    k = hasil.kantor
    status = " (sementara)" if k["sementara"] else ""
    teks = (
        f"**Capaian kantor{status}: {format_persen(k['capaian_2d'])} — {k['predikat'] or '-'}** "
        f"({k['n_valid']}/{k['n_total']} indikator; {k['n_capai']} mencapai ≥ 100%, "
        f"{k['n_tidak_capai']} di bawah 100%).  \n"
        f"Skala predikat: {hasil.skala.nama} ({hasil.skala.sumber})."
    )
    if sumber:
        teks += f"  \nSumber realisasi: {sumber}."
    return teks


_STATUS_TEMUAN = {
    "terbuka": "Belum diputus",
    "diterima": "Diterima",
    "dikoreksi": "Dikoreksi",
    "dikembalikan": "Dikembalikan ke unit",
}


def tabel_temuan(ditinjau: Sequence[Any]) -> pd.DataFrame:
    """Findings with the decision in force (``ledger.tinjauan`` rows), as printed."""
    rows = []
    for d in ditinjau:
        t, k = d.temuan, d.keputusan
        tw = t.data.get("tw")
        keputusan = "-"
        if k is not None:
            nilai = f" → {k.nilai_baru_teks}" if k.nilai_baru else ""
            keputusan = f"{k.label}{nilai} oleh {k.oleh_nama}: {k.alasan}"
        rows.append(
            {
                "ID": d.id,
                "Tingkat": kata_tingkat(t.tingkat),
                "Unit": t.unit or "-",
                "Indikator": t.indikator or "-",
                "TW": NAMA_TRIWULAN[tw].replace("Triwulan ", "") if tw in NAMA_TRIWULAN else "-",
                "Temuan": judul_temuan(t.kode),
                "Pesan": t.pesan,
                "Status": _STATUS_TEMUAN.get(d.status, d.status),
                "Keputusan": keputusan,
            }
        )
    columns = ["ID", "Tingkat", "Unit", "Indikator", "TW", "Temuan", "Pesan", "Status", "Keputusan"]
    return pd.DataFrame(rows, columns=columns)


def ringkasan_temuan(ditinjau: Sequence[Any]) -> pd.DataFrame:
    """Counts per tingkat (rows) and status (columns), with totals."""
    frame = pd.DataFrame(
        {
            "Tingkat": [kata_tingkat(d.temuan.tingkat) for d in ditinjau],
            "Status": [_STATUS_TEMUAN.get(d.status, d.status) for d in ditinjau],
        }
    )
    table = pd.crosstab(frame["Tingkat"], frame["Status"]).reindex(
        index=list(KATA_TINGKAT.values()), columns=list(_STATUS_TEMUAN.values()), fill_value=0
    )
    table["Jumlah"] = table.sum(axis=1)
    return table.reset_index().rename_axis(columns=None)


def status_validasi(ditinjau: Sequence[Any]) -> str:
    """One Markdown line: are error-level findings still open (document stays DRAF)?"""
    terbuka = [d for d in ditinjau if d.terbuka and d.temuan.tingkat == ERROR]
    peringatan = [d for d in ditinjau if d.terbuka and d.temuan.tingkat != ERROR]
    if terbuka:
        return (
            f"**{len(terbuka)} temuan KESALAHAN belum selesai**: dokumen berstatus DRAF sampai "
            "temuan diputus (notebook 03-tinjau-temuan atau `kinerja validasi putuskan`)."
        )
    teks = f"**Tidak ada temuan KESALAHAN yang terbuka** ({len(ditinjau)} temuan seluruhnya)."
    if peringatan:
        teks += f" {len(peringatan)} peringatan belum diputus."
    return teks
