"""Tests for kinerja.inti.angka, angka_baca, tanggal and nip: Indonesian numbers, percents, rupiah, dates, NIP, terbilang."""

from __future__ import annotations

import datetime as dt
import math
import subprocess
import sys
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja.inti import angka, angka_baca, nip, rentang, tanggal
from kinerja.inti.angka import format_angka, format_persen, format_rupiah, round_half_up, terbilang
from kinerja.inti.angka_baca import ParsedAngka, parse_angka, parse_angka_series
from kinerja.inti.errors import UsageError
from kinerja.inti.nip import format_nip, nip_problem_messages, nip_problems, normalize_nip
from kinerja.inti.rentang import parse_rentang, parse_rentang_series
from kinerja.inti.tanggal import (
    WIB,
    TanggalError,
    format_hari_tanggal,
    format_tanggal,
    format_waktu,
    hari_ini,
    parse_tanggal,
    parse_waktu,
)

# --------------------------------------------------------------------------------------------
# The module itself


@pytest.mark.parametrize("module", [angka, angka_baca, nip, rentang, tanggal])
def test_public_names_exist(module):
    missing = [name for name in module.__all__ if not hasattr(module, name)]
    assert missing == []


def test_core_module_does_not_load_adapters():
    code = (
        "import sys, kinerja.inti.angka, kinerja.inti.angka_baca, kinerja.inti.nip, "
        "kinerja.inti.rentang, kinerja.inti.tanggal\n"
        "bad = {'openpyxl', 'sqlite3', 'jinja2', 'weasyprint', 'matplotlib'}\n"
        "print(sorted(bad & {m.split('.')[0] for m in sys.modules}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


# --------------------------------------------------------------------------------------------
# Rounding and number output


@pytest.mark.parametrize(
    ("x", "places", "expected"),
    [
        (1.005, 2, "1.01"),  # binary 1.00499999... but the text a person sees is 1.005
        (2.675, 2, "2.68"),
        (-2.675, 2, "-2.68"),
        (0.125, 2, "0.13"),  # half-even would give 0.12
        (93.75, 1, "93.8"),
        (2.5, 0, "3"),
        (7, 2, "7.00"),
        (Decimal("1.2345"), 3, "1.235"),
        (np.float64(1.005), 2, "1.01"),
    ],
)
def test_round_half_up(x, places, expected):
    assert round_half_up(x, places) == Decimal(expected)
    assert str(round_half_up(x, places)) == expected


@pytest.mark.parametrize("x", [None, float("nan"), np.nan, pd.NA])
def test_round_half_up_missing_is_none(x):
    assert round_half_up(x) is None


def test_round_half_up_refuses_bool_and_infinity():
    with pytest.raises(TypeError):
        round_half_up(True)
    with pytest.raises(ValueError):
        round_half_up(float("inf"))


@settings(max_examples=300, deadline=None)
@given(
    coefficient=st.integers(min_value=-(10**15) + 1, max_value=10**15 - 1),
    exponent=st.integers(min_value=0, max_value=12),
    places=st.integers(min_value=0, max_value=4),
)
def test_round_half_up_matches_decimal_quantize_on_decimal_text(coefficient, exponent, places):
    """Invariant: for a decimal text of at most 15 significant digits, rounding the float
    read from it gives what Decimal(text).quantize(HALF_UP) gives."""
    text = str(Decimal(coefficient).scaleb(-exponent))
    expected = Decimal(text).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    assert round_half_up(float(text), places) == expected
    assert round_half_up(Decimal(text), places) == expected


@pytest.mark.parametrize(
    ("x", "desimal", "expected"),
    [
        (1234567.89, 2, "1.234.567,89"),
        (1234567.885, 2, "1.234.567,89"),  # Babel alone would round half-even to ,88
        (1234567.5, 0, "1.234.568"),
        (0.5, 2, "0,50"),
        (-1234.5, 1, "-1.234,5"),
        (-0.001, 2, "0,00"),  # no negative zero
        (1e20, 2, "100.000.000.000.000.000.000,00"),
        (None, 2, "-"),
        (float("nan"), 2, "-"),
    ],
)
def test_format_angka(x, desimal, expected):
    assert format_angka(x, desimal) == expected


def test_format_persen():
    assert format_persen(93.75) == "93,75%"
    assert format_persen(100) == "100,00%"
    assert format_persen(87.456, 1) == "87,5%"
    assert format_persen(None) == "-"


def test_format_rupiah():
    assert format_rupiah(5_294_655_000) == "Rp5.294.655.000,00"
    assert format_rupiah(-1000) == "-Rp1.000,00"
    assert format_rupiah(1_405_183_265_160) == "Rp1.405.183.265.160,00"
    assert format_rupiah(0.005) == "Rp0,01"
    assert format_rupiah(None) == "-"


finite_amounts = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False)


