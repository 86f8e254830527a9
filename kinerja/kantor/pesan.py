"""Finding codes of the office folder with their Indonesian message templates.

The one catalogue of the kantor part: kantor.toml against its schema (``kantor-…``),
the Perjanjian Kinerja workbook (``pk-…``) and the realisasi workbook of an office
(``realisasi-…``, ``anggaran-…``). Every finding here blocks (tingkat error).

A key is the stable ``kode`` or, when one code is said in several ways,
``kode/varian`` (``kantor-nilai-salah/pilihan``), as in ``arsip.masalah``; the
``Temuan`` carries only the code. Fields every template may use besides its own:
``kolom`` (the column, or the kantor.toml key) and ``nilai`` (the cell's value),
filled in by :func:`temuan`. A template of just ``{alasan}`` or ``{catatan}``
passes on a sentence another module already wrote in Indonesian (the number reader,
the scale loader).
"""

from __future__ import annotations

from dataclasses import replace

from kinerja.inti.errors import ERROR, JenisTemuan, Temuan, katalog

__all__ = ["KODE", "temuan"]

_PILIH = '{kolom} "{nilai}" tidak dikenal. Pilih salah satu: {pilihan}.'
_TARGET = (
    '{kolom} "{nilai}": {apa} bukan target yang sah (batas ±{batas}). '
    "Tulis target sebagai angka, rentang (80 – 90) atau label skala."
)
_AMBIGU = (
    '{alasan} Atau tetapkan notasi di kantor.toml: [angka] notasi = "id" '
    '(2.400 = dua ribu empat ratus) atau "en".'
)
_DAFTAR = (
    "kantor.toml harus memuat paling sedikit satu [[{bagian}]] "
    "(setiap {bagian} pada blok [[{bagian}]] sendiri)."
)


def _katalog(*jenis: JenisTemuan) -> dict[str, JenisTemuan]:
    """key (``kode`` or ``kode/varian``) → its entry, whose ``kode`` is the key up to
    ``/``; keys unique and severities known (checked by ``inti.errors.katalog``)."""
    katalog(*(replace(j, kode=j.kode.replace("/", "-")) for j in jenis))
    return {j.kode: replace(j, kode=j.kode.partition("/")[0]) for j in jenis}


