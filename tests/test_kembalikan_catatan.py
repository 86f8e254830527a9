"""A form sent back to a unit says why: the reviewer's returned findings, with the note and
who returned it, on its Temuan sheet, beside the intake findings."""

from __future__ import annotations

import shutil
from pathlib import Path

from formulir_util import column_of, edit
from openpyxl import load_workbook

from kinerja.cli import main
from kinerja.formulir import himpun
from kinerja.kantor.katalog import load_kantor
from kinerja.validasi import ledger

P = "2025-TW3"
BUKTI = "Bukti Dukung (nama berkas/tautan)"
CATATAN = "Lampirkan rekap APB Nagari triwulan III"


def _pem(kantor_dir: Path, tmp_path: Path) -> Path:
    """PEM's TW III form with no evidence for IK-08 and "93,75 %" typed as text for IK-07."""
    pem = tmp_path / "masuk" / "Formulir-PEM-TW3.xlsx"
    pem.parent.mkdir()
    shutil.copy(next((kantor_dir / "formulir-kembali" / P).glob("*-PEM-*")), pem)
    edit(pem, "Realisasi", {f"{column_of(pem, BUKTI)}10": None, "M9": "93,75 %"})
    return pem


def _rows(path: Path) -> list[dict[str, object]]:
    ws = load_workbook(path)["Temuan"]
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def test_the_returned_form_lists_the_reviewers_note_and_who(kantor_dir, tmp_path, capsys):
    pem = _pem(kantor_dir, tmp_path)
    kantor = load_kantor(kantor_dir)
    assert himpun.himpun(kantor, P, [pem]).exit_code == 0  # the "93,75 %" is a warning
    (bukti,) = [t for t in ledger.load_temuan(kantor_dir, P) if t.kode == "bukti-dukung-kosong"]
    args = ["--kantor", str(kantor_dir), "--periode", P]
    putus = ["validasi", "putuskan", *args, "--temuan", bukti.data["id"][:6]]
    putus += ["--keputusan", "kembalikan", "--oleh", "kasubag_pk", "--alasan", CATATAN]
    assert main([*putus, "--waktu", "2026-01-12T09:30"]) == 0
    out = tmp_path / "balik"
    assert main(["formulir", *args, "--kembalikan", "pem", "--keluaran", str(out)]) == 0
    assert "1 temuan yang dikembalikan peninjau" in capsys.readouterr().out
    (path,) = out.glob("*-dikembalikan.xlsx")

    rows = _rows(path)
    reviewer, intake = rows[0], rows[1:]
    sel = f"{column_of(pem, BUKTI)}10"
    assert reviewer["Temuan"] == "Bukti dukung kosong"
    assert reviewer["Tingkat"] == "PERINGATAN"
    assert (reviewer["Lembar"], reviewer["Sel"], reviewer["Kolom"]) == ("Realisasi", sel, BUKTI)
    assert reviewer["Catatan peninjau"] == CATATAN
    assert "DEDI SUPRIADI" in str(reviewer["Dikembalikan oleh"])
    assert "Kepala Subbagian Perencanaan dan Keuangan" in str(reviewer["Dikembalikan oleh"])
    assert "12 Januari 2026" in str(reviewer["Dikembalikan oleh"])
    assert [r["Temuan"] for r in intake] == ["Realisasi dibaca dari teks"]  # intake's stays
    assert intake[0]["Catatan peninjau"] is None
    ws = load_workbook(path)["Realisasi"]
    assert ws[f"{sel[0]}8"].value == BUKTI  # the marked cell is the evidence cell
    assert CATATAN in ws[sel].comment.text


