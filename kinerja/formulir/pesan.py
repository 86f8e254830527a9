"""Finding codes of form intake with their severity and Indonesian message template.

Codes are stable (tests assert them); the prose may change. Every message
starts with where the problem is (file, sheet, cell and column header) and
ends with what to do. Number problems exist twice, for ``realisasi-…`` (sheet
Realisasi) and ``anggaran-…`` (sheet Anggaran). Every kind has a short
Indonesian title (``judul``): what a person reads in place of the code.
"""

from __future__ import annotations

import re
from typing import Any

from kinerja.inti.errors import (
    ERROR,
    WARNING,
    JenisTemuan,
    Temuan,
    format_lokasi,
    judul_katalog,
    katalog,
)
from kinerja.inti.tingkat import ATURAN_BERSAMA, tingkat_aturan

__all__ = ["KODE", "judul_temuan", "saran_dibaca", "temuan"]

_ANGKA = {
    "bukan-angka": (
        ERROR,
        '"{nilai}" bukan angka. Isi dengan angka, misalnya {contoh}.',
        "{apa} bukan angka",
    ),
    "ambigu": (ERROR, "{catatan}", "{apa} ambigu"),
    "tanggal": (
        ERROR,
        "berisi tanggal/waktu ({nilai}), bukan angka. Format sel mungkin berubah menjadi "
        "tanggal: ubah format sel menjadi Angka, lalu isi dengan angka, misalnya {contoh}.",
        "{apa} berisi tanggal",
    ),
    "benar-salah": (
        ERROR,
        "berisi nilai benar/salah ({nilai}), bukan angka. Isi dengan angka, misalnya {contoh}.",
        "{apa} berisi benar/salah",
    ),
    "negatif": (
        ERROR,
        "nilai {nilai} negatif, padahal satuannya {satuan}. Isi dengan angka 0 atau lebih.",
        "{apa} negatif",
    ),
    "dibaca": (
        WARNING,
        'teks "{nilai}" dibaca sebagai {dibaca}. Periksa bahwa itu benar; {saran}',
        "{apa} dibaca dari teks",
    ),
    "kosong": (
        WARNING,
        "belum diisi. Isi bila datanya sudah ada; sampai diisi, {apa} tercatat belum lengkap.",
        "{apa} belum diisi",
    ),
}
#: What a sheet's number is called in a title (``{apa}`` above).
_APA = {"realisasi": "Realisasi", "anggaran": "Realisasi anggaran"}


def _angka(prefix: str) -> list[JenisTemuan]:
    """The number problems of one sheet: ``realisasi-…`` or ``anggaran-…`` (a rule shared
    with validation takes its tingkat from ``inti.tingkat``)."""
    return [
        JenisTemuan(
            f"{prefix}-{suffix}",
            tingkat_aturan(f"{prefix}-{suffix}")
            if f"{prefix}-{suffix}" in ATURAN_BERSAMA
            else tingkat,
            template,
            judul=judul.format(apa=_APA[prefix]),
        )
        for suffix, (tingkat, template, judul) in _ANGKA.items()
        if f"{prefix}-{suffix}" != "anggaran-negatif"  # said of money: its own text below
    ]


