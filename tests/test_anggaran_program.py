"""A program whose budget nobody reported, while the others did: a finding naming the
program and the budget unit, and budget figures of Bab III F and Bab IV over the programs
that reported only, marked sementara, never the missing one counted as Rp0.

The demo office's returned forms, with program 7.01.02's cell emptied in the RENKEU form
of TW IV, taken in quarter by quarter as an office would."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd
import pytest
from formulir_util import fill_form

from kinerja.cli import main
from kinerja.dokumen.data import load_dokumen_data
from kinerja.dokumen.susun import render_html
from kinerja.inti.errors import ERROR
from kinerja.inti.model import Periode
from kinerja.inti.pengukuran import capaian_anggaran
from kinerja.kantor.katalog import load_kantor
from kinerja.validasi.aturan_anggaran import anggaran_belum_dilaporkan
from kinerja.validasi.ledger import load_temuan
from kinerja.validasi.pesan import judul_temuan

KODE = "anggaran-program-belum-dilaporkan"
PROGRAM = "7.01.02"
NAMA = "Program Penyelenggaraan Pemerintahan dan Pelayanan Publik"
PAGU_SEMUA, PAGU_PROGRAM = 5_294_655_000, 385_000_000
#: TW I–IV of 7.01.02 in the demo (scripts/make_demo_office.py): 369.600.000 in all.
REALISASI_PROGRAM = 46_200_000 + 96_250_000 + 107_800_000 + 119_350_000


def _teks(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def kosong(kantor_dir: Path) -> Path:
    """The demo office after its four quarters of forms, 7.01.02 empty in TW IV's RENKEU."""
    kembali = kantor_dir / "formulir-kembali"
    (renkeu,) = (kembali / "2025-TW4").glob("Formulir-RENKEU-*.xlsx")
    fill_form(renkeu, values={}, anggaran={PROGRAM: {"realisasi_anggaran": None}})
    for tw in range(1, 5):
        args = ["himpun", "--kantor", str(kantor_dir), "--periode", f"2025-TW{tw}"]
        main([*args, str(kembali / f"2025-TW{tw}")])
    return kantor_dir


def test_the_empty_cell_is_a_finding_naming_program_and_unit(kosong: Path, capsys) -> None:
    capsys.readouterr()
    temuan = load_temuan(kosong, "2025-TW4")
    (t,) = [t for t in temuan if t.kode == KODE]
    assert t.tingkat == ERROR and t.unit == "RENKEU" and t.data["tw"] == 4
    assert t.data["program"] == PROGRAM and t.lembar == "Anggaran"
    assert f"program {PROGRAM} ({NAMA}) Triwulan IV 2025 belum dilaporkan" in t.pesan
    assert "oleh unit RENKEU" in t.pesan and "Rp0" in t.pesan
    assert judul_temuan(KODE) == "Realisasi anggaran program belum dilaporkan"
    # the office-wide finding is for a quarter nobody reported; IK-02 is not compared
    # with a total that misses a program
    kodes = {t.kode for t in temuan}
    assert "anggaran-belum-dilaporkan" not in kodes and "realisasi-anggaran-beda" not in kodes
    assert main(["validasi", "--kantor", str(kosong), "--periode", "2025-TW4"]) == 1
    out = capsys.readouterr().out
    assert "Realisasi anggaran program belum dilaporkan" in out and "DRAF" in out


def test_the_figures_count_only_the_programs_that_reported(kosong: Path) -> None:
    kantor = load_kantor(kosong)
    data = load_dokumen_data(kantor, "2025-TW4", tanggal_cetak=dt.date(2026, 1, 20))
    a = data.anggaran.set_index("program")
    row = data.anggaran[data.anggaran["kode"].eq(PROGRAM)].iloc[0]
    assert pd.isna(row["realisasi_anggaran"]) and pd.isna(row["capaian_anggaran"])
    assert pd.isna(row["sisa_anggaran"]) and not row["dilaporkan"]
    jumlah = a.loc["Jumlah"]
    lain = data.anggaran[data.anggaran["program"].ne("Jumlah") & data.anggaran["dilaporkan"]]
    assert len(lain) == 5 and not jumlah["dilaporkan"]
    assert jumlah["pagu"] == PAGU_SEMUA - PAGU_PROGRAM
    assert jumlah["realisasi_anggaran"] == lain["realisasi_anggaran"].sum()
    assert jumlah["capaian_anggaran"] == pytest.approx(
        lain["realisasi_anggaran"].sum() / (PAGU_SEMUA - PAGU_PROGRAM) * 100
    )
    assert jumlah["sisa_anggaran"] == (PAGU_SEMUA - PAGU_PROGRAM) - jumlah["realisasi_anggaran"]
    # what a silent Rp0 would have printed: the other programs against the whole pagu
    diam = (lain["realisasi_anggaran"].sum()) / PAGU_SEMUA * 100
    assert round(diam, 2) == 89.28 and round(jumlah["capaian_anggaran"], 2) == 96.29

    teks = _teks(render_html(data))
    bab_f = teks[teks.index("F. Realisasi Anggaran") : teks.index("G. Kelengkapan")]
    assert "Jumlah 5 dari 6 program yang melaporkan (sementara) Rp4.909.655.000,00" in bab_f
    assert f"7.01.02 {NAMA} Rp385.000.000,00 - - -" in bab_f
    assert (
        f"Realisasi anggaran s.d. Triwulan IV 2025 program {PROGRAM} ({NAMA}) belum dilaporkan"
        in bab_f
    )
    assert "hanya mencakup 5 dari 6 program yang sudah melaporkan" in bab_f
    bab_iv = teks[teks.index("BAB IV PENUTUP") : teks.index("LAMPIRAN")]
    assert (
        "Penyerapan anggaran sementara mencapai 96,29% dengan efisiensi 97,47%, dihitung atas "
        f"5 dari 6 program; realisasi anggaran program {PROGRAM} ({NAMA}) belum dilaporkan."
        in bab_iv
    )
    assert "89,28%" not in teks and "Rp5.294.655.000,00" not in bab_f.split("Jumlah")[-1]


