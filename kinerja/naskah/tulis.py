"""Rendering a naskah dinas: its template with the office's kop, to HTML and PDF/A.

Paper: ``[naskah] kertas`` (A4 or F4); letters are set in 12 pt unless
``[naskah] ukuran_huruf`` says otherwise. The footer carries the BSrE sentence
when the letter is to be signed through BSrE.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

from kinerja.berkas.atomic import write_atomic
from kinerja.cetak.render import halaman_kantor, kop_kantor, render_pdf, template_env
from kinerja.inti.model import Periode
from kinerja.inti.tanggal import format_tanggal
from kinerja.kantor.katalog import Kantor
from kinerja.ttd.tandatangan import kalimat_kaki

__all__ = ["nama_berkas", "tulis_naskah"]


def nama_berkas(jenis: str, periode: Periode, srikandi: bool) -> str:
    """The file stem of a letter: ``<jenis>-<periode>``, ``-srikandi`` for a SRIKANDI draft."""
    return f"{jenis}-{periode}" + ("-srikandi" if srikandi else "")


def tulis_naskah(
    kantor: Kantor,
    jenis: str,
    context: dict[str, Any],
    *,
    tanggal: dt.date,
    out_dir: Path,
    stem: str,
    kertas: str | None,
    penanda: str | None,
    draf: bool,
) -> tuple[Path, Path]:
    """Render ``naskah_<jenis>.html`` with ``context`` into ``<stem>.html`` and ``<stem>.pdf``.

    ``penanda`` is the signer that will sign it (its footer sentence, if any).
    """
    halaman = halaman_kantor(kantor, kertas=kertas)
    if "ukuran_huruf" not in kantor.config.get("naskah", {}):
        halaman = dataclasses.replace(halaman, ukuran_huruf="12pt")  # Arial 12 pt (§1)
    html = (
        template_env()
        .get_template(f"naskah_{jenis.replace('-', '_')}.html")
        .render(
            jenis=jenis,
            kop=kop_kantor(kantor),
            halaman=halaman,
            cetak={"tanggal": format_tanggal(tanggal), "draf": draf},
            naskah={"kalimat_kaki": kalimat_kaki(penanda) if penanda is not None else None},
            **context,
        )
    )
    out_dir = Path(out_dir)
    html_path, pdf_path = out_dir / f"{stem}.html", out_dir / f"{stem}.pdf"
    write_atomic(html_path, html)
    render_pdf(html, pdf_path, tanggal=tanggal)
    return html_path, pdf_path
