"""An office's own predikat scale: the parser, its boundaries, kantor.toml and the CLI."""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja.cli import main
from kinerja.dokumen.susun import load_dokumen_data, render_html
from kinerja.inti.errors import InputError
from kinerja.inti.predikat import load_skala_predikat, skala_predikat_dari
from kinerja.inti.tabel import hitung_tabel
from kinerja.kantor.katalog import (
    load_kantor,
    predikat_anggaran_kantor,
    predikat_skala_kantor,
)

TIGA = {  # 90/80/50 "Sangat Baik / Baik / Cukup Baik / Kurang"
    "nama": "Skala predikat Kabupaten Contoh",
    "sumber": "Peraturan Bupati Contoh Nomor 1 Tahun 2024",
    "tingkat": [
        {"label": "Sangat Baik", "min": 90},
        {"label": "Baik", "min": 80},
        {"label": "Cukup Baik", "min": 50},
        {"label": "Kurang"},
    ],
}
ENAM_KETAT = {  # six levels with strict lower bounds ("> 85 Memuaskan")
    "nama": "Skala enam tingkat",
    "sumber": "Pedoman Provinsi Contoh",
    "tingkat": [
        {"label": "Istimewa", "min": 100, "min_termasuk": False},
        {"label": "Memuaskan", "min": 85, "min_termasuk": False},
        {"label": "Baik", "min": 70, "min_termasuk": False},
        {"label": "Cukup", "min": 55, "min_termasuk": False},
        {"label": "Kurang", "min": 40},
        {"label": "Sangat Kurang"},
    ],
}


def parse(data: dict):
    return skala_predikat_dari(data, asal='Berkas "skala.toml"')


@pytest.mark.parametrize(
    ("value", "label"),
    [
        (130.0, "Sangat Baik"),
        (90.0, "Sangat Baik"),
        (89.99, "Baik"),
        (80.0, "Baik"),
        (79.99, "Cukup Baik"),
        (50.0, "Cukup Baik"),
        (49.99, "Kurang"),
        (0.0, "Kurang"),
    ],
)
def test_inclusive_bounds(value, label):
    assert parse(TIGA).predikat(value) == label


@pytest.mark.parametrize(
    ("value", "label"),
    [
        (100.01, "Istimewa"),
        (100.0, "Memuaskan"),
        (85.01, "Memuaskan"),
        (85.0, "Baik"),  # strict: "> 85"
        (55.0, "Kurang"),
        (40.0, "Kurang"),  # the last bound is inclusive
        (39.99, "Sangat Kurang"),
    ],
)
def test_strict_bounds(value, label):
    assert parse(ENAM_KETAT).predikat(value) == label


def test_rows_printed_from_the_highest_down_with_their_signs():
    assert parse(TIGA).rows() == [
        ("≥ 90", "Sangat Baik"),
        ("≥ 80", "Baik"),
        ("≥ 50", "Cukup Baik"),
        ("< 50", "Kurang"),
    ]
    rows = parse(ENAM_KETAT).rows()
    assert rows[:2] == [("> 100", "Istimewa"), ("> 85", "Memuaskan")]
    assert rows[-2:] == [("≥ 40", "Kurang"), ("< 40", "Sangat Kurang")]
    strict_last = dict(
        TIGA,
        tingkat=[
            *TIGA["tingkat"][:2],
            {"label": "Cukup", "min": 50, "min_termasuk": False},
            {"label": "K"},
        ],
    )
    assert parse(strict_last).rows()[-1] == ("≤ 50", "K")


def test_shipped_scales_print_as_before():
    assert load_skala_predikat().rows() == [
        ("≥ 91", "Sangat Tinggi"),
        ("≥ 76", "Tinggi"),
        ("≥ 66", "Sedang"),
        ("≥ 51", "Rendah"),
        ("< 51", "Sangat Rendah"),
    ]
    akip = load_skala_predikat("akip-permenpanrb-88-2021")
    assert akip.rows()[0] == ("> 90", "AA") and akip.rows()[-1] == ("≤ 30", "D")


