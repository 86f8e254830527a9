"""Intake of returned forms: every kind of mistake gets its code and cell; nothing is lost."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import stat
import zipfile
from pathlib import Path

import pytest
from formulir_util import WHEN, column_of, edit, filled_forms
from openpyxl import Workbook, load_workbook

from kinerja.berkas.xlsx import save_workbook
from kinerja.catatan.db import connect
from kinerja.cli import main
from kinerja.formulir import sumber
from kinerja.formulir.gaya import META_SHEET
from kinerja.formulir.himpun import himpun, load_realisasi
from kinerja.kantor.katalog import load_kantor
from kinerja.kantor.pk import load_pk
from kinerja.kantor.realisasi import load_realisasi_table
from kinerja.paths import demo_office

PERIODE = "2025-TW3"


@pytest.fixture(scope="session")
def filled_once(tmp_path_factory) -> dict[str, Path]:
    """The demo office's TW III forms, filled once per test process (openpyxl is slow)."""
    demo = load_kantor(demo_office())
    return filled_forms(demo, load_pk(demo, 2025), tmp_path_factory.mktemp("forms"), PERIODE)


@pytest.fixture
def forms(filled_once, tmp_path) -> dict[str, Path]:
    folder = tmp_path / "kembali"
    folder.mkdir()
    return {
        unit: Path(shutil.copy2(path, folder / path.name)) for unit, path in filled_once.items()
    }


def codes(hasil) -> list[tuple[str, str]]:
    return [(t.kode, t.sel) for t in hasil.temuan]


def only(hasil, kode: str):
    found = [t for t in hasil.temuan if t.kode == kode]
    assert len(found) == 1, codes(hasil)
    return found[0]


# --- the good path ------------------------------------------------------------------------


def test_clean_forms_are_accepted_and_stored_with_provenance(kantor, pk, forms):
    hasil = himpun(kantor, PERIODE, list(forms.values()), pk=pk)
    assert [b.status for b in hasil.berkas] == ["diterima"] * 7
    assert hasil.exit_code == 0
    assert not [t for t in hasil.temuan if t.is_error]
    realisasi, anggaran = load_realisasi(kantor, 2025)
    table, table_anggaran = load_realisasi_table(kantor.path / "realisasi-2025.xlsx")
    want = table[table["tw"].eq(3)].set_index("kode")
    got = realisasi.set_index("kode")
    assert set(got.index) == set(want.index)
    for kode in want.index:
        expected = want.at[kode, "realisasi"]
        if isinstance(expected, str):
            assert got.at[kode, "realisasi"] == expected
        else:
            assert got.at[kode, "realisasi"] == pytest.approx(float(expected))
        assert got.at[kode, "kendala"] == want.at[kode, "kendala"]
    row = got.loc["IK-15"]
    assert row["berkas"] == forms["KESOS"].name
    assert row["lembar"] == "Realisasi"
    assert row["sel"] == "M10"
    assert len(row["sha256"]) == 64
    assert row["unit"] == "KESOS"
    assert anggaran["realisasi_anggaran"].sum() == pytest.approx(
        table_anggaran[table_anggaran["tw"].eq(3)]["realisasi_anggaran"].sum()
    )
    assert hasil.kelengkapan.query("tw == 3")["status"].eq("ada").all()


def test_every_received_file_is_archived_write_once(kantor, pk, forms):
    hasil = himpun(kantor, PERIODE, [forms["PEM"]], pk=pk)
    arsip = hasil.berkas[0].arsip
    assert arsip == kantor.path / "arsip" / "masuk" / PERIODE / f"{hasil.berkas[0].sha256}.xlsx"
    assert arsip.read_bytes() == forms["PEM"].read_bytes()
    assert not arsip.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)


def test_load_realisasi_is_none_before_any_intake(kantor):
    assert load_realisasi(kantor, 2025) is None
    assert not (kantor.path / "arsip" / "kinerja.sqlite").exists()


def test_sumber_reads_the_database_after_intake(kantor, pk, forms):
    assert sumber.load_realisasi(kantor, 2025)[2] == "realisasi-2025.xlsx"
    himpun(kantor, PERIODE, list(forms.values()), pk=pk)
    assert sumber.load_realisasi(kantor, 2025)[2] == "basis data himpunan formulir"


