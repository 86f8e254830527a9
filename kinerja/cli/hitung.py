"""``kinerja hitung BERKAS [-o HASIL.csv] [--rumus-negatif 2T-R|T/R] [--notasi otomatis|id|en]``:
an exact contract; and ``kinerja hitung --kantor DIR --periode P``: an office's measurement of
the periode (its PK, the units' realisasi with the reviewers' corrections) as text tables."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from kinerja.berkas.tabel import (
    fixed_2,
    pilih_lembar,
    read_table_checked,
    read_table_typed,
    write_csv_atomic,
)
from kinerja.inti.angka import format_persen
from kinerja.inti.angka_baca import kind_masks
from kinerja.inti.capaian import RUMUS_NEGATIF, round_half_up_array
from kinerja.inti.errors import WARNING, UsageError
from kinerja.inti.notasi import NOTASI
from kinerja.inti.tabel import KOLOM_WAJIB, hitung_tabel
from kinerja.inti.tampilan import tabel_indikator, tabel_sasaran
from kinerja.kantor.katalog import load_kantor, read_skala_predikat

from .opsi import tambah_kantor, tambah_periode

__all__ = ["print_capaian", "register", "run"]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "hitung",
        help="hitung capaian dan predikat dari tabel CSV/XLSX",
        description=(
            "Menghitung capaian, predikat, dan keterangan untuk setiap baris tabel "
            "(kolom wajib: indikator, satuan, polaritas, target, realisasi; opsional: "
            "rumus_negatif, jenis_target, skala, pagu, realisasi_anggaran, pembilang, "
            "penyebut, pengali). Keluar 0 bila "
            "semua baris terhitung atau dijelaskan, 1 bila ada baris tidak sah, 2 bila salah pakai. "
            "Dengan --kantor dan --periode (tanpa BERKAS): pengukuran kinerja kantor itu pada "
            "periode itu, dari Perjanjian Kinerja dan realisasi unit yang sudah dikoreksi peninjau."
        ),
    )
    p.add_argument("input", metavar="BERKAS", type=Path, nargs="?", help="berkas .csv atau .xlsx")
    tambah_kantor(p, wajib=False, bantuan="folder kantor: hitung pengukuran kantor itu")
    tambah_periode(p, wajib=False, bantuan="periode pengukuran kantor (bersama --kantor)")
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="HASIL.csv",
        help="tulis hasil ke CSV ini (UTF-8, titik desimal)",
    )
    p.add_argument(
        "--rumus-negatif",
        choices=list(RUMUS_NEGATIF),
        default="2T-R",
        help="rumus bawaan indikator negatif (bawaan: 2T-R)",
    )
    p.add_argument(
        "--notasi",
        choices=list(NOTASI),
        default="otomatis",
        help="cara membaca angka teks seperti 2.400: id (titik pemisah ribuan, koma "
        "desimal), en (kebalikannya), atau otomatis dari sel yang jelas (bawaan); "
        "tanpa bukti, sel ambigu ditolak",
    )
    p.add_argument(
        "--skala-predikat",
        type=Path,
        metavar="BERKAS.toml",
        help="skala predikat sendiri (nama, sumber, [[tingkat]]; bawaan Permendagri 86/2017)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.kantor is not None or args.periode is not None:
        return _run_kantor(args)
    if args.input is None:
        raise UsageError(
            "BERKAS wajib diisi: sebutkan berkas .csv/.xlsx, atau --kantor DIR --periode P."
        )
    skala = skala_anggaran = None
    if args.skala_predikat is not None:
        skala, skala_anggaran = read_skala_predikat(args.skala_predikat)
    lembar = pilih_lembar(args.input, KOLOM_WAJIB)
    frame = read_table_checked(args.input, lembar)
    if lembar != 0:  # e.g. the roll-up workbook, whose first sheet is its Ringkasan
        sys.stderr.write(f'Lembar yang dibaca: "{lembar}" (lembar pertama dengan kolom wajib).\n')
    lower = {c: str(c).strip().casefold().replace(" ", "_") for c in frame.columns}
    missing = [c for c in KOLOM_WAJIB if c not in lower.values()]
    if missing:
        raise UsageError(
            f'Berkas "{args.input.name}" tidak memiliki kolom: {", ".join(missing)}. '
            f"Kolom wajib: {', '.join(KOLOM_WAJIB)}."
        )
    work = frame.rename(columns=lower)
    typed = read_table_typed(args.input, lembar)
    if typed is not None and typed.shape == frame.shape:  # xlsx: number cells as numbers
        typed.columns = work.columns
        for c in ("target", "realisasi", "pagu", "realisasi_anggaran"):
            if c in work.columns:
                arr = typed[c].to_numpy(dtype=object)
                teks = kind_masks(arr, np.ones(len(arr), dtype=bool)).get("str")
                work[c] = typed[c].where(~teks, work[c]) if teks is not None else typed[c]
    if work.columns.duplicated().any():
        work = work.loc[:, ~work.columns.duplicated()]
    first_row = 2
    hasil = hitung_tabel(
        work,
        rumus_negatif=args.rumus_negatif,
        skala=skala,
        first_row=first_row,
        notasi=args.notasi,
    )

    out = frame.copy(deep=False)  # new columns only: the input cells are not touched
    if hasil.realisasi_rasio is not None:  # the realisasi used, from pembilang / penyebut
        rounded = pd.Series(round_half_up_array(hasil.realisasi_rasio), index=out.index)
        out["realisasi_rasio"] = fixed_2(rounded) if args.output else rounded
    out["capaian"] = fixed_2(hasil.capaian) if args.output else hasil.capaian
    out["predikat"] = hasil.predikat.fillna("")
    out["keterangan"] = hasil.keterangan
    if hasil.capaian_anggaran is not None:
        out["capaian_anggaran"] = fixed_2(hasil.capaian_anggaran)
        out["efisiensi"] = fixed_2(hasil.efisiensi)
        if skala_anggaran is not None:
            out["predikat_anggaran"] = skala_anggaran.predikat(hasil.capaian_anggaran).fillna("")

    sys.stderr.write(hasil.notasi.teks() + "\n")
    for t in hasil.temuan:
        jenis = "peringatan: " if t.tingkat == WARNING else ""
        sys.stderr.write(
            f'Berkas "{args.input.name}", baris {t.baris}, kolom {t.kolom}: {jenis}{t.pesan}\n'
        )
    if args.output:
        write_csv_atomic(out, args.output, na_rep="")
    else:
        _print_table(out, hasil.capaian)
    errors = [t for t in hasil.temuan if t.tingkat != WARNING]
    if errors:
        sys.stderr.write(f"{len(errors)} masalah pada baris masukan; baris tetap ditulis.\n")
        return 1
    return 0


def _print_table(out: pd.DataFrame, capaian: pd.Series) -> None:
    name = next(c for c in out.columns if str(c).strip().casefold() == "indikator")
    shown = pd.DataFrame(
        {
            "No": range(1, len(out) + 1),
            "Indikator": out[name].astype(str).str.slice(0, 60),
            "Capaian": [format_persen(v) for v in capaian],
            "Predikat": out["predikat"],
            "Keterangan": out["keterangan"],
        }
    )
    with pd.option_context(
        "display.max_rows", None, "display.max_colwidth", 80, "display.width", 200
    ):
        sys.stdout.write(shown.to_string(index=False) + "\n")


def _run_kantor(args: argparse.Namespace) -> int:
    """``--kantor DIR --periode P``: the office's measurement, printed."""
    if args.kantor is None or args.periode is None:
        raise UsageError("--kantor dan --periode dipakai bersama.")
    if args.input is not None or args.output is not None or args.skala_predikat is not None:
        raise UsageError(
            "Dengan --kantor, BERKAS, -o dan --skala-predikat tidak dipakai: skala dan data "
            "diambil dari kantor. Berkas Excel pengukuran dibuat oleh kinerja dokumen."
        )
    # the office's measurement loads the whole pipeline (~0.2 s): only on this path, so the
    # file mode of ``kinerja hitung`` starts as fast as before
    from kinerja.jalankan.langkah import ukur_kantor

    kantor = load_kantor(args.kantor)
    sys.stdout.write(f"{kantor.nama} — Pengukuran Kinerja {args.periode.label}\n\n")
    print_capaian(ukur_kantor(kantor, args.periode))
    return 0


def print_capaian(ukuran, out=None) -> None:
    """The measurement (a ``jalankan.langkah.Ukuran``) as text tables and the office's
    capaian in one line (to ``out``, default the current ``sys.stdout``)."""
    out = out or sys.stdout
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
