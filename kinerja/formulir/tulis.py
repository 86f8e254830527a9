"""Per-unit Excel forms (SOP steps 2 and 6): written with openpyxl, read back by ``intake``.

One workbook per unit and periode. Sheet ``Realisasi`` lists the unit's
indicators from the PK with everything the unit must not change locked (grey)
and the cells it fills unlocked and shaded (yellow): realisasi of the quarter,
kendala, tindak lanjut, bukti dukung, and who filled it in. The planning and
finance unit's form has an ``Anggaran`` sheet as well. A very hidden sheet
``_kinerja`` holds the form's identity and every locked cell with a checksum,
so intake can tell a genuine, unmodified form from anything else and name the
cell that was changed.

The layout (which column holds what) is computed from the periode alone, by
``layout_realisasi`` and ``layout_anggaran``; the writer and the reader share it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from kinerja.berkas.xlsx import neutralise_formula, save_workbook
from kinerja.formulir.gaya import (
    BOX,
    CARA_MENGISI,
    FIRST_ROW,
    GREY,
    HEAD,
    HEADER_ROW,
    INPUT,
    META_SHEET,
    PENGISI_CELLS,
    PENGISI_LABEL,
    SCHEMA_VERSION,
    SHEET_ANGGARAN,
    SHEET_PETUNJUK,
    SHEET_REALISASI,
    SHEET_TEMUAN,
    UNLOCKED,
    WRAP,
    Kolom,
    setup_print,
)
from kinerja.formulir.lembar import write_petunjuk, write_temuan
from kinerja.inti.errors import InputError, Temuan
from kinerja.inti.filename import safe_filename
from kinerja.inti.model import NAMA_TRIWULAN, ROMAWI, Periode
from kinerja.kantor.katalog import Kantor, PerjanjianKinerja, Unit

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
    "Kolom",
    "canon",
    "checksum",
    "fill_form",
    "form_name",
    "identity",
    "layout_anggaran",
    "layout_realisasi",
    "unit_anggaran",
    "write_form",
    "write_forms",
]


def layout_realisasi(periode: Periode) -> list[Kolom]:
    """Columns of the ``Realisasi`` sheet for ``periode`` (TW n: realisasi TW I..n)."""
    n = periode.tw
    cols = [
        Kolom("no", "No", 5),
        Kolom("kode", "Kode", 8),
        Kolom("sasaran", "Sasaran", 24),
        Kolom("indikator", "Indikator Kinerja", 36),
        Kolom("satuan", "Satuan", 9),
        Kolom("polaritas", "Polaritas", 9),
        Kolom("cara", "Cara Mengisi", 16),
        Kolom("target_tahunan", f"Target Tahunan {periode.tahun}", 10),
        Kolom(f"target_tw{n}", f"Target TW {ROMAWI[n]}", 10, tw=n),
        Kolom("realisasi_tahun_lalu", f"Realisasi {periode.tahun - 1}", 10),
    ]
    cols += [Kolom(f"realisasi_tw{k}", f"Realisasi TW {ROMAWI[k]}", 10, tw=k) for k in range(1, n)]
    cols += [
        Kolom("realisasi", f"Realisasi TW {ROMAWI[n]}", 12, input=True, tw=n),
        Kolom("kendala", "Kendala", 28, input=True),
        Kolom("tindak_lanjut", "Tindak Lanjut", 28, input=True),
        Kolom("bukti_dukung", "Bukti Dukung (nama berkas/tautan)", 22, input=True),
    ]
    return cols


def layout_anggaran(periode: Periode) -> list[Kolom]:
    """Columns of the ``Anggaran`` sheet (realisasi anggaran per program, per quarter)."""
    n = periode.tw
    cols = [
        Kolom("no", "No", 5),
        Kolom("kode", "Kode Program", 10),
        Kolom("program", "Program", 48),
        Kolom("pagu", f"Pagu {periode.tahun} (Rp)", 18),
    ]
    cols += [
        Kolom(f"anggaran_tw{k}", f"Realisasi TW {ROMAWI[k]} (Rp)", 17, tw=k) for k in range(1, n)
    ]
    cols += [
        Kolom("realisasi_anggaran", f"Realisasi TW {ROMAWI[n]} (Rp)", 18, input=True, tw=n),
        Kolom("keterangan", "Keterangan", 30, input=True),
    ]
    return cols


def unit_anggaran(kantor: Kantor) -> str:
    """Kode of the unit that reports realisasi anggaran (``[formulir] unit_anggaran``)."""
    configured = kantor.opsi("formulir", "unit_anggaran")
    if configured:
        return str(configured)
    for u in kantor.units:
        if u.kepala == "kasubag_pk":
            return u.kode
    return "RENKEU"


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[A-Za-z0-9]+", ascii_text))


def form_name(unit: Unit, periode: Periode, suffix: str = "") -> str:
    """``Formulir-PEM-Seksi-Pemerintahan-2025-TW3.xlsx``: whose and which periode."""
    return f"Formulir-{safe_filename(unit.kode)}-{_slug(unit.nama)}-{periode}{suffix}.xlsx"


def canon(value: object) -> str:
    """A cell value as comparable text (numbers without a trailing ``.0``)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        number = float(value)
        if number.is_integer() and abs(number) < 1e15:
            return str(int(number))
        return repr(number)
    if isinstance(value, dt.date | dt.time | dt.timedelta):
        return str(value.isoformat()) if hasattr(value, "isoformat") else str(value)
    return str(value).replace("\r\n", "\n")


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


