"""The per-unit forms: what is locked, what is filled, how it prints, what it carries."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from openpyxl import load_workbook

from kinerja.cli import main
from kinerja.formulir.baca import read_form
from kinerja.formulir.gaya import META_SHEET
from kinerja.formulir.layout import canon, form_name, layout_realisasi
from kinerja.formulir.meta import checksum, identity
from kinerja.formulir.tulis import write_forms
from kinerja.inti.model import Periode
from kinerja.kantor.realisasi import load_realisasi_table

PERIODE = Periode.parse("2025-TW3")


@pytest.fixture
def paths(kantor, pk, tmp_path) -> dict[str, Path]:
    realisasi, anggaran = load_realisasi_table(kantor.path / "realisasi-2025.xlsx")
    out = write_forms(kantor, pk, PERIODE, tmp_path, realisasi=realisasi, anggaran=anggaran)
    return {p.name.split("-")[1]: p for p in out}


def test_one_form_per_unit_named_for_whom_and_when(kantor, paths):
    assert set(paths) == {u.kode for u in kantor.units}
    assert paths["PEM"].name == "Formulir-PEM-Seksi-Pemerintahan-2025-TW3.xlsx"
    assert form_name(kantor.unit("KESOS"), Periode.parse("2025")) == (
        "Formulir-KESOS-Seksi-Kesejahteraan-Sosial-2025.xlsx"
    )


def test_sheets_and_hidden_metadata(paths):
    wb = load_workbook(paths["RENKEU"])
    assert wb.sheetnames == ["Petunjuk", "Realisasi", "Anggaran", META_SHEET]
    assert wb[META_SHEET].sheet_state == "veryHidden"
    assert wb.active.title == "Realisasi"
    assert "Anggaran" not in load_workbook(paths["PEM"]).sheetnames
    meta = {r[0].value: r[1].value for r in wb[META_SHEET].iter_rows(max_col=2)}
    assert meta["kantor"] == "linggo-sari-baganti"
    assert (meta["unit"], meta["periode"], meta["versi_skema"]) == ("RENKEU", "2025-TW3", "1")
    assert meta["form_id"].startswith("FRM-2025-3-RENKEU-")
    assert meta["baris_realisasi"] == "IK-01,IK-02"
    assert meta["baris_anggaran"].split(",")[0] == "7.01.01"


def test_checksum_covers_the_locked_cells_as_read_back(kantor, paths):
    wb = load_workbook(paths["KESOS"])
    meta = wb[META_SHEET]
    locked = [
        (r[3].value, r[4].value, r[5].value or "")
        for r in meta.iter_rows(min_row=2, min_col=1, max_col=6)
        if r[3].value
    ]
    ws = wb["Realisasi"]
    for lembar, sel, nilai in locked:
        assert canon(wb[lembar][sel].value) == nilai, sel
        assert wb[lembar][sel].protection.locked
    who = identity("linggo-sari-baganti", "KESOS", "2025-TW3", "1")
    assert (
        checksum(locked, who)
        == {r[0].value: r[1].value for r in meta.iter_rows(max_col=2)}["checksum"]
    )
    assert ("Realisasi", "I11", "15") in locked  # IK-16 target TW III
    assert ws["I11"].value == 15
    dibaca = read_form(paths["KESOS"], kantor.kode, PERIODE, {u.kode for u in kantor.units})
    assert dibaca.temuan == [] and dibaca.baris == 3


def test_input_cells_unlocked_shaded_and_validated(paths):
    ws = load_workbook(paths["RENKEU"])["Realisasi"]
    assert ws.protection.sheet
    cols = {c.header: c.letter(i) for i, c in enumerate(layout_realisasi(PERIODE))}
    for header in (
        "Realisasi TW III",
        "Kendala",
        "Tindak Lanjut",
        "Bukti Dukung (nama berkas/tautan)",
    ):
        cell = ws[f"{cols[header]}10"]
        assert not cell.protection.locked
        assert cell.fill.fgColor.rgb.endswith("FFF2CC")
    assert not ws["D4"].protection.locked  # nama pengisi
    for header in ("Kode", "Indikator Kinerja", "Target TW III", "Realisasi TW I"):
        assert ws[f"{cols[header]}10"].protection.locked
    rules = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    assert rules["M9"].type == "list"  # IK-01, qualitative (skala akip)
    assert rules["M9"].formula1 == '"AA,A,BB,B,CC,C,D"'
    assert rules["M10"].type == "decimal" and rules["M10"].formula1 == "0"


def test_earlier_quarters_and_last_year_are_prefilled(paths):
    ws = load_workbook(paths["KESOS"])["Realisasi"]
    cols = {c.header: c.letter(i) for i, c in enumerate(layout_realisasi(PERIODE))}
    assert ws[f"{cols['Realisasi TW I']}9"].value == 22
    assert ws[f"{cols['Realisasi TW II']}9"].value == 48
    assert ws[f"{cols['Realisasi 2024']}11"].value == 16.9
    assert ws[f"{cols['Realisasi TW III']}9"].value is None


def test_a4_landscape_print_setup(paths):
    wb = load_workbook(paths["RENKEU"])
    for name in ("Petunjuk", "Realisasi", "Anggaran"):
        ws = wb[name]
        assert ws.page_setup.orientation == "landscape"
        assert int(ws.page_setup.paperSize) == 9  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert int(ws.page_setup.fitToWidth) == 1
    assert wb["Realisasi"].print_title_rows == "$8:$8"
    assert wb["Realisasi"].column_dimensions["D"].width == 36


def test_petunjuk_in_indonesian_with_an_example_row(kantor, pk, tmp_path):
    [path] = write_forms(kantor, pk, "2025", tmp_path, units=["PEM"])
    ws = load_workbook(path)["Petunjuk"]
    text = "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)
    assert "memakai formulir Triwulan IV" in text
    assert "IK-99" in text and "Realisasi TW IV" in text
    assert "Jangan menyisipkan" in text
    assert load_workbook(path)["Realisasi"]["A3"].value.startswith("Periode: Tahun 2025")


def test_forms_are_deterministic(kantor, pk, tmp_path, paths):
    again = write_forms(kantor, pk, PERIODE, tmp_path / "lagi", **_table(kantor))
    first = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths.values()}
    second = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in again}
    assert first == second


def _table(kantor):
    realisasi, anggaran = load_realisasi_table(kantor.path / "realisasi-2025.xlsx")
    return {"realisasi": realisasi, "anggaran": anggaran}


def test_formulir_cli_default_folder(kantor, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("KINERJA_ROOT", str(tmp_path))
    assert main(["formulir", "--kantor", str(kantor.path), "--periode", "2025-TW2"]) == 0
    folder = tmp_path / "reports" / "linggo-sari-baganti" / "2025-TW2" / "formulir"
    assert len(list(folder.glob("Formulir-*-2025-TW2.xlsx"))) == 7
    assert "7 formulir Triwulan II Tahun 2025" in capsys.readouterr().out


def test_formulir_cli_errors(kantor, tmp_path, capsys):
    assert main(["formulir", "--kantor", str(kantor.path), "--periode", "TW3"]) == 2
    assert main(["formulir", "--kantor", str(tmp_path), "--periode", "2025-TW3"]) == 2
    code = main(
        ["formulir", "--kantor", str(kantor.path), "--periode", "2025-TW3", "--kembalikan", "XYZ"]
    )
    assert code == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and 'Unit "XYZ" tidak ada' in err


def test_petunjuk_prints_its_example_row_whole(kantor, pk, tmp_path):
    [path] = write_forms(kantor, pk, "2025-TW3", tmp_path, units=["PEM"])
    ws = load_workbook(path)["Petunjuk"]
    head = next(r for r in range(1, 40) if ws[f"A{r}"].value == "No")
    assert ws[f"B{head + 1}"].value == "IK-99"
    # the example's longest cell ("Persentase nagari yang menyampaikan laporan tepat waktu"
    # in a column of 24) wraps to 3 lines: the row is at least that tall
    assert ws.row_dimensions[head + 1].height >= 3 * 15
    assert ws.row_dimensions[head].height >= 3 * 15  # "Target Tahunan 2025"
    assert ws[f"D{head + 1}"].alignment.wrap_text
    last = max(c.column_letter for c in ws[head] if c.value)  # the example's last column
    assert ws.print_area == f"'Petunjuk'!$A$1:${last}${head + 1}"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and int(ws.page_setup.fitToWidth) == 1
