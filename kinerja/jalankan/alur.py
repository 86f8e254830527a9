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
from kinerja.kantor.katalog import Kantor
from kinerja.kantor.pk import load_pk
from kinerja.naskah import penomoran, surat
from kinerja.naskah.penomoran import KODE_AKIP
from kinerja.sop import register
from kinerja.ttd import tandatangan
from kinerja.validasi.koreksi import prefill_terkoreksi

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


@dataclass(frozen=True)
class _Jalan:
    """One walk: the office, the periode, the signing date, where its letters go, the report."""

    kantor: Kantor
    periode: Periode
    tanggal: dt.date
    keluaran: Path
    hasil: HasilSop
    laporan: Callable[[str], None]

    @property
    def p(self) -> str:
        return str(self.periode)

    @property
    def naskah(self) -> Path:
        return self.keluaran / "naskah"

    def catat(self, no: int, **kw) -> None:
        """Record step ``no`` in the register at its time in the timeline."""
        _catat(self.kantor, self.p, no, self.tanggal, **kw)

    def waktu(self, no: int) -> tuple[dt.datetime, dt.datetime]:
        return waktu_langkah(no, self.tanggal)


def catat_persiapan(
    kantor: Kantor,
    periode: Periode,
    tanggal: dt.date,
    keluaran: Path,
    laporan: Callable[[str], None] = print,
) -> HasilSop:
    """Steps 1–8: disposisi, forms made and sent, invitation, meeting, intake, validation."""
    j = _Jalan(kantor, periode, tanggal, keluaran, HasilSop(), laporan)
    register.mulai_sop(kantor, j.p, waktu=j.waktu(1)[0])
    _disposisi_dan_formulir(j)
    _undangan_dan_rapat(j)
    return j.hasil


def _disposisi_dan_formulir(j: _Jalan) -> None:
    """Steps 1–3: the Camat's disposisi, the units' forms made and sent."""
    kantor, periode, hasil = j.kantor, j.periode, j.hasil
    hari = j.waktu(1)[0].date()
    agenda = penomoran.catat_surat_masuk(
        kantor, tanggal=hari, asal="Inisiatif Camat", hal=f"Pengukuran Kinerja {periode.label}"
    )
    _, hasil.naskah["disposisi"] = surat.buat_disposisi(
        kantor, periode, tanggal=hari, no_agenda=agenda, out_dir=j.naskah
    )
    j.catat(1, pelaksana="camat", artefak=hasil.naskah["disposisi"], paraf="Camat")
    j.laporan(f"Langkah 1  disposisi Camat (agenda {agenda}): {hasil.naskah['disposisi'].name}")

    realisasi, anggaran = prefill_terkoreksi(kantor, periode)
    forms = write_forms(
        kantor,
        load_pk(kantor, periode.tahun),
        periode,
        j.keluaran / "formulir",
        realisasi=realisasi,
        anggaran=anggaran,
    )
    j.catat(
        2,
        pelaksana="sekretaris_tim",
        artefak=forms[0],
        catatan=f"{len(forms)} formulir unit dibuat",
    )
    j.catat(3, pelaksana="sekretaris_tim", catatan=f"Formulir disampaikan ke {len(forms)} unit")
    j.laporan(f"Langkah 2–3  {len(forms)} formulir unit dibuat dan disampaikan")


def _undangan_dan_rapat(j: _Jalan) -> None:
    """Steps 4–8: the invitation, the meeting (minutes, attendance), intake and validation."""
    kantor, periode, hasil = j.kantor, j.periode, j.hasil
    undangan, rapat_hari = j.waktu(4)[0].date(), j.waktu(5)[0].date()
    hasil.nomor["undangan"] = penomoran.alokasi_nomor(
        kantor,
        KODE_AKIP,
        "Undangan Rapat Pembahasan Pengukuran Kinerja",
        tanggal=undangan,
        jenis_naskah="undangan",
        tujuan="Sekretaris Camat dan pejabat terkait",
        penandatangan="camat",
        periode=j.p,
    )
    rapat = {"tanggal": rapat_hari}
    _, hasil.naskah["undangan"] = surat.buat_undangan(
        kantor,
        periode,
        nomor=hasil.nomor["undangan"],
        tanggal=undangan,
        rapat=rapat,
        out_dir=j.naskah,
    )
    j.catat(
        4, pelaksana="camat", artefak=hasil.naskah["undangan"], nomor_surat=hasil.nomor["undangan"]
    )
    j.laporan(f"Langkah 4  undangan rapat nomor {hasil.nomor['undangan']}")

    _, hasil.naskah["notulen"] = surat.buat_notulen(
        kantor, periode, tanggal=rapat_hari, rapat=rapat, out_dir=j.naskah
    )
    _, hasil.naskah["daftar-hadir"] = surat.buat_daftar_hadir(
        kantor, periode, tanggal=rapat_hari, rapat=rapat, out_dir=j.naskah
    )
    j.catat(
        5,
        pelaksana="camat",
        artefak=hasil.naskah["notulen"],
        catatan="Rapat pembahasan; daftar hadir terlampir",
    )
    j.catat(6, pelaksana="sekretaris_tim", catatan="Formulir kembali dihimpun (kinerja himpun)")
    j.catat(7, pelaksana="anggota_tim", catatan="Temuan validasi diputus di buku keputusan")
    j.catat(8, pelaksana="anggota_tim", paraf="Kasubag PK")
    j.laporan("Langkah 5–8  rapat, himpun, validasi, penyampaian ke Kasubag PK")


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
    j = _Jalan(kantor, periode, tanggal, keluaran, hasil, laporan)
    final = _koreksi_dan_nomor(j, dokumen_pdf)
    _tandatangani_dokumen(j, final)
    _pengantar(j)
    _gandakan_dan_arsipkan(j)
    hasil.verifikasi = verifikasi(kantor)
    return hasil