def _default_when(periode: Periode) -> dt.datetime:
    """Forms are stamped with the day after the quarter (no clock: reruns give equal bytes)."""
    if periode.tw == 4:
        return dt.datetime(periode.tahun + 1, 1, 1)
    return dt.datetime(periode.tahun, 3 * periode.tw + 1, 1)


def _cell_value(value: object) -> object:
    """A PK/realisasi value as written: numbers as numbers, everything else as safe text."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return int(value) if float(value).is_integer() else float(value)
    text = str(value).strip()
    return neutralise_formula(text) if text else None


def _values_by(frame: pd.DataFrame | None, column: str, key: str = "kode") -> dict:
    """{(kode, tw): value} from a long frame (realisasi or anggaran)."""
    if frame is None or frame.empty or column not in frame.columns:
        return {}
    keys = zip(frame[key].astype(str), frame["tw"].astype(int), strict=True)
    return dict(zip(keys, frame[column], strict=True))


class _Sheet:
    """Writes one sheet and remembers which cells are locked and with what value."""

    def __init__(self, ws: Worksheet, locked: list[tuple[str, str, str]]) -> None:
        self.ws = ws
        self.locked = locked

    def put(self, ref: str, value: object, *, lock: bool = True, **style: object) -> None:
        cell = self.ws[ref]
        cell.value = value
        for name, item in style.items():
            setattr(cell, name, item)
        if lock:
            self.locked.append((self.ws.title, ref, canon(value)))
        else:
            cell.protection = UNLOCKED


def _table(
    sheet: _Sheet,
    cols: Sequence[Kolom],
    rows: Sequence[Mapping[str, object]],
    validations: Mapping[str, DataValidation],
    row_validation: Sequence[str] = (),
) -> None:
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
            if col.input:
                sheet.put(ref, value, lock=False, fill=INPUT, border=BOX, alignment=WRAP)
                key = row_validation[r] if col.key in ("realisasi",) and row_validation else col.key
                if key in validations:
                    validations[key].add(ref)
            else:
                sheet.put(ref, _cell_value(value), fill=GREY, border=BOX, alignment=WRAP)
    for r, row in enumerate(rows):
        ws.row_dimensions[FIRST_ROW + r].height = _height(row, cols)
    for dv in validations.values():
        if dv.sqref.ranges:
            ws.add_data_validation(dv)
    ws.row_dimensions[HEADER_ROW].height = 45
    last = get_column_letter(len(cols))
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.print_area = f"A1:{last}{max(FIRST_ROW + len(rows) - 1, HEADER_ROW)}"
    ws.freeze_panes = f"A{FIRST_ROW}"


def _height(row: Mapping[str, object], cols: Sequence[Kolom]) -> float:
    """Row height that shows wrapped text whole (LibreOffice does not grow rows on opening)."""
    lines = 1
    for col in cols:
        text = str(row.get(col.key) or "")
        per_line = max(col.width * 1.15 - 2, 4)
        lines = max(lines, sum(-(-max(len(part), 1) // int(per_line)) for part in text.split("\n")))
    return 15.0 * min(lines, 12) + 3


def _title(sheet: _Sheet, width: int, lines: Sequence[str]) -> None:
    last = get_column_letter(width)
    for i, text in enumerate(lines, start=1):
        sheet.put(f"A{i}", text, font=Font(bold=i == 1, size=13 if i == 1 else 11))
        sheet.ws.merge_cells(f"A{i}:{last}{i}")


def _pengisi(sheet: _Sheet, values: Mapping[str, object]) -> None:
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


def _validation(kind: str, labels: Sequence[str] = ()) -> DataValidation:
    if kind == "list":
        dv = DataValidation(type="list", formula1='"' + ",".join(labels) + '"', allow_blank=True)
        dv.error = f"Pilih salah satu: {', '.join(labels)}."
        dv.prompt = f"Pilih dari daftar: {', '.join(labels)}."
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


def _realisasi_rows(
    ind: pd.DataFrame, periode: Periode, realisasi: dict, entered: Mapping[str, Mapping]
) -> list[dict[str, object]]:
    n = periode.tw
    rows = []
    for no, rec in enumerate(ind.to_dict("records"), start=1):
        kode = str(rec["kode"])
        cara = CARA_MENGISI.get(str(rec["jenis_periode"]), "")
        if str(rec.get("jenis_target", "")) == "kualitatif":
            cara = "Pilih dari daftar" + (f" ({rec['skala']})" if rec.get("skala") else "")
        row = {
            "no": no,
            "kode": kode,
            "sasaran": rec["sasaran"],
            "indikator": rec["indikator"],
            "satuan": rec["satuan"],
            "polaritas": str(rec["polaritas"]).capitalize(),
            "cara": cara,
            "target_tahunan": rec["target_tahunan"],
            f"target_tw{n}": rec[f"target_tw{n}"],
            "realisasi_tahun_lalu": rec.get("realisasi_tahun_lalu"),
        }
        for k in range(1, n):
            row[f"realisasi_tw{k}"] = realisasi.get((kode, k))
        for key, value in entered.get(kode, {}).items():
            row[key] = _safe_text(value)
        rows.append(row)
    return rows


def _safe_text(value: object) -> object:
    if isinstance(value, str):
        return neutralise_formula(value) if value else None
    return value


def write_form(
    kantor: Kantor,
    pk: PerjanjianKinerja,
    unit: Unit,
    periode: Periode,
    path: Path,
    *,
    realisasi: pd.DataFrame | None = None,
    anggaran: pd.DataFrame | None = None,
    when: dt.datetime | None = None,
    entered: Mapping[str, Mapping[str, object]] | None = None,
    pengisi: Mapping[str, object] | None = None,
    temuan: Sequence[Temuan] = (),
) -> Path:
    """Write the form of ``unit`` for ``periode`` to ``path`` (atomically, deterministic bytes).

    ``realisasi``/``anggaran`` (long frames) pre-fill the earlier quarters.
    ``entered`` ({kode: {field: value}}), ``pengisi`` and ``temuan`` are for a form
    sent back to the unit (``--kembalikan``): its own values with a ``Temuan`` sheet.
    """
    ind = pk.untuk_unit(unit.kode).reset_index(drop=True)
    with_anggaran = unit.kode == unit_anggaran(kantor)
    entered = entered or {}
    wb = Workbook()
    locked: list[tuple[str, str, str]] = []
    petunjuk = wb.active
    petunjuk.title = SHEET_PETUNJUK

    ws = wb.create_sheet(SHEET_REALISASI)
    sheet = _Sheet(ws, locked)
    cols = layout_realisasi(periode)
    tw_label = NAMA_TRIWULAN[periode.tw]
    periode_text = f"Periode: {periode.label}"
    if periode.tahunan:
        periode_text += f" (formulir {tw_label}: isi realisasi {tw_label})"
    _title(
        sheet,
        len(cols),
        [
            "FORMULIR REALISASI KINERJA",
            f"{kantor.nama} — {unit.nama} ({unit.kode})",
            f'{periode_text}. Isi kolom kuning "Realisasi TW {ROMAWI[periode.tw]}", '
            "Kendala, Tindak Lanjut, dan Bukti Dukung.",
        ],
    )
    _pengisi(sheet, {k: _safe_text(v) for k, v in (pengisi or {}).items()})
    ordinal = pk.ordinal
    validations = {
        "angka": _validation("angka"),
        "kendala": _validation("teks"),
        "tindak_lanjut": _validation("teks"),
        "bukti_dukung": _validation("teks"),
    }
    row_validation = []
    for rec in ind.to_dict("records"):
        skala = str(rec.get("skala") or "")
        if str(rec.get("jenis_target")) == "kualitatif" and skala in ordinal:
            key = f"skala:{skala}"
            validations.setdefault(key, _validation("list", list(ordinal[skala].nilai)))
            row_validation.append(key)
        elif str(rec.get("jenis_target")) == "kualitatif":
            row_validation.append("")
        else:
            row_validation.append("angka")
    rows = _realisasi_rows(ind, periode, _values_by(realisasi, "realisasi"), entered)
    _table(sheet, cols, rows, validations, row_validation)
    setup_print(ws)

    baris_anggaran: list[str] = []
    if with_anggaran:
        baris_anggaran = _anggaran_sheet(wb, kantor, pk, unit, periode, anggaran, locked, entered)

    write_petunjuk(petunjuk, kantor, unit, periode, cols, pk)
    if temuan:
        write_temuan(wb, temuan)
    first = SHEET_TEMUAN if temuan else SHEET_REALISASI
    wb.active = wb.sheetnames.index(first)
    for name in wb.sheetnames:
        wb[name].sheet_view.tabSelected = name == first

    _meta(wb, kantor, unit, periode, list(ind["kode"].astype(str)), baris_anggaran, locked)
    save_workbook(wb, path, when or _default_when(periode))
    return path


def _anggaran_sheet(
    wb: Workbook,
    kantor: Kantor,
    pk: PerjanjianKinerja,
    unit: Unit,
    periode: Periode,
    anggaran: pd.DataFrame | None,
    locked: list[tuple[str, str, str]],
    entered: Mapping[str, Mapping[str, object]],
) -> list[str]:
    ws = wb.create_sheet(SHEET_ANGGARAN)
    sheet = _Sheet(ws, locked)
    cols = layout_anggaran(periode)
    _title(
        sheet,
        len(cols),
        [
            "FORMULIR REALISASI ANGGARAN PER PROGRAM",
            f"{kantor.nama} — {unit.nama} ({unit.kode})",
            f"Periode: {periode.label}. Isi realisasi anggaran Triwulan {ROMAWI[periode.tw]} "
            "saja (bukan kumulatif), dalam rupiah tanpa titik pemisah, misalnya 24800000.",
        ],
    )
    sheet.put("A5", "Sel kuning diisi unit. Sel abu-abu terkunci: jangan diubah.")
    previous = _values_by(anggaran, "realisasi_anggaran")
    rows = []
    for no, rec in enumerate(pk.program.to_dict("records"), start=1):
        kode = str(rec["kode"])
        row = {"no": no, "kode": kode, "program": rec["program"], "pagu": rec["pagu"]}
        for k in range(1, periode.tw):
            row[f"anggaran_tw{k}"] = previous.get((kode, k))
        for key, value in entered.get(f"anggaran:{kode}", {}).items():
            row[key] = _safe_text(value)
        rows.append(row)
    validations = {"realisasi_anggaran": _validation("angka"), "keterangan": _validation("teks")}
    _table(sheet, cols, rows, validations)
    for i, col in enumerate(cols):
        if col.key == "pagu" or col.key.startswith(("anggaran_tw", "realisasi_anggaran")):
            for r in range(len(rows)):
                ws[f"{col.letter(i)}{FIRST_ROW + r}"].number_format = "#,##0"
    setup_print(ws)
    return [str(r["kode"]) for r in rows]


def _meta(
    wb: Workbook,
    kantor: Kantor,
    unit: Unit,
    periode: Periode,
    baris: list[str],
    baris_anggaran: list[str],
    locked: list[tuple[str, str, str]],
) -> None:
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


def _prefill(kantor: Kantor, tahun: int) -> tuple[pd.DataFrame | None, pd.DataFrame | None]:
    """Earlier quarters from the realisasi source (intake DB, else the office table)."""
    from kinerja.formulir.sumber import load_realisasi

    try:
        realisasi, anggaran, _ = load_realisasi(kantor, tahun)
    except InputError:
        return None, None
    return realisasi, anggaran


def write_forms(
    kantor: Kantor,
    pk: PerjanjianKinerja,
    periode: Periode | str,
    out_dir: Path,
    *,
    units: Sequence[str] | None = None,
    realisasi: pd.DataFrame | None = None,
    anggaran: pd.DataFrame | None = None,
    when: dt.datetime | None = None,
) -> list[Path]:
    """One form per unit (those with indicators, and the anggaran unit) into ``out_dir``.

    Earlier quarters are pre-filled from ``realisasi``/``anggaran`` when given,
    else from ``sumber.load_realisasi`` when the office has any.
    """
    periode = Periode.parse(str(periode))
    if realisasi is None and anggaran is None:
        realisasi, anggaran = _prefill(kantor, periode.tahun)
    wanted = {u.casefold() for u in units} if units else None
    paths = []
    for unit in kantor.units:
        if wanted is not None and unit.kode.casefold() not in wanted:
            continue
        if pk.untuk_unit(unit.kode).empty and unit.kode != unit_anggaran(kantor):
            continue
        path = Path(out_dir) / form_name(unit, periode)
        paths.append(
            write_form(
                kantor, pk, unit, periode, path, realisasi=realisasi, anggaran=anggaran, when=when
            )
        )
    return paths


def fill_form(
    path: Path,
    target: Path | None = None,
    *,
    values: Mapping[str, Mapping[str, object]],
    anggaran: Mapping[str, Mapping[str, object]] | None = None,
    pengisi: Mapping[str, object] | None = None,
    when: dt.datetime | None = None,
) -> Path:
    """Fill a blank form as a unit would, with openpyxl (for the demo, tests and benchmarks).

    ``values``: {kode: {"realisasi": 87.5, "kendala": …, "tindak_lanjut": …,
    "bukti_dukung": …}}; ``anggaran``: {program kode: {"realisasi_anggaran": …,
    "keterangan": …}}; ``pengisi``: {"pengisi": …, "jabatan_pengisi": …,
    "tanggal_pengisian": …}. Saved to ``target`` (default: in place).
    """
    from openpyxl import load_workbook

    wb = load_workbook(path)
    meta = {row[0].value: row[1].value for row in wb[META_SHEET].iter_rows(max_col=2)}
    periode = Periode.parse(str(meta["periode"]))
    sheets = [(SHEET_REALISASI, layout_realisasi(periode), values)]
    if SHEET_ANGGARAN in wb.sheetnames:
        sheets.append((SHEET_ANGGARAN, layout_anggaran(periode), anggaran or {}))
    for name, cols, wanted in sheets:
        ws = wb[name]
        letters = {c.key: c.letter(i) for i, c in enumerate(cols)}
        row = FIRST_ROW
        while ws[f"B{row}"].value:
            for key, value in wanted.get(str(ws[f"B{row}"].value), {}).items():
                ws[f"{letters[key]}{row}"] = value
            row += 1
    for key, value in (pengisi or {}).items():
        wb[SHEET_REALISASI][PENGISI_CELLS[key]] = value
    stamp = when or _default_when(periode) + dt.timedelta(days=7)
    out = Path(target or path)
    save_workbook(wb, out, stamp)
    return out