#: kode → JenisTemuan. Template fields: nilai, harapan, detail, … (see callers); every
#: template may use ``nilai``, ``unit``, ``indikator`` and ``baris`` (filled by ``temuan``).
KODE: dict[str, JenisTemuan] = katalog(
    JenisTemuan(
        "berkas-kosong",
        ERROR,
        "berkas kosong (0 bita). Kirim ulang formulir yang sudah diisi dan disimpan.",
        judul="Berkas kosong",
    ),
    JenisTemuan(
        "berkas-bukan-xlsx",
        ERROR,
        "bukan berkas Excel .xlsx ({detail}). Simpan formulir di Excel atau LibreOffice "
        'sebagai "Buku Kerja Excel (.xlsx)", lalu kirim ulang.',
        judul="Bukan berkas Excel",
    ),
    JenisTemuan(
        "berkas-rusak",
        ERROR,
        "berkas .xlsx rusak atau terpotong dan tidak dapat dibuka ({detail}). Buka formulir "
        "asli, simpan ulang, lalu kirim ulang berkas yang utuh.",
        judul="Berkas rusak",
    ),
    JenisTemuan(
        "bukan-formulir-kinerja",
        ERROR,
        "bukan formulir kinerja: lembar metadata formulir tidak ada. Isi formulir yang "
        "dikirim {penerima}; jangan menyalin isinya ke buku kerja lain.",
        judul="Bukan formulir kinerja",
    ),
    JenisTemuan(
        "metadata-rusak",
        ERROR,
        "metadata formulir rusak atau diubah ({detail}). Minta formulir baru, lalu isi ulang.",
        judul="Metadata formulir rusak",
    ),
    JenisTemuan(
        "formulir-versi-lain",
        ERROR,
        "formulir versi {nilai}, sedangkan kinerja membaca versi {harapan}. Minta formulir baru.",
        judul="Formulir versi lain",
    ),
    JenisTemuan(
        "kantor-lain",
        ERROR,
        'formulir ini milik kantor "{nilai}", bukan "{harapan}". Kirim berkas ke kantor yang '
        "benar, atau himpun dengan --kantor yang sesuai.",
        judul="Formulir kantor lain",
    ),
    JenisTemuan(
        "periode-lain",
        ERROR,
        "formulir ini untuk periode {nilai}, bukan {harapan}. Himpun berkas ini pada "
        "periodenya, atau isi formulir periode {harapan}.",
        judul="Formulir periode lain",
    ),
    JenisTemuan(
        "unit-tidak-dikenal",
        ERROR,
        'unit "{nilai}" tidak ada di kantor.toml. Isi formulir unit Anda sendiri.',
        judul="Unit tidak dikenal",
    ),
    JenisTemuan(
        "formulir-ganda",
        ERROR,
        "ada {n} formulir berbeda untuk unit {nilai} dalam himpunan ini ({detail}); tidak "
        "jelas mana yang berlaku. Himpun satu formulir per unit; formulir perbaikan boleh "
        "dihimpun sesudahnya dan akan menggantikan yang lama.",
        judul="Beberapa formulir untuk satu unit",
    ),
    JenisTemuan(
        "lembar-tidak-ada",
        ERROR,
        'lembar "{nilai}" tidak ada. Jangan menghapus atau mengganti nama lembar; gunakan '
        "formulir asli.",
        judul="Lembar tidak ada",
    ),
    JenisTemuan(
        "lembar-diganti-nama",
        ERROR,
        'lembar "{harapan}" tidak ada, tetapi ada lembar "{nilai}": tampaknya namanya diganti. '
        'Kembalikan nama lembar menjadi "{harapan}".',
        judul="Nama lembar diganti",
    ),
    JenisTemuan(
        "lembar-tambahan",
        WARNING,
        'lembar tambahan "{nilai}" tidak dibaca.',
        judul="Lembar tambahan",
    ),
    JenisTemuan(
        "kolom-diubah",
        ERROR,
        'judul kolom seharusnya "{harapan}", tertulis "{nilai}". Jangan menyisipkan, '
        "menghapus, memindahkan, atau mengganti nama kolom; gunakan formulir asli.",
        judul="Kolom diubah",
    ),
    JenisTemuan(
        "baris-dihapus",
        ERROR,
        "baris {nilai} (seharusnya baris {baris}) tidak ditemukan: baris itu dihapus atau "
        "kodenya dikosongkan. Gunakan formulir asli; jangan menghapus baris.",
        judul="Baris dihapus",
    ),
    JenisTemuan(
        "baris-disisipkan",
        ERROR,
        'baris {baris} tidak ada pada formulir asli (berisi "{nilai}"). Jangan menyisipkan '
        "atau menambah baris; indikator baru hanya lewat revisi Perjanjian Kinerja.",
        judul="Baris disisipkan",
    ),
    JenisTemuan(
        "target-diubah",
        ERROR,
        'target terkunci diubah dari "{harapan}" menjadi "{nilai}". Kembalikan ke "{harapan}"; '
        "target hanya berubah melalui revisi Perjanjian Kinerja.",
        judul="Target terkunci diubah",
    ),
    JenisTemuan(
        "sel-terkunci-diubah",
        ERROR,
        'sel terkunci diubah dari "{harapan}" menjadi "{nilai}". Kembalikan ke "{harapan}"; '
        "isi hanya sel berwarna kuning.",
        judul="Sel terkunci diubah",
    ),
    JenisTemuan(
        "rumus-tanpa-nilai",
        ERROR,
        "berisi rumus ({nilai}) tanpa hasil tersimpan. Ganti rumus dengan angkanya, atau buka "
        "dan simpan berkas di Excel/LibreOffice agar hasilnya tersimpan.",
        judul="Rumus tanpa nilai",
    ),
    JenisTemuan(
        "realisasi-tidak-wajar",
        tingkat_aturan("realisasi-tidak-wajar"),
        "tertulis {nilai}, terbaca {dibaca}: tidak wajar untuk persen (lebih dari 1.000). "
        "Periksa pemisah desimal: delapan puluh tujuh koma lima persen ditulis 87,5 (dengan "
        "koma), bukan 875 atau 87.500.",
        judul="Persentase tidak wajar",
    ),
    JenisTemuan(
        "realisasi-persen-di-atas-100",
        tingkat_aturan("realisasi-persen-di-atas-100"),
        "tertulis {nilai}, terbaca {dibaca}%: di atas 100, padahal target indikator ini di "
        "Perjanjian Kinerja tidak di atas 100. Periksa angkanya dan pemisah desimalnya "
        "(delapan puluh tujuh koma lima persen ditulis 87,5, bukan 875); persentase di atas "
        "100 hanya sah bila targetnya di atas 100.",
        judul="Persentase di atas 100",
    ),
    JenisTemuan(
        "realisasi-jauh-dari-target",
        WARNING,
        "nilai {nilai} lebih dari 10 kali target tahunan ({harapan}). Periksa kembali angkanya.",
        judul="Realisasi jauh di atas target",
    ),
    JenisTemuan(
        "penyebut-nol",
        ERROR,
        "penyebut 0: realisasi (pembilang / penyebut) tidak dapat dihitung. Isi jumlah "
        "seluruhnya, misalnya 16 untuk 16 nagari.",
        judul="Penyebut nol",
    ),
    JenisTemuan(
        "pembilang-melebihi-penyebut",
        WARNING,
        "pembilang {nilai} lebih besar dari penyebut {harapan}, sehingga realisasi di atas "
        "100%. Pastikan benar; bila memang demikian, jelaskan di kolom Kendala.",
        judul="Pembilang melebihi penyebut",
    ),
    JenisTemuan(
        "realisasi-tidak-ada-di-skala",
        ERROR,
        '"{nilai}" tidak ada pada skala {skala}. Pilih salah satu: {pilihan}.',
        judul="Nilai tidak ada pada skala",
    ),
    JenisTemuan(
        "indikator-tidak-ada-di-pk",
        ERROR,
        "indikator {nilai} tidak ada pada Perjanjian Kinerja {tahun}. Minta formulir baru yang "
        "sesuai dengan Perjanjian Kinerja terbaru.",
        judul="Indikator tidak ada di Perjanjian Kinerja",
    ),
    JenisTemuan(
        "anggaran-melebihi-pagu",
        ERROR,
        "realisasi anggaran s.d. triwulan ini ({nilai}) melebihi pagu ({harapan}). Periksa "
        "angkanya: rupiah penuh untuk triwulan ini saja, bukan kumulatif.",
        judul="Realisasi anggaran melebihi pagu",
    ),
    JenisTemuan(
        "pengisi-kosong",
        WARNING,
        "nama pengisi belum diisi. Tulis nama Anda agar jelas siapa yang melaporkan.",
        judul="Nama pengisi kosong",
    ),
    JenisTemuan(
        "berkas-ganda",
        WARNING,
        'isinya sama persis dengan berkas "{nilai}" dalam himpunan ini; dibaca sekali saja.',
        judul="Berkas kembar dalam himpunan",
    ),
    JenisTemuan(
        "berkas-sudah-dihimpun",
        WARNING,
        "berkas yang sama persis sudah dihimpun pada {nilai} dan diterima; tidak dihimpun ulang.",
        judul="Berkas sudah dihimpun",
    ),
    *_angka("realisasi"),
    *_angka("anggaran"),
    JenisTemuan(
        "anggaran-negatif",
        ERROR,
        "realisasi anggaran {nilai} negatif. Isi dengan rupiah 0 atau lebih.",
        judul="Realisasi anggaran negatif",
    ),
    JenisTemuan(
        "tanpa-temuan",
        WARNING,
        'Berkas "{berkas}" {status} tanpa temuan.',
        "baris lembar Temuan formulir yang dikembalikan ketika berkasnya tanpa temuan",
        judul="Tanpa temuan",
    ),
)


