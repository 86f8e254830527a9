"""The catalogue of archive damage (``Masalah``): every code with its Indonesian template.

As frictionless-py's error catalogue: a damage is named by a key of :data:`KATALOG` and
its template's fields; the message comes from the template, never from the caller. A key
is the stable ``kode`` or ``kode/varian``; the ``Masalah`` carries only the code.

Used by ``arsip.verifikasi`` (an office's own archive) and ``rekap.periksa`` (the
BagIt packages and source data the Kabupaten receives). An entry is damage
(``RUSAK``) unless its ``tingkat`` is ``peringatan``: worth a person's look, never
failing the check (a run log no event covers yet). A template of just
``{pesan}`` passes on a sentence that another part already wrote in Indonesian
(the signature check, the event chain, the letter register, a failed task).
"""

from __future__ import annotations

import string
from dataclasses import dataclass

from kinerja.inti.errors import ERROR, WARNING

__all__ = [
    "KATALOG",
    "JenisMasalah",
    "Masalah",
    "baris_masalah",
    "buat_masalah",
    "isian_template",
    "judul_masalah",
]


@dataclass(frozen=True)
class Masalah:
    """One damage: stable ``kode``, Indonesian ``pesan``, the object (file name or hash)."""

    kode: str
    pesan: str
    objek: str = ""
    tingkat: str = ERROR  # or WARNING: reported, not damage


@dataclass(frozen=True)
class JenisMasalah:
    """One catalogue entry: the code, a short title, the message template, its level."""

    kode: str
    judul: str
    template: str
    tingkat: str = ERROR


def _katalog(*entries: tuple[str, ...]) -> dict[str, JenisMasalah]:
    """``(key, judul, template[, tingkat])`` rows → entries; the code is the key up to ``/``."""
    return {e[0]: JenisMasalah(e[0].partition("/")[0], *e[1:]) for e in entries}


