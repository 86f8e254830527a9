"""Periode semantics, aggregation, budget and efisiensi (domain.md §2–§3)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import sintetis

from kinerja.inti import pengukuran
from kinerja.inti.errors import UsageError
from kinerja.inti.model import INDIKATOR_COLUMNS, Periode
from kinerja.inti.pengukuran import OpsiAgregasi, capaian_anggaran, ukur
from kinerja.inti.predikat import load_skala_ordinal, load_skala_predikat
from kinerja.kantor.realisasi import load_realisasi_table


def pk_frame(rows: list[dict]) -> pd.DataFrame:
    base = dict.fromkeys(INDIKATOR_COLUMNS, "")
    base.update(
        polaritas="positif",
        jenis_target="",
        rumus_negatif="2T-R",
        iku=True,
        wajib=True,
        bobot=1.0,
        sasaran_kode="S1",
        sasaran="Sasaran satu",
        unit="U",
        satuan="unit",
    )
    return pd.DataFrame([{**base, **r} for r in rows])


def real(kode: str, values: list) -> pd.DataFrame:
    return pd.DataFrame(
        {"kode": kode, "tw": range(1, len(values) + 1), "realisasi": values}
    ).dropna(subset=["realisasi"])


TARGETS = {
    "target_tw1": 10,
    "target_tw2": 20,
    "target_tw3": 30,
    "target_tw4": 40,
    "target_tahunan": 100,
    "target_renstra": 500,
}


def test_periode_parse_and_labels():
    p = Periode.parse("2025-TW3")
    assert (p.tahun, p.tw, p.tahunan) == (2025, 3, False)
    assert p.label == "Triwulan III Tahun 2025"
    year = Periode.parse("2025")
    assert year.tw == 4 and year.tahunan and str(year) == "2025"
    with pytest.raises(UsageError, match="2025-TW3"):
        Periode.parse("2025-Q3")


def test_kumulatif_sums_quarters():
    ind = pk_frame([{"kode": "A", "jenis_periode": "kumulatif", **TARGETS}])
    p = ukur(ind, real("A", [8, 22, 30, 35]), Periode.parse("2025-TW3"))
    row = p.indikator.iloc[0]
    assert row["realisasi_sd"] == 60 and row["target_sd"] == 60
    assert row["capaian_tw"] == 100.0
    assert row["capaian_thd_target_tahunan"] == pytest.approx(60.0)  # progress
    assert np.isnan(row["capaian_tahunan"])  # the LKjIP number exists at year end only
    year = ukur(ind, real("A", [8, 22, 30, 35]), Periode.parse("2025")).indikator.iloc[0]
    assert year["capaian_tahunan"] == pytest.approx(95.0)
    assert year["capaian_thd_renstra"] == pytest.approx(19.0)


def test_kumulatif_missing_quarter_is_incomplete_not_zero():
    ind = pk_frame([{"kode": "A", "jenis_periode": "kumulatif", **TARGETS}])
    p = ukur(ind, real("A", [8, None, 30]), Periode.parse("2025-TW3"))
    row = p.indikator.iloc[0]
    assert np.isnan(row["capaian_tw"]) and not row["lengkap"]
    assert row["keterangan_kode"] == "realisasi-kosong"
    assert p.kantor["sementara"] and p.kantor["n_valid"] == 0


def test_akhir_takes_last_non_empty_quarter_against_its_target():
    ind = pk_frame([{"kode": "A", "jenis_periode": "akhir", **TARGETS}])
    p = ukur(ind, real("A", [9, 18, None]), Periode.parse("2025-TW3"))
    row = p.indikator.iloc[0]
    assert row["realisasi_sd"] == 18 and row["target_sd"] == 20
    assert row["capaian_tw"] == pytest.approx(90.0)
    assert not row["lengkap"]  # TW III itself is missing


def test_rata_rata_means_non_empty_quarters_against_same_targets():
    ind = pk_frame([{"kode": "A", "jenis_periode": "rata_rata", **TARGETS}])
    p = ukur(ind, real("A", [10, None, 33]), Periode.parse("2025-TW3"))
    row = p.indikator.iloc[0]
    assert row["realisasi_sd"] == pytest.approx(21.5)
    assert row["target_sd"] == pytest.approx(20.0)  # mean of TW I and TW III targets


def test_previous_year_in_percentage_points():
    ind = pk_frame(
        [
            {
                "kode": "A",
                "jenis_periode": "akhir",
                **TARGETS,
                "target_tahun_lalu": 40,
                "realisasi_tahun_lalu": 30,
            }
        ]
    )
    p = ukur(ind, real("A", [10, 20, 30, 36]), Periode.parse("2025"))
    row = p.indikator.iloc[0]
    assert row["capaian_tahun_lalu"] == pytest.approx(75.0)
    assert row["capaian_tahunan"] == pytest.approx(36.0)  # 36 against annual 100
    assert row["selisih_pp"] == pytest.approx(-39.0)
    assert row["arah"] == "turun"


def test_sasaran_and_office_means_with_counts():
    ind = pk_frame(
        [
            {"kode": "A", "jenis_periode": "akhir", **TARGETS},
            {"kode": "B", "jenis_periode": "akhir", **TARGETS},
            {
                "kode": "C",
                "jenis_periode": "akhir",
                **TARGETS,
                "sasaran_kode": "S2",
                "sasaran": "Dua",
            },
        ]
    )
    r = pd.concat([real("A", [10, 20, 30, 48]), real("B", [10, 20, 30, 30]), real("C", [10])])
    p = ukur(ind, r, Periode.parse("2025-TW4"))
    s1 = p.sasaran.set_index("sasaran_kode").loc["S1"]
    assert s1["capaian"] == pytest.approx((120 + 75) / 2)
    assert (s1["n_valid"], s1["n_total"], s1["n_capai"]) == (2, 2, 1)
    s2 = p.sasaran.set_index("sasaran_kode").loc["S2"]
    # akhir: C's last non-empty quarter (TW I) counts, but TW IV is missing → sementara
    assert s2["n_valid"] == 1 and s2["sementara"] and s2["capaian"] == pytest.approx(100.0)
    assert p.kantor["capaian"] == pytest.approx((120 + 75 + 100) / 3)  # flat over IKU
    assert p.kantor["sementara"] and p.kantor["n_total"] == 3
    capped = ukur(ind, r, Periode.parse("2025-TW4"), opsi=OpsiAgregasi(batas_atas=110))
    assert capped.kantor["capaian"] == pytest.approx((110 + 75 + 100) / 3)
    # the published indicator capaian is never capped
    assert capped.indikator.loc[0, "capaian_tw"] == pytest.approx(120.0)


def test_weighted_and_mean_of_sasaran_options():
    ind = pk_frame(
        [
            {"kode": "A", "jenis_periode": "akhir", **TARGETS, "bobot": 3},
            {
                "kode": "B",
                "jenis_periode": "akhir",
                **TARGETS,
                "sasaran_kode": "S2",
                "sasaran": "Dua",
            },
            {
                "kode": "C",
                "jenis_periode": "akhir",
                **TARGETS,
                "sasaran_kode": "S2",
                "sasaran": "Dua",
            },
        ]
    )
    r = pd.concat([real("A", [40]), real("B", [20]), real("C", [40])])
    r["tw"] = 4
    w = ukur(ind, r, Periode.parse("2025"), opsi=OpsiAgregasi(metode="berbobot"))
    assert w.kantor["capaian"] == pytest.approx((100 * 3 + 50 + 100) / 5)
    s = ukur(ind, r, Periode.parse("2025"), opsi=OpsiAgregasi(metode="rata_sasaran"))
    assert s.kantor["capaian"] == pytest.approx((100 + 75) / 2)


def test_budget_worked_examples_from_domain():
    # Rp1.405.183.265.160,00 of Rp1.455.199.373.000,00 = 96,56 %
    program = pd.DataFrame(
        {
            "kode": ["P"],
            "program": ["Program"],
            "sasaran_kode": ["S1"],
            "unit": ["U"],
            "pagu": [1_455_199_373_000],
        }
    )
    # the year's spending in TW IV, the earlier quarters reported as Rp0 (not left empty)
    spent = pd.DataFrame(
        {"kode": ["P"] * 4, "tw": [1, 2, 3, 4], "realisasi_anggaran": [0, 0, 0, 1_405_183_265_160]}
    )
    out = capaian_anggaran(program, spent, Periode.parse("2025"))
    assert round(out.loc[0, "capaian_anggaran"], 2) == 96.56
    assert out.loc[0, "sisa_anggaran"] == 1_455_199_373_000 - 1_405_183_265_160
    assert out.iloc[-1]["program"] == "Jumlah"
    # efisiensi: output 106,52 %, input 97,80 % → 108,92 %
    ind = pd.DataFrame({"sasaran_kode": ["S1"], "capaian_thd_target_tahunan": [106.52]})
    program["pagu"] = [100.0]
    spent["realisasi_anggaran"] = [0, 0, 0, 97.80]
    eff = capaian_anggaran(program, spent, Periode.parse("2025"), indikator=ind)
    assert round(eff.loc[0, "efisiensi"], 2) == 108.92


def test_budget_counts_only_quarters_up_to_periode():
    program = pd.DataFrame(
        {"kode": ["P"], "program": ["x"], "sasaran_kode": ["S1"], "unit": ["U"], "pagu": [1000.0]}
    )
    spent = pd.DataFrame({"kode": ["P"] * 4, "tw": [1, 2, 3, 4], "realisasi_anggaran": [100.0] * 4})
    out = capaian_anggaran(program, spent, Periode.parse("2025-TW2"))
    assert out.loc[0, "capaian_anggaran"] == pytest.approx(20.0)


def test_demo_office_year(kantor, pk):
    realisasi, anggaran = load_realisasi_table(kantor.path / "realisasi-2025.xlsx")
    p = ukur(pk.indikator, realisasi, Periode.parse("2025"), ordinal=pk.ordinal)
    by = p.indikator.set_index("kode")
    assert by.loc["IK-01", "capaian_tw_2d"] == 100.0  # BB against BB
    assert by.loc["IK-05", "capaian_tw_2d"] == 100.0  # 2,725 days inside 2 – 3
    assert by.loc["IK-09", "capaian_tw_2d"] == 100.0  # negative, target 0, realisasi 0
    assert by.loc["IK-10", "capaian_tw_2d"] == 110.0  # negative kumulatif: (80 − 36) / 40
    assert by.loc["IK-12", "predikat"] == "Sedang"
    assert p.kantor["n_valid"] == p.kantor["n_total"] == 16
    assert not p.kantor["sementara"]
    assert set(p.indikator["predikat"]) <= set(load_skala_predikat().label)
    out = capaian_anggaran(pk.program, anggaran, p.periode, indikator=p.indikator)
    assert out.iloc[-1]["pagu"] == 5_294_655_000


def test_blocks_give_the_same_measurement(monkeypatch):
    """ukur measures the PK in blocks of rows: a block boundary changes nothing, the
    cells read leniently included (in TW order, then PK order), duplicates too.

    Blocks of 7 rows (the block size is a module constant, patched here) cross about 30
    boundaries, many inside an office's 16 indicators, with 200 indicators."""
    ind, real = sintetis.tabel_nasional(800, seed=11)  # 200 indicators × 4 quarters
    assert len(ind) == 200
    real = pd.concat([real, real.sample(200, random_state=1)], ignore_index=True)  # later wins
    real["realisasi"] = real["realisasi"].astype(object)
    real.loc[::13, "realisasi"] = "85,5"  # read leniently: a temuan per cell
    real.loc[::31, "realisasi"] = "delapan"
    ordinal = {k: load_skala_ordinal(k) for k in ("akip", "ada-tidak")}
    periode = Periode.parse("2025-TW3")
    whole = ukur(ind, real, periode, ordinal=ordinal)
    monkeypatch.setattr(pengukuran, "BLOK", 7)
    blocks = ukur(ind, real, periode, ordinal=ordinal)
    pd.testing.assert_frame_equal(blocks.indikator, whole.indikator)
    pd.testing.assert_frame_equal(blocks.sasaran, whole.sasaran)
    pd.testing.assert_frame_equal(blocks.realisasi_tw, whole.realisasi_tw)
    pd.testing.assert_frame_equal(blocks.target_tw, whole.target_tw)
    pd.testing.assert_frame_equal(blocks.temuan_nilai, whole.temuan_nilai)
    assert len(whole.temuan_nilai) > 50
    assert blocks.kantor == whole.kantor
