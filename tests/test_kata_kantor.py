"""The office's own words for who gathers the data: the minutes, the step-8 message and the
intake message name the sekretaris tim's jabatan or unit from kantor.toml, never the demo's
"Perencanaan dan Keuangan" (an office may call it "Program dan Keuangan")."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from openpyxl import Workbook

from kinerja.cli import main
from kinerja.kantor.katalog import Kantor, load_kantor
from kinerja.kantor.peran import (
    TIM,
    jabatan_sekretaris_tim,
    penerima_formulir,
    peran_sekretaris_tim,
)
from kinerja.naskah import surat
from kinerja.paths import copy_demo

P = "2025-TW2"
DEMO = "Perencanaan dan Keuangan"
JABATAN = "Kepala Subbagian Program dan Keuangan"
UNIT = "Subbagian Program dan Keuangan"


def _ganti(office: Path, old: str, new: str) -> None:
    toml = office / "kantor.toml"
    text = toml.read_text(encoding="utf-8")
    assert old in text
    toml.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def lain(tmp_path: Path) -> Path:
    """A copy of the demo office whose kasubag_pk and the unit it heads are named otherwise."""
    office = copy_demo(tmp_path)
    _ganti(office, f'jabatan = "Kepala Subbagian {DEMO}"', f'jabatan = "{JABATAN}"')
    _ganti(office, f'nama = "Subbagian {DEMO}"', f'nama = "{UNIT}"')
    return office


def _teks_pdf(pdf: Path) -> str:
    run = ["pdftotext", "-raw", str(pdf), "-"]
    return " ".join(subprocess.run(run, capture_output=True, text=True, check=True).stdout.split())


def test_the_minutes_name_the_offices_own_official(lain, tmp_path):
    _, pdf = surat.buat_notulen(lain, P, tanggal="2025-07-03", out_dir=tmp_path / "naskah")
    text = _teks_pdf(pdf)
    assert DEMO not in text
    assert f"bukti dukung kepada {JABATAN}." in text
    assert f"{JABATAN} menghimpun, memvalidasi, dan menyusun draf" in text
    assert f"Notulis : {JABATAN}" in text


def test_the_demo_minutes_keep_their_words(tmp_path):
    office = copy_demo(tmp_path)
    _, pdf = surat.buat_notulen(office, P, tanggal="2025-07-03", out_dir=tmp_path / "naskah")
    text = _teks_pdf(pdf)
    assert "bukti dukung kepada Kepala Subbagian Perencanaan dan Keuangan." in text
    assert "Kepala Subbagian Perencanaan dan Keuangan menghimpun, memvalidasi" in text


def _kinerja(capsys, *args: object) -> tuple[int, str]:
    capsys.readouterr()
    code = main([str(a) for a in args])
    got = capsys.readouterr()
    return code, got.out + got.err


def test_step_8_names_the_offices_own_official(lain, tmp_path, capsys):
    office = ("--kantor", lain, "--periode", P)
    for no in range(1, 6):  # recorded by hand: step 6 takes the forms back for real
        assert (
            _kinerja(capsys, "sop", "catat", *office, "--langkah", no, "--pelaksana", "camat")[0]
            == 0
        )
    lanjut = ("sop", "lanjut", *office, "--keluaran", tmp_path / "keluaran")
    assert _kinerja(capsys, *lanjut)[0] == 0  # step 6
    putuskan = ("validasi", "putuskan", *office, "--temuan", "be91981cbcc8", "--oleh", "kasubag_pk")
    koreksi = ("--keputusan", "koreksi", "--alasan", "Salah ketik", "--nilai-baru", "87,5")
    assert _kinerja(capsys, *putuskan, *koreksi)[0] == 0
    assert _kinerja(capsys, *lanjut)[0] == 0  # step 7
    code, out = _kinerja(capsys, *lanjut)
    assert code == 0
    assert f"Langkah 8 selesai: hasil validasi disampaikan ke {JABATAN}" in out
    assert DEMO not in out


def test_the_intake_message_names_the_offices_own_unit(lain, tmp_path, capsys):
    bukan = tmp_path / "tabel-sendiri.xlsx"
    wb = Workbook()
    wb.active["A1"] = "Realisasi"
    wb.save(bukan)
    laporan = tmp_path / "laporan.json"
    args = ("himpun", "--kantor", lain, "--periode", P, "--laporan-json", laporan, bukan)
    code, out = _kinerja(capsys, *args)
    assert code == 1
    assert f"Isi formulir yang dikirim {UNIT};" in out
    assert DEMO not in out and DEMO not in laporan.read_text(encoding="utf-8")


def test_the_sekretaris_tim_comes_from_sop_peran_pejabat(tmp_path):
    office = copy_demo(tmp_path)
    kantor = load_kantor(office)
    assert peran_sekretaris_tim(kantor) == "kasubag_pk"  # the SOP's default
    assert jabatan_sekretaris_tim(kantor) == f"Kepala Subbagian {DEMO}"
    assert penerima_formulir(kantor) == f"Subbagian {DEMO}"

    text = (office / "kantor.toml").read_text(encoding="utf-8")
    (office / "kantor.toml").write_text(
        text + '\n[sop.peran_pejabat]\nsekretaris_tim = "sekcam"\n', encoding="utf-8"
    )
    kantor = load_kantor(office)
    assert peran_sekretaris_tim(kantor) == "sekcam"
    assert jabatan_sekretaris_tim(kantor) == "Sekretaris Camat"
    assert penerima_formulir(kantor) == "Sekretaris Camat"  # no unit headed by the sekcam
    _, pdf = surat.buat_notulen(office, P, tanggal="2025-07-03", out_dir=tmp_path / "naskah")
    assert "Sekretaris Camat menghimpun, memvalidasi" in _teks_pdf(pdf)


def test_an_office_without_the_official_names_the_team(tmp_path):
    kantor = load_kantor(copy_demo(tmp_path))
    config = dict(kantor.config)
    config["pejabat"] = [p for p in config["pejabat"] if p["peran"] != "kasubag_pk"]
    config["unit"] = [u for u in config["unit"] if u.get("kepala") != "kasubag_pk"]
    tanpa = Kantor(kantor.path, config)
    assert jabatan_sekretaris_tim(tanpa) == TIM
    assert penerima_formulir(tanpa) == f"{TIM} {kantor.nama}"
