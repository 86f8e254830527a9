"""``kinerja demo``: the demo office's year, as a script of the public commands.

Copies the demo office to ``reports/demo/<kantor>/`` (replacing an earlier demo), then
runs, in this process and each printed first as the shell line a person would type:
``kinerja ttd sertifikat-uji``, ``kinerja sop lanjut`` for steps 1–6 (the demo's returned
forms of TW I … TW IV already sit in the office's ``formulir-kembali/``), ``kinerja
validasi impor`` with the demo's review decisions, ``kinerja hitung --kantor`` (the
capaian), ``sop lanjut`` 7–8, ``kinerja jalankan`` (notebooks and HTML into
``<keluaran>/<periode>/``), ``sop lanjut`` 9–14 (letters, the signed document and the
package into ``<keluaran>/<periode>-sop/``) and ``kinerja verifikasi``. Whatever the demo shows, a
real office does with the same commands. The step times are the demo's timeline
(``waktu_langkah``), ending on the signing date. The last line printed is the signed
PDF once the demo got that far; exit 0 only when ``verifikasi`` finds the archive intact.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import shlex
import shutil
import sys
from pathlib import Path

from kinerja.berkas.atomic import write_atomic
from kinerja.cli import main
from kinerja.inti.model import Periode
from kinerja.kantor.katalog import load_kantor
from kinerja.paths import copy_demo, reports_root
from kinerja.sop.register import status_sop

from .opsi import tambah_periode, tambah_tanggal_cetak

__all__ = [
    "PERIODE_DEMO",
    "TANGGAL_DEMO",
    "PerintahGagalError",
    "copy_demo",
    "register",
    "run",
    "waktu_langkah",
]

PERIODE_DEMO = "2025-TW4"
#: The demo signs on this date (consistent with its review decisions of 12–14 January 2026),
#: so every run prints the same document; --tanggal-cetak moves the whole SOP timeline.
TANGGAL_DEMO = "2026-01-20"

# step → (working days before signing, start, end, end day offset): the demo's timeline
_JADWAL: dict[int, tuple[int, str, str, int]] = {
    1: (10, "08:00", "08:15", 0),
    2: (10, "09:00", "10:00", 0),
    3: (10, "10:30", "10:55", 0),
    4: (9, "08:00", "08:30", 0),
    5: (8, "09:00", "11:00", 0),
    6: (7, "08:00", "10:00", 0),
    7: (6, "08:00", "11:00", 2),  # validation took three days: over the mutu baku
    8: (4, "13:00", "13:40", 0),
    9: (3, "09:00", "10:00", 0),
    10: (2, "09:00", "09:25", 0),
    11: (0, "09:00", "09:10", 0),
    12: (0, "10:00", "10:15", 0),
    13: (0, "10:30", "10:55", 0),
    14: (0, "11:00", "11:10", 0),
}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "demo",
        help="jalankan contoh lengkap pada kantor demo",
        description=(
            "Menyalin kantor demo ke reports/demo/ lalu menjalankan perintah kinerja yang "
            "sama dengan yang dipakai kantor sungguhan (setiap perintah dicetak dulu) untuk "
            "ke-14 langkah SOP periode demo. Baris terakhir keluaran adalah jalur PDF "
            "bertanda tangan."
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


def _hari_kerja_sebelum(tanggal: dt.date, n: int) -> dt.date:
    day = tanggal
    while n > 0:
        day -= dt.timedelta(days=1)
        if day.weekday() < 5:
            n -= 1
    return day


def waktu_langkah(no: int, tanggal: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """Start and end (naive, WIB) of step ``no`` in the demo timeline ending on ``tanggal``."""
    before, start, end, extra = _JADWAL[no]
    day = _hari_kerja_sebelum(tanggal, before)
    end_day = day
    for _ in range(extra):
        end_day += dt.timedelta(days=1)
        while end_day.weekday() >= 5:
            end_day += dt.timedelta(days=1)

    def at(d: dt.date, hm: str) -> dt.datetime:
        return dt.datetime.combine(d, dt.time.fromisoformat(hm))

    return at(day, start), at(end_day, end)


def _jalur(path: Path) -> str:
    """A path as the printed command names it: relative to the working folder when inside."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