def _koreksi_dan_nomor(j: _Jalan, dokumen_pdf: Path) -> Path:
    """Steps 9–10: the Camat corrects the draft; the document gets its number and is rendered
    again with it (printed on the lembar pengesahan he signs). Returns the numbered PDF."""
    kantor, hasil = j.kantor, j.hasil
    j.catat(9, pelaksana="camat", artefak=dokumen_pdf, catatan="Dokumen dikoreksi Camat")
    j.laporan(f"Langkah 9  dikoreksi Camat: {dokumen_pdf.name}")

    hasil.nomor["dokumen"] = penomoran.alokasi_nomor_dokumen(
        kantor,
        j.p,
        f"Dokumen Pengukuran Kinerja {j.periode.label}",
        tanggal=j.tanggal,
        kode_klasifikasi=KODE_AKIP,
        waktu=j.waktu(10)[0],
        oleh="sekcam",
    )
    final = susun_dokumen(Parameter(j.periode, kantor, j.tanggal, j.keluaran / "dokumen")).pdf
    j.catat(
        10,
        pelaksana="sekcam",
        paraf="Sekcam",
        artefak=final,
        nomor_surat=hasil.nomor["dokumen"],
        catatan=f"Disampaikan kepada Camat untuk persetujuan, nomor {hasil.nomor['dokumen']}",
    )
    j.laporan(f"Langkah 10 nomor dokumen {hasil.nomor['dokumen']}: {final.name}")
    return final


def _tandatangani_dokumen(j: _Jalan, final: Path) -> None:
    """Step 11: the source data and the approved document archived, then the signed version
    (frozen)."""
    kantor, hasil, p = j.kantor, j.hasil, j.p
    mulai, selesai = j.waktu(11)
    for nama, data in read_embedded(final).items():
        objek.simpan(kantor, data, jenis="data", periode=p, nama=nama, waktu=mulai)
    objek.simpan(
        kantor,
        final,
        jenis="dokumen",
        periode=p,
        nama="pengukuran-kinerja",
        status="final",
        waktu=mulai,
    )
    tandatangan.pastikan_sertifikat_uji(kantor)
    ttd = _tandatangani(
        kantor, final, hasil.nomor["dokumen"], "Pengesahan Dokumen Pengukuran Kinerja", selesai
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
        waktu=selesai,
    )
    j.catat(11, pelaksana="camat", artefak=ttd.berkas)
    j.laporan(f"Langkah 11 ditandatangani (sertifikat UJI COBA): {ttd.berkas.name}")


def _pengantar(j: _Jalan) -> None:
    """Step 12: the signed cover letter; every letter of the walk archived."""
    kantor, hasil = j.kantor, j.hasil
    mulai, selesai = j.waktu(12)
    hasil.nomor["pengantar"] = penomoran.alokasi_nomor(
        kantor,
        KODE_AKIP,
        "Penyampaian Dokumen Pengukuran Kinerja",
        tanggal=mulai.date(),
        jenis_naskah="surat pengantar",
        tujuan=kantor.opsi("naskah", "tujuan_pengiriman", ""),
        penandatangan="camat",
        periode=j.p,
    )
    _, pengantar = surat.buat_pengantar(
        kantor,
        j.periode,
        nomor=hasil.nomor["pengantar"],
        tanggal=mulai.date(),
        out_dir=j.naskah,
        penanda="pkcs12",
        nomor_dokumen=hasil.nomor["dokumen"],
    )
    pengantar_ttd = _tandatangani(
        kantor, pengantar, hasil.nomor["pengantar"], "Surat pengantar", selesai
    )
    hasil.naskah["pengantar"] = pengantar_ttd.berkas
    for jenis, path in hasil.naskah.items():
        objek.simpan(
            kantor,
            path,
            jenis="surat",
            periode=j.p,
            nama=jenis,
            waktu=selesai,
            nomor_surat=hasil.nomor.get(jenis, ""),
        )
    j.catat(
        12,
        pelaksana="sekretaris_tim",
        artefak=pengantar_ttd.berkas,
        nomor_surat=hasil.nomor["pengantar"],
    )
    j.laporan(f"Langkah 12 surat pengantar nomor {hasil.nomor['pengantar']}")


def _gandakan_dan_arsipkan(j: _Jalan) -> None:
    """Steps 13–14: copies sent, the BagIt archive package made."""
    j.catat(
        13,
        pelaksana="sekretaris_tim",
        catatan="Digandakan: Bupati c.q. Bappeda dan Litbang, Inspektorat, arsip kantor",
    )
    j.hasil.paket = buat_paket(j.kantor, j.p, j.keluaran / "paket", waktu=j.waktu(14)[0])
    j.catat(
        14,
        pelaksana="sekretaris_tim",
        artefak=j.hasil.paket / "bag-info.txt",
        catatan=f"Paket arsip BagIt {j.hasil.paket.name}",
    )
    j.laporan(f"Langkah 13–14 digandakan dan diarsipkan: {j.hasil.paket}")
