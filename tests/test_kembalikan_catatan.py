"""A form sent back to a unit says why: the reviewer's returned findings, with the note and
who returned it, on its Temuan sheet, beside the intake findings."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

from formulir_util import column_of, edit
from openpyxl import load_workbook

from kinerja.cli import main
from kinerja.formulir import himpun
from kinerja.inti.errors import Temuan
from kinerja.kantor.katalog import load_kantor
from kinerja.validasi import ledger, pesan

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


#: Words that speak to the reviewer, never to the unit.
PENINJAU = ("minta unit", "putuskan", "peninjau memutus", "kembalikan", "dengan koreksi")


def _kepada_unit(text: str) -> bool:
    return not any(w in text.casefold() for w in PENINJAU)


def test_the_unit_reads_advice_addressed_to_it(kantor_dir, tmp_path, capsys):
    """The demo copy's TW II: both PEM findings returned; the unit's column and the cell's
    comment tell the unit what to do, the reviewer's note beside it."""
    args = ["--kantor", str(kantor_dir), "--periode", "2025-TW2"]
    for tw in ("2025-TW1", "2025-TW2"):  # as sop lanjut takes them in: each quarter's forms
        forms = kantor_dir / "formulir-kembali" / tw
        main(["himpun", "--kantor", str(kantor_dir), "--periode", tw, str(forms)])
    pem = [t for t in ledger.load_temuan(kantor_dir, "2025-TW2") if t.unit == "PEM"]
    assert {t.kode for t in pem} == {"persen-di-luar-rentang", "capaian-tinggi"}
    assert not all(_kepada_unit(t.pesan) for t in pem)  # the messages speak to the reviewer
    for t in pem:
        putus = ["validasi", "putuskan", *args, "--temuan", t.data["id"], "--oleh", "kasubag_pk"]
        assert main([*putus, "--keputusan", "kembalikan", "--alasan", CATATAN]) == 0
    out = tmp_path / "balik"
    assert main(["formulir", *args, "--kembalikan", "PEM", "--keluaran", str(out)]) == 0
    capsys.readouterr()
    (path,) = out.glob("*-dikembalikan.xlsx")

    rows = _rows(path)
    assert all(_kepada_unit(str(r["Apa yang harus dilakukan"])) for r in rows)
    balik = [r for r in rows if r["Dikembalikan oleh"]]  # beside intake's "Persentase di atas 100"
    assert {r["Temuan"] for r in balik} == {"Persentase di luar 0–100", "Capaian sangat tinggi"}
    for r in balik:
        assert "IK-07" in str(r["Apa yang harus dilakukan"])
        assert "kirim ulang formulir" in str(r["Apa yang harus dilakukan"])
        assert r["Catatan peninjau"] == CATATAN
    persen = next(r for r in balik if r["Temuan"].startswith("Persentase"))
    assert 'kolom "Realisasi TW II"' in str(persen["Apa yang harus dilakukan"])
    comment = load_workbook(path)["Realisasi"][str(persen["Sel"])].comment.text
    assert _kepada_unit(comment) and CATATAN in comment
    ws = load_workbook(path)["Temuan"]  # each row tall enough for who returned it, when
    for i, r in enumerate(rows, start=2):
        assert ws.row_dimensions[i].height >= 15 * len(
            textwrap.wrap(str(r["Dikembalikan oleh"]), 30)
        )


def test_every_rule_has_advice_addressed_to_the_unit():
    for kode in pesan.ATURAN:
        t = Temuan(kode, "error", "", indikator="IK-01", kolom="realisasi", data={"tw": 2})
        saran = pesan.saran_unit(t)
        assert _kepada_unit(saran) and "kirim ulang formulir" in saran, (kode, saran)
        assert "{" not in saran and "  " not in saran, (kode, saran)
    assert set(pesan.SARAN_UNIT) < set(pesan.ATURAN)
    bukti = Temuan("bukti-dukung-kosong", "peringatan", "", indikator="IK-08", data={"tw": 3})
    bukti = Temuan(**{**bukti.as_dict(), "data": {"tw": 3, "judul_kolom": BUKTI}})
    assert f'IK-08 TW III di kolom "{BUKTI}"' in pesan.saran_unit(bukti)


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
