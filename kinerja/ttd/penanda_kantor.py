"""The office's signer on record: whose certificate may sign for the office.

The signing identity of an office is the official ``[naskah] penanda_tangan`` names
(peran, default ``camat``) with the name and NIP of its ``[[pejabat]]`` entry. A
signature counts for the office only when its certificate names that person: the NIP
in the subject's ``serialNumber`` or in its CN (as BSrE certificates of ASN do), or the
certificate's sha256 fingerprint was registered for the office
(``kinerja ttd penanda --sertifikat``).

Every change of signer is an event (``apa = "tte-penanda"``, appended when signing or
by ``kinerja ttd penanda``), so a signature is judged against the signer on record
when the signed file was archived: a new Camat later does not break old documents.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kinerja.catatan import eventlog
from kinerja.catatan.db import immediate, jika_tercatat
from kinerja.inti.errors import InputError
from kinerja.kantor.katalog import Kantor

__all__ = [
    "APA_PENANDA",
    "IdentitasSertifikat",
    "PenandaKantor",
    "catat_penanda",
    "cocok",
    "identitas",
    "penanda_konfigurasi",
    "penanda_pada",
    "penanda_tercatat",
    "sidik_berkas",
]

APA_PENANDA = "tte-penanda"


def _angka(text: object) -> str:
    """Only the digits of ``text`` (a NIP written with spaces or dots)."""
    return re.sub(r"\D", "", str(text or ""))


def _deret_angka(text: str) -> set[str]:
    """Runs of digits in ``text``, spaces and dots between digits ignored."""
    return set(re.findall(r"\d+", re.sub(r"(?<=\d)[\s.]+(?=\d)", "", text)))


@dataclass(frozen=True)
class PenandaKantor:
    """The office's signer: peran, name, NIP (digits) and registered certificate fingerprints."""

    peran: str
    nama: str
    nip: str
    sidik: tuple[str, ...] = field(default=())

    def data(self) -> dict[str, Any]:
        """The event's data."""
        return {"peran": self.peran, "nama": self.nama, "nip": self.nip, "sidik": list(self.sidik)}

    @classmethod
    def dari_data(cls, data: object) -> PenandaKantor | None:
        """From an event's data; ``None`` when it is not a signer record."""
        if not isinstance(data, dict):
            return None
        sidik = data.get("sidik")
        return cls(
            peran=str(data.get("peran", "")),
            nama=str(data.get("nama", "")),
            nip=_angka(data.get("nip", "")),
            sidik=tuple(str(s).lower() for s in sidik) if isinstance(sidik, list) else (),
        )

    def teks(self) -> str:
        """How a message names the signer."""
        nip = f"NIP {self.nip}" if self.nip else "tanpa NIP"
        sidik = f"; sertifikat terdaftar {', '.join(s[:16] + '…' for s in self.sidik)}"
        return f"{self.nama or self.peran} ({nip}{sidik if self.sidik else ''})"


@dataclass(frozen=True)
class IdentitasSertifikat:
    """Who a signing certificate names: CN, subject serialNumber, the subject, fingerprint."""

    cn: str
    nomor_seri: str
    subjek: str
    sidik: str

    def menyebut_nip(self, nip: str) -> bool:
        """Whether the certificate itself names ``nip`` (serialNumber or CN)."""
        nip = _angka(nip)
        return bool(nip) and nip in _deret_angka(self.nomor_seri) | _deret_angka(self.cn)


def identitas(cert: Any) -> IdentitasSertifikat:
    """The identity an asn1crypto certificate (pyHanko's ``signing_cert``) names."""
    try:
        native = cert.subject.native
        subjek = cert.subject.human_friendly
        sidik = cert.sha256.hex()
    except (AttributeError, ValueError):
        return IdentitasSertifikat("", "", "", "")
    seri = native.get("serial_number", "")
    return IdentitasSertifikat(
        cn=str(native.get("common_name", "")),
        nomor_seri=str(seri[0] if isinstance(seri, list) and seri else seri),
        subjek=str(subjek),
        sidik=sidik.lower(),
    )


def cocok(ident: IdentitasSertifikat, penanda: PenandaKantor) -> bool:
    """Whether the certificate belongs to the office's signer (NIP named, or registered)."""
    return ident.menyebut_nip(penanda.nip) or (bool(ident.sidik) and ident.sidik in penanda.sidik)


