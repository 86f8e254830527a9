"""Helpers for the form tests: blank forms of a quarter, filled as the units would."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import load_workbook

from kinerja.berkas.xlsx import save_workbook
from kinerja.formulir.tulis import fill_form, write_forms
from kinerja.inti.model import Periode
from kinerja.kantor.katalog import Kantor
from kinerja.kantor.pk import PerjanjianKinerja
from kinerja.kantor.realisasi import load_realisasi_table

WHEN = dt.datetime(2025, 10, 7, 10, 0)


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
    row = next(wb[sheet].iter_rows(min_row=8, max_row=8))
    for cell in row:
        if cell.value == header:
            return cell.column_letter
    raise KeyError(header)
