"""The document with every optional part of issue 15 switched on (an office's own scale
and budget scale, target_nasional, rencana penarikan): real PDF read back, every word
inside the page, the new columns and the scales' sources printed."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import pytest
from test_predikat_skala import OWN_TOML, _set_predikat
from test_rencana_penarikan import _plan
from test_target_nasional import _add_column

from kinerja.dokumen.susun import load_dokumen_data, render_dokumen
from kinerja.kantor.katalog import load_kantor

pytestmark = pytest.mark.xdist_group("weasyprint")


def test_every_option_on_fits_the_page_and_is_printed(kantor_dir: Path, tmp_path: Path):
    _set_predikat(kantor_dir, OWN_TOML)
    _add_column(kantor_dir, "target_nasional", {"IK-02": 90, "IK-16": "14"})
    _plan(kantor_dir)
    data = load_dokumen_data(load_kantor(kantor_dir), "2025", tanggal_cetak=dt.date(2026, 1, 15))
    hasil = render_dokumen(data, tmp_path)
    out = subprocess.run(
        ["pdftotext", "-bbox", str(hasil.pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    inset = 0.5 / 2.54 * 72
    pages = re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', out, re.S)
    outside = [
        (n, word)
        for n, (w, h, body) in enumerate(pages, 1)
        for x0, y0, x1, y1, word in re.findall(
            r'xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)', body
        )
        if min(float(x0), float(y0)) < inset
        or float(x1) > float(w) - inset
        or float(y1) > float(h) - inset
    ]
    assert outside == []
    text = " ".join(
        subprocess.run(
            ["pdftotext", "-layout", str(hasil.pdf), "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()
    )
    assert "Peraturan Bupati Contoh Nomor 1 Tahun 2024" in text
    assert "Surat Edaran Sekda Contoh" in text
    assert "Serapan Tinggi" in text
    assert "Target Nasional/Provinsi" in text
    assert "Rencana penarikan" in text