def sidik_berkas(path: Path) -> str:
    """The sha256 fingerprint of a certificate file: PEM/DER, or PKCS#12 (``.p12``/``.pfx``,
    passphrase from ``KINERJA_TTE_SANDI``); a clear error when it is none of those."""
    from cryptography import x509  # noqa: PLC0415  (cryptography: only to register a certificate)
    from cryptography.hazmat.primitives import hashes  # noqa: PLC0415  (see above)
    from cryptography.hazmat.primitives.serialization import pkcs12  # noqa: PLC0415  (see above)

    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f'Sertifikat "{path}" tidak dapat dibaca: {exc.strerror}.') from None
    sandi = os.environ.get("KINERJA_TTE_SANDI")
    try:
        if Path(path).suffix.lower() in (".p12", ".pfx"):
            cert = pkcs12.load_pkcs12(data, sandi.encode() if sandi else None).cert
            cert = cert.certificate if cert is not None else None
        elif b"-----BEGIN" in data:
            cert = x509.load_pem_x509_certificate(data)
        else:
            cert = x509.load_der_x509_certificate(data)
    except (ValueError, TypeError):
        cert = None
    if cert is None:
        raise InputError(
            f'Berkas "{path}" bukan sertifikat PEM/DER atau PKCS#12 yang dapat dibuka (sandi '
            "PKCS#12 di KINERJA_TTE_SANDI). Berikan sertifikat penanda tangan kantor."
        )
    return cert.fingerprint(hashes.SHA256()).hex()


def penanda_konfigurasi(kantor: Kantor, sidik: Iterable[str] = ()) -> PenandaKantor:
    """The signer kantor.toml names now: ``[naskah] penanda_tangan`` (default camat)."""
    peran = str(kantor.opsi("naskah", "penanda_tangan", "camat") or "camat")
    pejabat = kantor.pejabat.get(peran)
    if pejabat is None:
        raise InputError(
            f'kantor.toml: [naskah] penanda_tangan = "{peran}", tetapi tidak ada [[pejabat]] '
            f'dengan peran "{peran}". Tambahkan pejabat itu beserta nama dan NIP-nya.'
        )
    return PenandaKantor(peran, pejabat.nama, _angka(pejabat.nip), tuple(sidik))


def penanda_pada(events: Iterable[dict[str, Any]], event_hash: str) -> PenandaKantor | None:
    """The signer on record when the event ``event_hash`` was appended (chain order).

    The last ``tte-penanda`` event before it; when none precedes it (a file archived
    before the office recorded any signer) the first one after it; ``None`` when the
    chain records no signer at all.
    """
    sebelum: PenandaKantor | None = None
    sesudah: PenandaKantor | None = None
    lewat = False
    for e in events:
        if e.get("hash") == event_hash:
            lewat = True
        if e.get("apa") != APA_PENANDA:
            continue
        p = PenandaKantor.dari_data(e.get("data"))
        if p is None:
            continue
        if not lewat:
            sebelum = p
        elif sesudah is None:
            sesudah = p
    return sebelum or sesudah


def _terakhir(conn: sqlite3.Connection) -> PenandaKantor | None:
    row = conn.execute(
        "SELECT data FROM peristiwa WHERE apa = ? ORDER BY seq DESC LIMIT 1", (APA_PENANDA,)
    ).fetchone()
    if row is None:
        return None
    try:
        return PenandaKantor.dari_data(json.loads(row[0]))
    except (TypeError, json.JSONDecodeError):
        return None


def penanda_tercatat(kantor: Kantor) -> PenandaKantor | None:
    """The signer the register last recorded (``None``: never recorded)."""
    return jika_tercatat(kantor.path, _terakhir)


def catat_penanda(
    kantor: Kantor,
    *,
    waktu: dt.datetime,
    oleh: str = "sistem",
    sidik: Iterable[str] | None = None,
) -> PenandaKantor:
    """Record the signer kantor.toml names (an event) when it differs from the last record.

    ``sidik``: the fingerprints to register (they replace the recorded ones); when
    ``None`` the recorded fingerprints stay while the person (peran and name) is the
    same, and are dropped for a new person. Returns the signer on record.
    """
    conn = eventlog.open_db(kantor)
    try:
        with immediate(conn):
            lalu = _terakhir(conn)
            orang = penanda_konfigurasi(kantor)
            if sidik is not None:
                daftar = tuple(dict.fromkeys(s.lower() for s in sidik))
            elif lalu is not None and (lalu.peran, lalu.nama) == (orang.peran, orang.nama):
                daftar = lalu.sidik
            else:
                daftar = ()
            sekarang = penanda_konfigurasi(kantor, daftar)
            if lalu != sekarang:
                eventlog.append(
                    conn, waktu=waktu, siapa=oleh, apa=APA_PENANDA, data=sekarang.data()
                )
        return sekarang
    finally:
        conn.close()
