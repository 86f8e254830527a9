"""grafik.py: static SVG, text set in Liberation Sans, deterministic, no pyplot; the notebooks
show the same charts."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from kinerja.cetak.render import Halaman
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
    # drawn size (16 cm; Grafik 3.5 24 cm for the landscape page; the document lets the page
    # size it)
    widths = ("453.6pt", "453.6pt", "680.4pt")
    for g, svg, width in zip(shown, drawn, widths, strict=True):
        bundle = g._repr_mimebundle_()
        assert bundle["text/plain"] in grafik.JUDUL.values()
        notebook_svg = bundle["image/svg+xml"]
        head = notebook_svg[: notebook_svg.index(">")]
        assert f' width="{width}"' in head
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


PANJANG = (
    "Persentase penyelesaian pengaduan masyarakat tentang pelayanan administrasi terpadu "
    "kecamatan yang ditindaklanjuti dalam waktu paling lama lima hari kerja sejak diterima"
)


def _long_and_large() -> dict[str, pd.DataFrame]:
    """Long names, large values, missing values: the worst the charts must still hold."""
    n = 12
    capaian = np.array([250.0, 102.21, np.nan, 0.0, 99.99, 1234.56, *([100.0] * (n - 6))])
    indikator = pd.DataFrame(
        {
            "kode": [f"IK-{i:02d}" for i in range(1, n + 1)],
            "indikator": [PANJANG] * n,
            "capaian_tw_2d": capaian,
            "capaian_tahunan": capaian,
            "capaian_tahun_lalu": capaian[::-1],
        }
    )
    sasaran = pd.DataFrame(
        {
            "sasaran_kode": ["S1", "S2", "S3"],
            "sasaran": [PANJANG] * 3,
            "capaian_2d": [102.21, 75.0, 180.5],
        }
    )
    tren = pd.DataFrame(
        {
            "tw": [1, 2, 3, 4] * 3,
            "seri": ["Kantor"] * 4 + [f"S1 {PANJANG}"] * 4 + [f"S2 {PANJANG}"] * 4,
            "capaian": [90.0, 150.0, 210.5, 102.21] * 3,
        }
    )
    anggaran = pd.DataFrame(
        {
            "kode": ["7.01.01", "7.01.02", "Jumlah"],
            "program": [f"Program {PANJANG}", "Program Pendek", "Jumlah"],
            "capaian_kinerja": [180.25, np.nan, 100.0],
            "capaian_anggaran": [99.5, 102.21, 100.0],
        }
    )
    return {"indikator": indikator, "sasaran": sasaran, "tren": tren, "anggaran": anggaran}


def _figures(monkeypatch: pytest.MonkeyPatch, hasil, frames: dict[str, pd.DataFrame]) -> list:
    """Every chart of the demo and of ``frames`` drawn, its matplotlib Figure kept."""
    figures = []
    svg = grafik._svg

    def keep(fig):
        figures.append(fig)
        return svg(fig)

    monkeypatch.setattr(grafik, "_svg", keep)
    _all(*hasil)
    grafik.render_capaian_indikator(frames["indikator"])
    grafik.render_capaian_sasaran(frames["sasaran"])
    grafik.render_tren_triwulan(frames["tren"])
    grafik.render_tahun_lalu(frames["indikator"])
    grafik.render_kinerja_anggaran(frames["anggaran"])
    return figures


def _drawn_texts(fig) -> list:
    """The Text artists the Agg renderer actually draws (ticks outside the view are not)."""
    renderer = fig.canvas.get_renderer()
    drawn = []
    draw_text = renderer.draw_text

    def record(gc, x, y, s, prop, angle, ismath=False, mtext=None):
        drawn.append(mtext)
        return draw_text(gc, x, y, s, prop, angle, ismath, mtext)

    renderer.draw_text = record
    try:
        fig.draw(renderer)
    finally:
        del renderer.draw_text
    return [t for t in drawn if t is not None and t.get_text().strip()]


def test_every_text_lies_inside_its_figure(monkeypatch, hasil) -> None:
    """Names, value labels ("102,21%"), ticks and legends: none cut at the figure's edge."""
    figures = _figures(monkeypatch, hasil, _long_and_large())
    assert len(figures) >= 10
    for fig in figures:
        texts = _drawn_texts(fig)
        assert texts
        box = fig.bbox
        renderer = fig.canvas.get_renderer()
        outside = [
            (t.get_text()[:30], tuple(round(v) for v in t.get_window_extent(renderer).extents))
            for t in texts
            if not (
                box.x0 - 0.5 <= t.get_window_extent(renderer).x0
                and t.get_window_extent(renderer).x1 <= box.x1 + 0.5
                and box.y0 - 0.5 <= t.get_window_extent(renderer).y0
                and t.get_window_extent(renderer).y1 <= box.y1 + 0.5
            )
        ]
        assert outside == [], (fig.get_size_inches(), outside)
    values = "".join(t.get_text() for fig in figures for t in _drawn_texts(fig))
    assert "102,21%" in values and "1.234,56%" in values and "belum ada" in values


def test_long_names_wrap_whole_never_cut() -> None:
    frames = _long_and_large()
    svgs = [
        *grafik.render_capaian_indikator(frames["indikator"]),
        grafik.render_capaian_sasaran(frames["sasaran"]),
        grafik.render_kinerja_anggaran(frames["anggaran"]),
        grafik.render_tren_triwulan(frames["tren"]),
    ]
    for svg in svgs:
        assert "…" not in svg
        assert "sejak diterima" in svg  # the last words of the long name are printed


def _printed_width_pt(lebar: bool) -> float:
    """The width a chart prints at, from dokumen.css and the A4 page set-up."""
    css = (Path(grafik.__file__).parents[1] / "templates" / "dokumen.css").read_text("utf-8")
    cm = 72 / 2.54
    if lebar:
        (width,) = re.findall(r"figure\.grafik-lebar img \{[^}]*?width: ([\d.]+)cm", css)
        return float(width) * cm
    assert re.search(r"figure\.grafik img \{[^}]*?width: 100%", css)
    h = Halaman()
    return (21.0 - float(h.margin_kiri.rstrip("cm")) - float(h.margin_kanan.rstrip("cm"))) * cm


def test_chart_text_readable_on_a4(hasil) -> None:
    """Every chart's smallest text is at least 7 pt on paper (Grafik 3.5 too, landscape)."""
    p, anggaran = hasil
    charts = [(svg, False) for svg in _all(p, anggaran)[:-1]]
    charts.append((grafik.render_kinerja_anggaran(anggaran), True))
    for svg, lebar in charts:
        (view_width,) = re.findall(r'viewBox="0 0 ([\d.]+) [\d.]+"', svg)
        sizes = [float(v) for v in re.findall(r"font(?:-size)?: ([\d.]+)px", svg)]
        assert sizes
        printed = min(sizes) * _printed_width_pt(lebar) / float(view_width)
        assert printed >= 7.0, (lebar, min(sizes), printed)