def _one(skala, realisasi: str) -> tuple[float, str]:
    frame = pd.DataFrame(
        {
            "indikator": ["X"],
            "satuan": ["%"],
            "polaritas": ["positif"],
            "target": ["100"],
            "realisasi": [realisasi],
        }
    )
    h = hitung_tabel(frame, skala=skala)
    return float(h.capaian.iloc[0]), h.predikat.iloc[0]


@pytest.mark.parametrize(
    ("realisasi", "capaian", "inclusive", "strict"),
    [
        ("89,9950", 90.0, "Sangat Baik", "Baik"),  # x,xx5 rounds up onto the bound
        ("89,9949", 89.99, "Baik", "Baik"),
        ("90,0050", 90.01, "Sangat Baik", "Sangat Baik"),  # above a strict bound once rounded
        ("90,0049", 90.0, "Sangat Baik", "Baik"),
    ],
)
def test_predikat_from_the_rounded_capaian_at_the_bound(realisasi, capaian, inclusive, strict):
    ketat = dict(TIGA, tingkat=[dict(TIGA["tingkat"][0], min_termasuk=False), *TIGA["tingkat"][1:]])
    assert _one(parse(TIGA), realisasi) == (capaian, inclusive)
    assert _one(parse(ketat), realisasi) == (capaian, strict)


@st.composite
def scales(draw):
    n = draw(st.integers(min_value=1, max_value=7))
    mins = sorted(
        draw(st.lists(st.integers(-50, 300), min_size=n, max_size=n, unique=True)), reverse=True
    )
    inc = draw(st.lists(st.booleans(), min_size=n, max_size=n))
    tingkat = [
        {"label": f"L{i}", "min": m, "min_termasuk": t}
        for i, (m, t) in enumerate(zip(mins, inc, strict=True))
    ]
    return {"nama": "S", "sumber": "T", "tingkat": [*tingkat, {"label": f"L{n}"}]}


@given(scales(), st.lists(st.floats(-100, 400, allow_nan=False), min_size=1, max_size=20))
def test_any_valid_scale_is_monotone_and_matches_its_rows(data, values):
    skala = parse(data)
    order = [t["label"] for t in data["tingkat"]]  # best first
    got = skala.predikat(pd.Series(sorted(values)))
    ranks = [order.index(x) for x in got]
    assert ranks == sorted(ranks, reverse=True)  # never falls as capaian rises
    for v, lab in zip(sorted(values), got, strict=True):  # same as the bounds read one by one
        expected = next(
            (
                t["label"]
                for t in data["tingkat"][:-1]
                if (v >= t["min"] if t["min_termasuk"] else v > t["min"])
            ),
            order[-1],
        )
        assert lab == expected


def test_missing_capaian_has_no_predikat():
    got = parse(TIGA).predikat(pd.Series([np.nan, 95.0]))
    assert got.iloc[0] is None and got.iloc[1] == "Sangat Baik"


def _with(tingkat=None, **top):
    data = {**TIGA, **top}
    if tingkat is not None:
        data["tingkat"] = tingkat
    return {k: v for k, v in data.items() if v is not None}


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (_with(nama=None), "nama wajib berisi teks"),
        (_with(sumber="  "), "sumber wajib berisi teks"),
        (_with(skala_lain=1), "skala_lain tidak dikenal"),
        (_with(tingkat=[{"label": "Semua"}]), "paling sedikit dua [[tingkat]]"),
        (
            _with(tingkat=[{"label": "A", "min": 80}, {"label": "B", "min": 90}, {"label": "C"}]),
            '[[tingkat]] ke-2 (label "B"): min = 90 harus lebih kecil dari min tingkat di atasnya (80)',
        ),
        (
            _with(tingkat=[{"label": "A", "min": 80}, {"label": "B", "min": 80}, {"label": "C"}]),
            'ke-2 (label "B"): min = 80 harus lebih kecil',
        ),
        (
            _with(tingkat=[{"label": "Baik", "min": 80}, {"label": "baik"}]),
            'label "baik" sudah dipakai',
        ),
        (_with(tingkat=[{"label": "A", "min": 80}, {"label": "B", "min": 0}]), "tingkat terakhir"),
        (_with(tingkat=[{"label": "A", "min": "90"}, {"label": "B"}]), "min wajib berisi angka"),
        (_with(tingkat=[{"label": "A", "min": True}, {"label": "B"}]), "min wajib berisi angka"),
        (_with(tingkat=[{"label": "A"}, {"label": "B"}]), 'ke-1 (label "A"): kunci min wajib'),
        (
            _with(tingkat=[{"label": "A", "min": 9, "min_termasuk": "ya"}, {"label": "B"}]),
            "min_termasuk harus true atau false",
        ),
        (
            _with(tingkat=[{"label": "A", "min": 9, "minimum": 3}, {"label": "B"}]),
            "kunci minimum tidak dikenal",
        ),
        (_with(tingkat=[{"min": 9}, {"label": "B"}]), "[[tingkat]] ke-1: kunci label wajib"),
    ],
)
def test_invalid_scales_are_refused_naming_the_key(data, fragment):
    with pytest.raises(InputError) as exc:
        parse(data)
    assert str(exc.value).startswith('Berkas "skala.toml": ')
    assert fragment in str(exc.value)