# --- numbers as people type them ------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "kode", "error"),
    [
        ("delapan puluh", "realisasi-bukan-angka", True),
        ("1.234", "realisasi-ambigu", True),
        (dt.datetime(2025, 3, 4), "realisasi-tanggal", True),
        (True, "realisasi-benar-salah", True),
        ("=70+1", "rumus-tanpa-nilai", True),
        ("71,5 %", "realisasi-dibaca", False),
        (" 85 ", "realisasi-dibaca", False),
        ("85", "realisasi-dibaca", False),  # a number typed as text
        ("-", "realisasi-kosong", False),
        (-3, "realisasi-negatif", True),
        (8750, "realisasi-tidak-wajar", True),
        (None, "realisasi-kosong", False),
    ],
)
def test_number_cell_mistakes(kantor, pk, forms, value, kode, error):
    col = column_of(forms["KESOS"], "Realisasi TW III")
    assert col == "M"
    edit(forms["KESOS"], "Realisasi", {"M9": value})  # IK-14, a percent
    hasil = himpun(kantor, PERIODE, [forms["KESOS"]], pk=pk)
    t = only(hasil, kode)
    assert (t.lembar, t.sel, t.kolom, t.tingkat) == (
        "Realisasi",
        "M9",
        "Realisasi TW III",
        "error" if error else "peringatan",
    )
    assert t.pesan.startswith(f'Berkas "{forms["KESOS"].name}", lembar "Realisasi", sel M9')
    assert hasil.berkas[0].status == ("ditolak" if error else "diterima")
    assert hasil.exit_code == (1 if error else 0)


def test_the_styleguide_message(kantor, pk, forms):
    edit(forms["KESOS"], "Realisasi", {"M10": "delapan puluh"})
    t = only(himpun(kantor, PERIODE, [forms["KESOS"]], pk=pk), "realisasi-bukan-angka")
    assert t.pesan == (
        f'Berkas "{forms["KESOS"].name}", lembar "Realisasi", sel M10 (Realisasi TW III): '
        '"delapan puluh" bukan angka. Isi dengan angka, misalnya 87,5.'
    )


def test_lenient_value_is_stored_as_read(kantor, pk, forms):
    edit(forms["KESOS"], "Realisasi", {"M9": "71,5 %"})
    hasil = himpun(kantor, PERIODE, [forms["KESOS"]], pk=pk)
    pesan = only(hasil, "realisasi-dibaca").pesan
    assert "dibaca sebagai 71,5" in pesan and "tanpa satuan atau tanda %" in pesan
    realisasi, _ = load_realisasi(kantor, 2025)
    assert realisasi.set_index("kode").at["IK-14", "realisasi"] == pytest.approx(71.5)


def test_a_number_stored_as_text_is_told_so_not_to_drop_a_unit(kantor, pk, forms):
    """The text "81,5" held no unit and no %: the advice is about the cell being text."""
    edit(forms["KESOS"], "Realisasi", {"M9": "81,5"})
    pesan = only(himpun(kantor, PERIODE, [forms["KESOS"]], pk=pk), "realisasi-dibaca").pesan
    assert 'teks "81,5" dibaca sebagai 81,5' in pesan
    assert "satuan" not in pesan and "tanda %" not in pesan
    assert "tersimpan sebagai teks" in pesan and "format sel menjadi Angka" in pesan


def test_qualitative_indicator_takes_scale_labels(kantor, pk, forms):
    edit(forms["RENKEU"], "Realisasi", {"M9": "bb"})
    hasil = himpun(kantor, PERIODE, [forms["RENKEU"]], pk=pk)
    assert hasil.exit_code == 0
    realisasi, _ = load_realisasi(kantor, 2025)
    assert realisasi.set_index("kode").at["IK-01", "realisasi"] == "BB"


