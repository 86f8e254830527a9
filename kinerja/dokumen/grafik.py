"""Charts of a measurement as static SVG (matplotlib), set in the document font.

Each ``render_*`` function takes plain frames (from ``pengukuran``) and returns
SVG text ready to be placed inline in HTML: no XML prolog, no fixed size (the
page sizes it), text kept as text (``svg.fonttype = "none"``) in Liberation
Sans, and no date or random id, so the same data always gives the same bytes.
The Agg canvas is attached explicitly; pyplot and the global backend are never
touched, so a notebook's own plotting is left alone.

The notebooks show the same charts: ``Grafik`` holds the SVG drawn here and
displays itself in JupyterLab (``kinerja.lab.tampil`` makes them).
"""

from __future__ import annotations

import base64
import html
import io
import math
import re
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from kinerja.inti.angka import format_angka, format_persen
from kinerja.inti.model import SINGKAT_TRIWULAN

__all__ = [
    "FONT",
    "JUDUL",
    "Grafik",
    "data_uri",
    "render_capaian_indikator",
    "render_capaian_sasaran",
    "render_kinerja_anggaran",
    "render_tahun_lalu",
    "render_tren_triwulan",
]

FONT = "Liberation Sans"
#: Each chart's text alternative (the document's ``alt``, the notebook's plain text).
JUDUL = {
    "indikator": "Capaian per indikator terhadap garis 100%",
    "sasaran": "Capaian per sasaran",
    "tren": "Tren capaian triwulan",
    "tahun_lalu": "Capaian tahun ini dan tahun lalu",
    "anggaran": "Capaian kinerja dan penyerapan anggaran",
}
MAKS_BATANG = 30  # bars per indicator chart; more indicators → several charts
MAKS_PASANGAN = 20  # indicator pairs (this year / last year) per chart
#: Drawn at the width they print (16 cm, A4 portrait between 3 cm and 2 cm margins; the
#: landscape chart 24 cm, dokumen.css): the sizes below are the sizes on paper.
LEBAR = 6.3  # inch
LEBAR_MENDATAR = 9.45  # inch; Grafik 3.5 under its table on the landscape page
TINGGI_MAKS = 8.4  # inch; a taller chart is split (dokumen.css lets an image be 22 cm)
HURUF = 7.5  # pt, the smallest text in a chart
BARIS = 0.135  # inch per line of a wrapped name

WARNA_CAPAI = "#1f4e79"  # ≥ 100 %
WARNA_BELUM = "#c55a11"  # < 100 %
WARNA_LALU = "#a6a6a6"
WARNA_ANGGARAN = "#7f9f3f"
_RC = {
    "svg.fonttype": "none",
    "svg.hashsalt": "kinerja",
    "svg.id": None,
    "font.family": [FONT],
    "font.size": 8,
    "axes.titlesize": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.axisbelow": True,
    "path.simplify": True,
}


@contextmanager
def _figure(width: float, height: float) -> Iterator[Any]:
    import matplotlib  # noqa: PLC0415  (matplotlib loads only when a chart is drawn)
    from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: PLC0415  (as above)
    from matplotlib.figure import Figure  # noqa: PLC0415  (as above)

    with matplotlib.rc_context(_RC):
        # constrained: names, value labels and legends are measured and kept inside the figure
        fig = Figure(figsize=(width, height), layout="constrained")
        fig.get_layout_engine().set(w_pad=0.04, h_pad=0.04)
        FigureCanvasAgg(fig)
        yield fig


def _svg(fig: Any) -> str:
    import matplotlib  # noqa: PLC0415  (matplotlib loads only when a chart is drawn)

    buffer = io.StringIO()
    with matplotlib.rc_context(_RC):
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    text = buffer.getvalue()
    text = text[text.index("<svg") :]  # drop the XML prolog and DOCTYPE for inline use
    # Let the page size the chart: keep the viewBox, drop the fixed width/height.
    text = re.sub(r'<svg([^>]*?) width="[^"]*" height="[^"]*"', r"<svg\1", text, count=1)
    return text.replace("<svg", '<svg class="grafik-svg" role="img"', 1)


