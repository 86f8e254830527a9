"""The PKCS#12 signer (pyHanko, PAdES): the visible field, the stamp, the signature.

The visible field goes just above the signer's name on the lembar pengesahan,
found with pdfplumber; the stamp is set in Noto Sans, embedded (fonts with 2048
units per em come out garbled in pyHanko 0.38).
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

from kinerja.inti.errors import InputError, UsageError
from kinerja.inti.tanggal import WIB, format_tanggal
from kinerja.kantor.katalog import Kantor
from kinerja.ttd.dasar import Kotak, Permintaan, Tanda
from kinerja.ttd.penanda_kantor import cocok, identitas
from kinerja.ttd.sertifikat_uji import lokasi_sertifikat_uji

__all__ = [
    "FONT_STEMPEL",
    "cari_kotak_ttd",
    "common_name",
    "pkcs12_bawaan",
    "sign_pkcs12",
    "teks_stempel",
]

FONT_STEMPEL = Path("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf")


# ---------------------------------------------------------------------------------------------
# Locating the visible field


def _find_name(words: list[dict], tokens: list[str]) -> list[tuple[float, float, float, float]]:
    """Boxes (x0, top, x1, bottom) of every run of words spelling ``tokens`` on one line."""
    texts = [w["text"].casefold() for w in words]
    n = len(tokens)
    hits = []
    for i in range(len(words) - n + 1):
        run = words[i : i + n]
        if texts[i : i + n] == tokens and all(abs(w["top"] - run[0]["top"]) < 2 for w in run):
            hits.append(
                (
                    min(w["x0"] for w in run),
                    min(w["top"] for w in run),
                    max(w["x1"] for w in run),
                    max(w["bottom"] for w in run),
                )
            )
    return hits


def cari_kotak_ttd(
    pdf: Path, nama: str, *, lebar: float = 190.0, tinggi: float = 62.0, jarak: float = 2.0
) -> Kotak:
    """The signature field just above ``nama`` on the lembar pengesahan.

    The first page that mentions PENGESAHAN and carries the name wins (its last
    hit); otherwise the name's last appearance in the document. The box is centred on the name, at least ``lebar`` wide, at
    most ``tinggi`` high, and never reaches into the line above (the jabatan).
    """
    try:
        import pdfplumber  # noqa: PLC0415  (pdfminer is slow to load; only to place a field)
    except ImportError as exc:  # pragma: no cover - part of the environment
        raise UsageError("pdfplumber belum terpasang; jalankan `make venv`.") from exc

    tokens = [t.casefold() for t in nama.split()]
    found = []
    with pdfplumber.open(pdf) as doc:
        for number, page in enumerate(doc.pages, start=1):
            words = page.extract_words(use_text_flow=True)
            pengesahan = any("pengesahan" in w["text"].casefold() for w in words)
            hits = [
                (number, hit, pengesahan, words, float(page.width), float(page.height))
                for hit in _find_name(words, tokens)
            ]
            found += hits
            if pengesahan and hits:
                break  # the lembar pengesahan: no need to read the rest of a long document
    if not found:
        raise InputError(
            f'Nama penanda tangan "{nama}" tidak ditemukan di berkas "{pdf.name}". Periksa '
            "lembar pengesahan, atau beri letak kotak tanda tangan dengan --kotak "
            "HALAMAN,X1,Y1,X2,Y2."
        )
    number, (x0, top, x1, _), _, words, width, height = ([f for f in found if f[2]] or found)[-1]
    half = max(lebar, x1 - x0) / 2
    cx = (x0 + x1) / 2
    left, right = max(cx - half, 10.0), min(cx + half, width - 10.0)
    above = [
        v["bottom"]
        for v in words
        if v["bottom"] <= top - 0.5 and v["x1"] > left and v["x0"] < right
    ]
    box_bottom = top - jarak
    box_top = max(box_bottom - tinggi, (max(above) + jarak) if above else 0.0)
    if box_bottom - box_top < 20:
        raise InputError(
            f'Ruang tanda tangan di atas nama "{nama}" pada halaman {number} berkas '
            f'"{pdf.name}" terlalu sempit ({box_bottom - box_top:.0f} poin). Beri ruang kosong '
            "di atas nama, atau beri letak dengan --kotak."
        )
    return Kotak(number, left, height - box_bottom, right, height - box_top)


# ---------------------------------------------------------------------------------------------
# Signing


def pkcs12_bawaan(kantor: Kantor) -> Path:
    """The office's PKCS#12: ``[tte] pkcs12`` in kantor.toml, else the test certificate."""
    configured = kantor.opsi("tte", "pkcs12")
    if configured:
        path = Path(configured)
        return path if path.is_absolute() else kantor.path / path
    uji = lokasi_sertifikat_uji(kantor)
    if uji.is_file():
        return uji
    raise InputError(
        "Belum ada sertifikat penanda tangan. Untuk uji coba jalankan "
        f"`kinerja ttd sertifikat-uji --kantor {kantor.path}`; untuk sertifikat kantor isi "
        "[tte] pkcs12 di kantor.toml dan setel sandinya di variabel lingkungan "
        "KINERJA_TTE_SANDI."
    )


