"""Per-unit Excel forms (SOP steps 2 and 6): written with openpyxl, read back by ``baca``.

One workbook per unit and periode. Sheet ``Realisasi`` lists the unit's
indicators from the PK with everything the unit must not change locked (grey)
and the cells it fills unlocked and shaded (yellow): realisasi of the quarter,
kendala, tindak lanjut, bukti dukung, and who filled it in. The planning and
finance unit's form has an ``Anggaran`` sheet as well. A very hidden sheet
``_kinerja`` (``meta``) holds the form's identity and every locked cell with a
checksum.

The layout (which column holds what) is computed from the periode alone
(``layout``); the cells are written by ``sheet``, the prose sheets by ``lembar``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd
from openpyxl import Workbook

from kinerja.berkas.xlsx import save_workbook
from kinerja.formulir.gaya import (
    CARA_MENGISI,
    FIRST_ROW,
    SHEET_ANGGARAN,
    SHEET_PETUNJUK,
    SHEET_REALISASI,
    SHEET_TEMUAN,
    Kolom,
    setup_print,
)
from kinerja.formulir.layout import form_name, layout_anggaran, layout_realisasi, unit_anggaran
from kinerja.formulir.lembar import write_petunjuk, write_temuan
from kinerja.formulir.meta import write_meta
from kinerja.formulir.sheet import (
    Sheet,
    safe_text,
    validation,
    write_pengisi,
    write_table,
    write_title,
)
from kinerja.formulir.sumber import load_realisasi
from kinerja.inti.angka_baca import parse_angka
from kinerja.inti.errors import InputError, Temuan
from kinerja.inti.model import NAMA_TRIWULAN, ROMAWI, Periode
from kinerja.inti.tingkat import persen_dibatasi
from kinerja.kantor.katalog import Kantor, Unit
from kinerja.kantor.pk import PerjanjianKinerja, indikator_rasio

__all__ = ["angka_pk", "default_when", "write_form", "write_forms"]


def default_when(periode: Periode) -> dt.datetime:
    """Forms are stamped with the day after the quarter (no clock: reruns give equal bytes)."""
    if periode.tw == 4:
        return dt.datetime(periode.tahun + 1, 1, 1)
    return dt.datetime(periode.tahun, 3 * periode.tw + 1, 1)


def angka_pk(value: object, kualitatif: bool = False) -> object:
    """A PK value as the form shows it: number text ("19,5") as the number it reads as;
    numbers, ranges ("80 – 90"), labels ("BB"), a ``kualitatif`` row's values and empty
    cells as they are."""
    if kualitatif or not isinstance(value, str):
        return value
    parsed = parse_angka(value)
    return parsed.value if parsed.value is not None else value


def _values_by(frame: pd.DataFrame | None, column: str, key: str = "kode") -> dict:
    """{(kode, tw): value} from a long frame (realisasi or anggaran)."""
    if frame is None or frame.empty or column not in frame.columns:
        return {}
    keys = zip(frame[key].astype(str), frame["tw"].astype(int), strict=True)
    return dict(zip(keys, frame[column], strict=True))


def _realisasi_rows(
    ind: pd.DataFrame, periode: Periode, realisasi: dict, entered: Mapping[str, Mapping]
) -> list[dict[str, object]]:
    n = periode.tw
    rows = []
    for no, rec in enumerate(ind.to_dict("records"), start=1):
        kode = str(rec["kode"])
        cara = CARA_MENGISI.get(str(rec["jenis_periode"]), "")
        kualitatif = str(rec.get("jenis_target", "")) == "kualitatif"
        if kualitatif:
            cara = "Pilih dari daftar" + (f" ({rec['skala']})" if rec.get("skala") else "")
        row = {
            "no": no,
            "kode": kode,
            "sasaran": rec["sasaran"],
            "indikator": rec["indikator"],
            "satuan": rec["satuan"],
            "polaritas": str(rec["polaritas"]).capitalize(),
            "cara": cara,
            "target_tahunan": angka_pk(rec["target_tahunan"], kualitatif),
            f"target_tw{n}": angka_pk(rec[f"target_tw{n}"], kualitatif),
            "realisasi_tahun_lalu": angka_pk(rec.get("realisasi_tahun_lalu"), kualitatif),
        }
        for k in range(1, n):
            row[f"realisasi_tw{k}"] = realisasi.get((kode, k))
        for key, value in entered.get(kode, {}).items():
            row[key] = safe_text(value)
        rows.append(row)
    return rows


def _realisasi_sheet(
    wb: Workbook,
    kantor: Kantor,
    pk: PerjanjianKinerja,
    unit: Unit,
    periode: Periode,
    ind: pd.DataFrame,
    realisasi: pd.DataFrame | None,
    entered: Mapping[str, Mapping[str, object]],
    pengisi: Mapping[str, object],
    locked: list[tuple[str, str, str]],
) -> list[Kolom]:
    """The ``Realisasi`` sheet: title, who filled it in, the table; its columns back."""
    ws = wb.create_sheet(SHEET_REALISASI)
    sheet = Sheet(ws, locked)
    rasio = indikator_rasio(ind).to_numpy(dtype=bool)
    cols = layout_realisasi(periode, rasio=bool(rasio.any()))
    tw_label = NAMA_TRIWULAN[periode.tw]
    periode_text = f"Periode: {periode.label}"
    if periode.tahunan:
        periode_text += f" (formulir {tw_label}: isi realisasi {tw_label})"
    write_title(
        sheet,
        len(cols),
        [
            "FORMULIR REALISASI KINERJA",
            f"{kantor.nama} — {unit.nama} ({unit.kode})",
            f'{periode_text}. Isi kolom kuning "Realisasi TW {ROMAWI[periode.tw]}"'
            + (" (atau Pembilang dan Penyebut)" if rasio.any() else "")
            + ", Kendala, Tindak Lanjut, dan Bukti Dukung.",
        ],
    )
    write_pengisi(sheet, {k: safe_text(v) for k, v in pengisi.items()})
    ordinal = pk.ordinal
    validations = {
        "angka": validation("angka"),
        "kendala": validation("teks"),
        "tindak_lanjut": validation("teks"),
        "bukti_dukung": validation("teks"),
    }
    row_validation = []
    dibatasi = persen_dibatasi(ind["satuan"], ind["target_tahunan"]).to_numpy(dtype=bool)
    if dibatasi.any():
        validations["persen"] = validation("persen")
    for rec, batas in zip(ind.to_dict("records"), dibatasi, strict=True):
        skala = str(rec.get("skala") or "")
        if str(rec.get("jenis_target")) == "kualitatif" and skala in ordinal:
            key = f"skala:{skala}"
            validations.setdefault(key, validation("list", list(ordinal[skala].nilai)))
            row_validation.append(key)
        elif str(rec.get("jenis_target")) == "kualitatif":
            row_validation.append("")
        else:
            row_validation.append("persen" if batas else "angka")
    rows = _realisasi_rows(ind, periode, _values_by(realisasi, "realisasi"), entered)
    terkunci: list[frozenset[str]] = []
    if rasio.any():  # counts rows fill pembilang and penyebut; the others their realisasi
        validations["pembilang"] = validation("angka")
        validations["penyebut"] = validation("angka")
        for row, is_rasio in zip(rows, rasio, strict=True):
            if is_rasio:
                row["cara"] = f"{row['cara']}; isi pembilang dan penyebut".lstrip("; ")
                row["realisasi"] = None  # computed at intake from the two counts
        terkunci = [
            frozenset({"realisasi"}) if r else frozenset({"pembilang", "penyebut"}) for r in rasio
        ]
    write_table(sheet, cols, rows, validations, row_validation, terkunci)
    setup_print(ws)
    return cols


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
    """The ``Anggaran`` sheet (one row per program); the program kodes back."""
    ws = wb.create_sheet(SHEET_ANGGARAN)
    sheet = Sheet(ws, locked)
    cols = layout_anggaran(periode)
    write_title(
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
            row[key] = safe_text(value)
        rows.append(row)
    validations = {"realisasi_anggaran": validation("angka"), "keterangan": validation("teks")}
    write_table(sheet, cols, rows, validations)
    for i, col in enumerate(cols):
        if col.key == "pagu" or col.key.startswith(("anggaran_tw", "realisasi_anggaran")):
            for r in range(len(rows)):
                ws[f"{col.letter(i)}{FIRST_ROW + r}"].number_format = "#,##0"
    setup_print(ws)
    return [str(r["kode"]) for r in rows]


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
    entered = entered or {}
    wb = Workbook()
    locked: list[tuple[str, str, str]] = []
    petunjuk = wb.active
    petunjuk.title = SHEET_PETUNJUK
    cols = _realisasi_sheet(
        wb, kantor, pk, unit, periode, ind, realisasi, entered, pengisi or {}, locked
    )
    baris_anggaran: list[str] = []
    if unit.kode == unit_anggaran(kantor, pk):
        baris_anggaran = _anggaran_sheet(wb, kantor, pk, unit, periode, anggaran, locked, entered)

    write_petunjuk(petunjuk, kantor, unit, periode, cols, pk)
    if temuan:
        write_temuan(wb, temuan)
    first = SHEET_TEMUAN if temuan else SHEET_REALISASI
    wb.active = wb.sheetnames.index(first)
    for name in wb.sheetnames:
        wb[name].sheet_view.tabSelected = name == first

    baris_rasio = list(ind.loc[indikator_rasio(ind), "kode"].astype(str))
    write_meta(
        wb,
        kantor,
        unit,
        periode,
        list(ind["kode"].astype(str)),
        baris_anggaran,
        locked,
        baris_rasio,
    )
    save_workbook(wb, path, when or default_when(periode))
    return path


def _prefill(kantor: Kantor, tahun: int) -> tuple[pd.DataFrame | None, pd.DataFrame | None]:
    """Earlier quarters from the realisasi source (intake DB, else the office table)."""
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
    anggaran_unit = unit_anggaran(kantor, pk)  # before any file: refused without one
    paths = []
    for unit in kantor.units:
        if wanted is not None and unit.kode.casefold() not in wanted:
            continue
        if pk.untuk_unit(unit.kode).empty and unit.kode != anggaran_unit:
            continue
        path = Path(out_dir) / form_name(unit, periode)
        paths.append(
            write_form(
                kantor, pk, unit, periode, path, realisasi=realisasi, anggaran=anggaran, when=when
            )
        )
    return paths
