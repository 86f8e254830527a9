"""``kinerja sop status|mulai|catat|lanjut``: the SOP register of one periode.

``status`` shows the 14 steps, who did what when, and the time taken against the
SOP's mutu baku in working minutes (steps over the standard marked ``MELEBIHI``); ``catat`` records a
human step (disposisi, rapat, koreksi Camat, persetujuan, tanda tangan, penggandaan)
and exits 1 with the Indonesian refusal when it is out of order; ``lanjut`` does the next
step itself (``jalankan.lanjut``) and exits 1 when that step waits on a person.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from kinerja.inti.errors import UsageError
from kinerja.inti.filename import safe_filename
from kinerja.inti.model import Periode
from kinerja.inti.tanggal import WIB, format_tanggal, format_waktu
from kinerja.jalankan.lanjut import Lanjut, lanjutkan, sekarang
from kinerja.kantor.katalog import load_kantor
from kinerja.paths import reports_root
from kinerja.sop.definisi import sebutan_pelaksana
from kinerja.sop.register import catat_langkah, load_sop, mulai_sop, status_sop

from .opsi import (
    tambah_kantor,
    tambah_keluaran,
    tambah_periode,
    tambah_tanggal,
    tambah_tanggal_cetak,
    tambah_waktu,
)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "sop",
        help="register SOP Pengukuran Kinerja: status dan pencatatan langkah",
        description="Register 14 langkah SOP Pengukuran Kinerja per periode.",
    )
    verbs = p.add_subparsers(dest="verb", metavar="TINDAKAN", parser_class=type(p))
    verbs.required = True

    s = verbs.add_parser("status", help="tampilkan langkah, pelaksana, waktu dan mutu baku")
    _common(s)
    s.set_defaults(func=run_status)

    m = verbs.add_parser("mulai", help="buka register SOP untuk periode ini")
    _common(m)
    m.add_argument("--oleh", default="sekretaris_tim", help="peran yang membuka")
    m.set_defaults(func=run_mulai)

    c = verbs.add_parser(
        "catat",
        help="catat satu langkah (mulai, selesai, berkas, paraf, catatan)",
        description=(
            "Mencatat satu langkah SOP. Langkah hanya dapat dicatat bila semua langkah "
            "sebelumnya selesai. Keluar 0 bila tercatat, 1 bila ditolak, 2 bila salah pakai."
        ),
    )
    _common(c)
    c.add_argument("--langkah", required=True, type=int, help="nomor langkah 1–14")
    c.add_argument("--pelaksana", required=True, help="peran: camat, sekcam, sekretaris_tim, …")
    tambah_waktu(c, "--mulai", bantuan="jam mulai YYYY-MM-DDTHH:MM (WIB)")
    tambah_waktu(c, "--selesai", bantuan="jam selesai YYYY-MM-DDTHH:MM (WIB)")
    c.add_argument("--berkas", type=Path, help="artefak langkah ini (diarsipkan dengan hash)")
    c.add_argument("--nomor", default="", help="nomor surat (langkah 12)")
    c.add_argument("--paraf", default="", help="paraf/persetujuan, misalnya 'sekcam,kasubag_pk'")
    c.add_argument("--catatan", default="", help="catatan")
    c.set_defaults(func=run_catat)

    n = verbs.add_parser(
        "lanjut",
        help="kerjakan langkah SOP berikutnya (formulir, himpun, dokumen, tanda tangan, paket)",
        description=(
            "Mengerjakan langkah SOP berikutnya untuk kantor dan periode itu dengan fungsi yang "
            "sama dengan perintah lain, mencatatnya di register beserta artefaknya, dan "
            "menyebutkan apa yang diperlukan langkah berikutnya. Keluar 0 bila satu langkah "
            "dikerjakan (atau semua sudah selesai), 1 bila langkah berikutnya menunggu orang "
            "(formulir belum kembali, temuan KESALAHAN belum diputus, belum ada penanda tangan), "
            "2 bila salah pakai."
        ),
    )
    _common(n)
    tambah_keluaran(
        n, bantuan="folder semua keluaran periode ini (bawaan: reports/<kantor>/<periode>/)"
    )
    n.add_argument(
        "--berkas",
        type=Path,
        help=(
            "langkah 6: formulir kembali (berkas atau folder; bawaan: "
            "<kantor>/formulir-kembali/<periode>/); langkah 9: draf dokumen yang sudah dibuat "
            "(PDF dari kinerja jalankan atau kinerja dokumen; bawaan: dibuat di draf/)"
        ),
    )
    ttd = n.add_mutually_exclusive_group()
    ttd.add_argument("--pkcs12", type=Path, help="PKCS#12 penanda tangan (bawaan: [tte] pkcs12)")
    ttd.add_argument(
        "--pindaian",
        type=Path,
        help=(
            "pindaian halaman bertanda tangan basah (langkah 11, dan langkah 12 bila dokumen "
            "ditandatangani basah)"
        ),
    )
    for nama, kata in (("--mulai", "mulai"), ("--selesai", "selesai")):
        tambah_waktu(
            n, nama, metavar="WAKTU", bantuan=f"jam {kata} langkah, WIB (bawaan: sekarang)"
        )
    tambah_tanggal_cetak(
        n, bantuan="tanggal yang dicetak pada dokumen di langkah 9–10 (bawaan: tanggal --mulai)"
    )
    tambah_tanggal(
        n,
        "--tanggal-rapat",
        metavar="YYYY-MM-DD",
        bantuan=(
            "langkah 4: tanggal rapat di undangan (bawaan: hari kerja kedua sesudahnya); "
            "langkah 5: rapat diadakan pada tanggal lain dari undangan (dicatat)"
        ),
    )
    n.set_defaults(func=run_lanjut)


def _common(p: argparse.ArgumentParser) -> None:
    tambah_kantor(p)
    tambah_periode(p, bantuan="periode, misalnya 2025-TW1 atau 2025")


def run_mulai(args: argparse.Namespace) -> int:
    kantor = load_kantor(args.kantor)
    periode = str(args.periode)
    mulai_sop(kantor, periode, waktu=dt.datetime.now(WIB), oleh=args.oleh)
    sys.stdout.write(f"Register SOP periode {periode} dibuka.\n")
    return 0


def run_catat(args: argparse.Namespace) -> int:
    kantor = load_kantor(args.kantor)
    periode = str(args.periode)
    mulai, selesai = args.mulai, args.selesai
    if mulai is None and selesai is None:
        selesai = dt.datetime.now(WIB).replace(microsecond=0)
    row = catat_langkah(
        kantor,
        periode,
        args.langkah,
        pelaksana=args.pelaksana,
        mulai=mulai,
        selesai=selesai,
        artefak=args.berkas,
        nomor_surat=args.nomor,
        catatan=args.catatan,
        paraf=args.paraf,
    )
    sys.stdout.write(f"Langkah {row['no']} ({row['uraian']}): {row['status']}")
    if row["menit"] is not None:
        sys.stdout.write(f", {row['menit']} menit kerja (mutu baku {row['mutu_baku']} menit)")
    sys.stdout.write(".\n")
    if row["sha256"]:
        sys.stdout.write(f"Artefak {row['artefak'] or '-'} sha256 {row['sha256']}\n")
    if row["no"] == 10 and row["status"] == "selesai":
        _beri_nomor_dokumen(kantor, periode, selesai or dt.datetime.now(WIB))
    return 0


def _beri_nomor_dokumen(kantor, periode: str, waktu: dt.datetime) -> None:
    """Step 10 done: the document gets its number (the one it has, or the register's next)."""
    from kinerja.naskah.penomoran import alokasi_nomor_dokumen

    label = Periode.parse(periode).label
    nomor = alokasi_nomor_dokumen(
        kantor,
        periode,
        f"Dokumen Pengukuran Kinerja {label}",
        tanggal=waktu.date(),
        waktu=waktu,
        oleh="sekcam",
    )
    sys.stdout.write(
        f"Nomor dokumen: {nomor}. Susun ulang dokumen (kinerja jalankan, atau kinerja dokumen) "
        "agar nomor ini tercetak di lembar pengesahan, lalu tandatangani (kinerja ttd).\n"
    )


def _jam(value: dt.datetime | None) -> str:
    if value is None:
        return "-"
    return f"{format_tanggal(value)} {format_waktu(value)}"


def run_status(args: argparse.Namespace) -> int:
    kantor = load_kantor(args.kantor)
    periode = str(args.periode)
    rows = status_sop(kantor, periode)
    sop = load_sop(kantor)
    out = sys.stdout
    nomor = sop["nomor_sop"] or "nomor SOP belum diisi: [sop] nomor di kantor.toml"
    out.write(f"SOP {sop['nama']} ({nomor}) — {kantor.nama}, periode {periode}\n\n")
    selesai = 0
    for r in rows:
        mark = "✔" if r["status"] == "selesai" else ("…" if r["status"] == "berjalan" else " ")
        out.write(f"[{mark}] {r['no']:>2}. {r['uraian']}\n")
        if r["status"] == "belum":
            out.write(f"       belum dicatat; mutu baku {r['mutu_baku']} menit\n")
            continue
        selesai += r["status"] == "selesai"
        siapa = sebutan_pelaksana(kantor, sop, r["pelaksana"], r["nama_pelaksana"])
        out.write(f"       pelaksana: {siapa}\n")
        out.write(f"       mulai {_jam(r['mulai'])}, selesai {_jam(r['selesai'])}\n")
        if r["menit"] is not None:
            flag = "  ← MELEBIHI MUTU BAKU" if r["melebihi"] else ""
            kerja = f"waktu {r['menit']} menit jam kerja ({r['menit_kalender']} menit jam dinding)"
            out.write(f"       {kerja} / mutu baku {r['mutu_baku']} menit{flag}\n")
        if r["sha256"]:
            out.write(f"       artefak: {r['artefak'] or '-'} sha256 {r['sha256'][:16]}…\n")
        for key, label in (("nomor_surat", "nomor"), ("paraf", "paraf"), ("catatan", "catatan")):
            if r[key]:
                out.write(f"       {label}: {r[key]}\n")
    lewat = sum(r["melebihi"] for r in rows)
    out.write(f"\n{selesai} dari {len(rows)} langkah selesai; {lewat} melebihi mutu baku.\n")
    return 0


def _jam_langkah(
    mulai: dt.datetime | None, selesai: dt.datetime | None
) -> tuple[dt.datetime, dt.datetime]:
    """The step's start and end: --selesai else now; --mulai else the end. Usage error when
    the end is before the start."""
    selesai = selesai or sekarang()
    mulai = mulai or selesai
    if selesai < mulai:
        raise UsageError(
            f"Jam selesai {_jam(selesai)} lebih awal dari jam mulai {_jam(mulai)}: periksa "
            "--mulai dan --selesai (jam WIB)."
        )
    return mulai, selesai


def run_lanjut(args: argparse.Namespace) -> int:
    kantor = load_kantor(args.kantor)
    periode = args.periode
    keluaran = args.keluaran or reports_root() / safe_filename(kantor.kode) / str(periode)
    mulai, selesai = _jam_langkah(args.mulai, args.selesai)
    j = Lanjut(
        kantor,
        periode,
        Path(keluaran).resolve(),
        selesai,
        berkas=args.berkas,
        pkcs12=args.pkcs12,
        pindaian=args.pindaian,
        mulai=mulai if args.mulai else None,  # step 5 tells a given --mulai from the clock
        tanggal_cetak=args.tanggal_cetak,
        tanggal_rapat=args.tanggal_rapat,
    )
    no, teks, nanti = lanjutkan(j)
    if no is None:
        sys.stdout.write(teks + "\n")
        return 0
    sys.stdout.write(f"Langkah {no} selesai: {teks}\n")
    sys.stdout.write((f"Berikutnya: {nanti}" if no < 14 else nanti) + "\n")
    return 0
