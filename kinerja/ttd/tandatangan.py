"""Signing a rendered PDF/A (naskah.md §4), and the one import point of ``ttd``.

Signers are a small registry keyed by name (``PENANDA``): ``pkcs12`` (pyHanko,
PAdES, SHA-256, incremental update, visible field above the signer's name on the
lembar pengesahan), ``bsre`` (the BSrE/BSSN service, configuration only: see
``kinerja.ttd.bsre``) and ``basah`` (wet ink: the PDF is copied unchanged and the
scan of the signed page is registered with its sha256).

Sign after the PDF/A render; a signed file is written once (never overwritten)
and made read-only. Checking a signature is ``ttd.keabsahan.validasi_pdf``; it is
re-exported here with the field helper of ``ttd.pkcs12`` and the test certificate
of ``ttd.sertifikat_uji``, so callers import the part from one place.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kinerja.catatan.eventlog import kepala_rantai
from kinerja.inti.errors import InputError, UsageError
from kinerja.inti.tanggal import WIB
from kinerja.kantor.katalog import Kantor, as_kantor
from kinerja.ttd.bsre import sign_bsre
from kinerja.ttd.dasar import Kotak, Permintaan, Tanda, sha256_hex, tte_dir, write_once
from kinerja.ttd.keabsahan import HasilValidasi, akar_terpercaya, validasi_pdf
from kinerja.ttd.penanda_kantor import catat_penanda
from kinerja.ttd.pkcs12 import cari_kotak_ttd, sign_pkcs12
from kinerja.ttd.sertifikat_uji import TANDA_UJI, buat_sertifikat_uji, pastikan_sertifikat_uji

#: How the reason of a signature names the archive chain's head at signing time.
LABEL_KEPALA_TTD = "kepala rantai arsip"

__all__ = [
    "LABEL_KEPALA_TTD",
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
    "pindaian_terpakai",
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
    _tolak_pindaian_terpakai(req.kantor, req.pindaian.name, scan_sha, sha256_hex(data))
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


def pindaian_terpakai(kantor: Kantor, scan_sha: str, sha_berkas: str) -> dict | None:
    """The wet-ink record of another file (not ``sha_berkas``) whose scan has the hash
    ``scan_sha``; ``None`` when the scan was never used for another file."""
    folder = tte_dir(kantor) / "basah"
    for rec in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            info = json.loads(rec.read_text("utf-8"))
        except (OSError, ValueError):
            continue  # a damaged record is verifikasi's finding, not this check's
        if info.get("pindaian_sha256") == scan_sha and info.get("sha256") != sha_berkas:
            return info
    return None


def _tolak_pindaian_terpakai(kantor: Kantor, nama: str, scan_sha: str, sha_berkas: str) -> None:
    """A scan is the signed page of one file: one already recorded for another is refused."""
    lain = pindaian_terpakai(kantor, scan_sha, sha_berkas)
    if lain is not None:
        berkas, tanggal = lain.get("berkas", "?"), str(lain.get("waktu", ""))[:10]
        raise InputError(
            f'Pindaian "{nama}" sudah tercatat sebagai tanda tangan basah atas berkas '
            f'"{berkas}" ({tanggal}); satu pindaian '
            "hanya untuk satu berkas. Cetak berkas yang akan ditandatangani, mintakan tanda "
            "tangan Camat, pindai halaman itu, lalu berikan pindaian barunya."
        )


daftarkan(Penanda("pkcs12", "sertifikat PKCS#12 kantor (pyHanko, PAdES)", False, sign_pkcs12))
daftarkan(Penanda("bsre", "layanan TTE BSrE/BSSN (konfigurasi [tte] url)", True, sign_bsre))
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
    peran: str | None = None,
    kotak: Kotak | None = None,
    pindaian: str | Path | None = None,
    pkcs12: str | Path | None = None,
    sandi: bytes | None = None,
) -> HasilTandaTangan:
    """Sign ``pdf_in`` (a rendered PDF/A) into the new file ``pdf_out`` with ``signer``.

    ``pdf_out`` must not exist; it is written once and made read-only. ``peran``:
    the official whose name the field goes above (default ``[naskah] penanda_tangan``,
    else camat). The office's signer is recorded first (an event when it changed,
    ``ttd.penanda_kantor``) and a PKCS#12 certificate that does not name that person is
    refused. The passphrase of a PKCS#12 file comes from ``sandi`` or the environment variable
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
    peran = peran or str(kantor.opsi("naskah", "penanda_tangan", "camat") or "camat")
    pejabat = kantor.pejabat.get(peran)
    if pejabat is None:
        raise InputError(f'Pejabat dengan peran "{peran}" tidak ada di kantor.toml.')
    waktu = waktu or dt.datetime.now(WIB)
    if waktu.tzinfo is None:
        waktu = waktu.replace(tzinfo=WIB)
    if sandi is None and os.environ.get("KINERJA_TTE_SANDI"):
        sandi = os.environ["KINERJA_TTE_SANDI"].encode()
    penanda_kantor = catat_penanda(kantor, waktu=waktu)  # the signer on record when signing
    kepala = kepala_rantai(kantor.path)
    if kepala:  # the chain's head, under the signature: a witness outside the database
        alasan = f"{alasan}; {LABEL_KEPALA_TTD} {kepala}"
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
        kepala=kepala or "",
        penanda=penanda_kantor,
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
