"""Realisasi from its parts (pembilang / penyebut × pengali) in ``kinerja hitung``."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja.cli import main
from kinerja.inti.errors import ERROR, WARNING
from kinerja.inti.tabel import hitung_tabel

CENT = Decimal("0.01")


def frame(**cols) -> pd.DataFrame:
    n = len(next(iter(cols.values())))
    base = {
        "indikator": [f"I{i}" for i in range(n)],
        "satuan": ["%"] * n,
        "polaritas": ["positif"] * n,
        "target": ["90"] * n,
        "realisasi": [None] * n,
    }
    return pd.DataFrame({**base, **cols})


@settings(max_examples=200, deadline=None)  # a busy shared machine: timing is not the point
@given(
    st.integers(0, 5000),
    st.integers(1, 1000),
    st.integers(1, 1000),
    st.sampled_from([("%", 100), ("orang", 1), ("per 1.000 penduduk", 1000)]),
    st.sampled_from(["positif", "negatif"]),
)
def test_ratio_realisasi_and_capaian_against_decimal(p, q, t, satuan_pengali, pol):
    satuan, pengali = satuan_pengali
    f = frame(
        satuan=[satuan],
        polaritas=[pol],
        target=[str(t)],
        pembilang=[str(p)],
        penyebut=[str(q)],
        pengali=[str(pengali) if pengali == 1000 else ""],  # % → 100 and else 1 by default
    )
    h = hitung_tabel(f)
    r = Decimal(p) / Decimal(q) * pengali  # unrounded: 28 significant digits
    T = Decimal(t)
    cap = r / T * 100 if pol == "positif" else max((2 * T - r) / T * 100, Decimal(0))
    assert h.temuan == []
    assert float(h.realisasi_rasio.iloc[0]) == pytest.approx(float(r), rel=1e-12)
    assert h.capaian.iloc[0] == float(cap.quantize(CENT, rounding=ROUND_HALF_UP))


def test_capaian_from_the_unrounded_ratio_not_the_printed_one():
    # 2/3 = 66,666…%: from the rounded 66,67 the capaian would be 83,34; from the counts 83,33
    h = hitung_tabel(frame(target=["80"], pembilang=["2"], penyebut=["3"]))
    assert h.capaian.iloc[0] == 83.33
    hr = hitung_tabel(frame(target=["80"], realisasi=["66,67"]))
    assert hr.capaian.iloc[0] == 83.34


def test_agreeing_realisasi_is_quiet_and_disagreeing_one_warns():
    h = hitung_tabel(
        frame(
            realisasi=["87,5", "87.50", "88", "66,67"],
            pembilang=["14", "14", "14", "2"],
            penyebut=["16", "16", "16", "3"],
        )
    )
    assert [t.baris for t in h.temuan] == [4]
    t = h.temuan[0]
    assert (t.kode, t.tingkat, t.kolom) == ("realisasi-tidak-cocok-rasio", WARNING, "realisasi")
    assert "87,50" in t.pesan and "88" in t.pesan
    assert h.capaian.tolist()[:3] == [97.22, 97.22, 97.22]  # the parts win, with a warning
    assert "tidak sama" in h.keterangan.iloc[2]
    assert "tidak sama" not in h.keterangan.iloc[3]  # 66,67 is 2/3 as printed


@pytest.mark.parametrize(
    ("cols", "kolom", "fragment"),
    [
        ({"pembilang": ["14"], "penyebut": ["0"]}, "penyebut", "Penyebut 0"),
        ({"pembilang": ["14"], "penyebut": [""]}, "penyebut", "Penyebut kosong"),
        ({"pembilang": [""], "penyebut": ["16"]}, "pembilang", "Pembilang kosong"),
        ({"pembilang": ["empat"], "penyebut": ["16"]}, "pembilang", "bukan angka"),
        ({"pembilang": ["14"], "penyebut": ["-16"]}, "penyebut", "negatif"),
        ({"pembilang": ["14"], "penyebut": ["16"], "pengali": ["0"]}, "pengali", "lebih dari 0"),
        ({"penyebut": ["16"]}, "pembilang", "Pembilang kosong"),  # no pembilang column at all
    ],
)
def test_bad_parts_refuse_the_row_naming_the_column(cols, kolom, fragment):
    h = hitung_tabel(frame(realisasi=["87,5"], **cols))
    errors = [t for t in h.temuan if t.tingkat == ERROR]
    assert [(t.baris, t.kolom) for t in errors] == [(2, kolom)]
    assert fragment in errors[0].pesan
    assert pd.isna(h.capaian.iloc[0])  # never the given realisasi silently
    assert f"Kolom {kolom}" in h.keterangan.iloc[0]


def test_rows_without_parts_keep_their_realisasi():
    h = hitung_tabel(frame(realisasi=["87,5", ""], pembilang=["", ""], penyebut=["", ""]))
    assert h.capaian.iloc[0] == 97.22 and pd.isna(h.capaian.iloc[1])
    assert "belum diisi" in h.keterangan.iloc[1]
    assert h.temuan == []


def test_cli_prints_realisasi_rounded_and_warnings_exit_0(tmp_path: Path, capsys):
    src = tmp_path / "in.csv"
    src.write_text(
        "Indikator,Satuan,Polaritas,Target,Realisasi,Pembilang,Penyebut\n"
        "Nagari,%,positif,80,,2,3\n"
        "Lain,%,positif,90,88,14,16\n",
        "utf-8",
    )
    out = tmp_path / "out.csv"
    assert main(["hitung", str(src), "-o", str(out)]) == 0
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["realisasi_rasio"] for r in rows] == ["66.67", "87.50"]
    assert [r["capaian"] for r in rows] == ["83.33", "97.22"]
    assert rows[0]["Realisasi"] == ""  # the input cell untouched
    assert "baris 3, kolom realisasi: peringatan:" in capsys.readouterr().err
