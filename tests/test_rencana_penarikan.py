"""The budget disbursement plan (``rencana_tw1..4`` per program in the PK's Program sheet):
realisasi against the plan s.d. the quarter, printed beside pagu."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from kinerja.berkas.xlsx import save_workbook
from kinerja.dokumen.susun import load_dokumen_data, render_html
from kinerja.inti.errors import InputError
from kinerja.kantor.katalog import load_kantor
from kinerja.kantor.pk import load_pk
from kinerja.validasi.ledger import load_temuan

TANGGAL = dt.date(2026, 1, 15)


def _plan(kantor_dir: Path, share: tuple[float, ...] = (0.2, 0.25, 0.25, 0.3), bad=None) -> None:
    """rencana_tw1..4 = pagu × share (the last column may be set to ``bad``)."""
    path = kantor_dir / "perjanjian-kinerja-2025.xlsx"
    wb = load_workbook(path)
    ws = wb["Program"]
    headers = [c.value for c in ws[1]]
    pagu_col = headers.index("pagu") + 1
    first = ws.max_column + 1
    for k, f in enumerate(share):
        ws.cell(row=1, column=first + k, value=f"rencana_tw{k + 1}")
        for r in range(2, ws.max_row + 1):
            pagu = ws.cell(row=r, column=pagu_col).value
            if pagu is not None:
                ws.cell(row=r, column=first + k, value=round(float(pagu) * f))
    if bad is not None:
        ws.cell(row=2, column=first + len(share) - 1, value=bad)
    save_workbook(wb, path, dt.datetime(2025, 1, 2))


def test_realisasi_against_plan_beside_pagu(kantor_dir: Path):
    _plan(kantor_dir)
    data = load_dokumen_data(load_kantor(kantor_dir), "2025-TW3", tanggal_cetak=TANGGAL)
    a = data.anggaran
    program = a[a["program"].ne("Jumlah")]
    expected_sd = (program["pagu"] * 0.2).round() + 2 * (program["pagu"] * 0.25).round()
    assert (program["rencana_sd"] == expected_sd).all()  # TW I–III of the plan, not TW IV
    total = a[a["program"].eq("Jumlah")].iloc[0]
    assert total["rencana_sd"] == expected_sd.sum()
    assert total["capaian_rencana"] == total["realisasi_anggaran"] / total["rencana_sd"] * 100
    # the phone layout labels each cell (data-label): the checks read the plain cells
    html = re.sub(r' data-label="[^"]*"', "", render_html(data))
    assert '<th class="k-uang">Rencana penarikan s.d. Triwulan III</th>' in html
    table = html.split('<table class="tabel-anggaran')[1].split("</table>")[0]
    assert table.count("<tr") == len(a) + 1  # header + programs + Jumlah


def test_without_a_plan_the_document_is_as_before(kantor_dir: Path):
    data = load_dokumen_data(load_kantor(kantor_dir), "2025", tanggal_cetak=TANGGAL)
    assert "rencana_sd" not in data.anggaran.columns
    assert "Rencana penarikan" not in render_html(data)


def test_bad_plan_cells_are_refused_naming_the_cell(kantor_dir: Path):
    _plan(kantor_dir, bad="banyak")
    with pytest.raises(InputError) as exc:
        load_pk(load_kantor(kantor_dir), 2025)
    (t,) = exc.value.temuan
    assert (t.kode, t.lembar, t.kolom, t.nilai) == (
        "pk-rencana-salah",
        "Program",
        "rencana_tw4",
        "banyak",
    )
    assert t.sel.endswith("2")


def test_a_partial_plan_is_refused(kantor_dir: Path):
    _plan(kantor_dir, share=(0.5, 0.5))
    with pytest.raises(InputError) as exc:
        load_pk(load_kantor(kantor_dir), 2025)
    assert exc.value.temuan[0].kode == "pk-rencana-tidak-lengkap"
    assert "rencana_tw3, rencana_tw4" in str(exc.value)


def _rencana_beda(kantor_dir: Path) -> list:
    return [t for t in load_temuan(kantor_dir, "2025-TW4") if t.kode == "rencana-tidak-sama-pagu"]


def test_a_plan_adding_up_to_the_pagu_is_quiet(kantor_dir: Path):
    _plan(kantor_dir)
    assert _rencana_beda(kantor_dir) == []


def test_a_plan_not_adding_up_to_the_pagu_is_a_warning_naming_the_program(kantor_dir: Path):
    _plan(kantor_dir)
    path = kantor_dir / "perjanjian-kinerja-2025.xlsx"
    wb = load_workbook(path)
    ws = wb["Program"]
    headers = [c.value for c in ws[1]]
    cell = ws.cell(row=3, column=headers.index("rencana_tw4") + 1)
    cell.value += 1_000_000  # the second program plans one million more than its pagu
    kode, nama = (ws.cell(row=3, column=headers.index(c) + 1).value for c in ("kode", "program"))
    save_workbook(wb, path, dt.datetime(2025, 1, 2))
    (t,) = _rencana_beda(kantor_dir)
    assert (t.tingkat, t.lembar, t.indikator) == ("peringatan", "Program", kode)
    assert f"program {kode} ({nama})" in t.pesan and "selisih Rp1.000.000,00" in t.pesan
    assert t.data["jumlah_rencana"] - t.data["pagu"] == 1_000_000
    data = load_dokumen_data(load_kantor(kantor_dir), "2025-TW4", tanggal_cetak=TANGGAL)
    assert not data.draf  # a warning: the document stays final
