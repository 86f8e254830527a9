"""Shared layout facts and look of the form sheets: sheet names, rows, fills, A4 print."""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.styles import Alignment, Border, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from kinerja.berkas.xlsx import a4_mendatar

__all__ = [
    "FIRST_ROW",
    "HEADER_ROW",
    "META_SHEET",
    "PENGISI_CELLS",
    "PENGISI_LABEL",
    "SCHEMA_VERSION",
    "SHEET_ANGGARAN",
    "SHEET_PETUNJUK",
    "SHEET_REALISASI",
    "SHEET_TEMUAN",
    "BOX",
    "CARA_MENGISI",
    "GREY",
    "HEAD",
    "INPUT",
    "RED",
    "UNLOCKED",
    "WRAP",
    "Kolom",
    "setup_print",
]


SCHEMA_VERSION = 1
META_SHEET = "_kinerja"
SHEET_REALISASI = "Realisasi"
SHEET_ANGGARAN = "Anggaran"
SHEET_PETUNJUK = "Petunjuk"
SHEET_TEMUAN = "Temuan"
HEADER_ROW = 8  # the table header, as Excel numbers rows
FIRST_ROW = 9  # first indicator / program row
#: Who filled the form in: input cells above the table.
PENGISI_CELLS = {"pengisi": "D4", "jabatan_pengisi": "D5", "tanggal_pengisian": "D6"}
PENGISI_LABEL = {
    "pengisi": "Nama pengisi",
    "jabatan_pengisi": "NIP / jabatan pengisi",
    "tanggal_pengisian": "Tanggal pengisian",
}
CARA_MENGISI = {
    "kumulatif": "Jumlah dalam triwulan ini saja (bukan kumulatif)",
    "akhir": "Posisi/nilai pada akhir triwulan",
    "rata_rata": "Rata-rata selama triwulan ini",
}

GREY = PatternFill("solid", fgColor="EDEDED")
HEAD = PatternFill("solid", fgColor="D9D9D9")
INPUT = PatternFill("solid", fgColor="FFF2CC")
RED = PatternFill("solid", fgColor="F8CBAD")
_THIN = Side(style="thin", color="A6A6A6")
BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
UNLOCKED = Protection(locked=False)


@dataclass(frozen=True)
class Kolom:
    """One column of a form table: ``key`` names the field, ``header`` is printed."""

    key: str
    header: str
    width: float
    input: bool = False
    tw: int = 0  # the quarter a realisasi/target column is about (0: none)

    def letter(self, position: int) -> str:
        """The column letter of the ``position``-th (0-based) column."""
        return get_column_letter(position + 1)


def setup_print(ws: Worksheet, protect: bool = True) -> None:
    """A4 landscape, fit to width, centred; the sheet protected unless ``protect`` is false."""
    a4_mendatar(ws)
    if protect:
        ws.protection.sheet = True
        # allowed while protected: widen columns and rows, select cells
        ws.protection.formatColumns = False
        ws.protection.formatRows = False
