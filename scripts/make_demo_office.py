"""Write the demo office's workbooks: the Perjanjian Kinerja 2025 and its realisasi.

    .venv/bin/python scripts/make_demo_office.py [OFFICE_DIR]

The numbers are fictitious but plausible for a kecamatan of ~51 thousand people
in 16 nagari. The output is deterministic (fixed workbook dates), so re-running
the script leaves git clean unless the data below changed.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from kinerja.berkas.xlsx import save_workbook

FIXED = datetime(2025, 1, 6, 8, 0, 0)
ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIR = ROOT / "data" / "linggo-sari-baganti"

SASARAN = [
    ("S1", "Meningkatnya akuntabilitas kinerja dan tata kelola keuangan Kecamatan"),
    ("S2", "Meningkatnya kualitas pelayanan publik di Kecamatan"),
    ("S3", "Meningkatnya kualitas penyelenggaraan pemerintahan nagari"),
    ("S4", "Meningkatnya ketenteraman dan ketertiban umum"),
    ("S5", "Meningkatnya partisipasi dan keberdayaan masyarakat nagari"),
    ("S6", "Meningkatnya kesejahteraan sosial masyarakat"),
]

# kode, sasaran, indikator, satuan, polaritas, jenis_periode, jenis_target, skala,
# target tahunan, TW I–IV, renstra, target 2024, realisasi 2024, unit,
# definisi operasional, sumber data
INDIKATOR = [
    (
        "IK-01",
        "S1",
        "Nilai hasil evaluasi internal SAKIP Kecamatan",
        "predikat",
        "positif",
        "akhir",
        "kualitatif",
        "akip",
        "BB",
        "B",
        "B",
        "B",
        "BB",
        "A",
        "B",
        "B",
        "RENKEU",
        "Predikat hasil evaluasi AKIP oleh Inspektorat atas Kecamatan",
        "LHE AKIP Inspektorat",
    ),
    (
        "IK-02",
        "S1",
        "Persentase realisasi anggaran Kecamatan",
        "%",
        "positif",
        "akhir",
        "angka",
        "",
        95,
        20,
        45,
        70,
        95,
        96,
        95,
        93.4,
        "RENKEU",
        "Realisasi belanja s.d. triwulan dibagi pagu DPA × 100",
        "Laporan realisasi anggaran",
    ),
    (
        "IK-03",
        "S1",
        "Persentase pegawai yang memenuhi 20 JP pengembangan kompetensi",
        "%",
        "positif",
        "akhir",
        "angka",
        "",
        80,
        20,
        40,
        60,
        80,
        90,
        70,
        72.0,
        "UMPEG",
        "Pegawai dengan ≥ 20 JP pelatihan dibagi jumlah pegawai × 100",
        "Rekap SIASN",
    ),
    (
        "IK-04",
        "S2",
        "Indeks Kepuasan Masyarakat atas pelayanan Kecamatan",
        "nilai",
        "positif",
        "akhir",
        "angka",
        "",
        82,
        80,
        80,
        81,
        82,
        85,
        80,
        81.2,
        "PELUM",
        "Nilai IKM hasil survei kepuasan masyarakat (PermenPANRB 14/2017)",
        "Laporan SKM",
    ),
    (
        "IK-05",
        "S2",
        "Rata-rata waktu penyelesaian pelayanan administrasi non-perizinan",
        "hari",
        "negatif",
        "rata_rata",
        "rentang",
        "",
        "2 – 3",
        "2 – 3",
        "2 – 3",
        "2 – 3",
        "2 – 3",
        "1 – 2",
        "3",
        3.2,
        "PELUM",
        "Rata-rata hari kerja dari berkas lengkap sampai dokumen selesai",
        "Buku register PATEN",
    ),
    (
        "IK-06",
        "S2",
        "Jumlah dokumen pelayanan PATEN yang diselesaikan",
        "dokumen",
        "positif",
        "kumulatif",
        "angka",
        "",
        2400,
        550,
        600,
        650,
        600,
        2600,
        2200,
        2315,
        "PELUM",
        "Dokumen pelayanan administrasi terpadu yang selesai dan diserahkan",
        "Register PATEN",
    ),
    (
        "IK-07",
        "S3",
        "Persentase nagari yang menyampaikan LPPN tepat waktu",
        "%",
        "positif",
        "akhir",
        "angka",
        "",
        100,
        100,
        100,
        100,
        100,
        100,
        100,
        87.5,
        "PEM",
        "Nagari yang menyampaikan LPPN sesuai jadwal dibagi 16 nagari × 100",
        "Agenda surat masuk",
    ),
    (
        "IK-08",
        "S3",
        "Persentase APB Nagari yang ditetapkan tepat waktu",
        "%",
        "positif",
        "akhir",
        "angka",
        "",
        100,
        100,
        100,
        100,
        100,
        100,
        100,
        81.25,
        "PEM",
        "Nagari yang menetapkan APB Nagari paling lambat 31 Desember dibagi 16 × 100",
        "Salinan Peraturan Nagari tentang APB Nagari",
    ),
    (
        "IK-09",
        "S3",
        "Jumlah sengketa batas antarnagari yang belum terselesaikan",
        "kasus",
        "negatif",
        "akhir",
        "angka",
        "",
        0,
        1,
        1,
        0,
        0,
        0,
        1,
        2,
        "PEM",
        "Sengketa batas nagari yang belum memiliki berita acara kesepakatan",
        "Register sengketa",
    ),
    (
        "IK-10",
        "S4",
        "Jumlah pelanggaran ketertiban umum dan Perda",
        "kasus",
        "negatif",
        "kumulatif",
        "angka",
        "",
        40,
        10,
        10,
        10,
        10,
        30,
        45,
        43,
        "TRANTIB",
        "Kejadian pelanggaran Perda dan ketertiban umum yang tercatat",
        "Laporan patroli Trantibum",
    ),
    (
        "IK-11",
        "S4",
        "Persentase gangguan ketenteraman dan ketertiban yang ditangani",
        "%",
        "positif",
        "rata_rata",
        "angka",
        "",
        100,
        100,
        100,
        100,
        100,
        100,
        100,
        96.5,
        "TRANTIB",
        "Gangguan yang ditangani dibagi gangguan yang dilaporkan × 100",
        "Laporan Trantibum",
    ),
    (
        "IK-12",
        "S5",
        "Jumlah kegiatan pemberdayaan masyarakat nagari yang difasilitasi",
        "kegiatan",
        "positif",
        "kumulatif",
        "angka",
        "",
        48,
        10,
        14,
        14,
        10,
        50,
        44,
        45,
        "PMN",
        "Kegiatan pemberdayaan (pelatihan, musyawarah, gotong royong) yang difasilitasi",
        "Laporan kegiatan Seksi PMN",
    ),
    (
        "IK-13",
        "S5",
        "Persentase lembaga kemasyarakatan nagari yang aktif",
        "%",
        "positif",
        "akhir",
        "angka",
        "",
        85,
        80,
        82,
        84,
        85,
        90,
        80,
        79.0,
        "PMN",
        "Lembaga kemasyarakatan dengan kegiatan dan laporan dalam triwulan dibagi jumlahnya × 100",
        "Pendataan lembaga kemasyarakatan",
    ),
    (
        "IK-14",
        "S6",
        "Persentase data DTSEN yang diverifikasi dan divalidasi",
        "%",
        "positif",
        "akhir",
        "angka",
        "",
        100,
        25,
        50,
        75,
        100,
        100,
        100,
        91.0,
        "KESOS",
        "Keluarga yang diverifikasi dan divalidasi dibagi keluarga dalam DTSEN × 100",
        "Aplikasi SIKS-NG",
    ),
    (
        "IK-15",
        "S6",
        "Jumlah PMKS yang difasilitasi rujukan layanan sosial",
        "orang",
        "positif",
        "kumulatif",
        "angka",
        "",
        120,
        30,
        30,
        30,
        30,
        130,
        100,
        104,
        "KESOS",
        "Penyandang masalah kesejahteraan sosial yang dirujuk ke layanan",
        "Register rujukan",
    ),
    (
        "IK-16",
        "S6",
        "Prevalensi balita stunting",
        "%",
        "negatif",
        "akhir",
        "angka",
        "",
        14,
        16,
        15.5,
        15,
        14,
        12,
        16,
        16.9,
        "KESOS",
        "Balita stunting dibagi balita yang diukur × 100 (e-PPGBM)",
        "e-PPGBM Puskesmas",
    ),
]

# realisasi TW I–IV (None = not yet reported), kendala and tindak lanjut per TW
REALISASI = {
    "IK-01": ["B", "B", "B", "BB"],
    "IK-02": [18.5, 41.2, 68.9, 96.56],
    "IK-03": [15, 35, 62, 84],
    "IK-04": [79.4, 80.6, 81.9, 83.1],
    "IK-05": [2.8, 3.4, 2.5, 2.2],
    "IK-06": [512, 634, 701, 588],
    "IK-07": [75, 87.5, 93.75, 100],
    "IK-08": [81.25, 87.5, 100, 100],
    "IK-09": [1, 1, 0, 0],
    "IK-10": [12, 9, 8, 7],
    "IK-11": [95, 100, 92.5, 100],
    "IK-12": [8, 12, 9, 7],
    "IK-13": [80, 82, 76, 70],
    "IK-14": [22, 48, 71, 82],
    "IK-15": [27, 25, 24, 20],
    "IK-16": [16.8, 15.9, 15.6, 15.8],
}

KENDALA = {
    ("IK-02", 1): (
        "Pengadaan barang dan jasa baru dimulai akhir Maret.",
        "Percepatan proses pengadaan pada triwulan II.",
    ),
    ("IK-05", 2): (
        "Operator PATEN cuti dan jaringan internet terputus dua minggu.",
        "Menunjuk operator pengganti dan memasang modem cadangan.",
    ),
    ("IK-06", 1): (
        "Aplikasi SIAK luring selama 10 hari kerja.",
        "Berkoordinasi dengan Dinas Dukcapil untuk layanan jemput bola.",
    ),
    ("IK-07", 1): (
        "Empat nagari terlambat menyampaikan LPPN karena pergantian sekretaris nagari.",
        "Pendampingan penyusunan LPPN ke nagari yang terlambat.",
    ),
    ("IK-10", 1): (
        "Peningkatan pedagang kaki lima di pasar Air Haji menjelang Ramadan.",
        "Patroli gabungan bersama Satpol PP dan wali nagari.",
    ),
    ("IK-11", 3): (
        "Tiga laporan gangguan di Punggasan Timur menunggu koordinasi dengan Polsek.",
        "Rapat koordinasi Forkopimca dan penanganan bersama.",
    ),
    ("IK-12", 1): (
        "Dana kegiatan nagari baru cair akhir triwulan.",
        "Kegiatan digeser ke triwulan II.",
    ),
    ("IK-12", 4): (
        "Tiga kegiatan pelatihan batal karena efisiensi anggaran nagari.",
        "Dijadwalkan ulang pada triwulan I tahun 2026.",
    ),
    ("IK-13", 4): (
        "Enam lembaga kemasyarakatan tidak melapor setelah pergantian pengurus.",
        "Pembinaan pengurus baru bersama wali nagari.",
    ),
    ("IK-14", 4): (
        "Sebagian keluarga tidak ditemukan di alamat DTSEN.",
        "Verifikasi lanjutan bersama wali korong pada Januari 2026.",
    ),
    ("IK-15", 4): (
        "Kuota rujukan panti pada Dinas Sosial terbatas.",
        "Mengusulkan tambahan kuota untuk tahun 2026.",
    ),
    ("IK-16", 4): (
        "Penurunan prevalensi belum mencapai target karena cakupan PMT terbatas.",
        "Menguatkan kelas ibu balita dan PMT lokal di 16 nagari.",
    ),
}

PROGRAM = [
    (
        "7.01.01",
        "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota",
        "S1",
        "RENKEU",
        4_021_655_000,
    ),
    (
        "7.01.02",
        "Program Penyelenggaraan Pemerintahan dan Pelayanan Publik",
        "S2",
        "PELUM",
        385_000_000,
    ),
    ("7.01.06", "Program Pembinaan dan Pengawasan Pemerintahan Nagari", "S3", "PEM", 248_000_000),
    (
        "7.01.04",
        "Program Koordinasi Ketenteraman dan Ketertiban Umum",
        "S4",
        "TRANTIB",
        196_000_000,
    ),
    ("7.01.03", "Program Pemberdayaan Masyarakat Nagari", "S5", "PMN", 284_000_000),
    ("7.01.05", "Program Penyelenggaraan Urusan Pemerintahan Umum", "S6", "KESOS", 160_000_000),
]

# share of pagu spent in each quarter
SERAPAN = {
    "7.01.01": (0.205, 0.235, 0.255, 0.271),
    "7.01.02": (0.12, 0.25, 0.28, 0.31),
    "7.01.06": (0.10, 0.28, 0.30, 0.27),
    "7.01.04": (0.18, 0.22, 0.26, 0.30),
    "7.01.03": (0.08, 0.30, 0.28, 0.29),
    "7.01.05": (0.15, 0.20, 0.25, 0.33),
}

#: Indicators that measure budget realisation: validation compares them with the Anggaran
#: sheet (IK-02 reports 96,56 % while the budget table gives 96,26 %: a warning).
UKUR_ANGGARAN = {"IK-02": "ya"}

HEAD = Font(bold=True)
FILL = PatternFill("solid", fgColor="DDEBF7")


def _sheet(wb: Workbook, title: str, header: list[str], rows: list[tuple]) -> None:
    ws = wb.create_sheet(title)
    ws.append(header)
    for row in rows:
        ws.append(list(row))
    for i, name in enumerate(header, start=1):
        cell = ws.cell(row=1, column=i)
        cell.font = HEAD
        cell.fill = FILL
        width = max(len(str(name)), *(len(str(r[i - 1])) for r in rows)) if rows else len(name)
        ws.column_dimensions[get_column_letter(i)].width = min(max(10, width + 2), 60)
    ws.freeze_panes = "A2"


def _fixed(wb: Workbook) -> None:
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    wb.properties.creator = "kinerja"
    wb.properties.lastModifiedBy = "kinerja"


def write_pk(path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Petunjuk"
    notes = [
        "PERJANJIAN KINERJA TAHUN 2025 — Kecamatan Linggo Sari Baganti (data contoh, fiktif)",
        "",
        "Lembar Sasaran: kode dan rumusan sasaran strategis.",
        "Lembar Indikator: satu baris per indikator kinerja. Kolom wajib: kode, sasaran_kode, "
        "indikator, satuan, polaritas (positif/negatif), jenis_periode (kumulatif/akhir/"
        "rata_rata), target_tahunan, target_tw1..target_tw4, unit.",
        "Target boleh angka (85 atau 85,5), rentang (80 – 90) atau kualitatif (BB, WTP, Ada) "
        "dengan kolom skala (akip, opini-bpk, ikm, ada-tidak, atau skala pada lembar Skala).",
        "rumus_negatif: 2T-R (bawaan, PermenPANRB) atau T/R untuk indikator negatif.",
        "Lembar Program: program dengan sasaran yang didukungnya dan pagu (rupiah).",
        "Jangan mengganti nama lembar atau kolom.",
    ]
    for line in notes:
        ws.append([line])
    ws.column_dimensions["A"].width = 120
    for row in ws.iter_rows():
        row[0].alignment = Alignment(wrap_text=True)

    _sheet(wb, "Sasaran", ["kode", "sasaran"], SASARAN)
    header = [
        "kode",
        "sasaran_kode",
        "indikator",
        "satuan",
        "polaritas",
        "jenis_periode",
        "jenis_target",
        "skala",
        "target_tahunan",
        "target_tw1",
        "target_tw2",
        "target_tw3",
        "target_tw4",
        "target_renstra",
        "target_tahun_lalu",
        "realisasi_tahun_lalu",
        "unit",
        "definisi_operasional",
        "sumber_data",
        "rumus_negatif",
        "iku",
        "wajib",
        "bobot",
        "ukur_anggaran",
    ]
    rows = [(*row, "2T-R", "ya", "ya", 1, UKUR_ANGGARAN.get(row[0], "")) for row in INDIKATOR]
    _sheet(wb, "Indikator", header, rows)
    _sheet(wb, "Program", ["kode", "program", "sasaran_kode", "unit", "pagu"], PROGRAM)
    _sheet(wb, "Skala", ["skala", "nilai", "urutan"], [])
    _fixed(wb)
    save_workbook(wb, path, FIXED)


def write_realisasi(path: Path) -> None:
    wb = Workbook()
    wb.remove(wb.active)
    rows = []
    for kode, values in REALISASI.items():
        unit = next(r[16] for r in INDIKATOR if r[0] == kode)
        for tw, value in enumerate(values, start=1):
            kendala, tindak = KENDALA.get((kode, tw), ("", ""))
            bukti = f"{kode}-TW{tw}-bukti.pdf"
            rows.append((kode, tw, value, kendala, tindak, bukti, unit))
    _sheet(
        wb,
        "Realisasi",
        ["kode", "tw", "realisasi", "kendala", "tindak_lanjut", "bukti_dukung", "unit"],
        rows,
    )
    anggaran = []
    for kode, _, _, _, pagu in PROGRAM:
        for tw, share in enumerate(SERAPAN[kode], start=1):
            anggaran.append((kode, tw, round(pagu * share)))
    _sheet(wb, "Anggaran", ["kode", "tw", "realisasi_anggaran"], anggaran)
    _fixed(wb)
    save_workbook(wb, path, FIXED)


def main(argv: list[str]) -> None:
    out = Path(argv[0]) if argv else DEFAULT_DIR
    out.mkdir(parents=True, exist_ok=True)
    write_pk(out / "perjanjian-kinerja-2025.xlsx")
    write_realisasi(out / "realisasi-2025.xlsx")
    print(f"Ditulis: {out}")


if __name__ == "__main__":
    main(sys.argv[1:])
