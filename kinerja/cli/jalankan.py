"""``kinerja jalankan``: run the notebooks of a periode and publish the result (exact contract).

    kinerja jalankan --kantor DIR (--periode P | --periode-otomatis)
                     [--tanggal-cetak TANGGAL] [--keluaran DIR]

Exit 0: published. Exit 1: a notebook failed, an input is missing or bad, or
another run of the office holds the lock (nothing published; the failed run
kept under ``<keluaran>/gagal/``). Exit 2: usage errors. This is the only layer
that reads the clock: the date printed in the document comes from
``--tanggal-cetak`` (YYYY-MM-DD or "15 Mei 2025"; default: today in WIB).

Many offices at once (the Kabupaten's batch): ``--kantor`` repeated and/or
``--folder-kantor DIR`` (every subfolder with a kantor.toml), in a process pool
(``--pekerja N``, default: the number of cores) or on a Dask cluster
(``--scheduler tcp://host:8786`` or ``lokal:N``; the extra ``kinerja[dask]``).
Each office then publishes to ``<keluaran>/<office folder>/<periode>/`` and
keeps its own run log; stdout has one line per office (``OK`` with its PDF, or
``GAGAL`` with the reason). Exit 0: every office published; 1: at least one
failed (the others are still published); 2: usage errors.
``kinerja jalankan-banyak`` is the same command.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime
from pathlib import Path

from kinerja.inti.errors import ERROR, KinerjaError, UsageError
from kinerja.inti.model import Periode
from kinerja.inti.tanggal import hari_ini
from kinerja.jalankan.jadwal import penjelasan, periode_otomatis
from kinerja.jalankan.pipeline import HasilJalankan, jalankan
from kinerja.jalankan.runlog import buka_log
from kinerja.validasi.ledger import tinjauan

from .opsi import tambah_kantor, tambah_keluaran, tambah_periode, tambah_tanggal_cetak


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "jalankan",
        aliases=["jalankan-banyak"],
        help="jalankan notebook pengukuran satu periode (satu atau banyak kantor) dan terbitkan",
        description=(
            "Menjalankan notebook berparameter (papermill) berurutan untuk satu kantor dan "
            "periode, lalu menerbitkan notebook yang dijalankan, HTML-nya, dan dokumen "
            "(HTML dan PDF) ke folder keluaran. Keluar 0 bila terbit, 1 bila sebuah sel gagal "
            "atau masukan salah (tidak ada yang diterbitkan), 2 bila salah pakai. Dengan "
            "--kantor berulang atau --folder-kantor, banyak kantor dijalankan sekaligus "
            "(kolam proses, atau klaster Dask dengan --scheduler); kegagalan satu kantor tidak "
            "menghentikan yang lain, dan keluar 1 bila ada yang gagal."
        ),
    )
    tambah_kantor(
        p,
        wajib=False,
        berulang=True,
        metavar="DIR",
        bantuan="folder kantor (berisi kantor.toml); boleh diulang untuk banyak kantor",
    )
    p.add_argument(
        "--folder-kantor",
        action="append",
        type=Path,
        default=[],
        metavar="DIR",
        help="folder yang berisi banyak folder kantor (setiap subfolder dengan kantor.toml)",
    )
    which = p.add_mutually_exclusive_group(required=True)
    tambah_periode(which, wajib=False, bantuan="periode pengukuran, misalnya 2025-TW4 atau 2025")
    which.add_argument(
        "--periode-otomatis",
        action="store_true",
        help="triwulan terakhir yang sudah berakhir sebelum hari ini (untuk jadwal)",
    )
    tambah_tanggal_cetak(p, bantuan="tanggal yang dicetak pada dokumen (bawaan: hari ini)")
    tambah_keluaran(
        p,
        metavar="DIR",
        bantuan=(
            "folder hasil (bawaan: reports/<folder kantor>/<periode>/); untuk banyak kantor: "
            "<keluaran>/<folder kantor>/<periode>/"
        ),
    )
    p.add_argument(
        "--pekerja",
        type=int,
        metavar="N",
        help="banyak kantor: jumlah proses sekaligus di mesin ini (bawaan: jumlah inti)",
    )
    p.add_argument(
        "--scheduler",
        metavar="ALAMAT",
        help="banyak kantor di klaster Dask: tcp://host:8786, atau lokal:N (N proses di sini)",
    )
    p.add_argument(
        "--tugas",
        default="jalankan",
        choices=["jalankan", "dokumen", "ukur"],
        help=(
            "banyak kantor: jalankan (semua notebook, bawaan), dokumen (dokumen saja), "
            "ukur (capaian saja, tanpa berkas)"
        ),
    )
    p.set_defaults(func=run)


def _offices(args: argparse.Namespace) -> list[Path]:
    from kinerja.jalankan.batch import temukan_kantor

    offices = list(args.kantor)  # each checked while parsing (opsi.folder_kantor)
    if args.folder_kantor:
        offices += temukan_kantor([f.expanduser() for f in args.folder_kantor])
    if not offices:
        raise UsageError(
            "Sebutkan kantornya: --kantor DIR (boleh diulang) atau --folder-kantor DIR."
        )
    return offices


def _is_batch(args: argparse.Namespace, offices: list[Path]) -> bool:
    options = args.pekerja is not None or args.scheduler or args.tugas != "jalankan"
    return len(offices) > 1 or bool(args.folder_kantor) or bool(options)


def run(args: argparse.Namespace) -> int:
    now = datetime.now()  # the clock is read here only: the run's start, and today (WIB)
    offices = _offices(args)
    periode = periode_otomatis(now.date()) if args.periode_otomatis else args.periode
    tanggal = args.tanggal_cetak or hari_ini()
    if _is_batch(args, offices):
        return run_many(args, offices, periode, tanggal, now)
    (kantor,) = offices
    log = buka_log(kantor, periode, now)
    try:
        if args.periode_otomatis:
            log(penjelasan(now.date()))
        try:
            hasil = jalankan(
                kantor,
                periode,
                tanggal,
                mulai=now,
                keluaran=args.keluaran,
                laporan=log,
                log=log.path,
            )
        except KinerjaError as exc:
            log.gagal(exc, terminal=False)  # the terminal gets it from main()
            raise
        print_result(hasil)
        if hasil.dokumen_pdf is not None and hasil.dokumen_pdf.stem.endswith("-draf"):
            log(alasan_draf(kantor, periode))
        log.berhasil()
    finally:
        log.close()
    return 0


def run_many(
    args: argparse.Namespace, offices: list[Path], periode: Periode, tanggal: date, now: datetime
) -> int:
    """Every office in a pool or on Dask; one stdout line per office; 1 if any failed."""
    from kinerja.jalankan.batch import jalankan_banyak

    if args.pekerja is not None and args.pekerja < 1:
        raise UsageError(f"--pekerja harus 1 atau lebih, tertulis {args.pekerja}.")
    if args.pekerja is not None and args.scheduler:
        raise UsageError("Pilih salah satu: --pekerja (mesin ini) atau --scheduler (Dask).")
    if args.periode_otomatis:
        sys.stderr.write(penjelasan(now.date()) + "\n")
    hasil = jalankan_banyak(
        offices,
        str(periode),
        tanggal,
        mulai=now,
        keluaran=args.keluaran.expanduser().resolve() if args.keluaran else None,
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


def alasan_draf(kantor: Path, periode: Periode) -> str:
    """Why the document is a DRAF: the open error-level findings, by count, and how to see them."""
    n = sum(d.terbuka and d.temuan.tingkat == ERROR for d in tinjauan(kantor, periode))
    sebab = (
        f"masih ada {n} temuan tingkat KESALAHAN yang belum diputuskan"
        if n
        else "ada temuan tingkat KESALAHAN yang belum diputuskan"
    )
    return (
        f"Dokumen dicetak sebagai DRAF (belum sah): {sebab}. Lihat temuannya dengan\n"
        f'  kinerja validasi --kantor "{kantor}" --periode {periode}\n'
        "lalu putuskan (kinerja validasi putuskan …) dan jalankan lagi."
    )


def print_result(hasil: HasilJalankan) -> None:
    """stdout: what was published, the document's PDF (if any) on the last line."""
    out = sys.stdout
    for path in [*hasil.notebooks, *hasil.html]:
        out.write(f"{path}\n")
    if hasil.dokumen_html is not None:
        out.write(f"{hasil.dokumen_html}\n")
    out.write(f"{hasil.dokumen_pdf or hasil.keluaran}\n")
