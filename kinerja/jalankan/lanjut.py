"""``kinerja sop lanjut``: the next step of an office's SOP, one step per call.

Each of the 14 steps is one function here that calls the part every other command
uses (letters, forms with the corrected pre-fill, intake, ledger, ``buat_dokumen``,
numbering, signing, archive, BagIt) and records the step in the SOP register with
its artefact. A step that waits on a person (forms not all back, errors undecided,
no signer) raises ``InputError`` with the reason in Indonesian and records nothing.
Everything of the periode goes under ``keluaran``: ``formulir/``, ``naskah/``,
``draf/``, ``dokumen/``, ``paket/``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kinerja.arsip.paket import buat_paket, nama_paket
from kinerja.catatan import objek
from kinerja.formulir.himpun import himpun
from kinerja.formulir.tulis import write_forms
from kinerja.inti.errors import InputError, UsageError
from kinerja.inti.model import Periode
from kinerja.inti.tanggal import WIB, format_hari_tanggal
from kinerja.jalankan.langkah import buat_dokumen, folder_formulir, himpun_formulir
from kinerja.jalankan.lanjut_rapat import catat_undangan, rapat_langkah5
from kinerja.jalankan.lanjut_syarat import (
    belum_kembali,
    himpun_perbaikan,
    jumlah_himpun,
    laporan_himpun,
    periksa_draf,
    periksa_waktu_keputusan,
    tunggu_temuan,
)
from kinerja.jalankan.ttd_sop import (
    arsipkan_basah,
    bekukan_tandatangan,
    lanjutkan_tandatangan,
    pengantar_basah,
    tandatangani_berkas,
)
from kinerja.kantor.katalog import Kantor
from kinerja.kantor.peran import jabatan_sekretaris_tim
from kinerja.kantor.pk import load_pk
from kinerja.naskah import penomoran, surat
from kinerja.naskah.penomoran import KODE_AKIP
from kinerja.sop import register
from kinerja.ttd import tandatangan
from kinerja.validasi.koreksi import prefill_terkoreksi

__all__ = ["Lanjut", "bekukan_tandatangan", "langkah_berikut", "lanjutkan"]


@dataclass(frozen=True)
class Lanjut:
    """One call of ``sop lanjut``: the office, periode, where outputs go, the inputs."""

    kantor: Kantor
    periode: Periode
    keluaran: Path
    waktu: dt.datetime  # when the step ended (signatures, archive, register)
    berkas: Path | None = None  # step 6: returned forms; step 9: the draft already made
    pkcs12: Path | None = None
    pindaian: Path | None = None
    mulai: dt.datetime | None = None  # --mulai: when the step began (default: ``waktu``)
    tanggal_cetak: dt.date | None = None  # the document's date at steps 9–10
    tanggal_rapat: dt.date | None = None  # step 4: the meeting invited; 5: held on another day

    @property
    def p(self) -> str:
        return str(self.periode)

    @property
    def awal(self) -> dt.datetime:
        """When the step began."""
        return self.mulai or self.waktu

    @property
    def hari(self) -> dt.date:
        """The date printed on the step's letters: the day it began."""
        return self.awal.date()

    @property
    def tanggal_dokumen(self) -> dt.date:
        """The date printed on the document (steps 9–10): --tanggal-cetak, else ``hari``."""
        return self.tanggal_cetak or self.hari

    def catat(self, no: int, pelaksana: str, **kw) -> None:
        register.catat_langkah(
            self.kantor, self.p, no, pelaksana=pelaksana, mulai=self.awal, selesai=self.waktu,
            **kw,
        )  # fmt: skip

    def arsipkan_surat(self, jenis: str, path: Path, nomor: str = "") -> None:
        objek.simpan(
            self.kantor, path, jenis="surat", periode=self.p, nama=jenis, waktu=self.waktu,
            nomor_surat=nomor,
        )  # fmt: skip


