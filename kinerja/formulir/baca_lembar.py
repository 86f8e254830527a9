"""Reading one data sheet of a returned form (``Realisasi`` or ``Anggaran``).

In four steps: the column headers (if they moved, nothing below can be mapped),
the rows (each expected kode found, deleted and inserted rows reported), the
locked cells compared where their row is now, and the raw input cells (a formula
without value marked ``Rumus``, not read as empty). Problems go to ``add``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from kinerja.formulir.gaya import (
    FIRST_ROW,
    HEADER_ROW,
    PENGISI_CELLS,
    PENGISI_LABEL,
    SHEET_REALISASI,
    Kolom,
)
from kinerja.formulir.layout import canon
from kinerja.formulir.rumus import Rumus

__all__ = ["LembarDibaca", "Tambah", "read_sheet"]

#: Records a finding: ``add(kode, **fields)`` (see ``pesan.temuan``).
Tambah = Callable[..., None]


@dataclass
class LembarDibaca:
    """What one sheet holds: rows found, locked and input cells (as in ``baca.Dibaca``)."""

    baris: int = 0
    locked: list[tuple] = field(default_factory=list)
    inputs: list[tuple] = field(default_factory=list)


def _ref(row0: int, col0: int) -> str:
    """0-based (row, column) → Excel reference (``F12``)."""
    letters = ""
    n = col0 + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{row0 + 1}"


_REF_RE = re.compile(r"^([A-Z]+)([0-9]+)$")


def _split(ref: str) -> tuple[int, int]:
    """Excel reference → 0-based (row, column)."""
    match = _REF_RE.match(ref)
    if not match:
        raise ValueError(ref)
    col = 0
    for ch in match.group(1):
        col = col * 26 + ord(ch) - 64
    return int(match.group(2)) - 1, col - 1


def _cell(grid: list[list], row0: int, col0: int) -> object:
    if row0 < len(grid) and col0 < len(grid[row0]):
        return grid[row0][col0]
    return ""


def _headers_intact(
    add: Tambah, lembar: str, grid: list[list], cols: list[Kolom], unit: str
) -> bool:
    """True when every column header is where the layout puts it."""
    intact = True
    for i, col in enumerate(cols):
        found = canon(_cell(grid, HEADER_ROW - 1, i)).strip()
        if found != col.header:
            intact = False
            add(
                "kolom-diubah",
                lembar=lembar,
                sel=_ref(HEADER_ROW - 1, i),
                nilai=found,
                harapan=col.header,
                unit=unit,
            )
    return intact


def _rows(
    add: Tambah,
    lembar: str,
    grid: list[list],
    formulas: dict[str, str],
    expected: list[str],
    unit: str,
) -> dict[str, int]:
    """{kode: 0-based row} of the expected rows found; the others reported."""
    row_of: dict[str, int] = {}
    extra_rows = []
    for r in range(FIRST_ROW - 1, len(grid)):
        row = grid[r]
        if not any(v != "" for v in row) and _ref(r, 0) not in formulas:
            continue
        kode = canon(row[1]).strip() if len(row) > 1 else ""
        if kode in expected and kode not in row_of:
            row_of[kode] = r
        else:
            shown = kode or next((canon(v) for v in row if v != ""), "")
            extra_rows.append((r, shown))
    for i, kode in enumerate(expected):
        if kode not in row_of:
            add(
                "baris-dihapus",
                lembar=lembar,
                sel=f"B{FIRST_ROW + i}",
                nilai=kode,
                baris=FIRST_ROW + i,
                unit=unit,
                indikator=kode,
            )
    for r, shown in extra_rows:
        add("baris-disisipkan", lembar=lembar, sel=f"A{r + 1}", nilai=shown, baris=r + 1, unit=unit)
    return row_of


def _locked_cells(
    lembar: str,
    grid: list[list],
    formulas: dict[str, str],
    cols: list[Kolom],
    locked: list[tuple[str, str, str]],
    shift: dict[int, int],
) -> list[tuple]:
    """(lembar, sel, kolom, asli, sekarang) of every locked cell, where its row is now."""
    headers = {c.letter(i): c.header for i, c in enumerate(cols)}
    out = []
    for sel, asli, _ in locked:
        r0, c0 = _split(sel)
        if r0 >= FIRST_ROW - 1:
            if r0 not in shift:
                continue  # the row is gone: reported as baris-dihapus
            r0 = shift[r0]
        elif r0 == HEADER_ROW - 1:
            continue  # headers were checked above
        here = _ref(r0, c0)
        now = formulas.get(here)
        sekarang = f"={now}" if now is not None else canon(_cell(grid, r0, c0))
        header = headers.get(re.sub(r"[0-9]", "", sel), "") if r0 >= FIRST_ROW - 1 else ""
        out.append((lembar, here, header, asli, sekarang))
    return out


def _raw(grid: list[list], formulas: dict[str, str], ref: str, r0: int, c0: int) -> object:
    return Rumus(formulas[ref]) if ref in formulas else _cell(grid, r0, c0)


def _input_cells(
    lembar: str,
    grid: list[list],
    formulas: dict[str, str],
    cols: list[Kolom],
    row_of: dict[str, int],
) -> list[tuple]:
    """(lembar, sel, kolom, field, kode, raw, sebelumnya) of every input cell."""
    inputs = [(i, c) for i, c in enumerate(cols) if c.input]
    previous = [(i, c) for i, c in enumerate(cols) if c.key.startswith("anggaran_tw")]
    out = []
    for kode, r0 in row_of.items():
        sebelumnya = 0.0
        for i, _ in previous:
            value = _cell(grid, r0, i)
            sebelumnya += value if isinstance(value, float) else 0.0
        for i, col in inputs:
            ref = _ref(r0, i)
            raw = _raw(grid, formulas, ref, r0, i)
            out.append((lembar, ref, col.header, col.key, kode, raw, sebelumnya))
    if lembar == SHEET_REALISASI:
        for key, ref in PENGISI_CELLS.items():
            r0, c0 = _split(ref)
            raw = _raw(grid, formulas, ref, r0, c0)
            out.append((lembar, ref, PENGISI_LABEL[key], key, "", raw, 0.0))
    return out


def read_sheet(
    add: Tambah,
    lembar: str,
    grid: list[list],
    formulas: dict[str, str],
    cols: list[Kolom],
    expected: list[str],
    locked: list[tuple[str, str, str]],
    unit: str,
) -> LembarDibaca:
    """Read the sheet ``lembar`` (``grid`` as calamine gives it) against its layout."""
    if not _headers_intact(add, lembar, grid, cols, unit):
        return LembarDibaca()
    row_of = _rows(add, lembar, grid, formulas, expected, unit)
    shift = {FIRST_ROW - 1 + i: row_of[k] for i, k in enumerate(expected) if k in row_of}
    return LembarDibaca(
        baris=len(row_of),
        locked=_locked_cells(lembar, grid, formulas, cols, locked, shift),
        inputs=_input_cells(lembar, grid, formulas, cols, row_of),
    )