#: key → JenisTemuan (see the module docstring for the fields every template gets).
KODE: dict[str, JenisTemuan] = _katalog(
    # ---- kantor.toml against kantor.skema (kolom: the key as a person finds it)
    JenisTemuan(
        "kantor-kunci-wajib",
        ERROR,
        "kunci {kolom} wajib diisi ({jenis}) tetapi tidak ada. Tambahkan baris {nama} = … "
        "({contoh}).",
        "kunci wajib sebuah bagian tidak ada",
    ),
    JenisTemuan(
        "kantor-kunci-wajib/bagian",
        ERROR,
        "bagian {kolom} wajib ada tetapi tidak ditemukan. Tambahkan {kolom} seperti pada "
        "kantor.toml buatan kinerja init (setiap kunci dijelaskan di sana).",
        "bagian wajib ([kantor], [[pejabat]], [[unit]]) tidak ada",
    ),
    JenisTemuan("kantor-kunci-wajib/daftar", ERROR, _DAFTAR, "[[pejabat]] atau [[unit]] kosong"),
    JenisTemuan(
        "kantor-jenis-salah",
        ERROR,
        "{kolom} = {isi} harus {jenis}, bukan {jenis_nilai}; {contoh}.",
        "nilai kunci berjenis lain dari skema (teks, angka, true/false, daftar)",
    ),
    JenisTemuan(
        "kantor-jenis-salah/bagian",
        ERROR,
        "{kolom} harus sebuah bagian (tabel) berisi kunci, bukan {jenis_nilai}. Tulis {kolom} "
        "pada barisnya sendiri, lalu kuncinya.",
        "bagian yang bukan tabel",
    ),
    JenisTemuan(
        "kantor-jenis-salah/daftar", ERROR, _DAFTAR, "[[pejabat]] atau [[unit]] bukan daftar blok"
    ),
    JenisTemuan(
        "kantor-jenis-salah/retensi",
        ERROR,
        "{kolom} harus sebuah bagian (tabel).",
        "[retensi] bukan tabel",
    ),
    JenisTemuan(
        "kantor-jenis-salah/tabel",
        ERROR,
        "{kolom} harus sebuah tabel.",
        '[retensi."<kode>"] bukan tabel',
    ),
    JenisTemuan(
        "kantor-nilai-salah/tak-hingga",
        ERROR,
        "{kolom} = {isi} bukan angka yang dapat dipakai; {contoh}.",
        "angka tak hingga atau NaN",
    ),
    JenisTemuan(
        "kantor-nilai-salah/kosong",
        ERROR,
        "{kolom} = {isi} tidak boleh kosong.",
        "teks wajib yang kosong",
    ),
    JenisTemuan(
        "kantor-nilai-salah/pilihan",
        ERROR,
        "{kolom} = {isi} harus salah satu dari: {pilihan}.",
        "nilai di luar pilihan kunci",
    ),
    JenisTemuan(
        "kantor-nilai-salah/pola",
        ERROR,
        "{kolom} = {isi} tidak sah: {pola}.",
        "kode kantor atau unit dengan tanda yang tidak aman untuk nama berkas",
    ),
    JenisTemuan(
        "kantor-nilai-salah/minimum",
        ERROR,
        "{kolom} = {isi} tidak boleh kurang dari {minimum}.",
        "angka di bawah batas bawah kunci",
    ),
    JenisTemuan(
        "kantor-nilai-salah/ganda",
        ERROR,
        '{kolom} = "{kode}" sudah dipakai {bagian} lain. Beri setiap blok kode yang unik.',
        "kode unit atau peran pejabat dipakai dua kali",
    ),
    JenisTemuan(
        "kantor-nilai-salah/kepala",
        ERROR,
        '{kolom} = "{kepala}" tidak ada di [[pejabat]] peran ({peran}).',
        "kepala unit yang bukan peran pejabat",
    ),
    JenisTemuan(
        "kantor-nilai-salah/unit-anggaran",
        ERROR,
        "{kolom} = {isi} bukan kode unit kantor ini. Tulis kode [[unit]] yang mengisi lembar "
        "Anggaran (realisasi anggaran per program), salah satu dari: {pilihan}.",
        "unit pelapor realisasi anggaran yang bukan kode [[unit]]",
    ),
    JenisTemuan(
        "kantor-nilai-salah/peran-pejabat",
        ERROR,
        '{kolom} = "{pejabat}" tidak ada di [[pejabat]] peran ({peran}). Tulis peran salah '
        "satu pejabat itu, atau tambahkan blok [[pejabat]] dengan peran tersebut.",
        "peran SOP yang dijalankan pejabat yang tidak ada",
    ),
    # ---- the Perjanjian Kinerja workbook (kantor.pk, kantor.pk_cek, kantor.notasi_pk)
    JenisTemuan(
        "pk-rumus",
        ERROR,
        "Sel berisi rumus; kinerja membaca nilai yang diketik, dan rumus yang belum dihitung "
        "ulang terbaca kosong. Ganti rumus dengan nilainya (Salin, lalu Tempel Nilai).",
        "rumus di lembar Indikator, Sasaran, Program atau Skala",
    ),
    JenisTemuan(
        "pk-kode-kosong",
        ERROR,
        "Kode indikator kosong. Beri setiap indikator kode yang unik (misalnya IK-07).",
        "baris indikator tanpa kode",
    ),
    JenisTemuan(
        "pk-target-salah/benar-salah",
        ERROR,
        _TARGET.replace("{apa}", "nilai benar/salah (TRUE/FALSE)"),
        "target berisi TRUE/FALSE",
    ),
    JenisTemuan(
        "pk-target-salah/tanggal",
        ERROR,
        _TARGET.replace("{apa}", "nilai tanggal"),
        "target berisi tanggal",
    ),
    JenisTemuan(
        "pk-target-salah/besar",
        ERROR,
        _TARGET.replace("{apa}", "angka tak hingga atau terlalu besar"),
        "target tak hingga atau di atas pk_cek.BATAS_TARGET",
    ),
    *(
        JenisTemuan(kode, ERROR, _PILIH, f"{kolom} di luar pilihannya")
        for kode, kolom in (
            ("pk-polaritas-salah", "polaritas"),
            ("pk-jenis-periode-salah", "jenis_periode"),
            ("pk-jenis-target-salah", "jenis_target"),
            ("pk-rumus-negatif-salah", "rumus_negatif"),
        )
    ),
    JenisTemuan("pk-angka-ambigu", ERROR, _AMBIGU, "target atau pagu ambigu tanpa notasi"),
    JenisTemuan("pk-pagu-bukan-angka", ERROR, "{catatan}", "pagu program bukan angka"),
    JenisTemuan(
        "pk-kode-ganda",
        ERROR,
        'Kode indikator "{nilai}" dipakai lebih dari sekali. Beri setiap indikator kode yang unik.',
        "kode indikator dua kali",
    ),
    JenisTemuan(
        "pk-unit-tidak-dikenal",
        ERROR,
        'Unit "{nilai}" tidak ada di kantor.toml ({unit_ada}).',
        "unit indikator yang tidak ada di [[unit]]",
    ),
    JenisTemuan(
        "pk-sasaran-tidak-dikenal",
        ERROR,
        'Sasaran "{nilai}" tidak ada di lembar "Sasaran".',
        "sasaran_kode yang tidak ada di lembar Sasaran",
    ),
    JenisTemuan(
        "pk-skala-tidak-dikenal",
        ERROR,
        "{alasan}",
        "skala indikator yang tidak dikirim kinerja dan tidak ada di lembar Skala",
    ),
    JenisTemuan(
        "pk-skala-kolom",
        ERROR,
        "Kolom {hilang} tidak ada di lembar Skala (perlu skala, nilai, urutan).",
        "lembar Skala tanpa kolom skala, nilai atau urutan",
    ),
    JenisTemuan(
        "pk-skala-urutan",
        ERROR,
        'urutan "{nilai}" bukan angka. Isi urutan dengan angka (1, 2, 3 …; makin besar makin '
        "baik).",
        "urutan skala bukan angka",
    ),
    JenisTemuan(
        "pk-skala-kosong",
        ERROR,
        "Kolom {kolom} kosong. Isi skala, nilai dan urutan pada setiap baris Skala.",
        "skala atau nilai kosong di lembar Skala",
    ),
    JenisTemuan(
        "pk-pengali-salah",
        ERROR,
        'Pengali "{nilai}" bukan angka lebih dari 0. Isi 100 untuk %, atau kosongkan.',
        "pengali indikator rasio bukan angka > 0",
    ),
    JenisTemuan(
        "pk-rasio-kualitatif",
        ERROR,
        "Indikator kualitatif tidak dapat diisi sebagai pembilang/penyebut. "
        "Kosongkan kolom rasio atau ubah jenis_target.",
        "indikator rasio yang kualitatif",
    ),
    JenisTemuan(
        "pk-ukur-anggaran-salah",
        ERROR,
        'ukur_anggaran "{nilai}" bukan kode program di lembar "Program". Isi "ya" '
        "(seluruh anggaran), kode program, atau kosongkan.",
        "ukur_anggaran yang bukan kode program",
    ),
    JenisTemuan(
        "pk-rencana-tidak-lengkap",
        ERROR,
        "Rencana penarikan harus empat kolom rencana_tw1 … rencana_tw4; belum ada: {kolom}.",
        "rencana penarikan tidak keempat kolomnya",
    ),
    JenisTemuan(
        "pk-rencana-salah",
        ERROR,
        'Rencana penarikan "{nilai}" bukan angka rupiah ≥ 0. Isi rupiah penuh untuk triwulan '
        "itu, atau 0.",
        "rencana penarikan bukan rupiah ≥ 0",
    ),
    # ---- the realisasi workbook of an office (kantor.realisasi)
    JenisTemuan("realisasi-angka-ambigu", ERROR, _AMBIGU, "realisasi ambigu tanpa notasi"),
    JenisTemuan("anggaran-angka-ambigu", ERROR, _AMBIGU, "realisasi anggaran ambigu tanpa notasi"),
    JenisTemuan("anggaran-bukan-angka", ERROR, "{catatan}", "realisasi anggaran bukan angka"),
)


def temuan(
    kunci: str,
    /,
    *,
    berkas: str,
    lembar: str = "",
    sel: str = "",
    kolom: str = "",
    nilai: object = "",
    **fields: object,
) -> Temuan:
    """The finding ``kunci`` (a key of :data:`KODE`): its message from the template filled
    with ``fields`` plus ``kolom`` and ``nilai`` (a field left out raises ``KeyError``)."""
    jenis = KODE[kunci]
    return Temuan(
        kode=jenis.kode,
        tingkat=jenis.tingkat,
        pesan=jenis.pesan({"kolom": kolom, "nilai": nilai, **fields}),
        berkas=berkas,
        lembar=lembar,
        sel=sel,
        kolom=kolom,
        nilai=str(nilai),
    )