def langkah_berikut(kantor: Kantor, periode: Periode | str) -> int | None:
    """The number of the next step not done (None when all 14 are)."""
    rows = register.status_sop(kantor, str(Periode.parse(periode)))
    return next((r["no"] for r in rows if r["status"] != "selesai"), None)


def _artefak(kantor: Kantor, periode: str, no: int) -> str:
    return register.status_sop(kantor, periode)[no - 1]["artefak"]


# --------------------------------------------------------------------------------------------
# Steps 1–5: disposisi, forms, sending, invitation, meeting


def _l1(j: Lanjut) -> str:
    hari = j.hari
    agenda = penomoran.catat_surat_masuk(
        j.kantor, tanggal=hari, asal="Inisiatif Camat", hal=f"Pengukuran Kinerja {j.periode.label}"
    )
    _, pdf = surat.buat_disposisi(
        j.kantor, j.periode, tanggal=hari, no_agenda=agenda, out_dir=j.keluaran / "naskah"
    )
    j.arsipkan_surat("disposisi", pdf)
    j.catat(1, "camat", artefak=pdf, paraf="Camat")
    return f"disposisi Camat (agenda {agenda}): {pdf}"


def _l2(j: Lanjut) -> str:
    realisasi, anggaran = prefill_terkoreksi(j.kantor, j.periode)
    pk = load_pk(j.kantor, j.periode.tahun)
    folder = j.keluaran / "formulir"
    forms = write_forms(
        j.kantor, pk, j.periode, folder, realisasi=realisasi, anggaran=anggaran, when=None
    )
    j.catat(2, "sekretaris_tim", artefak=forms[0], catatan=f"{len(forms)} formulir unit dibuat")
    return f"{len(forms)} formulir unit ditulis ke {folder}"


def _l3(j: Lanjut) -> str:
    j.catat(3, "sekretaris_tim", catatan="Formulir disampaikan ke unit")
    return "formulir dicatat telah disampaikan ke unit"


def _l4(j: Lanjut) -> str:
    if j.tanggal_rapat is not None and j.tanggal_rapat < j.hari:
        raise UsageError(
            f"--tanggal-rapat {format_hari_tanggal(j.tanggal_rapat)} sebelum tanggal undangan "
            f"({format_hari_tanggal(j.hari)}): rapat diundang untuk hari ini atau sesudahnya."
        )
    nomor = penomoran.alokasi_nomor(
        j.kantor,
        KODE_AKIP,
        "Undangan Rapat Pembahasan Pengukuran Kinerja",
        tanggal=j.hari,
        jenis_naskah="undangan",
        tujuan="Sekretaris Camat dan pejabat terkait",
        penandatangan="camat",
        periode=j.p,
    )
    tanggal = j.tanggal_rapat or surat.hari_kerja_berikut(j.hari)
    _, pdf = surat.buat_undangan(
        j.kantor, j.periode, nomor=nomor, tanggal=j.hari, rapat={"tanggal": tanggal},
        out_dir=j.keluaran / "naskah",
    )  # fmt: skip
    j.arsipkan_surat("undangan", pdf, nomor)
    catat_undangan(j.kantor, j.p, tanggal, nomor, j.waktu)  # step 5 dates the minutes with it
    j.catat(
        4, "camat", artefak=pdf, nomor_surat=nomor,
        catatan=f"Rapat pembahasan diundang pada {format_hari_tanggal(tanggal)}",
    )  # fmt: skip
    return f"undangan rapat nomor {nomor} untuk {format_hari_tanggal(tanggal)}: {pdf}"


def _l5(j: Lanjut) -> str:
    tanggal, catatan = rapat_langkah5(
        j.kantor, j.p, hari=j.hari, mulai=j.mulai.date() if j.mulai else None,
        dipindah=j.tanggal_rapat,
    )  # fmt: skip
    rapat, folder = {"tanggal": tanggal}, j.keluaran / "naskah"
    _, notulen = surat.buat_notulen(
        j.kantor, j.periode, tanggal=tanggal, rapat=rapat, out_dir=folder
    )
    _, hadir = surat.buat_daftar_hadir(
        j.kantor, j.periode, tanggal=tanggal, rapat=rapat, out_dir=folder
    )
    j.arsipkan_surat("notulen", notulen)
    j.arsipkan_surat("daftar-hadir", hadir)
    j.catat(5, "camat", artefak=notulen, catatan=catatan)
    return f"notulen dan daftar hadir rapat {format_hari_tanggal(tanggal)}: {notulen}, {hadir}"


