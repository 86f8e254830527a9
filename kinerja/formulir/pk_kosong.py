"""An empty Perjanjian Kinerja workbook for a new office, with its Petunjuk sheet.

The sheets ``kantor.pk.load_pk`` reads (Sasaran, Indikator, Program, Skala) with
their header row only, drop-down lists where a column has fixed choices, and a
first sheet **Petunjuk** that explains every column in Indonesian, says that a unit
code is a ``[[unit]]`` kode of kantor.toml (the codes ``kinerja init`` wrote are listed
as examples only: the office may change them), and shows one worked row. ``kinerja
init`` writes it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from kinerja.berkas.xlsx import save_workbook
from kinerja.formulir.gaya import HEAD, SHEET_PETUNJUK, WRAP, setup_print
from kinerja.inti.model import JENIS_PERIODE, JENIS_TARGET, POLARITAS, RUMUS_NEGATIF

__all__ = ["KOLOM_INDIKATOR", "KOLOM_OPSIONAL", "KOLOM_PROGRAM", "write_pk_kosong"]

#: The Indikator sheet's columns, in order, with what the Petunjuk says of each.
KOLOM_INDIKATOR: tuple[tuple[str, str], ...] = (
    ("kode", "WAJIB. Kode indikator, unik, misalnya IK-01."),
    ("sasaran_kode", "WAJIB. Kode sasaran dari lembar Sasaran, misalnya S1."),
    ("indikator", "WAJIB. Rumusan indikator kinerja seperti di dokumen PK."),
    ("satuan", "WAJIB. Satuan: %, nilai, dokumen, orang, predikat, …"),
    (
        "polaritas",
        "WAJIB. positif (makin tinggi makin baik) atau negatif (makin rendah makin baik).",
    ),
    (
        "jenis_periode",
        "WAJIB. kumulatif (jumlah kejadian, dijumlah per triwulan), akhir (indeks, persentase, "
        "status: triwulan terakhir) atau rata_rata (laju: rata-rata triwulan yang terisi).",
    ),
    ("jenis_target", "angka (bawaan), rentang (80 – 90) atau kualitatif (BB, WTP, Ada)."),
    (
        "skala",
        "Untuk target kualitatif: akip, opini-bpk, ikm, ada-tidak, atau skala di lembar Skala.",
    ),
    ("target_tahunan", "WAJIB. Target tahun ini. Angka boleh ditulis 85 atau 85,5."),
    (
        "target_tw1",
        "WAJIB. Target triwulan I (rencana aksi). Indikator kumulatif: target triwulan itu "
        "saja, bukan jumlah berjalan (lihat aturan di bawah).",
    ),
    ("target_tw2", "WAJIB. Target triwulan II (kumulatif: triwulan II saja)."),
    ("target_tw3", "WAJIB. Target triwulan III (kumulatif: triwulan III saja)."),
    (
        "target_tw4",
        "WAJIB. Target triwulan IV (kumulatif: triwulan IV saja; akhir: sama dengan target "
        "tahunan).",
    ),
    ("target_renstra", "Target akhir Renstra."),
    ("target_tahun_lalu", "Target tahun lalu (perbandingan)."),
    ("realisasi_tahun_lalu", "Realisasi tahun lalu (perbandingan)."),
    (
        "unit",
        "WAJIB. Kode unit penanggung jawab: kode [[unit]] di kantor.toml (lihat contoh di bawah).",
    ),
    ("definisi_operasional", "Cara menghitung indikator."),
    ("sumber_data", "Dari mana realisasi diambil."),
    ("rumus_negatif", "Indikator negatif: 2T-R (bawaan, PermenPANRB) atau T/R."),
    ("iku", "ya (bawaan) bila Indikator Kinerja Utama, tidak bila bukan."),
    ("wajib", "ya (bawaan): indikator yang kosong membuat capaian kantor sementara."),
    ("bobot", "Bobot bila [agregasi] metode = berbobot (bawaan 1)."),
)
#: Optional columns of the Indikator sheet: add the header yourself when an indicator
#: needs one (without the column everything works as usual).
KOLOM_OPSIONAL: tuple[tuple[str, str], ...] = (
    (
        "rasio",
        "ya bila realisasi diisi sebagai dua hitungan: formulir meminta Pembilang dan Penyebut "
        "(misalnya 14 dari 16 nagari) dan realisasi = pembilang / penyebut × pengali.",
    ),
    ("pengali", "Untuk indikator rasio: bawaan 100 bila satuan %, selain itu 1."),
    (
        "ukur_anggaran",
        "Indikator yang mengukur realisasi anggaran: ya (seluruh anggaran) atau kode program "
        "dari lembar Program. Realisasinya dibandingkan dengan realisasi / pagu lembar Anggaran.",
    ),
    (
        "target_nasional",
        "Target nasional atau provinsi (angka atau rentang); capaian terhadapnya dicetak di "
        "Bab III E.",
    ),
)
#: Columns of the Program sheet: the required ones, then the optional plan.
KOLOM_PROGRAM: tuple[tuple[str, str], ...] = (
    ("kode", "WAJIB. Kode program, misalnya 7.01.01."),
    ("program", "WAJIB. Nama program seperti di DPA."),
    ("sasaran_kode", "WAJIB. Kode sasaran yang didukung program."),
    ("unit", "WAJIB. Kode unit penanggung jawab: kode [[unit]] di kantor.toml."),
    (
        "pagu",
        "WAJIB. Pagu (rupiah, tanpa titik). Jumlah pagu harus sama dengan [anggaran] "
        "total_pagu di kantor.toml.",
    ),
    (
        "rencana_tw1 … rencana_tw4",
        "Opsional, keempatnya: rencana penarikan anggaran per triwulan (rupiah); jumlahnya "
        "sama dengan pagu. Bab III F lalu mencetak realisasi terhadap rencana.",
    ),
)
_ATURAN_PERIODE = (
    "Target triwulan menurut jenis_periode: kumulatif = target triwulan itu saja, bukan "
    "jumlah berjalan; kinerja menjumlahkannya (target s.d. triwulan II = target_tw1 + "
    "target_tw2), dan keempatnya berjumlah target tahunan (contoh 2.400 setahun: 600, 600, "
    "600, 600; bukan 600, 1.200, 1.800, 2.400). akhir = posisi pada akhir triwulan itu "
    "(target_tw4 sama dengan target tahunan). rata_rata = rata-rata selama triwulan itu."
)
_CONTOH = (
    "IK-01, S1, Persentase realisasi anggaran, %, positif, akhir, angka, (kosong), 95, 20, 45, 70, "
    "95, 96, 95, 93,4, <kode unit>, Realisasi belanja dibagi pagu × 100, Laporan realisasi "
    "anggaran, 2T-R, ya, ya, 1"
)
_PILIHAN = {
    "polaritas": POLARITAS,
    "jenis_periode": JENIS_PERIODE,
    "jenis_target": JENIS_TARGET,
    "rumus_negatif": RUMUS_NEGATIF,
    "iku": ("ya", "tidak"),
    "wajib": ("ya", "tidak"),
}
_BARIS_ISIAN = 500  # rows that carry the drop-down lists
_LEBAR = 110  # characters of the Petunjuk column (one printed A4 landscape line)


def _sheet(wb: Workbook, title: str, header: Sequence[str], widths: Sequence[int]) -> None:
    ws = wb.create_sheet(title)
    ws.append(list(header))
    for i, (cell, width) in enumerate(zip(ws[1], widths, strict=True), start=1):
        cell.font = Font(bold=True)
        cell.fill = HEAD
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    for i, name in enumerate(header, start=1):
        if name in _PILIHAN:
            col = get_column_letter(i)
            dv = DataValidation(type="list", formula1=f'"{",".join(_PILIHAN[name])}"')
            dv.error = f"Pilih salah satu: {', '.join(_PILIHAN[name])}."
            dv.add(f"{col}2:{col}{_BARIS_ISIAN}")
            ws.add_data_validation(dv)


def _petunjuk(wb: Workbook, nama: str, tahun: int, units: Sequence[tuple[str, str]]) -> None:
    ws = wb.active
    ws.title = SHEET_PETUNJUK
    lines = [
        f"PERJANJIAN KINERJA TAHUN {tahun} — {nama}",
        "",
        "Isi buku kerja ini dari dokumen Perjanjian Kinerja yang ditandatangani, lalu simpan "
        "dengan nama yang sama. Jangan mengganti nama lembar atau judul kolom (baris 1).",
        "",
        "Lembar Sasaran: satu baris per sasaran strategis. Kolom kode (S1, S2, …) dan sasaran.",
        "Lembar Indikator: satu baris per indikator kinerja. Kolom:",
        *(f"  {kolom}: {arti}" for kolom, arti in KOLOM_INDIKATOR),
        f"  Contoh satu baris: {_CONTOH}",
        _ATURAN_PERIODE,
        "Kolom opsional lembar Indikator (tambahkan judul kolomnya sendiri di baris 1 bila "
        "perlu; tanpa kolom itu semuanya seperti biasa):",
        *(f"  {kolom}: {arti}" for kolom, arti in KOLOM_OPSIONAL),
        "Lembar Program: satu baris per program. Kolom:",
        *(f"  {kolom}: {arti}" for kolom, arti in KOLOM_PROGRAM),
        "Realisasi anggaran per program diisi unit [formulir] unit_anggaran di kantor.toml "
        "(bawaan: unit yang dikepalai kasubag_pk) pada lembar Anggaran formulirnya.",
        "Lembar Skala (boleh kosong): skala kualitatif kantor sendiri, satu baris per nilai: "
        "skala, nilai, urutan (angka; makin besar makin baik).",
        "",
        "Kode unit = kode [[unit]] di kantor.toml. Kantor boleh mengubah, menambah, atau "
        "menghapus unit di kantor.toml; yang berlaku selalu kode di kantor.toml. Contoh, unit "
        "yang ditulis kinerja init saat folder ini dibuat:",
        *(f"  {kode}: {nama_unit}" for kode, nama_unit in units),
        "",
        "Angka boleh ditulis cara Indonesia (85,5; 1.234,5) atau dengan titik desimal (85.5). "
        "Sel kosong berarti belum diisi, bukan 0.",
        "Sesudah diisi: kinerja formulir --kantor <folder kantor> --periode "
        f"{tahun}-TW1 menulis formulir realisasi untuk setiap unit.",
    ]
    for line in lines:
        ws.append([line])
    ws["A1"].font = Font(bold=True, size=13)
    ws.column_dimensions["A"].width = _LEBAR
    for row in ws.iter_rows():
        row[0].alignment = WRAP
        # rows tall enough for their wrapped text: LibreOffice does not grow them when printing
        baris = -(-len(str(row[0].value or "")) // _LEBAR)
        ws.row_dimensions[row[0].row].height = 15.0 * max(baris, 1) + 2
    setup_print(ws, protect=False)


def write_pk_kosong(
    path: Path, nama: str, tahun: int, units: Sequence[tuple[str, str]], *, waktu: dt.datetime
) -> Path:
    """Write the empty PK workbook of ``tahun`` for office ``nama`` to ``path`` (atomically)."""
    wb = Workbook()
    _petunjuk(wb, nama, tahun, units)
    _sheet(wb, "Sasaran", ["kode", "sasaran"], [10, 90])
    names = [k for k, _ in KOLOM_INDIKATOR]
    widths = [60 if k in ("indikator", "definisi_operasional") else 14 for k in names]
    _sheet(wb, "Indikator", names, widths)
    _sheet(wb, "Program", ["kode", "program", "sasaran_kode", "unit", "pagu"], [14, 70, 14, 12, 20])
    _sheet(wb, "Skala", ["skala", "nilai", "urutan"], [16, 16, 10])
    save_workbook(wb, path, waktu)
    return path