def test_the_demo_reports_every_program(kantor_dir: Path) -> None:
    kantor = load_kantor(kantor_dir)
    assert [t for t in load_temuan(kantor_dir, "2025-TW4") if t.kode == KODE] == []
    data = load_dokumen_data(kantor, "2025-TW4", tanggal_cetak=dt.date(2026, 1, 20))
    assert data.anggaran["dilaporkan"].all()
    assert data.anggaran.iloc[-1]["pagu"] == PAGU_SEMUA
    teks = _teks(render_html(data))
    assert "(sementara) Rp" not in teks and "belum dilaporkan" not in teks


# ---------------------------------------------------------------- the rules alone

_PROGRAM = pd.DataFrame(
    {
        "kode": ["A", "B", "C"],
        "program": ["Program A", "Program B", "Program C"],
        "sasaran_kode": ["S1", "S2", "S2"],
        "pagu": [1000.0, 500.0, 0.0],
    }
)


def _uang(rows: list[tuple[str, int, float | None]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["kode", "tw", "realisasi_anggaran"])


def test_an_earlier_quarter_missing_leaves_the_running_total_open() -> None:
    uang = _uang([("A", 1, 100.0), ("A", 2, 200.0), ("B", 1, None), ("B", 2, 50.0)])
    out = capaian_anggaran(_PROGRAM, uang, Periode.parse("2025-TW2")).set_index("kode")
    assert out.loc["A", "capaian_anggaran"] == pytest.approx(30.0)
    assert pd.isna(out.loc["B", "realisasi_anggaran"])  # TW II alone is not s.d. TW II
    total = out.loc[""]
    assert (total["pagu"], total["realisasi_anggaran"]) == (1000.0, 300.0)
    assert not total["dilaporkan"]
    (t,) = anggaran_belum_dilaporkan(_PROGRAM, uang, Periode.parse("2025-TW2"), "RENKEU")
    assert t.kode == KODE and t.data["tw"] == 1 and t.data["program"] == "B"
    assert "mengirim ulang formulir Triwulan I 2025" in t.pesan
    # the same without a budget unit: what to configure
    (t,) = anggaran_belum_dilaporkan(_PROGRAM, uang, Periode.parse("2025-TW2"), None)
    assert t.unit == "" and "[formulir] unit_anggaran" in t.pesan and "oleh unit" not in t.pesan


def test_a_quarter_nobody_reported_stays_one_office_finding() -> None:
    uang = _uang([("A", 1, 100.0), ("B", 1, 50.0)])
    found = anggaran_belum_dilaporkan(_PROGRAM, uang, Periode.parse("2025-TW2"), "RENKEU")
    assert [t.kode for t in found] == ["anggaran-belum-dilaporkan"]
    out = capaian_anggaran(_PROGRAM, uang, Periode.parse("2025-TW2")).set_index("kode")
    total = out.loc[""]
    assert total["pagu"] == 1500.0 and pd.isna(total["realisasi_anggaran"])
    # every program with pagu reported (C has none): complete, nothing raised
    lengkap = _uang([("A", 1, 100.0), ("B", 1, 50.0), ("A", 2, 1.0), ("B", 2, 0.0)])
    assert anggaran_belum_dilaporkan(_PROGRAM, lengkap, Periode.parse("2025-TW2"), "X") == []
    out = capaian_anggaran(_PROGRAM, lengkap, Periode.parse("2025-TW2")).set_index("kode")
    assert out.loc["", "dilaporkan"] and out.loc["", "realisasi_anggaran"] == 151.0
