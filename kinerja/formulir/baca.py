"""Reading one returned form (python-calamine): its identity, structure and raw cells.

``read_form`` opens the bytes once, checks what can only be checked per file
(not an xlsx, damaged, not a kinerja form, metadata, sheets, column headers,
deleted or inserted rows, formulas without a stored value) and returns the raw
input cells and the locked cells as found, for the vectorized checks in
``intake``. Nothing here raises for a user's mistake: problems are findings.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import python_calamine as pc

from kinerja.formulir.gaya import (
    FIRST_ROW,
    HEADER_ROW,
    META_SHEET,
    PENGISI_CELLS,
    PENGISI_LABEL,
    SCHEMA_VERSION,
    SHEET_ANGGARAN,
    SHEET_PETUNJUK,
    SHEET_REALISASI,
    SHEET_TEMUAN,
    Kolom,
)
from kinerja.formulir.layout import canon, layout_anggaran, layout_realisasi
from kinerja.formulir.meta import checksum, identity, read_meta
from kinerja.formulir.pesan import temuan
from kinerja.inti.errors import Temuan
from kinerja.inti.model import Periode

__all__ = ["RUMUS", "Dibaca", "read_form"]


class _Rumus:
    """A formula cell without a stored value (calamine reads it as empty)."""

    def __init__(self, formula: str) -> None:
        self.formula = formula

    def __repr__(self) -> str:
        return f"={self.formula}"


RUMUS = _Rumus


@dataclass
class Dibaca:
    """What one file holds, as read; ``temuan`` are the per-file findings so far."""

    nama: str
    path: Path
    sha256: str
    ukuran: int
    data: bytes = field(repr=False)
    meta: dict[str, str] = field(default_factory=dict)
    temuan: list[Temuan] = field(default_factory=list)
    #: raw input cells: (lembar, sel, kolom, field, kode, raw, sebelumnya)
    inputs: list[tuple] = field(default_factory=list)
    #: locked cells: (lembar, sel, kolom, asli, sekarang)
    locked: list[tuple] = field(default_factory=list)
    baris: int = 0

    @property
    def unit(self) -> str:
        return self.meta.get("unit", "")

    @property
    def usable(self) -> bool:
        return bool(self.meta)


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


_SHEET_RE = re.compile(rb"<(?:\w+:)?sheet\b[^>]*?>")
_ATTR_RE = re.compile(rb'([\w:]+)="([^"]*)"')
_CELL_RE = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.DOTALL)
_F_RE = re.compile(rb"<(?:\w+:)?f\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?f>)", re.DOTALL)
_V_RE = re.compile(rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>")


def _formulas_without_value(zf: zipfile.ZipFile, sheet: str) -> dict[str, str]:
    """{cell ref: formula} of the formula cells of ``sheet`` that hold no stored value."""
    try:
        workbook = zf.read("xl/workbook.xml")
        rels = zf.read("xl/_rels/workbook.xml.rels")
    except KeyError:
        return {}
    rid = None
    for tag in _SHEET_RE.findall(workbook):
        attrs = dict(_ATTR_RE.findall(tag))
        if attrs.get(b"name", b"").decode("utf-8", "replace") == sheet:
            rid = next((v for k, v in attrs.items() if k.endswith(b":id")), None)
    if rid is None:
        return {}
    target = None
    for rel in re.findall(rb"<(?:\w+:)?Relationship\b[^>]*?>", rels):
        attrs = dict(_ATTR_RE.findall(rel))
        if attrs.get(b"Id") == rid:
            target = attrs.get(b"Target", b"").decode()
    if not target:
        return {}
    name = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    try:
        xml = zf.read(name)
    except KeyError:
        return {}
    if b"<f" not in xml and b":f" not in xml:
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


def read_form(path: Path, kantor_kode: str, periode: Periode, units: set[str]) -> Dibaca:
    """Read ``path`` once; every per-file problem becomes a finding on the result."""
    path = Path(path)
    data = path.read_bytes()
    out = Dibaca(path.name, path, hashlib.sha256(data).hexdigest(), len(data), data)
    nama = path.name

    def add(kode: str, **kw: object) -> None:
        out.temuan.append(temuan(kode, berkas=nama, periode=str(periode), **kw))

    if not data:
        add("berkas-kosong")
        return out
    if not data.startswith(b"PK\x03\x04"):
        if data.startswith(b"%PDF"):
            detail = "isinya PDF"
        elif data.startswith(b"\xd0\xcf\x11\xe0"):
            detail = "format Excel 97-2003 (.xls) atau berkas terenkripsi"
        else:
            detail = "isinya bukan buku kerja Excel"
        add("berkas-bukan-xlsx", detail=detail)
        return out
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        if "xl/workbook.xml" not in zf.namelist():
            ods = "content.xml" in zf.namelist()
            add(
                "berkas-bukan-xlsx",
                detail="berkas OpenDocument (.ods)" if ods else "arsip zip lain",
            )
            return out
        wb = pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = wb.sheet_names
    except (zipfile.BadZipFile, pc.CalamineError, ValueError, OSError) as exc:
        add("berkas-rusak", detail=_short(exc))
        return out
    except Exception as exc:  # calamine raises its own types for broken parts
        add("berkas-rusak", detail=_short(exc))
        return out

    if META_SHEET not in names:
        add("bukan-formulir-kinerja")
        return out
    try:
        meta, meta_locked = read_meta(wb.get_sheet_by_name(META_SHEET).to_python())
    except Exception as exc:
        add("berkas-rusak", detail=_short(exc))
        return out
    who = identity(*(meta.get(k, "") for k in ("kantor", "unit", "periode", "versi_skema")))
    if meta.get("checksum") != checksum(meta_locked, who) or not meta.get("periode"):
        add("metadata-rusak", detail="checksum isi terkunci tidak cocok")
        return out
    out.meta = meta
    unit = meta.get("unit", "")
    common = {"unit": unit}
    if meta.get("versi_skema") != str(SCHEMA_VERSION):
        add("formulir-versi-lain", nilai=meta.get("versi_skema"), harapan=SCHEMA_VERSION, **common)
        return out
    try:
        form_periode = Periode.parse(meta["periode"])
    except Exception:
        add("metadata-rusak", detail=f'periode "{meta["periode"]}"')
        out.meta = {}
        return out
    if meta.get("kantor") != kantor_kode:
        add("kantor-lain", nilai=meta.get("kantor"), harapan=kantor_kode, **common)
    if (form_periode.tahun, form_periode.tw) != (periode.tahun, periode.tw):
        add("periode-lain", nilai=form_periode, harapan=periode, **common)
    if unit not in units:
        add("unit-tidak-dikenal", nilai=unit, **common)

    sheets = {SHEET_REALISASI: ("baris_realisasi", layout_realisasi(form_periode))}
    if meta.get("baris_anggaran"):
        sheets[SHEET_ANGGARAN] = ("baris_anggaran", layout_anggaran(form_periode))
    known = {*sheets, SHEET_PETUNJUK, SHEET_TEMUAN, META_SHEET}
    extra = [s for s in names if s not in known]
    missing = [s for s in sheets if s not in names]
    for s in missing:
        if len(missing) == 1 and len(extra) == 1:
            add("lembar-diganti-nama", lembar=extra[0], nilai=extra[0], harapan=s, **common)
            extra = []
        else:
            add("lembar-tidak-ada", nilai=s, **common)
    for s in extra:
        add("lembar-tambahan", lembar=s, nilai=s, **common)

    by_sheet: dict[str, list[tuple[str, str, str]]] = {}
    for lembar, sel, nilai in meta_locked:
        by_sheet.setdefault(lembar, []).append((sel, nilai, lembar))
    for lembar, (meta_key, cols) in sheets.items():
        if lembar not in names:
            continue
        expected = [k for k in meta.get(meta_key, "").split(",") if k]
        try:
            grid = wb.get_sheet_by_name(lembar).to_python(skip_empty_area=False)
            formulas = _formulas_without_value(zf, lembar)
        except Exception as exc:
            add("berkas-rusak", lembar=lembar, detail=_short(exc), **common)
            continue
        _read_sheet(out, add, lembar, grid, formulas, cols, expected, by_sheet.get(lembar, []))
    return out


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:120]


def _read_sheet(
    out: Dibaca,
    add,
    lembar: str,
    grid: list[list],
    formulas: dict[str, str],
    cols: list[Kolom],
    expected: list[str],
    locked: list[tuple[str, str, str]],
) -> None:
    unit = out.unit
    headers = {c.letter(i): c.header for i, c in enumerate(cols)}
    # 1. column headers: if they moved, nothing below can be mapped
    broken = False
    for i, col in enumerate(cols):
        found = canon(_cell(grid, HEADER_ROW - 1, i)).strip()
        if found != col.header:
            broken = True
            add(
                "kolom-diubah",
                lembar=lembar,
                sel=_ref(HEADER_ROW - 1, i),
                nilai=found,
                harapan=col.header,
                unit=unit,
            )
    if broken:
        return
    # 2. rows: find each expected kode; anything else non-empty below the header is inserted
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
    out.baris += len(row_of)
    shift = {FIRST_ROW - 1 + i: row_of[k] for i, k in enumerate(expected) if k in row_of}

    # 3. locked cells, compared where their row is now
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
        out.locked.append((lembar, here, header, asli, sekarang))

    # 4. input cells, raw (a formula without value is marked, not read as empty)
    inputs = [(i, c) for i, c in enumerate(cols) if c.input]
    previous = [(i, c) for i, c in enumerate(cols) if c.key.startswith("anggaran_tw")]
    for kode, r0 in row_of.items():
        sebelumnya = 0.0
        for i, _ in previous:
            value = _cell(grid, r0, i)
            sebelumnya += value if isinstance(value, float) else 0.0
        for i, col in inputs:
            ref = _ref(r0, i)
            raw = _cell(grid, r0, i)
            if ref in formulas:
                raw = _Rumus(formulas[ref])
            out.inputs.append((lembar, ref, col.header, col.key, kode, raw, sebelumnya))
    if lembar == SHEET_REALISASI:
        for key, ref in PENGISI_CELLS.items():
            r0, c0 = _split(ref)
            raw = _cell(grid, r0, c0)
            if ref in formulas:
                raw = _Rumus(formulas[ref])
            out.inputs.append((lembar, ref, PENGISI_LABEL[key], key, "", raw, 0.0))