@settings(max_examples=300, deadline=None)
@given(x=finite_amounts, desimal=st.sampled_from([1, 2]))
def test_format_then_parse_round_trips(x, desimal):
    """Invariant: with 1 or 2 decimals, reading back a formatted number gives the rounded
    number, for plain numbers, percents and rupiah alike."""
    expected = float(round_half_up(x, desimal))
    for text in (format_angka(x, desimal), format_persen(x, desimal)):
        parsed = parse_angka(text)
        assert (parsed.status, parsed.value) == ("dibaca", expected), text
    parsed = parse_angka(format_rupiah(x))
    assert (parsed.status, parsed.value) == ("dibaca", float(round_half_up(x, 2)))


@settings(max_examples=300, deadline=None)
@given(x=finite_amounts)
def test_format_without_decimals_round_trips_or_is_ambiguous(x):
    """Invariant: without decimals "1.234" cannot be told from 1,234; it is refused as
    ambiguous exactly when 1.000 <= |rounded| < 1.000.000, otherwise read back exactly."""
    rounded = round_half_up(x, 0)
    parsed = parse_angka(format_angka(x, 0))
    if 1000 <= abs(rounded) < 1_000_000:
        assert parsed.status == "ambigu"
    else:
        assert parsed.status in ("ok", "dibaca")
        assert parsed.value == float(rounded)


# --------------------------------------------------------------------------------------------
# Dates and times


def test_format_tanggal():
    assert format_tanggal(dt.date(2025, 5, 15)) == "15 Mei 2025"
    assert format_tanggal(dt.date(2025, 5, 5)) == "5 Mei 2025"  # no leading zero
    assert format_tanggal("2025-08-17") == "17 Agustus 2025"
    assert format_tanggal(dt.datetime(2025, 12, 31, 23, 0)) == "31 Desember 2025"
    # 20:00 UTC on the 14th is already the 15th in Jakarta
    assert format_tanggal(dt.datetime(2025, 5, 14, 20, 0, tzinfo=dt.UTC)) == "15 Mei 2025"
    assert format_tanggal(None) == "-"


def test_format_hari_tanggal():
    assert format_hari_tanggal(dt.date(2025, 5, 20)) == "Selasa, 20 Mei 2025"
    assert format_hari_tanggal("2025-06-01") == "Minggu, 1 Juni 2025"


def test_format_waktu():
    assert format_waktu(dt.time(9, 0)) == "pukul 09.00 WIB"
    assert format_waktu(dt.datetime(2025, 5, 20, 13, 30)) == "pukul 13.30 WIB"
    assert format_waktu(dt.datetime(2025, 5, 20, 2, 0, tzinfo=dt.UTC)) == "pukul 09.00 WIB"
    assert format_waktu(dt.time(2, 0, tzinfo=dt.UTC)) == "pukul 09.00 WIB"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15 Mei 2025", dt.date(2025, 5, 15)),
        ("05 Mei 2025", dt.date(2025, 5, 5)),
        ("5 mei 2025", dt.date(2025, 5, 5)),
        ("2025-05-15", dt.date(2025, 5, 15)),
        ("15/05/2025", dt.date(2025, 5, 15)),
        ("15-05-2025", dt.date(2025, 5, 15)),
        ("17 AGUSTUS 1945", dt.date(1945, 8, 17)),
        ("17 Agu 1945", dt.date(1945, 8, 17)),
        ("17 Agt 1945", dt.date(1945, 8, 17)),
        ("10 Nopember 1945", dt.date(1945, 11, 10)),
        ("  1 Januari 2026 ", dt.date(2026, 1, 1)),
        ("Selasa, 20 Mei 2025", dt.date(2025, 5, 20)),
    ],
)
def test_parse_tanggal(text, expected):
    assert parse_tanggal(text) == expected