# ---- kantor.toml -----------------------------------------------------------------------

OWN_TOML = """
[predikat]
nama = "Skala predikat Kabupaten Contoh"
sumber = "Peraturan Bupati Contoh Nomor 1 Tahun 2024"

[[predikat.tingkat]]
label = "Sangat Baik"
min = 90

[[predikat.tingkat]]
label = "Baik"
min = 80
min_termasuk = false

[[predikat.tingkat]]
label = "Kurang"

[predikat.anggaran]
nama = "Predikat penyerapan anggaran"
sumber = "Surat Edaran Sekda Contoh"

[[predikat.anggaran.tingkat]]
label = "Serapan Tinggi"
min = 95

[[predikat.anggaran.tingkat]]
label = "Serapan Rendah"
"""


def _set_predikat(kantor_dir: Path, table: str) -> None:
    toml = kantor_dir / "kantor.toml"
    text = toml.read_text("utf-8")
    text = text.replace('[predikat]\nskala = "permendagri-86-2017"\n', "")
    toml.write_text(text + table, "utf-8")


def test_kantor_own_scale_and_budget_scale(kantor_dir: Path):
    _set_predikat(kantor_dir, OWN_TOML)
    k = load_kantor(kantor_dir)
    skala = predikat_skala_kantor(k)
    assert skala.nama == "Skala predikat Kabupaten Contoh"
    assert skala.predikat(80.0) == "Kurang" and skala.predikat(80.01) == "Baik"
    anggaran = predikat_anggaran_kantor(k)
    assert anggaran is not None and anggaran.predikat(96.26) == "Serapan Tinggi"


def test_kantor_shipped_scale_by_code_still_works(kantor_dir: Path):
    _set_predikat(kantor_dir, '[predikat]\nskala = "baik-5"\n')
    k = load_kantor(kantor_dir)
    assert predikat_skala_kantor(k).predikat(91.0) == "Sangat Baik"
    assert predikat_anggaran_kantor(k) is None


@pytest.mark.parametrize(
    ("table", "fragment"),
    [
        (
            '[predikat]\nskala = "baik-5"\nnama = "X"\n',
            "memuat skala = 'baik-5' sekaligus nama",
        ),
        ('[predikat]\nskala = "tidak-ada"\n', 'Skala predikat "tidak-ada" tidak dikenal'),
        (
            OWN_TOML.replace("min = 80\n", "min = 95\n"),
            '[[predikat.tingkat]] ke-2 (label "Baik"): min = 95 harus lebih kecil',
        ),
        (
            OWN_TOML.replace('label = "Serapan Rendah"', 'label = "Serapan Rendah"\nmin = 1'),
            '[[predikat.anggaran.tingkat]] ke-2 (label "Serapan Rendah"): tingkat terakhir',
        ),
    ],
)
def test_kantor_scale_errors_name_file_and_key(kantor_dir: Path, table: str, fragment: str):
    _set_predikat(kantor_dir, table)
    k = load_kantor(kantor_dir)
    with pytest.raises(InputError) as exc:
        predikat_skala_kantor(k)
        predikat_anggaran_kantor(k)
    assert "kantor.toml" in str(exc.value) and fragment in str(exc.value)


