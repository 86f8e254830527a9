"""``kinerja demo``: the main job on the demo office (Kecamatan Linggo Sari Baganti).

Copies the demo office to ``reports/demo/<kantor>/`` (replacing an earlier demo)
and walks the steps that exist, printing what each produced.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

import pandas as pd

from ..catalogue import load_kantor, load_pk, load_realisasi_table, predikat_skala_kantor
from ..formats import format_persen
from ..model import Periode
from ..paths import demo_office, reports_root
from ..pengukuran import OpsiAgregasi, ukur
from ..tampilan import tabel_indikator, tabel_sasaran


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "demo",
        help="jalankan contoh lengkap pada kantor demo",
        description="Menyalin kantor demo ke reports/demo/ dan menjalankan pengukuran kinerja.",
    )
    p.add_argument("--periode", default="2025", help="periode pengukuran (bawaan: 2025)")
    p.add_argument("--keluaran", type=Path, help="folder demo (bawaan: reports/demo)")
    p.set_defaults(func=run)


def copy_demo(target_root: Path) -> Path:
    """Copy the demo office (without its arsip) to ``target_root``; replace an older copy."""
    source = demo_office()
    target = target_root / source.name
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("arsip", "__pycache__"))
    return target


def run(args: argparse.Namespace) -> int:
    periode = Periode.parse(args.periode)
    office = copy_demo(args.keluaran or reports_root() / "demo")
    kantor = load_kantor(office)
    pk = load_pk(kantor, periode.tahun)
    realisasi, _anggaran = load_realisasi_table(office / f"realisasi-{periode.tahun}.xlsx")
    opsi = OpsiAgregasi(
        metode=kantor.opsi("agregasi", "metode", "rata_rata"),
        batas_atas=kantor.opsi("agregasi", "batas_atas"),
    )
    hasil = ukur(
        pk.indikator,
        realisasi,
        periode,
        skala=predikat_skala_kantor(kantor),
        ordinal=pk.ordinal,
        opsi=opsi,
    )
    out = sys.stdout
    out.write(f"{kantor.nama} — Pengukuran Kinerja {periode.label}\n\n")
    table = tabel_indikator(hasil).drop(columns=["Sasaran"])
    with pd.option_context("display.max_colwidth", 60, "display.width", 200):
        out.write(table.to_string(index=False) + "\n\n")
        out.write(tabel_sasaran(hasil).to_string(index=False) + "\n\n")
    k = hasil.kantor
    status = " (sementara)" if k["sementara"] else ""
    out.write(
        f"Capaian kantor{status}: {format_persen(k['capaian_2d'])} — {k['predikat']} "
        f"({k['n_valid']}/{k['n_total']} indikator; {k['n_capai']} mencapai ≥ 100%)\n"
    )
    out.write(f"Skala predikat: {hasil.skala.nama} ({hasil.skala.sumber})\n")
    out.write(f"{office}\n")
    return 0
