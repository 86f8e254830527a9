"""dokumen/workbook.py: the measurement tables as .xlsx, numbers as numbers, formulas neutralised."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from kinerja.dokumen.susun import load_dokumen_data
from kinerja.dokumen.workbook import SHEETS, write_pengukuran_xlsx
from kinerja.kantor.katalog import load_kantor
from kinerja.paths import demo_office


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory):
    office = tmp_path_factory.mktemp("kantor") / "k"
    shutil.copytree(demo_office(), office, ignore=shutil.ignore_patterns("arsip"))
    return load_dokumen_data(load_kantor(office), "2025", tanggal_cetak=dt.date(2026, 1, 15))


def test_sheets_and_values(data, tmp_path: Path) -> None:
    path = write_pengukuran_xlsx(data, tmp_path / "x.xlsx")
    wb = load_workbook(path)
    assert tuple(wb.sheetnames) == SHEETS
    ws = wb["Pengukuran"]
    header = [c.value for c in ws[1]]
    assert header[:11] == [
        "No",
        "Kode",
        "Sasaran",
        "Indikator",
        "Satuan",
        "Polaritas",
        "Jenis periode",
        "Target",
        "Realisasi",
        "Capaian (%)",
        "Predikat",
    ]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 16
    ik02 = next(r for r in rows if r[1] == "IK-02")
    assert ik02[9] == 101.64 and isinstance(ik02[9], float)
    assert ik02[10] == "Sangat Tinggi"
    assert ws["J3"].number_format == "0.00"
    sasaran = list(wb["Sasaran"].iter_rows(min_row=2, values_only=True))
    assert sasaran[-1][2] == 95.18 and sasaran[-1][7] == "final"
    anggaran = list(wb["Anggaran"].iter_rows(min_row=2, values_only=True))
    assert anggaran[-1][1] == "Jumlah" and anggaran[-1][2] == 5294655000
    assert anggaran[-1][4] == 96.26


def test_formula_injection_neutralised(data, tmp_path: Path) -> None:
    real = data.realisasi_long.copy()
    real.loc[real.index[0], "kendala"] = '=HYPERLINK("http://contoh","klik")'
    real.loc[real.index[1], "tindak_lanjut"] = "@SUM(A1:A9)"
    real.loc[real.index[2], "kendala"] = "-5"
    path = write_pengukuran_xlsx(replace(data, realisasi_long=real), tmp_path / "x.xlsx")
    ws = load_workbook(path)["Kendala"]
    header = [c.value for c in ws[1]]
    kendala = header.index("Kendala") + 1
    tindak = header.index("Tindak lanjut") + 1
    assert ws.cell(2, kendala).value == '\'=HYPERLINK("http://contoh","klik")'
    assert ws.cell(2, kendala).data_type == "s"
    assert ws.cell(3, tindak).value == "'@SUM(A1:A9)"
    assert ws.cell(4, kendala).value == "-5"
    for row in load_workbook(path).worksheets:
        for cells in row.iter_rows():
            assert all(c.data_type != "f" for c in cells)


def test_deterministic_bytes(data, tmp_path: Path) -> None:
    a = write_pengukuran_xlsx(data, tmp_path / "a.xlsx").read_bytes()
    b = write_pengukuran_xlsx(data, tmp_path / "b.xlsx").read_bytes()
    assert a == b
    later = replace(data, tanggal_cetak=dt.date(2026, 2, 1))
    assert write_pengukuran_xlsx(later, tmp_path / "c.xlsx").read_bytes() != a


@pytest.fixture(scope="module")
def data_kosong(tmp_path_factory: pytest.TempPathFactory):
    """The demo office with IK-05 TW IV (a range target) not reported yet."""
    office = tmp_path_factory.mktemp("kantor-kosong") / "k"
    shutil.copytree(demo_office(), office, ignore=shutil.ignore_patterns("arsip"))
    wb = load_workbook(office / "realisasi-2025.xlsx")
    ws = wb["Realisasi"]
    header = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        if row[header.index("kode")].value == "IK-05" and int(row[header.index("tw")].value) == 4:
            row[header.index("realisasi")].value = None
    wb.save(office / "realisasi-2025.xlsx")
    return load_dokumen_data(load_kantor(office), "2025-TW4", tanggal_cetak=dt.date(2026, 1, 15))


def test_missing_values_are_empty_cells_never_a_dash(data_kosong, tmp_path: Path) -> None:
    wb = load_workbook(write_pengukuran_xlsx(data_kosong, tmp_path / "x.xlsx"))
    dashes = [
        (ws.title, c.coordinate)
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value.strip() in ("-", "'-", "–")
    ]
    assert dashes == []
    ws = wb["Per Triwulan"]
    header = [c.value for c in ws[1]]
    ik05 = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "IK-05")
    assert ik05[header.index("Realisasi TW4")].value is None
    assert ik05[header.index("Realisasi TW3")].value == 2.5


def test_every_sheet_prints_a4_landscape_fit_to_width_with_its_header(data, tmp_path) -> None:
    wb = load_workbook(write_pengukuran_xlsx(data, tmp_path / "x.xlsx"))
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape", ws.title
        assert int(ws.page_setup.paperSize) == 9, ws.title  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert (int(ws.page_setup.fitToWidth), int(ws.page_setup.fitToHeight)) == (1, 0)
        assert ws.print_title_rows == "$1:$1", ws.title
        assert ws.row_dimensions[2].height and ws.row_dimensions[2].height >= 17


@pytest.mark.libreoffice
@pytest.mark.xdist_group("libreoffice")
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_libreoffice_prints_the_workbook_in_few_pages(data, tmp_path: Path) -> None:
    path = write_pengukuran_xlsx(data, tmp_path / "pengukuran.xlsx")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
             "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip
    pages = len(PdfReader(tmp_path / "pengukuran.pdf").pages)
    assert len(SHEETS) <= pages <= 8  # was 17 before the print setup


def test_anggaran_sheet_has_the_plan_and_the_budget_predikat(kantor_dir: Path, tmp_path: Path):
    from test_rencana_penarikan import _plan  # the same plan as the document's tests

    _plan(kantor_dir)  # 20/25/25/30 % of each pagu
    toml = kantor_dir / "kantor.toml"
    text = toml.read_text("utf-8").replace('[predikat]\nskala = "permendagri-86-2017"\n', "")
    toml.write_text(
        text + '\n[predikat]\nskala = "permendagri-86-2017"\n\n'
        '[predikat.anggaran]\nskala = "empat-tingkat"\n',
        "utf-8",
    )
    data = load_dokumen_data(
        load_kantor(kantor_dir), "2025-TW3", tanggal_cetak=dt.date(2026, 1, 15)
    )
    ws = load_workbook(write_pengukuran_xlsx(data, tmp_path / "x.xlsx"))["Anggaran"]
    header = [c.value for c in ws[1]]
    assert header[8:] == [
        "Predikat anggaran",
        "Rencana penarikan TW I (Rp)",
        "Rencana penarikan TW II (Rp)",
        "Rencana penarikan TW III (Rp)",
        "Rencana penarikan TW IV (Rp)",
        "Rencana s.d. TW III (Rp)",
        "Realisasi terhadap rencana (%)",
    ]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    a = data.anggaran
    assert len(rows) == len(a) and rows[-1][1] == "Jumlah"
    for row, (_, r) in zip(rows, a.iterrows(), strict=True):
        assert row[2] == r["pagu"] and row[9] == round(r["pagu"] * 0.2)
        assert sum(row[9:13]) == r["pagu"]  # the four quarters, the Jumlah row too
        assert row[13] == r["rencana_sd"] and isinstance(row[14], float)
        assert row[14] == round(r["realisasi_anggaran"] / r["rencana_sd"] * 100, 2)
        assert row[8] in {"Sangat Baik", "Baik", "Cukup", "Kurang"}
    assert ws.cell(2, 14).number_format == "#,##0.00" and ws.cell(2, 15).number_format == "0.00"


def test_anggaran_sheet_without_plan_or_scale_is_as_before(data, tmp_path: Path):
    ws = load_workbook(write_pengukuran_xlsx(data, tmp_path / "x.xlsx"))["Anggaran"]
    assert [c.value for c in ws[1]][-1] == "Efisiensi (%)"
