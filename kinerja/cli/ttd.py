"""``kinerja ttd``: sign a rendered PDF/A, check a signature, make a test certificate.

    kinerja ttd sertifikat-uji --kantor DIR
    kinerja ttd tandatangani --kantor DIR BERKAS.pdf [-o KELUARAN.pdf]
                            [--penanda-tangan pkcs12|basah|bsre] [--pindaian PINDAIAN]
                            [--kotak HAL,X1,Y1,X2,Y2] [--peran PERAN] [--alasan TEKS]
    kinerja ttd periksa BERKAS.pdf [--kantor DIR]
    kinerja ttd akar --kantor DIR
    kinerja ttd penanda --kantor DIR [--sertifikat BERKAS ...]

Exit codes: 0 done / signature valid and file intact, 1 not intact or bad input,
2 usage errors. ``periksa --kantor`` also says whether each signature is the office's
signer's (``arsip.verifikasi_ttd.penanda_berkas``, as ``verifikasi`` judges it): exit 1
when one is not; a PERINGATAN (a certificate not naming kantor.toml's signer in an office
that never recorded one) is printed and, as in ``verifikasi``, does not fail.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from kinerja.arsip.masalah import baris_masalah
from kinerja.arsip.verifikasi_ttd import penanda_berkas
from kinerja.inti.errors import WARNING, UsageError
from kinerja.kantor.katalog import load_kantor
from kinerja.ttd.keabsahan import HasilValidasi

from .opsi import tambah_kantor, tambah_keluaran


def register(sub: argparse._SubParsersAction) -> None:
    from kinerja.ttd.tandatangan import PENANDA

    p = sub.add_parser(
        "ttd",
        help="tanda tangan dokumen (TTE PKCS#12, BSrE, basah) dan pemeriksaannya",
        description=(
            "Menandatangani PDF/A yang sudah dirender (tanpa menimpa berkas apa pun), "
            "memeriksa tanda tangan, dan membuat sertifikat uji coba."
        ),
    )
    verbs = p.add_subparsers(dest="aksi", metavar="AKSI", parser_class=type(p))
    verbs.required = True

    s = verbs.add_parser(
        "sertifikat-uji",
        help="buat CA dan sertifikat penanda tangan UJI COBA (bukan TTE resmi)",
        description=(
            'Membuat CA uji dan PKCS#12 penanda tangan bertanda "UJI COBA — BUKAN TTE '
            'RESMI" di <kantor>/arsip/tte/uji/, dan mendaftarkan CA-nya sebagai akar '
            "terpercaya di <kantor>/arsip/tte/akar/. Tidak menimpa sertifikat yang ada."
        ),
    )
    tambah_kantor(s, bantuan="folder kantor")
    s.set_defaults(func=run_sertifikat)

    t = verbs.add_parser(
        "tandatangani",
        help="tandatangani PDF (hasilnya berkas baru, tidak pernah menimpa)",
        description=(
            "Menandatangani BERKAS.pdf ke berkas baru. pkcs12: PAdES dengan kotak tanda "
            "tangan di atas nama pejabat pada lembar pengesahan; basah: pindaian halaman "
            "bertanda tangan dicatat beserta sha256-nya; bsre: layanan TTE BSrE ([tte] url "
            "dan kredensial dari variabel lingkungan)."
        ),
    )
    t.add_argument("berkas", metavar="BERKAS.pdf", type=Path, help="PDF/A yang akan ditandatangani")
    tambah_kantor(t, bantuan="folder kantor")
    tambah_keluaran(
        t, singkat="-o", bantuan="PDF hasil (bawaan: BERKAS-ttd.pdf di folder yang sama)"
    )
    t.add_argument(
        "--penanda-tangan",
        choices=list(PENANDA),
        default="pkcs12",
        help="cara menandatangani (bawaan: pkcs12)",
    )
    t.add_argument("--pindaian", type=Path, help="pindaian halaman bertanda tangan (untuk basah)")
    t.add_argument(
        "--peran",
        help="peran pejabat yang namanya diberi kotak tanda tangan (bawaan: [naskah] "
        "penanda_tangan, atau camat)",
    )
    t.add_argument(
        "--alasan",
        default="Pengesahan Dokumen Pengukuran Kinerja",
        help="alasan penandatanganan",
    )
    t.add_argument("--lokasi", help="tempat penandatanganan (bawaan: [naskah] tempat)")
    t.add_argument(
        "--kotak",
        metavar="HAL,X1,Y1,X2,Y2",
        help="letak kotak tanda tangan dalam poin dari kiri bawah (bawaan: di atas nama)",
    )
    t.add_argument("--pkcs12", type=Path, help="berkas PKCS#12 (bawaan: [tte] pkcs12, lalu uji)")
    t.set_defaults(func=run_tandatangani)

    c = verbs.add_parser(
        "periksa",
        help="periksa tanda tangan PDF (keluar 0 bila sah dan utuh, 1 bila tidak)",
        description=(
            "Memvalidasi setiap tanda tangan dengan pyHanko tanpa jaringan, dengan akar "
            "terpercaya kantor (<kantor>/arsip/tte/akar/ dan [tte] akar). Lulus hanya bila "
            "bottom_line dan intact benar dan tanda tangan terakhir menutup seluruh berkas; "
            "dengan --kantor juga hanya bila sertifikatnya milik penanda tangan kantor yang "
            "tercatat (seperti kinerja verifikasi menilainya)."
        ),
    )
    c.add_argument("berkas", metavar="BERKAS.pdf", type=Path, help="PDF yang diperiksa")
    tambah_kantor(c, wajib=False, bantuan="folder kantor (akar terpercaya, catatan basah)")
    c.add_argument("--rinci", action="store_true", help="tampilkan rincian pyHanko")
    c.set_defaults(func=run_periksa)

    a = verbs.add_parser(
        "akar",
        help="catat akar terpercaya kantor di register (setiap perubahan akar adalah peristiwa)",
        description=(
            "Mencatat isi (sha256) setiap sertifikat akar di <kantor>/arsip/tte/akar/, di "
            "[tte] akar, dan sertifikat uji di arsip/tte/uji/ sebagai peristiwa tte-akar. Hanya "
            "akar yang tercatat dengan isi yang sama yang dipercaya saat memvalidasi."
        ),
    )
    tambah_kantor(a, bantuan="folder kantor")
    a.add_argument("--oleh", default="admin", help="peran yang mencatat (bawaan: admin)")
    a.set_defaults(func=run_akar)

    n = verbs.add_parser(
        "penanda",
        help="catat penanda tangan kantor (pergantian penanda tangan adalah peristiwa)",
        description=(
            "Mencatat penanda tangan kantor ([naskah] penanda_tangan, bawaan camat: nama dan "
            "NIP dari [[pejabat]]) sebagai peristiwa tte-penanda. Tanda tangan dihitung untuk "
            "kantor hanya bila sertifikatnya menyebut NIP itu (serialNumber atau CN) atau "
            "sidiknya didaftarkan dengan --sertifikat. Pencatatan juga terjadi otomatis saat "
            "menandatangani bila penanda tangan di kantor.toml berganti."
        ),
    )
    tambah_kantor(n, bantuan="folder kantor")
    n.add_argument(
        "--sertifikat",
        action="append",
        type=Path,
        metavar="BERKAS",
        help="sertifikat penanda tangan (PEM/DER, atau PKCS#12 dengan sandi di "
        "KINERJA_TTE_SANDI) yang sidiknya didaftarkan; menggantikan yang terdaftar (boleh diulang)",
    )
    n.add_argument("--oleh", default="admin", help="peran yang mencatat (bawaan: admin)")
    n.set_defaults(func=run_penanda)


def run_sertifikat(args: argparse.Namespace) -> int:
    from kinerja.ttd.tandatangan import buat_sertifikat_uji, tte_dir

    kantor = load_kantor(args.kantor)
    p12 = buat_sertifikat_uji(tte_dir(kantor) / "uji", kantor)
    sys.stdout.write(
        f"Sertifikat UJI COBA (bukan TTE resmi) dibuat: {p12}\n"
        f"Akar terpercaya uji: {tte_dir(kantor) / 'akar'}\n"
    )
    return 0


def run_akar(args: argparse.Namespace) -> int:
    from kinerja.ttd.akar import berkas_akar, catat_akar

    kantor = load_kantor(args.kantor)
    waktu = dt.datetime.now(dt.UTC).replace(microsecond=0)
    baru = catat_akar(kantor, waktu=waktu, oleh=args.oleh)
    for nama, sha in sorted(berkas_akar(kantor).items()):
        sys.stdout.write(f"{sha[:16] or '(tidak ada)':<16}  {nama}\n")
    sys.stdout.write(
        "Akar terpercaya dicatat sebagai peristiwa baru.\n"
        if baru
        else "Akar terpercaya tidak berubah sejak pencatatan terakhir.\n"
    )
    return 0


def run_penanda(args: argparse.Namespace) -> int:
    from kinerja.ttd.penanda_kantor import catat_penanda, penanda_tercatat, sidik_berkas

    kantor = load_kantor(args.kantor)
    sidik = [sidik_berkas(p) for p in args.sertifikat] if args.sertifikat else None
    lalu = penanda_tercatat(kantor)
    waktu = dt.datetime.now(dt.UTC).replace(microsecond=0)
    sekarang = catat_penanda(kantor, waktu=waktu, oleh=args.oleh, sidik=sidik)
    sys.stdout.write(f"Penanda tangan kantor: {sekarang.teks()}\n")
    sys.stdout.write(
        "Dicatat sebagai peristiwa baru.\n"
        if sekarang != lalu
        else "Tidak berubah sejak pencatatan terakhir.\n"
    )
    return 0


def run_tandatangani(args: argparse.Namespace) -> int:
    from kinerja.ttd.tandatangan import Kotak, tandatangani

    if args.penanda_tangan == "basah" and args.pindaian is None:
        raise UsageError("Tanda tangan basah memerlukan --pindaian BERKAS.")
    out = args.keluaran or args.berkas.with_name(f"{args.berkas.stem}-ttd.pdf")
    hasil = tandatangani(
        args.berkas,
        out,
        signer=args.penanda_tangan,
        kantor=args.kantor,
        alasan=args.alasan,
        lokasi=args.lokasi,
        peran=args.peran,
        kotak=Kotak.parse(args.kotak) if args.kotak else None,
        pindaian=args.pindaian,
        pkcs12=args.pkcs12,
    )
    sys.stdout.write(f"Ditandatangani ({hasil.penanda}) oleh {hasil.penanda_tangan}: {out}\n")
    sys.stdout.write(f"sha256 {hasil.sha256}\n")
    if hasil.pindaian is not None:
        sys.stdout.write(f"Pindaian dicatat: {hasil.pindaian} (sha256 {hasil.pindaian_sha256})\n")
    _bekukan(load_kantor(args.kantor), args.berkas, hasil)
    return 0


def _bekukan(kantor, berkas: Path, hasil) -> None:
    """A Dokumen Pengukuran Kinerja (it embeds data-sumber.json) signed here is kept as
    ``sop lanjut`` keeps it: source data and approved version archived, the signed
    version frozen, the periode's document number marked ``ditandatangani``."""
    from kinerja.cetak.render import read_embedded
    from kinerja.jalankan.lanjut import bekukan_tandatangan
    from kinerja.naskah.penomoran import nomor_dokumen

    data = read_embedded(berkas).get("data-sumber.json")
    periode = json.loads(data).get("periode") if data else None
    if not periode:
        return  # another PDF (a letter): signed, nothing more to keep
    nomor = nomor_dokumen(kantor, periode)
    bekukan_tandatangan(kantor, periode, berkas, hasil.berkas, hasil.sha256, nomor, hasil.waktu)
    sys.stdout.write(
        f"Versi bertanda tangan dibekukan di arsip (periode {periode})"
        + (f"; nomor {nomor} ditandai ditandatangani.\n" if nomor else ".\n")
    )


