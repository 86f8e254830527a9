"""Excel export of the measurement tables (the tables people copy into other reports).

Numbers stay numbers (with Indonesian-looking number formats applied by Excel's
locale); text written by people is neutralised so Excel never runs it as a
formula; the workbook is saved deterministically and atomically with
``xlsx.save_workbook`` (timestamps = ``tanggal_cetak``).
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from kinerja.berkas.xlsx import a4_mendatar, neutralise_formula, save_workbook
from kinerja.dokumen.data import DokumenData
from kinerja.dokumen.nilai_tw import nilai_per_tw
from kinerja.inti.angka import round_half_up
from kinerja.inti.capaian import round_half_up_array
from kinerja.inti.model import ROMAWI
from kinerja.inti.predikat import SkalaPredikat
from kinerja.inti.tampilan import tabel_indikator
from kinerja.kantor.katalog import predikat_anggaran_kantor

__all__ = ["SHEETS", "write_pengukuran_xlsx"]

SHEETS = ("Pengukuran", "Per Triwulan", "Sasaran", "Anggaran", "Kendala")
_PERSEN = "0.00"
_RUPIAH = "#,##0.00"
_BULAT = "#,##0"


#: What the document prints for a missing value; an empty cell in the workbook.
_KOSONG = frozenset({"", "-", "–", "—"})


def _cell(value: Any) -> Any:
    """NaN/None and the printed "-" → empty; numpy scalars → Python; text neutralised
    against formulas."""
    if value is None or (isinstance(value, str) and value.strip() in _KOSONG):
        return None
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, str):
        return neutralise_formula(value)
    return value


def _round(value: Any) -> Any:
    value = _cell(value)
    if isinstance(value, float):
        return float(round_half_up(value, 2))
    return value


def _sheet(
    wb: Workbook,
    title: str,
    header: list[str],
    rows: list[list[Any]],
    formats: dict[int, str] | None = None,
    widths: dict[int, int] | None = None,
) -> None:
    ws = wb.create_sheet(title)
    ws.append(header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="E8E8E8")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        ws.append([_cell(v) for v in row])
    for col, fmt in (formats or {}).items():
        for (cell,) in ws.iter_rows(min_row=2, min_col=col, max_col=col):
            cell.number_format = fmt
    for col, width in (widths or {}).items():
        ws.column_dimensions[ws.cell(1, col).column_letter].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    _cetak(ws)


def _cetak(ws: Any) -> None:
    """Print setup: A4 landscape, every column on one page width, the header row repeated
    on every page, narrow margins, wrapped text (LibreOffice prints the sheet in few pages)."""
    a4_mendatar(ws)
    ws.print_title_rows = "1:1"
    ws.print_area = ws.dimensions
    ws.oddFooter.center.text = "&A — halaman &P dari &N"
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=isinstance(cell.value, str), vertical="top")
    _tinggi_baris(ws)


def _tinggi_baris(ws: Any) -> None:
    """Row heights that show wrapped text whole (LibreOffice does not grow rows on opening)."""
    lebar = {
        i: (ws.column_dimensions[ws.cell(1, i).column_letter].width or 9) * 1.15 - 1
        for i in range(1, ws.max_column + 1)
    }
    for row in ws.iter_rows():
        lines = 1
        for cell in row:
            if isinstance(cell.value, str) and cell.value:
                per_line = max(int(lebar[cell.column]), 4)
                lines = max(
                    lines, sum(-(-max(len(s), 1) // per_line) for s in cell.value.split("\n"))
                )
        ws.row_dimensions[row[0].row].height = 15.0 * min(lines, 10) + 2


def _target(lo: float, hi: float, label: str, shown: str) -> Any:
    """A target as a number cell when it is one number; its label or range as printed."""
    if label or (not math.isnan(lo) and lo != hi) or math.isnan(hi):
        return shown
    return float(hi)


def _angka_cells(ws: Any, columns: tuple[int, ...]) -> None:
    """Number cells of ``columns`` shown as the document prints them (0 or 2 decimals)."""
    for col in columns:
        for (cell,) in ws.iter_rows(min_row=2, min_col=col, max_col=col):
            if isinstance(cell.value, int | float):
                cell.number_format = _BULAT if float(cell.value).is_integer() else _RUPIAH


def _pengukuran(wb: Workbook, data: DokumenData) -> None:
    """Sheet "Pengukuran": one row per indikator, as the document's measurement table;
    target and realisasi as number cells (labels and ranges as printed), with the
    columns ``kinerja hitung`` needs to compute the same capaian from this sheet."""
    p = data.pengukuran
    shown = tabel_indikator(p)
    _sheet(
        wb,
        "Pengukuran",
        [
            "No",
            "Kode",
            "Sasaran",
            "Indikator",
            "Satuan",
            "Polaritas",
            "Jenis periode",
            "Target",
            "Realisasi",
            "Capaian (%)",
            "Predikat",
            "Capaian thd target tahunan (%)",
            "Capaian thd Renstra (%)",
            "Capaian tahun lalu (%)",
            "Selisih (poin)",
            "Lengkap",
            "Keterangan",
            "Unit",
            "Jenis target",
            "Skala",
            "Rumus negatif",
        ],
        [
            [
                i + 1,
                r.kode,
                r.sasaran,
                r.indikator,
                r.satuan,
                r.polaritas,
                r.jenis_periode,
                _target(r.target_sd_lo, r.target_sd, r.label_target, shown["Target"].iloc[i]),
                r.label_realisasi or r.realisasi_sd,
                _round(r.capaian_tw),
                r.predikat,
                _round(r.capaian_thd_target_tahunan),
                _round(r.capaian_thd_renstra),
                _round(r.capaian_tahun_lalu),
                _round(r.selisih_pp),
                "ya" if r.lengkap else "tidak",
                r.keterangan,
                r.unit,
                r.jenis_target,
                r.skala,
                r.rumus_negatif if r.polaritas == "negatif" else "",
            ]
            for i, r in enumerate(p.indikator.itertuples())
        ],
        formats={10: _PERSEN, 12: _PERSEN, 13: _PERSEN, 14: _PERSEN, 15: _PERSEN},
        widths={3: 30, 4: 45, 17: 30},
    )
    _angka_cells(wb["Pengukuran"], (8, 9))


def _per_triwulan(wb: Workbook, data: DokumenData) -> None:
    """Sheet "Per Triwulan": target and realisasi of each quarter alone."""
    p = data.pengukuran
    ind = p.indikator
    tws = list(p.periode.triwulan)
    target, real = nilai_per_tw(data)  # ranges as "2 – 3", qualitative values as labels
    header = ["Kode", "Indikator", "Satuan"]
    for tw in tws:
        header += [f"Target TW{tw}", f"Realisasi TW{tw}"]
    _sheet(
        wb,
        "Per Triwulan",
        header,
        [
            [kode, nama, satuan]
            + [v for tw in tws for v in (_cell(target.at[kode, tw]), _cell(real.at[kode, tw]))]
            for kode, nama, satuan in zip(ind["kode"], ind["indikator"], ind["satuan"], strict=True)
        ],
        widths={2: 45},
    )


def _sasaran(wb: Workbook, data: DokumenData) -> None:
    """Sheet "Sasaran": capaian per sasaran, then the office's on the last row."""
    s = data.pengukuran.sasaran
    k = data.pengukuran.kantor
    _sheet(
        wb,
        "Sasaran",
        [
            "Kode",
            "Sasaran",
            "Capaian (%)",
            "Predikat",
            "Indikator terukur",
            "Indikator",
            "Mencapai ≥ 100%",
            "Status",
        ],
        [
            [
                r.sasaran_kode,
                r.sasaran,
                _round(r.capaian),
                r.predikat,
                int(r.n_valid),
                int(r.n_total),
                int(r.n_capai),
                "sementara" if r.sementara else "final",
            ]
            for r in s.itertuples()
        ]
        + [
            [
                "",
                f"Capaian {data.kantor.nama}",
                _round(k["capaian"]),
                k["predikat"],
                k["n_valid"],
                k["n_total"],
                k["n_capai"],
                "sementara" if k["sementara"] else "final",
            ]
        ],
        formats={3: _PERSEN},
        widths={2: 50},
    )


