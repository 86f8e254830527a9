"""Checking the signatures of a PDF (naskah.md §4): ``validasi_pdf``.

Validation gates on ``bottom_line``, ``intact`` and coverage ``ENTIRE_FILE``,
never on ``valid`` alone (a flipped byte can leave it true). No network is used.
A PDF without an electronic signature is looked up in the office's wet-ink
records (``<kantor>/arsip/tte/basah``). pyHanko is loaded only when validating.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kinerja.inti.errors import InputError
from kinerja.kantor.katalog import Kantor, as_kantor
from kinerja.ttd.akar import akar_sah
from kinerja.ttd.dasar import sha256_hex, tte_dir
from kinerja.ttd.penanda_kantor import IdentitasSertifikat, identitas
from kinerja.ttd.pkcs12 import common_name

__all__ = ["HasilValidasi", "akar_terpercaya", "validasi_pdf"]


@dataclass(frozen=True)
class HasilValidasi:
    """The outcome of :func:`validasi_pdf`; ``utuh`` is the only field to gate on."""

    utuh: bool
    bottom_line: bool | None
    intact: bool | None
    coverage: str | None
    penanda_tangan: str
    pesan: str
    jenis: str = "elektronik"  # elektronik | basah | tidak-ada | rusak
    valid: bool | None = None
    trusted: bool | None = None
    waktu: dt.datetime | None = None
    jumlah: int = 0
    rincian: list[str] = field(default_factory=list)
    sertifikat: tuple[IdentitasSertifikat, ...] = ()  # who each signature's certificate names


def akar_terpercaya(kantor: Kantor) -> list[Path]:
    """Trust roots of an office: ``<kantor>/arsip/tte/akar/*.pem`` and ``[tte] akar``,
    only those the register recorded with this content (``ttd.akar``)."""
    return akar_sah(kantor)


def _load_roots(paths: list[Path]) -> list:
    from pyhanko.keys import load_cert_from_pemder  # noqa: PLC0415  (pyHanko is heavy)

    roots = []
    for p in paths:
        try:
            roots.append(load_cert_from_pemder(str(p)))
        except (OSError, ValueError) as exc:
            raise InputError(f'Sertifikat akar "{p}" tidak dapat dibaca: {exc}.') from exc
    return roots


def _validasi_basah(kantor: Kantor | None, data: bytes, name: str) -> HasilValidasi:
    none = HasilValidasi(
        utuh=False,
        bottom_line=None,
        intact=None,
        coverage=None,
        penanda_tangan="",
        pesan=f'Berkas "{name}" tidak memuat tanda tangan elektronik.',
        jenis="tidak-ada",
    )
    if kantor is None:
        return none
    rec = tte_dir(kantor) / "basah" / f"{sha256_hex(data)}.json"
    if not rec.is_file():
        return none
    info = json.loads(rec.read_text("utf-8"))
    scan = kantor.path / info["pindaian"]
    ok = scan.is_file() and sha256_hex(scan.read_bytes()) == info["pindaian_sha256"]
    pesan = (
        f'Berkas "{name}" ditandatangani basah oleh {info["penanda_tangan"]}; pindaian '
        f'"{scan.name}" cocok dengan sha256 yang tercatat.'
        if ok
        else f'Berkas "{name}" tercatat ditandatangani basah, tetapi pindaian "{scan.name}" '
        "hilang atau berubah."
    )
    return HasilValidasi(
        utuh=ok,
        bottom_line=None,
        intact=None,
        coverage=None,
        penanda_tangan=info["penanda_tangan"],
        pesan=pesan,
        jenis="basah",
        waktu=dt.datetime.fromisoformat(info["waktu"]),
        jumlah=0,
    )


@contextmanager
def _quiet(name: str = "pyhanko") -> Iterator[None]:
    """pyHanko logs failed checks with tracebacks; the result says it in Indonesian instead."""
    logger = logging.getLogger(name)
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def _short(exc: Exception) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= 160 else text[:157] + "…"


def _rusak(pesan: str) -> HasilValidasi:
    """A file or signature that cannot even be parsed: not intact."""
    return HasilValidasi(
        utuh=False,
        bottom_line=False,
        intact=False,
        coverage=None,
        penanda_tangan="",
        pesan=pesan,
        jenis="rusak",
    )


def _masalah(statuses: list[Any]) -> list[str]:
    """What keeps the signatures from being whole, in Indonesian (empty: whole)."""
    problems = []
    for i, st in enumerate(statuses, start=1):
        if not st.intact:
            problems.append(f"tanda tangan ke-{i}: isi berkas berubah setelah ditandatangani")
        elif not st.valid:
            problems.append(f"tanda tangan ke-{i}: tanda tangan kriptografis tidak sah")
        elif not st.trusted:
            problems.append(
                f"tanda tangan ke-{i}: sertifikat tidak dikenal sebagai terpercaya (akar "
                "terpercaya tidak ada di arsip/tte/akar atau [tte] akar, atau belum dicatat dengan "
                "kinerja ttd akar)"
            )
        elif not st.bottom_line:
            problems.append(f"tanda tangan ke-{i}: tidak lolos pemeriksaan keabsahan (pyHanko)")
        if i < len(statuses) and st.coverage.name not in ("ENTIRE_FILE", "ENTIRE_REVISION"):
            problems.append(f"tanda tangan ke-{i}: tidak menutup revisinya")
    if statuses[-1].coverage.name != "ENTIRE_FILE":
        problems.append("ada bita tambahan setelah tanda tangan terakhir (tidak menutup berkas)")
    return problems


def _hasil(name: str, statuses: list[Any], rincian: list[str]) -> HasilValidasi:
    """The result of validated signatures (``statuses``: pyHanko's, in file order)."""
    last = statuses[-1]
    problems = _masalah(statuses)
    cert = last.signing_cert
    signer_name = common_name(cert) if cert is not None else ""
    utuh = not problems
    pesan = (
        f'Tanda tangan pada "{name}" sah dan berkas utuh ({len(statuses)} tanda tangan, '
        f"oleh {signer_name})."
        if utuh
        else f'Berkas "{name}" TIDAK UTUH: ' + "; ".join(problems) + "."
    )
    return HasilValidasi(
        utuh=utuh,
        bottom_line=all(s.bottom_line for s in statuses),
        intact=all(s.intact for s in statuses),
        coverage=last.coverage.name,
        penanda_tangan=signer_name,
        pesan=pesan,
        jenis="elektronik",
        valid=all(s.valid for s in statuses),
        trusted=all(s.trusted for s in statuses),
        waktu=last.signer_reported_dt,
        jumlah=len(statuses),
        rincian=rincian,
        sertifikat=tuple(identitas(s.signing_cert) for s in statuses),
    )


def validasi_pdf(
    path: str | Path,
    kantor: Kantor | str | Path | None = None,
    trust_roots: list | None = None,
    *,
    nama: str = "",
) -> HasilValidasi:
    """Validate every signature of ``path``; ``utuh`` only when all hold and cover the file.

    Trust roots: ``trust_roots`` (certificates or PEM/DER paths), else the office's
    (:func:`akar_terpercaya`). No network is used (``allow_fetching=False``). A PDF
    without a signature is checked against the office's wet-ink records. ``nama``: how
    messages name the file (an archived object's own file name; default the path's).
    """
    # pyHanko is heavy and pulls in its crypto stack: loaded only when validating
    from pyhanko.pdf_utils.reader import PdfFileReader  # noqa: PLC0415  (heavy)
    from pyhanko.sign.validation import validate_pdf_signature  # noqa: PLC0415  (heavy)
    from pyhanko_certvalidator import ValidationContext  # noqa: PLC0415  (heavy)

    path = Path(path)
    kantor = as_kantor(kantor) if kantor is not None else None
    if not path.is_file():
        raise InputError(f'Berkas "{path}" tidak ditemukan. Periksa nama dan foldernya.')
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f'Berkas "{path}" tidak dapat dibaca (hak akses?).') from exc
    if trust_roots is None:
        trust_roots = akar_terpercaya(kantor) if kantor is not None else []
    roots = [r for r in trust_roots if not isinstance(r, str | Path)]
    roots += _load_roots([Path(r) for r in trust_roots if isinstance(r, str | Path)])

    nama = nama or path.name
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        sigs = reader.embedded_signatures
    except Exception as exc:  # untrusted bytes: any parse failure means "not intact"
        return _rusak(f'Berkas "{nama}" bukan PDF yang utuh: {_short(exc)}')
    if not sigs:
        return _validasi_basah(kantor, data, nama)

    rincian: list[str] = []
    statuses = []
    for i, sig in enumerate(sigs, start=1):
        vc = ValidationContext(trust_roots=roots, allow_fetching=False)
        try:
            with _quiet(), _quiet("pyhanko_certvalidator"):
                status = validate_pdf_signature(sig, vc)
        except Exception as exc:  # a damaged signature container cannot be parsed
            return _rusak(f'Tanda tangan ke-{i} pada "{nama}" rusak: {_short(exc)}')
        statuses.append(status)
        rincian.append(
            f"ke-{i} ({sig.field_name}): bottom_line={status.bottom_line}, "
            f"intact={status.intact}, valid={status.valid}, trusted={status.trusted}, "
            f"coverage={status.coverage.name}"
        )
    return _hasil(nama, statuses, rincian)