# --------------------------------------------------------------------------------------------
# Steps 6–8: intake, validation, to the Kasubag


def _l6(j: Lanjut) -> str:
    quarter = Periode(j.periode.tahun, j.periode.tw, False)
    folder = j.berkas or folder_formulir(j.kantor, quarter)
    if j.berkas is not None:
        hasil = [himpun(j.kantor, quarter, [j.berkas], waktu=j.waktu)]
    else:  # every quarter's folder up to this one; files taken in before are skipped
        hasil = himpun_formulir(j.kantor, j.periode)
    laporan = laporan_himpun(j.kantor, quarter, hasil, folder)
    belum = belum_kembali(j.kantor, j.periode)
    if belum:
        raise InputError(
            f"Langkah 6 menunggu formulir kembali dari unit: {', '.join(belum)}. Letakkan "
            f"formulir yang sudah diisi di {folder} (atau sebut dengan --berkas), lalu jalankan "
            f"lagi kinerja sop lanjut.\n\nLangkah 6 (belum selesai): {laporan}"
        )
    jumlah = jumlah_himpun(j.kantor, quarter, hasil)
    j.catat(6, "sekretaris_tim", catatan=f"Formulir kembali dihimpun: {jumlah}")
    return laporan


def _l7(j: Lanjut) -> str:
    dihimpun = himpun_perbaikan(j.kantor, j.periode)  # the units' corrected forms, if any
    tunggu = tunggu_temuan(j.kantor, j.periode)
    if tunggu:
        raise InputError(_baris(dihimpun and f"Langkah 7: {dihimpun}\n", tunggu))
    j.catat(7, "anggota_tim", catatan="Temuan validasi diputus di buku keputusan")
    selesai = "validasi selesai: tidak ada temuan KESALAHAN yang belum diputus"
    return _baris(dihimpun and f"{dihimpun}\n", selesai)


def _l8(j: Lanjut) -> str:
    j.catat(8, "anggota_tim", paraf="Kasubag PK")
    return f"hasil validasi disampaikan ke {jabatan_sekretaris_tim(j.kantor)}"


# --------------------------------------------------------------------------------------------
# Steps 9–14: draft, number, signature, cover letter, copies, package


def _l9(j: Lanjut) -> str:
    if j.berkas is not None:  # the draft already made (kinerja jalankan, kinerja dokumen)
        draf = periksa_draf(j.kantor, j.periode, j.berkas)
    else:
        draf = buat_dokumen(j.kantor, j.periode, j.tanggal_dokumen, j.keluaran / "draf").pdf
    j.catat(9, "camat", artefak=draf, catatan="Dokumen dikoreksi Camat")
    return f"draf dokumen untuk dikoreksi Camat: {draf}"


def _l10(j: Lanjut) -> str:
    nomor = penomoran.alokasi_nomor_dokumen(
        j.kantor, j.p, f"Dokumen Pengukuran Kinerja {j.periode.label}",
        tanggal=j.tanggal_dokumen, kode_klasifikasi=KODE_AKIP, waktu=j.awal, oleh="sekcam",
    )  # fmt: skip
    final = buat_dokumen(j.kantor, j.periode, j.tanggal_dokumen, j.keluaran / "dokumen").pdf
    j.catat(10, "sekcam", paraf="Sekcam", artefak=final, nomor_surat=nomor)
    return f"nomor dokumen {nomor}; dokumen bernomor: {final}"


def _baris(*teks: str) -> str:
    """The non-empty texts, one a line."""
    return "\n".join(t for t in teks if t)


