"""Signing in the SOP walk (steps 11–12): the signer, the records a signature leaves.

``tandatangani_berkas`` signs with a wet-ink scan when one is given, else with the
office's PKCS#12 (``[tte] pkcs12``, else the test certificate); ``bekukan_tandatangan``
keeps a signed document as the records need it; ``ditandatangani_basah`` tells from the
wet-ink record whether a signed file was signed in wet ink; ``arsipkan_basah`` archives its evidence
(the scan and the signing record, covered by the chain); ``lanjutkan_tandatangan``
resumes after a killed run: the signed file it left is adopted when it is the office's
signature of exactly that PDF, else moved aside (a signed file is never overwritten).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
from pathlib import Path

from kinerja.catatan import objek
from kinerja.cetak.render import read_embedded
from kinerja.inti.tanggal import WIB
from kinerja.kantor.katalog import Kantor
from kinerja.naskah import penomoran
from kinerja.sop import register
from kinerja.ttd import tandatangan
from kinerja.ttd.penanda_kantor import (
    PenandaKantor,
    cocok,
    penanda_konfigurasi,
    penanda_tercatat,
)
from kinerja.ttd.pkcs12 import pkcs12_bawaan

__all__ = [
    "arsipkan_basah",
    "bekukan_tandatangan",
    "ditandatangani_basah",
    "lanjutkan_tandatangan",
    "nama_ttd",
    "pengantar_basah",
    "tandatangani_berkas",
]


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
    out = nama_ttd(pdf)
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


def arsipkan_basah(
    kantor: Kantor, periode: str, ttd: Path, sha256: str, waktu: dt.datetime
) -> bool:
    """The wet-ink evidence of the signed file ``ttd`` (its signing record and the scan it
    names) archived as objects of ``periode`` (jenis ``tte``), so the chain covers them and
    the package carries them; False when ``ttd`` was not signed in wet ink. Archiving the
    same evidence again is a no-op (a rerun after a killed run)."""
    rekam = tandatangan.tte_dir(kantor) / "basah" / f"{sha256}.json"
    if not sha256 or not rekam.is_file():
        return False
    info = json.loads(rekam.read_text("utf-8"))
    pindaian = kantor.path / info["pindaian"]
    for awalan, berkas in (("pindaian", pindaian), ("basah", rekam)):
        objek.simpan(
            kantor, berkas, jenis="tte", periode=periode, nama=f"{awalan}-{ttd.stem}",
            status="final", waktu=waktu,
        )  # fmt: skip
    return True


def pengantar_basah(
    kantor: Kantor, periode: str, pindaian: Path | None, pkcs12: Path | None
) -> bool:
    """Whether the cover letter (step 12) is signed in wet ink: ``--pindaian`` given, or
    (no ``--pkcs12``) the document of step 11 was, as its wet-ink record says."""
    if pindaian is not None or pkcs12 is not None:
        return pindaian is not None
    return ditandatangani_basah(kantor, register.status_sop(kantor, periode)[10]["sha256"])


def bekukan_tandatangan(
    kantor: Kantor, periode: str, sumber: Path, ttd: Path, sha256: str, nomor: str, waktu
) -> None:
    """A signed document kept as the records need it: its embedded source data and the
    approved version archived, the signed version frozen, its number ``ditandatangani``.
    A run killed after the signed version was archived left it the latest: kept as it is."""
    nama = "pengukuran-kinerja"
    arsipkan_basah(kantor, periode, ttd, sha256, waktu)
    terakhir = objek.terbaru(kantor, "dokumen", periode, nama)
    if terakhir is None or terakhir["sha256"] != sha256:
        for nama_data, data in read_embedded(sumber).items():
            objek.simpan(kantor, data, jenis="data", periode=periode, nama=nama_data, waktu=waktu)
        objek.simpan(
            kantor, sumber, jenis="dokumen", periode=periode, nama=nama, status="final",
            waktu=waktu,
        )  # fmt: skip
        objek.simpan(
            kantor, ttd, jenis="dokumen", periode=periode, nama=nama, status="ditandatangani",
            alasan="ditandatangani Camat", waktu=waktu,
        )  # fmt: skip
    if nomor:
        penomoran.tandai_nomor(
            kantor, nomor, status="ditandatangani", waktu=waktu, sha256_pdf=sha256
        )


def nama_ttd(pdf: Path) -> Path:
    """Where ``pdf`` signed goes: ``<stem>-ttd.pdf`` beside it."""
    return pdf.with_name(f"{pdf.stem}-ttd.pdf")


def lanjutkan_tandatangan(
    kantor: Kantor, pdf: Path, waktu: dt.datetime
) -> tuple[tandatangan.HasilTandaTangan | None, str]:
    """After a killed run: the signed file beside ``pdf`` that no step recorded.

    Adopted when it is the office's signature of exactly ``pdf`` (see ``_sebab_tolak``):
    (its result, a line saying so). Otherwise moved aside to
    ``<stem>-ttd.terputus-<stamp>.pdf`` (never overwritten): (None, a line saying why).
    (None, '') when there is no such file.
    """
    out = nama_ttd(pdf)
    if not out.exists():
        return None, ""
    sebab = _sebab_tolak(kantor, pdf, out) if pdf.is_file() else f"{pdf.name} tidak ada"
    if not sebab:
        return _hasil_ambil(kantor, pdf, out), (
            f"Berkas bertanda tangan {out.name} dari panggilan yang terputus diambil: "
            "tanda tangannya sah, oleh penanda tangan kantor, atas berkas yang sama persis."
        )
    sisih = _sisihkan(out, waktu)
    return None, (
        f"Berkas bertanda tangan {out.name} dari panggilan yang terputus tidak dipakai "
        f"({sebab}); dipindah ke {sisih.name} dan berkas ditandatangani ulang."
    )


def _penanda_kantor(kantor: Kantor) -> PenandaKantor:
    """The office's signer: the one on record when it is the person kantor.toml names."""
    sekarang = penanda_konfigurasi(kantor)
    tercatat = penanda_tercatat(kantor)
    if tercatat is not None and (tercatat.peran, tercatat.nama) == (sekarang.peran, sekarang.nama):
        return tercatat
    return sekarang


