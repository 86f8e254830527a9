"""Completeness matrix unit × indikator × triwulan (pure core)."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd

from kinerja.inti.kelengkapan import kelengkapan, matriks, ringkasan
from kinerja.inti.model import Periode

INDIKATOR = pd.DataFrame(
    {
        "unit": ["PEM", "PEM", "KESOS"],
        "kode": ["IK-07", "IK-08", "IK-14"],
        "indikator": ["LPPN tepat waktu", "APB Nagari", "DTSEN"],
    }
)


def test_status_ada_kosong_belum():
    realisasi = pd.DataFrame(
        {
            "kode": ["IK-07", "IK-07", "IK-08", "IK-14"],
            "tw": [1, 2, 1, 2],
            "realisasi": [75.0, None, 0.0, "  "],
        }
    )
    long = kelengkapan(INDIKATOR, realisasi, Periode.parse("2025-TW2"))
    got = {(r.kode, r.tw): r.status for r in long.itertuples()}
    assert got == {
        ("IK-07", 1): "ada",
        ("IK-07", 2): "kosong",
        ("IK-08", 1): "ada",  # 0 is a value, not a gap
        ("IK-08", 2): "belum",
        ("IK-14", 1): "belum",
        ("IK-14", 2): "kosong",
    }


def test_only_the_quarters_of_the_periode():
    long = kelengkapan(
        INDIKATOR, pd.DataFrame(columns=["kode", "tw", "realisasi"]), Periode.parse("2025")
    )
    assert sorted(long["tw"].unique()) == [1, 2, 3, 4]
    assert long["status"].eq("belum").all()
    assert len(kelengkapan(INDIKATOR, None, Periode.parse("2025-TW1"))) == 3


def test_matrix_keeps_pk_order_and_names_quarters():
    realisasi = pd.DataFrame({"kode": ["IK-14"], "tw": [1], "realisasi": [22]})
    wide = matriks(kelengkapan(INDIKATOR, realisasi, Periode.parse("2025-TW3")))
    assert list(wide.columns) == ["unit", "kode", "indikator", "TW I", "TW II", "TW III"]
    assert list(wide["kode"]) == ["IK-07", "IK-08", "IK-14"]
    assert wide.set_index("kode").at["IK-14", "TW I"] == "ada"


def test_summary_counts_and_lists_gaps():
    realisasi = pd.DataFrame(
        {"kode": ["IK-07", "IK-08", "IK-14"], "tw": [1, 1, 1], "realisasi": [1, 2, None]}
    )
    data = ringkasan(
        kelengkapan(INDIKATOR, realisasi, Periode.parse("2025-TW1")), Periode.parse("2025-TW1")
    )
    assert (data["terisi"], data["seharusnya"], data["lengkap"]) == (2, 3, False)
    assert data["belum"] == [{"unit": "KESOS", "kode": "IK-14", "tw": 1, "status": "kosong"}]
    assert data["matriks"][0] == {
        "unit": "PEM",
        "kode": "IK-07",
        "indikator": "LPPN tepat waktu",
        "TW I": "ada",
    }


def test_the_core_module_loads_no_adapters():
    code = (
        "import sys, kinerja.inti.kelengkapan\n"
        "bad = [m for m in ('openpyxl', 'sqlite3', 'python_calamine', 'jinja2') if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