def test_qualitative_value_outside_the_scale(kantor, pk, forms):
    edit(forms["RENKEU"], "Realisasi", {"M9": "Baik Sekali"})
    t = only(himpun(kantor, PERIODE, [forms["RENKEU"]], pk=pk), "realisasi-tidak-ada-di-skala")
    assert t.sel == "M9" and "AA, A, BB, B, CC, C, D" in t.pesan


def test_count_far_above_target_warns(kantor, pk, forms):
    edit(forms["KESOS"], "Realisasi", {"M10": 5000})  # IK-15, orang, annual target 120
    hasil = himpun(kantor, PERIODE, [forms["KESOS"]], pk=pk)
    assert only(hasil, "realisasi-jauh-dari-target").sel == "M10"
    assert hasil.exit_code == 0


def test_anggaran_mistakes(kantor, pk, forms):
    col = column_of(forms["RENKEU"], "Realisasi TW III (Rp)", "Anggaran")
    assert col == "G"
    edit(forms["RENKEU"], "Anggaran", {"G9": "satu juta", "G10": 999_000_000_000})
    hasil = himpun(kantor, PERIODE, [forms["RENKEU"]], pk=pk)
    assert only(hasil, "anggaran-bukan-angka").sel == "G9"
    over = only(hasil, "anggaran-melebihi-pagu")
    assert (over.lembar, over.sel) == ("Anggaran", "G10")
    assert hasil.exit_code == 1


def test_formula_in_a_text_cell_without_value(kantor, pk, forms):
    edit(forms["PEM"], "Realisasi", {"N9": "=A1&B1"})
    assert only(himpun(kantor, PERIODE, [forms["PEM"]], pk=pk), "rumus-tanpa-nilai").sel == "N9"


def test_missing_name_of_the_person_filling_in_warns(kantor, pk, forms):
    edit(forms["PEM"], "Realisasi", {"D4": None})
    hasil = himpun(kantor, PERIODE, [forms["PEM"]], pk=pk)
    assert only(hasil, "pengisi-kosong").sel == "D4"
    assert hasil.exit_code == 0


# --- the form itself changed ----------------------------------------------------------------


def test_changed_target(kantor, pk, forms):
    edit(forms["KESOS"], "Realisasi", {"I11": 15.6})
    t = only(himpun(kantor, PERIODE, [forms["KESOS"]], pk=pk), "target-diubah")
    assert (t.sel, t.kolom, t.nilai) == ("I11", "Target TW III", "15,6")
    assert 'dari "15" menjadi "15,6"' in t.pesan


def test_changed_indicator_text_and_previous_quarter(kantor, pk, forms):
    edit(forms["PEM"], "Realisasi", {"D9": "Indikator lain", "K10": 1})
    hasil = himpun(kantor, PERIODE, [forms["PEM"]], pk=pk)
    cells = {t.sel for t in hasil.temuan if t.kode == "sel-terkunci-diubah"}
    assert cells == {"D9", "K10"}
    assert hasil.berkas[0].status == "ditolak"


def test_deleted_row(kantor, pk, forms):
    wb = load_workbook(forms["PEM"])
    ws = wb["Realisasi"]
    ws.protection.sheet = False
    ws.delete_rows(10)  # IK-08
    save_workbook(wb, forms["PEM"], WHEN)
    hasil = himpun(kantor, PERIODE, [forms["PEM"]], pk=pk)
    t = only(hasil, "baris-dihapus")
    assert (t.sel, t.nilai, t.indikator) == ("B10", "IK-08", "IK-08")
    # IK-09 moved up a row: its locked cells are compared where it is now, not flagged
    assert not [x for x in hasil.temuan if x.kode == "sel-terkunci-diubah"]


def test_inserted_row(kantor, pk, forms):
    wb = load_workbook(forms["PEM"])
    ws = wb["Realisasi"]
    ws.protection.sheet = False
    ws.insert_rows(10)
    ws["B10"] = "IK-99"
    ws["M10"] = 50
    save_workbook(wb, forms["PEM"], WHEN)
    hasil = himpun(kantor, PERIODE, [forms["PEM"]], pk=pk)
    t = only(hasil, "baris-disisipkan")
    assert (t.sel, t.nilai) == ("A10", "IK-99")
    assert hasil.berkas[0].status == "ditolak"