def _anggaran(wb: Workbook, a: pd.DataFrame, skala: SkalaPredikat | None, tw: int) -> None:
    """Sheet "Anggaran": pagu, realisasi, absorption and efficiency per program; the
    disbursement plan (``rencana_tw1..4``, plan s.d. the quarter, realisasi against it)
    and the office's budget predikat when the PK and kantor.toml have them."""
    header = [
        "Kode",
        "Program",
        "Pagu (Rp)",
        "Realisasi (Rp)",
        "Capaian anggaran (%)",
        "Sisa anggaran (Rp)",
        "Capaian kinerja (%)",
        "Efisiensi (%)",
    ]
    cols: list[pd.Series] = [
        a["kode"],
        a["program"],
        a["pagu"],
        a["realisasi_anggaran"],
        a["capaian_anggaran"].map(_round),
        a["sisa_anggaran"],
        a["capaian_kinerja"].map(_round),
        a["efisiensi"].map(_round),
    ]
    formats = {3: _RUPIAH, 4: _RUPIAH, 5: _PERSEN, 6: _RUPIAH, 7: _PERSEN, 8: _PERSEN}
    if skala is not None:
        header.append("Predikat anggaran")
        capaian_r = pd.Series(round_half_up_array(a["capaian_anggaran"].to_numpy(float)))
        cols.append(skala.predikat(capaian_r).fillna(""))
    if "rencana_sd" in a.columns:
        for k in range(1, 5):
            header.append(f"Rencana penarikan TW {ROMAWI[k]} (Rp)")
            cols.append(a.get(f"rencana_tw{k}", pd.Series(float("nan"), index=a.index)))
            formats[len(header)] = _RUPIAH
        header += [f"Rencana s.d. TW {ROMAWI[tw]} (Rp)", "Realisasi terhadap rencana (%)"]
        cols += [a["rencana_sd"], a["capaian_rencana"].map(_round)]
        formats[len(header) - 1], formats[len(header)] = _RUPIAH, _PERSEN
    rows = [list(r) for r in zip(*(c.to_numpy(dtype=object) for c in cols), strict=True)]
    _sheet(wb, "Anggaran", header, rows, formats=formats, widths={2: 50, 3: 20, 4: 20, 6: 20})


