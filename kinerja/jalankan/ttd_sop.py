"""Signing in the SOP walk (steps 11–12): the signer, the records a signature leaves.

``tandatangani_berkas`` signs with a wet-ink scan when one is given, else with the
office's PKCS#12 (``[tte] pkcs12``, else the test certificate); ``bekukan_tandatangan``
keeps a signed document as the records need it; ``ditandatangani_basah`` tells from the
wet-ink record whether a signed file was signed in wet ink.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kinerja.catatan import objek
from kinerja.cetak.render import read_embedded
from kinerja.kantor.katalog import Kantor
from kinerja.naskah import penomoran
from kinerja.ttd import tandatangan
from kinerja.ttd.pkcs12 import pkcs12_bawaan

__all__ = ["bekukan_tandatangan", "ditandatangani_basah", "tandatangani_berkas"]


def tandatangani_berkas(
    kantor: Kantor,
    pdf: Path,
    alasan: str,
    *,
    waktu: dt.datetime,
    pkcs12: Path | None = None,
    pindaian: Path | None = None,
) -> tandatangan.HasilTandaTangan:
    """Sign ``pdf`` beside it as ``<stem>-ttd.pdf``: wet ink with ``pindaian``, else PKCS#12."""
    out = pdf.with_name(f"{pdf.stem}-ttd.pdf")
    if pindaian is not None:
        return tandatangan.tandatangani(
            pdf, out, kantor=kantor, signer="basah", pindaian=pindaian, alasan=alasan,
            waktu=waktu,
        )  # fmt: skip
    p12 = pkcs12 or pkcs12_bawaan(kantor)  # no signer: InputError saying how to get one
    return tandatangan.tandatangani(
        pdf, out, kantor=kantor, signer="pkcs12", pkcs12=p12, alasan=alasan, waktu=waktu
    )


def ditandatangani_basah(kantor: Kantor, sha256: str) -> bool:
    """Whether the signed file with this hash was signed in wet ink (its scan recorded)."""
    return bool(sha256) and (tandatangan.tte_dir(kantor) / "basah" / f"{sha256}.json").is_file()


def bekukan_tandatangan(
    kantor: Kantor, periode: str, sumber: Path, ttd: Path, sha256: str, nomor: str, waktu
) -> None:
    """A signed document kept as the records need it: its embedded source data and the
    approved version archived, the signed version frozen, its number ``ditandatangani``."""
    for nama, data in read_embedded(sumber).items():
        objek.simpan(kantor, data, jenis="data", periode=periode, nama=nama, waktu=waktu)
    nama = "pengukuran-kinerja"
    objek.simpan(
        kantor, sumber, jenis="dokumen", periode=periode, nama=nama, status="final", waktu=waktu
    )
    objek.simpan(
        kantor, ttd, jenis="dokumen", periode=periode, nama=nama, status="ditandatangani",
        alasan="ditandatangani Camat", waktu=waktu,
    )  # fmt: skip
    if nomor:
        penomoran.tandai_nomor(
            kantor, nomor, status="ditandatangani", waktu=waktu, sha256_pdf=sha256
        )
