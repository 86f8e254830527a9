"""Scheduled runs: the periode rule, and the cron / systemd / Task Scheduler entries.

The periode of a scheduled run is derived from the run date by one explicit
rule (``ATURAN``), printed in the schedule's comment and in the run's log: the
quarter that closed most recently before the run date. The run itself is
``kinerja jalankan --kantor DIR --periode-otomatis``; the lock
(``pipeline.kunci_kantor``) keeps two runs of one office apart, and the exit
code (0 / 1) tells the scheduler whether it worked.
"""

from __future__ import annotations

import os
import shlex
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kinerja.inti.errors import UsageError
from kinerja.inti.filename import safe_filename
from kinerja.inti.model import Periode
from kinerja.inti.tanggal import format_tanggal

__all__ = [
    "ATURAN",
    "BULAN_JALAN",
    "Jadwal",
    "is_root",
    "jadwal_kantor",
    "pasang",
    "periode_otomatis",
    "systemd_dir",
]

#: The rule, as printed for people.
ATURAN = (
    "periode otomatis = triwulan terakhir yang sudah berakhir sebelum tanggal jalan "
    "(jalan 5 Januari 2026 → 2025-TW4; jalan 3 Oktober 2025 → 2025-TW3)"
)

#: Months in which the quarter just closed is reported (January, April, July, October).
BULAN_JALAN = (1, 4, 7, 10)
_BULAN_EN = {1: "JAN", 4: "APR", 7: "JUL", 10: "OCT"}


def periode_otomatis(tanggal: date) -> Periode:
    """The quarter that closed most recently before ``tanggal`` (see ``ATURAN``)."""
    tw_berjalan = (tanggal.month - 1) // 3 + 1
    if tw_berjalan == 1:
        return Periode(tanggal.year - 1, 4, False)
    return Periode(tanggal.year, tw_berjalan - 1, False)


def penjelasan(tanggal: date) -> str:
    """One line for the log: the date, the rule, the periode it gives."""
    per = periode_otomatis(tanggal)
    return (
        f"Periode otomatis: {per} ({per.label}), karena tanggal jalan {format_tanggal(tanggal)}; "
        f"{ATURAN}."
    )


@dataclass(frozen=True)
class Jadwal:
    """The schedule of one office's runs, in the three forms a machine may need."""

    nama: str  # unit and task name: kinerja-<kantor kode> (a safe file name)
    perintah: list[str]  # the command a scheduled run executes
    workdir: Path  # where it runs: results go to <workdir>/reports/<kantor folder>/<periode>/
    hari: int
    jam: int
    menit: int

    @property
    def perintah_teks(self) -> str:
        return shlex.join(self.perintah)

    def cron(self) -> str:
        months = ",".join(str(m) for m in BULAN_JALAN)
        return (
            f"# kinerja: {ATURAN}\n"
            f"{self.menit} {self.jam} {self.hari} {months} * "
            f"cd {shlex.quote(str(self.workdir))} && {self.perintah_teks}"
        )

    def on_calendar(self) -> str:
        months = ",".join(f"{m:02d}" for m in BULAN_JALAN)
        return f"*-{months}-{self.hari:02d} {self.jam:02d}:{self.menit:02d}:00"

    def service(self) -> str:
        return (
            "[Unit]\n"
            f"Description=Pengukuran kinerja terjadwal ({self.nama}, periode otomatis)\n"
            "\n"
            "[Service]\n"
            "Type=oneshot\n"
            f"WorkingDirectory={self.workdir}\n"
            f"ExecStart={self.perintah_teks}\n"
            "# Kode keluar bukan 0 = gagal; lihat log di <kantor>/arsip/log/.\n"
        )

    def timer(self) -> str:
        return (
            "[Unit]\n"
            f"Description=Jadwal {self.nama}: {ATURAN}\n"
            "\n"
            "[Timer]\n"
            f"OnCalendar={self.on_calendar()}\n"
            "Persistent=true\n"
            "\n"
            "[Install]\n"
            "WantedBy=timers.target\n"
        )

    def schtasks(self) -> str:
        """The Task Scheduler command; the task changes to ``workdir`` first (a task starts in
        the system folder, where the results must not go)."""
        months = ",".join(_BULAN_EN[m] for m in BULAN_JALAN)
        return (
            f'schtasks /Create /TN "{self.nama}" /SC MONTHLY /M {months} /D {self.hari} '
            f"/ST {self.jam:02d}:{self.menit:02d} "
            f'/TR "cmd /c cd /d \\"{self.workdir}\\" && {self.perintah_teks}"'
        )


def jadwal_kantor(
    kantor_path: Path, kode: str, *, hari: int = 5, jam: str = "06:00", kinerja: Path | None = None
) -> Jadwal:
    """The schedule of the office at ``kantor_path`` (``kode`` names the units)."""
    if not 1 <= hari <= 28:
        raise UsageError(f"Hari {hari} tidak sah: pilih tanggal 1–28 agar ada di setiap bulan.")
    try:
        hh, mm = (int(x) for x in jam.split(":"))
        if not (0 <= hh < 24 and 0 <= mm < 60):
            raise ValueError
    except ValueError:
        raise UsageError(f'Jam "{jam}" tidak sah. Tulis JJ:MM, misalnya 06:00.') from None
    program = kinerja or Path(sys.executable).with_name("kinerja")
    perintah = [
        str(program),
        "jalankan",
        "--kantor",
        str(Path(kantor_path).resolve()),
        "--periode-otomatis",
    ]
    return Jadwal(
        nama=f"kinerja-{safe_filename(kode)}",
        perintah=perintah,
        # beside the office, not in it: the office folder is the run's input (hashed)
        workdir=Path(kantor_path).resolve().parent,
        hari=hari,
        jam=hh,
        menit=mm,
    )


def is_root() -> bool:
    """True when running as root on POSIX (Windows has no such user: False)."""
    geteuid = getattr(os, "geteuid", None)
    return geteuid is not None and geteuid() == 0


def systemd_dir() -> Path:
    """Where ``--pasang`` writes units: ``$KINERJA_SYSTEMD_DIR``, else the user's or system's."""
    env = os.environ.get("KINERJA_SYSTEMD_DIR")
    if env:
        return Path(env)
    if is_root():
        return Path("/etc/systemd/system")
    return Path.home() / ".config" / "systemd" / "user"


def pasang(jadwal: Jadwal, folder: Path | None = None) -> tuple[Path, Path]:
    """Write the .service and .timer files (atomically); return their paths."""
    folder = folder or systemd_dir()
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for suffix, text in ((".service", jadwal.service()), (".timer", jadwal.timer())):
        path = folder / f"{jadwal.nama}{suffix}"
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
        written.append(path)
    return written[0], written[1]
