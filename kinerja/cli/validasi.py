"""``kinerja validasi``: the findings of a periode and the reviewers' decisions on them.

    kinerja validasi --kantor DIR --periode P [--semua] [--json F]
    kinerja validasi putuskan --kantor DIR --periode P --temuan ID --keputusan K
                              --oleh PERAN --alasan TEKS [--nilai-baru X] [--waktu ISO]
    kinerja validasi riwayat --kantor DIR --periode P [--temuan ID]
    kinerja validasi impor --kantor DIR --periode P --berkas F.toml [--waktu ISO]

The listing exits 1 while an error-level finding is unresolved (undecided or
returned to the unit), 0 otherwise, so a scheduled run can tell; 2 for usage errors.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import tempfile
import textwrap
from pathlib import Path

from kinerja.inti.errors import ERROR, InputError, UsageError, kata_tingkat
from kinerja.inti.model import ROMAWI, Periode
from kinerja.inti.tanggal import WIB
from kinerja.kantor.katalog import load_kantor
from kinerja.validasi import ledger
from kinerja.validasi.berkas_keputusan import terapkan_berkas_keputusan
from kinerja.validasi.keputusan import KEPUTUSAN, STATUS, TemuanDitinjau
from kinerja.validasi.lampiran import keputusan_untuk_dokumen
from kinerja.validasi.pesan import judul_temuan

from .opsi import tambah_kantor, tambah_periode, tambah_waktu


def _common(p: argparse.ArgumentParser, default: object = None) -> None:
    tambah_kantor(p, wajib=False, default=default)
    tambah_periode(p, wajib=False, default=default, bantuan="periode, misalnya 2025-TW4 atau 2025")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "validasi",
        help="temuan validasi dan keputusan peninjau",
        description=(
            "Tanpa subperintah: menampilkan temuan yang belum selesai untuk periode ini. "
            "Keluar 1 selama ada temuan tingkat KESALAHAN yang belum diputus atau dikembalikan "
            "ke unit, 0 bila tidak ada, 2 bila salah pakai."
        ),
    )
    _common(p)
    p.add_argument("--semua", action="store_true", help="tampilkan juga temuan yang sudah diputus")
    p.add_argument(
        "--json", type=Path, metavar="BERKAS", help="tulis semua temuan dan keputusan ke JSON"
    )
    p.set_defaults(func=run, aksi=None)
    aksi = p.add_subparsers(dest="aksi", metavar="AKSI", parser_class=type(p))

    q = aksi.add_parser(
        "putuskan",
        help="catat keputusan atas satu temuan",
        description=(
            "Mencatat keputusan (terima, koreksi, kembalikan) atas satu temuan di basis data "
            "kantor. Keputusan kedua atas temuan yang sama menggantikan yang pertama; "
            "keduanya tetap tersimpan. Koreksi tidak menimpa nilai kiriman unit."
        ),
    )
    _common(q, argparse.SUPPRESS)
    q.add_argument("--temuan", required=True, metavar="ID", help="ID temuan (boleh 6 huruf awal)")
    q.add_argument("--keputusan", required=True, choices=list(KEPUTUSAN))
    q.add_argument("--oleh", required=True, metavar="PERAN", help="peran pejabat di kantor.toml")
    q.add_argument(
        "--alasan", required=True, metavar="TEKS", help="alasan, atau catatan untuk unit"
    )
    q.add_argument("--nilai-baru", metavar="X", help="nilai koreksi (hanya untuk koreksi)")
    tambah_waktu(q, "--waktu", metavar="ISO", bantuan="waktu keputusan (bawaan: sekarang, WIB)")
    q.set_defaults(func=run_putuskan)

    r = aksi.add_parser(
        "riwayat",
        help="semua keputusan yang tercatat, termasuk yang sudah diganti",
        description="Menampilkan setiap baris buku keputusan periode ini, urut waktu pencatatan.",
    )
    _common(r, argparse.SUPPRESS)
    r.add_argument("--temuan", metavar="ID", help="hanya temuan ini")
    r.set_defaults(func=run_riwayat)

    i = aksi.add_parser(
        "impor",
        help="catat keputusan dari berkas TOML (mis. keputusan-demo.toml)",
        description=(
            "Mencatat keputusan dari berkas TOML ([[keputusan]] dengan kode, indikator, tw, "
            "keputusan, oleh, alasan, nilai_baru). Entri yang sudah tercatat dilewati. "
            "Keluar 1 bila ada entri yang tidak cocok dengan temuan mana pun."
        ),
    )
    _common(i, argparse.SUPPRESS)
    i.add_argument("--berkas", required=True, type=Path, help="berkas TOML keputusan")
    tambah_waktu(i, "--waktu", metavar="ISO", bantuan="waktu bawaan entri (bawaan: sekarang, WIB)")
    i.set_defaults(func=run_impor)


def _context(args: argparse.Namespace):
    if not getattr(args, "kantor", None) or not getattr(args, "periode", None):
        raise UsageError("Sebutkan --kantor DIR dan --periode P, misalnya --periode 2025-TW4.")
    return load_kantor(args.kantor), Periode.parse(args.periode)


def _waktu_atau_sekarang(args: argparse.Namespace) -> dt.datetime:
    """--waktu (read while parsing), else now in WIB: the clock is read here only."""
    return args.waktu or dt.datetime.now(WIB).replace(microsecond=0)


def _tw(tw: object) -> str:
    return ROMAWI.get(tw, "-") if isinstance(tw, int) else "-"


def _print_findings(rows: list[TemuanDitinjau], out) -> None:
    head = f"{'ID':<12}  {'Tingkat':<10}  {'Unit':<8}  {'Indikator':<9}  {'TW':<3}  {'Status':<20}  Temuan"
    out.write(head + "\n" + "-" * len(head) + "\n")
    for d in rows:
        t = d.temuan
        out.write(
            f"{d.id:<12}  {kata_tingkat(t.tingkat):<10}  {t.unit or '-':<8}  "
            f"{t.indikator or '-':<9}  {_tw(t.data.get('tw')):<3}  {STATUS[d.status]:<20}  "
            f"{judul_temuan(t.kode)}\n"
        )
        lines = [t.pesan]
        if t.lokasi():
            lines.append(f"Lokasi: {t.lokasi()}")
        if d.keputusan is not None:
            k = d.keputusan
            nilai = f" → {k.nilai_baru_teks}" if k.nilai_baru else ""
            lines.append(f"{k.label}{nilai} oleh {k.oleh_nama}, {k.waktu_teks}: {k.alasan}")
        for line in lines:
            out.write(textwrap.indent(textwrap.fill(line, 96), "    ") + "\n")


def run(args: argparse.Namespace) -> int:
    kantor, periode = _context(args)
    rows = ledger.tinjauan(kantor, periode)
    shown = rows if args.semua else [d for d in rows if d.terbuka]
    out = sys.stdout
    out.write(f"{kantor.nama} — validasi data {periode.label}\n\n")
    if shown:
        _print_findings(shown, out)
        out.write("\n")
    n_err = sum(d.temuan.tingkat == ERROR for d in rows)
    putus = sum(not d.terbuka for d in rows)
    err_open = sum(d.terbuka and d.temuan.tingkat == ERROR for d in rows)
    out.write(
        f"Ringkasan: {len(rows)} temuan ({n_err} kesalahan, {len(rows) - n_err} peringatan); "
        f"{putus} selesai diputus; {len(rows) - putus} belum selesai, "
        f"{err_open} di antaranya kesalahan.\n"
    )
    if args.json:
        _write_json(args.json, keputusan_untuk_dokumen(kantor, periode))
    if err_open:
        out.write(
            "Dokumen masih DRAF: putuskan setiap temuan KESALAHAN (kinerja validasi putuskan … "
            "atau buku catatan 03-tinjau-temuan).\n"
        )
        return 1
    return 0


def _write_json(path: Path, rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump({"temuan": rows}, f, ensure_ascii=False, indent=2)
    Path(tmp).replace(path)


def _find(kantor, periode, ident: str):
    ident = ident.strip().casefold()
    if len(ident) < 6:
        raise UsageError("Tulis ID temuan paling sedikit 6 huruf (lihat: kinerja validasi).")
    found = [t for t in ledger.load_temuan(kantor, periode) if t.data["id"].startswith(ident)]
    if len(found) != 1:
        raise UsageError(
            f'Temuan "{ident}" tidak ada pada periode {periode}. Lihat daftar ID dengan '
            f"kinerja validasi --kantor {kantor.path} --periode {periode} --semua."
        )
    return found[0]


def run_putuskan(args: argparse.Namespace) -> int:
    kantor, periode = _context(args)
    temuan = _find(kantor, periode, args.temuan)
    k = ledger.catat_keputusan(
        kantor,
        periode,
        temuan,
        args.keputusan,
        peran=args.oleh,
        alasan=args.alasan,
        waktu=_waktu_atau_sekarang(args),
        nilai_baru=args.nilai_baru,
    )
    ganti = f" (menggantikan keputusan #{k.menggantikan})" if k.menggantikan else ""
    nilai = f": {k.nilai_lama_teks} → {k.nilai_baru_teks}" if k.keputusan == "koreksi" else ""
    sys.stdout.write(
        f"Keputusan #{k.id} dicatat{ganti}: {k.label}{nilai} — temuan {k.temuan_id} "
        f"({judul_temuan(k.kode)}, {k.indikator or '-'}), oleh {k.oleh_nama} ({k.oleh_jabatan}), "
        f"{k.waktu_teks}.\n"
    )
    return 0


def run_riwayat(args: argparse.Namespace) -> int:
    kantor, periode = _context(args)
    rows = ledger.riwayat(kantor, periode)
    if args.temuan:
        rows = [r for r in rows if r.temuan_id.startswith(args.temuan.strip().casefold())]
    out = sys.stdout
    out.write(f"{kantor.nama} — buku keputusan {periode.label}: {len(rows)} baris\n\n")
    for r in rows:
        ganti = f", menggantikan #{r.menggantikan}" if r.menggantikan else ""
        nilai = f" ({r.nilai_lama_teks} → {r.nilai_baru_teks})" if r.keputusan == "koreksi" else ""
        out.write(
            f"#{r.id} {r.waktu_teks} — {r.oleh_nama} ({r.oleh_peran}): {r.label}{nilai}, "
            f"temuan {r.temuan_id} {judul_temuan(r.kode)} {r.unit} {r.indikator} TW {_tw(r.tw)}"
            f"{ganti}\n"
        )
        out.write(textwrap.indent(textwrap.fill(f"Alasan: {r.alasan}", 96), "    ") + "\n")
    return 0


def run_impor(args: argparse.Namespace) -> int:
    kantor, periode = _context(args)
    if not args.berkas.is_file():
        raise InputError(f'Berkas keputusan "{args.berkas}" tidak ditemukan.')
    dicatat, tidak_cocok = terapkan_berkas_keputusan(
        kantor, periode, args.berkas, _waktu_atau_sekarang(args)
    )
    out = sys.stdout
    out.write(f"{len(dicatat)} keputusan dicatat dari {args.berkas.name}.\n")
    for entry in tidak_cocok:
        out.write(
            f"Tidak cocok dengan temuan mana pun: {judul_temuan(str(entry.get('kode')))} "
            f"({entry.get('kode')}) {entry.get('indikator')} "
            f"TW {entry.get('tw', '-')} ({entry.get('keputusan')}).\n"
        )
    return 1 if tidak_cocok else 0