def _sebab_tolak(kantor: Kantor, pdf: Path, out: Path) -> str:
    """Why ``out`` is not the office's signed ``pdf`` ('' when it is): every signature
    valid and covering the file, exactly one, by the office's signer, and the signed
    revision is ``pdf``'s bytes plus that one signature's incremental update."""
    hasil = tandatangan.validasi_pdf(out, kantor=kantor)
    if not hasil.utuh:
        return hasil.pesan.rstrip(".")
    sumber, data = pdf.read_bytes(), out.read_bytes()
    penanda = _penanda_kantor(kantor)
    if hasil.jenis == "basah":
        rekam = json.loads(_rekam_basah(kantor, data).read_text("utf-8"))
        if data != sumber:
            return f"isinya bukan {pdf.name}"
        if re.sub(r"\D", "", str(rekam.get("nip", ""))) != penanda.nip:
            return f"ditandatangani basah oleh {rekam.get('penanda_tangan')}, bukan {penanda.nama}"
        return ""
    if hasil.jumlah != 1:
        return f"memuat {hasil.jumlah} tanda tangan, bukan satu"
    if not cocok(hasil.sertifikat[0], penanda):
        return f'sertifikatnya "{hasil.sertifikat[0].subjek}" bukan milik {penanda.nama}'
    if not data.startswith(sumber) or _revisi_bertanda(data) != (_jumlah_revisi(sumber), 1):
        return f"yang ditandatangani bukan {pdf.name} yang ada sekarang"
    return ""


def _jumlah_revisi(data: bytes) -> int:
    from pyhanko.pdf_utils.reader import PdfFileReader  # noqa: PLC0415  (pyHanko is heavy)

    return PdfFileReader(io.BytesIO(data), strict=False).xrefs.total_revisions


def _revisi_bertanda(data: bytes) -> tuple[int, int]:
    """(the revision the signature sits in, revisions after it)."""
    from pyhanko.pdf_utils.reader import PdfFileReader  # noqa: PLC0415  (pyHanko is heavy)

    reader = PdfFileReader(io.BytesIO(data), strict=False)
    (sig,) = reader.embedded_signatures
    return sig.signed_revision, reader.xrefs.total_revisions - sig.signed_revision


def _rekam_basah(kantor: Kantor, data: bytes) -> Path:
    return tandatangan.tte_dir(kantor) / "basah" / f"{hashlib.sha256(data).hexdigest()}.json"


def _hasil_ambil(kantor: Kantor, pdf: Path, out: Path) -> tandatangan.HasilTandaTangan:
    """The result of signing ``pdf`` into ``out``, read from the files and records."""
    data = out.read_bytes()
    hasil = tandatangan.validasi_pdf(out, kantor=kantor)
    pindaian = sha_pindaian = None
    if hasil.jenis == "basah":
        rekam = json.loads(_rekam_basah(kantor, data).read_text("utf-8"))
        pindaian, sha_pindaian = kantor.path / rekam["pindaian"], rekam["pindaian_sha256"]
    return tandatangan.HasilTandaTangan(
        penanda="basah" if hasil.jenis == "basah" else "elektronik",
        berkas=out,
        sha256=hashlib.sha256(data).hexdigest(),
        sha256_sumber=hashlib.sha256(pdf.read_bytes()).hexdigest(),
        penanda_tangan=hasil.penanda_tangan,
        waktu=hasil.waktu or dt.datetime.fromtimestamp(out.stat().st_mtime, WIB),
        kalimat_bsre=False,
        pindaian=pindaian,
        pindaian_sha256=sha_pindaian,
    )


def _sisihkan(out: Path, waktu: dt.datetime) -> Path:
    """Move ``out`` aside under a name that does not exist yet (nothing overwritten)."""
    dasar = f"{out.stem}.terputus-{waktu:%Y%m%d-%H%M%S}"
    tujuan, n = out.with_name(f"{dasar}.pdf"), 1
    while tujuan.exists():
        n += 1
        tujuan = out.with_name(f"{dasar}-{n}.pdf")
    out.rename(tujuan)  # same folder: atomic; a rename never replaces here (checked above)
    return tujuan