#: key (``kode`` or ``kode/varian``) → its entry.
KATALOG: dict[str, JenisMasalah] = _katalog(
    # ---- an office's archive (arsip.verifikasi)
    ("objek-tak-terbaca", "Objek tak terbaca", "tidak dapat dibaca: {alasan}"),
    (
        "objek-rusak",
        "Isi objek berubah",
        "isi berubah: sha256 sekarang {sekarang:.16}…, seharusnya {seharusnya:.16}…",
    ),
    (
        "objek-rusak/bernama",
        "Isi objek berubah",
        'isi berubah: sha256 sekarang {sekarang:.16}…, seharusnya {seharusnya:.16}… (berkas "{nama}")',
    ),
    (
        "objek-hilang",
        "Objek hilang",
        'berkas arsip "{nama_berkas}" ({jenis}, periode {periode}, versi {versi}) tidak ada di '
        "penyimpanan",
    ),
    (
        "peristiwa-hilang/rujukan",
        "Peristiwa hilang",
        "{label} merujuk peristiwa yang tidak ada di log (peristiwa dihapus)",
    ),
    (
        "catatan-diubah/rujukan",
        "Catatan diubah",
        "{label} tidak sama dengan peristiwa yang mencatatnya (nomor {seq}): catatan diubah di "
        "luar kinerja",
    ),
    (
        "data-tertanam-berbeda/arsip",
        "Data tertanam berbeda",
        'data tertanam "{nama}" tidak sama dengan "{nama}" yang tersimpan di arsip untuk periode '
        "yang sama",
    ),
    ("database-rusak/buka", "Basis data rusak", "basis data tidak dapat dibuka: {galat}"),
    ("database-rusak/integritas", "Basis data rusak", "PRAGMA integrity_check: {status}"),
    ("register-nomor", "Register surat tidak runtut", "{pesan}"),
    (
        "database-hilang",
        "Basis data hilang",
        "basis data tidak ada, padahal kantor punya catatan ({bukti}); salin kembali "
        "kinerja.sqlite dari cadangan",
    ),
    (
        "database-hilang/tabel",
        "Basis data hilang",
        "tabel {tabel} tidak ada, padahal kantor punya catatan ({bukti}); salin kembali "
        "kinerja.sqlite dari cadangan",
    ),
    (
        "baris-diubah",
        "Baris diubah",
        "isi {jumlah} baris berbeda dari yang dicatat rantai peristiwa (rowid {daftar})",
    ),
    (
        "baris-ditambah",
        "Baris ditambah",
        "{jumlah} baris tidak pernah dicatat rantai peristiwa (rowid {daftar})",
    ),
    (
        "baris-dihapus",
        "Baris dihapus",
        "{jumlah} baris yang dicatat rantai peristiwa tidak ada lagi (rowid {daftar})",
    ),
    (
        "berkas-masuk-rusak",
        "Formulir masuk berubah",
        "isi berubah: sha256 sekarang {sekarang:.16}…, seharusnya {seharusnya:.16}…",
    ),
    (
        "berkas-masuk-hilang",
        "Formulir masuk hilang",
        'formulir "{nama}" ({periode}) yang diterima tidak ada di penyimpanan',
    ),
    (
        "berkas-masuk-tak-tercatat",
        "Formulir masuk tak tercatat",
        "berkas ini tidak tercatat di berkas_masuk",
    ),
    (
        "saksi-tidak-ada",
        "Saksi tidak ada di rantai",
        "hash kepala rantai {saksi:.16}… ({asal}) tidak ada lagi di rantai peristiwa: rantai "
        "ditulis ulang atau dipotong",
    ),
    (
        "tte-akar-berubah",
        "Akar terpercaya berubah",
        "{jenis} ini tidak tercatat di register (perubahan akar harus dicatat dengan "
        "kinerja ttd akar)",
    ),
    (
        "log-rusak",
        "Log jalankan berubah",
        "isi log berubah sejak dicatat (jalankan {status}): sha256 sekarang {sekarang:.16}…, "
        "seharusnya {seharusnya:.16}…",
    ),
    (
        "log-hilang",
        "Log jalankan hilang",
        "log jalankan {status} yang dicatat pada {dicatat} tidak ada lagi di penyimpanan",
    ),
    (
        "log-tak-tercatat",
        "Log jalankan tak tercatat",
        "tidak ada peristiwa yang mencatat log ini: jalankan yang sedang berlangsung atau "
        "terhenti, log dari sebelum log dicatat (jalankan berikutnya mencatatnya), atau "
        "berkas yang ditaruh orang lain; jangan dipercaya sebelum tercatat",
        WARNING,
    ),
    # ---- shared by both
    ("rantai-putus", "Rantai peristiwa putus", "{pesan}"),
    ("tanda-tangan-tidak-sah", "Tanda tangan tidak sah", "{pesan}"),
    # ---- a BagIt package (rekap.periksa)
    ("bukan-bagit", "Bukan paket BagIt", "tidak ada bagit.txt: bukan paket BagIt"),
    ("manifest-hilang", "Manifest hilang", "manifest-sha256.txt tidak ada"),
    (
        "manifest-rusak/baris",
        "Manifest rusak",
        "baris {baris} tidak berbentuk '<sha256>  <berkas>'",
    ),
    ("manifest-rusak/jalur", "Manifest rusak", 'jalur "{jalur}" di luar folder data/'),
    (
        "berkas-hilang/manifest",
        "Berkas hilang",
        "tercatat di manifest tetapi tidak ada di paket",
    ),
    ("berkas-hilang/tagmanifest", "Berkas hilang", "tercatat di tagmanifest tetapi tidak ada"),
    (
        "hash-berbeda/manifest",
        "Isi berkas berubah",
        "isi berubah: sha256 {sekarang:.16}…, manifest {manifest:.16}…",
    ),
    ("hash-berbeda/tagmanifest", "Isi berkas berubah", "isi berubah (tagmanifest)"),
    (
        "berkas-tak-tercatat",
        "Berkas tak tercatat",
        "ada di paket tetapi tidak tercatat di manifest",
    ),
    ("tagmanifest-hilang", "Tagmanifest hilang", "tagmanifest-sha256.txt tidak ada"),
    ("tagmanifest-rusak", "Tagmanifest rusak", "{berkas} tidak tercatat di tagmanifest"),
    (
        "payload-oxum-beda",
        "Payload-Oxum berbeda",
        "Payload-Oxum {tercatat}, isi paket {oktet}.{jumlah}",
    ),
    ("peristiwa-hilang/paket", "Peristiwa hilang", "log peristiwa tidak ada di paket"),
    (
        "peristiwa-hilang/artefak",
        "Peristiwa hilang",
        "artefak merujuk peristiwa yang tidak ada di log",
    ),
    ("peristiwa-rusak", "Peristiwa rusak", "baris {baris} bukan JSON yang sah"),
    (
        "rantai-terpotong/jumlah",
        "Rantai peristiwa terpotong",
        "bag-info mencatat {tercatat} peristiwa, log memuat {jumlah}",
    ),
    (
        "rantai-terpotong/akhir",
        "Rantai peristiwa terpotong",
        "peristiwa terakhir bukan yang dicatat bag-info",
    ),
    ("artefak-hilang/indeks", "Artefak hilang", "indeks artefak tidak ada di paket"),
    ("artefak-hilang/paket", "Artefak hilang", "artefak yang diarsipkan tidak ada di paket"),
    ("artefak-rusak", "Indeks artefak rusak", "indeks artefak bukan JSON yang sah"),
    (
        "artefak-berbeda",
        "Artefak berbeda",
        "isi tidak sama dengan sha256 yang diarsipkan",
    ),
    (
        "catatan-diubah/artefak",
        "Catatan diubah",
        "artefak tidak sama dengan peristiwa yang mencatatnya",
    ),
    # ---- the source data of a package or an office (rekap.periksa)
    ("pdf-tak-terbaca", "PDF tak terbaca", "PDF tidak dapat dibaca: {galat}"),
    (
        "data-tidak-ada/paket",
        "Data sumber tidak ada",
        "tidak ada {nama} (di PDF maupun sebagai berkas)",
    ),
    (
        "data-tidak-ada/arsip",
        "Data sumber tidak ada",
        "arsip kantor tidak memuat data pengukuran",
    ),
    (
        "data-tertanam-berbeda/sumber",
        "Data sumber berbeda",
        "data sumber tidak sama antara {daftar}",
    ),
    ("data-rusak", "Data sumber rusak", "data sumber bukan JSON yang sah"),
    (
        "format-data-tidak-dikenal",
        "Format data tidak dikenal",
        "format {tertulis!r}, seharusnya {seharusnya}",
    ),
    (
        "data-bukan-paket-ini",
        "Data milik kantor atau periode lain",
        "data sumber milik {kode} {periode}, paket milik {kode_paket} {periode_paket}",
    ),
    (
        "data-tidak-sah",
        "Data sumber tidak sah",
        'kunci "{letak}" bernilai {nilai}: {alasan}',
    ),
    (
        "data-tidak-sah/konstanta",
        "Data sumber tidak sah",
        "data sumber memuat {nilai}, yang bukan angka JSON yang sah",
    ),
    (
        "data-tidak-sah/ukuran",
        "Data sumber terlalu besar",
        "data sumber {ukuran} bita, melebihi batas {batas} bita",
    ),
    (
        "periode-tidak-sah",
        "Periode tidak sah",
        'Periode "{periode}" di bag-info.txt bukan periode kinerja (misalnya 2025-TW4 atau 2025)',
    ),
    # ---- the inputs of a roll-up (rekap.periksa)
    ("kantor-tak-terbaca", "Kantor tak terbaca", "{pesan}"),
    (
        "bukan-paket",
        "Bukan paket",
        "bukan paket BagIt, folder kantor, atau folder berisi keduanya",
    ),
    (
        "bukan-paket/terkompresi",
        "Bukan paket",
        "berkas terkompresi, bukan folder paket BagIt: ekstrak dulu, lalu rekap foldernya",
    ),
    ("tidak-ditemukan", "Tidak ditemukan", "berkas atau folder tidak ditemukan"),
    ("pemeriksaan-gagal", "Pemeriksaan gagal", "{pesan}"),
    # ---- whose signature it is (arsip.verifikasi_ttd)
    (
        "penanda-tangan-lain",
        "Penanda tangan bukan pejabat kantor",
        'tanda tangan ke-{ke} dibuat dengan sertifikat "{subjek}", bukan milik penanda tangan '
        "kantor yang tercatat saat berkas ini ditandatangani: {seharusnya}",
    ),
    (
        "penanda-belum-tercatat",
        "Penanda tangan belum tercatat",
        'tanda tangan ke-{ke} dibuat dengan sertifikat "{subjek}", yang tidak menyebut '
        "penanda tangan di kantor.toml ({seharusnya}), dan arsip ini belum mencatat penanda "
        "tangan mana pun (dibuat sebelum kinerja mencatatnya). Bila sertifikat itu memang "
        "milik penanda tangan kantor, catat: kinerja ttd penanda --kantor {kantor} "
        "--sertifikat BERKAS.p12",
        WARNING,
    ),
    # ---- the database's protection (arsip.verifikasi_skema)
    (
        "pemicu-hilang",
        "Pelindung basis data hilang",
        "pemicu {pemicu} tidak ada lagi (dihapus di luar kinerja): perubahan dan penghapusan "
        "baris tabel {tabel} tidak lagi ditolak; salin kembali kinerja.sqlite dari cadangan",
    ),
    (
        "pemicu-diubah",
        "Pelindung basis data diubah",
        "pemicu {pemicu} tidak sama dengan yang dibuat kinerja (ditulis ulang di luar "
        "kinerja): perubahan dan penghapusan baris tabel {tabel} mungkin tidak lagi ditolak; "
        "salin kembali kinerja.sqlite dari cadangan",
    ),
    # ---- the trust configuration (arsip.verifikasi_ttd)
    (
        "tte-akar-hilang",
        "Akar terpercaya hilang",
        "{jenis} ini hilang: tercatat di register, tetapi tidak ada lagi; kembalikan dari "
        "cadangan (bila memang sengaja dihapus, catat perubahannya dengan kinerja ttd akar)",
    ),
    (
        "tte-akar-berubah/isi",
        "Akar terpercaya berubah",
        "isi {jenis} ini berbeda dari yang tercatat di register (perubahan akar harus "
        "dicatat dengan kinerja ttd akar)",
    ),
    # ---- returned forms with no archive at all (arsip.verifikasi)
    (
        "arsip-mungkin-hilang",
        "Arsip mungkin hilang",
        "{jumlah} formulir kembali ada di sini, tetapi basis data arsip ({basis_data}) belum "
        "ada. Bila kantor ini pernah menjalankan himpun, arsipnya mungkin hilang: periksa "
        'dengan kinerja verifikasi --kantor "{kantor}" --saksi HASH (hash kepala rantai yang '
        "tercetak di dokumen bertanda tangan atau di paket yang disimpan Kabupaten) dan salin "
        "kembali folder arsip dari cadangan. Bila belum pernah, peringatan ini hilang setelah "
        "himpun pertama",
        WARNING,
    ),
)


