"""The very hidden ``_kinerja`` sheet: a form's identity and its locked cells.

``write_meta`` stores the form's identity (kantor, unit, periode, schema version,
form id, the rows it lists) and every locked cell with its value, bound together
by a checksum; ``read_meta`` takes them back from the sheet as calamine reads it,
so intake can tell a genuine, unmodified form from anything else and name the
cell that was changed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

from openpyxl import Workbook

from kinerja.berkas.xlsx import neutralise_formula
from kinerja.formulir.gaya import META_SHEET, SCHEMA_VERSION
from kinerja.formulir.layout import canon
from kinerja.inti.model import Periode
from kinerja.kantor.katalog import Kantor, Unit

__all__ = ["checksum", "identity", "read_meta", "write_meta"]


def checksum(locked: Iterable[tuple[str, str, str]], identity: Sequence[str] = ()) -> str:
    """sha256 over the form's identity (kantor, unit, periode, versi) and (lembar, sel,
    nilai) of every locked cell, in order."""
    digest = hashlib.sha256()
    digest.update(("\t".join(identity) + "\n").encode())
    for lembar, sel, nilai in locked:
        digest.update(f"{lembar}\t{sel}\t{nilai}\n".encode())
    return digest.hexdigest()


def identity(kantor: str, unit: str, periode: str, versi: str) -> tuple[str, ...]:
    """What the checksum binds the locked content to."""
    return (kantor, unit, periode, versi)


def write_meta(
    wb: Workbook,
    kantor: Kantor,
    unit: Unit,
    periode: Periode,
    baris: list[str],
    baris_anggaran: list[str],
    locked: list[tuple[str, str, str]],
    baris_rasio: Sequence[str] = (),
) -> None:
    """Add the protected, very hidden metadata sheet to ``wb``.

    ``baris_rasio``: the rows filled as pembilang/penyebut (the key is written only
    when there are any, so forms without them stay as they were).
    """
    ws = wb.create_sheet(META_SHEET)
    ws.sheet_state = "veryHidden"
    digest = checksum(locked, identity(kantor.kode, unit.kode, str(periode), str(SCHEMA_VERSION)))
    form_id = f"FRM-{periode.tahun}-{periode.tw}-{unit.kode}-{digest[:12]}"
    pairs = [
        ("kunci", "nilai"),
        ("form_id", form_id),
        ("kantor", kantor.kode),
        ("unit", unit.kode),
        ("periode", str(periode)),
        ("versi_skema", str(SCHEMA_VERSION)),
        ("checksum", digest),
        ("baris_realisasi", ",".join(baris)),
        ("baris_anggaran", ",".join(baris_anggaran)),
    ]
    if baris_rasio:
        pairs.append(("baris_rasio", ",".join(baris_rasio)))
    for r, (key, value) in enumerate(pairs, start=1):
        ws.cell(row=r, column=1, value=key)
        ws.cell(row=r, column=2, value=value)
    ws.cell(row=1, column=4, value="lembar")
    ws.cell(row=1, column=5, value="sel")
    ws.cell(row=1, column=6, value="nilai")
    for r, (lembar, sel, nilai) in enumerate(locked, start=2):
        ws.cell(row=r, column=4, value=lembar)
        ws.cell(row=r, column=5, value=sel)
        # stored as text always (a leading quote keeps "=…" from being a formula)
        ws.cell(row=r, column=6, value=neutralise_formula(nilai) if nilai else None)
    ws.protection.sheet = True


def read_meta(grid: list[list]) -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    """({key: value}, [(lembar, sel, nilai) of every locked cell]) from the sheet's cells."""
    meta: dict[str, str] = {}
    locked: list[tuple[str, str, str]] = []
    for row in grid[1:]:
        key = canon(row[0]) if row else ""
        if key:
            meta[key] = canon(row[1]) if len(row) > 1 else ""
        if len(row) > 4 and canon(row[3]):
            nilai = canon(row[5]) if len(row) > 5 else ""
            if nilai[:2] in ("'=", "'+", "'-", "'@"):
                nilai = nilai[1:]
            locked.append((canon(row[3]), canon(row[4]), nilai))
    return meta, locked