class PerintahGagalError(Exception):
    """A command of the script did not exit 0 (its own message is already printed)."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def _kinerja(*args: str) -> None:
    """Print ``$ kinerja ARGS`` and run it through the CLI's own entry; stop unless exit 0."""
    sys.stdout.write(f"\n$ kinerja {shlex.join(args)}\n")
    sys.stdout.flush()
    code = main(list(args))
    sys.stdout.flush()
    if code != 0:
        raise PerintahGagalError(code)


def _jam(no: int, tanggal: dt.date) -> tuple[str, ...]:
    mulai, selesai = waktu_langkah(no, tanggal)
    return ("--mulai", f"{mulai:%Y-%m-%dT%H:%M}", "--selesai", f"{selesai:%Y-%m-%dT%H:%M}")


_WAKTU_TOML = re.compile(r"^(waktu\s*=\s*)(\d{4}-\d{2}-\d{2})", re.MULTILINE)


def _keputusan_digeser(office: Path, tanggal: dt.date) -> Path:
    """The office copy's ``keputusan-demo.toml``, its times moved with the timeline of
    ``tanggal`` (unchanged on the default date), so the decisions fall within step 7."""
    path = office / "keputusan-demo.toml"
    geser = (
        waktu_langkah(7, tanggal)[0] - waktu_langkah(7, dt.date.fromisoformat(TANGGAL_DEMO))[0]
    ).days
    if geser:
        teks = _WAKTU_TOML.sub(
            lambda m: m[1] + (dt.date.fromisoformat(m[2]) + dt.timedelta(days=geser)).isoformat(),
            path.read_text(encoding="utf-8"),
        )
        write_atomic(path, teks)
    return path


def _skrip(office: Path, periode: Periode, tanggal: dt.date, root: Path) -> None:
    """The demo's commands, in the order an office runs them."""
    kantor = ("--kantor", _jalur(office))
    cetak = ("--tanggal-cetak", tanggal.isoformat())
    lanjut = ("sop", "lanjut", *kantor, "--periode", str(periode))
    lanjut += ("--keluaran", _jalur(root / f"{periode}-sop"))
    _kinerja("ttd", "sertifikat-uji", *kantor)
    rapat = ("--tanggal-rapat", f"{waktu_langkah(5, tanggal)[0]:%Y-%m-%d}")
    for no in range(1, 7):
        _kinerja(*lanjut, *_jam(no, tanggal), *(rapat if no == 4 else ()))
    keputusan = _jalur(_keputusan_digeser(office, tanggal))
    _kinerja("validasi", "impor", *kantor, "--periode", str(periode), "--berkas", keputusan)
    _kinerja("hitung", *kantor, "--periode", str(periode))
    for no in (7, 8):
        _kinerja(*lanjut, *_jam(no, tanggal))
    terbit = root / str(periode)
    _kinerja("jalankan", *kantor, "--periode", str(periode), *cetak, "--keluaran", _jalur(terbit))
    draf = ("--berkas", _jalur(terbit / f"pengukuran-kinerja-{periode}.pdf"))  # jalankan's PDF
    _kinerja(*lanjut, *_jam(9, tanggal), *cetak, *draf)
    _kinerja(*lanjut, *_jam(10, tanggal), *cetak)
    for no in range(11, 15):
        _kinerja(*lanjut, *_jam(no, tanggal))
    _kinerja("verifikasi", *kantor)


def run(args: argparse.Namespace) -> int:
    periode = args.periode
    tanggal = args.tanggal_cetak  # a date: argparse reads the default text too
    root = (args.keluaran or reports_root() / "demo").resolve()
    office = copy_demo(root)
    sop_dir = root / f"{periode}-sop"  # beside the published folder, which jalankan swaps
    if sop_dir.exists():  # the earlier demo's letters and package go with its office copy
        shutil.rmtree(sop_dir)
    out = sys.stdout
    out.write(f"{load_kantor(office).nama} — Pengukuran Kinerja {periode.label}\n")
    out.write(f"Kantor demo disalin ke {office}\n")
    try:
        _skrip(office, periode, tanggal, root)
    except PerintahGagalError as exc:
        out.write(f"\nDemo berhenti: perintah terakhir keluar dengan kode {exc.code}.\n")
        return 1
    ttd = status_sop(office, str(periode))[10]["artefak"]
    out.write(f"\n{sop_dir / 'dokumen' / ttd}\n")
    return 0
