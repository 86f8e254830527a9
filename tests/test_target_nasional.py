"""An optional national/provincial target per indikator (``target_nasional`` in the PK):
capaian against it, printed beside the Renstra comparison."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd
from openpyxl import load_workbook

from kinerja.berkas.xlsx import save_workbook
from kinerja.dokumen.susun import load_dokumen_data, render_html
from kinerja.kantor.katalog import load_kantor
from kinerja.kantor.pk import load_pk

TANGGAL = dt.date(2026, 1, 15)


def _add_column(kantor_dir: Path, name: str, values: dict[str, object]) -> None:
    path = kantor_dir / "perjanjian-kinerja-2025.xlsx"
    wb = load_workbook(path)
    ws = wb["Indikator"]
    kode_col = [c.value for c in ws[1]].index("kode") + 1
    col = ws.max_column + 1
    ws.cell(row=1, column=col, value=name)
    for r in range(2, ws.max_row + 1):
        ws.cell(row=r, column=col, value=values.get(ws.cell(row=r, column=kode_col).value))
    save_workbook(wb, path, dt.datetime(2025, 1, 2))


def test_without_the_column_nothing_changes(kantor_dir: Path):
    data = load_dokumen_data(load_kantor(kantor_dir), "2025", tanggal_cetak=TANGGAL)
    assert "capaian_thd_nasional" not in data.pengukuran.indikator.columns
    assert "nasional" not in render_html(data).casefold()


def test_capaian_against_the_national_target_beside_renstra(kantor_dir: Path):
    # IK-02 positive: 96,56 / 90; IK-16 stunting, negative (2T − R): national target 14
    _add_column(kantor_dir, "target_nasional", {"IK-02": 90, "IK-16": "14", "IK-05": "2 - 3"})
    kantor = load_kantor(kantor_dir)
    assert "target_nasional" in load_pk(kantor, 2025).indikator.columns
    data = load_dokumen_data(kantor, "2025", tanggal_cetak=TANGGAL)
    ind = data.pengukuran.indikator.set_index("kode")
    r02 = float(ind.at["IK-02", "realisasi_sd"])
    assert ind.at["IK-02", "capaian_thd_nasional"] == r02 / 90 * 100
    r16 = float(ind.at["IK-16", "realisasi_sd"])
    assert ind.at["IK-16", "capaian_thd_nasional"] == max((2 * 14 - r16) / 14 * 100, 0)
    r05 = float(ind.at["IK-05", "realisasi_sd"])
    assert 2 <= r05 <= 3 and ind.at["IK-05", "capaian_thd_nasional"] == 100.0  # inside the range
    assert pd.isna(ind.at["IK-03", "capaian_thd_nasional"])  # no national target: no capaian
    # the phone layout labels each cell (data-label): the checks read the plain cells
    html = re.sub(r' data-label="[^"]*"', "", render_html(data))
    assert "dan Target Nasional/Provinsi</h3>" in html
    assert '<th class="k-angka">Capaian thd nasional/provinsi</th>' in html
    section = html.split("dan Target Nasional/Provinsi</h3>")[1].split("</table>")[0]
    expected = f"{r02 / 90 * 100:.2f}".replace(".", ",") + "%"
    assert f'<td class="angka">90</td><td class="angka">{expected}</td>' in section
