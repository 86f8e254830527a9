"""The per-quarter table: a range target printed as a range, qualitative values as their
labels, in the document and in the xlsx export (issue 15)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

from kinerja.dokumen.data import tren_capaian
from kinerja.dokumen.konteks_hasil import konteks_hasil
from kinerja.dokumen.susun import load_dokumen_data
from kinerja.dokumen.workbook import write_pengukuran_xlsx
from kinerja.kantor.katalog import load_kantor
from kinerja.paths import demo_office


@pytest.fixture(scope="module")
def data():
    return load_dokumen_data(load_kantor(demo_office()), "2025", tanggal_cetak=dt.date(2026, 1, 15))


def test_xlsx_per_triwulan_prints_ranges_and_labels(data, tmp_path: Path):
    out = write_pengukuran_xlsx(data, tmp_path / "pengukuran.xlsx")
    rows = {r[0]: r for r in load_workbook(out)["Per Triwulan"].iter_rows(values_only=True)}
    assert rows["IK-01"][3:] == ("B", "B", "B", "B", "B", "B", "BB", "BB")  # not 4 and 5
    assert rows["IK-05"][3] == "2 – 3" and rows["IK-05"][4] == 2.8  # range; numbers stay numbers
    assert rows["IK-02"][9:] == (95, 96.56)


def test_document_per_quarter_table_prints_ranges_and_labels(data):
    per_tw = konteks_hasil(data, tren_capaian(data))["per_tw"]
    rows = {r["kode"]: r["tw"] for r in per_tw["baris"]}
    assert [c["target"] for c in rows["IK-05"]] == ["2 – 3"] * 4
    assert [c["realisasi"] for c in rows["IK-05"]] == ["2,80", "3,40", "2,50", "2,20"]
    assert [(c["target"], c["realisasi"]) for c in rows["IK-01"]][-1] == ("BB", "BB")
    assert rows["IK-06"][0]["target"] == "550"
