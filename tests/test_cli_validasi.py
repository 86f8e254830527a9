"""``kinerja validasi``: open findings, exit codes, and decisions from the command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from kinerja.cli import main
from kinerja.validasi import ledger

P = "2025-TW4"


@pytest.fixture
def salah(kantor_dir: Path) -> Path:
    """The demo office with a unit's typing mistake: IK-07 TW III = 937,5 %."""
    path = kantor_dir / "realisasi-2025.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb["Realisasi"]
    for row in ws.iter_rows(min_row=2):
        if row[0].value == "IK-07" and int(row[1].value) == 3:
            row[2].value = "937,5"
    wb.save(path)
    return kantor_dir


def _id(kantor_dir: Path, kode: str) -> str:
    (t,) = [t for t in ledger.load_temuan(kantor_dir, P) if t.kode == kode]
    return t.data["id"]


def test_open_error_exits_1_and_is_listed_in_indonesian(salah, capsys):
    assert main(["validasi", "--kantor", str(salah), "--periode", P]) == 1
    out = capsys.readouterr().out
    assert "Persentase di luar 0–100" in out and "KESALAHAN" in out
    assert "persen-di-luar-rentang" not in out and "error" not in out  # codes only in JSON
    assert "Belum diputus" in out
    assert "937,50%" in out
    assert _id(salah, "persen-di-luar-rentang") in out
    assert "Dokumen masih DRAF" in out
    assert "1 kesalahan" in out


def test_correction_from_the_command_line_closes_the_error(salah, capsys):
    ident = _id(salah, "persen-di-luar-rentang")
    code = main(
        [
            "validasi",
            "putuskan",
            "--kantor",
            str(salah),
            "--periode",
            P,
            "--temuan",
            ident[:8],
            "--keputusan",
            "koreksi",
            "--oleh",
            "kasubag_pk",
            "--alasan",
            "Salah ketik; 15 dari 16 nagari.",
            "--nilai-baru",
            "93,75",
            "--waktu",
            "2026-01-12T09:30",
        ]
    )
    assert code == 0
    out = capsys.readouterr().out
    assert "Dikoreksi: 937,5 → 93,75" in out
    assert "12 Januari 2026 pukul 09.30 WIB" in out
    assert main(["validasi", "--kantor", str(salah), "--periode", P]) == 0
    out = capsys.readouterr().out
    assert "Persentase di luar 0–100" not in out  # decided: not open any more
    assert main(["validasi", "--kantor", str(salah), "--periode", P, "--semua"]) == 0
    assert "Dikoreksi → 93,75 oleh DEDI SUPRIADI" in capsys.readouterr().out


def test_returned_error_keeps_the_exit_code_at_1(salah, capsys):
    ident = _id(salah, "persen-di-luar-rentang")
    args = ["validasi", "putuskan", "--kantor", str(salah), "--periode", P, "--temuan", ident]
    assert main([*args, "--keputusan", "kembalikan", "--oleh", "sekcam", "--alasan", "Cek."]) == 0
    assert main(["validasi", "--kantor", str(salah), "--periode", P]) == 1
    assert "Dikembalikan ke unit" in capsys.readouterr().out


def test_history_and_json(salah, capsys, tmp_path):
    ident = _id(salah, "persen-di-luar-rentang")
    base = ["validasi", "putuskan", "--kantor", str(salah), "--periode", P, "--temuan", ident]
    main([*base, "--keputusan", "kembalikan", "--oleh", "kasubag_pk", "--alasan", "Cek."])
    main([*base, "--keputusan", "terima", "--oleh", "camat", "--alasan", "Sudah dicek."])
    capsys.readouterr()
    assert main(["validasi", "riwayat", "--kantor", str(salah), "--periode", P]) == 0
    out = capsys.readouterr().out
    assert "2 baris" in out
    assert "menggantikan #1" in out
    target = tmp_path / "keluar" / "temuan.json"
    main(["validasi", "--kantor", str(salah), "--periode", P, "--json", str(target)])
    rows = json.loads(target.read_text("utf-8"))["temuan"]
    row = next(r for r in rows if r["temuan_id"] == ident)
    assert (row["keputusan"], row["oleh"], row["revisi"]) == (
        "terima",
        "RAHMAT HIDAYAT, S.STP., M.Si.",
        1,
    )


def test_import_of_the_demo_decisions(kantor_dir, capsys):
    # as in the demo: the returned forms are taken in first (TW II holds the 875 slip)
    folders = [kantor_dir / "formulir-kembali" / f"2025-TW{tw}" for tw in (1, 2, 3, 4)]
    for tw, folder in enumerate(folders, start=1):
        main(["himpun", "--kantor", str(kantor_dir), "--periode", f"2025-TW{tw}", str(folder)])
    capsys.readouterr()
    args = ["validasi", "impor", "--kantor", str(kantor_dir), "--periode", P]
    assert main([*args, "--berkas", str(kantor_dir / "keputusan-demo.toml")]) == 0
    assert "3 keputusan dicatat" in capsys.readouterr().out
    assert main([*args, "--berkas", str(kantor_dir / "keputusan-demo.toml")]) == 0
    assert "0 keputusan dicatat" in capsys.readouterr().out
    stray = kantor_dir / "lain.toml"
    stray.write_text(
        '[[keputusan]]\nkode = "capaian-rendah"\nindikator = "IK-01"\ntw = 4\n'
        'keputusan = "terima"\noleh = "sekcam"\nalasan = "x"\n',
        "utf-8",
    )
    assert main([*args, "--berkas", str(stray)]) == 1
    assert "Tidak cocok" in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv",
    [
        ["validasi"],
        ["validasi", "--periode", P],
        ["validasi", "--kantor", "{k}", "--periode", "2025-TW9"],
        ["validasi", "putuskan", "--kantor", "{k}", "--periode", P, "--temuan", "ffffffff",
         "--keputusan", "terima", "--oleh", "sekcam", "--alasan", "x"],
        ["validasi", "putuskan", "--kantor", "{k}", "--periode", P, "--temuan", "a39ecb35",
         "--keputusan", "terima", "--oleh", "bupati", "--alasan", "x"],
        ["validasi", "putuskan", "--kantor", "{k}", "--periode", P, "--temuan", "a39ecb35",
         "--keputusan", "hapus", "--oleh", "sekcam", "--alasan", "x"],
    ],
)  # fmt: skip
def test_usage_errors_exit_2_without_traceback(kantor_dir, argv):
    argv = [a.replace("{k}", str(kantor_dir)) for a in argv]
    done = subprocess.run(
        [sys.executable, "-m", "kinerja", *argv], capture_output=True, text=True, check=False
    )
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert "kinerja" in done.stderr


def test_a_folder_without_kantor_toml_is_a_usage_error(tmp_path, capsys):
    assert main(["validasi", "--kantor", str(tmp_path), "--periode", P]) == 2
    assert "kantor.toml" in capsys.readouterr().err
