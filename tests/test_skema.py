"""The configuration fuzz: broken kantor.toml and PK variants × every command that reads them.

No traceback, exit 1 (a broken file) or 2 (usage), and the message names the key or cell.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from kinerja.cli import main
from kinerja.inti.errors import InputError
from kinerja.kantor.katalog import load_kantor
from kinerja.kantor.pk import load_pk
from kinerja.kantor.pk_cek import BATAS_INDIKATOR
from kinerja.kantor.skema import periksa_config

FORMS = "formulir-kembali/2025-TW1"

# every command that reads kantor.toml ({k}: office folder, {o}: an output folder)
PERINTAH_TOML = [
    "formulir --kantor {k} --periode 2025-TW1 --keluaran {o}",
    "himpun --kantor {k} --periode 2025-TW1 {k}/" + FORMS,
    "validasi --kantor {k} --periode 2025-TW1",
    "verifikasi --kantor {k}",
    "jalankan --kantor {k} --periode 2025-TW1 --keluaran {o}",
    "dokumen --kantor {k} --periode 2025-TW1 --keluaran {o} --draf",
    "nomor-surat --kantor {k} --daftar",
    "sop status --kantor {k} --periode 2025-TW1",
    "sop mulai --kantor {k} --periode 2025-TW1",
    "arsip paket --kantor {k} --periode 2025-TW1 --keluaran {o}",
    "arsip daftar --kantor {k}",
    "ttd sertifikat-uji --kantor {k}",
    "naskah buat notulen --kantor {k} --periode 2025-TW1 --keluaran {o}",
    "validasi --kantor {k} --periode 2025-TW1 riwayat",
    "jadwal --kantor {k} --periode-otomatis",
]
# the commands that read the PK workbook
PERINTAH_PK = PERINTAH_TOML[:2] + PERINTAH_TOML[4:6]


def _ganti(old: str, new: str) -> Callable[[str], str]:
    def edit(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, 1)

    return edit


# name → (edit of the demo kantor.toml text, or bytes to write; what the message must name)
TOML: dict[str, tuple[Callable[[str], str | bytes], str]] = {
    "tanpa-nama": (_ganti('nama = "Kecamatan Linggo Sari Baganti"\n', ""), "[kantor] nama"),
    "tanpa-kode": (_ganti('kode = "linggo-sari-baganti"\n', ""), "[kantor] kode"),
    "nama-angka": (_ganti('nama = "Kecamatan Linggo Sari Baganti"', "nama = 123"), "[kantor] nama"),
    "kode-jalur": (
        _ganti('kode = "linggo-sari-baganti"', 'kode = "../../../escaped"'),
        "[kantor] kode",
    ),
    "latin-1": (
        lambda t: t.replace("Air Haji", "Caf\u00e9").encode("latin-1", "replace"),
        "UTF-8",
    ),
    "pagu-inf": (_ganti("total_pagu = 5294655000", "total_pagu = inf"), "total_pagu"),
    "pagu-nan": (_ganti("total_pagu = 5294655000", "total_pagu = nan"), "total_pagu"),
    "pagu-teks": (_ganti("total_pagu = 5294655000", 'total_pagu = "banyak"'), "total_pagu"),
    "ambang-negatif": (_ganti("capaian_atas = 150", "capaian_atas = -1"), "capaian_atas"),
    "bukti-teks": (_ganti("bukti_wajib = false", 'bukti_wajib = "tidak"'), "bukti_wajib"),
    "metode": (_ganti('metode = "rata_rata"', 'metode = "median"'), "[agregasi] metode"),
    "desa-teks": (_ganti("jumlah_desa = 16", 'jumlah_desa = "enam belas"'), "jumlah_desa"),
    "nip-hilang": (_ganti('nip = "197903121998031002"\n', ""), "[[pejabat]] ke-1 nip"),
    "unit-kepala": (_ganti('kepala = "kasi_pem"', 'kepala = "kasi_x"'), "kepala"),
    "unit-ganda": (_ganti('kode = "PEM"', 'kode = "UMPEG"'), "[[unit]] ke-3 kode"),
    "tanpa-unit": (lambda t: t[: t.index("[[unit]]")], "[[unit]]"),
    "paraf-teks": (_ganti("[naskah]\n", '[naskah]\nparaf = "sekcam"\n'), "paraf"),
    "sintaks": (_ganti("[anggaran]", "[anggaran"), "kantor.toml"),
    "unit-anggaran": (
        _ganti("[anggaran]", '[formulir]\nunit_anggaran = "KEUANGAN"\n\n[anggaran]'),
        "[formulir] unit_anggaran",
    ),
    "kosong": (lambda t: "", "[kantor]"),
    "raksasa": (lambda t: t + "#" * 1_100_000, "batas"),
}


def _kantor(kantor_dir: Path, edit: Callable[[str], str | bytes]) -> Path:
    toml = kantor_dir / "kantor.toml"
    out = edit(toml.read_text("utf-8"))
    if isinstance(out, bytes):
        toml.write_bytes(out)
    else:
        toml.write_text(out, "utf-8")
    return kantor_dir


def _run(template: str, kantor: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> str:
    argv = template.format(k=kantor, o=out).split()
    code = main(argv)  # a traceback here fails the test
    err = capsys.readouterr().err
    assert code in (1, 2), (argv, code, err)
    assert "Traceback" not in err
    return err


@pytest.mark.parametrize("varian", sorted(TOML))
def test_broken_kantor_toml_every_command(
    varian: str, kantor_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit, key = TOML[varian]
    kantor = _kantor(kantor_dir, edit)
    for template in PERINTAH_TOML:
        err = _run(template, kantor, tmp_path / "keluaran", capsys)
        assert key in err, (template, err)
        assert "kantor.toml" in err
    assert not (tmp_path / "keluaran").exists() or not any((tmp_path / "keluaran").iterdir())


def test_the_demo_office_is_sound() -> None:
    from kinerja.paths import demo_office

    assert periksa_config(load_kantor(demo_office()).config) == []


def test_each_problem_named_once_with_its_value(kantor_dir: Path) -> None:
    toml = kantor_dir / "kantor.toml"
    text = toml.read_text("utf-8").replace("total_pagu = 5294655000", "total_pagu = inf")
    toml.write_text(text.replace("jumlah_desa = 16", 'jumlah_desa = "x"'), "utf-8")
    with pytest.raises(InputError) as info:
        load_kantor(kantor_dir)
    kolom = sorted(t.kolom for t in info.value.temuan)
    assert kolom == ["[anggaran] total_pagu", "[kantor] jumlah_desa"]
    assert {t.nilai for t in info.value.temuan} == {"inf", "'x'"}


def test_a_bom_is_accepted(kantor_dir: Path) -> None:
    toml = kantor_dir / "kantor.toml"
    toml.write_bytes(b"\xef\xbb\xbf" + toml.read_bytes())
    assert load_kantor(kantor_dir).kode == "linggo-sari-baganti"


# ---------------------------------------------------------------------------------------------
# The PK workbook


def _pk(kantor_dir: Path, edit: Callable[[openpyxl.Workbook], None]) -> Path:
    path = kantor_dir / "perjanjian-kinerja-2025.xlsx"
    wb = openpyxl.load_workbook(path)
    edit(wb)
    wb.save(path)
    return kantor_dir


def _sel(sheet: str, cell: str, value: object) -> Callable[[openpyxl.Workbook], None]:
    def edit(wb: openpyxl.Workbook) -> None:
        wb[sheet][cell] = value

    return edit


def _skala(wb: openpyxl.Workbook) -> None:
    ws = wb["Skala"]
    ws["A2"], ws["B2"], ws["C2"] = "mutu", "baik", "tinggi"


def _kosongkan(wb: openpyxl.Workbook) -> None:
    ws = wb["Indikator"]
    ws.delete_rows(2, ws.max_row)


# J is target_tw1, I target_tahunan; row 3 is IK-02 (an "angka" target)
PK: dict[str, tuple[Callable[[openpyxl.Workbook], None], str]] = {
    "target-1e308": (_sel("Indikator", "J3", 1e308), "sel J3"),
    "target-true": (_sel("Indikator", "J3", True), "sel J3"),
    "target-besar-teks": (_sel("Indikator", "I3", "1.000.000.000.000.000.000"), "sel I3"),
    "target-rumus": (_sel("Indikator", "J3", "=10*2"), "sel J3"),
    "skala-urutan-teks": (_skala, "sel C2"),
    "kode-kosong": (_sel("Indikator", "A3", None), "sel A3"),
    "indikator-kosong": (_kosongkan, 'lembar "Indikator"'),
}


@pytest.mark.parametrize("varian", sorted(PK))
def test_broken_pk_every_command(
    varian: str, kantor_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit, where = PK[varian]
    kantor = _pk(kantor_dir, edit)
    for template in PERINTAH_PK:
        err = _run(template, kantor, tmp_path / "keluaran", capsys)
        assert where in err and "perjanjian-kinerja-2025.xlsx" in err, (template, err)


def test_a_blank_row_keeps_the_cell_addresses(kantor_dir: Path) -> None:
    def edit(wb: openpyxl.Workbook) -> None:
        wb["Indikator"].insert_rows(3)  # row 3 blank; IK-02 moves to row 4
        wb["Indikator"]["J4"] = True

    _pk(kantor_dir, edit)
    with pytest.raises(InputError) as info:
        load_pk(load_kantor(kantor_dir), 2025)
    assert [t.sel for t in info.value.temuan] == ["J4"]


def test_a_pk_above_the_limit_is_refused_at_once(kantor_dir: Path) -> None:
    def edit(wb: openpyxl.Workbook) -> None:
        ws = wb["Indikator"]
        row = [c.value for c in ws[2]]
        for i in range(BATAS_INDIKATOR + 1 - (ws.max_row - 1)):
            ws.append([f"IK-X{i}", *row[1:]])

    _pk(kantor_dir, edit)
    with pytest.raises(InputError, match=r"501 baris indikator, di atas batas 500 "):
        load_pk(load_kantor(kantor_dir), 2025)


def test_clean_pk_still_loads(kantor_dir: Path) -> None:
    shutil.rmtree(kantor_dir / "arsip", ignore_errors=True)
    pk = load_pk(load_kantor(kantor_dir), 2025)
    assert len(pk.indikator) == 16
