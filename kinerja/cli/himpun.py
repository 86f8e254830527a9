"""``kinerja himpun --kantor DIR --periode P BERKAS... [--laporan-json F]``."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import tempfile
from pathlib import Path

from kinerja.formulir.himpun import himpun
from kinerja.formulir.laporan import render
from kinerja.kantor.katalog import load_kantor

from .opsi import tambah_kantor, tambah_periode


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "himpun",
        help="himpun formulir realisasi yang dikembalikan unit",
        description=(
            "Membaca formulir yang dikembalikan unit, memeriksanya terhadap Perjanjian Kinerja "
            "dan metadata formulir, menyimpan nilai yang diterima ke basis data kantor "
            "(<kantor>/arsip/), dan menampilkan ringkasan per berkas, temuan, serta kelengkapan "
            "unit × indikator × triwulan. Keluar 0 bila semua berkas diterima (peringatan boleh), "
            "1 bila ada berkas atau sel yang ditolak, 2 bila salah pakai."
        ),
    )
    tambah_kantor(p)
    tambah_periode(p)
    p.add_argument(
        "berkas", metavar="BERKAS", nargs="+", type=Path, help="formulir .xlsx (atau folder)"
    )
    p.add_argument("--laporan-json", metavar="F", type=Path, help="tulis laporan JSON ke F")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    kantor = load_kantor(args.kantor)
    hasil = himpun(kantor, args.periode, args.berkas)
    sys.stdout.write(render(hasil))
    if args.laporan_json:
        write_json(args.laporan_json, hasil.laporan())
    return hasil.exit_code


def write_json(path: Path, data: dict) -> None:
    """Write ``data`` as UTF-8 JSON, atomically (temporary file, then rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, indent=2, default=str)
            handle.write("\n")
        Path(tmp).replace(path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            Path(tmp).unlink()
        raise
