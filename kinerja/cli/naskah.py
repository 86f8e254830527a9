"""``kinerja naskah buat JENIS``: the SOP's letters as HTML and PDF/A with the kop.

    kinerja naskah buat JENIS --kantor DIR --periode P [--nomor NOMOR | --ambil-nomor]
                         [--tanggal TANGGAL] [--keluaran DIR] [--srikandi] …

JENIS: disposisi | undangan | notulen | daftar-hadir | pengantar. Exit codes: 0
written, 1 bad office data, 2 usage errors (e.g. an undangan without a number).
"""

from __future__ import annotations

import argparse
import sys

from kinerja.inti.errors import UsageError
from kinerja.inti.tanggal import hari_ini
from kinerja.kantor.katalog import load_kantor
from kinerja.paths import reports_root

from .opsi import tambah_kantor, tambah_keluaran, tambah_periode, tambah_tanggal

_BERNOMOR = ("undangan", "pengantar")


def register(sub: argparse._SubParsersAction) -> None:
    from kinerja.naskah.surat import HARAP, JENIS, SIFAT

    p = sub.add_parser(
        "naskah",
        help="naskah dinas SOP: disposisi, undangan, notulen, daftar hadir, surat pengantar",
        description="Membuat naskah dinas SOP Pengukuran Kinerja sebagai HTML dan PDF/A berkop.",
    )
    verbs = p.add_subparsers(dest="aksi", metavar="AKSI", parser_class=type(p))
    verbs.required = True
    b = verbs.add_parser(
        "buat",
        help="buat satu naskah (HTML dan PDF/A)",
        description=(
            "Membuat naskah JENIS untuk periode P. Undangan dan surat pengantar memerlukan "
            "nomor: --nomor (dari `kinerja nomor-surat`), --ambil-nomor (mengambil nomor "
            "berikutnya dari buku agenda kantor), atau --srikandi (draf berisi ${nomor_naskah} "
            "dan penanda lain untuk diunggah ke SRIKANDI). Lembar disposisi memakai nomor "
            "agenda (--no-agenda), bukan nomor surat."
        ),
    )
    b.add_argument("jenis", metavar="JENIS", choices=list(JENIS), help=" | ".join(JENIS))
    tambah_kantor(b, bantuan="folder kantor")
    tambah_periode(b, bantuan="periode, misalnya 2025-TW3 atau 2025")
    nomor = b.add_mutually_exclusive_group()
    nomor.add_argument("--nomor", help="nomor surat (undangan, pengantar)")
    nomor.add_argument(
        "--ambil-nomor", action="store_true", help="ambil nomor berikutnya dari buku agenda"
    )
    tambah_tanggal(b, bantuan="tanggal naskah, misalnya 20 Mei 2025 (bawaan: hari ini)")
    tambah_tanggal(b, "--tanggal-rapat", bantuan="tanggal rapat (bawaan: tanggal naskah)")
    b.add_argument("--tempat-rapat", help="tempat rapat (bawaan: aula kantor camat)")
    b.add_argument("--no-agenda", help="nomor agenda (lembar disposisi)")
    b.add_argument("--sifat", choices=SIFAT, default="Biasa", help="sifat naskah")
    b.add_argument("--catatan", help="catatan disposisi")
    b.add_argument(
        "--harap",
        action="append",
        choices=HARAP,
        metavar="TEKS",
        help="isian 'Dengan hormat harap' yang dicentang (boleh berulang)",
    )
    b.add_argument(
        "--tembusan", action="append", metavar="JABATAN", help="tembusan (boleh berulang)"
    )
    b.add_argument("--kertas", choices=("A4", "F4"), help="ukuran kertas (bawaan: [naskah] kertas)")
    b.add_argument("--srikandi", action="store_true", help="draf untuk diunggah ke SRIKANDI")
    b.add_argument(
        "--penanda-tangan",
        choices=("pkcs12", "bsre", "basah"),
        help="cara naskah akan ditandatangani (bsre mencetak kalimat BSrE di kaki halaman)",
    )
    tambah_keluaran(b, bantuan="folder keluaran (bawaan: reports/<kantor>/<periode>/naskah)")
    b.set_defaults(func=run_buat)


def run_buat(args: argparse.Namespace) -> int:
    from kinerja.naskah.surat import buat_naskah

    kantor = load_kantor(args.kantor)
    periode = args.periode
    tanggal = args.tanggal or hari_ini()
    jenis = args.jenis
    out = args.keluaran or reports_root() / kantor.path.name / str(periode) / "naskah"
    if jenis not in _BERNOMOR and (args.nomor or args.ambil_nomor or args.srikandi):
        raise UsageError(
            f"Naskah {jenis} tidak bernomor surat; --nomor, --ambil-nomor dan --srikandi hanya "
            "untuk undangan dan pengantar."
        )
    opsi: dict = {"tanggal": tanggal, "out_dir": out, "kertas": args.kertas}
    rapat = {}
    if args.tanggal_rapat:
        rapat["tanggal"] = args.tanggal_rapat
    if args.tempat_rapat:
        rapat["tempat"] = args.tempat_rapat
    if jenis in ("undangan", "notulen", "daftar-hadir"):
        opsi["rapat"] = rapat
    elif rapat:
        raise UsageError(
            "--tanggal-rapat dan --tempat-rapat hanya untuk undangan, notulen, daftar-hadir."
        )
    if jenis == "disposisi":
        opsi.update(
            no_agenda=args.no_agenda, sifat=args.sifat, catatan=args.catatan, harap=args.harap
        )
    if jenis in _BERNOMOR:
        nomor = args.nomor
        if args.ambil_nomor:
            from kinerja.naskah.penomoran import alokasi_nomor

            hal = "Undangan Rapat" if jenis == "undangan" else "Surat Pengantar"
            kode = str(kantor.opsi("penomoran", "kode_dokumen", "000.8.6.3"))
            nomor = alokasi_nomor(
                kantor, kode, hal, tanggal=tanggal, jenis_naskah=jenis, periode=str(periode)
            )
        opsi.update(
            nomor=nomor,
            srikandi=args.srikandi,
            penanda=args.penanda_tangan,
            tembusan=args.tembusan,
        )
        if jenis == "undangan":
            opsi["sifat"] = args.sifat
    elif args.tembusan or args.penanda_tangan:
        raise UsageError("--tembusan dan --penanda-tangan hanya untuk undangan dan pengantar.")
    html, pdf = buat_naskah(jenis, kantor, periode, **opsi)
    sys.stdout.write(f"{html}\n{pdf}\n")
    return 0
