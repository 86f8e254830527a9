"""Writing workbooks (openpyxl) the way kinerja needs: deterministic and atomic.

openpyxl stamps the save time into ``docProps/core.xml`` and every zip entry;
``save_workbook`` fixes both to ``when`` so that the same content gives the same
bytes, and writes through a temporary file so a reader never sees half a file.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from kinerja.berkas.atomic import atomic_open

__all__ = ["a4_mendatar", "neutralise_formula", "save_workbook"]

_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")
_CREATED = re.compile(rb"(<dcterms:created[^>]*>)[^<]*(</dcterms:created>)")


def save_workbook(wb: Workbook, path: Path, when: datetime) -> None:
    """Save ``wb`` to ``path`` with every timestamp set to ``when``, atomically."""
    buffer = io.BytesIO()
    wb.save(buffer)
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with (
        atomic_open(path, "wb") as handle,
        zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as src,
        zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = _MODIFIED.sub(rb"\g<1>" + stamp + rb"\g<2>", data)
                data = _CREATED.sub(rb"\g<1>" + stamp + rb"\g<2>", data)
            fixed = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, data)


def neutralise_formula(value: object) -> object:
    """Text that Excel would run as a formula (leading =, +, -, @) gets a leading quote.

    Numbers pass unchanged; so does text that is a plain negative number ("-5").
    """
    if not isinstance(value, str) or not value or value[0] not in "=+-@\t\r":
        return value
    if value[0] in "+-" and re.fullmatch(r"[+-]\d+([.,]\d+)?", value.strip()):
        return value
    return "'" + value


def a4_mendatar(ws: Worksheet) -> None:
    """Print setup of every sheet kinerja writes: A4 landscape, every column on one page
    width, narrow margins, centred (LibreOffice prints the sheet in few pages)."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    ws.print_options.horizontalCentered = True
