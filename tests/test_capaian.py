"""Capaian formulas (domain.md §1): examples, regulation cases, and stated invariants."""

from __future__ import annotations

import subprocess
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja.inti.capaian import capaian_numeric, resolve_target, round_half_up_array
from kinerja.inti.predikat import load_skala_ordinal, load_skala_predikat
from kinerja.inti.tabel import hitung_tabel

CASES = Path(__file__).parent / "data" / "permenpanrb_contoh_capaian.csv"


def one(polaritas, target, realisasi, rumus="2T-R"):
    """Capaian of one row through the table path (parsing included)."""
    frame = pd.DataFrame(
        {
            "indikator": ["x"],
            "satuan": ["%"],
            "polaritas": [polaritas],
            "target": [target],
            "realisasi": [realisasi],
            "rumus_negatif": [rumus],
        }
    )
    hasil = hitung_tabel(frame)
    value = hasil.capaian.iloc[0]
    return None if np.isnan(value) else float(value), hasil


@pytest.mark.parametrize(
    ("polaritas", "target", "realisasi", "rumus", "expected"),
    [
        ("positif", "80", "60", "2T-R", 75.0),
        ("positif", "80", "100", "2T-R", 125.0),  # no cap on published capaian
        ("negatif", "10", "8", "2T-R", 120.0),
        ("negatif", "10", "8", "T/R", 125.0),  # the two negative formulas disagree
        ("negatif", "10", "25", "2T-R", 0.0),  # floored at 0
        ("negatif", "10", "0", "T/R", 100.0),  # T/R with R = 0
        ("negatif", "0", "0", "2T-R", 100.0),  # target 0, negative
        ("negatif", "0", "3", "2T-R", 0.0),
        ("positif", "80 – 90", "85", "2T-R", 100.0),  # inside the range
        ("positif", "80 - 90", "70", "2T-R", 87.5),
        ("negatif", "7 – 8", "6,5", "2T-R", 107.14),
        ("negatif", "7 – 8", "9", "2T-R", 87.5),
        ("positif", "80", "0", "2T-R", 0.0),  # 0 is a real value
        ("positif", "93,75%", "93,75%", "2T-R", 100.0),
    ],
)
def test_formula_examples(polaritas, target, realisasi, rumus, expected):
    value, _ = one(polaritas, target, realisasi, rumus)
    assert value == pytest.approx(expected)


def test_missing_realisasi_is_not_zero():
    value, hasil = one("positif", "80", "")
    assert value is None
    assert "belum diisi" in hasil.keterangan.iloc[0]
    assert hasil.predikat.iloc[0] is None
    assert not hasil.temuan  # explained, not invalid


def test_target_zero_positive_cannot_be_computed():
    value, hasil = one("positif", "0", "5")
    assert value is None
    assert "Target 0" in hasil.keterangan.iloc[0]


def test_qualitative_with_ordinal_scale():
    akip = load_skala_ordinal("akip")
    target = resolve_target(
        pd.Series(["BB"]), pd.Series(["kualitatif"]), pd.Series(["akip"]), {"akip": akip}
    )
    assert target.lo.iloc[0] == 5.0
    frame = pd.DataFrame(
        {
            "indikator": ["a", "b"],
            "satuan": ["predikat"] * 2,
            "polaritas": ["positif"] * 2,
            "target": ["BB", "BB"],
            "realisasi": ["A", "B"],
            "skala": ["akip", "akip"],
        }
    )
    hasil = hitung_tabel(frame)
    assert list(hasil.capaian) == [120.0, 80.0]  # A=6 / BB=5, B=4 / BB=5


def test_qualitative_without_scale_is_equality():
    frame = pd.DataFrame(
        {
            "indikator": ["a", "b"],
            "satuan": ["-"] * 2,
            "polaritas": ["positif"] * 2,
            "target": ["WTP", "Ada"],
            "realisasi": ["wtp", "Tidak Ada"],
            "jenis_target": ["kualitatif", "kualitatif"],
        }
    )
    hasil = hitung_tabel(frame)
    assert list(hasil.capaian) == [100.0, 0.0]


def test_regulation_worked_examples():
    cases = pd.read_csv(CASES, dtype=str)
    hasil = hitung_tabel(cases.rename(columns=str.casefold))
    expected = cases["capaian_rumus"].str.replace(",", ".").astype(float)
    assert list(hasil.capaian) == list(expected)
    # the misprinted first row (113 %) returns the rule's value
    assert hasil.capaian.iloc[0] == 102.22
    assert cases["capaian_terbit"].iloc[0] == "113"


def test_shared_cases_unchanged_copy():
    shared = Path(__file__).resolve().parents[2] / "shared" / "cases" / CASES.name
    if not shared.exists():
        pytest.skip("shared/cases is not beside this checkout")
    assert shared.read_bytes() == CASES.read_bytes()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1.005, 1.01),
        (2.675, 2.68),
        (91.125, 91.13),
        (0.125, 0.13),
        (-1.005, -1.01),
        (90.994999, 90.99),
    ],
)
def test_round_half_up(value, expected):
    assert round_half_up_array(np.array([value]))[0] == expected


decimals = st.decimals(min_value=-(10**6), max_value=10**6, places=3, allow_nan=False)