def judul_temuan(kode: str) -> str:
    """The intake finding's short Indonesian title, as people read it (the code is for
    machines: JSON, the database)."""
    return judul_katalog(KODE, kode, "Temuan formulir")


#: Advice of a number read from text (``…-dibaca``), fitting what the cell held.
_SARAN_DIBACA = {
    "tanda": "lain kali isi angkanya saja, tanpa satuan atau tanda %.",
    "teks": "sel itu tersimpan sebagai teks, bukan angka (format sel Teks atau tanda petik di "
    "depan): lain kali ubah format sel menjadi Angka, lalu ketik angkanya.",
}


def saran_dibaca(nilai: str) -> str:
    """What to do next time about a number typed as text: drop the unit or % it carried,
    or, for digits alone ("81,5"), store the cell as a number."""
    tanda = re.search(r"[^0-9\s.,+\-\u2212]", nilai)
    return _SARAN_DIBACA["tanda" if tanda else "teks"]


class _Fields(dict):
    """Template fields; one a caller did not give is empty."""

    def __missing__(self, key: str) -> str:
        return ""


def temuan(
    kode: str,
    *,
    berkas: str,
    lembar: str = "",
    sel: str = "",
    kolom: str = "",
    nilai: object = "",
    unit: str = "",
    indikator: str = "",
    periode: str = "",
    baris: int | None = None,
    **fields: Any,
) -> Temuan:
    """Build the finding ``kode`` with its message: ``<lokasi>: <what is wrong, what to do>``."""
    jenis = KODE[kode]
    if kode.endswith("-dibaca"):
        fields.setdefault("saran", saran_dibaca(str(nilai)))
    shown = str(nilai)
    if len(shown) > 80:
        shown = shown[:77] + "…"
    body = jenis.pesan(
        _Fields(fields, nilai=shown, indikator=indikator, unit=unit, baris=baris or "")
    )
    lokasi = format_lokasi(berkas, lembar, sel, None, kolom)
    return Temuan(
        kode=kode,
        tingkat=jenis.tingkat,
        pesan=f"{lokasi}: {body}" if lokasi else body,
        berkas=berkas,
        lembar=lembar,
        sel=sel,
        baris=baris,
        kolom=kolom,
        nilai=str(nilai),
        unit=unit,
        indikator=indikator,
        periode=periode,
    )
