"""Signing a rendered PDF/A and checking the signature (naskah.md §4).

Signers are a small registry keyed by name (``PENANDA``): ``pkcs12`` (pyHanko,
PAdES, SHA-256, incremental update, visible field above the signer's name on the
lembar pengesahan), ``bsre`` (the BSrE/BSSN service, configuration only: see
``kinerja.ttd.bsre``) and ``basah`` (wet ink: the PDF is copied unchanged and the
scan of the signed page is registered with its sha256).

Sign after the PDF/A render; a signed file is written once (never overwritten)
and made read-only. Validation gates on ``bottom_line``, ``intact`` and coverage
``ENTIRE_FILE``, never on ``valid`` alone (a flipped byte can leave it true).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from kinerja.inti.errors import InputError, UsageError
from kinerja.inti.tanggal import WIB
from kinerja.kantor.katalog import Kantor, as_kantor
from kinerja.ttd.dasar import Kotak, Permintaan, Tanda, sha256_hex, tte_dir, write_once
from kinerja.ttd.pkcs12 import (
    TANDA_UJI,
    buat_sertifikat_uji,
    cari_kotak_ttd,
    common_name,
    pastikan_sertifikat_uji,
    sign_pkcs12,
)

__all__ = [
    "KALIMAT_BSRE",
    "PENANDA",
    "TANDA_UJI",
    "HasilTandaTangan",
    "HasilValidasi",
    "Kotak",
    "Penanda",
    "Permintaan",
    "akar_terpercaya",
    "buat_sertifikat_uji",
    "cari_kotak_ttd",
    "daftarkan",
    "kalimat_kaki",
    "pakai_kalimat_bsre",
    "pastikan_sertifikat_uji",
    "tandatangani",
    "tte_dir",
    "validasi_pdf",
]

#: Footer sentence printed only on documents signed through BSrE (BSSN).
KALIMAT_BSRE = (
    "Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik "
    "yang diterbitkan oleh Balai Besar Sertifikasi Elektronik (BSrE), Badan Siber dan Sandi "
    "Negara."
)

_SCAN_MAGIC = {
    b"%PDF-": ".pdf",
    b"\x89PNG\r\n\x1a\n": ".png",
    b"\xff\xd8\xff": ".jpg",
    b"II*\x00": ".tif",
    b"MM\x00*": ".tif",
}


@dataclass(frozen=True)
class HasilTandaTangan:
    """The outcome of :func:`tandatangani`."""

    penanda: str
    berkas: Path
    sha256: str
    sha256_sumber: str
    penanda_tangan: str
    waktu: dt.datetime
    kalimat_bsre: bool
    kotak: Kotak | None = None
    pindaian: Path | None = None
    pindaian_sha256: str | None = None


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


@dataclass(frozen=True)
class Penanda:
    """A registered signer: its name, description, and whether the BSrE sentence applies."""

    nama: str
    keterangan: str
    kalimat_bsre: bool
    tandatangani: Callable[[Path, Permintaan], Tanda]


PENANDA: dict[str, Penanda] = {}


def daftarkan(penanda: Penanda) -> Penanda:
    """Register a signer under its name (replaces one of the same name)."""
    PENANDA[penanda.nama] = penanda
    return penanda


def _penanda(nama: str) -> Penanda:
    if nama not in PENANDA:
        raise UsageError(
            f'Penanda tangan "{nama}" tidak dikenal. Pilih salah satu: {", ".join(PENANDA)}.'
        )
    return PENANDA[nama]


def pakai_kalimat_bsre(penanda: str) -> bool:
    """Whether a document to be signed by ``penanda`` must print :data:`KALIMAT_BSRE`."""
    return _penanda(penanda).kalimat_bsre


def kalimat_kaki(penanda: str) -> str | None:
    """The footer sentence for a document signed by ``penanda`` (``None`` unless BSrE)."""
    return KALIMAT_BSRE if pakai_kalimat_bsre(penanda) else None


# ---------------------------------------------------------------------------------------------
# Signers


def _sign_basah(pdf_in: Path, req: Permintaan) -> Tanda:
    if req.pindaian is None:
        raise UsageError(
            "Tanda tangan basah memerlukan pindaian halaman yang sudah ditandatangani: "
            "beri --pindaian BERKAS (PDF, PNG, JPEG atau TIFF)."
        )
    if not req.pindaian.is_file():
        raise InputError(f'Pindaian "{req.pindaian}" tidak ditemukan. Periksa nama dan foldernya.')
    try:
        scan = req.pindaian.read_bytes()
    except OSError as exc:
        raise InputError(f'Pindaian "{req.pindaian}" tidak dapat dibaca (hak akses?).') from exc
    ext = next((e for magic, e in _SCAN_MAGIC.items() if scan.startswith(magic)), None)
    if ext is None:
        raise InputError(
            f'Pindaian "{req.pindaian.name}" bukan PDF, PNG, JPEG atau TIFF. Pindai ulang '
            "halaman yang ditandatangani ke salah satu format itu."
        )
    data = pdf_in.read_bytes()
    scan_sha = sha256_hex(scan)
    folder = tte_dir(req.kantor) / "pindaian"
    stored = folder / f"{scan_sha}{ext}"
    if not stored.exists():
        write_once(stored, scan)
    record = {
        "jenis": "basah",
        "berkas": pdf_in.name,
        "sha256": sha256_hex(data),
        "pindaian": stored.relative_to(req.kantor.path).as_posix(),
        "pindaian_asli": req.pindaian.name,
        "pindaian_sha256": scan_sha,
        "penanda_tangan": req.pejabat.nama,
        "nip": req.pejabat.nip,
        "waktu": req.waktu.isoformat(),
        "alasan": req.alasan,
        "lokasi": req.lokasi,
    }
    rec = tte_dir(req.kantor) / "basah" / f"{record['sha256']}.json"
    if not rec.exists():
        write_once(rec, json.dumps(record, ensure_ascii=False, indent=2).encode())
    return Tanda(
        data=data, pindaian=stored, pindaian_sha256=scan_sha, penanda_tangan=req.pejabat.nama
    )


def _sign_bsre(pdf_in: Path, req: Permintaan) -> Tanda:
    from kinerja.ttd.bsre import sign_bsre

    return sign_bsre(pdf_in, req)


daftarkan(Penanda("pkcs12", "sertifikat PKCS#12 kantor (pyHanko, PAdES)", False, sign_pkcs12))
daftarkan(Penanda("bsre", "layanan TTE BSrE/BSSN (konfigurasi [tte] url)", True, _sign_bsre))
daftarkan(
    Penanda("basah", "tanda tangan basah: pindaian dan sha256-nya dicatat", False, _sign_basah)
)


# ---------------------------------------------------------------------------------------------
# The one entry point for signing


def tandatangani(
    pdf_in: str | Path,
    pdf_out: str | Path,
    *,
    signer: str = "pkcs12",
    kantor: Kantor | str | Path,
    alasan: str = "Pengesahan Dokumen Pengukuran Kinerja",
    lokasi: str | None = None,
    waktu: dt.datetime | None = None,
    peran: str = "camat",
    kotak: Kotak | None = None,
    pindaian: str | Path | None = None,
    pkcs12: str | Path | None = None,
    sandi: bytes | None = None,
) -> HasilTandaTangan:
    """Sign ``pdf_in`` (a rendered PDF/A) into the new file ``pdf_out`` with ``signer``.

    ``pdf_out`` must not exist; it is written once and made read-only. The
    passphrase of a PKCS#12 file comes from ``sandi`` or the environment variable
    ``KINERJA_TTE_SANDI``; never from the repository.
    """
    kantor = as_kantor(kantor)
    pdf_in, pdf_out = Path(pdf_in), Path(pdf_out)
    penanda = _penanda(signer)
    if not pdf_in.is_file():
        raise InputError(f'Berkas "{pdf_in}" tidak ditemukan.')
    if pdf_out.exists() or pdf_out.resolve() == pdf_in.resolve():
        raise InputError(
            f'Berkas keluaran "{pdf_out}" sudah ada; berkas bertanda tangan tidak pernah '
            "ditimpa. Pilih nama keluaran lain."
        )
    pejabat = kantor.pejabat.get(peran)
    if pejabat is None:
        raise InputError(f'Pejabat dengan peran "{peran}" tidak ada di kantor.toml.')
    waktu = waktu or dt.datetime.now(WIB)
    if waktu.tzinfo is None:
        waktu = waktu.replace(tzinfo=WIB)
    if sandi is None and os.environ.get("KINERJA_TTE_SANDI"):
        sandi = os.environ["KINERJA_TTE_SANDI"].encode()
    req = Permintaan(
        kantor=kantor,
        pejabat=pejabat,
        alasan=alasan,
        lokasi=lokasi or str(kantor.opsi("naskah", "tempat", kantor.nama)),
        waktu=waktu,
        kotak=kotak,
        pindaian=Path(pindaian) if pindaian else None,
        pkcs12=Path(pkcs12) if pkcs12 else None,
        sandi=sandi,
    )
    source = pdf_in.read_bytes()
    tanda = penanda.tandatangani(pdf_in, req)
    write_once(pdf_out, tanda.data)
    return HasilTandaTangan(
        penanda=penanda.nama,
        berkas=pdf_out,
        sha256=sha256_hex(tanda.data),
        sha256_sumber=sha256_hex(source),
        penanda_tangan=tanda.penanda_tangan,
        waktu=waktu,
        kalimat_bsre=penanda.kalimat_bsre,
        kotak=tanda.kotak,
        pindaian=tanda.pindaian,
        pindaian_sha256=tanda.pindaian_sha256,
    )


# ---------------------------------------------------------------------------------------------
# Validation


def akar_terpercaya(kantor: Kantor) -> list[Path]:
    """Trust roots of an office: ``<kantor>/arsip/tte/akar/*.pem`` and ``[tte] akar``."""
    paths = sorted((tte_dir(kantor) / "akar").glob("*.pem"))
    for item in kantor.opsi("tte", "akar", []) or []:
        p = Path(item)
        paths.append(p if p.is_absolute() else kantor.path / p)
    return paths


def _load_roots(paths: list[Path]) -> list:
    from pyhanko.keys import load_cert_from_pemder

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


def validasi_pdf(
    path: str | Path,
    kantor: Kantor | str | Path | None = None,
    trust_roots: list | None = None,
) -> HasilValidasi:
    """Validate every signature of ``path``; ``utuh`` only when all hold and cover the file.

    Trust roots: ``trust_roots`` (certificates or PEM/DER paths), else the office's
    (:func:`akar_terpercaya`). No network is used (``allow_fetching=False``). A PDF
    without a signature is checked against the office's wet-ink records.
    """
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

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

    def rusak(pesan: str) -> HasilValidasi:
        return HasilValidasi(
            utuh=False,
            bottom_line=False,
            intact=False,
            coverage=None,
            penanda_tangan="",
            pesan=pesan,
            jenis="rusak",
        )

    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        sigs = reader.embedded_signatures
    except Exception as exc:  # untrusted bytes: any parse failure means "not intact"
        return rusak(f'Berkas "{path.name}" bukan PDF yang utuh: {_short(exc)}')
    if not sigs:
        return _validasi_basah(kantor, data, path.name)

    rincian: list[str] = []
    statuses = []
    for i, sig in enumerate(sigs, start=1):
        vc = ValidationContext(trust_roots=roots, allow_fetching=False)
        try:
            with _quiet(), _quiet("pyhanko_certvalidator"):
                status = validate_pdf_signature(sig, vc)
        except Exception as exc:  # a damaged signature container cannot be parsed
            return rusak(f'Tanda tangan ke-{i} pada "{path.name}" rusak: {_short(exc)}')
        statuses.append(status)
        rincian.append(
            f"ke-{i} ({sig.field_name}): bottom_line={status.bottom_line}, "
            f"intact={status.intact}, valid={status.valid}, trusted={status.trusted}, "
            f"coverage={status.coverage.name}"
        )
    last = statuses[-1]
    problems = []
    for i, st in enumerate(statuses, start=1):
        if not st.intact:
            problems.append(f"tanda tangan ke-{i}: isi berkas berubah setelah ditandatangani")
        elif not st.valid:
            problems.append(f"tanda tangan ke-{i}: tanda tangan kriptografis tidak sah")
        elif not st.trusted:
            problems.append(
                f"tanda tangan ke-{i}: sertifikat tidak dikenal sebagai terpercaya (akar "
                "terpercaya tidak ada di arsip/tte/akar atau [tte] akar)"
            )
        elif not st.bottom_line:
            problems.append(f"tanda tangan ke-{i}: tidak memenuhi pemeriksaan pyHanko")
        if i < len(statuses) and st.coverage.name not in ("ENTIRE_FILE", "ENTIRE_REVISION"):
            problems.append(f"tanda tangan ke-{i}: tidak menutup revisinya")
    if last.coverage.name != "ENTIRE_FILE":
        problems.append("ada bita tambahan setelah tanda tangan terakhir (tidak menutup berkas)")
    cert = last.signing_cert
    signer_name = common_name(cert) if cert is not None else ""
    utuh = not problems
    pesan = (
        f'Tanda tangan pada "{path.name}" sah dan berkas utuh ({len(statuses)} tanda tangan, '
        f"oleh {signer_name})."
        if utuh
        else f'Berkas "{path.name}" TIDAK UTUH: ' + "; ".join(problems) + "."
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
    )