def _load_signer(req: Permintaan):
    from pyhanko.sign import signers  # noqa: PLC0415  (pyHanko is heavy)

    path = req.pkcs12 or pkcs12_bawaan(req.kantor)
    if not path.is_file():
        raise InputError(f'Sertifikat PKCS#12 "{path}" tidak ditemukan.')
    try:
        signer = signers.SimpleSigner.load_pkcs12(str(path), passphrase=req.sandi)
    except (OSError, ValueError, TypeError) as exc:
        signer = None
        detail = f" ({exc})"
    else:
        detail = ""
    if signer is None:
        raise InputError(
            f'Sertifikat PKCS#12 "{path}" tidak dapat dibuka{detail}: sandi salah atau berkas '
            "rusak. Setel sandinya di variabel lingkungan KINERJA_TTE_SANDI."
        )
    return signer


def _cek_penanda(req: Permintaan, cert: Any, path: Path) -> None:
    """Refuse a certificate that does not name the office's signer on record."""
    if req.penanda is None:
        return
    ident = identitas(cert)
    if not cocok(ident, req.penanda):
        raise InputError(
            f'Sertifikat "{path.name}" ({ident.subjek}) bukan milik penanda tangan kantor '
            f"{req.penanda.teks()}: sertifikat harus menyebut NIP itu (serialNumber atau CN), "
            "atau daftarkan sertifikatnya dengan `kinerja ttd penanda --kantor DIR --sertifikat "
            "BERKAS`. Periksa juga [naskah] penanda_tangan dan [[pejabat]] di kantor.toml."
        )


def common_name(cert: Any) -> str:
    """The certificate subject's CN (asn1crypto certificate)."""
    try:
        return str(cert.subject.native.get("common_name", "")) or cert.subject.human_friendly
    except (AttributeError, ValueError):
        return ""


def _waktu_teks(waktu: dt.datetime) -> str:
    local = waktu.astimezone(WIB)
    return f"{format_tanggal(local)} pukul {local:%H.%M} WIB"


def _field_name(writer, peran: str) -> str:
    from pyhanko.sign import fields  # noqa: PLC0415  (pyHanko is heavy)

    existing = {name for name, _, _ in fields.enumerate_sig_fields(writer)}
    name, n = f"TTE-{peran}", 1
    while name in existing:
        n += 1
        name = f"TTE-{peran}-{n}"
    return name


def sign_pkcs12(pdf_in: Path, req: Permintaan) -> Tanda:
    """PAdES signature (SHA-256, incremental update) with a visible stamp."""
    # pyHanko is heavy and pulls in its crypto stack: loaded only when signing
    from pyhanko.pdf_utils.incremental_writer import (  # noqa: PLC0415  (heavy)
        IncrementalPdfFileWriter,
    )
    from pyhanko.pdf_utils.text import TextBoxStyle  # noqa: PLC0415  (heavy)
    from pyhanko.sign import fields, signers  # noqa: PLC0415  (heavy)
    from pyhanko.stamp import TextStampStyle  # noqa: PLC0415  (heavy)

    signer = _load_signer(req)
    _cek_penanda(req, signer.signing_cert, req.pkcs12 or pkcs12_bawaan(req.kantor))
    kotak = req.kotak or cari_kotak_ttd(pdf_in, req.pejabat.nama)
    cn = common_name(signer.signing_cert) or req.pejabat.nama
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf_in.read_bytes()), strict=False)
        pages = int(writer.root["/Pages"]["/Count"])
    except Exception as exc:  # pyHanko's reader errors on untrusted bytes
        raise InputError(f'Berkas "{pdf_in.name}" bukan PDF yang dapat dibaca: {exc}') from exc
    if kotak.halaman > pages:
        raise UsageError(
            f'Berkas "{pdf_in.name}" hanya {pages} halaman; kotak di halaman {kotak.halaman}.'
        )
    _metadata_pdfa(writer, req.waktu)
    name = _field_name(writer, req.pejabat.peran)
    meta = signers.PdfSignatureMetadata(
        field_name=name,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=req.alasan,
        location=req.lokasi,
        name=cn,
    )
    teks, params = teks_stempel(req, cn)
    style = TextStampStyle(
        stamp_text=teks,
        text_box_style=TextBoxStyle(
            font=_font_factory()(str(FONT_STEMPEL), font_size=7), font_size=7
        ),
        border_width=1,
    )
    spec = fields.SigFieldSpec(
        sig_field_name=name,
        on_page=kotak.halaman - 1,
        box=(kotak.x1, kotak.y1, kotak.x2, kotak.y2),
    )
    pdf_signer = _signer_at(req.waktu)(meta, signer, stamp_style=style, new_field_spec=spec)
    out = io.BytesIO()
    pdf_signer.sign_pdf(
        writer,
        output=out,
        appearance_text_params=params,
    )
    return Tanda(data=out.getvalue(), penanda_tangan=cn, kotak=kotak)


