"""Reading one returned form (python-calamine): its identity, structure and raw cells.

``read_form`` opens the bytes once, checks what can only be checked per file
(not an xlsx, damaged, not a kinerja form, metadata, sheets; per sheet, by
``baca_lembar``: column headers, deleted or inserted rows, formulas without a
stored value) and returns the raw input cells and the locked cells as found, for
the vectorized checks in ``cek``. Nothing here raises for a user's mistake:
problems are findings.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import python_calamine as pc

from kinerja.formulir.baca_lembar import Tambah, read_sheet
from kinerja.formulir.gaya import (
    META_SHEET,
    SCHEMA_VERSION,
    SHEET_ANGGARAN,
    SHEET_PETUNJUK,
    SHEET_REALISASI,
    SHEET_TEMUAN,
    Kolom,
)
from kinerja.formulir.layout import layout_anggaran, layout_realisasi
from kinerja.formulir.meta import checksum, identity, read_meta
from kinerja.formulir.pesan import temuan
from kinerja.formulir.rumus import formulas_without_value
from kinerja.inti.errors import Temuan
from kinerja.inti.model import Periode
from kinerja.kantor.peran import TIM

__all__ = ["Dibaca", "read_form"]


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
        """The unit the form's metadata names ("" when unreadable)."""
        return self.meta.get("unit", "")

    @property
    def usable(self) -> bool:
        """True when the form's identity could be read and trusted."""
        return bool(self.meta)


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:120]


def _open(
    data: bytes, add: Tambah
) -> tuple[pc.CalamineWorkbook, zipfile.ZipFile, list[str]] | None:
    """(workbook, its zip, its sheet names), or None (with the finding) when it is no
    readable xlsx."""
    if not data:
        add("berkas-kosong")
        return None
    if not data.startswith(b"PK\x03\x04"):
        if data.startswith(b"%PDF"):
            detail = "isinya PDF"
        elif data.startswith(b"\xd0\xcf\x11\xe0"):
            detail = "format Excel 97-2003 (.xls) atau berkas terenkripsi"
        else:
            detail = "isinya bukan buku kerja Excel"
        add("berkas-bukan-xlsx", detail=detail)
        return None
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        if "xl/workbook.xml" not in zf.namelist():
            ods = "content.xml" in zf.namelist()
            add(
                "berkas-bukan-xlsx",
                detail="berkas OpenDocument (.ods)" if ods else "arsip zip lain",
            )
            return None
        wb = pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = wb.sheet_names
    except (zipfile.BadZipFile, pc.CalamineError, ValueError, OSError) as exc:
        add("berkas-rusak", detail=_short(exc))
        return None
    except Exception as exc:  # calamine raises its own types for broken parts
        add("berkas-rusak", detail=_short(exc))
        return None
    return wb, zf, names


def _identity(
    out: Dibaca, wb: pc.CalamineWorkbook, names: list[str], add: Tambah
) -> tuple[list[tuple[str, str, str]], Periode] | None:
    """Read and trust the metadata (``out.meta``): (locked cells, the form's periode)."""
    if META_SHEET not in names:
        add("bukan-formulir-kinerja")
        return None
    try:
        meta, meta_locked = read_meta(wb.get_sheet_by_name(META_SHEET).to_python())
    except Exception as exc:
        add("berkas-rusak", detail=_short(exc))
        return None
    who = identity(*(meta.get(k, "") for k in ("kantor", "unit", "periode", "versi_skema")))
    if meta.get("checksum") != checksum(meta_locked, who) or not meta.get("periode"):
        add("metadata-rusak", detail="checksum isi terkunci tidak cocok")
        return None
    out.meta = meta
    if meta.get("versi_skema") != str(SCHEMA_VERSION):
        add("formulir-versi-lain", nilai=meta.get("versi_skema"), harapan=SCHEMA_VERSION)
        return None
    try:
        return meta_locked, Periode.parse(meta["periode"])
    except Exception:
        out.meta = {}  # not trusted after all
        add("metadata-rusak", detail=f'periode "{meta["periode"]}"')
        return None


def _sheets(
    names: list[str], meta: dict[str, str], form_periode: Periode, add: Tambah
) -> dict[str, tuple[str, list[Kolom]]]:
    """{data sheet: (metadata key of its rows, layout)}; missing or extra sheets reported."""
    rasio = bool(meta.get("baris_rasio"))
    sheets = {SHEET_REALISASI: ("baris_realisasi", layout_realisasi(form_periode, rasio))}
    if meta.get("baris_anggaran"):
        sheets[SHEET_ANGGARAN] = ("baris_anggaran", layout_anggaran(form_periode))
    known = {*sheets, SHEET_PETUNJUK, SHEET_TEMUAN, META_SHEET}
    extra = [s for s in names if s not in known]
    missing = [s for s in sheets if s not in names]
    for s in missing:
        if len(missing) == 1 and len(extra) == 1:
            add("lembar-diganti-nama", lembar=extra[0], nilai=extra[0], harapan=s)
            extra = []
        else:
            add("lembar-tidak-ada", nilai=s)
    for s in extra:
        add("lembar-tambahan", lembar=s, nilai=s)
    return sheets


def read_form(
    path: Path, kantor_kode: str, periode: Periode, units: set[str], *, penerima: str = TIM
) -> Dibaca:
    """Read ``path`` once; every per-file problem becomes a finding on the result.
    ``penerima``: who sends and receives the forms (``kantor.peran.penerima_formulir``)."""
    path = Path(path)
    data = path.read_bytes()
    out = Dibaca(path.name, path, hashlib.sha256(data).hexdigest(), len(data), data)

    def add(kode: str, **kw: object) -> None:
        kw.setdefault("unit", out.unit)  # once the metadata is read, findings name the unit
        kw.setdefault("penerima", penerima)
        out.temuan.append(temuan(kode, berkas=out.nama, periode=str(periode), **kw))

    opened = _open(data, add)
    if opened is None:
        return out
    wb, zf, names = opened
    known = _identity(out, wb, names, add)
    if known is None:
        return out
    meta_locked, form_periode = known
    unit = out.unit
    if out.meta.get("kantor") != kantor_kode:
        add("kantor-lain", nilai=out.meta.get("kantor"), harapan=kantor_kode)
    if (form_periode.tahun, form_periode.tw) != (periode.tahun, periode.tw):
        add("periode-lain", nilai=form_periode, harapan=periode)
    if unit not in units:
        add("unit-tidak-dikenal", nilai=unit)

    sheets = _sheets(names, out.meta, form_periode, add)
    by_sheet: dict[str, list[tuple[str, str, str]]] = {}
    for lembar, sel, nilai in meta_locked:
        by_sheet.setdefault(lembar, []).append((sel, nilai, lembar))
    for lembar, (meta_key, cols) in sheets.items():
        if lembar not in names:
            continue
        expected = [k for k in out.meta.get(meta_key, "").split(",") if k]
        try:
            grid = wb.get_sheet_by_name(lembar).to_python(skip_empty_area=False)
            formulas = formulas_without_value(zf, lembar)
        except Exception as exc:
            add("berkas-rusak", lembar=lembar, detail=_short(exc))
            continue
        got = read_sheet(
            add, lembar, grid, formulas, cols, expected, by_sheet.get(lembar, []), unit
        )
        out.baris += got.baris
        out.locked += got.locked
        out.inputs += got.inputs
    return out