def _kendala(wb: Workbook, real: pd.DataFrame) -> None:
    """Sheet "Kendala": the realisasi rows with the units' own notes, as written."""
    cols = [
        c
        for c in ("kode", "tw", "unit", "realisasi", "kendala", "tindak_lanjut", "bukti_dukung")
        if c in real.columns
    ]
    _sheet(
        wb,
        "Kendala",
        [c.replace("_", " ").capitalize() for c in cols],
        [[_cell(v) for v in row] for row in real[cols].itertuples(index=False, name=None)],
        widths={
            cols.index(c) + 1: w
            for c, w in (("kendala", 50), ("tindak_lanjut", 50), ("bukti_dukung", 28))
            if c in cols
        },
    )


def write_pengukuran_xlsx(data: DokumenData, path: Path) -> Path:
    """Write the measurement tables of ``data`` to ``path`` (.xlsx); returns ``path``.

    One sheet each, in ``SHEETS`` order: Pengukuran, Per Triwulan, Sasaran,
    Anggaran, Kendala.
    """
    wb = Workbook()
    wb.remove(wb.active)
    _pengukuran(wb, data)
    _per_triwulan(wb, data)
    _sasaran(wb, data)
    _anggaran(wb, data.anggaran, predikat_anggaran_kantor(data.kantor), data.periode.tw)
    _kendala(wb, data.realisasi_long)
    when = dt.datetime.combine(data.tanggal_cetak, dt.time(0, 0))
    save_workbook(wb, Path(path), when)
    return Path(path)
