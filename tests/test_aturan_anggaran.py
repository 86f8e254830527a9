"""An indikator declared in the PK as measuring budget realisation (``ukur_anggaran``)
is checked against the Anggaran sheet (the demo's IK-02 96,56 % vs 96,26 %)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

from kinerja.berkas.xlsx import save_workbook
from kinerja.inti.errors import InputError
from kinerja.kantor.katalog import load_kantor
from kinerja.kantor.pk import load_pk
from kinerja.validasi.ledger import load_temuan


def _declare(kantor_dir: Path, values: dict[str, object]) -> None:
    path = kantor_dir / "perjanjian-kinerja-2025.xlsx"
    wb = load_workbook(path)
    ws = wb["Indikator"]
    header = [c.value for c in ws[1]]
    kode_col = header.index("kode") + 1
    # the demo PK declares IK-02 itself: that column is rewritten
    col = header.index("ukur_anggaran") + 1 if "ukur_anggaran" in header else ws.max_column + 1
    ws.cell(row=1, column=col, value="ukur_anggaran")
    for r in range(2, ws.max_row + 1):
        ws.cell(row=r, column=col).value = values.get(ws.cell(row=r, column=kode_col).value)
    save_workbook(wb, path, dt.datetime(2025, 1, 2))


def _found(kantor_dir: Path, periode: str = "2025-TW4"):
    return [t for t in load_temuan(kantor_dir, periode) if t.kode == "realisasi-anggaran-beda"]


def test_demo_ik02_disagrees_with_the_budget_table(kantor_dir: Path):
    (t,) = _found(kantor_dir)  # the demo PK declares IK-02 (scripts/make_demo_office.py)
    assert (t.indikator, t.unit, t.tingkat) == ("IK-02", "RENKEU", "peringatan")
    assert "96,56%" in t.pesan and "96,26%" in t.pesan and "seluruh anggaran" in t.pesan
    assert t.data["realisasi"] == 96.56 and t.data["realisasi_anggaran_persen"] == 96.26
    assert t.berkas == "realisasi-2025.xlsx" and t.data["tw"] == 4


def test_undeclared_nothing_to_compare(kantor_dir: Path):
    _declare(kantor_dir, {})
    assert _found(kantor_dir) == []


def test_per_program(kantor_dir: Path):
    kantor = load_kantor(kantor_dir)
    program = load_pk(kantor, 2025).program["kode"].iloc[0]
    _declare(kantor_dir, {"IK-02": program})
    (t,) = _found(kantor_dir)
    assert f"program {program}" in t.pesan
    assert t.data["ukur_anggaran"] == program


def test_agreeing_values_are_quiet(kantor_dir: Path):
    _declare(kantor_dir, {"IK-02": "ya"})
    path = kantor_dir / "realisasi-2025.xlsx"
    wb = load_workbook(path)
    ws = wb["Realisasi"]
    row = next(r for r in ws.iter_rows(min_row=2) if (r[0].value, r[1].value) == ("IK-02", 4))
    row[2].value = 96.26  # as the budget table: realisasi / pagu
    save_workbook(wb, path, dt.datetime(2025, 1, 2))
    assert _found(kantor_dir) == []


def test_unknown_program_in_the_pk_is_refused_naming_the_cell(kantor_dir: Path):
    _declare(kantor_dir, {"IK-02": "9.99.99"})
    with pytest.raises(InputError) as exc:
        load_pk(load_kantor(kantor_dir), 2025)
    (t,) = exc.value.temuan
    assert t.kode == "pk-ukur-anggaran-salah" and t.kolom == "ukur_anggaran"
    assert t.sel and '"9.99.99"' in t.pesan
