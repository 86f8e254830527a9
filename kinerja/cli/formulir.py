"""``kinerja formulir --kantor DIR --periode P [--keluaran DIR] [--kembalikan UNIT]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kinerja.formulir.kembali import write_form_kembali
from kinerja.formulir.tulis import write_forms
from kinerja.inti.filename import safe_filename
from kinerja.inti.model import Periode
from kinerja.kantor.katalog import load_kantor
from kinerja.kantor.pk import load_pk
from kinerja.paths import reports_root
from kinerja.validasi.koreksi import prefill_terkoreksi
from kinerja.validasi.ledger import dikembalikan

from .opsi import tambah_kantor, tambah_keluaran, tambah_periode


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "formulir",
        help="tulis formulir Excel realisasi untuk setiap unit",
        description=(
            "Menulis satu formulir .xlsx per unit (sekretariat/subbagian dan seksi) untuk periode "
            "itu: indikator dan target terkunci, sel isian berwarna kuning. Dengan --kembalikan "
            "UNIT: menulis ulang formulir unit itu beserta lembar Temuan untuk dikirim kembali. "
            "Keluar 0 bila berhasil, 1 bila data kantor bermasalah, 2 bila salah pakai."
        ),
    )
    tambah_kantor(p)
    tambah_periode(p)
    tambah_keluaran(p, bantuan="folder keluaran (bawaan: reports/<kantor>/<periode>/formulir/)")
    p.add_argument(
        "--kembalikan",
        metavar="UNIT",
        help="kode unit: tulis ulang formulir terakhir unit itu dengan lembar Temuan",
    )
    p.set_defaults(func=run)


def default_folder(kantor_kode: str, periode: Periode) -> Path:
    """``reports/<kantor>/<periode>/formulir/``."""
    return reports_root() / safe_filename(kantor_kode) / str(periode) / "formulir"


def run(args: argparse.Namespace) -> int:
    periode = args.periode
    kantor = load_kantor(args.kantor)
    pk = load_pk(kantor, periode.tahun)
    folder = args.keluaran or default_folder(kantor.kode, periode)
    if args.kembalikan:
        prefill = prefill_terkoreksi(kantor, periode)
        unit = kantor.unit(args.kembalikan).kode
        balik = dikembalikan(kantor, periode, unit)  # the reviewers' notes for the unit
        path = write_form_kembali(
            kantor, periode, unit, folder, pk=pk, prefill=prefill, dikembalikan=balik
        )
        sys.stdout.write(f"Formulir dengan lembar Temuan ditulis: {path}\n")
        if balik:
            sys.stdout.write(
                f"{len(balik)} temuan yang dikembalikan peninjau tercantum dengan catatannya.\n"
            )
        return 0
    realisasi, anggaran = prefill_terkoreksi(kantor, periode)  # earlier reviews' corrections
    paths = write_forms(kantor, pk, periode, folder, realisasi=realisasi, anggaran=anggaran)
    sys.stdout.write(
        f"{len(paths)} formulir {periode.label} untuk {kantor.nama} ditulis ke {folder}:\n"
    )
    for path in paths:
        sys.stdout.write(f"  {path.name}\n")
    return 0
