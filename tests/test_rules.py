"""Validation rules: one test per rule, asserting the code and where the finding points."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

import pandas as pd
import pytest

from kinerja.inti.errors import ERROR, WARNING
from kinerja.inti.model import Periode
from kinerja.kantor.katalog import Kantor
from kinerja.kantor.pk import PerjanjianKinerja
from kinerja.kantor.realisasi import load_realisasi_table
from kinerja.validasi.aturan import periksa
from kinerja.validasi.opsi import OpsiValidasi, opsi_validasi
from kinerja.validasi.pesan import ATURAN, temuan_id

TW3 = Periode.parse("2025-TW3")
TW4 = Periode.parse("2025-TW4")


@pytest.fixture
def realisasi(kantor: Kantor) -> pd.DataFrame:
    frame, _ = load_realisasi_table(kantor.path / "realisasi-2025.xlsx")
    return frame


def _set(frame: pd.DataFrame, kode: str, tw: int, **values: object) -> pd.DataFrame:
    out = frame.copy()
    out["realisasi"] = out["realisasi"].astype(object)
    row = out["kode"].eq(kode) & out["tw"].eq(tw)
    assert row.sum() == 1
    for col, value in values.items():
        out.loc[row, col] = value
    return out


def _run(pk: PerjanjianKinerja, realisasi: pd.DataFrame, periode: Periode = TW3, **kw):
    kw.setdefault("program", pk.program)
    return periksa(pk.indikator, realisasi, periode, ordinal=pk.ordinal, berkas_pk=pk.sumber, **kw)


def _only(findings, kode):
    hits = [t for t in findings if t.kode == kode]
    assert len(hits) == 1, [(t.kode, t.indikator, t.data.get("tw")) for t in findings]
    return hits[0]


def test_demo_tw3_is_clean_and_tw4_has_one_natural_warning(pk, realisasi, kantor):
    opsi = opsi_validasi(kantor.config)
    assert opsi.total_pagu == 5_294_655_000  # the demo declares its DPA total: the check runs
    kw = {"opsi": opsi, "pejabat": kantor.pejabat.values()}
    assert _run(pk, realisasi, TW3, **kw) == []
    (t,) = _run(pk, realisasi, TW4, **kw)
    assert (t.kode, t.tingkat, t.unit, t.indikator, t.data["tw"]) == (
        "lonjakan-tahun-lalu",
        WARNING,
        "PEM",
        "IK-09",
        4,
    )


def test_realisasi_kosong_on_a_mandatory_indicator_is_an_error(pk, realisasi):
    data = realisasi[~(realisasi["kode"].eq("IK-06") & realisasi["tw"].eq(2))]
    t = _only(_run(pk, data), "realisasi-kosong")
    assert (t.tingkat, t.unit, t.indikator, t.data["tw"], t.kolom) == (
        ERROR,
        "PELUM",
        "IK-06",
        2,
        "realisasi",
    )
    assert "Triwulan II" in t.pesan


def test_blank_cell_counts_as_missing_and_quarters_after_the_periode_do_not(pk, realisasi):
    data = _set(realisasi, "IK-14", 2, realisasi=None)
    data = data[~(data["kode"].eq("IK-02") & data["tw"].eq(4))]
    found = _run(pk, data, TW3)
    assert [(t.kode, t.indikator, t.data["tw"]) for t in found] == [
        ("realisasi-kosong", "IK-14", 2)
    ]


def test_realisasi_tidak_terbaca(pk, realisasi):
    data = _set(realisasi, "IK-10", 3, realisasi="delapan")
    t = _only(_run(pk, data), "realisasi-tidak-terbaca")
    assert (t.unit, t.indikator, t.data["tw"], t.nilai) == ("TRANTIB", "IK-10", 3, "delapan")


def test_percent_outside_0_100(pk, realisasi):
    data = _set(realisasi, "IK-07", 3, realisasi="937,5")
    found = _run(pk, data)
    t = _only(found, "persen-di-luar-rentang")
    assert (t.tingkat, t.unit, t.indikator, t.data["tw"]) == (ERROR, "PEM", "IK-07", 3)
    assert t.data["realisasi"] == 937.5
    assert "937,5" in t.pesan


def test_negative_count(pk, realisasi):
    data = _set(realisasi, "IK-15", 2, realisasi=-25)
    found = _run(pk, data)
    t = _only(found, "realisasi-negatif")
    assert (t.tingkat, t.unit, t.indikator, t.data["tw"]) == (ERROR, "KESOS", "IK-15", 2)


def test_jump_against_the_previous_quarter_without_kendala(pk, realisasi):
    # IK-06 targets 550/600/650: 701 → 1400 in TW III is a jump of the ratio to target
    data = _set(realisasi, "IK-06", 3, realisasi=1400)
    t = _only(_run(pk, data), "lonjakan-triwulan")
    assert (t.tingkat, t.unit, t.indikator, t.data["tw"]) == (WARNING, "PELUM", "IK-06", 3)
    assert t.data["perubahan_persen"] > 50
    # a kendala explains it; a higher office threshold tolerates it
    explained = _set(data, "IK-06", 3, kendala="Layanan jemput bola di 16 nagari.")
    assert not [t for t in _run(pk, explained) if t.kode == "lonjakan-triwulan"]
    loose = _run(pk, data, opsi=OpsiValidasi(lonjakan_persen=200))
    assert not [t for t in loose if t.kode == "lonjakan-triwulan"]


def test_planned_progress_of_an_akhir_indicator_is_no_jump(pk, realisasi):
    # IK-02 goes 18,5 → 41,2 → 68,9 against targets 20 → 45 → 70: on plan
    assert not [t for t in _run(pk, realisasi) if t.kode.startswith("lonjakan")]


def test_jump_against_last_year_only_at_year_end(pk, realisasi):
    t = _only(_run(pk, realisasi, TW4), "lonjakan-tahun-lalu")
    assert t.data["realisasi_tahun_lalu"] == 2.0
    assert t.data["perubahan_persen"] == -100.0
    explained = _set(realisasi, "IK-09", 4, kendala="Dua sengketa selesai lewat mediasi.")
    assert _run(pk, explained, TW4) == []


def test_capaian_above_band_without_kendala(pk, realisasi):
    data = _set(realisasi, "IK-12", 3, realisasi=40)  # 60 of target 38 s.d. TW III
    found = _run(pk, data)
    t = _only(found, "capaian-tinggi")
    assert (t.unit, t.indikator, t.data["tw"]) == ("PMN", "IK-12", 3)
    assert t.data["capaian"] > 150


def test_capaian_below_band_without_kendala(pk, realisasi):
    data = _set(realisasi, "IK-13", 3, realisasi=30)  # 30 of 84
    t = _only(_run(pk, data), "capaian-rendah")
    assert (t.unit, t.indikator, t.data["tw"]) == ("PMN", "IK-13", 3)
    explained = _set(data, "IK-13", 3, kendala="Pengurus lembaga berganti.")
    assert not [t for t in _run(pk, explained) if t.kode == "capaian-rendah"]


def test_missing_bukti_dukung_is_a_warning_or_an_error_by_option(pk, realisasi):
    data = _set(realisasi, "IK-04", 1, bukti_dukung="")
    t = _only(_run(pk, data), "bukti-dukung-kosong")
    assert (t.tingkat, t.unit, t.indikator, t.data["tw"], t.kolom) == (
        WARNING,
        "PELUM",
        "IK-04",
        1,
        "bukti_dukung",
    )
    strict = _only(_run(pk, data, opsi=OpsiValidasi(bukti_wajib=True)), "bukti-dukung-kosong")
    assert strict.tingkat == ERROR


def test_akhir_indicator_tw4_target_differs_from_annual(pk, realisasi):
    ind = pk.indikator.copy()
    ind.loc[ind["kode"].eq("IK-13"), "target_tw4"] = "88"
    found = periksa(ind, realisasi, TW3, ordinal=pk.ordinal, berkas_pk=pk.sumber)
    t = _only(found, "target-akhir-tw4-beda")
    assert (t.unit, t.indikator, t.kolom, t.lembar, t.berkas) == (
        "PMN",
        "IK-13",
        "target_tw4",
        "Indikator",
        "perjanjian-kinerja-2025.xlsx",
    )
    # kumulatif indicators are not concerned (IK-06's TW IV target is a quarter's part)
    assert not [t for t in found if t.indikator == "IK-06"]


def test_program_pagu_against_the_declared_total(pk, realisasi, kantor):
    total = float(pk.program["pagu"].sum())
    assert total == 5_294_655_000
    assert not _run(pk, realisasi, opsi=OpsiValidasi(total_pagu=total))
    t = _only(
        _run(pk, realisasi, opsi=OpsiValidasi(total_pagu=total + 1e6)), "pagu-tidak-sama-total"
    )
    assert (t.tingkat, t.lembar, t.kolom) == (ERROR, "Program", "pagu")
    assert "Rp5.294.655.000,00" in t.pesan
    config = {**kantor.config, "anggaran": {"total_pagu": total + 1e6}}
    assert opsi_validasi(config).total_pagu == total + 1e6


def test_unreadable_pagu(pk, realisasi):
    program = pk.program.copy()
    program["pagu"] = program["pagu"].astype(object)
    program.loc[2, "pagu"] = None
    t = _only(_run(pk, realisasi, program=program), "pagu-tidak-terbaca")
    assert (t.indikator, t.lembar) == ("7.01.06", "Program")


def test_officials_nip_structure(pk, realisasi, kantor):
    camat = kantor.pejabat["camat"]
    seed = replace(camat, nip="195601026201001 2 009")  # the seed SOP's 19-digit NIP
    found = _run(pk, realisasi, pejabat=[seed, kantor.pejabat["sekcam"]])
    t = _only(found, "nip-tidak-sah")
    assert (t.tingkat, t.kolom, t.berkas, t.data["peran"]) == (
        ERROR,
        "nip (camat)",
        "kantor.toml",
        "camat",
    )
    assert "18 angka" in t.pesan
    assert not _run(pk, realisasi, pejabat=kantor.pejabat.values())


def test_every_rule_is_catalogued_and_ids_are_stable(pk, realisasi):
    data = _set(realisasi, "IK-07", 3, realisasi=120)
    t = _only(_run(pk, data), "persen-di-luar-rentang")
    assert t.kode in ATURAN
    assert t.data["id"] == temuan_id(
        "persen-di-luar-rentang", "2025-TW3", "PEM", "IK-07", 3, "realisasi"
    )
    again = _only(_run(pk, _set(realisasi, "IK-07", 3, realisasi=130)), "persen-di-luar-rentang")
    assert again.data["id"] == t.data["id"]


def test_messy_input_never_raises(pk, realisasi):
    data = realisasi.copy().astype({"realisasi": object})
    data.loc[0:5, "realisasi"] = [None, "", "  ", "x", float("nan"), "1.234.567,8"]
    data = data.drop(columns=["bukti_dukung", "kendala"])
    data.loc[len(data)] = {"kode": "IK-99", "tw": 2, "realisasi": 5}
    found = _run(pk, data, TW4)
    assert {t.kode for t in found} >= {"realisasi-kosong", "realisasi-tidak-terbaca"}
    assert _run(pk, realisasi.iloc[0:0], TW3)  # nothing submitted: every quarter missing


def test_rules_stay_in_the_pure_core():
    code = (
        "import sys, kinerja.validasi.aturan; "
        "bad = {'openpyxl', 'sqlite3', 'jinja2', 'weasyprint', 'matplotlib', 'ipywidgets'} "
        "& set(sys.modules); print(sorted(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