def test_without_a_returned_finding_only_intake_is_listed(kantor_dir, tmp_path):
    pem = _pem(kantor_dir, tmp_path)
    kantor = load_kantor(kantor_dir)
    himpun.himpun(kantor, P, [pem])
    (bukti,) = [t for t in ledger.load_temuan(kantor_dir, P) if t.kode == "bukti-dukung-kosong"]
    args = ["--kantor", str(kantor_dir), "--periode", P]
    putus = ["validasi", "putuskan", *args, "--temuan", bukti.data["id"], "--oleh", "kasubag_pk"]
    assert main([*putus, "--keputusan", "terima", "--alasan", "Bukti menyusul"]) == 0
    out = tmp_path / "balik"
    assert main(["formulir", *args, "--kembalikan", "PEM", "--keluaran", str(out)]) == 0
    (path,) = out.glob("*-dikembalikan.xlsx")
    assert [r["Temuan"] for r in _rows(path)] == ["Realisasi dibaca dari teks"]


def test_one_row_per_cell_and_numbers_as_the_unit_reads_them(kantor_dir, tmp_path):
    """187.5 % where the PK allows 100 at most: intake ("Persentase di atas 100") and
    validation ("Persentase di luar 0–100") both name M9; the unit reads one row, the one
    the reviewer returned with the note, its value 187,5 (never 187.5)."""
    pem = tmp_path / "masuk" / "Formulir-PEM-TW3.xlsx"
    pem.parent.mkdir()
    shutil.copy(next((kantor_dir / "formulir-kembali" / P).glob("*-PEM-*")), pem)
    edit(pem, "Realisasi", {"M9": 187.5})
    kantor = load_kantor(kantor_dir)
    himpun.himpun(kantor, P, [pem])
    found = ledger.load_temuan(kantor_dir, P)
    assert {t.kode for t in found if t.sel == "M9"} >= {"persen-di-luar-rentang"}
    (luar,) = [t for t in found if t.kode == "persen-di-luar-rentang"]
    args = ["--kantor", str(kantor_dir), "--periode", P]
    putus = ["validasi", "putuskan", *args, "--temuan", luar.data["id"][:6]]
    putus += ["--keputusan", "kembalikan", "--oleh", "kasubag_pk", "--alasan", CATATAN]
    assert main([*putus, "--waktu", "2026-01-12T09:30"]) == 0
    out = tmp_path / "balik"
    assert main(["formulir", *args, "--kembalikan", "pem", "--keluaran", str(out)]) == 0
    (path,) = out.glob("*-dikembalikan.xlsx")
    rows = [r for r in _rows(path) if r["Sel"] == "M9"]
    assert len(rows) == 1, rows
    assert rows[0]["Temuan"] == "Persentase di luar 0–100"
    assert rows[0]["Catatan peninjau"] == CATATAN and rows[0]["Nilai"] == "187,5"
    sheet = " ".join(str(v) for r in _rows(path) for v in r.values())
    assert "187.5" not in sheet and "187,5" in sheet
    assert "Persentase di atas 100" not in sheet


def test_a_negative_count_reads_as_the_unit_wrote_it(kantor_dir, tmp_path):
    """-5 sengketa is "-5" on the Temuan sheet and in its message, never "-5,00"."""
    pem = tmp_path / "masuk" / "Formulir-PEM-TW3.xlsx"
    pem.parent.mkdir()
    shutil.copy(next((kantor_dir / "formulir-kembali" / P).glob("*-PEM-*")), pem)
    edit(pem, "Realisasi", {"M11": -5})
    himpun.himpun(load_kantor(kantor_dir), P, [pem])
    args = ["--kantor", str(kantor_dir), "--periode", P]
    out = tmp_path / "balik"
    assert main(["formulir", *args, "--kembalikan", "pem", "--keluaran", str(out)]) == 0
    (path,) = out.glob("*-dikembalikan.xlsx")
    (row,) = [r for r in _rows(path) if r["Sel"] == "M11"]
    assert row["Temuan"] == "Realisasi negatif" and row["Nilai"] == "-5"
    assert "nilai -5 negatif, padahal satuannya kasus" in str(row["Apa yang harus dilakukan"])
