"""The clearly marked test certificate: a TEST CA and a signer PKCS#12 for the office's signer.

For trying the signing flow without the office's real certificate. Every name in
it says ``TANDA_UJI``; the CA is registered as a trust root of the office only.
Like a BSrE certificate of an ASN, the signer's certificate carries the name in CN
and the NIP in ``serialNumber`` (``ttd.penanda_kantor``); without a NIP its
fingerprint is registered for the office instead. cryptography is loaded only when
a certificate is made.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path

from kinerja.inti.errors import InputError
from kinerja.kantor.katalog import Kantor
from kinerja.ttd.akar import catat_akar
from kinerja.ttd.dasar import tte_dir, write_once
from kinerja.ttd.penanda_kantor import PenandaKantor, catat_penanda, penanda_konfigurasi

__all__ = ["TANDA_UJI", "buat_sertifikat_uji", "lokasi_sertifikat_uji", "pastikan_sertifikat_uji"]

TANDA_UJI = "UJI COBA — BUKAN TTE RESMI"


def _nama_x509(kantor: Kantor, cn: str, nip: str = ""):
    """A certificate name of the office marked as a test: C, O, OU = TANDA_UJI, CN, and the
    NIP as ``serialNumber`` when given."""
    from cryptography import x509  # noqa: PLC0415  (cryptography: only for test certificates)
    from cryptography.x509.oid import NameOID  # noqa: PLC0415  (see above)

    seri = [x509.NameAttribute(NameOID.SERIAL_NUMBER, nip)] if nip else []
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, kantor.nama),
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, TANDA_UJI),
            x509.NameAttribute(NameOID.COMMON_NAME, cn),
            *seri,
        ]
    )


def _buat_ca(kantor: Kantor, start: dt.datetime, end: dt.datetime):
    """The test CA: (private key, self-signed certificate)."""
    from cryptography import x509  # noqa: PLC0415  (cryptography: only for test certificates)
    from cryptography.hazmat.primitives import hashes  # noqa: PLC0415  (see above)
    from cryptography.hazmat.primitives.asymmetric import rsa  # noqa: PLC0415  (see above)

    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ca_name = _nama_x509(kantor, f"CA {TANDA_UJI}")
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), False)
        .sign(ca_key, hashes.SHA256())
    )
    return ca_key, ca


def _buat_penanda(
    kantor: Kantor, orang: PenandaKantor, ca_key, ca, start: dt.datetime, end: dt.datetime
):
    """The signer's key and certificate, issued by the test CA: (private key, certificate)."""
    from cryptography import x509  # noqa: PLC0415  (cryptography: only for test certificates)
    from cryptography.hazmat.primitives import hashes  # noqa: PLC0415  (see above)
    from cryptography.hazmat.primitives.asymmetric import rsa  # noqa: PLC0415  (see above)
    from cryptography.x509.oid import ExtendedKeyUsageOID  # noqa: PLC0415  (see above)

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_nama_x509(kantor, f"{orang.nama} ({TANDA_UJI})", orang.nip))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False),
            critical=True,
        )
        .add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), False
        )
        .sign(ca_key, hashes.SHA256())
    )
    return key, cert


def _orang(kantor: Kantor) -> PenandaKantor:
    """The office's signer (``[naskah] penanda_tangan``), else the Camat, else the office."""
    try:
        return penanda_konfigurasi(kantor)
    except InputError:
        pejabat = kantor.pejabat.get("camat")
        return PenandaKantor("camat", pejabat.nama if pejabat else kantor.nama, "")


def buat_sertifikat_uji(out_dir: str | Path, kantor: Kantor) -> Path:
    """Make a TEST CA and signer PKCS#12 (no passphrase) for ``kantor``'s signer.

    Both names say "UJI COBA — BUKAN TTE RESMI". Writes ``penanda-tangan.p12`` and
    ``ca-uji.pem`` into ``out_dir`` and registers the CA as a trust root in
    ``<kantor>/arsip/tte/akar/``. Never overwrites: an existing pair is an error.
    Returns the PKCS#12 path.
    """
    from cryptography.hazmat.primitives import (  # noqa: PLC0415  (only for test certificates)
        hashes,
        serialization,
    )
    from cryptography.hazmat.primitives.serialization import pkcs12  # noqa: PLC0415  (see above)

    out_dir = Path(out_dir)
    p12_path = out_dir / "penanda-tangan.p12"
    if p12_path.exists():
        raise InputError(
            f'Sertifikat uji "{p12_path}" sudah ada dan tidak ditimpa. Pakai yang ada, atau '
            "hapus foldernya bila memang ingin membuat yang baru."
        )
    orang = _orang(kantor)
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    start = min(now - dt.timedelta(days=1), dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    end = now + dt.timedelta(days=3650)
    ca_key, ca = _buat_ca(kantor, start, end)
    key, cert = _buat_penanda(kantor, orang, ca_key, ca, start, end)
    p12 = pkcs12.serialize_key_and_certificates(
        name=TANDA_UJI.encode(),
        key=key,
        cert=cert,
        cas=[ca],
        encryption_algorithm=serialization.NoEncryption(),
    )
    ca_pem = ca.public_bytes(serialization.Encoding.PEM)
    write_once(out_dir / "ca-uji.pem", ca_pem)
    write_once(p12_path, p12)
    akar = tte_dir(kantor) / "akar" / f"ca-uji-{ca.fingerprint(hashes.SHA256()).hex()[:16]}.pem"
    write_once(akar, ca_pem)
    catat_akar(kantor, waktu=now, oleh="sertifikat-uji")  # a change of roots is an event
    if not orang.nip:  # no NIP for the certificate to name: register its fingerprint
        sidik = cert.fingerprint(hashes.SHA256()).hex()
        with contextlib.suppress(InputError):  # no signer configured: nothing to register
            catat_penanda(kantor, waktu=now, oleh="sertifikat-uji", sidik=[sidik])
    return p12_path


def lokasi_sertifikat_uji(kantor: Kantor) -> Path:
    """Where the office's test PKCS#12 lives: ``<kantor>/arsip/tte/uji/penanda-tangan.p12``."""
    return tte_dir(kantor) / "uji" / "penanda-tangan.p12"


def pastikan_sertifikat_uji(kantor: Kantor) -> Path:
    """The office's test PKCS#12 under ``<kantor>/arsip/tte/uji/``, made on first use."""
    p12 = lokasi_sertifikat_uji(kantor)
    return p12 if p12.is_file() else buat_sertifikat_uji(p12.parent, kantor)