def test_document_prints_both_scales_with_their_source(kantor_dir: Path):
    _set_predikat(kantor_dir, OWN_TOML)
    data = load_dokumen_data(load_kantor(kantor_dir), "2025", tanggal_cetak=dt.date(2026, 1, 15))
    # the phone layout labels each cell (data-label): the checks read the plain cells
    html = re.sub(r' data-label="[^"]*"', "", render_html(data))
    assert (
        "Predikat memakai Skala predikat Kabupaten Contoh "
        "(Peraturan Bupati Contoh Nomor 1 Tahun 2024)" in html
    )
    assert "&gt; 80%</td><td>Baik" in html
    assert "Predikat penyerapan anggaran memakai Predikat penyerapan anggaran" in html
    assert "<th>Predikat anggaran</th>" in html
    # the budget predikat from the rounded capaian anggaran, one per program and the total
    table = html.split('<table class="tabel-anggaran')[1].split("</table>")[0]
    cells = re.findall(r"<td[^>]*>(Serapan (?:Tinggi|Rendah))</td>", table)
    assert len(cells) == len(data.anggaran)
    assert set(data.pengukuran.indikator["predikat"].dropna()) <= {"Sangat Baik", "Baik", "Kurang"}


# ---- kinerja hitung --skala-predikat --------------------------------------------------

SCALE_FILE = """nama = "Skala predikat Kabupaten Contoh"
sumber = "Peraturan Bupati Contoh Nomor 1 Tahun 2024"

[[tingkat]]
label = "Sangat Baik"
min = 90

[[tingkat]]
label = "Memuaskan"
min = 85
min_termasuk = false

[[tingkat]]
label = "Kurang"
"""


def _hitung(tmp_path: Path, scale: str, *extra: str) -> tuple[int, list[dict]]:
    src = tmp_path / "in.csv"
    src.write_text(
        "Indikator,Satuan,Polaritas,Target,Realisasi,pagu,realisasi_anggaran\n"
        'A,%,positif,100,"89,9950",100,97\n'
        "B,%,positif,100,85,100,50\n"
        'C,%,positif,100,"85,01",100,\n',
        "utf-8",
    )
    (tmp_path / "skala.toml").write_text(scale, "utf-8")
    out = tmp_path / "out.csv"
    code = main(["hitung", str(src), "-o", str(out), *extra])
    if not out.exists():
        return code, []
    with out.open(encoding="utf-8", newline="") as handle:
        return code, list(csv.DictReader(handle))


def test_cli_hitung_with_own_scale(tmp_path: Path):
    scale = SCALE_FILE + '\n[anggaran]\nskala = "empat-tingkat"\n'
    code, rows = _hitung(tmp_path, scale, "--skala-predikat", str(tmp_path / "skala.toml"))
    assert code == 0
    assert [r["predikat"] for r in rows] == ["Sangat Baik", "Kurang", "Memuaskan"]
    assert [r["predikat_anggaran"] for r in rows] == ["Baik", "Kurang", ""]


def test_cli_hitung_without_budget_scale_has_no_budget_predikat(tmp_path: Path):
    code, rows = _hitung(tmp_path, SCALE_FILE, "--skala-predikat", str(tmp_path / "skala.toml"))
    assert code == 0 and "predikat_anggaran" not in rows[0]


def test_cli_hitung_broken_scale_exits_1_naming_the_key(tmp_path: Path, capsys):
    broken = SCALE_FILE.replace("min = 85", "min = 95")
    code, rows = _hitung(tmp_path, broken, "--skala-predikat", str(tmp_path / "skala.toml"))
    err = capsys.readouterr().err
    assert code == 1 and rows == []
    assert 'Berkas skala predikat "skala.toml": [[tingkat]] ke-2 (label "Memuaskan")' in err
    assert "Traceback" not in err


def test_cli_hitung_missing_scale_file_exits_2(tmp_path: Path, capsys):
    code, rows = _hitung(tmp_path, SCALE_FILE, "--skala-predikat", str(tmp_path / "tidak.toml"))
    assert code == 2 and rows == []
    assert "tidak.toml" in capsys.readouterr().err
