"""The document wastes no paper: no near-empty page, no heading left at the foot of a page
(its table or text on the next one); the demo's signed document and a small office's
(10 indicators, where the chapters' forced page breaks used to leave a page with two lines).

Each page is read back from the PDF (``pdftotext -bbox-layout``): its text lines without
the page stamp ("Dicetak …", "Halaman n dari m", the DRAF header).
"""

from __future__ import annotations

import datetime as dt
import html
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from demo_util import PERIODE
from sintetis import buat_kantor

from kinerja.cetak.render import pdf_bytes
from kinerja.cli import main

#: A page other than the cover and the last holds at least this many characters …
MIN_HURUF = 500
#: … and its text reaches at least this far down the page (a third of its height).
MIN_TINGGI = 1 / 3

_STEMPEL = re.compile(r"^(Dicetak .*|Halaman \d+ dari \d+|DRAF – BELUM SAH)$")
_BARIS = re.compile(
    r'<line xMin="[\d.-]+" yMin="([\d.-]+)" xMax="[\d.-]+" yMax="([\d.-]+)">(.*?)</line>', re.S
)
_KATA = re.compile(r"<word [^>]*>([^<]*)</word>")


@dataclass(frozen=True)
class Halaman:
    """One printed page: its text lines (top to bottom, stamps left out) and height."""

    nomor: int
    tinggi: float
    baris: tuple[tuple[float, float, str], ...]  # (top, bottom, text)

    @property
    def huruf(self) -> int:
        return sum(len(teks.replace(" ", "")) for _, _, teks in self.baris)

    @property
    def isi_sampai(self) -> float:
        """How far down the page the text reaches, as a fraction of the page's height."""
        return max((bawah for _, bawah, _ in self.baris), default=0.0) / self.tinggi

    @property
    def baris_terakhir(self) -> str:
        return max(self.baris, key=lambda b: (b[1], b[0]))[2] if self.baris else ""


def halaman_pdf(pdf: Path) -> list[Halaman]:
    """The pages of ``pdf`` with their text lines."""
    out = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    pages = re.findall(r'<page width="[\d.]+" height="([\d.]+)">(.*?)</page>', out, re.S)
    hasil = []
    for nomor, (tinggi, body) in enumerate(pages, start=1):
        baris = []
        for atas, bawah, isi in _BARIS.findall(body):
            teks = html.unescape(" ".join(_KATA.findall(isi)))
            if teks.strip() and not _STEMPEL.match(teks):
                baris.append((float(atas), float(bawah), teks))
        hasil.append(Halaman(nomor, float(tinggi), tuple(baris)))
    return hasil


def hampir_kosong(pages: list[Halaman]) -> list[tuple[int, int, float]]:
    """Pages (not the cover, not the last) with too little on them: (page, chars, reach)."""
    return [
        (p.nomor, p.huruf, round(p.isi_sampai, 2))
        for p in pages[1:-1]
        if p.huruf < MIN_HURUF or p.isi_sampai < MIN_TINGGI
    ]


def judul_di_kaki(pages: list[Halaman], judul: set[str]) -> list[tuple[int, str]]:
    """Pages whose last line is a heading (h2–h4 of the HTML): the heading left alone."""
    return [(p.nomor, p.baris_terakhir) for p in pages[:-1] if p.baris_terakhir in judul]


def judul_html(path: Path) -> set[str]:
    """The text of every h2, h3 and h4 of the document's HTML, one line each."""
    text = path.read_text("utf-8")
    found = re.findall(r"<h[234][^>]*>(.*?)</h[234]>", text, re.S)
    lines = set()
    for heading in found:
        for part in re.split(r"<br\s*/?>", heading):
            lines.add(" ".join(html.unescape(re.sub(r"<[^>]+>", "", part)).split()))
    return lines - {""}


@pytest.fixture(scope="module")
def dokumen(demo_run) -> Path:
    return demo_run.sop_dir / "dokumen" / f"pengukuran-kinerja-{PERIODE}.pdf"


@pytest.fixture(scope="module")
def dokumen_kecil(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``kinerja dokumen`` of a small synthetic office (10 indicators), TW I."""
    root = tmp_path_factory.mktemp("kantor-kecil")
    kantor = buat_kantor(root / "kantor", 2, n_indikator=10)
    keluaran = root / "keluaran"
    perintah = ["dokumen", "--kantor", str(kantor), "--periode", "2025-TW1"]
    assert main([*perintah, "--keluaran", str(keluaran), "--tanggal-cetak", "2026-01-15"]) == 0
    return keluaran / "pengukuran-kinerja-2025-TW1.pdf"


@pytest.fixture(params=["demo", "kecil"])
def pdf(request: pytest.FixtureRequest) -> Path:
    return request.getfixturevalue("dokumen" if request.param == "demo" else "dokumen_kecil")


def test_no_near_empty_page(pdf: Path) -> None:
    pages = halaman_pdf(pdf)
    assert len(pages) >= 12
    assert hampir_kosong(pages) == []


def test_no_heading_alone_at_the_foot_of_a_page(pdf: Path) -> None:
    judul = judul_html(pdf.with_suffix(".html"))
    assert {"LAMPIRAN", "D. Program dan Pagu Anggaran", "G. Kelengkapan Data"} <= judul
    assert judul_di_kaki(halaman_pdf(pdf), judul) == []


def test_the_per_tw_legend_is_on_its_tables_first_page(pdf: Path) -> None:
    """ "T = target, …" once stood alone on a landscape page after its table."""
    pages = halaman_pdf(pdf)
    legenda = [
        p.nomor for p in pages for *_, teks in p.baris if "Target (T), realisasi (R)" in teks
    ]
    tabel = [p.nomor for p in pages if {"T", "R", "C"} <= {teks for *_, teks in p.baris}]
    assert len(legenda) == 1 and tabel, (legenda, tabel)
    assert legenda[0] == tabel[0]
    assert not any("T = target" in teks for p in pages for *_, teks in p.baris)


def test_the_checks_see_a_wasted_page(tmp_path: Path) -> None:
    """A page holding a heading and two lines, and a heading at a page's foot, are found."""
    isi = "<p>" + "Kalimat isi yang cukup panjang untuk mengisi halaman. " * 60 + "</p>"
    baru = "<div style='break-before: page'></div>"
    doc = (
        "<html><body style='font: 11pt Liberation Sans'>"
        f"<h3>A. Pertama</h3>{isi}<h3>B. Kedua</h3>{baru}"
        f"<h3>C. Ketiga</h3><p>Dua baris saja.</p>{baru}{isi}</body></html>"
    )
    pdf = tmp_path / "uji.pdf"
    pdf.write_bytes(pdf_bytes(doc, tanggal=dt.date(2026, 1, 15), pdf_variant=None)[0])
    pages = halaman_pdf(pdf)
    assert len(pages) == 3
    assert [nomor for nomor, _, _ in hampir_kosong(pages)] == [2]
    assert judul_di_kaki(pages, {"A. Pertama", "B. Kedua", "C. Ketiga"}) == [(1, "B. Kedua")]
