"""``kinerja jalankan``: run the notebooks of one periode and publish the result (exact contract).

    kinerja jalankan --kantor DIR (--periode P | --periode-otomatis)
                     [--tanggal-cetak YYYY-MM-DD] [--keluaran DIR]

Exit 0: published. Exit 1: a notebook failed, an input is missing or bad, or
another run of the office holds the lock (nothing published; the failed run
kept under ``<keluaran>/gagal/``). Exit 2: usage errors. This is the only layer
that reads the clock: the date printed in the document comes from
``--tanggal-cetak`` (default: today).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime
from pathlib import Path

from ..errors import KinerjaError, UsageError
from ..jadwal import penjelasan, periode_otomatis
from ..model import Periode
from ..pipeline import HasilJalankan, jalankan


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "jalankan",
        help="jalankan notebook pengukuran satu periode dan terbitkan hasilnya",
        description=(
            "Menjalankan notebook berparameter (papermill) berurutan untuk satu kantor dan "
            "periode, lalu menerbitkan notebook yang dijalankan, HTML-nya, dan dokumen "
            "(HTML dan PDF) ke folder keluaran. Keluar 0 bila terbit, 1 bila sebuah sel gagal "
            "atau masukan salah (tidak ada yang diterbitkan), 2 bila salah pakai."
        ),
    )
    p.add_argument("--kantor", required=True, type=Path, help="folder kantor (berisi kantor.toml)")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--periode", help="periode pengukuran, misalnya 2025-TW4 atau 2025")
    which.add_argument(
        "--periode-otomatis",
        action="store_true",
        help="triwulan terakhir yang sudah berakhir sebelum hari ini (untuk jadwal)",
    )
    p.add_argument(
        "--tanggal-cetak",
        metavar="YYYY-MM-DD",
        help="tanggal yang dicetak pada dokumen (bawaan: hari ini)",
    )
    p.add_argument(
        "--keluaran",
        type=Path,
        help="folder hasil (bawaan: reports/<folder kantor>/<periode>/)",
    )
    p.set_defaults(func=run)


def parse_tanggal(text: str | None, today: date) -> date:
    if not text:
        return today
    try:
        if len(text) != 10:
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(
            f'Tanggal cetak "{text}" tidak sah. Tulis YYYY-MM-DD, misalnya 2026-01-15.'
        ) from None


class Log:
    """Progress lines to the terminal (stderr) and to the run's log file."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.handle = None
        if path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                self.handle = path.open("a", encoding="utf-8")
            except OSError as exc:
                sys.stderr.write(f"kinerja: log tidak dapat ditulis ({exc}); lanjut tanpa log.\n")

    def __call__(self, line: str, *, terminal: bool = True) -> None:
        if terminal:
            sys.stderr.write(line + "\n")
            sys.stderr.flush()
        if self.handle is not None:
            stamp = datetime.now().strftime("%Y-%m-%d %H:%M:%S")
            self.handle.write(f"{stamp} {line}\n")
            self.handle.flush()

    def close(self) -> None:
        if self.handle is not None:
            self.handle.close()


def run(args: argparse.Namespace) -> int:
    now = datetime.now()  # the only clock read of a run
    kantor = args.kantor.expanduser()
    if not kantor.is_dir():
        raise UsageError(f'Folder kantor "{args.kantor}" tidak ditemukan.')
    if not (kantor / "kantor.toml").is_file():
        raise UsageError(
            f'Folder "{args.kantor}" tidak memuat kantor.toml: tunjuk folder kantor yang benar, '
            "misalnya data/linggo-sari-baganti."
        )
    periode = periode_otomatis(now.date()) if args.periode_otomatis else Periode.parse(args.periode)
    tanggal = parse_tanggal(args.tanggal_cetak, now.date())
    log = Log(kantor / "arsip" / "log" / f"jalankan-{periode}-{now:%Y%m%d-%H%M%S}.log")
    try:
        if args.periode_otomatis:
            log(penjelasan(now.date()))
        try:
            hasil = jalankan(
                kantor, periode, tanggal, mulai=now, keluaran=args.keluaran, laporan=log
            )
        except KinerjaError as exc:
            log(f"GAGAL: {exc}", terminal=False)  # the terminal gets it from main()
            raise
        print_result(hasil)
        log("BERHASIL")
    finally:
        log.close()
    return 0


def print_result(hasil: HasilJalankan) -> None:
    """stdout: what was published, the document's PDF (if any) on the last line."""
    out = sys.stdout
    for path in [*hasil.notebooks, *hasil.html]:
        out.write(f"{path}\n")
    if hasil.dokumen_html is not None:
        out.write(f"{hasil.dokumen_html}\n")
    out.write(f"{hasil.dokumen_pdf or hasil.keluaran}\n")
