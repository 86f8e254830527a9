"""One document path: ``kinerja dokumen`` and ``kinerja jalankan`` build the same document.

Same figures, same corrections, same appendix, one DRAF rule (``validasi.lampiran.error_terbuka``):
on a copy of the demo office whose TW II form carries the 875 typo for 87,5 %.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kinerja.cetak.render import read_embedded
from kinerja.cli import main
from kinerja.paths import copy_demo

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group(name="satu-jalur")]

PERIODE = "2025-TW2"
TANGGAL = "2026-01-15"


def _kinerja(*args: object) -> int:
    return main([str(a) for a in args])


def _data(pdf: Path) -> dict:
    return json.loads(read_embedded(pdf)["data-sumber.json"])


def _ik07_tw2(data: dict) -> str:
    (row,) = [r for r in data["realisasi"] if r["kode"] == "IK-07" and str(r["tw"]) == "2"]
    return str(row["realisasi"])


def _pdf(folder: Path) -> Path:
    (pdf,) = sorted(folder.glob("pengukuran-kinerja-*.pdf"))
    return pdf


def test_dokumen_and_jalankan_give_one_document_draf_until_the_error_is_decided(tmp_path, capsys):
    office = copy_demo(tmp_path)
    forms = office / "formulir-kembali"
    for tw in ("2025-TW1", PERIODE):
        assert _kinerja("himpun", "--kantor", office, "--periode", tw, forms / tw) in (0, 1)
    capsys.readouterr()
    cetak = ("--tanggal-cetak", TANGGAL)

    # an error is open (875 % on a % indicator): both paths give a DRAF, with the same figures
    assert _kinerja("validasi", "--kantor", office, "--periode", PERIODE) == 1
    dok, run, final = tmp_path / "dokumen", tmp_path / "jalankan", tmp_path / "final"
    assert (
        _kinerja("dokumen", "--kantor", office, "--periode", PERIODE, *cetak, "--keluaran", dok)
        == 0
    )
    out = capsys.readouterr().out
    assert "DRAF" in out and "temuan KESALAHAN belum diputus" in out
    assert (
        _kinerja("jalankan", "--kantor", office, "--periode", PERIODE, *cetak, "--keluaran", run)
        == 0
    )
    pdf_dok, pdf_run = _pdf(dok), _pdf(run)
    assert pdf_dok.name == pdf_run.name and pdf_dok.name.endswith("-draf.pdf")
    data_dok = _data(pdf_dok)
    assert data_dok == _data(pdf_run)  # same figures, same appendix, same embedded data
    assert pdf_dok.read_bytes() == pdf_run.read_bytes()

    # the reviewer corrects the typo: the next document is final and prints 87,5, not 875
    temuan = tmp_path / "temuan.json"
    assert _kinerja("validasi", "--kantor", office, "--periode", PERIODE, "--json", temuan) == 1
    rows = json.loads(temuan.read_text(encoding="utf-8"))["temuan"]
    (typo,) = [
        r for r in rows if r["kode"] == "persen-di-luar-rentang" and r["indikator"] == "IK-07"
    ]
    assert float(typo["nilai_lama"]) == 875
    keputusan = ("--temuan", typo["temuan_id"], "--keputusan", "koreksi", "--oleh", "kasubag_pk")
    alasan = ("--alasan", "Salah ketik pemisah desimal", "--nilai-baru", "87,5")
    putuskan = ("validasi", "putuskan", "--kantor", office, "--periode", PERIODE)
    assert _kinerja(*putuskan, *keputusan, *alasan, "--waktu", "2026-01-12T09:10") == 0
    capsys.readouterr()
    assert (
        _kinerja("dokumen", "--kantor", office, "--periode", PERIODE, *cetak, "--keluaran", final)
        == 0
    )
    assert "DRAF" not in capsys.readouterr().out
    pdf_final = _pdf(final)
    assert not pdf_final.name.endswith("-draf.pdf")
    assert float(_ik07_tw2(data_dok)) == 875  # the unit's value while the error is open
    assert float(_ik07_tw2(_data(pdf_final))) == 87.5  # the correction, once decided
