"""``kinerja himpun --kantor DIR --periode P BERKAS... [--laporan-json F]``."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import tempfile
from pathlib import Path

import pandas as pd

from kinerja.formulir.himpun import HasilHimpun, himpun
from kinerja.formulir.pesan import judul_temuan
from kinerja.inti.errors import kata_tingkat
from kinerja.inti.kelengkapan import matriks
from kinerja.kantor.katalog import load_kantor

from .opsi import tambah_kantor, tambah_periode

_STATUS = {"diterima": "diterima", "ditolak": "DITOLAK", "duplikat": "duplikat"}


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


def render(hasil: HasilHimpun) -> str:
    """The intake as text: files, findings (by their Indonesian title; the codes are in
    the JSON report), completeness matrix."""
    lines = [f"Himpunan formulir {hasil.kantor} — {hasil.periode.label}", ""]
    rows = [
        {
            "Berkas": b.nama,
            "Unit": b.unit or "-",
            "Status": _STATUS[b.status],
            "Baris": b.baris,
            "Kesalahan": sum(t.is_error for t in b.temuan),
            "Peringatan": sum(not t.is_error for t in b.temuan),
        }
        for b in hasil.berkas
    ]
    lines.append(pd.DataFrame(rows).to_string(index=False))
    diterima = sum(b.status == "diterima" for b in hasil.berkas)
    ditolak = sum(b.status == "ditolak" for b in hasil.berkas)
    lines += ["", f"{diterima} berkas diterima, {ditolak} ditolak, dari {len(hasil.berkas)}.", ""]
    if hasil.temuan:
        lines.append(f"Temuan ({len(hasil.temuan)}):")
        for t in hasil.temuan:
            label = kata_tingkat(t.tingkat)
            lines.append(f"  [{label}] {judul_temuan(t.kode)}: {t.pesan}")
    else:
        lines.append("Tidak ada temuan.")
    long = hasil.kelengkapan
    terisi = int(long["status"].eq("ada").sum())
    lines += [
        "",
        f"Kelengkapan realisasi {hasil.periode.label_sd}: {terisi} dari {len(long)} terisi "
        "(ada = sudah dilaporkan, kosong = formulir kembali tanpa nilai, belum = belum ada formulir).",
    ]
    if not long.empty:
        wide = matriks(long)
        wide["indikator"] = wide["indikator"].astype("str").str.slice(0, 48)
        lines.append(
            wide.rename(
                columns={"unit": "Unit", "kode": "Kode", "indikator": "Indikator"}
            ).to_string(index=False)
        )
    return "\n".join(lines) + "\n"


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
