"""A filled form re-saved by LibreOffice headless is accepted unchanged."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from formulir_util import filled_forms

from kinerja.formulir.himpun import himpun, load_realisasi
from kinerja.kantor.katalog import load_kantor

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.xdist_group("libreoffice"),
    pytest.mark.skipif(
        shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed"
    ),
]


def _resave(paths: list[Path], outdir: Path) -> list[Path]:
    outdir.mkdir()
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "xlsx",
                "--outdir",
                str(outdir),
                *map(str, paths),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
    return [outdir / p.name for p in paths]


def test_libreoffice_round_trip_is_accepted_unchanged(kantor, pk, tmp_path):
    forms = filled_forms(kantor, pk, tmp_path / "asli")
    chosen = [forms["RENKEU"], forms["KESOS"]]
    resaved = _resave(chosen, tmp_path / "lo")
    for before, after in zip(chosen, resaved, strict=True):
        assert after.is_file() and after.read_bytes() != before.read_bytes()
    hasil = himpun(kantor, "2025-TW3", resaved, pk=pk)
    assert [b.status for b in hasil.berkas] == ["diterima", "diterima"], [
        t.pesan for t in hasil.temuan
    ]
    assert hasil.temuan == ()
    via_lo, anggaran_lo = load_realisasi(kantor, 2025)

    other = tmp_path / "kantor-2"
    shutil.copytree(kantor.path, other, ignore=shutil.ignore_patterns("arsip"))
    direct, anggaran = load_realisasi(_taken(load_kantor(other), pk, chosen), 2025)
    cols = ["kode", "tw", "realisasi", "kendala", "tindak_lanjut", "bukti_dukung", "unit", "sel"]
    assert via_lo[cols].to_dict("records") == direct[cols].to_dict("records")
    assert anggaran_lo["realisasi_anggaran"].tolist() == anggaran["realisasi_anggaran"].tolist()


def _taken(kantor, pk, paths):
    assert himpun(kantor, "2025-TW3", paths, pk=pk).exit_code == 0
    return kantor
