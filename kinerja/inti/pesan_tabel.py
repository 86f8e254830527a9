"""Finding codes of ``kinerja hitung`` (``inti.tabel``) with their Indonesian templates.

The one catalogue of the free-standing table: a row that cannot be computed is named
by row and column (``baris``, ``kolom``). Fields every template may use besides its
own: ``nilai`` (the cell as written) and ``kolom``, filled in by :func:`temuan`. A
template of just ``{catatan}`` passes on the sentence the number reader
(``inti.angka_baca``) or the ratio check (``inti.rasio``) already wrote.
"""

from __future__ import annotations

from kinerja.inti.errors import ERROR, WARNING, JenisTemuan, Temuan, katalog

__all__ = ["KODE", "temuan"]

_RUPIAH = '"{nilai}" bukan nilai rupiah. Isi angka, misalnya 1.250.000 atau Rp1.250.000,00.'

#: kode → JenisTemuan, in the order ``hitung_tabel`` checks.
KODE: dict[str, JenisTemuan] = katalog(
    JenisTemuan(
        "polaritas-salah",
        ERROR,
        'Polaritas "{nilai}" tidak dikenal. Isi "positif" atau "negatif".',
        "polaritas bukan positif atau negatif",
    ),
    JenisTemuan(
        "rumus-negatif-salah",
        ERROR,
        'Rumus negatif "{nilai}" tidak dikenal. Isi "2T-R" atau "T/R".',
        "rumus_negatif bukan 2T-R atau T/R",
    ),
    JenisTemuan(
        "jenis-target-salah",
        ERROR,
        'Jenis target "{nilai}" tidak dikenal. Isi angka, rentang, atau kualitatif.',
        "jenis_target di luar pilihannya",
    ),
    JenisTemuan(
        "skala-salah",
        ERROR,
        'Skala "{nilai}" tidak dikenal. Pilihan: akip, opini-bpk, ikm, ada-tidak.',
        "skala yang tidak dikirim kinerja",
    ),
    JenisTemuan(
        "target-ambigu",
        ERROR,
        '"{nilai}": {catatan}',
        "target seperti 2.400 tanpa notasi yang memutuskan",
    ),
    JenisTemuan(
        "target-tidak-terbaca",
        ERROR,
        'Target "{nilai}" tidak dapat dibaca sebagai angka, rentang (80 – 90), '
        "atau nilai skala. Perbaiki target atau isi kolom skala.",
        "target bukan angka, rentang atau label yang dapat dibandingkan",
    ),
    JenisTemuan(
        "realisasi-ambigu",
        ERROR,
        '"{nilai}": {catatan}',
        "realisasi seperti 2.400 tanpa notasi yang memutuskan",
    ),
    JenisTemuan(
        "realisasi-bukan-angka",
        ERROR,
        '"{nilai}": {catatan}',
        "realisasi yang tidak terbaca sebagai angka",
    ),
    JenisTemuan("pembilang-salah", ERROR, "{catatan}", "pembilang tak terbaca atau kosong"),
    JenisTemuan("penyebut-salah", ERROR, "{catatan}", "penyebut tak terbaca, kosong, 0 atau < 0"),
    JenisTemuan("pengali-salah", ERROR, "{catatan}", "pengali tak terbaca atau ≤ 0"),
    JenisTemuan(
        "realisasi-tidak-cocok-rasio",
        WARNING,
        "Realisasi {realisasi} tidak sama dengan pembilang / penyebut × pengali = {hasil}; "
        "capaian memakai pembilang dan penyebut. Periksa realisasi atau kedua angka itu.",
        "realisasi yang diisi berbeda dari pembilang / penyebut × pengali",
    ),
    JenisTemuan("pagu-bukan-angka", ERROR, _RUPIAH, "pagu bukan rupiah"),
    JenisTemuan(
        "realisasi-anggaran-bukan-angka", ERROR, _RUPIAH, "realisasi anggaran bukan rupiah"
    ),
)


def temuan(kode: str, /, *, baris: int, kolom: str, nilai: object, **fields: object) -> Temuan:
    """The finding ``kode`` on row ``baris``: its message from the template filled with
    ``fields`` plus ``kolom`` and ``nilai`` (a field left out raises ``KeyError``)."""
    jenis = KODE[kode]
    return Temuan(
        kode=kode,
        tingkat=jenis.tingkat,
        pesan=jenis.pesan({"kolom": kolom, "nilai": nilai, **fields}),
        baris=baris,
        kolom=kolom,
        nilai="" if nilai is None else str(nilai),
    )
