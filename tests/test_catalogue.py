"""The office folder: kantor.toml and the Perjanjian Kinerja workbook."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from kinerja.inti.errors import InputError
from kinerja.inti.nip import nip_problems
from kinerja.kantor.katalog import load_kantor
from kinerja.kantor.pk import load_pk


def test_demo_office_configuration(kantor):
    assert kantor.nama == "Kecamatan Linggo Sari Baganti"
    assert kantor.config["kantor"]["sebutan_desa"] == "nagari"
    assert kantor.config["kantor"]["jumlah_desa"] == 16
    assert {"camat", "sekcam", "kasubag_pk"} <= set(kantor.pejabat)
    assert [u.kode for u in kantor.units] == [
        "UMPEG",
        "RENKEU",
        "PEM",
        "TRANTIB",
        "PMN",
        "KESOS",
        "PELUM",
    ]
    for p in kantor.pejabat.values():  # fictitious but structurally valid NIP
        assert nip_problems(p.nip) == [], p
    assert kantor.opsi("penomoran", "kode_unit") == "Kec-LSB"


def test_demo_pk_shape(pk):
    ind = pk.indikator
    assert len(ind) >= 12 and ind["sasaran_kode"].nunique() >= 5
    assert set(ind["polaritas"]) == {"positif", "negatif"}
    assert set(ind["jenis_periode"]) == {"kumulatif", "akhir", "rata_rata"}
    assert {"rentang", "kualitatif"} <= set(ind["jenis_target"])
    negatif_nol = ind[(ind["polaritas"] == "negatif") & (ind["target_tahunan"].astype(str) == "0")]
    assert len(negatif_nol) == 1
    assert ind["unit"].nunique() == 7
    assert pk.program["pagu"].sum() == 5_294_655_000
    assert "akip" in pk.ordinal


def _edit(kantor_dir, cell: str, value) -> None:
    path = kantor_dir / "perjanjian-kinerja-2025.xlsx"
    wb = load_workbook(path)
    wb["Indikator"][cell] = value
    wb.save(path)


def test_pk_errors_named_by_cell(kantor_dir):
    _edit(kantor_dir, "E3", "naik")  # polaritas of IK-02
    _edit(kantor_dir, "Q4", "BAGIAN-X")  # unit of IK-03
    _edit(kantor_dir, "A5", "IK-01")  # duplicate kode
    kantor = load_kantor(kantor_dir)
    with pytest.raises(InputError) as exc:
        load_pk(kantor, 2025)
    codes = {(t.kode, t.sel) for t in exc.value.temuan}
    assert ("pk-polaritas-salah", "E3") in codes
    assert ("pk-unit-tidak-dikenal", "Q4") in codes
    assert ("pk-kode-ganda", "A5") in codes
    assert 'lembar "Indikator", sel E3' in str(exc.value)


def test_missing_sheet_and_missing_office(kantor_dir, tmp_path):
    path = kantor_dir / "perjanjian-kinerja-2025.xlsx"
    wb = load_workbook(path)
    wb["Program"].title = "Anggaran"
    wb.save(path)
    with pytest.raises(InputError, match='lembar "Program"'):
        load_pk(load_kantor(kantor_dir), 2025)
    with pytest.raises(InputError, match="kantor.toml"):
        load_kantor(tmp_path / "tidak-ada")


def test_broken_toml_is_a_clear_error(kantor_dir):
    (kantor_dir / "kantor.toml").write_text("[kantor\nnama = 1\n")
    with pytest.raises(InputError, match="tidak dapat dibaca"):
        load_kantor(kantor_dir)
