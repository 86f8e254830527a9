"""``kinerja jalankan-banyak``: ``kinerja jalankan`` for many offices at once.

    kinerja jalankan-banyak (--kantor DIR [--kantor DIR ...] | --folder-kantor DIR)
                            --periode P [--pekerja N] [--scheduler ADDR]
                            [--tanggal-cetak YYYY-MM-DD] [--keluaran DIR] [--tugas NAMA]

A process pool on this machine (``--pekerja N``, default: the number of cores)
or a Dask cluster (``--scheduler tcp://host:8786`` or ``--scheduler lokal:N``;
needs the extra ``kinerja[dask]``). Progress goes to stderr, one line per
office as it finishes; stdout gets one line per office (OK/GAGAL and its PDF or
output folder). Exit 0: every office published. Exit 1: at least one failed
(the others are still published). Exit 2: usage errors.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

from ..errors import UsageError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "jalankan-banyak",
        help="jalankan pengukuran untuk banyak kantor sekaligus (paralel, atau klaster Dask)",
        description=(
            "Menjalankan `kinerja jalankan` untuk banyak kantor sekaligus: kolam proses di mesin "
            "ini, atau klaster Dask (--scheduler). Kegagalan satu kantor tidak menghentikan yang "
            "lain. Keluar 0 bila semua terbit, 1 bila ada yang gagal, 2 bila salah pakai."
        ),
    )
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--kantor", action="append", type=Path, help="folder kantor (boleh diulang)")
    which.add_argument("--folder-kantor", type=Path, help="folder yang berisi banyak folder kantor")
    p.add_argument("--periode", required=True, help="periode, misalnya 2025-TW4 atau 2025")
    p.add_argument("--pekerja", type=int, help="jumlah proses sekaligus (bawaan: jumlah inti)")
    p.add_argument(
        "--scheduler",
        metavar="ALAMAT",
        help="klaster Dask: tcp://host:8786, atau lokal:N untuk N proses Dask di mesin ini",
    )
    p.add_argument("--tanggal-cetak", metavar="YYYY-MM-DD", help="tanggal cetak (bawaan: hari ini)")
    p.add_argument(
        "--keluaran",
        type=Path,
        help="folder hasil: <keluaran>/<folder kantor>/<periode>/ (bawaan: reports/<kantor>/<periode>/)",
    )
    p.add_argument(
        "--tugas",
        default="jalankan",
        choices=["jalankan", "dokumen", "ukur"],
        help="jalankan (semua notebook, bawaan), dokumen (dokumen saja), ukur (capaian saja)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..batch import jalankan_banyak, temukan_kantor
    from ..model import Periode
    from .jalankan import parse_tanggal

    now = datetime.now()  # the only clock read of the batch
    periode = str(Periode.parse(args.periode))
    tanggal = parse_tanggal(args.tanggal_cetak, now.date())
    if args.pekerja is not None and args.pekerja < 1:
        raise UsageError(f"--pekerja harus 1 atau lebih, tertulis {args.pekerja}.")
    if args.pekerja is not None and args.scheduler:
        raise UsageError("Pilih salah satu: --pekerja (mesin ini) atau --scheduler (Dask).")
    if args.folder_kantor is not None:
        offices = temukan_kantor([args.folder_kantor])
    else:
        offices = []
        for k in args.kantor:
            if not (k / "kantor.toml").is_file():
                raise UsageError(f'Folder "{k}" tidak memuat kantor.toml: tunjuk folder kantor.')
            offices.append(k)
    hasil = jalankan_banyak(
        offices,
        periode,
        tanggal,
        mulai=now,
        keluaran=args.keluaran.resolve() if args.keluaran else None,
        pekerja=args.pekerja,
        scheduler=args.scheduler,
        tugas=args.tugas,
    )
    failed = [h for h in hasil if not h.ok]
    for h in hasil:
        if h.ok:
            value = h.nilai if isinstance(h.nilai, dict) else {}
            where = value.get("pdf") or value.get("keluaran") or value.get("capaian", "")
            sys.stdout.write(f"OK     {h.nama}: {where}\n")
        else:
            sys.stdout.write(f"GAGAL  {h.nama}: {h.pesan.splitlines()[0] if h.pesan else ''}\n")
    for h in failed:
        sys.stderr.write(f"kinerja: {h.nama} gagal:\n{h.pesan}\n")
    sys.stderr.write(f"{len(hasil) - len(failed)} berhasil, {len(failed)} gagal.\n")
    return 1 if failed else 0
