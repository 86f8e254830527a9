"""``kinerja dokumen``: the Dokumen Pengukuran Kinerja of one periode (HTML, PDF/A-3b, Excel)."""

from __future__ import annotations

import argparse
import sys

from kinerja.inti.angka import format_persen
from kinerja.inti.errors import UsageError
from kinerja.inti.filename import safe_filename
from kinerja.inti.tanggal import format_tanggal, hari_ini

from .opsi import tambah_kantor, tambah_keluaran, tambah_periode, tambah_tanggal_cetak


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "dokumen",
        help="buat Dokumen Pengukuran Kinerja (HTML, PDF/A-3b, Excel)",
        description=(
            "Membuat Dokumen Pengukuran Kinerja satu periode: HTML untuk layar, PDF/A-3b untuk "
            "ditandatangani dan diarsipkan (data sumber dilekatkan), dan Excel tabel pengukuran. "
            "Keluar 0 bila berhasil, 1 bila data kantor tidak dapat dipakai, 2 bila salah pakai."
        ),
    )
    tambah_kantor(p, metavar="DIR", bantuan="folder kantor")
    tambah_periode(p, bantuan='periode, misalnya "2025-TW3" atau "2025"')
    tambah_tanggal_cetak(
        p,
        bantuan="tanggal yang dicetak di setiap halaman (bawaan: hari ini, WIB); tanggal yang "
        "sama menghasilkan PDF yang sama persis",
    )
    tambah_keluaran(p, metavar="DIR", bantuan="folder hasil (bawaan: reports/<kantor>/<periode>/)")
    p.add_argument(
        "--draf", action="store_true", help="tandai DRAF di setiap halaman (tidak untuk arsip)"
    )
    p.add_argument(
        "--nomor",
        default="",
        help="nomor dokumen (bawaan: nomor yang diberikan register pada langkah 10 SOP, bila ada)",
    )
    p.add_argument("--versi", type=int, default=1, help="versi dokumen (bawaan: 1)")
    p.add_argument("--revisi", type=int, default=0, help="nomor revisi (bawaan: 0)")
    p.add_argument("--alasan-revisi", default="", help="alasan revisi, dicetak di pengesahan")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kinerja.jalankan.langkah import buat_dokumen, ukur_kantor
    from kinerja.kantor.katalog import load_kantor
    from kinerja.paths import reports_root
    from kinerja.validasi.lampiran import error_terbuka, keputusan_untuk_dokumen

    periode = args.periode
    tanggal = args.tanggal_cetak or hari_ini()  # the command line reads the clock, never rendering
    if args.versi < 1 or args.revisi < 0:
        raise UsageError("--versi paling kecil 1 dan --revisi paling kecil 0.")
    kantor = load_kantor(args.kantor)
    keluaran = args.keluaran or reports_root() / safe_filename(kantor.kode) / str(periode)
    ukuran = ukur_kantor(kantor, periode)
    hasil = buat_dokumen(
        kantor,
        periode,
        tanggal,
        keluaran,
        nomor=args.nomor,
        versi=args.versi,
        revisi=args.revisi,
        alasan_revisi=args.alasan_revisi,
        draf=args.draf,
        ukuran=ukuran,
    )
    k = ukuran.hasil.kantor
    out = sys.stdout
    status = " (sementara)" if k["sementara"] else ""
    out.write(f"{kantor.nama} — Dokumen Pengukuran Kinerja {periode.label}\n")
    out.write(
        f"Capaian kantor{status}: {format_persen(k['capaian_2d'])} — {k['predikat']} "
        f"({k['n_valid']}/{k['n_total']} indikator)\n"
    )
    if ukuran.pk.notasi:  # ambiguous PK cells ("2.400") were decided: say how
        out.write(f"Perjanjian Kinerja — {ukuran.pk.notasi}\n")
    out.write(f"Tanggal cetak: {format_tanggal(tanggal)}\n")
    out.write(f"PDF/A-3b : {hasil.pdf} ({hasil.halaman} halaman)\n")
    out.write(f"HTML     : {hasil.html}\n")
    out.write(f"Excel    : {hasil.xlsx}\n")
    out.write(f"SHA-256 PDF        : {hasil.pdf_sha256}\n")
    out.write(f"SHA-256 data sumber: {hasil.source_sha256}\n")
    if not hasil.dapat_diarsipkan:
        terbuka = error_terbuka(keputusan_untuk_dokumen(kantor, periode))
        alasan = (
            f"{len(terbuka)} temuan KESALAHAN belum diputus (lihat: kinerja validasi "
            f"--kantor {kantor.path} --periode {periode})"
            if terbuka
            else "diminta dengan --draf"
        )
        out.write(f"DRAF: dokumen ini bertanda DRAF dan tidak untuk diarsipkan ({alasan}).\n")
    return 0
