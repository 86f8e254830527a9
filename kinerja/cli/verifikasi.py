"""``kinerja verifikasi --kantor DIR``: an exact contract.

Exit 0 when the office's archive is intact, 1 when not, each damaged object named
by its file name or hash (``RUSAK: Judul — objek: pesan``; the codes are in
``arsip.masalah``).
"""

from __future__ import annotations

import argparse
import sys

from kinerja.arsip.verifikasi import verifikasi
from kinerja.arsip.verifikasi_cakupan import baca_saksi
from kinerja.kantor.katalog import load_kantor

from .opsi import tambah_kantor


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "verifikasi",
        help="periksa keutuhan arsip: hash objek, rantai peristiwa, nomor, PDF, tanda tangan",
        description=(
            "Menghitung ulang hash setiap objek arsip, formulir masuk dan log jalankan, "
            "menelusuri rantai log peristiwa, mencocokkan setiap baris setiap tabel dengan "
            "rantai, memeriksa bahwa setiap pemicu pelindung basis data masih ada dan tidak "
            "diubah, memeriksa celah dan ganda pada register nomor surat, membandingkan data "
            "tertanam di setiap PDF dengan data tersimpan, memvalidasi setiap tanda tangan "
            "dengan akar yang tercatat dan penanda tangan kantor yang tercatat, dan (--saksi) "
            "memastikan hash kepala rantai yang disimpan di luar laptop masih ada. Keluar 0 bila "
            "utuh, 1 bila tidak (setiap objek rusak disebut), 2 bila salah pakai."
        ),
    )
    tambah_kantor(p)
    p.add_argument(
        "--saksi",
        action="append",
        default=[],
        metavar="HASH|BERKAS",
        help=(
            "hash kepala rantai yang disimpan di luar laptop (tercetak di dokumen bertanda "
            "tangan), atau berkas/paket yang memuatnya; boleh berulang"
        ),
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    saksi = [s for teks in args.saksi for s in baca_saksi(teks)]
    laporan = verifikasi(load_kantor(args.kantor), saksi=saksi)
    sys.stdout.write(laporan.teks() + "\n")
    return 0 if laporan.utuh else 1
