"""Messages a person reads say it in Indonesian: a broken kantor.toml by line and column, a
non-UTF-8 byte without Python notation, SOP roles by their labels, a closed pipe quietly."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest
from formulir_util import column_of, edit, filled_forms

from kinerja.cli import PIPA_TERTUTUP, main
from kinerja.formulir.himpun import himpun
from kinerja.inti.errors import InputError, UsageError
from kinerja.inti.tanggal import WIB
from kinerja.kantor.katalog import load_kantor
from kinerja.kantor.pk import load_pk
from kinerja.rekap.penanda import baca_penanda
from kinerja.sop.definisi import sebutan_pelaksana, sop_kantor
from kinerja.sop.register import catat_langkah


def _tulis(kantor_dir: Path, lama: str, baru: str) -> Path:
    toml = kantor_dir / "kantor.toml"
    teks = toml.read_text("utf-8")
    assert lama in teks, lama
    toml.write_text(teks.replace(lama, baru, 1), "utf-8")
    return toml


def _baris(toml: Path, awal: str) -> int:
    return next(
        i for i, b in enumerate(toml.read_text("utf-8").splitlines(), 1) if b.startswith(awal)
    )


def test_a_missing_quote_is_named_by_line_column_and_text(kantor_dir: Path) -> None:
    toml = _tulis(kantor_dir, 'kabupaten = "Pesisir Selatan"', 'kabupaten = "Pesisir Selatan')
    no = _baris(toml, "kabupaten = ")
    with pytest.raises(InputError) as info:
        load_kantor(kantor_dir)
    pesan = str(info.value)
    kolom = len('kabupaten = "Pesisir Selatan') + 1  # the end of the line
    assert f"baris {no}, kolom {kolom}" in pesan
    assert "tanda kutip penutup" in pesan
    assert f'baris {no}: kabupaten = "Pesisir Selatan\n' in pesan
    assert not re.search(r"Illegal|character|line|column|\\n", pesan), pesan


@pytest.mark.parametrize(
    ("lama", "baru", "kata"),
    [
        ("total_pagu = 5294655000", "total_pagu = banyak", "tanda kutip"),
        ("[anggaran]", "[anggaran", "ditutup dengan ]"),
        ("jumlah_desa = 16", "jumlah desa = 16", "tanda ="),
        ("jumlah_desa = 16", "jumlah_desa = 16 desa", "satu kunci per baris"),
    ],
)
def test_every_syntax_mistake_is_said_in_indonesian(
    kantor_dir: Path, lama: str, baru: str, kata: str
) -> None:
    toml = _tulis(kantor_dir, lama, baru)
    no = _baris(toml, baru)
    with pytest.raises(InputError) as info:
        load_kantor(kantor_dir)
    pesan = str(info.value)
    assert f"baris {no}, kolom " in pesan and kata in pesan, pesan
    assert f"baris {no}: {baru}" in pesan
    assert not re.search(r"Invalid|Expected|at line", pesan), pesan


def test_a_latin1_byte_is_named_without_python_notation(kantor_dir: Path) -> None:
    toml = kantor_dir / "kantor.toml"
    no = _baris(toml, "ibu_kota")
    teks = toml.read_text("utf-8").replace("Air Haji", "Caf\u00e9 Haji", 1)
    toml.write_bytes(teks.encode("latin-1", "replace"))
    with pytest.raises(InputError) as info:
        load_kantor(kantor_dir)
    pesan = str(info.value)
    assert "b'" not in pesan and "\\x" not in pesan, pesan
    assert 'huruf "é"' in pesan and "Simpan ulang berkas sebagai UTF-8" in pesan
    assert re.search(r"di baris \d+, kolom \d+", pesan)
    assert f"di baris {no}, kolom 16" in pesan
    assert "Café Haji" in pesan  # the line, read as the office's Windows editor wrote it


def test_a_sop_role_run_by_no_official_is_refused(kantor_dir: Path) -> None:
    _tulis(
        kantor_dir,
        "[[pejabat]]",
        '[sop.peran_pejabat]\nsekretaris_tim = "kasubag_x"\n\n[[pejabat]]',
    )
    with pytest.raises(InputError) as info:
        load_kantor(kantor_dir)
    (t,) = info.value.temuan
    assert t.kolom == "[sop.peran_pejabat] sekretaris_tim"
    pesan = str(info.value)
    assert '"kasubag_x" tidak ada di [[pejabat]] peran (' in pesan
    for peran in ("camat", "sekcam", "kasubag_pk"):
        assert peran in pesan.split("peran (", 1)[1]


def test_a_sop_role_run_by_an_official_is_accepted(kantor_dir: Path) -> None:
    _tulis(
        kantor_dir, "[[pejabat]]", '[sop.peran_pejabat]\nsekretaris_tim = "sekcam"\n\n[[pejabat]]'
    )
    assert load_kantor(kantor_dir).config["sop"]["peran_pejabat"] == {"sekretaris_tim": "sekcam"}


def test_sop_status_names_roles_by_label_and_official(
    kantor_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kantor = load_kantor(kantor_dir)
    waktu = dt.datetime(2025, 4, 7, 8, 0, tzinfo=WIB)
    catat_langkah(kantor, "2025-TW1", 1, pelaksana="camat", mulai=waktu, selesai=waktu)
    assert main(["sop", "status", "--kantor", str(kantor_dir), "--periode", "2025-TW1"]) == 0
    out = capsys.readouterr().out
    camat = kantor.pejabat["camat"].nama
    assert f"pelaksana: Camat — {camat}\n" in out
    assert "pelaksana: camat" not in out
    sop = sop_kantor(kantor)
    assert sebutan_pelaksana(kantor, sop, "anggota_tim", sop["peran"]["anggota_tim"]) == (
        "Anggota Tim SAKIP (Kepala Seksi/Subbagian)"
    )
    assert sebutan_pelaksana(kantor, sop, "sekretaris_tim", "X").startswith("Sekretaris Tim")


@pytest.mark.parametrize("argv", [["--help"], ["sop", "status", "--periode", "2025-TW1"]])
def test_a_closed_pipe_ends_quietly(argv: list[str], kantor_dir: Path) -> None:
    if "status" in argv:
        argv = [*argv, "--kantor", str(kantor_dir)]
    with subprocess.Popen(
        [sys.executable, "-m", "kinerja", *argv], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.close()  # the reader goes before the first line (as `| head -0` would)
        err = proc.stderr.read().decode()
        code = proc.wait(timeout=120)
    assert err == ""
    # argparse itself drops the help text it cannot write (and exits 0); a command stops at
    # its first line with the code a shell gives a command ended by SIGPIPE
    assert code == (0 if argv == ["--help"] else PIPA_TERTUTUP)


def test_other_toml_files_are_named_in_indonesian_too(tmp_path: Path) -> None:
    berkas = tmp_path / "penanda.toml"
    berkas.write_text('linggo-sari-baganti = "1979031219980310\n', "utf-8")
    with pytest.raises(UsageError) as info:
        baca_penanda(berkas)
    assert "di baris 1, kolom 40: tanda kutip penutup" in str(info.value)
    berkas.write_bytes('kantor = "19790312"  # Caf\u00e9\n'.encode("latin-1"))
    with pytest.raises(UsageError) as info:
        baca_penanda(berkas)
    assert 'di baris 1, kolom 27 ada huruf "é"' in str(info.value)
    assert "b'" not in str(info.value)


@pytest.mark.parametrize(
    ("ketik", "kode", "bagian"),
    [
        (875, "realisasi-persen-di-atas-100", "tertulis 875, terbaca 875%: di atas 100"),
        ("8750,0", "realisasi-tidak-wajar", "tertulis 8750,0, terbaca 8.750: tidak wajar"),
    ],
)
def test_an_implausible_percent_says_what_was_typed_and_how_it_was_read(
    kantor_dir: Path, tmp_path: Path, ketik: object, kode: str, bagian: str
) -> None:
    kantor = load_kantor(kantor_dir)
    pk = load_pk(kantor, 2025)
    forms = filled_forms(kantor, pk, tmp_path, "2025-TW3")
    assert column_of(forms["KESOS"], "Realisasi TW III") == "M"
    edit(forms["KESOS"], "Realisasi", {"M9": ketik})  # IK-14, a percent
    hasil = himpun(kantor, "2025-TW3", [forms["KESOS"]], pk=pk)
    (t,) = [t for t in hasil.temuan if t.kode == kode]
    assert bagian in t.pesan, t.pesan
    assert "87,5 ditulis 87,5" not in t.pesan, t.pesan
    assert "koma lima persen ditulis 87,5" in t.pesan and "bukan 875" in t.pesan


def test_a_missing_office_folder_suggests_init_and_demo(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hilang = tmp_path / "tidakada"
    argv = ["sop", "lanjut", "--kantor", str(hilang), "--periode", "2025-TW1"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert f"kinerja init {hilang} --nama" in err and "kinerja demo" in err
    assert "linggo-sari-baganti" not in err
    with pytest.raises(InputError, match="kinerja init"):
        load_kantor(hilang)
    assert not hilang.exists()