def data_uri(svg: str) -> str:
    """An SVG chart as a ``data:image/svg+xml;base64,…`` URI (for an ``<img src>``)."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


_VIEWBOX = re.compile(r'viewBox="0 0 ([0-9.]+) ([0-9.]+)"')


def _natural_size(svg: str) -> str:
    """``svg`` with its width and height in pt again (the viewBox is in pt)."""
    match = _VIEWBOX.search(svg)
    if match is None:
        return svg
    width, height = match.groups()
    return svg.replace("<svg", f'<svg width="{width}pt" height="{height}pt"', 1)


@dataclass(frozen=True)
class Grafik:
    """Charts drawn by this module, shown in a notebook as the document prints them.

    ``svg``: one SVG text per chart (a long indikator list gives several);
    ``judul``: the text alternative. One chart displays as SVG, several as
    images one under the other. Sized as drawn (the document lets the page size it).
    """

    svg: tuple[str, ...]
    judul: str = ""

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        teks = self.judul or "Grafik"
        if len(self.svg) == 1:
            return {"image/svg+xml": _natural_size(self.svg[0]), "text/plain": teks}
        alt = html.escape(teks)
        images = "".join(
            f'<div><img src="{data_uri(_natural_size(s))}" alt="{alt}"></div>' for s in self.svg
        )
        return {"text/html": images, "text/plain": teks}


def _persen_axis(axis: Any) -> None:
    from matplotlib.ticker import FuncFormatter  # noqa: PLC0415  (loaded only when drawing)

    axis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{format_angka(v, 0)}%"))


def _wrap(text: object, width: int) -> str:
    """A name on as many lines of at most ``width`` characters as it needs (never cut)."""
    one = " ".join(str(text).split())
    return "\n".join(textwrap.wrap(one, width, break_long_words=True)) or one


def _labels(kode: pd.Series, nama: pd.Series, width: int) -> list[str]:
    return [f"{k}  {_wrap(v, width)}" for k, v in zip(kode, nama, strict=True)]


def _row_height(labels: list[str], minimum: float) -> float:
    """Inches per bar row: enough for the longest wrapped name, the same for every row."""
    lines = max((label.count("\n") + 1 for label in labels), default=1)
    return max(minimum, BARIS * lines + 0.1)


def _pieces(frame: pd.DataFrame, per_chart: int) -> list[pd.DataFrame]:
    return [frame.iloc[i : i + per_chart] for i in range(0, max(len(frame), 1), per_chart)]


def _per_chart(row: float, pad: float, most: int) -> int:
    """Rows per chart so that a chart stays within ``TINGGI_MAKS`` (and ``most`` rows)."""
    return max(1, min(most, int((TINGGI_MAKS - pad) // row)))


def _limit(values: np.ndarray) -> float:
    finite = values[np.isfinite(values)]
    top = max(110.0, float(finite.max()) * 1.05) if len(finite) else 110.0
    return math.ceil(top / 10) * 10


def render_capaian_indikator(indikator: pd.DataFrame) -> list[str]:
    """Capaian per indikator (horizontal bars) against the 100 % line.

    ``indikator`` needs ``kode``, ``indikator`` and ``capaian_tw_2d``; a missing
    capaian is drawn as "belum ada". Names wrap; more rows than fit on a page
    (at most ``MAKS_BATANG``) give several charts.
    """
    row = _row_height(_labels(indikator["kode"], indikator["indikator"], 44), 0.26)
    n = _per_chart(row, 0.6, MAKS_BATANG)
    return [
        _capaian_bars(part, "kode", "indikator", "capaian_tw_2d") for part in _pieces(indikator, n)
    ]


def render_capaian_sasaran(sasaran: pd.DataFrame) -> str:
    """Capaian per sasaran (``sasaran_kode``, ``sasaran``, ``capaian_2d``)."""
    return _capaian_bars(sasaran, "sasaran_kode", "sasaran", "capaian_2d")


def _capaian_bars(frame: pd.DataFrame, kode: str, nama: str, column: str) -> str:
    values = frame[column].to_numpy(dtype=float)
    n = len(values)
    labels = _labels(frame[kode], frame[nama], 44)
    row = _row_height(labels, 0.26)
    with _figure(LEBAR, 0.6 + row * max(n, 1)) as fig:
        ax = fig.add_subplot()
        y = np.arange(n)[::-1]
        shown = np.nan_to_num(values, nan=0.0)
        colors = np.where(
            np.isnan(values), WARNA_LALU, np.where(values >= 100, WARNA_CAPAI, WARNA_BELUM)
        )
        ax.barh(y, shown, color=list(colors), height=0.62)
        ax.set_xlim(0, _limit(values))
        ax.axvline(100, color="#000", linewidth=0.8, linestyle=(0, (4, 2)))
        texts = np.where(np.isnan(values), "belum ada", [format_persen(v) for v in values])
        for yi, text in zip(y, texts, strict=True):
            # Values in a column right of the axes: never on top of a bar or the 100 % line.
            ax.text(1.01, yi, text, va="center", fontsize=HURUF, transform=ax.get_yaxis_transform())
        ax.set_yticks(y, labels, fontsize=HURUF)
        ax.set_ylim(-0.6, n - 0.4)
        _persen_axis(ax.xaxis)
        ax.tick_params(axis="x", labelsize=HURUF)
        ax.grid(axis="x", color="#ddd", linewidth=0.5)
        ax.tick_params(axis="y", length=0)
        return _svg(fig)


def render_tren_triwulan(tren: pd.DataFrame) -> str:
    """Capaian s.d. each triwulan: one line for the office, one per sasaran.

    ``tren`` is long: ``tw`` (1..4), ``seri`` (name), ``capaian`` (2 decimals);
    the series named "Kantor" is drawn bold.
    """
    names = [_wrap(seri, 34) for seri in tren["seri"].unique()]
    lines = sum(name.count("\n") + 1 for name in names)
    with _figure(LEBAR, max(3.0, 0.8 + 0.15 * lines)) as fig:
        ax = fig.add_subplot()
        tws = sorted(int(t) for t in tren["tw"].unique()) or [1]
        for seri, unsorted in tren.groupby("seri", sort=False):
            group = unsorted.sort_values("tw")
            bold = seri == "Kantor"
            ax.plot(
                group["tw"].astype(int),
                group["capaian"].astype(float),
                marker="o",
                markersize=4 if bold else 2.5,
                linewidth=2.2 if bold else 0.9,
                color="#000" if bold else None,
                label=_wrap(seri, 34),
                zorder=3 if bold else 2,
            )
        ax.axhline(100, color="#000", linewidth=0.8, linestyle=(0, (4, 2)))
        ax.set_xticks(tws, [SINGKAT_TRIWULAN[t] for t in tws])
        ax.set_xlim(min(tws) - 0.3, max(tws) + 0.3)
        values = tren["capaian"].to_numpy(dtype=float)
        finite = values[np.isfinite(values)]
        low = min(80.0, float(finite.min()) - 5) if len(finite) else 0.0
        ax.set_ylim(max(0.0, math.floor(low / 10) * 10), _limit(values))
        _persen_axis(ax.yaxis)
        ax.tick_params(labelsize=HURUF)
        ax.grid(axis="y", color="#ddd", linewidth=0.5)
        ax.set_ylabel("Capaian s.d. triwulan")
        ax.legend(fontsize=HURUF, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
        return _svg(fig)


def render_tahun_lalu(indikator: pd.DataFrame, kolom: str = "capaian_tahunan") -> list[str]:
    """This year against last year per indikator (``kode``, ``kolom``, ``capaian_tahun_lalu``).

    At most ``MAKS_PASANGAN`` indikator per chart, so that a chart fits on a page.
    """
    return [_tahun_lalu(part, kolom) for part in _pieces(indikator, MAKS_PASANGAN)]


def _tahun_lalu(indikator: pd.DataFrame, kolom: str) -> str:
    n = len(indikator)
    with _figure(LEBAR, 1.0 + 0.3 * max(n, 1)) as fig:
        ax = fig.add_subplot()
        y = np.arange(n)[::-1]
        ini = indikator[kolom].to_numpy(dtype=float)
        lalu = indikator["capaian_tahun_lalu"].to_numpy(dtype=float)
        ax.barh(y + 0.19, np.nan_to_num(lalu), height=0.36, color=WARNA_LALU, label="Tahun lalu")
        ax.barh(y - 0.19, np.nan_to_num(ini), height=0.36, color=WARNA_CAPAI, label="Tahun ini")
        ax.axvline(100, color="#000", linewidth=0.8, linestyle=(0, (4, 2)))
        ax.set_xlim(0, _limit(np.concatenate([ini, lalu])))
        ax.set_yticks(y, list(indikator["kode"]), fontsize=HURUF)
        ax.set_ylim(-0.6, n - 0.4)
        _persen_axis(ax.xaxis)
        ax.tick_params(axis="x", labelsize=HURUF)
        ax.grid(axis="x", color="#ddd", linewidth=0.5)
        ax.legend(
            fontsize=HURUF, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2, frameon=False
        )
        return _svg(fig)


def render_kinerja_anggaran(anggaran: pd.DataFrame) -> str:
    """Capaian kinerja against budget absorption per program (``capaian_anggaran``).

    Drawn at its printed size (24 cm wide and low, so that it fits under the budget table
    on the landscape page), program names wrapped.
    """
    rows = anggaran[anggaran["program"].ne("Jumlah")]
    n = len(rows)
    labels = _labels(rows["kode"], rows["program"], 64)
    row = _row_height(labels, 0.3)
    with _figure(LEBAR_MENDATAR, 0.8 + row * max(n, 1)) as fig:
        ax = fig.add_subplot()
        y = np.arange(n)[::-1]
        kinerja = rows["capaian_kinerja"].to_numpy(dtype=float)
        serapan = rows["capaian_anggaran"].to_numpy(dtype=float)
        ax.barh(
            y + 0.19,
            np.nan_to_num(kinerja),
            height=0.36,
            color=WARNA_CAPAI,
            label="Capaian kinerja",
        )
        ax.barh(
            y - 0.19,
            np.nan_to_num(serapan),
            height=0.36,
            color=WARNA_ANGGARAN,
            label="Penyerapan anggaran",
        )
        ax.axvline(100, color="#000", linewidth=0.8, linestyle=(0, (4, 2)))
        ax.set_xlim(0, _limit(np.concatenate([kinerja, serapan])))
        ax.set_yticks(y, labels, fontsize=HURUF)
        ax.set_ylim(-0.6, n - 0.4)
        _persen_axis(ax.xaxis)
        ax.tick_params(axis="x", labelsize=HURUF)
        ax.grid(axis="x", color="#ddd", linewidth=0.5)
        ax.legend(
            fontsize=HURUF, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2, frameon=False
        )
        return _svg(fig)