def _tandatangani(j: Lanjut, pdf: Path, alasan: str) -> tandatangan.HasilTandaTangan:
    return tandatangani_berkas(
        j.kantor, pdf, alasan, waktu=j.waktu, pkcs12=j.pkcs12, pindaian=j.pindaian
    )


def _l11(j: Lanjut) -> str:
    final = j.keluaran / "dokumen" / _artefak(j.kantor, j.p, 10)
    if not final.is_file():
        raise InputError(
            f"Dokumen bernomor {final} tidak ditemukan; jalankan kinerja sop lanjut dengan "
            "--keluaran yang sama seperti langkah sebelumnya."
        )
    nomor = penomoran.nomor_dokumen(j.kantor, j.p)
    ttd, baris = lanjutkan_tandatangan(j.kantor, final, j.waktu)
    ttd = ttd or _tandatangani(j, final, "Pengesahan Dokumen Pengukuran Kinerja")
    bekukan_tandatangan(j.kantor, j.p, final, ttd.berkas, ttd.sha256, nomor, j.waktu)
    j.catat(11, "camat", artefak=ttd.berkas, catatan=baris)
    return _baris(baris, f"ditandatangani ({ttd.penanda}) oleh {ttd.penanda_tangan}: {ttd.berkas}")


def _l12(j: Lanjut) -> str:
    basah = pengantar_basah(j.kantor, j.p, j.pindaian, j.pkcs12)
    nomor = penomoran.alokasi_nomor(
        j.kantor,
        KODE_AKIP,
        "Penyampaian Dokumen Pengukuran Kinerja",
        tanggal=j.hari,
        jenis_naskah="surat pengantar",
        tujuan=j.kantor.opsi("naskah", "tujuan_pengiriman", ""),
        penandatangan="camat",
        periode=j.p,
        sekali_per_periode=True,
    )  # fmt: skip  (a rerun after a killed run gets the periode's number again: no gap)
    pdf = j.keluaran / "naskah" / f"pengantar-{j.p}.pdf"  # the printed letter, when wet ink
    ttd, baris = lanjutkan_tandatangan(j.kantor, pdf, j.waktu)
    if ttd is None:
        ttd = _tandatangani_pengantar(j, pdf, nomor, basah, baris)
    penomoran.tandai_nomor(
        j.kantor, nomor, status="ditandatangani", waktu=j.waktu, sha256_pdf=ttd.sha256
    )
    j.arsipkan_surat("pengantar", ttd.berkas, nomor)
    arsipkan_basah(j.kantor, j.p, ttd.berkas, ttd.sha256, j.waktu)
    j.catat(12, "sekretaris_tim", artefak=ttd.berkas, nomor_surat=nomor, catatan=baris)
    return _baris(baris, f"surat pengantar nomor {nomor} ({ttd.penanda}): {ttd.berkas}")


def _tandatangani_pengantar(
    j: Lanjut, pdf: Path, nomor: str, basah: bool, baris: str
) -> tandatangan.HasilTandaTangan:
    """The cover letter made and signed; wet ink: made first, the step waits (exit 1) for
    the scan of its page signed by the Camat, given to a later call (``--pindaian``)."""
    if basah and pdf.is_file() and j.pindaian is not None:
        return _tandatangani(j, pdf, "Surat pengantar")
    if not (basah and pdf.is_file()):
        _, pdf = surat.buat_pengantar(
            j.kantor, j.periode, nomor=nomor, tanggal=j.hari, out_dir=j.keluaran / "naskah",
            penanda="basah" if basah else "pkcs12",
            nomor_dokumen=penomoran.nomor_dokumen(j.kantor, j.p),
        )  # fmt: skip
    if not basah:
        return _tandatangani(j, pdf, "Surat pengantar")
    raise InputError(_baris(
        baris,
        f"Pindaian {(j.pindaian or Path()).name} tidak dipakai: surat pengantar baru dibuat sekarang, jadi "
        "belum dicetak dan belum ditandatangani; pindaian itu bukan surat ini." * bool(j.pindaian),
        f"Surat pengantar nomor {nomor} dibuat: {pdf}\nLangkah 12 menunggu tanda tangan basah "
        "Camat: cetak surat itu, tandatangani, pindai halamannya, lalu jalankan lagi kinerja sop "
        "lanjut dengan --pindaian PINDAIAN (PDF, PNG, JPEG atau TIFF).",
    ))  # fmt: skip


