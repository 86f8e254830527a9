"""``kinerja hitung``: the exact contract other tools call."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook

from kinerja.cli import main
from kinerja.inti.angka import format_persen
from kinerja.inti.model import Periode
from kinerja.jalankan.langkah import ukur_kantor
from kinerja.kantor.katalog import load_kantor

HEADER = "Indikator,Satuan,Polaritas,Target,Realisasi"


def write(tmp_path: Path, text: str, name: str = "in.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def read_out(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_output_columns_rows_and_formats(tmp_path):
    src = write(
        tmp_path,
        HEADER + ",pagu,realisasi_anggaran\n"
        'Pengaduan,%,positif,80 - 90,92,"Rp1.455.199.373.000,00","1.405.183.265.160"\n'
        'Waktu,bulan,negatif,7 – 8,"6,5",100,90\n'
        "Kosong,%,positif,80,,100,50\n"
        'Persen,%,positif,"93,75%","85,5%",,\n',
    )
    out = tmp_path / "out.csv"
    assert main(["hitung", str(src), "-o", str(out)]) == 0
    rows = read_out(out)
    assert [r["Indikator"] for r in rows] == ["Pengaduan", "Waktu", "Kosong", "Persen"]
    assert list(rows[0])[:5] == HEADER.split(",")  # every input column, as written
    assert list(rows[0])[-5:] == [
        "capaian",
        "predikat",
        "keterangan",
        "capaian_anggaran",
        "efisiensi",
    ]
    assert rows[0]["capaian"] == "102.22" and rows[0]["predikat"] == "Sangat Tinggi"
    assert rows[0]["Target"] == "80 - 90"  # input cells unchanged
    assert rows[0]["capaian_anggaran"] == "96.56"
    assert rows[1]["capaian"] == "107.14"
    assert rows[1]["efisiensi"] == "119.05"  # 107,142857 / 90 × 100 = 119,047
    assert rows[2]["capaian"] == "" and rows[2]["predikat"] == ""
    assert "belum diisi" in rows[2]["keterangan"]
    assert rows[3]["capaian"] == "91.20"
    assert "dibaca sebagai" in rows[3]["keterangan"]  # lenient read is said


def test_invalid_rows_exit_1_named_and_kept(tmp_path, capsys):
    src = write(
        tmp_path,
        HEADER
        + "\nA,%,naik,80,60\nB,%,positif,80,delapan puluh\nC,%,positif,80,1.234\nD,%,positif,80,60\n",
    )
    out = tmp_path / "out.csv"
    assert main(["hitung", str(src), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "baris 2, kolom polaritas" in err and '"naik"' in err
    assert "baris 3, kolom realisasi" in err and "delapan puluh" in err
    assert "baris 4, kolom realisasi" in err and "ambigu" in err
    rows = read_out(out)
    assert len(rows) == 4  # no row dropped
    assert [r["capaian"] for r in rows] == ["", "", "", "75.00"]
    assert "polaritas" in rows[0]["keterangan"]


def test_rumus_negatif_option_and_column(tmp_path):
    src = write(
        tmp_path, HEADER + ",rumus_negatif\nA,kasus,negatif,10,8,\nB,kasus,negatif,10,8,T/R\n"
    )
    out = tmp_path / "out.csv"
    assert main(["hitung", str(src), "-o", str(out)]) == 0
    assert [r["capaian"] for r in read_out(out)] == ["120.00", "125.00"]
    assert main(["hitung", str(src), "-o", str(out), "--rumus-negatif", "T/R"]) == 0
    assert [r["capaian"] for r in read_out(out)] == ["125.00", "125.00"]


def test_xlsx_input_and_semicolon_csv(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["indikator", "satuan", "polaritas", "target", "realisasi"])
    ws.append(["A", "%", "positif", 80, 60])
    ws.append(["B", "%", "Positif", "80", "72,5"])
    wb.save(tmp_path / "in.xlsx")
    out = tmp_path / "out.csv"
    assert main(["hitung", str(tmp_path / "in.xlsx"), "-o", str(out)]) == 0
    assert [r["capaian"] for r in read_out(out)] == ["75.00", "90.63"]
    src = write(
        tmp_path, "indikator;satuan;polaritas;target;realisasi\nA;%;positif;80;60\n", "semi.csv"
    )
    assert main(["hitung", str(src), "-o", str(out)]) == 0
    assert read_out(out)[0]["capaian"] == "75.00"


def test_stdout_table_is_readable(tmp_path, capsys):
    src = write(tmp_path, HEADER + "\nPengaduan,%,positif,80,60\n")
    assert main(["hitung", str(src)]) == 0
    out = capsys.readouterr().out
    assert "Pengaduan" in out and "75,00%" in out and "Sedang" in out


@pytest.mark.parametrize(
    ("content", "name", "code", "message"),
    [
        (None, "tidak-ada.csv", 2, "tidak ditemukan"),
        ("a,b\n1,2\n", "in.csv", 2, "tidak memiliki kolom"),
        ("x", "in.txt", 2, "hanya .csv atau .xlsx"),
        (b"%PDF-1.7 not a workbook", "in.xlsx", 1, "bukan .xlsx"),
        (b"", "in.xlsx", 1, "kosong"),
    ],
)
def test_bad_input_clear_error_no_traceback(tmp_path, content, name, code, message):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content)
    proc = subprocess.run(
        [sys.executable, "-m", "kinerja", "hitung", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == code
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr


def test_usage_error_exit_2(tmp_path, capsys):
    assert main(["hitung"]) == 2  # argparse's usage error, as an exit code
    assert "wajib" in capsys.readouterr().err


def test_output_is_atomic_on_failure(tmp_path, capsys):
    src = write(tmp_path, HEADER + "\nA,%,positif,80,60\n")
    out = tmp_path / "out.csv"
    out.mkdir()  # cannot be replaced by a file: the write fails after the temp file is written
    (out / "isi.txt").write_text("tetap")
    assert main(["hitung", str(src), "-o", str(out)]) == 1
    assert "tidak dapat dibaca/ditulis" in capsys.readouterr().err
    assert (out / "isi.txt").read_text() == "tetap"
    assert not list(tmp_path.glob(".out.csv.*"))  # no temp file left behind
    good = tmp_path / "good.csv"
    assert main(["hitung", str(src), "-o", str(good)]) == 0
    assert pd.read_csv(good)["capaian"].tolist() == [75.0]


def test_published_files_are_readable_by_others(tmp_path):
    src = write(tmp_path, HEADER + "\nA,%,positif,80,60\n")
    out = tmp_path / "out.csv"
    assert main(["hitung", str(src), "-o", str(out)]) == 0
    assert out.stat().st_mode & 0o044 == 0o044  # not mkstemp's 0600


def test_header_only_table_gives_header_only_output(tmp_path):
    src = write(tmp_path, HEADER + "\n")
    out = tmp_path / "out.csv"
    assert main(["hitung", str(src), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == HEADER + ",capaian,predikat,keterangan\n"


def test_an_offices_measurement_by_kantor_and_periode(kantor_dir, capsys):
    """``hitung --kantor DIR --periode P``: the office's own figures (what the demo prints)."""
    assert main(["hitung", "--kantor", str(kantor_dir), "--periode", "2025-TW2"]) == 0
    out = capsys.readouterr().out
    ukuran = ukur_kantor(load_kantor(kantor_dir), Periode.parse("2025-TW2"))
    k = ukuran.hasil.kantor
    assert out.startswith("Kecamatan Linggo Sari Baganti — Pengukuran Kinerja Triwulan II")
    assert f"Capaian kantor: {format_persen(k['capaian_2d'])} — {k['predikat']}" in out
    assert all(kode in out for kode in ukuran.pk.indikator["kode"])


@pytest.mark.parametrize(
    "extra",
    [
        ["--kantor", "{k}"],  # no periode
        ["--periode", "2025-TW2"],  # no kantor
        ["--kantor", "{k}", "--periode", "2025-TW2", "in.csv"],  # both ways at once
        [],  # neither
    ],
)
def test_hitung_by_kantor_refuses_mixed_or_missing_options(kantor_dir, capsys, extra):
    args = [a.replace("{k}", str(kantor_dir)) for a in extra]
    assert main(["hitung", *args]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and ("--kantor" in err or "INPUT" in err)
