"""A band for rows without a target (issue 15): ``tanpa_target = "Tidak Ada Target"``.

An office's scale may name the predikat of an indicator whose target is empty, or 0 on
a positive indicator (no capaian can be computed): printed instead of an empty
predikat, in ``kinerja hitung``, in the document, and in the scale's printed rows.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

from kinerja.cli import main
from kinerja.dokumen.susun import load_dokumen_data, render_html
from kinerja.inti.errors import InputError
from kinerja.inti.predikat import skala_predikat_dari
from kinerja.kantor.katalog import load_kantor, predikat_skala_kantor

SKALA = """nama = "Skala tujuh pita Kabupaten Contoh"
sumber = "Peraturan Bupati Contoh Nomor 1 Tahun 2024"
tanpa_target = "Tidak Ada Target"

[[tingkat]]
label = "Melebihi Target"
min = 100
min_termasuk = false

[[tingkat]]
label = "Sangat Baik"
min = 90

[[tingkat]]
label = "Kurang"
"""

MASUK = (
    "indikator,satuan,polaritas,target,realisasi\n"
    "kosong,orang,positif,,5\n"
    "nol positif,orang,positif,0,5\n"
    "nol negatif,kasus,negatif,0,0\n"
    "biasa,%,positif,100,95\n"
    "lebih,%,positif,100,101\n"
    "belum diisi,%,positif,,\n"
)


def _hitung(tmp_path: Path, skala: str) -> tuple[int, list[dict]]:
    src = tmp_path / "in.csv"
    src.write_text(MASUK, "utf-8")
    (tmp_path / "skala.toml").write_text(skala, "utf-8")
    out = tmp_path / "out.csv"
    code = main(
        ["hitung", str(src), "-o", str(out), "--skala-predikat", str(tmp_path / "skala.toml")]
    )
    with out.open(encoding="utf-8", newline="") as handle:
        return code, list(csv.DictReader(handle))


def test_hitung_prints_the_band_for_rows_without_a_target(tmp_path: Path):
    code, rows = _hitung(tmp_path, SKALA)
    assert code == 0
    assert [r["predikat"] for r in rows] == [
        "Tidak Ada Target",
        "Tidak Ada Target",
        "Sangat Baik",  # target 0 on a negative indicator is a target: R = 0 → 100 %
        "Sangat Baik",
        "Melebihi Target",
        "Tidak Ada Target",
    ]
    assert rows[0]["capaian"] == "" and "Target belum diisi" in rows[0]["keterangan"]
    assert rows[1]["capaian"] == "" and "Target 0" in rows[1]["keterangan"]


def test_without_the_key_rows_without_a_target_stay_empty(tmp_path: Path):
    code, rows = _hitung(tmp_path, SKALA.replace('tanpa_target = "Tidak Ada Target"\n', ""))
    assert code == 0
    assert [r["predikat"] for r in rows][:2] == ["", ""] and rows[3]["predikat"] == "Sangat Baik"


def test_the_band_is_printed_with_the_scale():
    skala = skala_predikat_dari(
        {
            "nama": "x",
            "sumber": "y",
            "tanpa_target": " Tidak Ada Target ",
            "tingkat": [{"label": "Baik", "min": 80}, {"label": "Kurang"}],
        },
        asal="skala.toml",
    )
    assert skala.tanpa_target == "Tidak Ada Target"
    assert skala.rows()[-1] == ("target kosong atau 0 (indikator positif)", "Tidak Ada Target")


@pytest.mark.parametrize(
    ("nilai", "fragment"),
    [
        ("''", "kunci tanpa_target wajib berisi teks"),
        ("1", "kunci tanpa_target wajib berisi teks (nilai: 1)"),
        ('"kurang"', 'tanpa_target = "kurang" sama dengan label sebuah tingkat'),
    ],
)
def test_a_bad_band_is_refused_naming_the_key(tmp_path: Path, capsys, nilai: str, fragment: str):
    skala = SKALA.replace('"Tidak Ada Target"', nilai)
    (tmp_path / "skala.toml").write_text(skala, "utf-8")
    (tmp_path / "in.csv").write_text(MASUK, "utf-8")
    code = main(
        ["hitung", str(tmp_path / "in.csv"), "--skala-predikat", str(tmp_path / "skala.toml")]
    )
    err = capsys.readouterr().err
    assert code == 1 and fragment in err and 'skala predikat "skala.toml"' in err


def _tanpa_target_pk(kantor_dir: Path, kode: str, nilai: object) -> None:
    path = kantor_dir / "perjanjian-kinerja-2025.xlsx"
    wb = load_workbook(path)
    ws = wb["Indikator"]
    header = [c.value for c in ws[1]]
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == kode)
    for col in ("target_tahunan", "target_tw1", "target_tw2", "target_tw3", "target_tw4"):
        row[header.index(col)].value = nilai
    wb.save(path)


@pytest.mark.parametrize("nilai", [None, 0])
def test_kantor_default_scale_with_the_band_in_the_document(kantor_dir: Path, nilai):
    toml = kantor_dir / "kantor.toml"
    text = toml.read_text("utf-8").replace('[predikat]\nskala = "permendagri-86-2017"\n', "")
    toml.write_text(text + '\n[predikat]\ntanpa_target = "Tidak Ada Target"\n', "utf-8")
    _tanpa_target_pk(kantor_dir, "IK-07", nilai)  # a positive indicator
    k = load_kantor(kantor_dir)
    skala = predikat_skala_kantor(k)
    assert skala.kode == "permendagri-86-2017" and skala.tanpa_target == "Tidak Ada Target"
    data = load_dokumen_data(k, "2025-TW2", tanggal_cetak=dt.date(2026, 1, 15))
    ind = data.pengukuran.indikator.set_index("kode")
    assert ind.loc["IK-07", "predikat"] == "Tidak Ada Target"
    assert ind.drop(index="IK-07")["predikat"].ne("Tidak Ada Target").all()
    if nilai is None:  # printed in the table and in the scale of Bab III
        html = render_html(data)
        assert html.count("Tidak Ada Target") >= 2
        assert "target kosong atau 0 (indikator positif)" in html


def test_kantor_band_beside_a_shipped_scale_is_checked(kantor_dir: Path):
    toml = kantor_dir / "kantor.toml"
    text = toml.read_text("utf-8").replace('[predikat]\nskala = "permendagri-86-2017"\n', "")
    toml.write_text(text + '\n[predikat]\nskala = "baik-5"\ntanpa_target = "Baik"\n', "utf-8")
    with pytest.raises(InputError, match=r'predikat\.tanpa_target = "Baik" sama dengan label'):
        predikat_skala_kantor(load_kantor(kantor_dir))
