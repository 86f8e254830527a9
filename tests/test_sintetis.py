"""Synthetic offices: seeded, loadable by the real readers, realistic in their mix."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import sintetis

from kinerja.inti.model import INDIKATOR_COLUMNS, Periode
from kinerja.inti.nip import nip_problems
from kinerja.inti.pengukuran import capaian_anggaran, ukur
from kinerja.kantor.katalog import load_kantor, predikat_skala_kantor
from kinerja.kantor.pk import load_pk
from kinerja.kantor.realisasi import load_realisasi_table
from kinerja.validasi.pesan import ATURAN


def test_same_seed_same_bytes_other_seed_other_office(tmp_path: Path) -> None:
    a = sintetis.buat_kantor(tmp_path / "a", 11)
    b = sintetis.buat_kantor(tmp_path / "b", 11)
    c = sintetis.buat_kantor(tmp_path / "c", 12)
    for name in ("kantor.toml", "perjanjian-kinerja-2025.xlsx", "realisasi-2025.xlsx"):
        assert (a / name).read_bytes() == (b / name).read_bytes(), name
    assert (a / "realisasi-2025.xlsx").read_bytes() != (c / "realisasi-2025.xlsx").read_bytes()


def test_written_office_reads_back_with_the_real_readers(tmp_path: Path) -> None:
    folder = sintetis.buat_kantor(tmp_path / "k", 5)
    kantor = load_kantor(folder)
    assert kantor.nama.startswith("Kecamatan ") and kantor.kode.startswith("kec-")
    assert [u.kode for u in kantor.units] == [u[0] for u in sintetis.UNIT]
    assert len(kantor.pejabat) == len(sintetis.PEJABAT)
    for p in kantor.pejabat.values():
        assert nip_problems(p.nip) == [], (p.peran, p.nip)
        assert p.nama == p.nama.split(",")[0].upper() + p.nama[len(p.nama.split(",")[0]) :]
    pk = load_pk(kantor, 2025)
    assert len(pk.indikator) == 16 and pk.indikator["kode"].is_unique
    realisasi, anggaran = load_realisasi_table(folder / "realisasi-2025.xlsx")
    assert list(realisasi.columns)[:6] == [
        "kode",
        "tw",
        "realisasi",
        "kendala",
        "tindak_lanjut",
        "bukti_dukung",
    ]
    assert len(realisasi) == 64 and set(realisasi["tw"]) == {1, 2, 3, 4}
    p = ukur(
        pk.indikator,
        realisasi,
        Periode.parse("2025-TW4"),
        skala=predikat_skala_kantor(kantor),
        ordinal=pk.ordinal,
    )
    assert p.kantor["n_valid"] == 16 and not p.kantor["sementara"]
    assert p.indikator["capaian_tw"].notna().all()
    budget = capaian_anggaran(pk.program, anggaran, Periode.parse("2025-TW4"))
    jumlah = budget[budget["program"].eq("Jumlah")]["capaian_anggaran"].iloc[0]
    assert 80 <= jumlah <= 100


def test_the_pool_mixes_every_kind_of_indicator() -> None:
    frames = [sintetis.data_kantor(s).indikator for s in range(30)]
    ind = pd.concat(frames)
    assert set(ind["polaritas"]) == {"positif", "negatif"}
    assert set(ind["jenis_periode"]) == {"kumulatif", "akhir", "rata_rata"}
    assert set(ind["jenis_target"]) == {"angka", "rentang", "kualitatif"}
    assert {"akip", "ada-tidak"} <= set(ind["skala"])
    # some offices write the satuan or the name differently, as real offices do
    assert "persen" in set(ind["satuan"])
    assert ind["indikator"].str.startswith("Prosentase").any()
    # an akhir indicator's TW IV target is the annual PK target (rules: target-akhir-tw4-beda)
    akhir = ind[ind["jenis_periode"].eq("akhir")]
    assert (akhir["target_tw4"].astype(str) == akhir["target_tahunan"].astype(str)).all()
    # a kumulatif indicator's quarters add up to the annual target
    kum = ind[ind["jenis_periode"].eq("kumulatif")]
    quarters = kum[["target_tw1", "target_tw2", "target_tw3", "target_tw4"]].astype(float)
    assert np.allclose(quarters.sum(axis=1), kum["target_tahunan"].astype(float))


def test_offices_differ_in_performance_and_names_are_unique() -> None:
    caps = []
    for s in range(12):
        d = sintetis.data_kantor(s)
        p = ukur(d.indikator, d.realisasi, Periode.parse("2025-TW4"), ordinal=_ordinal(d))
        caps.append(p.kantor["capaian"])
    assert max(caps) - min(caps) > 5
    names = [sintetis.nama_kantor(i) for i in range(3000)]
    assert len({k for k, _ in names}) == 3000 and len({n for _, n in names}) == 3000


def test_no_error_findings_in_a_complete_synthetic_office(tmp_path: Path) -> None:
    from kinerja.validasi.aturan import periksa

    folder = sintetis.buat_kantor(tmp_path / "k", 8)
    kantor = load_kantor(folder)
    pk = load_pk(kantor, 2025)
    realisasi, _ = load_realisasi_table(folder / "realisasi-2025.xlsx")
    temuan = periksa(
        pk.indikator,
        realisasi,
        Periode.parse("2025-TW4"),
        program=pk.program,
        pejabat=kantor.pejabat.values(),
        ordinal=pk.ordinal,
    )
    errors = [t for t in temuan if t.tingkat == "error"]
    assert errors == [], [t.kode for t in errors]
    assert {t.kode for t in temuan} <= set(ATURAN)


def test_p_kosong_makes_a_sementara_office() -> None:
    d = sintetis.data_kantor(4, p_kosong=0.2)
    assert len(d.realisasi) < 64
    p = ukur(d.indikator, d.realisasi, Periode.parse("2025-TW4"), ordinal=_ordinal(d))
    assert p.kantor["sementara"]


def test_national_table_meets_the_column_contracts() -> None:
    ind, real = sintetis.tabel_nasional(40_000)
    assert list(ind.columns) == list(INDIKATOR_COLUMNS)
    assert len(ind) == 10_000 and ind["kode"].is_unique
    assert 0.99 * 40_000 <= len(real) <= 40_000
    p = ukur(ind, real, Periode.parse("2025-TW3"), ordinal=_ordinal_all())
    assert p.indikator["capaian_tw"].notna().mean() > 0.95
    assert len(p.sasaran) > 600 * 5


def _ordinal(d: sintetis.DataKantor) -> dict:
    from kinerja.inti.predikat import load_skala_ordinal

    return {k: load_skala_ordinal(k) for k in set(d.indikator["skala"]) - {""}}


def _ordinal_all() -> dict:
    from kinerja.inti.predikat import load_skala_ordinal

    return {k: load_skala_ordinal(k) for k in ("akip", "ada-tidak")}