def test_row_added_below_the_table(kantor, pk, forms):
    edit(forms["PEM"], "Realisasi", {"D13": "catatan tambahan"})
    assert only(himpun(kantor, PERIODE, [forms["PEM"]], pk=pk), "baris-disisipkan").sel == "A13"


def test_inserted_column(kantor, pk, forms):
    wb = load_workbook(forms["PEM"])
    ws = wb["Realisasi"]
    ws.protection.sheet = False
    ws.insert_cols(5)
    save_workbook(wb, forms["PEM"], WHEN)
    hasil = himpun(kantor, PERIODE, [forms["PEM"]], pk=pk)
    first = next(t for t in hasil.temuan if t.kode == "kolom-diubah")
    assert first.sel == "E8"
    assert hasil.berkas[0].status == "ditolak"


def test_renamed_sheet(kantor, pk, forms):
    wb = load_workbook(forms["PEM"])
    wb["Realisasi"].title = "Realisasi TW3"
    save_workbook(wb, forms["PEM"], WHEN)
    t = only(himpun(kantor, PERIODE, [forms["PEM"]], pk=pk), "lembar-diganti-nama")
    assert t.lembar == "Realisasi TW3" and '"Realisasi"' in t.pesan


def test_missing_sheet(kantor, pk, forms):
    wb = load_workbook(forms["RENKEU"])
    del wb["Anggaran"]
    save_workbook(wb, forms["RENKEU"], WHEN)
    t = only(himpun(kantor, PERIODE, [forms["RENKEU"]], pk=pk), "lembar-tidak-ada")
    assert t.nilai == "Anggaran"


def test_extra_sheet_only_warns(kantor, pk, forms):
    wb = load_workbook(forms["PEM"])
    wb.create_sheet("Catatan saya")
    save_workbook(wb, forms["PEM"], WHEN)
    hasil = himpun(kantor, PERIODE, [forms["PEM"]], pk=pk)
    assert only(hasil, "lembar-tambahan").nilai == "Catatan saya"
    assert hasil.exit_code == 0


def test_tampered_metadata(kantor, pk, forms):
    wb = load_workbook(forms["PEM"])
    wb[META_SHEET]["B4"] = "KESOS"  # unit
    save_workbook(wb, forms["PEM"], WHEN)
    assert only(himpun(kantor, PERIODE, [forms["PEM"]], pk=pk), "metadata-rusak")


def test_not_a_kinerja_form(kantor, pk, tmp_path):
    wb = Workbook()
    wb.active["A1"] = "realisasi"
    path = tmp_path / "tabel-sendiri.xlsx"
    save_workbook(wb, path, WHEN)
    hasil = himpun(kantor, PERIODE, [path], pk=pk)
    assert only(hasil, "bukan-formulir-kinerja").berkas == "tabel-sendiri.xlsx"
    assert hasil.berkas[0].status == "ditolak"


def test_form_of_another_periode(kantor, pk, forms):
    t = only(himpun(kantor, "2025-TW2", [forms["PEM"]], pk=pk), "periode-lain")
    assert t.nilai == "2025-TW3"


def test_year_periode_takes_the_tw4_form(kantor, pk, tmp_path):
    tw4 = filled_forms(kantor, pk, tmp_path / "tw4", "2025-TW4")
    hasil = himpun(kantor, "2025", [tw4["PEM"]], pk=pk)
    assert hasil.exit_code == 0
    assert set(load_realisasi(kantor, 2025)[0]["tw"]) == {4}


def test_form_of_another_office(kantor, pk, forms, tmp_path):
    other_dir = tmp_path / "kantor-lain"
    shutil.copytree(kantor.path, other_dir, ignore=shutil.ignore_patterns("arsip"))
    toml = other_dir / "kantor.toml"
    toml.write_text(
        toml.read_text("utf-8").replace('kode = "linggo-sari-baganti"', 'kode = "lain"')
    )
    other = load_kantor(other_dir)
    t = only(himpun(other, PERIODE, [forms["PEM"]], pk=pk), "kantor-lain")
    assert (t.nilai, t.unit) == ("linggo-sari-baganti", "PEM")


