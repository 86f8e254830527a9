"""The shared options (kinerja.cli.opsi): one --kantor, --periode and date rule in every command."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

import pytest

from kinerja.cli import build_parser, main
from kinerja.inti.model import Periode
from kinerja.inti.tanggal import WIB

# Every command that takes --kantor, with the rest of a command line that parses; {k} is the
# office folder. test_every_kantor_command_is_listed keeps this list complete.
PERINTAH_KANTOR = {
    "arsip paket": ["arsip", "paket", "--kantor", "{k}", "--periode", "2025"],
    "arsip simpan": ["arsip", "simpan", "--kantor", "{k}", "--periode", "2025", "--jenis", "data",
                     "x.json"],
    "arsip daftar": ["arsip", "daftar", "--kantor", "{k}"],
    "dokumen": ["dokumen", "--kantor", "{k}", "--periode", "2025"],
    "formulir": ["formulir", "--kantor", "{k}", "--periode", "2025"],
    "himpun": ["himpun", "--kantor", "{k}", "--periode", "2025", "x.xlsx"],
    "jadwal": ["jadwal", "--kantor", "{k}", "--periode-otomatis"],
    "hitung": ["hitung", "--kantor", "{k}", "--periode", "2025"],
    "jalankan": ["jalankan", "--kantor", "{k}", "--periode", "2025"],
    "jalankan-banyak": ["jalankan-banyak", "--kantor", "{k}", "--periode", "2025"],
    "lab": ["lab", "--kantor", "{k}", "--no-browser"],
    "naskah buat": ["naskah", "buat", "notulen", "--kantor", "{k}", "--periode", "2025"],
    "nomor-surat": ["nomor-surat", "--kantor", "{k}", "--kode", "000.8.6.3", "--hal", "x"],
    "rekap": ["rekap", "paket", "--kantor", "{k}"],
    "sop status": ["sop", "status", "--kantor", "{k}", "--periode", "2025"],
    "sop mulai": ["sop", "mulai", "--kantor", "{k}", "--periode", "2025"],
    "sop lanjut": ["sop", "lanjut", "--kantor", "{k}", "--periode", "2025"],
    "sop catat": ["sop", "catat", "--kantor", "{k}", "--periode", "2025", "--langkah", "1",
                  "--pelaksana", "camat"],
    "ttd sertifikat-uji": ["ttd", "sertifikat-uji", "--kantor", "{k}"],
    "ttd tandatangani": ["ttd", "tandatangani", "--kantor", "{k}", "x.pdf"],
    "ttd periksa": ["ttd", "periksa", "x.pdf", "--kantor", "{k}"],
    "ttd akar": ["ttd", "akar", "--kantor", "{k}"],
    "ttd penanda": ["ttd", "penanda", "--kantor", "{k}"],
    "validasi": ["validasi", "--kantor", "{k}", "--periode", "2025"],
    "validasi putuskan": ["validasi", "putuskan", "--kantor", "{k}", "--periode", "2025",
                          "--temuan", "abcdef", "--keputusan", "terima", "--oleh", "sekcam",
                          "--alasan", "x"],
    "validasi riwayat": ["validasi", "riwayat", "--kantor", "{k}", "--periode", "2025"],
    "validasi impor": ["validasi", "impor", "--kantor", "{k}", "--periode", "2025",
                       "--berkas", "x.toml"],
    "verifikasi": ["verifikasi", "--kantor", "{k}"],
}  # fmt: skip


def _commands_with(option: str) -> set[str]:
    """Every (sub)command of ``kinerja`` that has ``option``, named as on the command line."""
    found: set[str] = set()

    def walk(parser: argparse.ArgumentParser, name: str) -> None:
        if option in parser._option_string_actions:
            found.add(name)
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for verb, sub in action.choices.items():
                    walk(sub, f"{name} {verb}".strip())

    walk(build_parser(), "")
    return found


def _argv(name: str, folder: Path) -> list[str]:
    return [str(folder) if a == "{k}" else a for a in PERINTAH_KANTOR[name]]


def _office(tmp_path: Path) -> Path:
    """A folder that passes the parse-time check (kantor.toml present, not read here)."""
    folder = tmp_path / "kantor"
    folder.mkdir()
    (folder / "kantor.toml").write_text("", encoding="utf-8")
    return folder


def test_every_kantor_command_is_listed() -> None:
    assert _commands_with("--kantor") == set(PERINTAH_KANTOR)


@pytest.mark.parametrize("name", sorted(PERINTAH_KANTOR))
def test_missing_office_folder_exits_2_in_every_command(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "tidak-ada"
    assert main(_argv(name, folder)) == 2
    err = capsys.readouterr().err
    assert f'Folder kantor "{folder}" tidak ada' in err
    assert "kesalahan penggunaan" in err and "Traceback" not in err
    assert not folder.exists()  # nothing was made on the way


@pytest.mark.parametrize("name", sorted(PERINTAH_KANTOR))
def test_folder_without_kantor_toml_exits_2_in_every_command(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(_argv(name, tmp_path)) == 2
    err = capsys.readouterr().err
    assert f'Folder "{tmp_path}" bukan folder kantor (tidak ada kantor.toml)' in err
    assert "Traceback" not in err


def test_a_broken_kantor_toml_is_a_data_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "rusak"
    folder.mkdir()
    (folder / "kantor.toml").write_text("[kantor\nnama = ", encoding="utf-8")
    assert main(["verifikasi", "--kantor", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "kantor.toml" in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("argv", "pesan"),
    [
        (["dokumen", "--kantor", "{k}", "--periode", "2025-TW5"], 'Periode "2025-TW5"'),
        (["dokumen", "--kantor", "{k}", "--periode", "2025", "--tanggal-cetak", "besok"],
         'Tanggal "besok"'),
        (["jalankan", "--kantor", "{k}", "--periode", "2025", "--tanggal-cetak", "30 Februari 2025"],
         'Tanggal "30 Februari 2025"'),
        (["rekap", "paket", "--periode", "TW4"], 'Periode "TW4"'),
        (["naskah", "buat", "notulen", "--kantor", "{k}", "--periode", "2025",
          "--tanggal-rapat", "2025/05/21"], 'Tanggal "2025/05/21"'),
        (["validasi", "putuskan", "--kantor", "{k}", "--periode", "2025", "--temuan", "abcdef",
          "--keputusan", "terima", "--oleh", "sekcam", "--alasan", "x", "--waktu", "nanti"],
         'Waktu "nanti"'),
    ],
)  # fmt: skip
def test_bad_periode_date_or_time_exits_2_naming_it(
    argv: list[str], pesan: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    office = str(_office(tmp_path))
    assert main([office if a == "{k}" else a for a in argv]) == 2
    err = capsys.readouterr().err
    assert pesan in err and "Traceback" not in err


@pytest.mark.parametrize("perintah", [["dokumen"], ["jalankan"], ["rekap", "paket"]])
@pytest.mark.parametrize("teks", ["15 Mei 2025", "2025-05-15", "15/05/2025"])
def test_tanggal_cetak_accepts_every_date_form(
    perintah: list[str], teks: str, tmp_path: Path
) -> None:
    """Parse only: the pipeline does not run."""
    office = str(_office(tmp_path))
    argv = [*perintah, "--kantor", office, "--periode", "2025", "--tanggal-cetak", teks]
    args = build_parser().parse_args(argv)
    assert args.tanggal_cetak == dt.date(2025, 5, 15)
    assert args.periode == Periode.parse("2025") or args.periode == [Periode.parse("2025")]


def test_parsed_values_and_defaults(tmp_path: Path) -> None:
    office = _office(tmp_path)
    parser = build_parser()
    args = parser.parse_args(["dokumen", "--kantor", str(office), "--periode", "2025-TW3"])
    assert args.kantor == office and args.periode == Periode(2025, 3, False)
    assert args.tanggal_cetak is None  # the command then takes today in WIB
    demo = parser.parse_args(["demo"])
    assert demo.tanggal_cetak == dt.date(2026, 1, 20) and str(demo.periode) == "2025-TW4"
    naskah = parser.parse_args(
        ["naskah", "buat", "notulen", "--kantor", str(office), "--periode", "2025",
         "--tanggal", "5 mei 2025", "--tanggal-rapat", "6 Mei 2025"]
    )  # fmt: skip
    assert (naskah.tanggal, naskah.tanggal_rapat) == (dt.date(2025, 5, 5), dt.date(2025, 5, 6))
    sop = parser.parse_args(
        ["sop", "catat", "--kantor", str(office), "--periode", "2025", "--langkah", "1",
         "--pelaksana", "camat", "--mulai", "2025-04-01 08:00", "--selesai", "1 April 2025 08.45"]
    )  # fmt: skip
    assert sop.mulai == dt.datetime(2025, 4, 1, 8, 0, tzinfo=WIB)
    assert sop.selesai == dt.datetime(2025, 4, 1, 8, 45, tzinfo=WIB)
    many = parser.parse_args(
        ["jalankan", "--kantor", str(office), "--kantor", str(office), "--periode", "2025"]
    )
    assert many.kantor == [office, office]
    none = parser.parse_args(["jalankan", "--folder-kantor", str(tmp_path), "--periode", "2025"])
    assert none.kantor == []  # repeated options start empty, never None
    assert parser.parse_args(["rekap", "paket"]).periode == []


@pytest.mark.parametrize(
    ("argv", "maksud"),
    [(["jalanan"], "'jalankan'"), (["validasi", "putuskna"], "'putuskan'"), (["zzz"], None)],
)
def test_mistyped_choice_gets_the_closest_one(
    argv: list[str], maksud: str | None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "pilihan tidak sah" in err and "Traceback" not in err
    if maksud is None:
        assert "Maksud Anda" not in err
    else:
        assert f"Maksud Anda {maksud}?" in err
