"""``kinerja rekap``: the Kabupaten roll-up of many offices' packages, verified first.

    kinerja rekap PAKET... [--keluaran DIR] [--periode P ...] [--pemetaan FILE]
                  [--akar PEM ...] [--kantor DIR] [--pekerja N] [--tanggal-cetak TANGGAL]
                  [--tanpa-pdf] [--terima-tanpa-ttd] [--penanda FILE]

Each PAKET is a BagIt package (``kinerja arsip paket``), an office folder or
its arsip folder, or a folder holding many of them. Only figures from a signed
document whose certificate an ``--akar`` root vouches for are ranked; the other
verified packages are listed apart (unless ``--terima-tanpa-ttd``), a second
package of one office and periode is ``GANDA`` and counted once; a document
signed by someone other than the office's signer (the one the package records,
or the NIP ``--penanda`` pins) is ``PENANDA-LAIN``, never ranked. Exit 0: every
input verified and counted. Exit 1: at least one input was refused or listed
apart (named on stderr; the rest are still consolidated and written). Exit 2:
usage errors.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kinerja.arsip.masalah import baris_masalah
from kinerja.inti.errors import UsageError
from kinerja.inti.tanggal import hari_ini

from .opsi import tambah_kantor, tambah_keluaran, tambah_periode, tambah_tanggal_cetak


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "rekap",
        help="rekap kabupaten: verifikasi paket banyak kantor lalu bandingkan capaiannya",
        description=(
            "Memverifikasi paket BagIt (atau folder arsip) banyak kantor: hash manifest, rantai "
            "peristiwa, tanda tangan, data sumber. Paket yang rusak ditolak dengan namanya tanpa "
            "menghentikan yang lain. Hanya angka dari dokumen bertanda tangan elektronik yang "
            "sertifikatnya dijamin --akar yang diperingkat; paket lain yang utuh dicantumkan "
            "terpisah, dan paket kedua untuk kantor dan periode yang sama dihitung sekali. "
            "Paket yang lolos direkap menjadi buku kerja (.xlsx) dan "
            "laporan (HTML dan PDF/A): capaian per kantor dan per indikator sebanding, sebaran "
            "predikat, kantor yang belum lengkap periodenya, peringkat dengan catatannya, dan "
            "jejak setiap angka. Keluar 0 bila semua lolos, 1 bila ada yang ditolak atau tidak "
            "diperingkat, 2 bila salah pakai."
        ),
    )
    p.add_argument(
        "paket",
        nargs="+",
        type=Path,
        metavar="PAKET",
        help="paket, folder kantor, atau folder berisi keduanya",
    )
    tambah_keluaran(p, bantuan="folder hasil (bawaan: reports/rekap/)")
    tambah_periode(
        p,
        wajib=False,
        berulang=True,
        bantuan="periode yang diharapkan dari setiap kantor (boleh diulang); yang terakhir untuk "
        "peringkat (bawaan: semua periode yang ada, peringkat periode terakhir)",
    )
    p.add_argument("--pemetaan", type=Path, help="berkas pemetaan indikator sebanding (CSV/XLSX)")
    p.add_argument(
        "--akar",
        action="append",
        type=Path,
        default=[],
        help="sertifikat akar terpercaya (PEM) untuk validasi tanda tangan (boleh diulang)",
    )
    tambah_kantor(p, wajib=False, bantuan="folder kantor penyusun rekap (untuk kop laporan)")
    p.add_argument("--pekerja", type=int, default=1, help="proses verifikasi sekaligus (bawaan 1)")
    tambah_tanggal_cetak(p, bantuan="tanggal cetak (bawaan: hari ini)")
    p.add_argument("--tanpa-pdf", action="store_true", help="tulis .xlsx dan .html saja")
    p.add_argument(
        "--terima-tanpa-ttd",
        action="store_true",
        help="ikut peringkatkan paket utuh tanpa tanda tangan yang dijamin --akar (bercatatan)",
    )
    p.add_argument(
        "--penanda",
        type=Path,
        metavar="BERKAS",
        help='NIP penanda tangan setiap kantor (TOML: kode = "NIP"; CSV: kolom kode,nip); '
        "dokumen yang sertifikatnya tidak menyebut NIP itu tidak diperingkat",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kinerja.kantor.katalog import load_kantor
    from kinerja.paths import reports_root
    from kinerja.rekap.penanda import baca_penanda
    from kinerja.rekap.status import SARAN_OPSI
    from kinerja.rekap.tabel import rekap
    from kinerja.rekap.tulis import tulis_rekap

    tanggal = args.tanggal_cetak or hari_ini()  # the only clock read
    if args.pekerja < 1:
        raise UsageError(f"--pekerja harus 1 atau lebih, tertulis {args.pekerja}.")
    for akar in args.akar:
        if not akar.is_file():
            raise UsageError(f'Sertifikat akar "{akar}" tidak ditemukan.')
    if args.pemetaan is not None and not args.pemetaan.is_file():
        raise UsageError(f'Berkas pemetaan "{args.pemetaan}" tidak ditemukan.')
    penanda = baca_penanda(args.penanda) if args.penanda is not None else None
    kantor = load_kantor(args.kantor) if args.kantor else None
    r = rekap(
        args.paket,
        akar=args.akar,
        periode=args.periode,
        pemetaan=args.pemetaan,
        pekerja=args.pekerja,
        laporan=None,
        terima_tanpa_ttd=args.terima_tanpa_ttd,
        penanda=penanda,
    )
    out, err = sys.stdout, sys.stderr
    for h in r.hasil:
        if h.status == "diterima":
            out.write(f"DITERIMA {h.label} ({h.path})\n")
        elif h.status == "ditolak":
            err.write(f"DITOLAK  {h.label or h.path.name} ({h.path}):\n")
            for m in h.masalah:
                err.write(f"  {baris_masalah(m)}\n")
        else:
            saran = f" ({SARAN_OPSI[h.status]})" if h.status in SARAN_OPSI else ""
            err.write(f"{h.status.upper()} {h.label} ({h.path}): {h.keterangan}{saran}\n")
    if r.ditolak.shape[0]:
        err.write(
            "Paket yang DITOLAK tidak ikut direkap: minta kantornya memperbaiki arsip dan "
            "mengirim ulang paket dari `kinerja arsip paket`.\n"
        )
    keluaran = (args.keluaran or reports_root() / "rekap").resolve()
    hasil = tulis_rekap(r, keluaran, tanggal_cetak=tanggal, kantor=kantor, pdf=not args.tanpa_pdf)
    out.write(
        f"{len(r.diterima)} diterima, {len(r.ditolak)} ditolak, {len(r.terpisah)} tidak "
        f"diperingkat; periode utama {r.periode_utama or '-'}\n"
    )
    out.write(f"{hasil.xlsx}\n{hasil.html}\n")
    if hasil.pdf is not None:
        out.write(f"{hasil.pdf}\n")
    return 0 if r.semua_utuh else 1
