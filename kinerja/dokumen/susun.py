"""The Dokumen Pengukuran Kinerja: HTML for the screen and PDF/A-3b for signing and filing.

Plain data in (``DokumenData``), documents out::

    data = load_dokumen_data(kantor, "2025", tanggal_cetak=date(2026, 1, 15))
    hasil = render_dokumen(data, Path("reports/linggo-sari-baganti/2025"))

This module is the entry point of ``kinerja.dokumen``: it renders, and it gives
the loading function and the data's canonical form from where they live
(``data``, ``kanonik``) so callers need one import. The layers below:
``data`` (DokumenData) ← ``kanonik`` (canonical JSON, hash, CSV) ← ``konteks*``
(template context) and ``grafik`` (charts) and ``workbook`` (xlsx) ← ``susun``.

The source data travel inside the PDF as PDF/A-3 associated files
(``AFRelationship=/Source``): ``data-sumber.json`` (``data_json``) and
``pengukuran.csv`` (``measurement_csv``). ``source_hash`` is printed on the
lembar pengesahan and inside the QR code. ``render.read_embedded`` gives them back
for comparison with stored data. Nothing here reads the clock: the print date is
``tanggal_cetak``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from kinerja.berkas.atomic import write_atomic
from kinerja.cetak.render import Lampiran, halaman_kantor, kop_kantor, render_pdf, template_env
from kinerja.dokumen import grafik
from kinerja.dokumen.data import DokumenData, dokumen_id, load_dokumen_data, tren_capaian
from kinerja.dokumen.kanonik import (
    NAMA_CSV,
    NAMA_JSON,
    data_json,
    measurement_csv,
    qr_teks,
    source_hash,
)
from kinerja.dokumen.konteks import konteks
from kinerja.dokumen.workbook import write_pengukuran_xlsx

__all__ = [
    "DokumenData",
    "HasilDokumen",
    "data_json",
    "dokumen_id",
    "load_dokumen_data",
    "measurement_csv",
    "nama_berkas",
    "qr_teks",
    "render_dokumen",
    "render_html",
    "source_hash",
]


@dataclass(frozen=True)
class HasilDokumen:
    """The files written by ``render_dokumen``."""

    html: Path
    pdf: Path
    xlsx: Path
    pdf_sha256: str
    halaman: int
    source_sha256: str
    dokumen_id: str
    dapat_diarsipkan: bool  # False for a DRAF


def nama_berkas(data: DokumenData) -> str:
    """File stem: ``pengukuran-kinerja-<periode>`` (``-draf`` for a draft)."""
    return f"pengukuran-kinerja-{data.periode}" + ("-draf" if data.draf else "")


def _img(svg: str, alt: str) -> dict[str, str]:
    return {"src": grafik.data_uri(svg), "alt": alt}


def _grafik(data: DokumenData, tren: pd.DataFrame) -> dict[str, object]:
    """The document's charts as ``<img>`` sources (SVG data URIs) with their alt text."""
    p = data.pengukuran
    annual = p.periode.tw == 4
    return {
        "indikator": [
            _img(svg, grafik.JUDUL["indikator"])
            for svg in grafik.render_capaian_indikator(p.indikator)
        ],
        "sasaran": _img(grafik.render_capaian_sasaran(p.sasaran), grafik.JUDUL["sasaran"]),
        "tren": _img(
            grafik.render_tren_triwulan(tren[["tw", "seri", "capaian"]]), grafik.JUDUL["tren"]
        ),
        "tahun_lalu": [
            _img(svg, grafik.JUDUL["tahun_lalu"])
            for svg in grafik.render_tahun_lalu(
                p.indikator, "capaian_tahunan" if annual else "capaian_thd_target_tahunan"
            )
        ],
        "anggaran": _img(grafik.render_kinerja_anggaran(data.anggaran), grafik.JUDUL["anggaran"]),
    }


def render_html(data: DokumenData, *, tren: pd.DataFrame | None = None) -> str:
    """The document as one self-contained HTML page (the same HTML WeasyPrint prints)."""
    tren = tren if tren is not None else tren_capaian(data)
    sha = source_hash(data)
    ctx = konteks(data, tren, sha, qr_teks(data, sha))
    ctx["grafik"] = _grafik(data, tren)
    ctx["kop"] = kop_kantor(data.kantor)
    ctx["halaman"] = halaman_kantor(data.kantor, "A4")
    return template_env().get_template("dokumen.html").render(**ctx)


def render_dokumen(data: DokumenData, keluaran: Path) -> HasilDokumen:
    """Write ``<stem>.html``, ``<stem>.pdf`` (PDF/A-3b) and ``<stem>.xlsx`` to ``keluaran``."""
    keluaran = Path(keluaran)
    stem = nama_berkas(data)
    payload = data_json(data)
    sha = hashlib.sha256(payload).hexdigest()
    html = render_html(data)
    html_path = keluaran / f"{stem}.html"
    when = dt.datetime.combine(data.tanggal_cetak, dt.time(0, 0))
    lampiran = [
        Lampiran(
            NAMA_JSON, payload, "Data sumber pengukuran kinerja (JSON kanonik)", "application/json"
        ),
        Lampiran(NAMA_CSV, measurement_csv(data), "Tabel pengukuran kinerja (CSV)", "text/csv"),
    ]
    pdf_path = keluaran / f"{stem}.pdf"
    hasil = render_pdf(html, pdf_path, tanggal=when, attachments=lampiran)
    write_atomic(html_path, html.encode("utf-8"))
    xlsx_path = keluaran / f"{stem}.xlsx"
    write_pengukuran_xlsx(data, xlsx_path)
    return HasilDokumen(
        html=html_path,
        pdf=pdf_path,
        xlsx=xlsx_path,
        pdf_sha256=hasil.sha256,
        halaman=hasil.halaman,
        source_sha256=sha,
        dokumen_id=dokumen_id(data.kantor, data.periode),
        dapat_diarsipkan=not data.draf,
    )
