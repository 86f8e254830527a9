"""Finding codes of the validation rules with their severity and Indonesian template.

The one catalogue of the validation part (``ATURAN``, in the order findings of one
cell are listed). Codes are stable: tests assert them and reviewers' decisions link
to a finding through its id (:func:`temuan_id`, built from the code). Templates
name the indikator (kode and name) and, where there is one, the triwulan, then say
what to do. Fields every template may use besides its own: ``unit``, ``indikator``
(the kode) and ``nilai`` (the value as submitted), filled in by :func:`temuan`.
"""

from __future__ import annotations

import hashlib
from typing import Any

from kinerja.inti.errors import ERROR, WARNING, JenisTemuan, Temuan, judul_katalog, katalog
from kinerja.inti.model import ROMAWI
from kinerja.inti.tingkat import tingkat_aturan

__all__ = [
    "ATURAN",
    "SARAN_UMUM",
    "SARAN_UNIT",
    "judul_temuan",
    "saran_unit",
    "temuan",
    "temuan_id",
]

_SEL = "Realisasi {indikator} ({nama_indikator}), {triwulan}"
_PENJELASAN = "Minta penjelasan unit atau terima dengan alasan."

#: The rules: kode → JenisTemuan (default tingkat, template, what it checks).
ATURAN: dict[str, JenisTemuan] = katalog(
    JenisTemuan(
        "realisasi-kosong",
        ERROR,
        _SEL + " belum diisi oleh unit {unit}. Minta unit mengisinya (Kembalikan), atau isi "
        "nilai yang sah dengan Koreksi.",
        "indikator wajib tanpa realisasi pada triwulan yang sudah tutup",
        judul="Realisasi belum diisi",
    ),
    JenisTemuan(
        "realisasi-tidak-terbaca",
        tingkat_aturan("realisasi-tidak-terbaca"),
        _SEL + ' tertulis "{teks}" dan tidak dapat dibaca sebagai {dibaca_sebagai}. Koreksi '
        "dengan nilai yang sah atau kembalikan ke unit.",
        "realisasi bukan angka atau bukan nilai skala indikator",
        judul="Realisasi tidak terbaca",
    ),
    JenisTemuan(
        "persen-di-luar-rentang",
        tingkat_aturan("persen-di-luar-rentang"),
        _SEL + " = {angka}%, padahal persentase harus di antara 0 dan 100 (target "
        "Perjanjian Kinerja tidak di atas 100). Periksa apakah angka tertukar atau salah ketik.",
        "indikator bersatuan % dengan realisasi di bawah 0, atau di atas 100 padahal target PK "
        "tidak di atas 100",
        judul="Persentase di luar 0–100",
    ),
    JenisTemuan(
        "realisasi-negatif",
        tingkat_aturan("realisasi-negatif"),
        _SEL + " = {angka} {satuan}: jumlah atau nilai tidak boleh negatif. Periksa tanda minus.",
        "realisasi negatif pada indikator jumlah/nilai",
        judul="Realisasi negatif",
    ),
    JenisTemuan(
        "lonjakan-triwulan",
        WARNING,
        _SEL + " = {angka} (target {target}), triwulan sebelumnya {angka_lalu} (target "
        "{target_lalu}): terhadap target {arah} {perubahan}, melebihi batas {batas}, dan "
        "kendala kosong. " + _PENJELASAN,
        "realisasi/target berubah lebih dari [validasi] lonjakan_persen dari triwulan "
        "sebelumnya tanpa kendala",
        judul="Lonjakan dari triwulan sebelumnya",
    ),
    JenisTemuan(
        "lonjakan-tahun-lalu",
        WARNING,
        "Realisasi {indikator} ({nama_indikator}) tahun {tahun} = {angka}, tahun lalu "
        "{angka_lalu}: {arah} {perubahan}, melebihi batas {batas}, dan kendala triwulan IV "
        "kosong. " + _PENJELASAN,
        "realisasi tahunan berubah lebih dari lonjakan_persen dari tahun lalu tanpa kendala",
        judul="Lonjakan dari tahun lalu",
    ),
    JenisTemuan(
        "capaian-tinggi",
        WARNING,
        "Capaian {indikator} ({nama_indikator}) {periode_sd} = {capaian}, di atas batas "
        "{batas}, tanpa kendala yang menjelaskan. Periksa target dan realisasi, atau minta unit "
        "mengisi kendala.",
        "capaian di atas [validasi] capaian_atas tanpa kendala",
        judul="Capaian sangat tinggi",
    ),
    JenisTemuan(
        "capaian-rendah",
        WARNING,
        "Capaian {indikator} ({nama_indikator}) {periode_sd} = {capaian}, di bawah batas "
        "{batas}, tanpa kendala yang menjelaskan. Periksa target dan realisasi, atau minta unit "
        "mengisi kendala.",
        "capaian di bawah [validasi] capaian_bawah tanpa kendala",
        judul="Capaian sangat rendah",
    ),
    JenisTemuan(
        "bukti-dukung-kosong",
        WARNING,
        _SEL + " tidak disertai bukti dukung. Minta unit menyebutkan berkas atau tautan buktinya.",
        "realisasi tanpa bukti dukung (KESALAHAN bila bukti_wajib)",
        judul="Bukti dukung kosong",
    ),
    JenisTemuan(
        "target-akhir-tw4-beda",
        ERROR,
        'Indikator {indikator} ({nama_indikator}) berjenis akhir: target TW IV "{target_tw4}" '
        'harus sama dengan target tahunan "{target_tahunan}". Perbaiki rencana aksi di '
        "Perjanjian Kinerja.",
        "indikator jenis akhir dengan target TW IV yang berbeda dari target tahunan PK",
        judul="Target TW IV berbeda dari target tahunan",
    ),
    JenisTemuan(
        "pagu-tidak-terbaca",
        ERROR,
        "Pagu program {kode_program} ({program}) kosong atau bukan angka. Isi pagu sesuai DPA "
        "di lembar Program.",
        "pagu program kosong atau bukan angka",
        judul="Pagu program tidak terbaca",
    ),
    JenisTemuan(
        "pagu-tidak-sama-total",
        ERROR,
        "Jumlah pagu {jumlah_program} program di Perjanjian Kinerja = {jumlah}, sedangkan total "
        "pagu (DPA) di kantor.toml = {total}; selisih {selisih}. Samakan pagu program dengan DPA.",
        "jumlah pagu program berbeda dari [anggaran] total_pagu (DPA) di kantor.toml",
        judul="Jumlah pagu berbeda dari DPA",
    ),
    JenisTemuan(
        "rencana-tidak-sama-pagu",
        WARNING,
        "Rencana penarikan program {kode_program} ({program}) TW I–IV berjumlah {jumlah}, "
        "sedangkan pagunya {pagu}; selisih {selisih}. Samakan rencana_tw1 … rencana_tw4 "
        "dengan pagu pada baris program itu di lembar Program.",
        "jumlah rencana penarikan empat triwulan sebuah program berbeda dari pagunya",
        judul="Rencana penarikan tidak sama dengan pagu",
    ),
    JenisTemuan(
        "realisasi-anggaran-beda",
        WARNING,
        "Realisasi {indikator} ({nama_indikator}) {periode_sd} = {angka}, sedangkan realisasi "
        "anggaran {sumber} menurut lembar Anggaran = {anggaran}; keduanya mengukur hal yang "
        "sama. Samakan sumbernya: koreksi realisasi indikator atau periksa realisasi anggaran.",
        "indikator yang di PK ditandai ukur_anggaran berbeda dari realisasi / pagu lembar Anggaran",
        judul="Realisasi berbeda dari realisasi anggaran",
    ),
    JenisTemuan(
        "anggaran-belum-dilaporkan",
        ERROR,
        "Realisasi anggaran {triwulan} belum dilaporkan: tidak satu pun dari {jumlah_program} "
        "program (pagu {pagu}) berisi realisasi, sehingga penyerapan anggaran dan efisiensi "
        "tidak dapat dihitung (Bab III F dan Bab IV). {saran}",
        "program berpagu tanpa realisasi anggaran satu pun pada triwulan periode",
        judul="Realisasi anggaran belum dilaporkan",
    ),
    JenisTemuan(
        "anggaran-program-belum-dilaporkan",
        ERROR,
        "Realisasi anggaran program {kode_program} ({program}) {triwulan} belum dilaporkan"
        "{pelapor}: penyerapan anggaran dan efisiensi program itu tidak dihitung, dan jumlah "
        "anggaran di Bab III F dan Bab IV hanya mencakup program yang sudah melaporkan "
        "(sementara), tidak menganggap program ini Rp0. {saran}",
        "program berpagu tanpa realisasi anggaran pada sebuah triwulan s.d. periode (kecuali "
        "triwulan yang tidak dilaporkan satu program pun: anggaran-belum-dilaporkan)",
        judul="Realisasi anggaran program belum dilaporkan",
    ),
    JenisTemuan(
        "nip-tidak-sah",
        ERROR,
        'NIP {nama} ({peran}) "{nilai}" tidak sah: {masalah} Perbaiki [[pejabat]] di kantor.toml.',
        "NIP pejabat tidak sesuai struktur 18 angka (domain.md §6)",
        judul="NIP tidak sah",
    ),
)