@pytest.mark.parametrize(
    "text", ["", "besok", "15 Mai 2025", "31 Februari 2025", "2025/05/15", "15-05/2025", "1 5 25"]
)
def test_parse_tanggal_refuses_in_indonesian(text):
    with pytest.raises(ValueError, match="Tanggal"):
        parse_tanggal(text)


@pytest.mark.parametrize("text", ["besok", "2025/05/15", "31 Februari 2025", "15 Mai 2025"])
def test_parse_tanggal_names_the_text_and_is_a_usage_error(text):
    with pytest.raises(ValueError, match=f'"{text}"') as exc:
        parse_tanggal(text)
    assert isinstance(exc.value, TanggalError) and isinstance(exc.value, UsageError)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-05-20T09:00", dt.datetime(2025, 5, 20, 9, 0, tzinfo=WIB)),
        ("2025-05-20 09:00", dt.datetime(2025, 5, 20, 9, 0, tzinfo=WIB)),
        ("2025-05-20T09:00:30", dt.datetime(2025, 5, 20, 9, 0, 30, tzinfo=WIB)),
        ("2025-05-20T02:00+00:00", dt.datetime(2025, 5, 20, 9, 0, tzinfo=WIB)),
        ("2025-05-20", dt.datetime(2025, 5, 20, 0, 0, tzinfo=WIB)),
        ("20 Mei 2025 09.00", dt.datetime(2025, 5, 20, 9, 0, tzinfo=WIB)),
        ("20 mei 2025 pukul 09.30 WIB", dt.datetime(2025, 5, 20, 9, 30, tzinfo=WIB)),
        ("Selasa, 20 Mei 2025 pukul 9.05", dt.datetime(2025, 5, 20, 9, 5, tzinfo=WIB)),
        ("20/05/2025 14:45", dt.datetime(2025, 5, 20, 14, 45, tzinfo=WIB)),
        # "HH.MM" after an ISO date is a time, not an hour with a decimal fraction
        ("2026-01-06 09.30", dt.datetime(2026, 1, 6, 9, 30, tzinfo=WIB)),
        ("2026-01-06 9.05 WIB", dt.datetime(2026, 1, 6, 9, 5, tzinfo=WIB)),
        ("5 mei 2025", dt.datetime(2025, 5, 5, 0, 0, tzinfo=WIB)),
    ],
)
def test_parse_waktu(text, expected):
    value = parse_waktu(text)
    assert value == expected
    assert value.tzinfo is not None


def test_parse_waktu_keeps_an_aware_datetime_and_reads_what_we_print():
    when = dt.datetime(2025, 5, 20, 9, 0, tzinfo=dt.UTC)
    assert parse_waktu(when) is when
    local = dt.datetime(2026, 1, 12, 9, 30, tzinfo=WIB)
    assert parse_waktu(f"{format_hari_tanggal(local)} {format_waktu(local)}") == local


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("", 'Waktu ""'),
        ("kemarin", 'Waktu "kemarin"'),
        ("20 Mei 2025 25.00", 'Waktu "20 Mei 2025 25.00"'),
        ("31 Februari 2025 09.00", 'Tanggal "31 Februari 2025"'),
    ],
)
def test_parse_waktu_refuses_in_indonesian(text, named):
    with pytest.raises(TanggalError, match=named):
        parse_waktu(text)


def test_hari_ini_is_today_in_wib():
    before = dt.datetime.now(WIB).date()
    today = hari_ini()
    assert today in {before, dt.datetime.now(WIB).date()}