def teks_stempel(req: Permintaan, penanda: str) -> tuple[str, dict[str, str]]:
    """The visible stamp's text and its values: who signed, as what, when, and the archive
    chain's head hash at signing time (a witness printed on every signed document)."""
    teks = "Ditandatangani secara elektronik oleh\n%(penanda)s\n%(jabatan)s\n%(waktu)s"
    params = {"penanda": penanda, "jabatan": req.pejabat.jabatan, "waktu": _waktu_teks(req.waktu)}
    if req.kepala:
        teks += "\nKepala rantai arsip:\n%(kepala_1)s\n%(kepala_2)s"
        params |= {"kepala_1": req.kepala[:32], "kepala_2": req.kepala[32:]}
    return teks, params


def _metadata_pdfa(writer: Any, waktu: dt.datetime) -> None:
    """Keep the signed file PDF/A-3b: ModDate (Info and XMP) is the signing time, and
    ``/Producer`` in Info equals XMP ``pdf:Producer``.

    pyHanko writes its own name into XMP ``pdf:Producer`` and appends it to the Info
    entry ("WeasyPrint 70.0; pyHanko …"); PDF/A requires the two equal. The Info entry is
    set to pyHanko's name first, so both say the same (the last producer of the file).
    """
    from pyhanko.pdf_utils import generic  # noqa: PLC0415  (pyHanko is heavy)
    from pyhanko.pdf_utils.metadata.model import (  # noqa: PLC0415  (pyHanko is heavy)
        VENDOR,
        DocumentMetadata,
    )

    class MetaPadaWaktu(DocumentMetadata):
        """pyHanko sets ``last_modified = "now"`` just before writing; keep the signing time."""

        def __setattr__(self, name: str, value: object) -> None:
            if name == "last_modified" and value == "now":
                value = waktu
            super().__setattr__(name, value)

    # the writer's metadata is fresh (nothing set yet); pyHanko has no public setter for it
    writer._meta = MetaPadaWaktu(last_modified=waktu)  # noqa: SLF001
    info_ref = writer.trailer.raw_get("/Info") if "/Info" in writer.trailer else None
    if info_ref is None:
        return
    info = info_ref.get_object()
    if str(info.get("/Producer", "")) != VENDOR:
        info["/Producer"] = generic.TextStringObject(VENDOR)
        if isinstance(info_ref, generic.IndirectObject):
            writer.mark_update(info_ref)


def _font_factory():
    """pyHanko's embedded-font factory, reading the font into memory (pyHanko 0.38 leaves
    the file handle open)."""
    from pyhanko.pdf_utils.font.opentype import (  # noqa: PLC0415  (pyHanko is heavy)
        GlyphAccumulator,
        GlyphAccumulatorFactory,
    )

    class InMemoryGlyphs(GlyphAccumulatorFactory):
        def create_font_engine(self, writer, obj_stream=None) -> GlyphAccumulator:
            if obj_stream is None and writer.stream_xrefs and self.create_objstream_if_needed:
                obj_stream = writer.prepare_object_stream()
            return GlyphAccumulator(
                writer=writer,
                font_handle=io.BytesIO(Path(self.font_file).read_bytes()),
                font_size=self.font_size,
                ot_script_tag=self.ot_script_tag,
                ot_language_tag=self.ot_language_tag,
                writing_direction=self.writing_direction,
                bcp47_lang_code=self.bcp47_lang_code,
                obj_stream=obj_stream,
            )

    return InMemoryGlyphs


def _signer_at(waktu: dt.datetime):
    """pyHanko's ``PdfSigner`` with a fixed signing time."""
    from pyhanko.sign.signers import PdfSigner  # noqa: PLC0415  (pyHanko is heavy)

    class PdfSignerAt(PdfSigner):
        def init_signing_session(self, pdf_out, existing_fields_only=False):
            session = super().init_signing_session(pdf_out, existing_fields_only)
            session.system_time = waktu
            return session

    return PdfSignerAt