# ---- wet-ink signings (arsip.verifikasi_basah); the object is the signed file
_BASAH = [
    ("basah-rekam-hilang", "Catatan tanda tangan basah hilang", "tercatat ditandatangani basah, "
     "tetapi catatannya {rekam} tidak ada lagi; kembalikan dari cadangan atau paket (data/tte/)"),
    ("basah-rekam-berubah", "Catatan tanda tangan basah berubah", "catatan tanda tangan basah "
     "{rekam} berbeda dari yang diarsipkan (sha256 sekarang {sekarang:.16}…): diubah di luar kinerja"),
    ("basah-rekam-tak-tercatat", "Catatan tanda tangan basah tak tercatat", "catatan {rekam} tidak "
     "tercakup rantai (ditandatangani di luar sop lanjut tanpa diarsipkan, atau dari kinerja "
     "sebelum versi ini); jangan dipercaya sebelum tercatat", WARNING),
    ("basah-pindaian-hilang", "Pindaian tanda tangan basah hilang", "pindaian halaman bertanda "
     "tangan {pindaian} tidak ada lagi; kembalikan dari cadangan atau paket arsip (data/tte/)"),
    ("basah-pindaian-berubah", "Pindaian tanda tangan basah berubah", "pindaian {pindaian} "
     "berubah: sha256 sekarang {sekarang:.16}…, tercatat {seharusnya:.16}…"),
    ("basah-penanda-lain", "Penanda tangan bukan pejabat kantor", 'catatan tanda tangan basah '
     'menyebut "{penanda}", bukan penanda tangan kantor yang tercatat saat itu: {seharusnya}'),
    ("basah-berkas-tak-diarsip", "Berkas bertanda tangan tidak diarsipkan", "tercatat "
     "ditandatangani basah (sha256 {sha:.16}…), tetapi tidak ada berkas itu di arsip"),
]  # fmt: skip
KATALOG.update(_katalog(*_BASAH))


def isian_template(template: str) -> set[str]:
    """The field names a template needs (``{nama}``, ``{sekarang:.16}`` → nama, sekarang)."""
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


def buat_masalah(kunci: str, objek: str = "", **isian: object) -> Masalah:
    """The damage ``kunci`` (a key of :data:`KATALOG`) about ``objek``, its template filled."""
    jenis = KATALOG[kunci]
    return Masalah(jenis.kode, jenis.template.format(**isian), objek, jenis.tingkat)


def judul_masalah(kode: str) -> str:
    """The short Indonesian title of damage ``kode``, as people read it (codes are for
    machines: JSON, the rekap workbook's ``kode`` column)."""
    return next((j.judul for j in KATALOG.values() if j.kode == kode), "Masalah arsip")


def baris_masalah(m: Masalah) -> str:
    """One damage as a person reads it: title, object, message (no code)."""
    objek = f"{m.objek}: " if m.objek else ""
    return f"{judul_masalah(m.kode)} — {objek}{m.pesan}"