@settings(max_examples=200, deadline=None)
@given(d=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_dates_round_trip(d):
    """Invariant: every date we print reads back as the same date."""
    assert parse_tanggal(format_tanggal(d)) == d
    assert parse_tanggal(format_hari_tanggal(d)) == d
    assert parse_tanggal(d.isoformat()) == d
    assert parse_tanggal(d.strftime("%d/%m/%Y")) == d


# --------------------------------------------------------------------------------------------
# Lenient numbers


@pytest.mark.parametrize(
    ("value", "expected_value", "status"),
    [
        (87.5, 87.5, "ok"),
        (120, 120.0, "ok"),
        (np.int64(7), 7.0, "ok"),
        (Decimal("2.5"), 2.5, "ok"),
        ("120", 120.0, "ok"),
        ("-5", -5.0, "ok"),
        ("85,5", 85.5, "dibaca"),
        ("85.5", 85.5, "dibaca"),
        ("85,5%", 85.5, "dibaca"),
        ("85,5 %", 85.5, "dibaca"),
        (" 85 ", 85.0, "dibaca"),
        ("1.234,5", 1234.5, "dibaca"),
        ("1.234.567", 1234567.0, "dibaca"),
        ("1,234,567.5", 1234567.5, "dibaca"),
        ("Rp1.405.183.265.160,00", 1405183265160.0, "dibaca"),
        ("Rp 1.500", 1500.0, "dibaca"),  # with Rp the dot can only group thousands
        ("-Rp1.000,00", -1000.0, "dibaca"),
        ("0,125", 0.125, "dibaca"),  # an integer part of 0 is never grouped
        ("1234.567", 1234.567, "dibaca"),
        (None, None, "kosong"),
        (float("nan"), None, "kosong"),
        (pd.NA, None, "kosong"),
        ("", None, "kosong"),
        ("   ", None, "kosong"),
        ("-", None, "kosong"),
        ("n/a", None, "kosong"),
        ("N/A", None, "kosong"),
        ("1.234", None, "ambigu"),
        ("1,234", None, "ambigu"),
        ("-12.500", None, "ambigu"),
        ("delapan puluh", None, "salah"),
        ("12a", None, "salah"),
        ("(5)", None, "salah"),
        ("1.23.4", None, "salah"),
        ("85,", None, "salah"),
        ("Rp85%", None, "salah"),
        (True, None, "salah"),
        (np.bool_(False), None, "salah"),
        (dt.date(2025, 5, 15), None, "salah"),
        (dt.datetime(2025, 5, 15, 9), None, "salah"),
        (float("inf"), None, "salah"),
        ("9" * 400, None, "salah"),
    ],
)
def test_parse_angka(value, expected_value, status):
    parsed = parse_angka(value)
    assert isinstance(parsed, ParsedAngka)
    assert (parsed.value, parsed.status) == (expected_value, status)
    assert (parsed.catatan == "") == (status == "ok")


def test_parse_angka_catatan_say_what_happened():
    assert parse_angka("85,5%").catatan == 'teks "85,5%" dibaca sebagai 85,5'
    assert parse_angka("1.234,5").catatan == 'teks "1.234,5" dibaca sebagai 1234,5'
    ambigu = parse_angka("1.234").catatan
    assert "1234" in ambigu
    assert "1,234" in ambigu
    assert "ribuan" in ambigu
    assert "desimal" in ambigu
    assert parse_angka("delapan puluh").catatan == (
        'teks "delapan puluh" bukan angka. Isi dengan angka, misalnya 87,5.'
    )
    assert parse_angka(True).catatan.endswith("Isi dengan angka, misalnya 87,5.")


def test_parsed_angka_is_frozen():
    parsed = parse_angka("85")
    with pytest.raises(AttributeError):
        parsed.value = 1.0


def test_parse_angka_series_examples_keep_index_and_types():
    values = ["85.5", "120", "85,5%", "1.234", None, "delapan puluh", 7, True]
    s = pd.Series(values, index=[10, 11, 12, 13, 14, 15, 16, 10], dtype=object)
    df = parse_angka_series(s)
    assert list(df.columns) == ["nilai", "status", "catatan"]
    assert df.index.equals(s.index)
    assert df["nilai"].dtype == np.float64
    assert df["status"].tolist() == [
        "dibaca", "ok", "dibaca", "ambigu", "kosong", "salah", "ok", "salah",
    ]  # fmt: skip
    assert df["nilai"].iloc[:3].tolist() == [85.5, 120.0, 85.5]
    assert df["nilai"].iloc[3:6].isna().all()


@pytest.mark.parametrize(
    ("s", "status"),
    [
        (pd.Series([1.5, np.nan, np.inf]), ["ok", "kosong", "salah"]),
        (pd.Series([1, 2], dtype="Int64"), ["ok", "ok"]),
        (pd.Series([True, False]), ["salah", "salah"]),
        (pd.Series(pd.to_datetime(["2025-05-15", None])), ["salah", "kosong"]),
        (pd.Series(["85", None, "x"]), ["ok", "kosong", "salah"]),
        (pd.Series([], dtype=object), []),
        (pd.Series([None, np.nan], dtype=object), ["kosong", "kosong"]),
    ],
)
def test_parse_angka_series_by_dtype(s, status):
    assert parse_angka_series(s)["status"].tolist() == status


def _same(parsed: ParsedAngka, row: tuple) -> bool:
    nilai, status, catatan = row
    value_same = (parsed.value is None and math.isnan(nilai)) or parsed.value == nilai
    return value_same and parsed.status == status and parsed.catatan == catatan


number_text = st.text(alphabet=st.sampled_from(list("0123456789.,-% R p\x00a٣")), max_size=12)
cell_values = st.one_of(
    number_text,
    st.sampled_from(["85.5", "120", "1.234", "Rp1.500", "n/a", " 85 ", "1.234.567,89"]),
    st.text(max_size=8),
    st.floats(),
    st.integers(min_value=-(10**18), max_value=10**18),
    st.none(),
    st.booleans(),
    st.dates(),
)


@settings(max_examples=300, deadline=None)
@given(values=st.lists(cell_values, max_size=30))
def test_parse_angka_series_equals_parse_angka(values):
    """Invariant: the vectorized parser says exactly what the scalar parser says, row by
    row, whatever the mix of values."""
    df = parse_angka_series(pd.Series(values, dtype=object))
    for value, row in zip(values, df.itertuples(index=False), strict=True):
        assert _same(parse_angka(value), row), value


@settings(max_examples=200, deadline=None)
@given(values=st.lists(st.one_of(number_text, st.none()), min_size=1, max_size=30))
def test_parse_angka_series_equals_parse_angka_on_str_dtype(values):
    """Same invariant for pandas' own string dtype (repeated texts are parsed once)."""
    s = pd.Series(values + values)
    df = parse_angka_series(s)
    for value, row in zip(values + values, df.itertuples(index=False), strict=True):
        assert _same(parse_angka(value), row), value


# --------------------------------------------------------------------------------------------
# Ranges


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("80 - 90", (80.0, 90.0)),
        ("80 – 90", (80.0, 90.0)),
        ("80—90", (80.0, 90.0)),
        ("7 – 8 bulan", (7.0, 8.0)),
        ("80% - 90%", (80.0, 90.0)),
        ("80,5 - 90", (80.5, 90.0)),
        ("80 s.d. 90", (80.0, 90.0)),
        ("80 s/d 90", (80.0, 90.0)),
        ("85 - 85", (85.0, 85.0)),
        ("85", None),
        ("delapan - sembilan", None),
        ("", None),
        (None, None),
        (85.0, None),
    ],
)
def test_parse_rentang(text, expected):
    assert parse_rentang(text) == expected