def test_form_of_a_unit_the_office_no_longer_has(kantor, pk, forms):
    toml = kantor.path / "kantor.toml"
    text = toml.read_text("utf-8")
    block = '[[unit]]\nkode = "PMN"'
    start = text.index(block)
    end = text.index("[[unit]]", start + 5)
    toml.write_text(text[:start] + text[end:])
    t = only(himpun(load_kantor(kantor.path), PERIODE, [forms["PMN"]], pk=pk), "unit-tidak-dikenal")
    assert t.nilai == "PMN"


# --- files that are not forms ----------------------------------------------------------------


def test_empty_pdf_and_truncated_files_get_clean_findings(kantor, pk, forms, tmp_path, capsys):
    empty = tmp_path / "Formulir-PEM-kosong.xlsx"
    empty.write_bytes(b"")
    pdf = tmp_path / "Formulir-PMN-Seksi.xlsx"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\n%%EOF\n")
    data = forms["KESOS"].read_bytes()
    cut = tmp_path / "Formulir-KESOS-terpotong.xlsx"
    cut.write_bytes(data[: len(data) // 2])
    code = main(
        ["himpun", "--kantor", str(kantor.path), "--periode", PERIODE, *map(str, (empty, pdf, cut))]
    )
    out, err = capsys.readouterr()
    assert code == 1
    assert "Traceback" not in out + err
    hasil = himpun(kantor, PERIODE, [empty, pdf, cut], pk=pk)
    assert [t.kode for t in hasil.temuan] == ["berkas-kosong", "berkas-bukan-xlsx", "berkas-rusak"]
    assert "PDF" in hasil.temuan[1].pesan
    assert [b.status for b in hasil.berkas] == ["ditolak"] * 3
    assert [b.unit for b in hasil.berkas] == ["PEM", "PMN", "KESOS"]  # guessed from the name
    for b in hasil.berkas:
        assert b.arsip.is_file()  # kept, not lost


def test_other_zip_files_are_not_xlsx(kantor, pk, tmp_path):
    ods = tmp_path / "Formulir-PEM.xlsx"
    with zipfile.ZipFile(ods, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", "<office:document-content/>")
    t = only(himpun(kantor, PERIODE, [ods], pk=pk), "berkas-bukan-xlsx")
    assert "OpenDocument" in t.pesan


# --- several files, several intakes -----------------------------------------------------------


def test_two_different_forms_for_one_unit(kantor, pk, forms, tmp_path):
    second = edit(forms["PEM"], "Realisasi", {"M9": 90}, target=tmp_path / "PEM-lagi.xlsx")
    hasil = himpun(kantor, PERIODE, [forms["PEM"], second], pk=pk)
    assert [t.kode for t in hasil.temuan] == ["formulir-ganda", "formulir-ganda"]
    assert [b.status for b in hasil.berkas] == ["ditolak", "ditolak"]
    assert load_realisasi(kantor, 2025) is None


def test_rejected_and_corrected_form_in_one_intake(kantor, pk, forms, tmp_path):
    wrong = edit(forms["KESOS"], "Realisasi", {"M10": "dua puluh"}, target=tmp_path / "k1.xlsx")
    hasil = himpun(kantor, PERIODE, [wrong, forms["KESOS"]], pk=pk)
    assert [b.status for b in hasil.berkas] == ["ditolak", "diterima"]
    assert hasil.exit_code == 1


def test_same_file_twice(kantor, pk, forms, tmp_path):
    copy = tmp_path / "salinan.xlsx"
    shutil.copyfile(forms["PEM"], copy)
    hasil = himpun(kantor, PERIODE, [forms["PEM"], copy], pk=pk)
    assert [b.status for b in hasil.berkas] == ["diterima", "duplikat"]
    assert only(hasil, "berkas-ganda").berkas == "salinan.xlsx"
    again = himpun(kantor, PERIODE, [copy], pk=pk)
    assert [b.status for b in again.berkas] == ["duplikat"]
    assert only(again, "berkas-sudah-dihimpun")
    assert again.exit_code == 0
    conn = connect(kantor.path)
    assert conn.execute("SELECT COUNT(*) FROM berkas_masuk").fetchone()[0] == 1


def test_corrected_form_supersedes_and_history_stays(kantor, pk, forms, tmp_path):
    himpun(kantor, PERIODE, [forms["PEM"]], pk=pk)
    fixed = edit(forms["PEM"], "Realisasi", {"M9": 93.75}, target=tmp_path / "PEM-perbaikan.xlsx")
    hasil = himpun(kantor, PERIODE, [fixed], pk=pk)
    assert hasil.berkas[0].status == "diterima"
    realisasi, _ = load_realisasi(kantor, 2025)
    assert realisasi.set_index("kode").at["IK-07", "realisasi"] == pytest.approx(93.75)
    assert realisasi.set_index("kode").at["IK-07", "berkas"] == "PEM-perbaikan.xlsx"
    conn = connect(kantor.path)
    rows = conn.execute("SELECT nama, digantikan_oleh FROM berkas_masuk ORDER BY id").fetchall()
    assert [r["nama"] for r in rows] == [forms["PEM"].name, "PEM-perbaikan.xlsx"]
    assert rows[0]["digantikan_oleh"] == 2 and rows[1]["digantikan_oleh"] is None
    assert conn.execute("SELECT COUNT(*) FROM nilai_realisasi").fetchone()[0] == 6


def test_text_is_data(kantor, pk, forms):
    edit(forms["PEM"], "Realisasi", {"N9": "-jaringan putus", "O9": "@camat <b>segera</b>"})
    hasil = himpun(kantor, PERIODE, [forms["PEM"]], pk=pk)
    assert hasil.exit_code == 0
    row = load_realisasi(kantor, 2025)[0].set_index("kode").loc["IK-07"]
    assert (row["kendala"], row["tindak_lanjut"]) == ("-jaringan putus", "@camat <b>segera</b>")


# --- the commands ---------------------------------------------------------------------------------


def test_himpun_cli_report_json_and_exit_codes(kantor, forms, tmp_path, capsys):
    report = tmp_path / "laporan.json"
    args = ["himpun", "--kantor", str(kantor.path), "--periode", PERIODE]
    assert main([*args, *map(str, forms.values()), "--laporan-json", str(report)]) == 0
    out = capsys.readouterr().out
    assert "7 berkas diterima, 0 ditolak" in out and "Kelengkapan" in out
    data = json.loads(report.read_text("utf-8"))
    assert set(data) == {"berkas", "temuan", "kelengkapan"}
    assert set(data["berkas"][0]) == {"nama", "unit", "status", "baris", "sha256"}
    assert data["kelengkapan"]["seharusnya"] == 48
    edit(forms["KESOS"], "Realisasi", {"M10": "dua puluh"})
    assert main([*args, str(forms["KESOS"]), "--laporan-json", str(report)]) == 1
    data = json.loads(report.read_text("utf-8"))
    assert set(data["temuan"][0]) == {
        "kode",
        "tingkat",
        "berkas",
        "lembar",
        "sel",
        "kolom",
        "nilai",
        "pesan",
    }
    assert (data["temuan"][0]["sel"], data["temuan"][0]["kode"]) == ("M10", "realisasi-bukan-angka")
    out = capsys.readouterr().out  # people read the title; the code is in the JSON only
    assert "[KESALAHAN] Realisasi bukan angka: " in out and "realisasi-bukan-angka" not in out


@pytest.mark.parametrize(
    "argv",
    [
        ["himpun", "--periode", PERIODE, "x.xlsx"],  # no --kantor
        ["himpun", "--kantor", "{k}", "--periode", "2025-TW5", "x.xlsx"],
        ["himpun", "--kantor", "{k}", "--periode", PERIODE, "tidak-ada.xlsx"],
        ["himpun", "--kantor", "{k}", "--periode", PERIODE],  # no files
    ],
)
def test_himpun_usage_errors_exit_2(kantor, argv, capsys):
    with pytest.raises(SystemExit) as exc_or_code:
        code = main([a.replace("{k}", str(kantor.path)) for a in argv])
        raise SystemExit(code)
    assert exc_or_code.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


def test_kembalikan_writes_findings_and_the_fixed_form_is_accepted(kantor, pk, forms, tmp_path):
    edit(forms["KESOS"], "Realisasi", {"M10": "dua puluh", "N10": "=SUM(A1)"})
    args = ["--kantor", str(kantor.path), "--periode", PERIODE]
    assert main(["himpun", *args, str(forms["KESOS"])]) == 1
    out = tmp_path / "balik"
    assert main(["formulir", *args, "--kembalikan", "kesos", "--keluaran", str(out)]) == 0
    path = out / "Formulir-KESOS-Seksi-Kesejahteraan-Sosial-2025-TW3-dikembalikan.xlsx"
    wb = load_workbook(path)
    assert wb.sheetnames[0] == "Temuan"
    judul = [wb["Temuan"].cell(row=r, column=3).value for r in range(2, wb["Temuan"].max_row + 1)]
    assert "Realisasi bukan angka" in judul
    ws = wb["Realisasi"]
    assert ws["M10"].value == "dua puluh"  # the unit's own value, to correct
    assert ws["M10"].comment is not None
    # the unit corrects the cell and sends the form back: accepted
    ws.protection.sheet = True
    ws["M10"] = 24
    save_workbook(wb, path, WHEN)
    hasil = himpun(kantor, PERIODE, [path], pk=pk)
    assert hasil.exit_code == 0, codes(hasil)
    assert load_realisasi(kantor, 2025)[0].set_index("kode").at["IK-15", "realisasi"] == 24


def test_kembalikan_neutralises_formula_text(kantor, pk, forms, tmp_path):
    edit(forms["KESOS"], "Realisasi", {"N9": "+62 812 kendala", "M10": "x"})
    himpun(kantor, PERIODE, [forms["KESOS"]], pk=pk)
    assert (
        main(
            [
                "formulir",
                "--kantor",
                str(kantor.path),
                "--periode",
                PERIODE,
                "--kembalikan",
                "KESOS",
                "--keluaran",
                str(tmp_path),
            ]
        )
        == 0
    )
    ws = load_workbook(next(tmp_path.glob("*-dikembalikan.xlsx")))["Realisasi"]
    assert ws["N9"].value == "'+62 812 kendala"
    assert ws["N9"].data_type == "s"


def test_kembalikan_without_intake_is_exit_1(kantor, tmp_path, capsys):
    code = main(
        [
            "formulir",
            "--kantor",
            str(kantor.path),
            "--periode",
            PERIODE,
            "--kembalikan",
            "PEM",
            "--keluaran",
            str(tmp_path),
        ]
    )
    assert code == 1
    assert "Belum ada formulir PEM" in capsys.readouterr().err


def test_demo_returned_forms_show_rejection_then_acceptance(kantor, pk):
    folder = kantor.path / "formulir-kembali"
    assert himpun(kantor, "2025-TW1", [folder / "2025-TW1"], pk=pk).exit_code == 0
    # TW II: PEM's 875 for 87,5 % is a KESALAHAN (as at validation); its form is kept, the
    # value waits for the reviewer's decision, and the run exits 1 until then
    tw2 = himpun(kantor, "2025-TW2", [folder / "2025-TW2"], pk=pk)
    assert {b.status for b in tw2.berkas} == {"diterima"}
    assert [(t.kode, t.tingkat, t.indikator) for t in tw2.temuan if t.is_error] == [
        ("realisasi-persen-di-atas-100", "error", "IK-07")
    ]
    assert tw2.exit_code == 1
    hasil = himpun(kantor, "2025-TW3", [folder / "2025-TW3"], pk=pk)
    status = {b.nama: b.status for b in hasil.berkas}
    assert status["Formulir-KESOS-Seksi-Kesejahteraan-Sosial-2025-TW3.xlsx"] == "ditolak"
    assert status["Formulir-KESOS-Seksi-Kesejahteraan-Sosial-2025-TW3-perbaikan.xlsx"] == "diterima"
    assert sorted(t.kode for t in hasil.temuan) == [
        "realisasi-bukan-angka",
        "realisasi-dibaca",
        "target-diubah",
    ]
    assert hasil.kelengkapan["status"].eq("ada").all()
