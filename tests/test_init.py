"""``kinerja init``: a new office of one's own, with its own SOP, from the public commands."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import openpyxl
import pytest

from kinerja.cli import main
from kinerja.inti.errors import InputError
from kinerja.kantor.katalog import load_kantor
from kinerja.kantor.pk import load_pk
from kinerja.sop.definisi import sop_kantor
from kinerja.sop.register import status_sop

NAMA = "Kecamatan Batang Kapas"
#: What names the demo office anywhere it prints: its name, its letter code, its SOP number.
DEMO = ("Linggo Sari Baganti", "Kec-LSB", "SOP-CMT-LSB", "403/SOP")


def _init(folder: Path, *extra: str) -> int:
    return main(["init", str(folder), "--nama", NAMA, "--kabupaten", "Pesisir Selatan", *extra])


@pytest.fixture
def baru(tmp_path: Path) -> Path:
    folder = tmp_path / "batang-kapas"
    assert _init(folder, "--tahun", "2025") == 0
    return folder


def _isi_pejabat(folder: Path) -> None:
    """What the office does first: fill the marked lines of kantor.toml."""
    toml = folder / "kantor.toml"
    text = toml.read_text("utf-8")
    n = iter(range(1, 100))
    text = re.sub(
        r'nama = "" +# WAJIB DIISI.*', lambda _: f'nama = "PEJABAT {next(n)}, S.E."', text
    )
    m = iter(range(1, 100))
    text = re.sub(
        r'nip = "" +# WAJIB DIISI.*', lambda _: f'nip = "19800101200501100{next(m) % 10}"', text
    )
    text = re.sub(r'pangkat = "" +# WAJIB DIISI.*', 'pangkat = "Penata"', text)
    text = re.sub(r'golongan = "" +# WAJIB DIISI.*', 'golongan = "III/c"', text)
    text = text.replace('nomor = ""', 'nomor = "000.8.3.3/12/SOP-KEC-BK/2025"')
    text = text.replace('ibu_kota = ""', 'ibu_kota = "Pasar Kuok"')
    toml.write_text(text, "utf-8")


def _isi_pk(folder: Path) -> None:
    """Fill the empty PK in code: two sasaran, three indicators of two units, one program."""
    path = folder / "perjanjian-kinerja-2025.xlsx"
    wb = openpyxl.load_workbook(path)
    wb["Sasaran"].append(["S1", "Meningkatnya akuntabilitas kinerja Kecamatan"])
    wb["Sasaran"].append(["S2", "Meningkatnya kualitas pelayanan publik"])
    header = [c.value for c in wb["Indikator"][1]]
    rows = [
        {"kode": "IK-01", "sasaran_kode": "S1", "indikator": "Persentase realisasi anggaran",
         "satuan": "%", "polaritas": "positif", "jenis_periode": "akhir", "target_tahunan": 95,
         "target_tw1": 20, "target_tw2": 45, "target_tw3": 70, "target_tw4": 95, "unit": "RENKEU"},
        {"kode": "IK-02", "sasaran_kode": "S2", "indikator": "Jumlah layanan administrasi",
         "satuan": "layanan", "polaritas": "positif", "jenis_periode": "kumulatif",
         "target_tahunan": 400, "target_tw1": 100, "target_tw2": 100, "target_tw3": 100,
         "target_tw4": 100, "unit": "PELUM"},
        {"kode": "IK-03", "sasaran_kode": "S2", "indikator": "Rata-rata waktu layanan",
         "satuan": "hari", "polaritas": "negatif", "jenis_periode": "rata_rata",
         "target_tahunan": 3, "target_tw1": 3, "target_tw2": 3, "target_tw3": 3,
         "target_tw4": 3, "unit": "PELUM"},
    ]  # fmt: skip
    for row in rows:
        wb["Indikator"].append([row.get(h) for h in header])
    wb["Program"].append(["7.01.01", "Program Penunjang", "S1", "RENKEU", 1_000_000_000])
    wb.save(path)


def test_init_writes_an_office_that_loads(baru: Path) -> None:
    kantor = load_kantor(baru)
    assert (kantor.nama, kantor.kode) == (NAMA, "batang-kapas")
    assert kantor.config["kantor"]["kabupaten"] == "Pesisir Selatan"
    assert {u.kode for u in kantor.units} >= {"RENKEU", "PEM", "PELUM"}
    assert {u.kepala for u in kantor.units} <= set(kantor.pejabat)
    assert (baru / "formulir-kembali").is_dir()
    text = (baru / "kantor.toml").read_text("utf-8")
    assert "WAJIB DIISI" in text and not any(d in text for d in DEMO)
    lines = text.splitlines()
    # every section and every pejabat block is explained by a comment above it
    for i, line in enumerate(lines):
        if re.fullmatch(r"\[+[a-z_.]+\]+", line) and line not in ("[[pejabat]]", "[[unit]]"):
            assert lines[i + 1].startswith("#"), f"{line} has no comment"
    assert lines.count("[[pejabat]]") == len(kantor.pejabat)
    assert all(x in text for x in ("[sop]", "[jam_kerja]", "[penomoran]", "[naskah]", "[validasi]"))


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "kantor"
    folder.mkdir()
    assert _init(folder) == 0  # an empty folder is fine
    before = (folder / "kantor.toml").read_bytes()
    assert _init(folder) == 2
    assert "tidak kosong" in capsys.readouterr().err
    assert (folder / "kantor.toml").read_bytes() == before  # nothing overwritten
    other = tmp_path / "berisi"
    other.mkdir()
    (other / "catatan.txt").write_text("milik orang lain")
    assert _init(other) == 2
    assert sorted(p.name for p in other.iterdir()) == ["catatan.txt"]
    assert main(["init", str(tmp_path / "x"), "--kabupaten", "Agam"]) == 2  # --nama missing
    assert _init(tmp_path / "y", "--tahun", "25") == 2


def test_the_pk_workbook_opens_with_its_petunjuk(baru: Path) -> None:
    wb = openpyxl.load_workbook(baru / "perjanjian-kinerja-2025.xlsx")
    assert wb.sheetnames == ["Petunjuk", "Sasaran", "Indikator", "Program", "Skala"]
    petunjuk = "\n".join(str(r[0].value or "") for r in wb["Petunjuk"].iter_rows())
    assert f"PERJANJIAN KINERJA TAHUN 2025 — {NAMA}" in petunjuk
    assert "jenis_periode" in petunjuk and "RENKEU" in petunjuk
    # the codes kinerja init wrote are examples: the office's own are those of kantor.toml
    assert "Kode unit = kode [[unit]] di kantor.toml" in petunjuk
    contoh = petunjuk.index("Contoh, unit yang ditulis kinerja init")
    assert contoh < petunjuk.index("RENKEU:") and "dari kantor.toml:" not in petunjuk
    assert wb["Indikator"].max_row == 1  # header only
    assert wb["Indikator"]["E1"].value == "polaritas"
    kantor = load_kantor(baru)
    with pytest.raises(InputError, match='lembar "Indikator" tidak memuat satu indikator pun'):
        load_pk(kantor, 2025)


def test_formulir_works_once_the_pk_is_filled(baru: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "formulir"
    assert (
        main(["formulir", "--kantor", str(baru), "--periode", "2025-TW1", "--keluaran", str(out)])
        == 1
    )
    assert "tidak memuat satu indikator pun" in capsys.readouterr().err
    _isi_pk(baru)
    pk = load_pk(load_kantor(baru), 2025)
    assert list(pk.indikator["kode"]) == ["IK-01", "IK-02", "IK-03"]
    assert (
        main(["formulir", "--kantor", str(baru), "--periode", "2025-TW1", "--keluaran", str(out)])
        == 0
    )
    names = sorted(p.name for p in out.glob("*.xlsx"))
    assert (
        len(names) == 2 and any("PELUM" in n for n in names) and any("RENKEU" in n for n in names)
    )
    wb = openpyxl.load_workbook(out / next(n for n in names if "PELUM" in n))
    cells = " ".join(str(c.value) for row in wb.worksheets[0].iter_rows() for c in row if c.value)
    assert NAMA in cells and not any(d in cells for d in DEMO)


def test_the_office_has_its_own_sop(baru: Path) -> None:
    sop = sop_kantor(load_kantor(baru))
    assert sop["nomor_sop"] == ""  # to be filled: never the demo's number
    assert sop["langkah"][0]["uraian"] == f"Memerintahkan penyusunan pengukuran kinerja {NAMA}"
    assert [s["mutu_baku_menit"] for s in sop["langkah"]][6] == 240
    toml = baru / "kantor.toml"
    toml.write_text(
        toml.read_text("utf-8")
        .replace(
            "[jam_kerja]",
            '[[sop.langkah]]\nno = 7\nmutu_baku_menit = 480\nuraian = "Memvalidasi data"\n\n'
            '[sop.peran]\ncamat = "Camat Batang Kapas"\n\n[jam_kerja]',
        )
        .replace(
            'tanggal_pengesahan = ""',
            "tanggal_pengesahan = 2025-06-02",
        ),
        "utf-8",
    )
    sop = sop_kantor(load_kantor(baru))
    assert (sop["langkah"][6]["mutu_baku_menit"], sop["langkah"][6]["uraian"]) == (
        480,
        "Memvalidasi data",
    )
    assert sop["peran"]["camat"] == "Camat Batang Kapas"
    assert sop["tanggal_pengesahan"] == "2025-06-02"
    assert tomllib.loads(toml.read_text("utf-8"))["sop"]["langkah"][0]["no"] == 7
    row = status_sop(load_kantor(baru), "2025-TW1")[6]  # the register works by it
    assert (row["uraian"], row["mutu_baku"]) == ("Memvalidasi data", 480)


@pytest.mark.parametrize(
    ("extra", "key"),
    [
        ("[[sop.langkah]]\nno = 15\n", "kunci no"),
        ("[[sop.langkah]]\nno = 2\nmutu_baku_menit = 0\n", "kunci mutu_baku_menit"),
        ('[[sop.langkah]]\nno = 2\nwaktu = "1 jam"\n', "kunci waktu"),
    ],
)
def test_a_wrong_sop_override_names_the_key(baru: Path, extra: str, key: str) -> None:
    toml = baru / "kantor.toml"
    toml.write_text(
        toml.read_text("utf-8").replace("[jam_kerja]", extra + "\n[jam_kerja]"), "utf-8"
    )
    with pytest.raises(InputError, match=rf"\[\[sop.langkah\]\] ke-1 {key}"):
        sop_kantor(load_kantor(baru))


def test_nothing_the_new_office_prints_names_the_demo(baru: Path, tmp_path: Path, capsys) -> None:
    _isi_pejabat(baru)
    k = ["--kantor", str(baru), "--periode", "2025-TW1"]
    capsys.readouterr()
    assert main(["sop", "catat", *k, "--langkah", "1", "--pelaksana", "camat",
                 "--mulai", "2025-04-01T15:00", "--selesai", "2025-04-02T08:00"]) == 0  # fmt: skip
    catat = capsys.readouterr().out
    assert "90 menit kerja" in catat  # 15.00–16.00 and 07.30–08.00, not the night between
    assert main(["sop", "status", *k]) == 0
    status = capsys.readouterr().out
    assert f"SOP Pengukuran Kinerja (000.8.3.3/12/SOP-KEC-BK/2025) — {NAMA}" in status
    assert f"pengukuran kinerja {NAMA}" in status
    letters = tmp_path / "naskah"
    assert main(["naskah", "buat", "disposisi", *k, "--keluaran", str(letters)]) == 0
    html = (letters / "disposisi-2025-TW1.html").read_text("utf-8")
    assert NAMA.upper() in html or NAMA in html
    for text in (catat, status, html):
        assert not [d for d in DEMO if d in text]


def test_init_points_to_the_sop_walk(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "batang-kapas"
    assert _init(folder, "--tahun", "2025") == 0
    akhir = capsys.readouterr().out.splitlines()[-1]
    assert akhir.startswith("Berikutnya: ") and "kinerja formulir" not in akhir
    assert akhir.endswith(f"kinerja sop lanjut --kantor {folder.resolve()} --periode 2025-TW1")