@pytest.mark.parametrize("text", ["90 - 80", "1.000 - 2.000"])
def test_parse_rentang_refuses_unusable_ranges_in_indonesian(text):
    with pytest.raises(ValueError, match="Rentang"):
        parse_rentang(text)


def test_parse_rentang_series():
    s = pd.Series(["80 - 90", None, 5, "90 - 80", "x", "7 – 8 bulan"], index=[3, 3, 1, 2, 0, 9])
    df = parse_rentang_series(s)
    assert df.index.equals(s.index)
    assert df["lo"].tolist()[0] == 80.0
    assert df["hi"].tolist()[0] == 90.0
    assert df.iloc[1:5].isna().all().all()
    assert df.iloc[5].tolist() == [7.0, 8.0]
    assert parse_rentang_series(pd.Series([1.0, 2.0]))[["lo", "hi"]].isna().all().all()


# --------------------------------------------------------------------------------------------
# NIP


def test_normalize_nip():
    assert normalize_nip("NIP. 19610226 201001 2 009") == "196102262010012009"
    assert normalize_nip("nip: 19610226.201001.2.009") == "196102262010012009"
    assert normalize_nip(196102262010012009) == "196102262010012009"


def test_valid_nip():
    assert nip_problems("19610226 201001 2 009") == []
    assert format_nip("19610226 201001 2 009") == "NIP. 19610226 201001 2 009"
    assert format_nip("196102262010012009") == "NIP. 19610226 201001 2 009"


