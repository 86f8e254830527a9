"""One severity per rule: the same bad value gets the same tingkat at intake and validation,
and the form's data validation refuses what both refuse (``inti.tingkat``)."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pandas as pd
import pytest
from formulir_util import edit, filled_forms
from openpyxl import load_workbook

from kinerja.formulir import pesan as pesan_formulir
from kinerja.formulir.himpun import himpun
from kinerja.formulir.tulis import write_forms
from kinerja.inti.errors import ERROR
from kinerja.inti.model import Periode
from kinerja.inti.tingkat import ATURAN_BERSAMA, TINGKAT, persen_dibatasi
from kinerja.kantor.katalog import load_kantor
from kinerja.kantor.pk import load_pk
from kinerja.paths import demo_office
from kinerja.validasi import ledger
from kinerja.validasi import pesan as pesan_validasi

PERIODE = "2025-TW3"


@pytest.fixture(scope="module")
def filled_once(tmp_path_factory) -> dict[str, Path]:
    demo = load_kantor(demo_office())
    return filled_forms(demo, load_pk(demo, 2025), tmp_path_factory.mktemp("forms"), PERIODE)


def test_every_shared_code_takes_its_tingkat_from_the_one_table() -> None:
    katalog = {**pesan_formulir.KODE, **pesan_validasi.ATURAN}
    for kode, aturan in ATURAN_BERSAMA.items():
        assert katalog[kode].tingkat == TINGKAT[aturan], kode
    assert pesan_formulir.KODE["realisasi-persen-di-atas-100"].tingkat == ERROR


@pytest.mark.parametrize(
    ("nilai", "kode_himpun", "kode_validasi"),
    [
        (150, "realisasi-persen-di-atas-100", "persen-di-luar-rentang"),
        (875, "realisasi-persen-di-atas-100", "persen-di-luar-rentang"),
    ],
)
def test_same_bad_value_same_tingkat_at_himpun_and_validasi(
    kantor, pk, filled_once, tmp_path, nilai, kode_himpun, kode_validasi
) -> None:
    form = Path(shutil.copy2(filled_once["KESOS"], tmp_path / filled_once["KESOS"].name))
    edit(form, "Realisasi", {"M9": nilai})  # IK-14, a percent with target 100
    hasil = himpun(kantor, PERIODE, [form], pk=pk)
    (masuk,) = [t for t in hasil.temuan if t.kode == kode_himpun]
    assert masuk.sel == "M9"
    assert hasil.berkas[0].status == "diterima"  # kept: validation blocks on the value
    assert hasil.exit_code == 1
    (periksa,) = [
        t
        for t in ledger.load_temuan(kantor, PERIODE)
        if t.kode == kode_validasi and t.indikator == "IK-14" and t.data["tw"] == 3
    ]
    assert masuk.tingkat == periksa.tingkat == ERROR
    assert ledger.ada_error_terbuka(kantor, PERIODE)


def test_pk_target_above_100_allows_a_percent_above_100() -> None:
    satuan = pd.Series(["%", "persen", "%", "%", "orang", "%"])
    target = pd.Series(["100", "95", "110", "90 – 120", "500", 130.0], dtype=object)
    assert persen_dibatasi(satuan, target).tolist() == [True, True, False, False, False, False]


def test_the_form_refuses_875_in_a_percent_cell(kantor, pk, tmp_path) -> None:
    [path] = write_forms(kantor, pk, Periode.parse(PERIODE), tmp_path, units=["KESOS"])
    ws = load_workbook(path)["Realisasi"]
    rules = {}
    for dv in ws.data_validations.dataValidation:
        for ref in str(dv.sqref).split():
            rules[ref] = dv
    ik14, ik15 = rules["M9"], rules["M10"]  # IK-14 %, IK-15 orang
    assert (ik14.type, ik14.operator, ik14.formula1, ik14.formula2) == (
        "decimal",
        "between",
        "0",
        "100",
    )
    assert ik14.showErrorMessage and "0 dan 100" in ik14.error
    assert not float(ik14.formula1) <= 875 <= float(ik14.formula2)  # Excel refuses 875
    assert (ik15.operator, ik15.formula1) == ("greaterThanOrEqual", "0")


def test_the_form_takes_a_percent_above_100_when_the_pk_allows_it(kantor, pk, tmp_path) -> None:
    ind = pk.indikator.copy()
    ind.loc[ind["kode"].eq("IK-14"), "target_tahunan"] = "120"
    boleh = dataclasses.replace(pk, indikator=ind)
    [path] = write_forms(kantor, boleh, Periode.parse(PERIODE), tmp_path, units=["KESOS"])
    ws = load_workbook(path)["Realisasi"]
    refs = {ref: dv for dv in ws.data_validations.dataValidation for ref in str(dv.sqref).split()}
    assert refs["M9"].operator == "greaterThanOrEqual"  # ≥ 0 only, like any number