def run_periksa(args: argparse.Namespace) -> int:
    from kinerja.ttd.tandatangan import validasi_pdf

    hasil = validasi_pdf(args.berkas, kantor=args.kantor)
    sys.stdout.write(("SAH: " if hasil.utuh else "TIDAK SAH: ") + hasil.pesan + "\n")
    if args.rinci:
        for line in hasil.rincian:
            sys.stdout.write(f"  {line}\n")
    milik_kantor = _periksa_penanda(args, hasil) if args.kantor and hasil.sertifikat else True
    return 0 if hasil.utuh and milik_kantor else 1


def _periksa_penanda(args: argparse.Namespace, hasil: HasilValidasi) -> bool:
    """With --kantor: whether each signature is the office's signer's (as ``verifikasi``
    judges it); the finding's text when not. True when every one is."""
    penanda, temuan = penanda_berkas(load_kantor(args.kantor), args.berkas, hasil)
    for m in temuan:
        kata = "PERINGATAN" if m.tingkat == WARNING else "BUKAN PENANDA TANGAN KANTOR"
        sys.stdout.write(f"{kata}: {baris_masalah(m)}\n")
    if not temuan and penanda is not None:
        sys.stdout.write(f"Penanda tangan kantor: {penanda.teks()}.\n")
    return not any(m.tingkat != WARNING for m in temuan)  # a PERINGATAN does not fail
