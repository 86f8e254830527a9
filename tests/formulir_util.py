"""Helpers for the form tests (and the demo's forms): blank forms of a quarter, filled as
the units would.

``scripts/make_demo_forms.py`` fills the demo office's forms with ``fill_form`` too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

from openpyxl import load_workbook

from kinerja.berkas.xlsx import save_workbook
from kinerja.formulir.gaya import (
    FIRST_ROW,
    META_SHEET,
    PENGISI_CELLS,
    SHEET_ANGGARAN,
    SHEET_REALISASI,
)
from kinerja.formulir.layout import layout_anggaran, layout_realisasi
from kinerja.formulir.tulis import default_when, write_forms
from kinerja.inti.model import Periode
from kinerja.kantor.katalog import Kantor
from kinerja.kantor.pk import PerjanjianKinerja
from kinerja.kantor.realisasi import load_realisasi_table

WHEN = dt.datetime(2025, 10, 7, 10, 0)


def fill_form(
    path: Path,
    target: Path | None = None,
    *,
    values: Mapping[str, Mapping[str, object]],
    anggaran: Mapping[str, Mapping[str, object]] | None = None,
    pengisi: Mapping[str, object] | None = None,
    when: dt.datetime | None = None,
) -> Path:
    """Fill a blank form as a unit would, with openpyxl (for the demo, tests and benchmarks).

    ``values``: {kode: {"realisasi": 87.5, "kendala": …, "tindak_lanjut": …,
    "bukti_dukung": …}}; ``anggaran``: {program kode: {"realisasi_anggaran": …,
    "keterangan": …}}; ``pengisi``: {"pengisi": …, "jabatan_pengisi": …,
    "tanggal_pengisian": …}. Saved to ``target`` (default: in place), stamped
    ``when`` (default: a week after the blank form's stamp).
    """
    wb = load_workbook(path)
    meta = {row[0].value: row[1].value for row in wb[META_SHEET].iter_rows(max_col=2)}
    periode = Periode.parse(str(meta["periode"]))
    rasio = bool(meta.get("baris_rasio"))
    sheets = [(SHEET_REALISASI, layout_realisasi(periode, rasio), values)]
    if SHEET_ANGGARAN in wb.sheetnames:
        sheets.append((SHEET_ANGGARAN, layout_anggaran(periode), anggaran or {}))
    for name, cols, wanted in sheets:
        ws = wb[name]
        letters = {c.key: c.letter(i) for i, c in enumerate(cols)}
        row = FIRST_ROW
        while ws[f"B{row}"].value:
            for key, value in wanted.get(str(ws[f"B{row}"].value), {}).items():
                ws[f"{letters[key]}{row}"] = value
            row += 1
    for key, value in (pengisi or {}).items():
        wb[SHEET_REALISASI][PENGISI_CELLS[key]] = value
    stamp = when or default_when(periode) + dt.timedelta(days=7)
    out = Path(target or path)
    save_workbook(wb, out, stamp)
    return out


def table(kantor: Kantor):
    return load_realisasi_table(kantor.path / "realisasi-2025.xlsx")


def values_for(kantor: Kantor, tw: int) -> tuple[dict, dict]:
    realisasi, anggaran = table(kantor)
    rows = realisasi[realisasi["tw"].eq(tw)]
    values = {
        r["kode"]: {
            "realisasi": r["realisasi"],
            "kendala": r["kendala"] or None,
            "tindak_lanjut": r["tindak_lanjut"] or None,
            "bukti_dukung": r["bukti_dukung"],
        }
        for r in rows.to_dict("records")
    }
    uang = anggaran[anggaran["tw"].eq(tw)]
    money = {
        r["kode"]: {"realisasi_anggaran": r["realisasi_anggaran"]} for r in uang.to_dict("records")
    }
    return values, money


def filled_forms(
    kantor: Kantor, pk: PerjanjianKinerja, folder: Path, periode: str = "2025-TW3"
) -> dict[str, Path]:
    """{unit kode: path} of every unit's form for ``periode``, filled from the demo table."""
    p = Periode.parse(periode)
    realisasi, anggaran = table(kantor)
    paths = write_forms(kantor, pk, p, folder, realisasi=realisasi, anggaran=anggaran)
    values, money = values_for(kantor, p.tw)
    out = {}
    for path in paths:
        fill_form(
            path,
            values=values,
            anggaran=money,
            pengisi={"pengisi": "Petugas Unit", "tanggal_pengisian": dt.date(2025, 10, 6)},
            when=WHEN,
        )
        out[path.name.split("-")[1]] = path
    return out


def edit(path: Path, sheet: str, cells: dict[str, object], target: Path | None = None) -> Path:
    """Change cells of a filled form with openpyxl (protection off, as a unit could)."""
    wb = load_workbook(path)
    ws = wb[sheet]
    ws.protection.sheet = False
    for ref, value in cells.items():
        ws[ref] = value
    out = target or path
    save_workbook(wb, out, WHEN + dt.timedelta(hours=1))
    return out


def column_of(path: Path, header: str, sheet: str = "Realisasi") -> str:
    """Letter of the column whose header (row 8) is ``header``."""
    wb = load_workbook(path, read_only=True)
    try:  # a read-only workbook holds its zip open until closed
        row = next(wb[sheet].iter_rows(min_row=8, max_row=8))
        for cell in row:
            if cell.value == header:
                return cell.column_letter
    finally:
        wb.close()
    raise KeyError(header)


def nilai_isian(form: Path, kode: str, header: str, first_row: int) -> object:
    """The value the form holds for indicator ``kode`` under ``header`` (its pre-fill)."""
    col = column_of(form, header)
    wb = load_workbook(form, read_only=True)
    try:  # a read-only workbook holds its zip open until closed
        ws = wb["Realisasi"]
        rows = ws.iter_rows(min_row=first_row, min_col=2, max_col=2, values_only=True)
        (row,) = [i for i, (v,) in enumerate(rows, start=first_row) if v == kode]
        return ws[f"{col}{row}"].value
    finally:
        wb.close()
