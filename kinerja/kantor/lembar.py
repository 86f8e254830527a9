"""One sheet of an office workbook as text cells (the PK and realisasi workbooks)."""

from __future__ import annotations

import posixpath
import re
import zipfile
from pathlib import Path

import pandas as pd

from kinerja.inti.errors import InputError

__all__ = ["read_sheet", "sel_rumus"]


def read_sheet(path: Path, sheet: str) -> pd.DataFrame:
    """One sheet as text cells (header row 1), read with calamine.

    Translates a non-xlsx, damaged or sheet-less workbook into ``InputError``.
    """
    try:
        frame = pd.read_excel(path, sheet_name=sheet, engine="calamine", dtype=object)
    except FileNotFoundError as exc:
        raise InputError(f'Berkas "{path}" tidak ditemukan.') from exc
    except ValueError as exc:
        if "not found" in str(exc).casefold() or "worksheet" in str(exc).casefold():
            raise InputError(
                f'Berkas "{path.name}" tidak memiliki lembar "{sheet}". Jangan ganti nama lembar.'
            ) from exc
        raise InputError(f'Berkas "{path.name}" bukan .xlsx yang sah: {exc}') from exc
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(f'Berkas "{path.name}" bukan .xlsx yang sah atau rusak.') from exc
    except Exception as exc:  # calamine's own error types are not exported
        raise InputError(f'Berkas "{path.name}" bukan .xlsx yang sah atau rusak: {exc}') from exc
    frame.columns = [str(c).strip().casefold() for c in frame.columns]
    return frame


_SHEET = re.compile(r"<(?:\w+:)?sheet\b[^>]*>")
_ATTR = re.compile(r'([\w:]+)="([^"]*)"')
_REL = re.compile(r"<(?:\w+:)?Relationship\b[^>]*>")
_CELL = re.compile(r"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.S)
_FORMULA = re.compile(r"<(?:\w+:)?f[\s>/]")


def _attrs(tag: str) -> dict[str, str]:
    return {k.rsplit(":", 1)[-1] if k != "r:id" else k: v for k, v in _ATTR.findall(tag)}


def sel_rumus(path: Path, sheet: str) -> list[str]:
    """The cells of ``sheet`` that hold a formula (``J3``), read from the sheet's XML.

    calamine reads a formula's cached value, which is empty when the workbook was not
    recalculated (openpyxl, scripts): such a cell would read as "not filled" unseen.
    Returns [] when the workbook or sheet cannot be read (``read_sheet`` says why).
    """
    try:
        with zipfile.ZipFile(path) as z:
            book = z.read("xl/workbook.xml").decode("utf-8", "replace")
            rels = z.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
            rid = next(
                (
                    a.get("r:id")
                    for a in map(_attrs, _SHEET.findall(book))
                    if a.get("name") == sheet
                ),
                None,
            )
            target = next(
                (a["Target"] for a in map(_attrs, _REL.findall(rels)) if a.get("Id") == rid), None
            )
            if target is None:
                return []
            name = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
            xml = z.read(posixpath.normpath(name)).decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile):
        return []
    return [
        _attrs(m.group(1)).get("r", "?")
        for m in _CELL.finditer(xml)
        if m.group(2) and _FORMULA.search(m.group(2))
    ]