def test_nip_from_the_faulty_sop_has_19_digits():
    assert nip_problems("195601026201001 2 009") == ["nip-panjang-salah"]
    assert "19 angka" in nip_problem_messages("195601026201001 2 009")[0]
    with pytest.raises(ValueError, match="18 angka"):
        format_nip("195601026201001 2 009")


@pytest.mark.parametrize(
    ("nip", "code"),
    [
        ("19610226 201001 2 00", "nip-panjang-salah"),
        ("1961022A 201001 2 009", "nip-panjang-salah"),
        ("", "nip-panjang-salah"),
        ("19611326 201001 2 009", "nip-tanggal-lahir-salah"),  # month 13
        ("19610230 201001 2 009", "nip-tanggal-lahir-salah"),  # 30 February
        ("18610226 201001 2 009", "nip-tanggal-lahir-salah"),  # before 1900
        ("19610226 201013 2 009", "nip-tmt-salah"),  # month 13
        ("19610226 201000 2 009", "nip-tmt-salah"),  # month 0
        ("19610226 197801 2 009", "nip-tmt-salah"),  # CPNS at 17
        ("19610226 201001 3 009", "nip-jenis-kelamin-salah"),
        ("19610226 201001 0 009", "nip-jenis-kelamin-salah"),
    ],
)
def test_each_nip_fault_has_its_code(nip, code):
    assert nip_problems(nip) == [code]
    assert len(nip_problem_messages(nip)) == 1
    with pytest.raises(ValueError, match="NIP"):
        format_nip(nip)


def test_nip_faults_are_all_reported():
    assert nip_problems("19611326 201013 3 009") == [
        "nip-tanggal-lahir-salah",
        "nip-tmt-salah",
        "nip-jenis-kelamin-salah",
    ]


# --------------------------------------------------------------------------------------------
# Terbilang


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "nol"),
        (1, "satu"),
        (10, "sepuluh"),
        (11, "sebelas"),
        (12, "dua belas"),
        (19, "sembilan belas"),
        (20, "dua puluh"),
        (25, "dua puluh lima"),
        (100, "seratus"),
        (101, "seratus satu"),
        (111, "seratus sebelas"),
        (200, "dua ratus"),
        (1000, "seribu"),
        (1001, "seribu satu"),
        (1100, "seribu seratus"),
        (2000, "dua ribu"),
        (11_000, "sebelas ribu"),
        (100_000, "seratus ribu"),
        (101_000, "seratus satu ribu"),
        (
            999_999,
            "sembilan ratus sembilan puluh sembilan ribu sembilan ratus sembilan puluh sembilan",
        ),
        (1_000_000, "satu juta"),
        (1_500_000, "satu juta lima ratus ribu"),
        (2_000_000_000, "dua miliar"),
        (-5, "minus lima"),
    ],
)
def test_terbilang(n, words):
    assert terbilang(n) == words


@settings(max_examples=300, deadline=None)
@given(n=st.integers(min_value=1, max_value=10**12))
def test_terbilang_is_tidy(n):
    """Invariant: words are lowercase, single-spaced, never "satu ratus"/"satu ribu" and
    never "nol" inside a number."""
    words = terbilang(n)
    assert words == " ".join(words.split())
    assert words == words.lower()
    assert "satu ratus" not in words
    assert not words.startswith("satu ribu")
    assert "nol" not in words


@pytest.mark.parametrize("bad", [True, 1.5, "5"])
def test_terbilang_takes_only_ints(bad):
    with pytest.raises(TypeError):
        terbilang(bad)