def _l13(j: Lanjut) -> str:
    tujuan = j.kantor.opsi("naskah", "tujuan_pengiriman", "") or "Bupati c.q. Bappeda dan Litbang"
    j.catat(13, "sekretaris_tim", catatan=f"Digandakan: {tujuan}, Inspektorat, arsip kantor")
    return f"dokumen digandakan dan dikirim ke {tujuan}, Inspektorat, arsip kantor"


def _l14(j: Lanjut) -> str:
    paket = buat_paket(j.kantor, j.p, j.keluaran / "paket", waktu=j.awal)
    j.catat(14, "sekretaris_tim", artefak=paket / "bag-info.txt", catatan=f"Paket {paket.name}")
    return f"paket arsip BagIt: {paket}"


LANGKAH: dict[int, Callable[[Lanjut], str]] = {
    1: _l1, 2: _l2, 3: _l3, 4: _l4, 5: _l5, 6: _l6, 7: _l7,
    8: _l8, 9: _l9, 10: _l10, 11: _l11, 12: _l12, 13: _l13, 14: _l14,
}  # fmt: skip

#: What the step after each needs (printed after a step is done).
BERIKUTNYA = {
    1: "langkah 2: formulir unit dibuat (kinerja sop lanjut)",
    2: "langkah 3: sampaikan formulir di folder formulir/ ke unit, lalu kinerja sop lanjut",
    3: "langkah 4: undangan rapat (kinerja sop lanjut)",
    4: "langkah 5: rapat pembahasan; setelah rapat, kinerja sop lanjut",
    5: "langkah 6: letakkan formulir yang kembali di formulir-kembali/<periode>/ kantor",
    6: "langkah 7: putuskan temuan (kinerja validasi), lalu kinerja sop lanjut",
    7: "langkah 8: penyampaian ke Kasubag (kinerja sop lanjut)",
    8: "langkah 9: draf dokumen untuk dikoreksi Camat (kinerja sop lanjut)",
    9: "langkah 10: penomoran dan persetujuan (kinerja sop lanjut)",
    10: "langkah 11: tanda tangan Camat ([tte] pkcs12, sertifikat uji, atau --pindaian)",
    11: "langkah 12: surat pengantar (kinerja sop lanjut)",
    12: "langkah 13: penggandaan (kinerja sop lanjut)",
    13: "langkah 14: paket arsip (kinerja sop lanjut)",
    14: "",
}


def lanjutkan(j: Lanjut) -> tuple[int | None, str, str]:
    """Do the next step: (its number or None when all were done, what was done, what next).

    When all 14 are done, the text names the package."""
    no = langkah_berikut(j.kantor, j.periode)
    if no is None:
        return None, f"Semua 14 langkah selesai. Paket: {_paket(j)}", ""
    if no == 1:
        register.mulai_sop(j.kantor, j.p, waktu=j.awal)
    if no >= 7:  # these rest on the reviewers' decisions: not finished before them
        periksa_waktu_keputusan(j.kantor, j.periode, no, j.waktu)
    teks = LANGKAH[no](j)
    nanti = BERIKUTNYA[no] if no < 14 else f"Semua 14 langkah selesai. Paket: {_paket(j)}"
    return no, teks, nanti


def _paket(j: Lanjut) -> Path:
    return j.keluaran / "paket" / nama_paket(j.kantor, j.p)


def sekarang() -> dt.datetime:
    """Now, WIB, to the second (the CLI's clock)."""
    return dt.datetime.now(WIB).replace(microsecond=0)
