"""grafik.py: static SVG, text set in Liberation Sans, deterministic, no pyplot; the notebooks
show the same charts."""

from __future__ import annotations

import re
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from kinerja.dokumen import grafik
from kinerja.formulir.sumber import load_realisasi
from kinerja.inti.model import Periode
from kinerja.inti.pengukuran import capaian_anggaran, ukur
from kinerja.kantor.katalog import load_kantor
from kinerja.kantor.pk import load_pk
from kinerja.lab import grafik_anggaran, grafik_capaian, grafik_sasaran
from kinerja.paths import demo_office


@pytest.fixture(scope="module")
def hasil():
    kantor = load_kantor(demo_office())
    pk = load_pk(kantor, 2025)
    real, ang, _ = load_realisasi(kantor, 2025)
    p = ukur(pk.indikator, real, Periode.parse("2025"), ordinal=pk.ordinal)
    return p, capaian_anggaran(pk.program, ang, p.periode, indikator=p.indikator)


def _all(p, anggaran) -> list[str]:
    tren = pd.DataFrame(
        {
            "tw": [1, 2, 3, 4, 1, 2, 3, 4],
            "seri": ["Kantor"] * 4 + ["S1 Sasaran"] * 4,
            "capaian": [90.5, 94.0, 96.3, 95.18, 88.0, 92.0, np.nan, 102.2],
        }
    )
    return [
        *grafik.render_capaian_indikator(p.indikator),
        grafik.render_capaian_sasaran(p.sasaran),
        grafik.render_tren_triwulan(tren),
        *grafik.render_tahun_lalu(p.indikator),
        grafik.render_kinerja_anggaran(anggaran),
    ]


def test_svg_inline_text_in_liberation_sans(hasil) -> None:
    for svg in _all(*hasil):
        assert svg.startswith("<svg") and "<?xml" not in svg and "<!DOCTYPE" not in svg
        head = svg[: svg.index(">")]
        assert "viewBox" in head and " width=" not in head and " height=" not in head
        assert "<text" in svg  # text kept as text (svg.fonttype = "none")
        families = set(re.findall(r"font-family:\s*'?([^;'\"]+)", svg))
        families |= set(re.findall(r"font: [^;]*?px '([^']+)'", svg))
        assert families == {"Liberation Sans"}, families
        assert "DejaVu" not in svg
        assert "dc:date" not in svg  # no date metadata


def test_deterministic_bytes(hasil) -> None:
    assert _all(*hasil) == _all(*hasil)


def test_values_printed_indonesian_and_missing_marked(hasil) -> None:
    p, _ = hasil
    svg = "".join(grafik.render_capaian_indikator(p.indikator))
    assert "101,64%" in svg and "100%" in svg
    gap = p.indikator.assign(capaian_tw_2d=[np.nan, *p.indikator["capaian_tw_2d"][1:]])
    assert "belum ada" in grafik.render_capaian_indikator(gap)[0]


def test_many_indicators_split_into_several_charts() -> None:
    n = 61
    frame = pd.DataFrame(
        {
            "kode": [f"IK-{i:02d}" for i in range(n)],
            "indikator": ["Indikator"] * n,
            "capaian_tw_2d": np.linspace(40, 130, n),
        }
    )
    out = grafik.render_capaian_indikator(frame)
    assert len(out) == 3
    assert sum(s.count("IK-") for s in out) == n
    pairs = grafik.render_tahun_lalu(frame.assign(capaian_tahunan=99.0, capaian_tahun_lalu=98.0))
    assert len(pairs) == 4
    assert sum(s.count("IK-") for s in pairs) == n


def test_notebook_shows_the_document_charts(hasil) -> None:
    p, anggaran = hasil
    shown = [grafik_capaian(p), grafik_sasaran(p), grafik_anggaran(anggaran)]
    drawn = [
        grafik.render_capaian_indikator(p.indikator)[0],
        grafik.render_capaian_sasaran(p.sasaran),
        grafik.render_kinerja_anggaran(anggaran),
    ]
    for g, svg in zip(shown, drawn, strict=True):
        bundle = g._repr_mimebundle_()
        assert bundle["text/plain"] in grafik.JUDUL.values()
        notebook_svg = bundle["image/svg+xml"]
        head = notebook_svg[: notebook_svg.index(">")]
        assert ' width="453.6pt"' in head  # drawn size (the document lets the page size it)
        assert re.sub(r' width="[^"]*" height="[^"]*"', "", notebook_svg, count=1) == svg


def test_several_charts_shown_one_under_the_other() -> None:
    svg = '<svg class="grafik-svg" viewBox="0 0 10 20"></svg>'
    bundle = grafik.Grafik((svg, svg), "Dua grafik")._repr_mimebundle_()
    assert "image/svg+xml" not in bundle
    assert bundle["text/html"].count('<img src="data:image/svg+xml;base64,') == 2
    assert bundle["text/plain"] == "Dua grafik"


def test_pyplot_and_backend_left_alone() -> None:
    code = (
        "import matplotlib; before = matplotlib.rcParams._get_backend_or_none()\n"
        "import pandas as pd, sys\n"
        "from kinerja.dokumen import grafik\n"
        "grafik.render_capaian_sasaran(pd.DataFrame({'sasaran_kode': ['S1'], "
        "'sasaran': ['x'], 'capaian_2d': [99.0]}))\n"
        "assert 'matplotlib.pyplot' not in sys.modules\n"
        "assert matplotlib.rcParams._get_backend_or_none() == before\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "ok"
