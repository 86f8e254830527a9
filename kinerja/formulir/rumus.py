"""Formula cells without a stored value, found in a sheet's XML.

python-calamine reads such a cell as empty; intake must tell "left empty" from
"a formula whose result was never saved" (``rumus-tanpa-nilai``), so it looks
the formulas up in the workbook's XML and marks those cells with ``Rumus``.
"""

from __future__ import annotations

import re
import zipfile

__all__ = ["Rumus", "formulas_without_value"]


class Rumus:
    """A formula cell without a stored value (calamine reads it as empty)."""

    def __init__(self, formula: str) -> None:
        self.formula = formula

    def __repr__(self) -> str:
        return f"={self.formula}"


_SHEET_RE = re.compile(rb"<(?:\w+:)?sheet\b[^>]*?>")
_ATTR_RE = re.compile(rb'([\w:]+)="([^"]*)"')
_CELL_RE = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.DOTALL)
_F_RE = re.compile(rb"<(?:\w+:)?f\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?f>)", re.DOTALL)
_V_RE = re.compile(rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>")


def _sheet_xml(zf: zipfile.ZipFile, sheet: str) -> bytes | None:
    """The XML part of ``sheet`` (found through workbook.xml and its relationships)."""
    try:
        workbook = zf.read("xl/workbook.xml")
        rels = zf.read("xl/_rels/workbook.xml.rels")
    except KeyError:
        return None
    rid = None
    for tag in _SHEET_RE.findall(workbook):
        attrs = dict(_ATTR_RE.findall(tag))
        if attrs.get(b"name", b"").decode("utf-8", "replace") == sheet:
            rid = next((v for k, v in attrs.items() if k.endswith(b":id")), None)
    if rid is None:
        return None
    target = None
    for rel in re.findall(rb"<(?:\w+:)?Relationship\b[^>]*?>", rels):
        attrs = dict(_ATTR_RE.findall(rel))
        if attrs.get(b"Id") == rid:
            target = attrs.get(b"Target", b"").decode()
    if not target:
        return None
    name = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    try:
        return zf.read(name)
    except KeyError:
        return None


def formulas_without_value(zf: zipfile.ZipFile, sheet: str) -> dict[str, str]:
    """{cell ref: formula} of the formula cells of ``sheet`` that hold no stored value."""
    xml = _sheet_xml(zf, sheet)
    if xml is None or (b"<f" not in xml and b":f" not in xml):
        return {}
    out = {}
    for attrs, inner in _CELL_RE.findall(xml):
        if not inner or not _F_RE.search(inner):
            continue
        value = _V_RE.search(inner)
        if value is None or not value.group(1).strip():
            ref = dict(_ATTR_RE.findall(attrs)).get(b"r", b"").decode()
            formula = _F_RE.search(inner).group(1) or b""
            out[ref] = formula.decode("utf-8", "replace")
    return out
