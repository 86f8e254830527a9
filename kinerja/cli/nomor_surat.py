"""``kinerja nomor-surat --kantor DIR --kode KODE --hal TEKS``: an exact contract.

Prints the allocated number alone on stdout (``000.8.6.3/127/Kec-LSB/2025``).
``--batal NOMOR --alasan TEKS`` cancels a number (it stays in the register as
BATAL); ``--daftar`` lists the register of a year.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from kinerja.inti.errors import UsageError
from kinerja.inti.tanggal import WIB
from kinerja.kantor.katalog import load_kantor
from kinerja.naskah.penomoran import alokasi_nomor, batalkan_nomor, daftar_nomor

from .opsi import tambah_kantor, tambah_tanggal


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "nomor-surat",
        help="alokasikan nomor surat berikutnya dari register kantor",
        description=(
            "Mengalokasikan nomor surat berikutnya (pola dari kantor.toml [penomoran]) dan "
            "mencetak nomor itu saja. Nomor urut mulai dari 1 setiap 1 Januari, tanpa celah "
            "dan tidak pernah dipakai ulang. Keluar 0 bila berhasil, 1 bila data salah, "
            "2 bila salah pakai."
        ),
    )
    tambah_kantor(p)
    p.add_argument("--kode", help="kode klasifikasi arsip, misalnya 000.8.6.3")
    p.add_argument("--hal", help="perihal surat")
    tambah_tanggal(p, bantuan="tanggal surat YYYY-MM-DD (bawaan: hari ini, WIB)")
    p.add_argument("--tujuan", default="", help="tujuan surat (Yth. …)")
    p.add_argument("--jenis", default="surat", help="jenis naskah (bawaan: surat)")
    p.add_argument("--sifat", default="Biasa", help="Biasa | Terbatas | Rahasia | Sangat Rahasia")
    p.add_argument("--oleh", default="", help="peran atau nama yang meminta nomor")
    p.add_argument("--batal", metavar="NOMOR", help="batalkan nomor ini (tetap tercatat BATAL)")
    p.add_argument("--alasan", help="alasan pembatalan (wajib dengan --batal)")
    p.add_argument("--daftar", action="store_true", help="tampilkan register tahun --tanggal")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    kantor = load_kantor(args.kantor)
    now = dt.datetime.now(WIB)  # the clock, read once: today in WIB is now.date()
    tanggal = args.tanggal or now.date()
    if args.batal:
        if not args.alasan:
            raise UsageError("--batal memerlukan --alasan TEKS.")
        batalkan_nomor(kantor, args.batal, args.alasan, waktu=now, oleh=args.oleh)
        sys.stdout.write(f"{args.batal.strip()}\n")
        sys.stderr.write(f"Nomor {args.batal.strip()} dibatalkan: {args.alasan}\n")
        return 0
    if args.daftar:
        for r in daftar_nomor(kantor, tahun=tanggal.year):
            status = r["status"].upper() if r["status"] == "batal" else r["status"]
            extra = f" ({r['alasan_batal']})" if r["alasan_batal"] else ""
            sys.stdout.write(f"{r['nomor']}\t{r['tanggal']}\t{status}\t{r['hal']}{extra}\n")
        return 0
    if not args.kode or not args.hal:
        raise UsageError("--kode dan --hal wajib diisi untuk meminta nomor surat.")
    when = now if tanggal == now.date() else None
    nomor = alokasi_nomor(
        kantor,
        args.kode,
        args.hal,
        tanggal=tanggal,
        jenis_naskah=args.jenis,
        tujuan=args.tujuan,
        sifat=args.sifat,
        waktu=when,
        oleh=args.oleh,
    )
    sys.stdout.write(f"{nomor}\n")
    return 0
