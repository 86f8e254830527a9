"""``kinerja init DIR --nama NAMA --kabupaten NAMA [--tahun YYYY]``: a new office folder.

Writes a commented kantor.toml, an empty Perjanjian Kinerja workbook with its
Petunjuk sheet and the folder for returned forms; the office's SOP is the shipped
template with its own name. A DIR that exists and is not empty: exit 2.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from kinerja.inti.tanggal import WIB
from kinerja.jalankan.kantor_baru import buat_kantor


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "init",
        help="buat folder kantor baru (kantor.toml berkomentar, Perjanjian Kinerja kosong)",
        description=(
            "Membuat folder kantor baru: kantor.toml dengan penjelasan setiap kunci (yang wajib "
            "diisi ditandai WAJIB DIISI), buku kerja Perjanjian Kinerja kosong dengan lembar "
            "Petunjuk, dan SOP Pengukuran Kinerja kantor itu sendiri. Folder yang sudah berisi "
            "ditolak. Keluar 0 bila berhasil, 2 bila salah pakai."
        ),
    )
    p.add_argument(
        "folder", metavar="DIR", type=Path, help="folder kantor baru (kosong atau belum ada)"
    )
    p.add_argument(
        "--nama", required=True, help='nama resmi kantor, misalnya "Kecamatan Batang Kapas"'
    )
    p.add_argument("--kabupaten", required=True, help='kabupaten/kota, misalnya "Pesisir Selatan"')
    p.add_argument(
        "--tahun", type=int, help="tahun Perjanjian Kinerja (bawaan: tahun ini)", metavar="YYYY"
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    now = dt.datetime.now(WIB).replace(microsecond=0)
    tahun = args.tahun or now.year
    kantor = buat_kantor(
        args.folder, nama=args.nama, kabupaten=args.kabupaten, tahun=tahun, waktu=now
    )
    pk = kantor.pk_path(tahun)
    out = sys.stdout
    out.write(f"Folder kantor {kantor.nama} dibuat: {kantor.path}\n")
    out.write(
        "  kantor.toml              isi baris bertanda WAJIB DIISI (pejabat, NIP, alamat, [sop] nomor)\n"
    )
    out.write(f"  {pk.name}  isi lembar Sasaran, Indikator, Program (lihat lembar Petunjuk)\n")
    out.write("  formulir-kembali/        simpan formulir yang dikembalikan unit per periode\n")
    out.write(
        "Berikutnya: isi kedua berkas itu, lalu setiap langkah SOP dengan "
        f"kinerja sop lanjut --kantor {kantor.path} --periode {tahun}-TW1\n"
    )
    return 0
