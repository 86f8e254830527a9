"""The 14 steps of the SOP Pengukuran Kinerja, walked end to end (the demo's main path).

Orchestration only: every step calls the part that does it (letters, forms, ledger,
pipeline, signing, numbering, archive, register, BagIt, verification) and records
it in the SOP register with its artefact. Times are parameters: the demo places the
steps on working days before the signing date ``tanggal`` (the date printed on the
document), so a rerun gives the same record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kinerja.arsip.paket import buat_paket
from kinerja.arsip.verifikasi import Laporan, verifikasi
from kinerja.catatan import objek
from kinerja.cetak.render import read_embedded
from kinerja.formulir.tulis import write_forms
from kinerja.inti.model import Periode
from kinerja.inti.tanggal import WIB
from kinerja.jalankan.langkah import Parameter, susun_dokumen
from kinerja.kantor.katalog import Kantor, load_pk
from kinerja.naskah import penomoran, surat
from kinerja.naskah.penomoran import KODE_AKIP
from kinerja.sop import register
from kinerja.ttd import tandatangan

__all__ = ["HasilSop", "catat_persiapan", "selesaikan_sop", "waktu_langkah"]


# step → (working days before signing, start, end[, end day offset]) for the demo timeline
_JADWAL: dict[int, tuple[int, str, str, int]] = {
    1: (10, "08:00", "08:15", 0),
    2: (10, "09:00", "10:00", 0),
    3: (10, "10:30", "10:55", 0),
    4: (9, "08:00", "08:30", 0),
    5: (8, "09:00", "11:00", 0),
    6: (7, "08:00", "10:00", 0),
    7: (6, "08:00", "11:00", 2),  # validation took three days: over the mutu baku
    8: (4, "13:00", "13:40", 0),
    9: (3, "09:00", "10:00", 0),
    10: (2, "09:00", "09:25", 0),
    11: (0, "09:00", "09:10", 0),
    12: (0, "10:00", "10:15", 0),
    13: (0, "10:30", "10:55", 0),
    14: (0, "11:00", "11:10", 0),
}


def _hari_kerja_sebelum(tanggal: dt.date, n: int) -> dt.date:
    day = tanggal
    while n > 0:
        day -= dt.timedelta(days=1)
        if day.weekday() < 5:
            n -= 1
    return day


def waktu_langkah(no: int, tanggal: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """Start and end (WIB) of step ``no`` in the demo timeline ending on ``tanggal``."""
    before, start, end, extra = _JADWAL[no]
    day = _hari_kerja_sebelum(tanggal, before)
    end_day = day
    for _ in range(extra):
        end_day = end_day + dt.timedelta(days=1)
        while end_day.weekday() >= 5:
            end_day += dt.timedelta(days=1)

    def at(d: dt.date, hm: str) -> dt.datetime:
        return dt.datetime.combine(d, dt.time.fromisoformat(hm), tzinfo=WIB)

    return at(day, start), at(end_day, end)


@dataclass
class HasilSop:
    """What the walk produced: letters, numbers, the signed PDF, the package, the check."""

    naskah: dict[str, Path] = field(default_factory=dict)
    nomor: dict[str, str] = field(default_factory=dict)
    dokumen_ttd: Path | None = None
    paket: Path | None = None
    verifikasi: Laporan | None = None


def _catat(kantor: Kantor, periode: str, no: int, tanggal: dt.date, **kw) -> None:
    mulai, selesai = waktu_langkah(no, tanggal)
    register.catat_langkah(kantor, periode, no, mulai=mulai, selesai=selesai, **kw)


def catat_persiapan(
    kantor: Kantor,
    periode: Periode,
    tanggal: dt.date,
    keluaran: Path,
    laporan: Callable[[str], None] = print,
) -> HasilSop:
    """Steps 1–8: disposisi, forms made and sent, invitation, meeting, intake, validation."""
    p = str(periode)
    hasil = HasilSop()
    naskah = keluaran / "naskah"
    d = {no: waktu_langkah(no, tanggal)[0].date() for no in _JADWAL}
    register.mulai_sop(kantor, p, waktu=waktu_langkah(1, tanggal)[0])

    agenda = penomoran.catat_surat_masuk(
        kantor, tanggal=d[1], asal="Inisiatif Camat", hal=f"Pengukuran Kinerja {periode.label}"
    )
    _, hasil.naskah["disposisi"] = surat.buat_disposisi(
        kantor, periode, tanggal=d[1], no_agenda=agenda, out_dir=naskah
    )
    _catat(
        kantor, p, 1, tanggal, pelaksana="camat", artefak=hasil.naskah["disposisi"], paraf="Camat"
    )
    laporan(f"Langkah 1  disposisi Camat (agenda {agenda}): {hasil.naskah['disposisi'].name}")

    forms = write_forms(kantor, load_pk(kantor, periode.tahun), periode, keluaran / "formulir")
    _catat(
        kantor,
        p,
        2,
        tanggal,
        pelaksana="sekretaris_tim",
        artefak=forms[0],
        catatan=f"{len(forms)} formulir unit dibuat",
    )
    _catat(
        kantor,
        p,
        3,
        tanggal,
        pelaksana="sekretaris_tim",
        catatan=f"Formulir disampaikan ke {len(forms)} unit",
    )
    laporan(f"Langkah 2–3  {len(forms)} formulir unit dibuat dan disampaikan")

    hasil.nomor["undangan"] = penomoran.alokasi_nomor(
        kantor,
        KODE_AKIP,
        "Undangan Rapat Pembahasan Pengukuran Kinerja",
        tanggal=d[4],
        jenis_naskah="undangan",
        tujuan="Sekretaris Camat dan pejabat terkait",
        penandatangan="camat",
        periode=p,
    )
    rapat = {"tanggal": d[5]}
    _, hasil.naskah["undangan"] = surat.buat_undangan(
        kantor, periode, nomor=hasil.nomor["undangan"], tanggal=d[4], rapat=rapat, out_dir=naskah
    )
    _catat(
        kantor,
        p,
        4,
        tanggal,
        pelaksana="camat",
        artefak=hasil.naskah["undangan"],
        nomor_surat=hasil.nomor["undangan"],
    )
    laporan(f"Langkah 4  undangan rapat nomor {hasil.nomor['undangan']}")

    _, hasil.naskah["notulen"] = surat.buat_notulen(
        kantor, periode, tanggal=d[5], rapat=rapat, out_dir=naskah
    )
    _, hasil.naskah["daftar-hadir"] = surat.buat_daftar_hadir(
        kantor, periode, tanggal=d[5], rapat=rapat, out_dir=naskah
    )
    _catat(
        kantor,
        p,
        5,
        tanggal,
        pelaksana="camat",
        artefak=hasil.naskah["notulen"],
        catatan="Rapat pembahasan; daftar hadir terlampir",
    )
    _catat(
        kantor,
        p,
        6,
        tanggal,
        pelaksana="sekretaris_tim",
        catatan="Formulir kembali dihimpun (kinerja himpun)",
    )
    _catat(
        kantor,
        p,
        7,
        tanggal,
        pelaksana="anggota_tim",
        catatan="Temuan validasi diputus di buku keputusan",
    )
    _catat(kantor, p, 8, tanggal, pelaksana="anggota_tim", paraf="Kasubag PK")
    laporan("Langkah 5–8  rapat, himpun, validasi, penyampaian ke Kasubag PK")
    return hasil


def _tandatangani(kantor: Kantor, pdf: Path, nomor: str, alasan: str, waktu: dt.datetime):
    """Sign ``pdf`` (the demo's test certificate) beside it as ``-ttd.pdf``; the register
    marks ``nomor`` signed, with the signed file's hash."""
    ttd = tandatangan.tandatangani(
        pdf,
        pdf.with_name(f"{pdf.stem}-ttd.pdf"),
        kantor=kantor,
        signer="pkcs12",
        alasan=alasan,
        waktu=waktu,
    )
    penomoran.tandai_nomor(
        kantor, nomor, status="ditandatangani", waktu=waktu, sha256_pdf=ttd.sha256
    )
    return ttd


def selesaikan_sop(
    kantor: Kantor,
    periode: Periode,
    tanggal: dt.date,
    dokumen_pdf: Path,
    keluaran: Path,
    hasil: HasilSop,
    laporan: Callable[[str], None] = print,
) -> HasilSop:
    """Steps 9–14: correction, numbering and approval, signature, cover letter, copies, archive;
    then verify. ``dokumen_pdf`` is the draft the Camat corrects; the numbered document is
    rendered into ``<keluaran>/dokumen/`` and signed there."""
    p = str(periode)
    naskah = keluaran / "naskah"
    t = {no: waktu_langkah(no, tanggal) for no in _JADWAL}
    _catat(
        kantor,
        p,
        9,
        tanggal,
        pelaksana="camat",
        artefak=dokumen_pdf,
        catatan="Dokumen dikoreksi Camat",
    )
    laporan(f"Langkah 9  dikoreksi Camat: {dokumen_pdf.name}")

    # step 10: the document goes to the Camat with its number from the register, printed on
    # the lembar pengesahan he signs (the draft he corrected had none)
    hasil.nomor["dokumen"] = penomoran.alokasi_nomor_dokumen(
        kantor,
        p,
        f"Dokumen Pengukuran Kinerja {periode.label}",
        tanggal=tanggal,
        kode_klasifikasi=KODE_AKIP,
        waktu=t[10][0],
        oleh="sekcam",
    )
    final = susun_dokumen(Parameter(periode, kantor, tanggal, keluaran / "dokumen")).pdf
    _catat(
        kantor,
        p,
        10,
        tanggal,
        pelaksana="sekcam",
        paraf="Sekcam",
        artefak=final,
        nomor_surat=hasil.nomor["dokumen"],
        catatan=f"Disampaikan kepada Camat untuk persetujuan, nomor {hasil.nomor['dokumen']}",
    )
    laporan(f"Langkah 10 nomor dokumen {hasil.nomor['dokumen']}: {final.name}")

    # the source data and the approved document, then the signed version (frozen)
    for nama, data in read_embedded(final).items():
        objek.simpan(kantor, data, jenis="data", periode=p, nama=nama, waktu=t[11][0])
    objek.simpan(
        kantor,
        final,
        jenis="dokumen",
        periode=p,
        nama="pengukuran-kinerja",
        status="final",
        waktu=t[11][0],
    )
    tandatangan.pastikan_sertifikat_uji(kantor)
    ttd = _tandatangani(
        kantor, final, hasil.nomor["dokumen"], "Pengesahan Dokumen Pengukuran Kinerja", t[11][1]
    )
    hasil.dokumen_ttd = ttd.berkas
    objek.simpan(
        kantor,
        ttd.berkas,
        jenis="dokumen",
        periode=p,
        nama="pengukuran-kinerja",
        status="ditandatangani",
        alasan="ditandatangani Camat",
        waktu=t[11][1],
    )
    _catat(kantor, p, 11, tanggal, pelaksana="camat", artefak=ttd.berkas)
    laporan(f"Langkah 11 ditandatangani (sertifikat UJI COBA): {ttd.berkas.name}")

    hasil.nomor["pengantar"] = penomoran.alokasi_nomor(
        kantor,
        KODE_AKIP,
        "Penyampaian Dokumen Pengukuran Kinerja",
        tanggal=t[12][0].date(),
        jenis_naskah="surat pengantar",
        tujuan=kantor.opsi("naskah", "tujuan_pengiriman", ""),
        penandatangan="camat",
        periode=p,
    )
    _, pengantar = surat.buat_pengantar(
        kantor,
        periode,
        nomor=hasil.nomor["pengantar"],
        tanggal=t[12][0].date(),
        out_dir=naskah,
        penanda="pkcs12",
        nomor_dokumen=hasil.nomor["dokumen"],
    )
    pengantar_ttd = _tandatangani(
        kantor, pengantar, hasil.nomor["pengantar"], "Surat pengantar", t[12][1]
    )
    hasil.naskah["pengantar"] = pengantar_ttd.berkas
    for jenis, path in hasil.naskah.items():
        objek.simpan(
            kantor,
            path,
            jenis="surat",
            periode=p,
            nama=jenis,
            waktu=t[12][1],
            nomor_surat=hasil.nomor.get(jenis, ""),
        )
    _catat(
        kantor,
        p,
        12,
        tanggal,
        pelaksana="sekretaris_tim",
        artefak=pengantar_ttd.berkas,
        nomor_surat=hasil.nomor["pengantar"],
    )
    laporan(f"Langkah 12 surat pengantar nomor {hasil.nomor['pengantar']}")

    _catat(
        kantor,
        p,
        13,
        tanggal,
        pelaksana="sekretaris_tim",
        catatan="Digandakan: Bupati c.q. Bappeda dan Litbang, Inspektorat, arsip kantor",
    )
    hasil.paket = buat_paket(kantor, p, keluaran / "paket", waktu=t[14][0])
    _catat(
        kantor,
        p,
        14,
        tanggal,
        pelaksana="sekretaris_tim",
        artefak=hasil.paket / "bag-info.txt",
        catatan=f"Paket arsip BagIt {hasil.paket.name}",
    )
    laporan(f"Langkah 13–14 digandakan dan diarsipkan: {hasil.paket}")

    hasil.verifikasi = verifikasi(kantor)
    return hasil
