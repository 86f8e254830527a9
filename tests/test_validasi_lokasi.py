"""A validation finding names the cell of its own field on the unit's real form, and the
column by the header the unit reads there (not the machine name ``bukti_dukung``)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from formulir_util import WHEN, column_of, edit, fill_form
from openpyxl import load_workbook

from kinerja.berkas.xlsx import save_workbook
from kinerja.cli import main
from kinerja.formulir import himpun
from kinerja.formulir.gaya import HEADER_ROW, SHEET_REALISASI
from kinerja.formulir.tulis import write_forms
from kinerja.inti.errors import Temuan
from kinerja.inti.model import ROMAWI, Periode
from kinerja.kantor.katalog import load_kantor
from kinerja.kantor.pk import load_pk
from kinerja.validasi import ledger
from kinerja.validasi.lokasi import sel_kolom

BUKTI = "Bukti Dukung (nama berkas/tautan)"


def _row(path: Path, kode: str) -> int:
    wb = load_workbook(path, read_only=True)
    try:  # a read-only workbook holds its zip open until closed
        rows = wb[SHEET_REALISASI].iter_rows(min_col=2, max_col=2, values_only=True)
        for r, (value,) in enumerate(rows, start=1):
            if value == kode:
                return r
    finally:
        wb.close()
    raise KeyError(kode)


def _set(path: Path, kode: str, values: dict[str, object]) -> None:
    """Change the cells of row ``kode`` under the given headers, as the unit would."""
    r = _row(path, kode)
    edit(path, SHEET_REALISASI, {f"{column_of(path, h)}{r}": v for h, v in values.items()})


def _on_the_form(t: Temuan, forms: dict[str, Path]) -> str:
    """The header of the cell ``t`` names, read with openpyxl from the form it came from;
    the cell's row is the indikator's row."""
    ws = load_workbook(forms[t.berkas])[t.lembar]
    letter = t.sel.rstrip("0123456789")
    assert ws[f"B{t.sel[len(letter) :]}"].value == t.indikator, t
    return str(ws[f"{letter}{HEADER_ROW}"].value)


def _check(found: list[Temuan], forms: dict[str, Path]) -> set[str]:
    """Every finding from a form names the right column by its header; the codes checked."""
    checked = set()
    for t in found:
        if not t.sel:
            continue
        header = _on_the_form(t, forms)
        assert t.data["judul_kolom"] == header, t
        assert f"({header})" in t.lokasi() and f"({t.kolom})" not in t.lokasi()
        if t.kolom == "bukti_dukung":
            assert header == BUKTI
            assert load_workbook(forms[t.berkas])[t.lembar][t.sel].value in (None, "")
        else:
            assert t.kolom == "realisasi"
            assert header == f"Realisasi TW {ROMAWI[t.data['tw']]}", t
        checked.add(t.kode)
    return checked


def test_every_rule_names_the_header_of_its_own_column(kantor_dir: Path, tmp_path: Path):
    kantor = load_kantor(kantor_dir)
    back = kantor_dir / "formulir-kembali"
    for tw in (1, 2):
        himpun.himpun(kantor, f"2025-TW{tw}", [back / f"2025-TW{tw}"])
    tw3 = tmp_path / "tw3"
    tw3.mkdir()
    for f in (back / "2025-TW3").glob("*.xlsx"):
        if "-KESOS-" not in f.name or "perbaikan" in f.name:  # KESOS: its corrected form
            shutil.copy(f, tw3 / f.name)
    pem = next(tw3.glob("*-PEM-*"))
    _set(pem, "IK-07", {"Realisasi TW III": 950})  # persen, capaian too high
    _set(pem, "IK-08", {BUKTI: None})  # no evidence
    _set(next(tw3.glob("*-TRANTIB-*")), "IK-10", {"Realisasi TW III": 90, "Kendala": None})
    _set(next(tw3.glob("*-PMN-*")), "IK-12", {"Realisasi TW III": None})  # missing
    himpun.himpun(kantor, "2025-TW3", [tw3])
    forms = {p.name: p for p in back.rglob("*.xlsx")}
    forms.update({p.name: p for p in tw3.glob("*.xlsx")})  # the edited ones were taken in

    checked = _check(ledger.load_temuan(kantor_dir, "2025-TW3"), forms)
    assert checked >= {
        "persen-di-luar-rentang",  # TW II's 875 on the TW II form, TW III's 950
        "capaian-tinggi",
        "capaian-rendah",
        "lonjakan-triwulan",
        "bukti-dukung-kosong",
        "realisasi-kosong",
        "realisasi-anggaran-beda",
    }, checked
    (bukti,) = [t for t in ledger.load_temuan(kantor_dir, "2025-TW3") if t.indikator == "IK-08"]
    r = _row(pem, "IK-08")
    assert bukti.sel == f"{column_of(pem, BUKTI)}{r}" != f"{column_of(pem, 'Realisasi TW III')}{r}"

    himpun.himpun(kantor, "2025-TW4", [back / "2025-TW4"])
    assert "lonjakan-tahun-lalu" in _check(ledger.load_temuan(kantor_dir, "2025-TW4"), forms)


def test_the_listing_names_the_evidence_cell_by_its_header(kantor_dir: Path, tmp_path, capsys):
    kantor = load_kantor(kantor_dir)
    pem = tmp_path / "pem.xlsx"
    shutil.copy(next((kantor_dir / "formulir-kembali" / "2025-TW3").glob("*-PEM-*")), pem)
    _set(pem, "IK-08", {BUKTI: None})
    himpun.himpun(kantor, "2025-TW3", [pem])
    cell = f"{column_of(pem, BUKTI)}{_row(pem, 'IK-08')}"
    assert main(["validasi", "--kantor", str(kantor_dir), "--periode", "2025-TW3"]) == 1
    out = " ".join(capsys.readouterr().out.split())
    assert f'lembar "Realisasi", sel {cell} ({BUKTI})' in out
    assert "(bukti_dukung)" not in out and "(realisasi)" not in out


def test_a_counts_form_places_findings_by_its_own_layout(kantor_dir: Path, tmp_path: Path):
    """A unit reporting counts has Pembilang/Penyebut before its realisasi: the evidence and
    realisasi cells are found on that layout."""
    path = kantor_dir / "perjanjian-kinerja-2025.xlsx"
    wb = load_workbook(path)
    ws = wb["Indikator"]
    kode_col = [c.value for c in ws[1]].index("kode") + 1
    ws.cell(row=1, column=ws.max_column + 1, value="rasio")
    for r in range(2, ws.max_row + 1):
        ya = ws.cell(row=r, column=kode_col).value == "IK-07"
        ws.cell(row=r, column=ws.max_column, value="ya" if ya else None)
    save_workbook(wb, path, dt.datetime(2025, 1, 2))
    kantor = load_kantor(kantor_dir)
    pk = load_pk(kantor, 2025)
    paths = write_forms(kantor, pk, Periode.parse("2025-TW3"), tmp_path / "formulir")
    pem = next(p for p in paths if "-PEM-" in p.name)
    fill_form(
        pem,
        values={
            "IK-07": {"pembilang": 15, "penyebut": 16, "bukti_dukung": None},
            "IK-08": {"realisasi": 100, "bukti_dukung": "apbn.pdf"},
            "IK-09": {"realisasi": 0, "bukti_dukung": "ba.pdf"},
        },
        when=WHEN,
    )
    himpun.himpun(kantor, "2025-TW3", [pem], pk=pk)
    found = [t for t in ledger.load_temuan(kantor_dir, "2025-TW3") if t.sel]
    assert {t.kode for t in found} >= {"bukti-dukung-kosong"}
    _check(found, {pem.name: pem})
    r = _row(pem, "IK-07")
    assert sel_kolom(f"{column_of(pem, 'Pembilang TW III')}{r}", "realisasi", 2025, True) == (
        f"{column_of(pem, 'Realisasi TW III')}{r}",
        "Realisasi TW III",
    )


@pytest.mark.parametrize("sel", ["", "9K", "A9", "ZZ9"])
def test_a_cell_no_layout_puts_the_input_in_is_not_guessed(sel: str):
    assert sel_kolom(sel, "bukti_dukung", 2025, False) == ("", "")