_KIRIM = "lalu kirim ulang formulir."
_JELASKAN = (
    'Bila angkanya benar, tulis sebabnya di kolom "Kendala"; bila salah, perbaiki di kolom '
    '"{kolom}". Sesudah itu kirim ulang formulir.'
)

#: What the unit reads on its returned form (the templates of ``ATURAN`` speak to the
#: reviewer): kode → advice. Fields: ``indikator``, ``triwulan`` (``TW II``) and ``kolom``
#: (the header on the unit's form). A rule about the PK or kantor.toml has none: the unit
#: reads :data:`SARAN_UMUM` beside the reviewer's note.
SARAN_UNIT: dict[str, str] = {
    "realisasi-kosong": 'Isi realisasi {indikator} {triwulan} di kolom "{kolom}", ' + _KIRIM,
    "realisasi-tidak-terbaca": (
        'Isi realisasi {indikator} {triwulan} di kolom "{kolom}" dengan angka saja, tanpa '
        "satuan (indikator kualitatif: pilih nilai dari daftar pada sel), " + _KIRIM
    ),
    "persen-di-luar-rentang": (
        "Realisasi {indikator} {triwulan} adalah persentase: isi angka antara 0 dan 100 "
        '(misalnya 87,5, bukan 875). Periksa salah ketik di kolom "{kolom}", ' + _KIRIM
    ),
    "realisasi-negatif": (
        "Realisasi {indikator} {triwulan} tidak boleh negatif: periksa tanda minus di "
        'kolom "{kolom}", ' + _KIRIM
    ),
    "lonjakan-triwulan": (
        "Realisasi {indikator} {triwulan} berubah jauh dari triwulan sebelumnya. " + _JELASKAN
    ),
    "lonjakan-tahun-lalu": "Realisasi {indikator} berubah jauh dari tahun lalu. " + _JELASKAN,
    "capaian-tinggi": "Capaian {indikator} jauh di atas target. " + _JELASKAN,
    "capaian-rendah": "Capaian {indikator} jauh di bawah target. " + _JELASKAN,
    "bukti-dukung-kosong": (
        "Tulis nama berkas atau tautan bukti dukung realisasi {indikator} {triwulan} di "
        'kolom "{kolom}", lalu kirim ulang formulir bersama berkas buktinya.'
    ),
    "realisasi-anggaran-beda": (
        "Realisasi {indikator} mengukur hal yang sama dengan realisasi anggaran di lembar "
        'Anggaran, tetapi angkanya berbeda. Samakan keduanya (kolom "{kolom}" atau lembar '
        "Anggaran), " + _KIRIM
    ),
    "anggaran-belum-dilaporkan": (
        'Isi realisasi anggaran {triwulan} setiap program di kolom "{kolom}" lembar Anggaran, '
        + _KIRIM
    ),
}
#: The advice for a rule without its own: the reviewer's note says what.
SARAN_UMUM = "Perbaiki isian sesuai catatan peninjau, " + _KIRIM
#: A field's name when the finding does not carry the header on the form.
_NAMA_KOLOM = {
    "realisasi": "Realisasi",
    "bukti_dukung": "Bukti Dukung",
    "realisasi_anggaran": "Realisasi",
}


