"""``kinerja arsip paket|simpan|daftar``: the write-once archive of an office.

``paket`` exports a periode as a BagIt package (prints its folder); ``simpan``
archives a file as the next version of jenis+periode+nama (prints its sha256);
``daftar`` lists the archive index.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from kinerja.arsip.paket import buat_paket
from kinerja.catatan import objek
from kinerja.inti.tanggal import WIB
from kinerja.kantor.katalog import load_kantor

from .opsi import tambah_kantor, tambah_keluaran, tambah_periode


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "arsip",
        help="arsip tulis-sekali: paket BagIt, simpan berkas, daftar isi",
        description="Arsip tulis-sekali kantor (objek beralamat sha256, versi, tanda beku).",
    )
    verbs = p.add_subparsers(dest="verb", metavar="TINDAKAN", parser_class=type(p))
    verbs.required = True

    k = verbs.add_parser(
        "paket",
        help="ekspor paket BagIt satu periode",
        description=(
            "Membuat paket BagIt (RFC 8493) untuk periode: dokumen, data, notebook, keputusan, "
            "log peristiwa, dengan manifest-sha256.txt dan tagmanifest-sha256.txt. Mencetak "
            "folder paket. Keluar 0 bila berhasil, 1 bila tidak ada arsip, 2 bila salah pakai."
        ),
    )
    tambah_kantor(k)
    tambah_periode(k, bantuan="periode, misalnya 2025-TW1 atau 2025")
    tambah_keluaran(k, bantuan="folder tujuan (bawaan: <kantor>/arsip/paket)")
    k.set_defaults(func=run_paket)

    s = verbs.add_parser("simpan", help="arsipkan satu berkas (versi baru bila isinya berubah)")
    tambah_kantor(s)
    s.add_argument("berkas", type=Path, help="berkas yang diarsipkan")
    tambah_periode(s, bantuan="periode, misalnya 2025-TW1")
    s.add_argument("--jenis", required=True, help="dokumen | data | notebook | surat | pindaian …")
    s.add_argument("--nama", help="nama artefak (bawaan: nama berkas)")
    s.add_argument("--status", choices=objek.STATUS, default="draf", help="bawaan: draf")
    s.add_argument("--alasan", default="", help="alasan revisi (wajib bila versi lama beku)")
    s.add_argument("--oleh", default="sistem", help="peran yang mengarsipkan")
    s.set_defaults(func=run_simpan)

    d = verbs.add_parser("daftar", help="daftar isi arsip")
    tambah_kantor(d)
    tambah_periode(d, wajib=False, bantuan="hanya periode ini")
    d.set_defaults(func=run_daftar)


def run_paket(args: argparse.Namespace) -> int:
    kantor = load_kantor(args.kantor)
    out = args.keluaran or kantor.arsip / "paket"
    path = buat_paket(kantor, str(args.periode), out)
    sys.stdout.write(f"{path}\n")
    return 0


def run_simpan(args: argparse.Namespace) -> int:
    kantor = load_kantor(args.kantor)
    sha = objek.simpan(
        kantor,
        args.berkas,
        jenis=args.jenis,
        periode=str(args.periode),
        nama=args.nama or args.berkas.name,
        status=args.status,
        alasan=args.alasan,
        oleh=args.oleh,
        waktu=dt.datetime.now(WIB).replace(microsecond=0),
    )
    sys.stdout.write(f"{sha}\n")
    return 0


def run_daftar(args: argparse.Namespace) -> int:
    kantor = load_kantor(args.kantor)
    periode = str(args.periode) if args.periode else None
    for r in objek.daftar(kantor, periode=periode):
        beku = " BEKU" if r["status"] == "ditandatangani" else ""
        sys.stdout.write(
            f"{r['sha256'][:16]}  {r['periode']:<9} {r['jenis']:<10} {r['nama']} v{r['versi']} "
            f"({r['status']}{beku}) {r['nama_berkas']}\n"
        )
    return 0
