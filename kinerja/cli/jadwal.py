"""``kinerja jadwal``: print (or install) the schedule of an office's unattended runs.

    kinerja jadwal --kantor DIR --periode-otomatis [--hari 5] [--jam 06:00] [--pasang]

Prints the rule that derives the periode from the run date, a cron line, a
systemd .service/.timer pair and a Windows ``schtasks`` line. ``--pasang``
writes the systemd units (``$KINERJA_SYSTEMD_DIR``, else
``~/.config/systemd/user`` or ``/etc/systemd/system`` as root) and prints the
``systemctl`` command that enables the timer.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kinerja.jalankan.jadwal import ATURAN, is_root, jadwal_kantor, pasang, systemd_dir
from kinerja.kantor.katalog import load_kantor

from .opsi import tambah_kantor


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "jadwal",
        help="tampilkan atau pasang jadwal jalankan otomatis (cron, systemd, Windows)",
        description=(
            "Menampilkan baris cron, pasangan systemd .service/.timer, dan perintah schtasks "
            "Windows yang menjalankan `kinerja jalankan --periode-otomatis` setiap awal "
            "triwulan. " + ATURAN + "."
        ),
    )
    tambah_kantor(p)
    p.add_argument(
        "--periode-otomatis",
        action="store_true",
        required=True,
        help="periode diturunkan dari tanggal jalan (wajib; satu-satunya cara terjadwal)",
    )
    p.add_argument("--hari", type=int, default=5, help="tanggal jalan dalam bulan (bawaan: 5)")
    p.add_argument("--jam", default="06:00", help="jam jalan JJ:MM (bawaan: 06:00)")
    p.add_argument(
        "--pasang",
        action="store_true",
        help="tulis berkas .service dan .timer ke folder unit systemd",
    )
    p.add_argument(
        "--folder-systemd",
        type=Path,
        help="folder unit systemd untuk --pasang (bawaan: $KINERJA_SYSTEMD_DIR, lalu "
        "~/.config/systemd/user, atau /etc/systemd/system bila root)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    kantor = load_kantor(args.kantor)
    jadwal = jadwal_kantor(kantor.path, kantor.kode, hari=args.hari, jam=args.jam)
    out = sys.stdout
    out.write(f"Aturan: {ATURAN}.\n\n")
    out.write("== cron (crontab -e) ==\n")
    out.write(jadwal.cron() + "\n\n")
    out.write(f"== systemd: {jadwal.nama}.service ==\n{jadwal.service()}\n")
    out.write(f"== systemd: {jadwal.nama}.timer ==\n{jadwal.timer()}\n")
    out.write("== Windows Task Scheduler (cmd; sesuaikan jalur untuk Windows) ==\n")
    out.write(jadwal.schtasks() + "\n")
    if args.pasang:
        folder = args.folder_systemd or systemd_dir()
        service, timer = pasang(jadwal, folder)
        user = "" if is_root() and args.folder_systemd is None else " --user"
        out.write(f"\nTerpasang:\n{service}\n{timer}\n")
        out.write(
            f"Aktifkan dengan: systemctl{user} daemon-reload && "
            f"systemctl{user} enable --now {jadwal.nama}.timer\n"
        )
    return 0
