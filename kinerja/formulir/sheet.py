"""Writing the cells of a form's data sheet with openpyxl.

``Sheet`` writes one cell at a time and records every locked cell with its value
(for the checksum in ``meta``); input cells are unlocked and yellow.
``write_table`` writes a data table (header, rows, data validations, print
area), ``write_title`` and ``write_pengisi`` the block above it. Text from a PK or
from a returned form is data: a leading ``=``, ``+``, ``-`` or ``@`` is
neutralised before it is written.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from kinerja.berkas.xlsx import neutralise_formula
from kinerja.formulir.gaya import (
    BOX,
    FIRST_ROW,
    GREY,
    HEAD,
    HEADER_ROW,
    INPUT,
    PENGISI_CELLS,
    PENGISI_LABEL,
    UNLOCKED,
    WRAP,
    Kolom,
)
from kinerja.formulir.layout import canon

__all__ = [
    "Sheet",
    "cell_value",
    "row_height",
    "safe_text",
    "validation",
    "write_pengisi",
    "write_table",
    "write_title",
]


def cell_value(value: object) -> object:
    """A PK/realisasi value as written: numbers as numbers, everything else as safe text."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return int(value) if float(value).is_integer() else float(value)
    text = str(value).strip()
    return neutralise_formula(text) if text else None


def safe_text(value: object) -> object:
    """A value a unit entered, written back: text neutralised, empty text as no value."""
    if isinstance(value, str):
        return neutralise_formula(value) if value else None
    return value


class Sheet:
    """Writes one sheet and remembers which cells are locked and with what value."""

    def __init__(self, ws: Worksheet, locked: list[tuple[str, str, str]]) -> None:
        self.ws = ws
        self.locked = locked

    def put(self, ref: str, value: object, *, lock: bool = True, **style: object) -> None:
        """Write ``value`` to ``ref`` with ``style``; record it if locked, else unlock it."""
        cell = self.ws[ref]
        cell.value = value
        for name, item in style.items():
            setattr(cell, name, item)
        if lock:
            self.locked.append((self.ws.title, ref, canon(value)))
        else:
            cell.protection = UNLOCKED


def write_table(
    sheet: Sheet,
    cols: Sequence[Kolom],
    rows: Sequence[Mapping[str, object]],
    validations: Mapping[str, DataValidation],
    row_validation: Sequence[str] = (),
    terkunci: Sequence[frozenset[str]] = (),
) -> None:
    """The table at ``HEADER_ROW``: locked grey cells, yellow inputs with their validation.

    ``row_validation`` names, per row, the validation of its ``realisasi`` cell (a
    number, or a scale's list); other input columns use the validation of their key.
    ``terkunci`` names, per row, input columns that row does not fill (locked, grey).
    """
    ws = sheet.ws
    for i, col in enumerate(cols):
        letter = col.letter(i)
        ws.column_dimensions[letter].width = col.width
        fill = INPUT if col.input else HEAD
        sheet.put(
            f"{letter}{HEADER_ROW}",
            col.header,
            fill=fill,
            font=Font(bold=True),
            border=BOX,
            alignment=Alignment(wrap_text=True, vertical="center", horizontal="center"),
        )
        for r, row in enumerate(rows):
            ref = f"{letter}{FIRST_ROW + r}"
            value = row.get(col.key)
            if col.input and not (terkunci and col.key in terkunci[r]):
                sheet.put(ref, value, lock=False, fill=INPUT, border=BOX, alignment=WRAP)
                key = row_validation[r] if col.key in ("realisasi",) and row_validation else col.key
                if key in validations:
                    validations[key].add(ref)
            else:
                sheet.put(ref, cell_value(value), fill=GREY, border=BOX, alignment=WRAP)
    for r, row in enumerate(rows):
        ws.row_dimensions[FIRST_ROW + r].height = row_height(row, cols)
    for dv in validations.values():
        if dv.sqref.ranges:
            ws.add_data_validation(dv)
    ws.row_dimensions[HEADER_ROW].height = 45
    last = get_column_letter(len(cols))
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.print_area = f"A1:{last}{max(FIRST_ROW + len(rows) - 1, HEADER_ROW)}"
    ws.freeze_panes = f"A{FIRST_ROW}"


def row_height(row: Mapping[str, object], cols: Sequence[Kolom]) -> float:
    """Row height that shows wrapped text whole (LibreOffice does not grow rows on opening)."""
    lines = 1
    for col in cols:
        text = str(row.get(col.key) or "")
        per_line = max(col.width * 1.15 - 2, 4)
        lines = max(lines, sum(-(-max(len(part), 1) // int(per_line)) for part in text.split("\n")))
    return 15.0 * min(lines, 12) + 3


def write_title(sheet: Sheet, width: int, lines: Sequence[str]) -> None:
    """The title lines at the top, each merged over ``width`` columns."""
    last = get_column_letter(width)
    for i, text in enumerate(lines, start=1):
        sheet.put(f"A{i}", text, font=Font(bold=i == 1, size=13 if i == 1 else 11))
        sheet.ws.merge_cells(f"A{i}:{last}{i}")


def write_pengisi(sheet: Sheet, values: Mapping[str, object]) -> None:
    """Who filled the form in (input cells above the table) and the note on colours."""
    for key, ref in PENGISI_CELLS.items():
        row = ref[1:]
        sheet.put(f"A{row}", PENGISI_LABEL[key], font=Font(bold=True))
        sheet.ws.merge_cells(f"A{row}:C{row}")
        sheet.put(ref, values.get(key), lock=False, fill=INPUT, border=BOX)
    sheet.put(
        "F4",
        "Sel kuning diisi unit. Sel abu-abu terkunci: jangan diubah.",
        font=Font(italic=True),
    )


def validation(kind: str, labels: Sequence[str] = ()) -> DataValidation:
    """The data validation of an input cell: ``list`` (of ``labels``), ``angka`` (≥ 0),
    ``persen`` (0 to 100) or text."""
    if kind == "list":
        dv = DataValidation(type="list", formula1='"' + ",".join(labels) + '"', allow_blank=True)
        dv.error = f"Pilih salah satu: {', '.join(labels)}."
        dv.prompt = f"Pilih dari daftar: {', '.join(labels)}."
    elif kind == "persen":  # a % the PK does not allow above 100 (inti.tingkat)
        dv = DataValidation(type="decimal", operator="between", formula1="0", formula2="100")
        dv.allow_blank = True
        dv.error = (
            "Persentase harus di antara 0 dan 100, tanpa tanda %, misalnya 87,5. Di atas 100 "
            "hanya bila target indikator di Perjanjian Kinerja di atas 100."
        )
        dv.prompt = "Persentase 0 sampai 100, tanpa tanda %, misalnya 87,5."
    elif kind == "angka":
        dv = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0")
        dv.allow_blank = True
        dv.error = "Isi dengan angka 0 atau lebih, tanpa satuan, misalnya 87,5."
        dv.prompt = "Angka saja, tanpa satuan atau tanda %, misalnya 87,5."
    else:
        dv = DataValidation(type="textLength", operator="lessThanOrEqual", formula1="2000")
        dv.allow_blank = True
        dv.error = "Teks terlalu panjang (paling banyak 2.000 karakter)."
        dv.prompt = ""
    dv.errorTitle = "Isian tidak sah"
    dv.promptTitle = "Petunjuk"
    dv.showErrorMessage = True
    dv.showInputMessage = bool(dv.prompt)
    return dv
