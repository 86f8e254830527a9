"""HTML → PDF/A-3b with WeasyPrint, and the shared Jinja2 templates (kop, print CSS).

Used by the Dokumen Pengukuran Kinerja (``documents``) and by the letters. How to use::

    from kinerja.cetak.render import Lampiran, halaman_kantor, kop_kantor, render_pdf, template_env

    env = template_env()                       # kinerja/templates, autoescape on, strict
    html = env.get_template("surat.html").render(
        kop=kop_kantor(kantor),                # for {% include "_kop.html" %}
        halaman=halaman_kantor(kantor),        # for {% include "cetak.css" %} inside <style>
        cetak={"tanggal": "15 Mei 2025", "draf": False},
        ...,
    )
    render_pdf(html, out / "surat.pdf", base_url=None, tanggal=datetime(2025, 5, 15),
               attachments=[Lampiran("data.json", payload, "Data sumber", "application/json")])

``cetak.css`` sets the page (A4 or F4, margins from ``kantor.toml`` ``[naskah]``),
Liberation Sans named explicitly, "Halaman X dari Y" and the print date in the
page margin boxes (``cetak.tanggal``), repeated table headers, rows that never
split, a DRAF watermark when ``cetak.draf`` (add ``<div class="draf">DRAF</div>``
to the body: a fixed element repeats on every page), a ``@page lebar`` landscape
page for wide tables (``<section class="lebar">``) and ``.halaman-baru``.
``_kop.html`` prints the letterhead (emblem left, pemerintah, office, address,
contacts, closing rule); put it at the top of the first page only.

``render_pdf`` is deterministic: the document and attachment dates come from
``tanggal`` and nothing reads the clock, so the same HTML gives the same bytes.
It writes atomically (temporary file, fsync, rename), fetches only ``file:`` and
``data:`` URLs, and raises ``RenderError`` when WeasyPrint logs an error (a
missing image or stylesheet would otherwise be dropped silently).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import io
import logging
import re
import warnings
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from kinerja.berkas.atomic import write_atomic
from kinerja.inti.angka import format_angka, format_persen, format_rupiah
from kinerja.inti.errors import InputError, KinerjaError
from kinerja.inti.nip import format_nip
from kinerja.inti.tanggal import format_tanggal
from kinerja.kantor.katalog import Kantor

__all__ = [
    "HasilRender",
    "Halaman",
    "Lampiran",
    "RenderError",
    "halaman_kantor",
    "kop_kantor",
    "pdf_bytes",
    "read_embedded",
    "render_pdf",
    "template_env",
]

JAKARTA = dt.timezone(dt.timedelta(hours=7), "WIB")
_UKURAN = {"A4": "210mm 297mm", "F4": "215mm 330mm"}
_PANJANG = re.compile(r"^\d+(?:[.,]\d+)?\s*(?:mm|cm|pt|in)$")


class RenderError(KinerjaError):
    """WeasyPrint could not render the document as asked (message in Indonesian)."""


@dataclass(frozen=True)
class Lampiran:
    """A file embedded in the PDF as a PDF/A-3 associated file.

    ``hubungan`` is the ``AFRelationship`` (``Source``, ``Data``, ``Supplement`` …).
    """

    nama: str
    data: bytes
    keterangan: str = ""
    mime: str = "application/octet-stream"
    hubungan: str = "Source"


@dataclass(frozen=True)
class HasilRender:
    """What ``render_pdf`` wrote: the path, the sha256 of the bytes, the page count."""

    path: Path
    sha256: str
    halaman: int
    peringatan: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class Halaman:
    """Page set-up printed by ``cetak.css`` (naskah.md §1; every value configurable)."""

    kertas: str = "A4"
    ukuran: str = _UKURAN["A4"]
    margin_atas: str = "2cm"
    margin_bawah: str = "2.5cm"
    margin_kiri: str = "3cm"
    margin_kanan: str = "2cm"
    huruf: str = "Liberation Sans"
    ukuran_huruf: str = "11pt"

    @property
    def ukuran_mendatar(self) -> str:
        """The landscape page size (width and height swapped)."""
        lebar, tinggi = self.ukuran.split()
        return f"{tinggi} {lebar}"


def halaman_kantor(kantor: Kantor | None = None, kertas: str | None = None) -> Halaman:
    """The page set-up from ``[naskah]`` (``kertas``, ``margin_atas`` … ``ukuran_huruf``).

    Reports are always A4 (pass ``kertas="A4"``); letters may use the office's F4.
    """
    opsi = dict(kantor.config.get("naskah", {})) if kantor is not None else {}
    kertas = (kertas or opsi.get("kertas") or "A4").upper()
    if kertas not in _UKURAN:
        raise InputError(
            f'Ukuran kertas "{kertas}" di kantor.toml [naskah] kertas tidak dikenal. '
            f"Pilih {' atau '.join(_UKURAN)}."
        )
    values: dict[str, str] = {}
    for key in ("margin_atas", "margin_bawah", "margin_kiri", "margin_kanan", "ukuran_huruf"):
        if key not in opsi:
            continue
        text = str(opsi[key]).strip()
        if not _PANJANG.match(text):
            raise InputError(
                f'Nilai {key} = "{text}" di kantor.toml [naskah] tidak sah. '
                'Tulis angka dengan satuan, misalnya "2cm", "25mm" atau "12pt".'
            )
        values[key] = text.replace(",", ".").replace(" ", "")
    return Halaman(kertas=kertas, ukuran=_UKURAN[kertas], **values)


def _data_uri(data: bytes, mime: str) -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def _lambang(kantor: Kantor | None) -> str:
    """The office's emblem (``[kantor] lambang``, relative to its folder) as a data URI.

    No emblem ("") unless the office names its file: a placeholder never prints by itself.
    """
    name = kantor.opsi("kantor", "lambang") if kantor is not None else None
    if name:
        path = (kantor.path / str(name)).resolve()
        if not path.is_file():
            raise InputError(
                f'Berkas lambang "{name}" (kantor.toml [kantor] lambang) tidak ditemukan di '
                f"{kantor.path}. Simpan berkas lambang (SVG atau PNG) di folder kantor."
            )
        mime = {
            ".svg": "image/svg+xml",
            ".png": "image/png",
            ".jpg": "image/jpeg",
            ".jpeg": "image/jpeg",
        }.get(path.suffix.casefold())
        if mime is None:
            raise InputError(f'Lambang "{name}" harus berupa .svg, .png atau .jpg.')
        return _data_uri(path.read_bytes(), mime)
    return ""


def kop_kantor(kantor: Kantor) -> dict[str, Any]:
    """Context for ``_kop.html``: pemerintah, nama, alamat, kontak, lambang (data URI or "").

    ``kontak`` is a list: each item ("Pos-el kec@…") is printed whole on one line.
    """
    k = kantor.config.get("kantor", {})
    alamat = str(k.get("alamat", "")).strip()
    if k.get("kode_pos"):
        alamat = f"{alamat}, Kode Pos {k['kode_pos']}" if alamat else f"Kode Pos {k['kode_pos']}"
    kontak = []
    for key, label in (("telepon", "Telepon"), ("laman", "Laman"), ("pos_el", "Pos-el")):
        if k.get(key):
            # One item never breaks (_kop.html: span.kop-butir, white-space: nowrap).
            kontak.append(f"{label} {k[key]}")
    return {
        "pemerintah": str(k.get("pemerintah", "")).upper(),
        "nama": str(k.get("nama", kantor.nama)).upper(),
        "alamat": alamat,
        "kontak": kontak,
        "lambang": _lambang(kantor),
    }


def _css_string(value: object) -> str:
    """A CSS string literal (for ``content:``) with quotes, backslashes and newlines escaped."""
    text = str(value)
    text = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ")
    text = text.replace("<", "\\3c ").replace(">", "\\3e ")
    return f'"{text}"'


@cache
def template_env() -> jinja2.Environment:
    """Jinja2 environment over ``kinerja/templates`` (autoescape, StrictUndefined).

    Filters: ``angka``, ``persen``, ``rupiah``, ``tanggal``, ``nip`` (kinerja.inti),
    ``css_string`` (a quoted CSS string for margin boxes).
    """
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("kinerja", "templates"),
        autoescape=jinja2.select_autoescape(("html", "xml", "svg"), default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        angka=format_angka,
        persen=format_persen,
        rupiah=format_rupiah,
        tanggal=format_tanggal,
        nip=format_nip,
        css_string=_css_string,
    )
    return env


def _import_weasyprint() -> Any:
    try:
        import weasyprint  # noqa: PLC0415  (WeasyPrint needs Pango: loaded only when rendering)
    except (ImportError, OSError) as exc:
        raise RenderError(
            "WeasyPrint tidak dapat dimuat, sehingga PDF tidak dapat dibuat: pustaka sistem "
            "Pango/HarfBuzz belum terpasang. Jalankan `make demo`, atau sebagai root: "
            "apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 "
            f"fonts-liberation. (Rincian: {exc})"
        ) from exc
    return weasyprint


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _aware(tanggal: dt.datetime | dt.date) -> dt.datetime:
    if not isinstance(tanggal, dt.datetime):
        tanggal = dt.datetime.combine(tanggal, dt.time(0, 0))
    if tanggal.tzinfo is None:
        tanggal = tanggal.replace(tzinfo=JAKARTA)  # a naive time is office time (WIB)
    return tanggal


def pdf_bytes(
    html: str,
    *,
    base_url: Path | None = None,
    attachments: list[Lampiran] | None = None,
    tanggal: dt.datetime | dt.date,
    pdf_variant: str | None = "pdf/a-3b",
) -> tuple[bytes, int, tuple[str, ...]]:
    """Render ``html`` to PDF bytes; returns (bytes, page count, WeasyPrint warnings)."""
    weasyprint = _import_weasyprint()
    when = _aware(tanggal)
    utc = when.astimezone(dt.UTC).replace(tzinfo=None)  # attachments are stamped "…Z"
    fetcher = weasyprint.URLFetcher(allowed_protocols={"file", "data"}, fail_on_errors=True)
    collector = _Collector()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collector)
    try:
        document = weasyprint.HTML(
            string=html,
            base_url=str(base_url) if base_url is not None else None,
            url_fetcher=fetcher,
        ).render()
        document.metadata.created = when.isoformat()
        document.metadata.modified = when.isoformat()
        files = [
            weasyprint.Attachment(
                file_obj=io.BytesIO(a.data),
                name=a.nama,
                description=a.keterangan or a.nama,
                created=utc,
                modified=utc,
                relationship=a.hubungan,
                url_fetcher=fetcher,
            )
            for a in attachments or []
        ]
        with warnings.catch_warnings():
            # WeasyPrint 70 opens its sRGB profile for the PDF/A output intent and
            # never closes it; the ResourceWarning is its bug, not the document's.
            warnings.filterwarnings("ignore", "unclosed file", ResourceWarning)
            data = document.write_pdf(
                pdf_variant=pdf_variant, attachments=files, uncompressed_pdf=False
            )
    except weasyprint.urls.FatalURLFetchingError as exc:
        raise RenderError(f"Sumber daya dokumen tidak dapat dimuat: {exc}") from exc
    finally:
        logger.removeHandler(collector)
    errors = [r.getMessage() for r in collector.records if r.levelno >= logging.ERROR]
    if errors:
        raise RenderError(
            "WeasyPrint melaporkan kesalahan saat membuat PDF: " + "; ".join(errors[:5])
        )
    notes = tuple(r.getMessage() for r in collector.records if r.levelno < logging.ERROR)
    return data, len(document.pages), notes


def _write_atomic(path: Path, data: bytes, *, timpa: bool) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not timpa and path.exists():
        raise KinerjaError(f'Berkas "{path}" sudah ada dan tidak boleh ditimpa.')
    write_atomic(path, data)


def render_pdf(
    html: str,
    path: Path,
    *,
    base_url: Path | None = None,
    attachments: list[Lampiran] | None = None,
    tanggal: dt.datetime | dt.date,
    pdf_variant: str | None = "pdf/a-3b",
    timpa: bool = True,
) -> HasilRender:
    """Render ``html`` to ``path`` (PDF/A-3b by default), atomically and deterministically.

    ``tanggal`` (naive = WIB) is the document's creation/modification date and
    every attachment's date. ``base_url`` resolves relative ``file:`` references;
    ``timpa=False`` refuses to replace an existing file.
    """
    data, pages, notes = pdf_bytes(
        html,
        base_url=base_url,
        attachments=attachments,
        tanggal=tanggal,
        pdf_variant=pdf_variant,
    )
    _write_atomic(Path(path), data, timpa=timpa)
    return HasilRender(Path(path), hashlib.sha256(data).hexdigest(), pages, notes)


def read_embedded(pdf_path: Path) -> dict[str, bytes]:
    """The files embedded in a PDF (``/EmbeddedFiles``), by name, read with pypdf."""
    from pypdf import PdfReader  # noqa: PLC0415  (pypdf loads only when a PDF is read back)
    from pypdf.errors import PdfReadError  # noqa: PLC0415  (as above)

    logger = logging.getLogger("pypdf")  # it logs repairs of odd PDFs; callers report
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        reader = PdfReader(pdf_path)
        out: dict[str, bytes] = {}
        for name, contents in reader.attachments.items():
            out[name] = contents[0]
        return out
    except (PdfReadError, OSError, ValueError) as exc:
        raise InputError(f'Berkas "{pdf_path}" bukan PDF yang dapat dibaca: {exc}') from exc
    finally:
        logger.setLevel(level)