def saran_unit(t: Temuan) -> str:
    """What the unit should do about finding ``t``, addressed to the unit (the finding's
    ``pesan`` is addressed to the reviewer)."""
    template = SARAN_UNIT.get(t.kode)
    if template is None:
        return SARAN_UMUM
    tw = t.data.get("tw")
    kolom = str(t.data.get("judul_kolom") or _NAMA_KOLOM.get(t.kolom, t.kolom))
    triwulan = f"TW {ROMAWI[tw]}" if tw in ROMAWI else ""
    text = template.format(indikator=t.indikator, triwulan=triwulan, kolom=kolom)
    return " ".join(text.split())  # no double space where a field was empty


def judul_temuan(kode: str) -> str:
    """The finding's short Indonesian title, as people read it (the code is for machines)."""
    return judul_katalog(ATURAN, kode, "Temuan validasi")


def temuan_id(
    kode: str,
    periode: str,
    unit: str = "",
    indikator: str = "",
    tw: int | None = None,
    kolom: str = "",
) -> str:
    """Stable short id of a finding: sha256 of ``kode|periode|unit|indikator|tw|kolom``."""
    text = "|".join([kode, str(periode), unit, indikator, "" if tw is None else str(tw), kolom])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def temuan(
    kode: str,
    periode: str,
    *,
    tingkat: str | None = None,
    unit: str = "",
    indikator: str = "",
    tw: int | None = None,
    kolom: str = "",
    nilai: str = "",
    berkas: str = "",
    lembar: str = "",
    sel: str = "",
    baris: int | None = None,
    data: dict[str, Any] | None = None,
    **fields: object,
) -> Temuan:
    """The finding ``kode``: its message from the template filled with ``fields`` (plus
    ``unit``, ``indikator``, ``nilai``); ``data`` gets the finding's ``id`` and ``tw``.

    ``tingkat`` overrides the catalogue's default (a rule whose severity is office
    configuration). A template field left out raises ``KeyError``.
    """
    jenis = ATURAN[kode]
    pesan = jenis.pesan({"unit": unit, "indikator": indikator, "nilai": nilai, **fields})
    ident = temuan_id(kode, periode, unit, indikator, tw, kolom)
    return Temuan(
        kode=kode,
        tingkat=tingkat or jenis.tingkat,
        pesan=pesan,
        berkas=berkas,
        lembar=lembar,
        sel=sel,
        baris=baris,
        kolom=kolom,
        nilai=nilai,
        unit=unit,
        indikator=indikator,
        periode=periode,
        data={"id": ident, "tw": tw, **(data or {})},
    )
