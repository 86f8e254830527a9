"""``kinerja demo``: the main job on the demo office (Kecamatan Linggo Sari Baganti).

Copies the demo office to ``reports/demo/<kantor>/`` (replacing an earlier demo),
takes in the demo's returned forms quarter by quarter, records the demo's review
decisions, prints the capaian of the periode, then runs the notebooks of
``kinerja jalankan`` (which render the document) into ``reports/demo/<periode>/``. The last line printed is the path of the PDF once the document
exists (until then, the published folder).
"""

from __future__ import annotations

import argparse
import shutil
import sys
from datetime import datetime
from pathlib import Path

import pandas as pd

from kinerja.inti.angka import format_persen
from kinerja.inti.model import Periode
from kinerja.inti.tampilan import tabel_indikator, tabel_sasaran
from kinerja.jalankan.pipeline import himpun_formulir, jalankan, ukur_kantor
from kinerja.paths import copy_demo, reports_root

from .opsi import tambah_periode, tambah_tanggal_cetak

PERIODE_DEMO = "2025-TW4"
#: The demo signs on this date (consistent with its review decisions of 12–14 January 2026),
#: so every run prints the same document; --tanggal-cetak moves the whole SOP timeline.
TANGGAL_DEMO = "2026-01-20"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "demo",
        help="jalankan contoh lengkap pada kantor demo",
        description=(
            "Menyalin kantor demo ke reports/demo/ dan menjalankan semua langkah pengukuran "
            "kinerja yang ada untuk periode demo. Baris terakhir keluaran adalah jalur PDF."
        ),
    )
    tambah_periode(
        p, wajib=False, default=PERIODE_DEMO, bantuan=f"periode pengukuran (bawaan: {PERIODE_DEMO})"
    )
    tambah_tanggal_cetak(
        p,
        default=TANGGAL_DEMO,
        bantuan=f"tanggal cetak dan tanda tangan dokumen (bawaan: {TANGGAL_DEMO})",
    )
    p.add_argument("--keluaran", type=Path, help="folder demo (bawaan: reports/demo)")
    p.set_defaults(func=run)


def print_capaian(ukuran, out=sys.stdout) -> None:
    """The measurement as a text table and the office's capaian in one line."""
    hasil = ukuran.hasil
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


def run(args: argparse.Namespace) -> int:
    now = datetime.now()  # the demo, like jalankan, is where the clock is read
    periode = Periode.parse(args.periode)
    tanggal = args.tanggal_cetak  # a date: argparse reads the default text too
    root = (args.keluaran or reports_root() / "demo").resolve()
    office = copy_demo(root)
    out = sys.stdout
    from kinerja.kantor.katalog import load_kantor

    kantor = load_kantor(office)
    out.write(f"{kantor.nama} — Pengukuran Kinerja {periode.label}\n")
    out.write(f"Kantor demo disalin ke {office}\n\n")

    # SOP step 3: the units' returned forms, quarter by quarter (TW I … TW n)
    for h in himpun_formulir(kantor, periode):
        status = [b.status for b in h.berkas]
        out.write(
            f"Formulir {h.periode.label}: {len(status)} berkas, "
            f"{status.count('diterima')} diterima, {status.count('ditolak')} ditolak\n"
        )
    # SOP steps 7–9: the reviewers' decisions on the findings (the demo's, fixed in time)
    from kinerja.validasi.berkas_keputusan import terapkan_berkas_keputusan
    from kinerja.validasi.ledger import ada_error_terbuka

    keputusan_demo = kantor.path / "keputusan-demo.toml"
    dicatat, tidak_cocok = terapkan_berkas_keputusan(kantor, periode, keputusan_demo)
    out.write(f"Keputusan peninjau dicatat: {len(dicatat)}")
    out.write(f" ({len(tidak_cocok)} tidak cocok dengan temuan)\n" if tidak_cocok else "\n")
    if ada_error_terbuka(kantor, periode):
        out.write("Masih ada temuan KESALAHAN terbuka: dokumen akan berstatus DRAF.\n")
    out.write("\n")

    ukuran = ukur_kantor(kantor, periode)
    print_capaian(ukuran, out)
    out.write("\n")
    out.flush()

    # SOP steps 1–8 are recorded first, so the document's lampiran carries them
    from kinerja.jalankan.alur import catat_persiapan, selesaikan_sop

    def say(line: str) -> None:
        out.write(line + "\n")
        out.flush()

    sop_dir = root / f"{periode}-sop"  # beside the published folder, which jalankan swaps
    if sop_dir.exists():  # the earlier demo's letters and package go with its office copy
        shutil.rmtree(sop_dir)
    sop = catat_persiapan(kantor, periode, tanggal, sop_dir, say)
    out.write("\n")
    hasil = jalankan(office, periode, tanggal, mulai=now, keluaran=root / str(periode))
    out.write(f"Notebook dan HTML: {hasil.keluaran}\n")
    if hasil.dokumen_html is not None:
        out.write(f"Dokumen HTML: {hasil.dokumen_html}\n")
    if hasil.dokumen_pdf is None:
        out.write(f"{hasil.keluaran}\n")
        return 1
    out.write("\n")
    sop = selesaikan_sop(kantor, periode, tanggal, hasil.dokumen_pdf, sop_dir, sop, say)
    out.write("\n" + sop.verifikasi.teks() + "\n")
    out.write(f"{sop.dokumen_ttd}\n")
    return 0 if sop.verifikasi.utuh else 1