@given(decimals)
def test_round_half_up_matches_decimal(d):
    expected = float(d.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
    assert round_half_up_array(np.array([float(d)]))[0] == expected


positive = st.floats(min_value=0.01, max_value=1e6, allow_nan=False, allow_infinity=False)
polarity = st.sampled_from([("positif", "2T-R"), ("negatif", "2T-R"), ("negatif", "T/R")])


@given(t=positive, pol=polarity)
def test_realisasi_equal_target_gives_100(t, pol):
    cap, _ = capaian_numeric([pol[0]], [t], [t], [t], [pol[1]])
    assert cap[0] == pytest.approx(100.0)


@given(t=positive, r=positive, k=st.floats(min_value=0.01, max_value=100), pol=polarity)
def test_scaling_both_leaves_capaian_unchanged(t, r, k, pol):
    a, _ = capaian_numeric([pol[0]], [t], [t], [r], [pol[1]])
    b, _ = capaian_numeric([pol[0]], [t * k], [t * k], [r * k], [pol[1]])
    assert a[0] == pytest.approx(b[0], rel=1e-9, abs=1e-9)


@given(t=positive, r1=positive, r2=positive, pol=polarity)
def test_capaian_moves_with_realisasi_in_polarity_direction(t, r1, r2, pol):
    lo, hi = sorted([r1, r2])
    a, _ = capaian_numeric([pol[0]] * 2, [t, t], [t, t], [lo, hi], [pol[1]] * 2)
    if pol[0] == "positif":
        assert a[1] >= a[0]
    else:
        assert a[1] <= a[0]


@given(lo=positive, width=positive, r=positive, pol=polarity)
def test_range_target_is_100_inside_and_never_above_100_below(lo, width, r, pol):
    hi = lo + width
    cap, _ = capaian_numeric([pol[0]], [lo], [hi], [r], [pol[1]])
    if lo <= r <= hi:
        assert cap[0] == 100.0
    elif (r < lo and pol[0] == "positif") or (r > hi and pol[0] == "negatif"):
        assert cap[0] <= 100.0 + 1e-9


skala = load_skala_predikat()
ORDER = list(reversed(skala.label))  # best first


@given(
    st.floats(min_value=-50, max_value=500, allow_nan=False), st.floats(min_value=0, max_value=50)
)
def test_predikat_never_falls_as_capaian_rises(x, dx):
    a = skala.predikat(float(round_half_up_array(np.array([x]))[0]))
    b = skala.predikat(float(round_half_up_array(np.array([x + dx]))[0]))
    assert ORDER.index(b) <= ORDER.index(a)


@settings(max_examples=300)
@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False))
def test_predikat_bands_cover_every_value(x):
    assert skala.predikat(x) in skala.label


@pytest.mark.parametrize(
    ("value", "label"),
    [
        (91.0, "Sangat Tinggi"),
        (90.99, "Tinggi"),
        (130.0, "Sangat Tinggi"),
        (76.0, "Tinggi"),
        (75.99, "Sedang"),
        (66.0, "Sedang"),
        (51.0, "Rendah"),
        (50.99, "Sangat Rendah"),
    ],
)
def test_predikat_bounds_permendagri_86(value, label):
    assert skala.predikat(value) == label


def test_predikat_from_displayed_value():
    # 90.995 displays as 91,00 and must be "Sangat Tinggi", never "91,00 % Tinggi"
    value, hasil = one("positif", "100", "90,9950")
    assert value == 91.0
    assert hasil.predikat.iloc[0] == "Sangat Tinggi"


@pytest.mark.parametrize(
    ("kode", "value", "label"),
    [
        ("akip-permenpanrb-88-2021", 90.0, "A"),
        ("akip-permenpanrb-88-2021", 90.01, "AA"),
        ("akip-permenpanrb-88-2021", 30.0, "D"),
        ("ikm-permenpanrb-14-2017", 88.31, "A"),
        ("ikm-permenpanrb-14-2017", 65.0, "C"),
        ("empat-tingkat", 100.0, "Sangat Baik"),
    ],
)
def test_other_scales(kode, value, label):
    assert load_skala_predikat(kode).predikat(value) == label


def test_akip_grade_is_only_for_evaluation_scores():
    assert load_skala_predikat("akip-permenpanrb-88-2021").hanya_nilai_evaluasi
    assert not load_skala_predikat().hanya_nilai_evaluasi


def test_core_imports_no_io_library():
    code = (
        "import sys\n"
        "import kinerja.inti.capaian, kinerja.inti.pengukuran, kinerja.inti.angka_baca, kinerja.inti.model\n"
        "import kinerja.inti.predikat, kinerja.inti.tabel, kinerja.inti.errors, kinerja.inti.tampilan\n"
        "bad = {'openpyxl', 'sqlite3', 'jinja2', 'weasyprint', 'matplotlib', 'python_calamine'}\n"
        "print(sorted(bad & set(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False))
def test_display_rounding_agrees_with_engine_rounding(x):
    from kinerja.inti.angka import round_half_up

    assert float(round_half_up(x)) == round_half_up_array(np.array([x]))[0]


def test_mean_with_binary_noise_displays_as_decimal():
    from kinerja.inti.angka import format_angka

    assert format_angka((2.8 + 3.4 + 2.5 + 2.2) / 4) == "2,73"  # 2,725 half-up
